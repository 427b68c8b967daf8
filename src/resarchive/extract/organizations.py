"""Organizations: one entry per organization, nominative full name, first mention first.

What counts as an organization (the convention):
- named institutions (libraries, centralized library systems, museums, centres,
  ministries, administrations and their departments of culture), associations, clubs,
  and the named bodies of an association or institution: sections, councils, committees,
  working groups ("Секция РБА по издательской и книгораспространительской деятельности",
  "Совет РБА", "Рабочая группа «Библиотеки и социальные медиа»");
- a department counts when it is named as a body in its own right, i.e. written with a
  capital letter as a heading or an actor ("Отдел научно-методической и проектной
  работы", "Отделу прогнозирования ... разработать"); a department in lower case
  inside someone's affiliation ("заведующий отделом «Детство» ГБУ «...»") is part of
  that affiliation, not an entry;
- a generic word or abbreviation alone ("Клуба", "Секции", "ЦБС", "Муниципальным ЦБС")
  is not an organization: it merges into the organization of that kind named earlier
  in the text, if any ("(далее – Клуба)"), and is otherwise dropped. A generic
  abbreviation with a place or name ("ЦБС г.Белово", "Ижморская ЦБС") is one;
- not organizations: journals, guides, sites, projects, contests, events and other
  titles in quotes («Библиотечная жизнь Кузбасса», «Культурный туризм»), social
  networks and video platforms, municipalities and regions (those are places).

Names: the legal-form prefix ("КГБУ", "Муниципальное бюджетное учреждение культуры")
goes to `legal_form` as written; a name that is wholly quoted after it loses the outer
quotes ("КГБУ «Камчатская краевая детская библиотека им. В. Кручины»" -> "Камчатская
краевая детская библиотека им. В. Кручины"); other names keep their quotes, balanced.
Oblique mentions are put into the nominative; "им." stays "им.". An abbreviation in
parentheses after a name ("Российская библиотечная ассоциация (РБА)") is its `short`;
later mentions of it merge. A lone abbreviation the reviewed gazetteer knows as one
national body ("РБА") is named by its full form. Mentions merge by lemmas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lemmas
from ..record.models import Organization
from ..rules import gazetteer
from ..rules.quotes import matching_quote
from .context import Context
from .names import parses, phrase_nominative

# Head nouns of organization names (lemmas).
ORG_HEADS = frozenset(
    [
        "библиотека",
        "система",
        "центр",
        "клуб",
        "секция",
        "совет",
        "комитет",
        "комиссия",
        "отдел",
        "сектор",
        "управление",
        "министерство",
        "департамент",
        "агентство",
        "ассоциация",
        "союз",
        "общество",
        "фонд",
        "музей",
        "университет",
        "институт",
        "колледж",
        "школа",
        "академия",
        "учреждение",
        "комплекс",
        "филиал",
        "группа",
        "объединение",
        "администрация",
        "дом",
        "палата",
        "служба",
        "театр",
        "архив",
        "лицей",
        "гимназия",
        "редакция",
        "издательство",
        "корпорация",
        "организация",
        "сеть",
        "консорциум",
        "бюро",
        "дворец",
    ]
)
# Heads that take a "по ..." tail in their names ("Комитет по культуре").
_PO_HEADS = frozenset(
    [
        "секция",
        "комитет",
        "комиссия",
        "совет",
        "центр",
        "управление",
        "отдел",
        "сектор",
        "департамент",
        "агентство",
        "служба",
        "группа",
        "министерство",
    ]
)
# Sub-units that are part of an affiliation when written in lower case.
_SUBUNITS = frozenset(
    ["отдел", "сектор", "кабинет", "зал", "служба", "группа", "лаборатория", "филиал"]
)
# Words before «...» that make the quoted title a work, event or medium, not a body.
_NOT_ORG_TITLES = frozenset(
    [
        "журнал",
        "путеводитель",
        "газета",
        "сайт",
        "портал",
        "проект",
        "конкурс",
        "акция",
        "программа",
        "канал",
        "страница",
        "страничка",
        "фестиваль",
        "стол",
        "семинар",
        "конференция",
        "тема",
        "книга",
        "выставка",
        "рубрика",
        "марафон",
        "квест",
        "сеть",
        "сообщество",
        "блог",
        "альманах",
        "сборник",
        "издание",
        "приложение",
        "бюллетень",
        "вебинар",
        "форум",
        "конгресс",
        "чтение",
        "чтения",
        "встреча",
        "урок",
        "игра",
        "клуб-акция",
        "неконференция",
        "номинация",
    ]
)
_PLATFORMS = frozenset(
    ["вконтакте", "youtube", "одноклассники", "telegram", "rutube", "vk", "facebook", "instagram"]
)

_ABBR = r"[А-ЯЁ]{2,}[А-ЯЁа-яё]*"
_CAP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)*"


@dataclass
class _Cand:
    start: int
    end: int
    legal_form: str | None = None
    legal_start: int | None = None
    short: str | None = None
    capitalize: bool = False  # "клуба «Родники»" -> "Клуб «Родники»"


# A kind of body written in lower case before its quoted name: "клуб «Родники»",
# "краеведческого центра «Истоки»", "литературное объединение «Лира»".
_KIND_BEFORE_QUOTE = re.compile(
    r"(?<![А-Яа-яЁё-])(?P<adj>(?:[а-яё]+(?:ого|ему|ым|ом|ый|ий|ой|ое|ая|ую|ей|ых)\s+){0,2})"
    r"(?P<kind>(?:клуб|центр|кружок|кружк|музе|союз|фонд|студи|объединени|обществ)[а-яё]*)\s«"
)
_KIND_LEMMAS = frozenset(
    ["клуб", "центр", "кружок", "музей", "союз", "фонд", "студия", "объединение", "общество"]
)


def extract_organizations(ctx: Context) -> list[Organization]:
    text = ctx.text
    loc_spans = {s.start: s.stop for s in ctx.doc.spans if s.type == "LOC"}
    cands: list[_Cand] = []

    # 1. Legal form + «name» or + a name.
    for m in _legal_form_rx().finditer(text):
        form = m.group(1)
        rest_at = m.end()
        gap = re.match(r"\s*(?=«)", text[rest_at:])
        if gap:
            q_end = _close_quote(text, rest_at + gap.end())
            if q_end:
                cands.append(_Cand(rest_at + gap.end(), q_end, form, m.start()))
                continue
        nm = re.match(rf"\s({_ABBR}|{_CAP})", text[rest_at:])
        if nm and nm.group(1) not in gazetteer.legal_form_prefixes():
            start = rest_at + 1
            end = _extend_right(text, rest_at + nm.end(), loc_spans, start)
            if end > rest_at + nm.end() or nm.group(1) not in gazetteer.generic_abbreviations():
                cands.append(_Cand(start, end, form, m.start()))

    # A kind of institution by abbreviation + its name: "ИБЦ «Доступный город»".
    for m in re.finditer(rf"(?<![А-Яа-яЁё])({_ABBR})\s«", text):
        if m.group(1) in gazetteer.generic_abbreviations():
            q_end = _close_quote(text, m.end() - 1)
            if q_end:
                cands.append(_Cand(m.start(), _extend_right(text, q_end, loc_spans)))

    # A kind of body in lower case + its quoted name: "клуба «Родники»".
    for m in _KIND_BEFORE_QUOTE.finditer(text):
        if lemmas.lemma(m.group("kind")) not in _KIND_LEMMAS:
            continue
        q_end = _close_quote(text, m.end() - 1)
        if not q_end:
            continue
        start = m.start("kind")
        for adj in reversed(re.findall(r"[а-яё]+", m.group("adj"))):
            if not any(_is_adj(p) for p in parses(adj)):
                break
            start = text.rfind(adj, 0, start)
        cands.append(_Cand(start, _extend_right(text, q_end, loc_spans), capitalize=True))

    # 2. Natasha's ORG spans, repaired.
    for s in ctx.doc.spans:
        if s.type != "ORG":
            continue
        pos = s.start
        for part in text[s.start : s.stop].split("\n"):  # a span across lines: each line
            start, end = pos, pos + len(part)
            pos = end + 1
            lead = re.match(r"(?:(?:в|во|на|с|со|к|о|об|от|из|для|при|по|у)\s+)+", part, re.I)
            if lead:  # "В Российскую библиотечную ассоциацию": not the preposition
                start += lead.end()
            if end > start:
                cands.append(_repair(text, start, end, loc_spans))

    # 3. Adjectives + an organization head noun (+ tail) that natasha missed.
    for start, end in _head_phrases(text, loc_spans):
        cands.append(_repair(text, start, end, loc_spans))

    # 4. Abbreviation definitions: "Name (ABBR)".
    for c in cands:
        m = re.match(rf"\s?\(({_ABBR})\)", text[c.end :])
        if m and m.group(1) not in gazetteer.legal_form_prefixes():
            c.short = m.group(1)

    return _merge(ctx, _dedupe(cands))


# --------------------------------------------------------------------------- spans


@lru_cache(maxsize=1)
def _legal_form_rx() -> re.Pattern:
    """A legal form: an abbreviation ("МБУК") or spelled out (any case, any spacing)."""
    forms = f"{gazetteer.legal_form_alternation()}|{gazetteer.REGIONAL_LEGAL_FORM}"
    phrases = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p, _ in gazetteer.legal_form_phrases()
    )
    # A region code may follow the form: "БУК ВО «…»", "ГБУК РК «…»" (Вологодской
    # области, Республики Карелия); only right before a quoted name.
    return re.compile(
        rf"(?<![А-Яа-яЁё])((?:(?i:{phrases})|{forms})(?:\s[А-ЯЁ]{{2}}(?=\s?«))?)(?![А-Яа-яЁё])"
    )


def _close_quote(text: str, at: int) -> int | None:
    """The end (after the closing ») of the «…» opening at `at`, on the same line and
    within 300 characters: a name, not a run-on title."""
    line_end = text.find("\n", at)
    bound = min(len(text) if line_end < 0 else line_end, at + 300)
    j = matching_quote(text, at, bound)
    return None if j is None else j + 1


def _repair(text: str, start: int, end: int, loc_spans) -> _Cand:
    """Extend a span over an unclosed «...», a following «name», tails; split a legal form."""
    c = _Cand(start, end)
    m = re.search(rf"\s?\(({_ABBR})\)$", text[start:end])
    if m:  # natasha keeps "(РБА)" in the span: it is the short name
        c.short = m.group(1)
        c.end = start + m.start()
    # An opening quote inside the span that closes after it.
    span_text = text[start:end]
    if span_text.count("«") > span_text.count("»"):
        q = text.find("«", start, end)
        q_end = _close_quote(text, q)
        if q_end:
            c.end = q_end
    # A legal form at the start of the span.
    m = _legal_form_rx().match(text, c.start)
    if m:
        c.legal_form, c.legal_start = m.group(1), c.start
        c.start = m.end()
        while c.start < c.end and text[c.start] == " ":
            c.start += 1
    # A legal form right before the span.
    before = text[max(0, c.start - 60) : c.start]
    lm = re.search(rf"(?<![А-Яа-яЁё])({gazetteer.legal_form_alternation()})\s*«?$", before)
    if lm and c.legal_form is None:
        c.legal_form = lm.group(1)
        c.legal_start = c.start - (len(before) - lm.start())
        if before.endswith("«"):
            c.start -= 1
            q_end = _close_quote(text, c.start)
            if q_end:
                c.end = max(c.end, q_end)
    # A capitalized head noun right before ("Секция" + "РБА", "Рабочая группа").
    hm = re.search(rf"({_CAP})\s$", before)
    if (
        hm
        and c.legal_form is None
        and (re.match(_ABBR, text[c.start :]) or text[c.start : c.start + 1] == "«")
        and lemmas.lemma(hm.group(1)) in ORG_HEADS
    ):
        c.start -= len(hm.group(0))
    c.end = _extend_right(text, c.end, loc_spans, c.start)
    if c.legal_form and text[c.start : c.start + 1] == "«" and _close_quote(text, c.start) == c.end:
        c.start, c.end = c.start + 1, c.end - 1
    return c


def _head_lemma(name: str) -> str | None:
    for w in re.findall(r"[А-Яа-яЁё]+", name):
        lem = lemmas.lemma(w)
        if lem in ORG_HEADS:
            return lem
        if not any(_is_adj(p) for p in parses(w)):
            return lem
    return None


def _is_adj(p) -> bool:
    t = str(p.tag)
    return t.startswith(("ADJF", "PRTF"))


def _extend_right(text: str, end: int, loc_spans, start: int | None = None) -> int:
    """Absorb a name's tails: "г. X", "им. X.Y. Z", "№ 7", «name», an adjacent place
    ("Клуб ... методистов" + "Кузбасса"), "для детей и юношества", "по ... деятельности"."""
    phrase_head = _head_lemma(text[start:end]) if start is not None else None
    while True:
        rest = text[end : end + 200]
        head = _last_head(text, end)
        m = (
            re.match(rf"\s?(?:г\.|гор\.|города|пос\.|поселка|с\.)\s?{_CAP}", rest)
            or re.match(rf"\s(?:им\.|имени)\s?(?:[А-ЯЁ]\.\s?){{0,2}}{_CAP}", rest)
            or re.match(r"(?:\s?№\s?\d+|-филиал\s?№\s?\d+)", rest)
        )
        if m:
            end += m.end()
            continue
        if rest.startswith(" «") and head is not None:
            q_end = _close_quote(text, end + 1)
            if q_end:
                end = q_end
                continue
        if rest.startswith(" ") and end + 1 in loc_spans and head is not None:
            end = loc_spans[end + 1]
            continue
        m = re.match(r"\s(для|по)\s", rest)
        noun_head = phrase_head if phrase_head in ORG_HEADS else head
        if (
            m
            and noun_head not in (None, "abbr")
            and ((m.group(1) == "для" and noun_head != "tail") or noun_head in _PO_HEADS)
        ):
            tail_end = _lower_tail(text, end + m.end())
            if tail_end:
                end = tail_end
                continue
        return end


def _last_head(text: str, end: int) -> str | None:
    """The organization head of the phrase ending at `end`, if it ends with one."""
    m = re.search(r"([А-Яа-яЁё]+)»?$", text[max(0, end - 40) : end])
    if not m:
        return None
    w = m.group(1)
    if re.fullmatch(_ABBR, w):
        return "abbr"
    lem = lemmas.lemma(w)
    if lem in ORG_HEADS:
        return lem
    # "Клуб деловых встреч методистов" + "Кузбасса": a genitive tail of an org phrase.
    line_start = text.rfind("\n", 0, end) + 1
    prefix = text[max(line_start, end - 120) : end]
    words = re.findall(r"[А-Яа-яЁё]+", prefix)
    return "tail" if any(lemmas.lemma(x) in ORG_HEADS for x in words[-6:]) else None


def _lower_tail(text: str, at: int) -> int | None:
    """Lower-case adjectives and nouns (joined by "и") from `at`: "детей и юношества"."""
    end = None
    for m in re.finditer(r"[а-яё]+(?:-[а-яё]+)*|\S", text[at : at + 200]):
        w = m.group()
        if w == "и":
            continue
        if not w[0].isalpha():
            break
        ps = parses(w)
        best = max(ps, key=lambda p: p.score)
        if not str(best.tag).startswith(("NOUN", "ADJF", "PRTF")) or "Apro" in str(best.tag):
            break
        end = at + m.end()
    return end


def _head_phrases(text: str, loc_spans) -> list[tuple[int, int]]:
    """Capitalized "Adj adj Head ..." or "Head gen-tail" phrases with an org head noun."""
    out = []
    for line_m in re.finditer(r"[^\n]+", text):
        line, base = line_m.group(), line_m.start()
        words = list(re.finditer(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*", line))
        for i, w in enumerate(words):
            word = w.group()
            lower_gov = word[0].islower() and lemmas.lemma(word) in _GOV_HEADS
            if (not word[0].isupper() and not lower_gov) or word.isupper():
                continue
            if i and words[i - 1].end() == w.start() - 1 and line[w.start() - 1] == "-":
                continue
            sentence_start = _sentence_start(line, w.start())
            j = i
            while j < len(words) and not _is_head_word(words[j].group()):
                if not any(_is_adj(p) for p in parses(words[j].group())) or j - i > 5:
                    j = len(words)
                    break
                nxt = words[j + 1].start() if j + 1 < len(words) else len(line)
                if line[words[j].end() : nxt] != " ":
                    j = len(words)
                    break
                j += 1
            if j >= len(words):
                continue
            head_end = base + words[j].end()
            if j == i and not _is_singular(words[j].group()):
                continue
            end = _extend_right(text, head_end, loc_spans, base + w.start())
            if j == i:
                # "Отдел прогнозирования и развития ...": the head with a genitive tail
                tail = _genitive_tail(text, head_end)
                end = max(end, tail or head_end)
                if end == head_end:
                    continue
            elif end == head_end and sentence_start:
                continue  # "Современная библиотека оказывает ...": not a name
            if lemmas.lemma(words[j].group()) in _GOV_HEADS:
                end = _ministry_list(text, end, loc_spans, base + w.start())
                region = _REGION_TAIL.match(text, end)
                end = region.end() if region else end
            if lower_gov and (j != i or not re.search(r"\s[А-ЯЁ]", text[head_end:end])):
                continue  # "комитет по культуре Курской области": only with its region
            if i and lemmas.lemma(words[i - 1].group()) in _NOT_ORG_TITLES:
                continue
            if line[: w.start()].endswith("«") and j == i:
                continue  # «Библиотеки для детей ...»: a title that opens with a head noun
            out.append((base + w.start(), end))
    return out


# Bodies of government, named in lower case in running text as often as not
# ("Организаторы – комитет по культуре Курской области").
_GOV_HEADS = frozenset(["министерство", "департамент", "комитет", "управление", "агентство"])
_GEN_LIST = re.compile(r",((?:\s[а-яё]+){1,4})(?:,((?:\s[а-яё]+){1,4}))*\sи((?:\s[а-яё]+){1,4})")


# The region a government body belongs to: "… Ярославской области", "… Республики Мордовия".
_REGION_TAIL = re.compile(
    r"\s(?:[А-ЯЁ][а-яё-]+\s+(?:области|края|округа|района|Федерации|Республики)|"
    r"Республики\s+[А-ЯЁ][а-яё]+|России|г\.\s?[А-ЯЁ][а-яё-]+)(?![а-яё])"
)


def _ministry_list(text: str, end: int, loc_spans, start: int) -> int:
    """ "Министерство культуры, национальной политики и архивного дела Республики
    Мордовия": the fields of a ministry listed with commas and "и", all genitive."""
    m = _GEN_LIST.match(text, end)
    if not m:
        return end
    words = re.findall(r"[а-яё]+", m.group(0))
    words = [w for w in words if w != "и"]
    if not all(
        any("gent" in p.tag and p.tag.POS in ("NOUN", "ADJF") for p in parses(w)) for w in words
    ):
        return end
    region = _REGION_TAIL.match(text, m.end())
    return region.end() if region else end


