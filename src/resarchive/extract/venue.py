"""Where the event took place (event.place): only what the text says of the event itself.

In order: a place-and-date line in the heading ("Тверь, 25 октября 2012 г."); a form line
"Место проведения: г. Казань"; "в (г.) Городе" in a sentence that tells the event (from
the type word on, then before it when the sentence also has a date and a "held" word);
the town after a named venue, in the genitive or in brackets ("в Центральной модельной
библиотеке Петровска", "в Национальной библиотеке Республики Коми (г. Сыктывкар)"); a
heading line holding only "г. Город". Otherwise null: a host library's city is not
assumed, nor is the venue named instead (the gold of most real reports wants the town or
nothing).
Country and region names (`data/not_cities.txt`) are never the city.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import nlp
from ..rules.place_lines import find_place_lines
from ..rules.settlements import settlement_prefix
from ..rules.words import forms_of, has_lemma, word_table
from .context import Context
from .mentions import Mention, says_held
from .morph import capitalize_first, looks_relative_adjective
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
        r"(?<![А-Яа-яЁё])(?:[Вв]|[Вв]о)[ ]+(?:(?P<prefix>" + settlement_prefix() + r")[ ]?)?"
        r"(?P<city>(?:[А-ЯЁ][а-яё]+\s+)?[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*)"
        r"(?![А-Яа-яЁё])"  # a whole word: not "Сах" of "в СахОУНБ"
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
        if _not_a_city(head) or _region_adjective(text, m.start("city") + len(" ".join(words))):
            continue  # "в Ростовской области": a region, not a city
        if explicit or is_geo(head) or _natasha_loc(ctx, m.start("city")):
            city = " ".join(words)
            return (
                capitalize_first(settlement_nominative(city, m.group("prefix") or "")),
                m.start("city"),
                m.start("city") + len(city),
            )
    return None


@lru_cache(maxsize=1)
def _region_noun() -> re.Pattern:
    """ "области", "края", "районе": a region's noun, any case (`data/place_kinds.txt`)."""
    nouns = [
        k for k, v in word_table("place_kinds").items() if v in ("region", "district", "republic")
    ]
    forms = sorted({f for n in nouns for f in forms_of(n)}, key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(forms) + r")(?![а-яё])", re.I)


def _region_adjective(text: str, end: int) -> bool:
    """ "Ростовской области": the word before a region's noun names the region."""
    return bool(_region_noun().match(text, end))


# "в Центральной модельной библиотеке Петровска", "библиотеке … города Новошахтинска": the
# venue's town, in the genitive after the venue's name.
_VENUE_TOWN = re.compile(
    r"(?<![А-Яа-яЁё])(?:[Вв]|[Вв]о|[Нн]а\s+базе)\s+(?:[А-ЯЁа-яё][а-яё-]+\s+){0,6}?"
    r"(?:библиотек[еиы]|центр[ае]|музе[еяй]|доме|дворце|зале)"
    r"(?:\s+(?:им\.|имени)\s+(?:[А-ЯЁ]\.\s?){0,2}[А-ЯЁ][а-яё]+)?"
    # the town after it, or in brackets after its name ("в Национальной библиотеке
    # Республики Коми (г. Сыктывкар)")
    r"(?:(?:\s+[А-ЯЁ][а-яё]+){0,2}?\s*\(\s*(?:г\.|город)\s?(?P<btown>[А-ЯЁ][а-яё-]+)"
    r"|\s+(?:(?P<prefix>г\.|города)\s?)?(?P<town>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)(?![а-яё]))"
)


def _town_nominative(word: str) -> str:
    """ "города Шахты": a town named in the nominative after "города" stays as written."""
    if any("Geox" in p.tag and "nomn" in p.tag for p in nlp.morph().parse(word.lower())):
        return word
    return phrase_nominative(word)


