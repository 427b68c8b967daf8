"""Organization candidates to entries: one per organization, nominative, merged by lemmas.

Candidates (spans from `organizations`) are put into the nominative, filtered (titles of
works and events, platforms, people, plural kinds, generic names alone are not
organizations) and merged: by lemma key, by a defined abbreviation ("(РБА)"), and a later
mention that drops adjectives merges into the full one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lemmas
from ..record.models import Organization
from ..rules import gazetteer
from ..rules.quotes import matching_quote
from ..rules.words import is_entry, word_set, word_table
from .affiliation import is_position_word
from .context import Context
from .morph import looks_relative_adjective, parses
from .phrases import phrase_nominative

ABBR = r"[А-ЯЁ]{2,}[А-ЯЁа-яё]*"


@dataclass
class Candidate:
    start: int
    end: int
    legal_form: str | None = None
    legal_start: int | None = None
    short: str | None = None
    capitalize: bool = False  # "клуба «Родники»" -> "Клуб «Родники»"
    name: str | None = None  # a name the text writes only in parts (coordinated heads)
    lower_name: bool = False  # named in lower case: "библиотека имени Курбатова"
    # an institution of its own even inside a longer name: "РБА" in "Совет РБА"
    named_within: bool = False


def is_adjective_parse(p) -> bool:
    t = str(p.tag)
    return t.startswith(("ADJF", "PRTF"))


def close_quote(text: str, at: int) -> int | None:
    """The end (after the closing ») of the «…» opening at `at`, on the same line and
    within 300 characters: a name, not a run-on title."""
    line_end = text.find("\n", at)
    bound = min(len(text) if line_end < 0 else line_end, at + 300)
    j = matching_quote(text, at, bound)
    return None if j is None else j + 1


def title_in_quotes(quoted: str) -> bool:
    """Quoted words that read as a talk's or a document's title, not an institution's
    name: two sentences, a year, or more words than a legal name takes (up to ten,
    «Межпоселенческая централизованная библиотечная система муниципального образования …»).

    >>> title_in_quotes("Доступный город"), title_in_quotes("Концепция развития. Библиотека")
    (False, True)
    """
    return (
        bool(re.search(r"[.!?]\s+[А-ЯЁ]", quoted) or _YEAR.search(quoted))
        or len(quoted.split()) > 12
    )


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # «Итоги работы библиотек в 2020 году»


def dedupe(cands: list[Candidate], text: str) -> list[Candidate]:
    """Drop a candidate contained in a longer one (same mention seen twice), but one
    `named_within` it ("РБА" in "Совет РБА"). Of two that overlap, the first one is cut
    where the second, capitalized, starts when two words of its own are left; else the
    longer one stays."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Candidate] = []
    within: list[Candidate] = []
    for c in cands:
        if c.end <= c.start:
            continue
        host = next((o for o in out if o.start <= c.start and c.end <= o.end), None)
        if host and c.named_within and (host.start, host.end) != (c.start, c.end):
            within.append(c)
            continue
        if host:
            host.legal_form = host.legal_form or c.legal_form
            host.short = host.short or c.short
            continue
        if out and c.start < out[-1].end:
            prev = out[-1]
            if prev.start < c.start and prev.end < c.end and _trim_before(prev, c.start, text):
                out.append(c)  # "управление программ Федерального агентства по делам …"
                continue
            # else keep the longer of the two, trim nothing
            if c.end - c.start > prev.end - prev.start:
                out[-1] = c
            continue
        out.append(c)
    return sorted(out + within, key=lambda c: (c.start, -(c.end - c.start)))


def _trim_before(cand: Candidate, at: int, text: str) -> bool:
    """Cut `cand` to end before `at`, where a capitalized name starts, if at least two
    words of it remain; whether it was."""
    if len(text[cand.start : at].split()) < 2 or text[at - 1 : at] != " ":
        return False
    if not text[at : at + 1].isupper():
        return False
    cut_before(cand, at, text)
    return True


def cut_before(cand: Candidate, at: int, text: str) -> None:
    """End `cand` before `at`, without the spaces and comma there."""
    cand.end = cand.start + len(text[cand.start : at].rstrip(" ,"))


# An act's word run into a letterhead in capitals: "… СОВЕТ НАРОДНЫХ ДЕПУТАТОВ РЕШИЛ".
_ACT_WORD_END = re.compile(
    r"(?:\s+(?:РЕШИЛ[АИО]?|РЕШЕНИЕ|РАСПОРЯЖЕНИЕ|ПОСТАНОВЛЕНИЕ|ПОСТАНОВЛЯ[ЕЮ]Т?|ПРИКАЗ|"
    r"ПРИКАЗЫВАЮ))+$"
)


