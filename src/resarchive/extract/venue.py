"""Where the event took place (event.place): only what the text says of the event itself.

In order: a place-and-date line in the heading ("Тверь, 25 октября 2012 г."); a form line
"Место проведения: г. Казань"; "в (г.) Городе" in a sentence that tells the event (from
the type word on, then before it when the sentence also has a date and a "held" word);
a heading line holding only "г. Город". Otherwise null: a host library's city is not
assumed. Country and region names (`data/not_cities.txt`) are never the city.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import nlp
from ..rules.place_lines import find_place_lines
from ..rules.settlements import settlement_prefix
from ..rules.words import has_lemma
from .context import Context
from .mentions import Mention, says_held
from .morph import capitalize_first
from .phrases import phrase_nominative
from .places import settlement_nominative


@lru_cache(maxsize=50_000)
def is_geo(word: str) -> bool:
    """A word pymorphy3 knows as a place name (Geox), or a hyphenated one with a part that is."""
    for part in (word, word.split("-")[0], word.split("-")[-1]):
        for p in nlp.morph().parse(part.lower()):
            if "Geox" in p.tag and p.tag.POS == "NOUN" and p.score >= 0.1:
                return True
    return False


# Only "в (г.) Город" / "в городе Город": a bare "г. Чита" is as often the home town
# of a participant ("специалисты из … г. Чита") as the venue.
@lru_cache(maxsize=1)
def _city_after() -> re.Pattern:
    return re.compile(
        r"(?<![А-Яа-яЁё])(?:в|во)[ ]+(?:(?P<prefix>" + settlement_prefix() + r")[ ]?)?"
        r"(?P<city>(?:[А-ЯЁ][а-яё]+\s+)?[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*)"
    )


def _not_a_city(word: str) -> bool:
    return has_lemma(word, "not_cities") or has_lemma(phrase_nominative(word), "not_cities")


def city_in(ctx: Context, start: int, end: int) -> tuple[str, int, int] | None:
    """The first "в (г.) Город" in text[start:end]: (nominative name, start, end)."""
    text = ctx.text
    for m in _city_after().finditer(text, start, end):
        words = m.group("city").split()
        explicit = bool(m.group("prefix"))
        # "в Нижнем Новгороде": an adjective may precede the city noun.
        if len(words) == 2 and not is_geo(words[1]):
            words = words[:1]
        head = words[-1]
        if _not_a_city(head):
            continue
        if explicit or is_geo(head) or _natasha_loc(ctx, m.start("city")):
            city = " ".join(words)
            return (
                capitalize_first(settlement_nominative(city, m.group("prefix") or "")),
                m.start("city"),
                m.start("city") + len(city),
            )
    return None


def _natasha_loc(ctx: Context, pos: int) -> bool:
    return any(s.type == "LOC" and s.start == pos for s in ctx.doc.spans)


# "Место проведения: г. Казань": a form-like label line.
@lru_cache(maxsize=1)
def _place_label() -> re.Pattern:
    return re.compile(
        r"^\W*Место\s+проведения\s*[:–—-]\s*(?:" + settlement_prefix() + r"\s*)?"
        r"(?P<place>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*)",
        re.M,
    )


def event_place(ctx: Context, group: list[Mention]) -> str | None:
    """The city or settlement the event took place in, or None."""
    heading = ctx.layout.heading
    for line in heading:
        for pl in find_place_lines(line.text):
            return pl.place
    label = _place_label().search(ctx.text)
    if label:
        return capitalize_first(phrase_nominative(label.group("place")))
    by_score = sorted(group, key=lambda m: -m.score)
    for m in by_score:
        sentence = ctx.text[m.sentence[0] : m.sentence[1]]
        if not (m.in_heading or m.dates or says_held(sentence)):
            continue  # only a sentence that tells the event itself says where it was
        # From the type word on: a city before it usually belongs to something else.
        found = city_in(ctx, m.start, m.sentence[1])
        if found:
            return found[0]
    for m in by_score:
        # "14 апреля в Курске прошла конференция": the city before the type word, in a
        # sentence that tells the event with its date and a "held" verb.
        if m.dates and says_held(ctx.text[m.sentence[0] : m.sentence[1]]):
            found = city_in(ctx, m.sentence[0], m.start)
            if found:
                return found[0]
    for line in heading:
        m = re.fullmatch(r"\s*" + settlement_prefix() + r"\s*([А-ЯЁ][\w-]+)\s*", line.text)
        if m:
            return m.group(1)
    return None
