"""Place-and-date lines: a heading line that holds only a place and a date.

"Тверь, 25 – 26 октября 2012 г.", "г. Тверь, 25.10.2012", "17 апреля 2018 г.   г. Псков",
"10 сентября 2019 г., г. Набережные Челны", "6 июня 2019 г., г. Тверь, ул. Советская, д. 5".
Read by `clean` (such a line is never joined to the line before) and by the event stage
(the place and date of the event).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import DateMention, dates_in
from .settlements import settlement_prefix
from .words import is_entry


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
        r"(?P<place>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+){0,2}(?: [А-ЯЁ][а-яё]+)?)"
        r"(?:\s*[,–—-]\s*|\s+(?=[сС]?\s*\d))"
    )


# The mirror shape: "17 апреля 2018 г.          г. Псков", "10 сентября 2019 г., г.
# Набережные Челны", also with the venue's address after the place ("…, г. Тверь, ул.
# Советская, д. 5").
_ADDRESS = r"(?:\s*,\s*(?:ул|пр|просп|пл|пер|наб|бул|ш|д|корп|стр|каб|оф)\.\s?[^,\n]{0,40})*"


@lru_cache(maxsize=1)
def _place_tail() -> re.Pattern:
    return re.compile(
        r"\s*(?:[,–—-]\s*|\s)\s*(?:" + settlement_prefix() + r"\s*)?"
        r"(?P<place>[А-ЯЁ][а-яё]+(?:[- ][А-ЯЁ][а-яё]+){0,2})" + _ADDRESS + r"\s*\.?\s*$"
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


def _ends(line: str, pos: int) -> bool:
    return not line[pos:].strip(" .") or bool(re.fullmatch(_ADDRESS + r"\s*\.?\s*", line[pos:]))


def _could_be_place(name: str) -> bool:
    """Not a verb ("Решили 13 мая …") nor a document's word ("Решение от …")."""
    from ..nlp import morph

    word = name.split()[0]
    first = morph().parse(word.lower())[0]
    if is_entry(word, "document_words"):
        return False
    return first.tag.POS not in ("VERB", "INFN", "PRTS", "ADVB", "PREP", "CONJ", "PRCL", "NPRO")


def is_place_line(line: str) -> bool:
    """Whether `line` is only a place and a date ("г. Тамбов, 24.II.2024").

    >>> is_place_line("13 окт. 2022 г., г. Саранск"), is_place_line("Решили 13 мая 2022 г.")
    (True, False)
    """
    return _place_and_date(line) is not None


_DIGIT = re.compile(r"\d")


def _place_and_date(line: str) -> tuple[re.Match, DateMention] | None:
    """The place (a match with group "place") and the date of a place-and-date line."""
    if not _DIGIT.search(line):
        return None  # a date has digits (its day, `find_dates`): no date regex to run
    head = _place_head().match(line)
    if head and not _could_be_place(head.group("place")):
        head = None  # "Решили 13 мая 2022 г.": a verb, not a place
    if head:  # place first
        dates = dates_in(line, head.end(), len(line))
        if dates and dates[0].start == head.end() and _ends(line, dates[0].end):
            return head, dates[0]
        return None
    dates = dates_in(line, 0, len(line))  # date first
    if dates and not line[: dates[0].start].strip():
        tail = _place_tail().match(line, dates[0].end)
        if tail:
            return tail, dates[0]
    return None
