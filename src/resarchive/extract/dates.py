"""Dates that say something about the document: place-and-date lines and adoption dates.

The date grammar itself (every written shape of a date or range) is `rules.dates`; the
offsets returned here are clean-text offsets (map them to the source with `ctx.span`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rules.dates import DateMention, dates_in
from ..rules.settlements import settlement_prefix

__all__ = ["DateMention", "PlaceLine", "find_adoption_date", "find_place_lines"]


@dataclass(frozen=True)
class PlaceLine:
    """A line such as "Тверь, 25 – 26 октября 2012 г." (the place as written)."""

    place: str
    place_start: int
    place_end: int
    date: DateMention


# "Тверь, 25 – 26 октября 2012 г." / "г. Тверь, 25.10.2012": a short line that holds
# only a place name and a date. The place is one to three capitalized words.
# The separator may be only spaces: "г. Псков          17 апреля 2018 г." (a place on
# the left margin, the date on the right one).
@lru_cache(maxsize=1)
def _place_head() -> re.Pattern:
    return re.compile(
        r"^(?:" + settlement_prefix() + r"\s*)?"
        r"(?P<place>[А-ЯЁ][а-яё]+(?:[- ][А-ЯЁа-яё][а-яё]+){0,2})"
        r"(?:\s*[,–—-]\s*|\s+(?=[сС]?\s*\d))"
    )


# The mirror shape: "17 апреля 2018 г.          г. Псков".
@lru_cache(maxsize=1)
def _place_tail() -> re.Pattern:
    return re.compile(
        r"\s*(?:[,–—-]\s*|\s)\s*(?:" + settlement_prefix() + r"\s*)?"
        r"(?P<place>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+){0,2})\s*\.?\s*$"
    )


def find_place_lines(text: str) -> list[PlaceLine]:
    """Lines made of a place and a date only, as in a heading "Тверь, 25 – 26 октября 2012 г."."""
    found: list[PlaceLine] = []
    pos = 0
    for line in text.split("\n"):
        if shape := _place_and_date(line):
            place, d = shape
            found.append(
                PlaceLine(
                    place.group("place"),
                    pos + place.start("place"),
                    pos + place.end("place"),
                    DateMention(pos + d.start, pos + d.end, d.first, d.last),
                )
            )
        pos += len(line) + 1
    return found


def _place_and_date(line: str) -> tuple[re.Match, DateMention] | None:
    """The place (a match with group "place") and the date of a place-and-date line."""
    head = _place_head().match(line)
    if head:  # place first
        dates = dates_in(line, head.end(), len(line))
        if dates and dates[0].start == head.end() and not line[dates[0].end :].strip(" ."):
            return head, dates[0]
        return None
    dates = dates_in(line, 0, len(line))  # date first
    if dates and not line[: dates[0].start].strip():
        tail = _place_tail().match(line, dates[0].end)
        if tail:
            return tail, dates[0]
    return None


# "Принята 26 октября 2012 г.", "Резолюция принята участниками конференции 26.10.2012",
# "Дата принятия: …". The date must follow the verb closely, in the same sentence, so
# that "На заседании 18 мая было принято решение …" is not an adoption date.
_ADOPTED = re.compile(
    r"(?:\b(?:[Пп]ринят[аоы]?|[Уу]тверждена?|[Оо]добрена?)\b|[Дд]ата принятия)"
    r"[^.!?\n]{0,80}?(?=\d)",
)


def find_adoption_date(text: str) -> DateMention | None:
    """The date the document says it was adopted on; None when it does not say."""
    found = None
    for m in _ADOPTED.finditer(text):
        following = dates_in(text, m.end(), min(len(text), m.end() + 60))
        if following and following[0].start == m.end():
            found = following[0]  # the last statement wins: it is usually the closing line
    return found