def _is_head_word(word: str) -> bool:
    """An organization head noun, or a generic abbreviation ("Тайгинская ЦБС")."""
    return word in gazetteer.generic_abbreviations() or lemmas.lemma(word) in ORG_HEADS


def _sentence_start(line: str, pos: int) -> bool:
    before = line[:pos].rstrip()
    return not before or before[-1] in ".!?:•-–—" or re.search(r"\d[.)]$", before) is not None


def _is_singular(word: str) -> bool:
    return any("sing" in str(p.tag) and "NOUN" in str(p.tag) for p in parses(word))


def _genitive_tail(text: str, at: int) -> int | None:
    """Lower-case genitive words (and "и") after a head noun: "прогнозирования и развития"."""
    end = None
    pos = at
    for m in re.finditer(r"\s+(?:и\s+)?([а-яё]+(?:-[а-яё]+)*)", text[at : at + 200]):
        if at + m.start() != pos:
            break
        ps = parses(m.group(1))
        if not any(
            "gent" in str(p.tag) and str(p.tag).startswith(("NOUN", "ADJF", "PRTF")) for p in ps
        ):
            break
        best = max(ps, key=lambda p: p.score)
        if str(best.tag).startswith(("VERB", "INFN", "ADVB", "PREP", "CONJ", "PRTS", "GRND")):
            break
        pos = at + m.end()
        end = pos
    # a trailing adjective without its noun is not a tail's end
    return end


