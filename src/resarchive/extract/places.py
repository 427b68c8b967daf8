"""Places: one entry per place, nominative, first mention first.

Found from natasha's LOC spans plus token rules natasha misses: "г. X" / "г.X" /
"города X" (a city), and coordinated phrases that share one head noun, which expand
into one place each ("Ивановской, Орловской и Владимирской областей" -> "Ивановская
область", "Орловская область", "Владимирская область"; "республик Башкортостан, Карелия,
Коми" -> "Республика Башкортостан", ...).

Places inside organization names count (the convention): "ЦБС г. Хабаровска" names the
city Хабаровск, "Государственная научная библиотека Кузбасса" names Кузбасс; they are
real places the record involves. Names inside quoted titles count the same way.
Repeated mentions merge by lemma ("Кузбасса" = "Кузбасс"). `kind` comes only from the
words of the text (г./город -> city, область/край -> region, республика -> republic,
район/округ -> district, Российская Федерация/Россия -> country); otherwise null.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lemmas, nlp
from ..record.models import Place
from ..rules.settlements import settlement_head, settlement_prefix
from ..rules.words import is_entry, word_set, word_table
from .context import Context
from .morph import (
    is_people_plural,
    looks_relative_adjective,
    noun_gender,
    only_a_place,
    parses,
    singular_nominative,
)
from .people import PersonMention, find_people
from .phrases import phrase_nominative

_CAP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*"


# "г. Кемерово", "г.Белово", "города Коврова"; not "2022 г.\nМуниципальное" (a year).
@lru_cache(maxsize=1)
def _city() -> re.Pattern:
    """ "г. Кемерово", "города Коврова", "г. Нижний Новгород" (an adjective and its noun)."""
    return re.compile(
        rf"(?<![А-Яа-яЁё\d])(?<!\d )(?:{settlement_prefix('город')})[ \u00a0]?"
        rf"({_CAP}(?:\s{_CAP})?)"
    )


# "ст. Каневская", "станице Новоминской", "с. Головчино", "пос. Горьковский": a
# settlement after its prefix (a declined prefix word too).
@lru_cache(maxsize=1)
def _settlement() -> re.Pattern:
    return re.compile(
        r"(?<![А-Яа-яЁё\d])" + settlement_prefix() + rf"[ \u00a0]?({_CAP}(?:-{_CAP})?)"
    )


# "Белгородчина", "Смоленщина": a region named after its centre.
_REGION_SUFFIX = re.compile(r"^(?P<stem>[а-яё]{3,})(?:чина|щина)$")
_COORD_ADJ = re.compile(
    rf"((?:{_CAP}(?:ой|ого|ом|ая|ий|ый|ую|ей)(?:\s*,\s*|\s+и\s+))+{_CAP}(?:ой|ого|ом|ая|ий|ый|ую|ей))"
    r"(?:\s+и\s+(?:других|иных|др\.))?"
    r"\s+(област[а-яё]*|кра[её][а-яё]*|район[а-яё]*|округ[а-яё]*)"
)
_COORD_REP = re.compile(
    rf"(?<![А-Яа-яЁё])(республик[а-яё]*)\s+((?:{_CAP}(?:\s*,\s*|\s+и\s+))+{_CAP})"
)


def extract_places(ctx: Context, people: list[PersonMention] | None = None) -> list[Place]:
    """The places the document names; `people` are its person mentions (`find_people`),
    which are no places."""
    people = find_people(ctx) if people is None else people
    text = ctx.text
    found: list[tuple[int, int, str, str | None]] = []  # start, end, name, kind
    covered: list[tuple[int, int]] = []

    for m in _COORD_ADJ.finditer(text):
        head = lemmas.lemma(m.group(2))
        if head not in word_set("coordinated_place_heads") or not _is_plural(m.group(2)):
            continue
        for a in re.finditer(_CAP, m.group(1)):
            name = f"{_adj_nominative(a.group(), head)} {head}"
            at = m.start(1) + a.start()
            found.append((at, at + len(a.group()), name, word_table("place_kinds").get(head)))
        covered.append((m.start(), m.end()))
    for m in _COORD_REP.finditer(text):
        if not _is_plural(m.group(1)):
            continue
        for a in re.finditer(_CAP, m.group(2)):
            if _is_adjective(a.group()):
                # "республик Карелия и Коми, Мурманской ... областей": the list of
                # republics ends where the adjectives of another head begin.
                break
            found.append(
                (
                    m.start(2) + a.start(),
                    m.start(2) + a.end(),
                    f"Республика {a.group()}",
                    "republic",
                )
            )
        covered.append((m.start(), m.end()))

    for m in _city().finditer(text):
        words = m.group(1).split()
        if len(words) == 2 and not _is_adjective(words[0]):
            words = words[:1]  # "г. Кемерово Кемеровской области": the city is one word
        end = m.start(1) + len(" ".join(words))
        name = phrase_nominative(text[m.start(1) : end])
        found.append((m.start(1), end, name, "city"))
        covered.append((m.start(1), end))
    for m in _settlement().finditer(text):
        if m.group(0).startswith(("г.", "гор", "город")) or any(
            a <= m.start(1) < b for a, b in covered
        ):
            continue
        name = settlement_nominative(m.group(1), m.group(0)[: m.start(1) - m.start()])
        found.append((m.start(1), m.end(1), name, "settlement"))
        covered.append((m.start(1), m.end(1)))
    for start, end, name in _named_regions(text):
        if _adjective_of_a_name(text[start:end], text[end : end + 120]):
            continue  # "Сеглинской сельской библиотеки": part of an organization's name
        if not any(a <= start < b for a, b in covered):
            found.append((start, end, name, None))
            covered.append((start, end))

    for s in ctx.doc.spans:
        # "в Зубцове прошел": natasha's ORG of one word the dictionary knows only as a place
        if s.type != "LOC" and not (s.type == "ORG" and _one_place_word(s.text)):
            continue
        if any(a <= s.start and s.stop <= b for a, b in covered):
            continue
        if (s.start and re.match(r"\.\w", text[s.start - 1 : s.start + 1])) or re.match(
            r"\.\w", text[s.stop : s.stop + 2]
        ):
            continue  # part of a domain or a dotted name: «PRO.Культура.РФ», x.ru
        start = s.start
        if s.text.count("«") > s.text.count("»"):
            # "МО «Духовщинский район»": the span crossed the quote; the place is inside
            start = s.start + s.text.rfind("«") + 1
        raw = " ".join(text[start : s.stop].split())
        if not raw:
            continue
        if _adjective_of_a_name(raw, text[s.stop : s.stop + 120]):
            continue  # "Головчинской модельной библиотеки": part of an organization's name
        if _not_a_place_span(text, start, s.stop, raw):
            continue
        if _EPONYM_BEFORE.search(text, max(0, start - 40), start) or any(
            p.start < s.stop and start < p.end for p in people
        ):
            continue  # "Куприн Владимир Даниилович", "имени Бориса Викторовича Шергина"
        name = phrase_nominative(raw, prefer_singular=True)
        found.append((start, s.stop, name, _kind(name)))

    found.sort(key=lambda f: f[0])
    # "Республика Саха (Якутия)": the name in brackets is another name of the place, and
    # "Якутия" elsewhere in the text is that place again ("в Лионе (Франция)", two places,
    # is two spans).
    aliases = {_key(inner) for *_, name, _ in found for inner in re.findall(r"\(([^()]+)\)", name)}
    out: list[Place] = []
    seen: dict[tuple[str, ...], Place] = {}
    for start, end, name, kind in found:
        key = _key(name)
        if not key or key in aliases or is_entry(name.split()[-1], "not_places"):
            continue  # "Ассамблеи Евразии", "Южного Урала": a part of the world or of history
        if key in seen:
            seen[key].kind = seen[key].kind or kind
            continue
        place = Place(name=name, kind=kind, span=ctx.span(start, end))
        seen[key] = place
        out.append(place)
    return out


def _one_place_word(text: str) -> bool:
    """One word, not an abbreviation, that the dictionary knows only as a place.

    >>> _one_place_word("Зубцове"), _one_place_word("СНГ"), _one_place_word("Город Саянск")
    (True, False, False)
    """
    return text.isalpha() and not text.isupper() and only_a_place(text)


def _not_a_place_span(text: str, start: int, stop: int, raw: str) -> bool:
    """Spans natasha reads as places that are not: a heading in capitals ("КОНФЕРЕНЦИЯ В
    КАМЕНСКЕ-УРАЛЬСКОМ Сегодня"), an abbreviation ("СахОУНБ"), a word the excerpt cuts
    ("… и Общеросси"), a phrase headed by an organization's noun ("Девятовского сельского
    филиала"), a verb or a lone letter."""
    words = re.findall(r"[А-Яа-яЁё-]+", raw)
    if any(len(w) > 3 and w.isupper() or re.search(r"[а-яё][А-ЯЁ]", w) for w in words):
        return True  # a heading in capitals; an abbreviation with capitals inside ("СахОУНБ")
    if len(words) == 1 and (len(words[0]) < 2 or _not_a_noun(words[0])):
        return True  # "В" cut off a span, "Постановляет:": natasha's misreadings
    if len(words) == 1 and (_calendar_word(words[0]) or is_people_plural(words[0])):
        return True  # "Апрель 2024" of a calendar widget, "Библиотекари района …"
    if len(words) == 1 and _opens_sentence(text, start) and _common_word(words[0]):
        return True  # "Тема работы …", "Сегодня, 7 июня, …": capitalized where a sentence opens
    if re.search(r"(?:ул|улица|пр|проспект|пер|переулок)\.?\s*$", text[max(0, start - 12) : start]):
        return True  # "ул. 2-я Курская": a street of an address
    if not text[stop:].strip():
        return True  # the text ends inside the word: a cut excerpt
    if len(words) > 1 and words[0][0].isupper() and is_entry(words[0], "org_heads"):
        return True  # "Дума городского округа решила": a body named by its head noun
    return any(is_entry(w, "org_heads") for w in words[1:])


# An eponym's marker and the name's first words before its surname ("имени А. М. ",
# "им. Бориса Викторовича "): what follows is a person's name.
_EPONYM_BEFORE = re.compile(
    r"(?<![А-Яа-яЁё])(?:имени|им\.)\s?(?:(?:[А-ЯЁ]\.\s?){1,2}|(?:[А-ЯЁ][а-яё]+\s){1,2})?$"
)


def _opens_sentence(text: str, start: int) -> bool:
    return not text[:start].strip() or bool(re.search(r"(?:[.!?…]\s*|\n\s*)$", text[:start]))


def _common_word(word: str) -> bool:
    """A word the dictionary knows with no reading as a place's name ("Тема", "Сегодня";
    not "Родники", "Мирный": pymorphy3 has them as towns too).

    >>> _common_word("Тема"), _common_word("Сегодня"), _common_word("Родники")
    (True, True, False)
    """
    ps = parses(word)
    return bool(ps) and nlp.is_known_word(word.lower()) and not any("Geox" in p.tag for p in ps)


def _calendar_word(word: str) -> bool:
    """A month or a day of the week ("Апрель", "Пятница")."""
    lemma = lemmas.lemma(word)
    return lemma in word_table("months") or lemma in word_set("weekdays")


def _not_a_noun(word: str) -> bool:
    """A word whose likeliest reading is a verb or a function word."""
    ps = parses(word)
    return bool(ps) and ps[0].tag.POS in ("VERB", "INFN", "PRTS", "GRND", "PREP", "CONJ", "PRCL")


def settlement_nominative(name: str, prefix: str) -> str:
    """ "Лесном" after "пос." -> "Лесной": an adjectival name agrees with the prefix noun."""
    head = settlement_head(prefix)
    if head and " " not in name and "-" not in name and _is_adjective(name):
        return _adj_nominative(name, head)
    return phrase_nominative(name)


def _adjective_of_a_name(raw: str, after: str) -> bool:
    """A lone adjective followed by a lower-case word that is not a place head, also
    across coordinated adjectives that share it ("Савинской, Сеглинской и Рютинской
    сельских библиотек")."""
    nxt = re.match(r"(?:\s*(?:,|\sи)\s+[А-ЯЁ][а-яё]+)*\s+([а-яё]+)", after)
    if " " in raw or not nxt or not (_is_adjective(raw) or looks_relative_adjective(raw)):
        return False
    return lemmas.lemma(nxt.group(1)) not in word_table("place_kinds")


def _named_regions(text: str) -> list[tuple[int, int, str]]:
    """Places natasha misses: "Белгородчина"-type regions anywhere, and geographic names
    inside quoted titles ("Библиотеки Сибири: …", "опыт Тотьмы")."""
    out = []
    for m in re.finditer(r"(?<![А-Яа-яЁё])[А-ЯЁ][а-яё]{3,}", text):
        ps = parses(m.group())
        if not ps:
            continue
        lemma = ps[0].normal_form
        region = _REGION_SUFFIX.match(lemma)
        if region and any(_geo(region.group("stem") + end) for end in ("", "ск", "ь", "а")):
            out.append((m.start(), m.end(), lemma.capitalize()))
    for q in re.finditer(r"«([^«»]{1,200})»", text):
        for m in re.finditer(r"(?<![А-Яа-яЁё.])[А-ЯЁ][а-яё]{2,}(?:-[А-ЯЁ][а-яё]+)?", q.group(1)):
            if m.start() == 0:
                continue  # the first word of a title is capitalized anyway
            ps = parses(m.group())
            if ps and "Geox" in ps[0].tag and ps[0].tag.POS == "NOUN" and ps[0].score >= 0.4:
                at = q.start(1) + m.start()
                out.append((at, at + len(m.group()), ps[0].normal_form.capitalize()))
    return out


def _geo(word: str) -> bool:
    return any("Geox" in p.tag for p in parses(word))


# One country under its two names: "Россия" and "Российская Федерация" merge.
def _key(name: str) -> tuple[str, ...]:
    """A place's lemmas, one key for its other names (`data/place_aliases.txt`)."""
    key = tuple(w for w in lemmas.lemmas(name) if w not in ("г", "город"))
    shared = word_table("place_aliases").get(" ".join(key))
    return tuple(shared.split()) if shared else key


def _kind(name: str) -> str | None:
    for w in lemmas.lemmas(name):
        if w in word_table("place_kinds"):
            return word_table("place_kinds")[w]
    return None


def _is_adjective(word: str) -> bool:
    ps = parses(word)
    return bool(ps) and str(ps[0].tag).startswith("ADJF")


def _is_plural(word: str) -> bool:
    return any("plur" in str(p.tag) for p in parses(word))


def _adj_nominative(adj: str, head: str) -> str:
    """ "Ивановской" + "область" -> "Ивановская" (nominative, the head's gender)."""
    return singular_nominative(adj, noun_gender(head))