def _letterhead(name: str) -> str:
    """A name in capitals without an act's word after it, and said once when the page
    repeats it ("ПРАВИТЕЛЬСТВО … ОБЛАСТИ ПРАВИТЕЛЬСТВО … ОБЛАСТИ").

    >>> _letterhead("ОРЛОВСКИЙ ГОРОДСКОЙ СОВЕТ НАРОДНЫХ ДЕПУТАТОВ РЕШИЛ")
    'ОРЛОВСКИЙ ГОРОДСКОЙ СОВЕТ НАРОДНЫХ ДЕПУТАТОВ'
    >>> _letterhead("ПРАВИТЕЛЬСТВО ОБЛАСТИ ПРАВИТЕЛЬСТВО ОБЛАСТИ РАСПОРЯЖЕНИЕ")
    'ПРАВИТЕЛЬСТВО ОБЛАСТИ'
    """
    if not name.isupper():
        return name
    name = _ACT_WORD_END.sub("", name)
    words = name.split()
    half = len(words) // 2
    if half and words[:half] == words[half : 2 * half] and len(words) == 2 * half:
        return " ".join(words[:half])
    # "ПРАВИТЕЛЬСТВО НИЖЕГОРОДСКОЙ ОБЛАСТИ ПРАВИТЕЛЬСТВО НИЖЕГОРОДСКОЙОБЛАСТИ": a repeat the
    # page glued: the name once, up to where its first word comes again
    if words and words[0] in words[1:]:
        return " ".join(words[: words.index(words[0], 1)])
    return name


def _normalize(text: str) -> str:
    name = _letterhead(" ".join(text.split()).strip(" ,;:.-–"))
    # "Заведующая Городская библиотека": a position that opens a sentence is not the name's.
    first = re.match(r"([А-ЯЁ][а-яё-]+)\s+(?=[А-ЯЁ«])", name)
    if first and is_position_word(first.group(1)):
        name = name[first.end() :]
    # "Омской областной б": an excerpt cut inside the name's last word.
    name = re.sub(r"\s+[А-Яа-яЁё]$", "", name)
    if name.count("(") > name.count(")"):
        # "… научно-техническая библиотека (ГПНТБ СО РАН": a bracket the span cut open
        name = name[: name.rfind("(")].rstrip(" ,")
    if name.startswith("«") and name.endswith("»") and name.count("«") == 1:
        return name[1:-1]
    if name[:1] == "«":
        return name
    return phrase_nominative(name, prefer_singular=True)


def _balance(name: str) -> str:
    opened, closed = name.count("«"), name.count("»")
    if opened > closed:
        name += "»" * (opened - closed)
    elif closed > opened and name.endswith("»"):
        name = name[: len(name) - (closed - opened)]
    return name


def _key(name: str, aliases: bool = True) -> tuple[str, ...]:
    """A name's lemmas, one key for its other names: a body's abbreviation the gazetteer
    spells out ("Минкультуры России" = "Министерство культуры Российской Федерации"), and
    a country's names (`data/place_aliases.txt`: "РФ", "Российская Федерация" = "Россия").

    >>> _key("Минкультуры России") == _key("Министерство культуры РФ")
    True
    """
    words = lemmas.lemmas(gazetteer.expand(name) or name)
    key = " ".join({"имя": "им", "имени": "им", "город": "г"}.get(w, w) for w in words)
    for alias, shared in word_table("place_aliases").items() if aliases else ():
        key = re.sub(rf"(?<!\S){alias}(?!\S)", shared, key)
    return tuple(key.split())


def _site_section(words: list[str]) -> bool:
    """An archive of news or events: a page of a site, no archive institution
    (`data/site_sections.txt`).

    >>> _site_section(["Архив", "новостей"]), _site_section(["Архив", "конференций"])
    (True, True)
    >>> _site_section(["Государственный", "архив", "Орловской", "области"])
    False
    """
    return (
        len(words) == 2
        and lemmas.lemma(words[0]) == "архив"
        and any("plur" in p.tag and "gent" in p.tag for p in parses(words[1])[:1])
        and (is_entry(words[1], "site_sections") or is_entry(words[1], "event_types"))
    )