# --------------------------------------------------------------------------- merging


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """Drop a candidate contained in a longer one (same mention seen twice)."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Cand] = []
    for c in cands:
        if c.end <= c.start:
            continue
        host = next((o for o in out if o.start <= c.start and c.end <= o.end), None)
        if host:
            host.legal_form = host.legal_form or c.legal_form
            host.short = host.short or c.short
            continue
        # partial overlap: keep the one that starts first, trim nothing
        if out and c.start < out[-1].end:
            if c.end - c.start > out[-1].end - out[-1].start:
                out[-1] = c
            continue
        out.append(c)
    return out


def _normalize(text: str) -> str:
    name = " ".join(text.split()).strip(" ,;:.-–")
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


def _key(name: str) -> tuple[str, ...]:
    words = [w for w in lemmas.lemmas(name)]
    return tuple({"имя": "им", "имени": "им", "город": "г"}.get(w, w) for w in words)


def _merge(ctx: Context, cands: list[_Cand]) -> list[Organization]:
    text = ctx.text
    generic = gazetteer.generic_abbreviations()
    entries: list[dict] = []
    by_key: dict[tuple[str, ...], dict] = {}
    by_short: dict[str, dict] = {}

    for c in cands:
        raw = text[c.start : c.end]
        name = _balance(_normalize(raw))
        if c.capitalize:
            name = name[:1].upper() + name[1:]
        if not name or not _is_org(text, c, name):
            continue
        words = re.findall(r"[А-Яа-яЁёA-Za-z]+", name)
        # A lone abbreviation: a defined short, a national body, or nothing.
        if len(words) == 1 and re.fullmatch(_ABBR, words[0]) and "«" not in name:
            abbr = words[0]
            if abbr in by_short:
                continue
            full = gazetteer.abbreviations().get(abbr)
            if abbr in generic or abbr in gazetteer.legal_form_prefixes() or not full:
                continue
            name, c.short = full, abbr
        elif len(words) == 1 or _is_bare_generic(name):
            # "Клуба", "Секции", "Муниципальным ЦБС": a kind, or a back-reference to an
            # organization named before (kept there); not an entry of its own.
            continue
        key = _key(name)
        entry = (
            by_key.get(key)
            or (by_short.get(c.short) if c.short else None)
            or _shortened_from(key, by_key)
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
            by_key[key] = entry
        else:
            entry["short"] = entry["short"] or c.short
            entry["legal_form"] = entry["legal_form"] or c.legal_form
        if entry["short"]:
            by_short[entry["short"]] = entry
    entries.sort(key=lambda e: e["span"][0])
    return [Organization(**e) for e in entries]


def _shortened_from(key: tuple[str, ...], by_key: dict) -> dict | None:
    """ "Головчинская библиотека" after "Головчинская модельная сельская библиотека": a
    later mention that drops adjectives, same first word and same head."""
    if len(key) < 2:
        return None
    for long_key, entry in by_key.items():
        if len(long_key) <= len(key) or long_key[0] != key[0] or long_key[-1] != key[-1]:
            continue
        it = iter(long_key)
        if all(w in it for w in key):
            return entry
    return None


def _is_bare_generic(name: str) -> bool:
    """ "Рабочая группа", "Муниципальные ЦБС", "Центральная библиотека": a kind, no name."""
    if "«" in name or re.search(r"\b(?:им\.|имени|г\.|города)", name):
        return False
    words = re.findall(r"[А-Яа-яЁё]+", name)
    generic = gazetteer.generic_abbreviations()
    last = words[-1]
    if last in generic or lemmas.lemma(last) in ORG_HEADS:
        adjectives = words[:-1]
        return all(w[0].islower() or lemmas.lemma(w) in _GENERIC_ADJECTIVES for w in adjectives)
    return False


_GENERIC_ADJECTIVES = frozenset(
    [
        "муниципальный",
        "рабочий",
        "центральный",
        "городской",
        "районный",
        "сельский",
        "детский",
        "модельный",
        "публичный",
        "массовый",
        "общедоступный",
        "школьный",
        "региональный",
        "областной",
        "краевой",
        "государственный",
        "специальный",
    ]
)


def _is_org(text: str, c: _Cand, name: str) -> bool:
    low = name.lower()
    if low in _PLATFORMS or low.strip("«»") in _PLATFORMS:
        return False
    words = re.findall(r"[А-Яа-яЁё]+", name)
    if not words:
        return False
    if (
        name.isupper()
        and len(words) <= 4
        and all(any(p.is_known for p in parses(w)) for w in words)
        and not any(w in gazetteer.abbreviations() for w in words)
        and not any(lemmas.lemma(w.lower()) in ORG_HEADS for w in words)
    ):
        return False  # "РЕЗОЛЮЦИЯ", "ИНФОРМАЦИОННОЕ ПИСЬМО": a heading, not an abbreviation
    if not (name[0].isupper() or name[0] == "«" or lemmas.lemma(words[0]) in _GOV_HEADS):
        return False
    first = parses(words[0])
    if (
        first
        and first[0].tag.POS == "NOUN"
        and lemmas.lemma(words[0]) not in ORG_HEADS
        and ("anim" in first[0].tag or lemmas.lemma(words[0]) in _DOCUMENT_WORDS)
    ):
        return False  # "Участники секции", "Рекомендации вебинара": not a body
    head = next((w for w in words if not any(_is_adj(p) for p in parses(w))), None)
    if head and lemmas.lemma(head) in ORG_HEADS and _is_plural_nominative(words, head):
        return False  # "Сельские библиотеки района": a kind of institution, plural
    if c.legal_form is None and not c.capitalize and _strictly_inside_quotes(text, c):
        return False  # "Электронная краеведческая библиотека: опыт создания" - a title
    # A quoted title after a work/event word, or a sub-unit in lower case.
    q = text.rfind("«", max(0, c.start - 2), c.start + 1)
    prev = re.search(r"([А-Яа-яЁё]+)\s*«?$", text[max(0, c.start - 40) : c.start])
    if prev and c.legal_form is None:
        lem = lemmas.lemma(prev.group(1))
        if lem in _NOT_ORG_TITLES and (
            q != -1 or text[c.start] == "«" or _inside_quotes(text, c.start)
        ):
            return False
        if prev.group(1)[0].islower() and lem in _SUBUNITS and _inside_quotes(text, c.start):
            return False
    return True


_DOCUMENT_WORDS = frozenset(
    ["рекомендация", "резолюция", "решение", "протокол", "положение", "программа"]
)


def _is_plural_nominative(words: list[str], head: str) -> bool:
    """The head is plural: by itself, or by an adjective before it ("Сельские библиотеки")."""
    i = words.index(head)
    for w in (head, *words[max(0, i - 1) : i]):
        ps = [p for p in parses(w) if p.score >= 0.05]
        if ps and all("plur" in p.tag for p in ps):
            return True
    return False


def _strictly_inside_quotes(text: str, c: _Cand) -> bool:
    """The candidate is a part, not the whole, of a quoted title: «X: Y»."""
    q = text.rfind("«", max(0, c.start - 200), c.start + 1)
    if q < 0 or "»" in text[q : c.start]:
        return False
    q_end = _close_quote(text, q)
    if not q_end or q_end < c.end:
        return False
    inner = text[q + 1 : q_end - 1].strip()
    return inner != text[c.start : c.end].strip(" «»")


def _inside_quotes(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[line_start:pos]
    return before.count("«") > before.count("»")