def venue_town(ctx: Context, start: int, end: int) -> str | None:
    """The town of a venue named in text[start:end], if written after the venue."""
    for m in _VENUE_TOWN.finditer(ctx.text, start, end):
        if m.group("btown"):
            return capitalize_first(_town_nominative(m.group("btown")))
        town = m.group("town")
        if _not_a_city(town) or _region_adjective(ctx.text, m.end("town")):
            continue
        if m.group("prefix") or is_geo(town):
            return capitalize_first(_town_nominative(town))
    return None


def _natasha_loc(ctx: Context, pos: int) -> bool:
    return any(s.type == "LOC" and s.start == pos for s in ctx.doc.spans)


# "Место проведения: г. Казань": a form-like label line.
@lru_cache(maxsize=1)
def _place_label() -> re.Pattern:
    return re.compile(
        # the value after a colon, or (a form's label on a line of its own, joined by
        # cleaning) after a space
        r"^\W*Место\s+проведения(?:\s*[:–—-]\s*|\s+)(?:" + settlement_prefix() + r"\s*)?"
        r"(?P<place>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*)",
        re.M,
    )


def _explicit(text: str, city_start: int) -> bool:
    """ "в городе Каменске-Уральском", "в г. Твери": the word says it is a town."""
    return bool(
        re.search(settlement_prefix() + r"\s?$", text[max(0, city_start - 12) : city_start])
    )


def event_place(ctx: Context, group: list[Mention]) -> str | None:
    """The city or settlement the event took place in, or None."""
    heading = ctx.layout.heading
    for line in heading:
        for pl in find_place_lines(line.text):
            return pl.place
    label = _place_label().search(ctx.text)
    if label:
        # "Место проведения: Республика Беларусь, г. Минск": the town, when the line has one.
        line = ctx.layout.line_at(label.start("place"))
        town = re.search(
            settlement_prefix("город") + r"\s?([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)", line.text
        )
        return capitalize_first(phrase_nominative(town.group(1) if town else label.group("place")))
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
        if m.in_heading:
            # "В Перми пройдет Всероссийский библиотечный конгресс": a headline's news words
            line = ctx.layout.line_at(m.start)
            if says_held(ctx.text[line.start : m.start]):
                found = city_in(ctx, line.start, m.start)
                if found and (is_geo(found[0]) or _explicit(ctx.text, found[1])):
                    return found[0]
        # "14 апреля в Курске прошла конференция": the city before the type word, in a
        # sentence that tells the event with its date and a "held" verb, or with "в городе".
        if says_held(ctx.text[m.sentence[0] : m.sentence[1]]):
            found = city_in(ctx, m.sentence[0], m.start)
            if found and (
                m.dates
                or _explicit(ctx.text, found[1])
                or is_geo(found[0])
                or (_natasha_loc(ctx, found[1]) and not looks_relative_adjective(found[0]))
            ):
                return found[0]
        # "совещание … состоится 24-27 сентября (г. Москва, РГДБ)": the venue in brackets,
        # in a sentence that tells the event is (or was) held.
        town = _BRACKETED_TOWN.search(ctx.text, m.start, m.sentence[1])
        if town and says_held(ctx.text[m.sentence[0] : m.sentence[1]]):
            return capitalize_first(_town_nominative(town.group("town")))
    for m in by_score:
        sentence = ctx.text[m.sentence[0] : m.sentence[1]]
        if m.in_heading or m.dates or says_held(sentence):
            start = ctx.layout.line_at(m.start).start if m.in_heading else m.sentence[0]
            town = venue_town(ctx, start, m.sentence[1])
            if town:
                return town
    for line in heading:
        m = re.fullmatch(r"\s*" + settlement_prefix() + r"\s*([А-ЯЁ][\w-]+)\s*", line.text)
        if m:
            return m.group(1)
    return None


_BRACKETED_TOWN = re.compile(r"\(\s*(?:г\.|город)\s?(?P<town>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*)")