def merge(ctx: Context, cands: list[Candidate]) -> list[Organization]:
    text = ctx.text
    generic = gazetteer.generic_abbreviations()
    entries: list[dict] = []
    by_key: dict[tuple[str, ...], dict] = {}
    by_short: dict[str, dict] = {}

    for c in cands:
        raw = text[c.start : c.end]
        if c.end >= len(text.rstrip()) and raw[-1:].isalpha() and _cut_in_prose(text):
            raw = raw.rsplit(None, 1)[0]  # an excerpt cut inside the name: "… района Чу"
        name = c.name or _balance(_normalize(raw))
        if c.capitalize:
            name = name[:1].upper() + name[1:]
        if c.legal_form and raw.startswith("«") and re.fullmatch(r"[А-ЯЁ]{2,}", name or ""):
            name = f"{c.legal_form} «{name}»"  # "МКУК «ЦБС»": a quoted kind keeps its form
        if not name or not _is_org(text, c, name):
            continue
        words = re.findall(r"[А-Яа-яЁёA-Za-z]+", name)
        # "ГДБ №3", "Гимназия №1", "библиотека-филиал № 7": a number makes a kind a name
        if re.search(r"№\s?\d", name) or c.legal_form and name.startswith(c.legal_form):
            pass
        # A lone abbreviation: a defined short, a national body, or nothing.
        elif len(words) == 1 and re.fullmatch(ABBR, words[0]) and "«" not in name:
            abbr = words[0]
            if abbr in by_short:
                continue
            full = gazetteer.abbreviations().get(abbr)
            if abbr in generic or abbr in gazetteer.legal_form_prefixes() or not full:
                continue
            name, c.short = full, abbr
        elif len(words) == 1 or _is_bare_generic(name) and not _capital_inside(text, c):
            # "Клуба", "Секции", "Муниципальным ЦБС": a kind, or a back-reference to an
            # organization named before (kept there); not an entry of its own.
            continue
        # the key as written too: "Библиотека Президента Российской" of a text cut there
        # is a shortening of "… Российской Федерации", not of "… России"
        key, written = _key(name), _key(name, aliases=False)
        entry = (
            by_key.get(key)
            or (by_short.get(c.short) if c.short else None)
            or _shortened_from(written, by_key)
        )
        if entry is None:
            start = c.legal_start if c.legal_start is not None else c.start
            entry = {
                "name": name,
                "short": c.short,
                "legal_form": c.legal_form,
                "span": ctx.span(start, c.end),
            }
            entries.append(entry)
        else:
            entry["short"] = entry["short"] or c.short
            entry["legal_form"] = entry["legal_form"] or c.legal_form
        by_key.setdefault(key, entry)
        by_key.setdefault(written, entry)
        if entry["short"]:
            by_short[entry["short"]] = entry
    entries.sort(key=lambda e: e["span"][0])
    return [Organization(**e) for e in entries]


def _cut_in_prose(text: str) -> bool:
    """The text ends inside a sentence of prose: an excerpt cut off (a last line as long
    as a paragraph, without a full stop), not a signature or heading line."""
    last = text.rstrip().rsplit("\n", 1)[-1]
    return len(last) > 100 and last[-1:].isalpha()


def _shortened_from(key: tuple[str, ...], by_key: dict) -> dict | None:
    """ "Головчинская библиотека" after "Головчинская модельная сельская библиотека": a
    later mention that drops adjectives, same first word and same head; or its first words
    ("администрация Комсомольского" of a text cut there)."""
    if len(key) < 2:
        return None
    for long_key, entry in by_key.items():
        if len(long_key) > len(key) and long_key[: len(key)] == key:
            return entry
        same_head = long_key[-1] == key[-1] or long_key[-2:] == (key[-1], "филиал")
        if len(long_key) <= len(key) or long_key[0] != key[0] or not same_head:
            continue  # ("библиотека-филиал" is a "библиотека": "Никитская библиотека")
        it = iter(long_key)
        if all(w in it for w in key):
            return entry
    return None


def _capital_inside(text: str, c: Candidate) -> bool:
    """A name capitalized inside a sentence, as Russian writes a proper name: "прошел в
    Центральной районной библиотеке" names one library. Not "Центральная библиотека"
    opening a sentence or a line (it may be the kind), nor a unit of the organization
    named right after it ("… Модельной библиотеки МБУК ЦБС г. Чита": an affiliation)."""
    before = text[max(0, c.start - 3) : c.start]
    owner = re.match(r"\s+([А-ЯЁ]{2,})", text[c.end : c.end + 12])
    if owner and (
        gazetteer.is_legal_form(owner.group(1))
        or owner.group(1) in gazetteer.generic_abbreviations()
    ):
        return False
    return text[c.start : c.start + 1].isupper() and bool(re.search(r"[а-яё,]\s+$", before))


def _is_bare_generic(name: str) -> bool:
    """ "Рабочая группа", "Муниципальные ЦБС", "Центральная библиотека": a kind, no name
    (unless capitalized inside a sentence: `_capital_inside`)."""
    if "«" in name or re.search(r"\b(?:им\.|имени|г\.|города)", name):
        return False
    words = re.findall(r"[А-Яа-яЁё]+", name)
    generic = gazetteer.generic_abbreviations()
    last = words[-1]
    if last in generic or is_entry(last, "org_heads"):
        adjectives = words[:-1]
        return all(w[0].islower() or is_entry(w, "generic_adjectives") for w in adjectives)
    return False


def _is_org(text: str, c: Candidate, name: str) -> bool:
    low = name.lower()
    if low in word_set("platforms") or low.strip("«»") in word_set("platforms"):
        return False
    words = re.findall(r"[А-Яа-яЁё]+", name)
    if not words:
        return False
    if (
        name.isupper()
        and "№" not in name  # "ГБ №1": a library by number
        and len(words) <= 4
        and all(any(p.is_known for p in parses(w)) for w in words)
        and not any(w in gazetteer.abbreviations() for w in words)
        and not any(is_entry(w.lower(), "org_heads") for w in words)
    ):
        return False  # "РЕЗОЛЮЦИЯ", "ИНФОРМАЦИОННОЕ ПИСЬМО": a heading, not an abbreviation
    if not (name[0].isupper() or name[0] == "«" or c.lower_name or is_entry(words[0], "gov_heads")):
        return False
    if len(words) > 1 and is_entry(words[0], "verbal_heads") and words[1][0].islower():
        return False  # "Организация исполнения настоящего решения": an action
    if is_entry(name.split()[0], "event_types"):
        return False  # "Семинар-совещание директоров": an event, not a body
    if words[0].lower() in word_set("document_words"):
        return False  # "Устав Тоцкого района" (read first as a gerund): a document
    first = parses(words[0])
    if (
        first
        and first[0].tag.POS == "NOUN"
        and not is_entry(words[0], "org_heads")
        and not looks_relative_adjective(words[0])  # "Сеглинская": a guessed surname
        and not gazetteer.is_legal_form(words[0])  # "МКУК", guessed a surname
        and not (words[0].isupper() and not first[0].is_known)  # "МСОШ №1", guessed too
        and ("anim" in first[0].tag or is_entry(words[0], "document_words"))
    ):
        return False  # "Участники секции", "Рекомендации вебинара": not a body
    head = next(
        (
            w
            for w in words
            if not any(is_adjective_parse(p) for p in parses(w)) and not looks_relative_adjective(w)
        ),
        None,
    )
    if head and is_entry(head, "org_heads") and _is_plural_nominative(words, head):
        return False  # "Сельские библиотеки района": a kind of institution, plural
    if head == words[-1] and is_entry(head, "rooms") and not re.search(r"[«№\d]", name):
        return False  # "Большой зал" (of the Administration): a room, not a body
    if _site_section(words):
        return False  # "Архив новостей", "Архив конференций": a page of a site
    if c.legal_form is None and not c.capitalize and _strictly_inside_quotes(text, c):
        return False  # "Электронная краеведческая библиотека: опыт создания" - a title
    # A quoted title after a work/event word, or a sub-unit in lower case.
    q = text.rfind("«", max(0, c.start - 2), c.start + 1)
    prev = re.search(r"([А-Яа-яЁё]+)\s*«?$", text[max(0, c.start - 40) : c.start])
    if prev and c.legal_form is None:
        lem = lemmas.lemma(prev.group(1))
        if lem in word_set("not_org_titles") and (
            q != -1 or text[c.start] == "«" or _inside_quotes(text, c.start)
        ):
            return False
        if (
            prev.group(1)[0].islower()
            and lem in word_set("org_subunits")
            and _inside_quotes(text, c.start)
        ):
            return False
    return True


def _is_plural_nominative(words: list[str], head: str) -> bool:
    """The head is plural: by itself, or by an adjective before it ("Сельские библиотеки")."""
    i = words.index(head)
    for w in (head, *words[max(0, i - 1) : i]):
        ps = [p for p in parses(w) if p.score >= 0.05]
        if ps and all("plur" in p.tag for p in ps):
            return True
    return False


def _strictly_inside_quotes(text: str, c: Candidate) -> bool:
    """The candidate is a part, not the whole, of a quoted title: «X: Y»."""
    q = text.rfind("«", max(0, c.start - 200), c.start + 1)
    if q < 0 or "»" in text[q : c.start]:
        return False
    q_end = close_quote(text, q)
    if not q_end or q_end < c.end:
        return False
    inner = text[q + 1 : q_end - 1].strip()
    return inner != text[c.start : c.end].strip(" «»")


def _inside_quotes(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.count("«") > before.count("»")
