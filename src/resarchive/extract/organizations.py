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
  abbreviation with a place or name ("ЦБС г.Белово", "Ижморская ЦБС") is one; so is a
  kind capitalized inside a sentence ("прошел в Центральной районной библиотеке");
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
from functools import lru_cache

from ..record.models import Organization
from ..rules import gazetteer
from ..rules.words import is_entry
from .affiliation import is_position_word
from .context import Context
from .morph import looks_relative_adjective, noun_gender, parses, singular_nominative
from .org_names import (
    ABBR,
    Candidate,
    close_quote,
    cut_before,
    dedupe,
    is_adjective_parse,
    merge,
    title_in_quotes,
)
from .org_tails import CAP, REGION_TAIL, extend_right, genitive_tail, ministry_list
from .people import PersonMention, find_people

# A kind of body written in lower case before its quoted name: "клуб «Родники»",
# "краеведческого центра «Истоки»", "литературное объединение «Лира»".
_KIND_BEFORE_QUOTE = re.compile(
    r"(?<![А-Яа-яЁё-])(?P<adj>(?:[а-яё]+(?:ого|ему|ым|ом|ый|ий|ой|ое|ая|ую|ей|ых)\s+){0,2})"
    r"(?P<kind>(?:клуб|центр|кружок|кружк|музе|союз|фонд|студи|объединени|обществ|секци)[а-яё]*"
    r"(?:-[а-яё]+)?)\s«"  # "музей-заповедника «Иднакар»"
)


def extract_organizations(
    ctx: Context, people: list[PersonMention] | None = None
) -> list[Organization]:
    """The document's organizations; `people` are its person mentions (`find_people`),
    where a name stops."""
    people = find_people(ctx) if people is None else people
    text = ctx.text
    loc_spans = {s.start: s.stop for s in ctx.doc.spans if s.type == "LOC"}
    cands: list[Candidate] = []

    # 1. Legal form + «name» or + a name.
    for m in _legal_form_rx().finditer(text):
        form = m.group(1)
        rest_at = m.end()
        gap = re.match(r"\s*(?=«)", text[rest_at:])
        if gap:
            q_end = close_quote(text, rest_at + gap.end())
            if q_end:
                cands.append(Candidate(rest_at + gap.end(), q_end, form, m.start()))
                continue
        nm = re.match(rf"\s({ABBR}|{CAP})", text[rest_at:])
        if nm and nm.group(1) not in gazetteer.legal_form_prefixes():
            start = rest_at + 1
            end = extend_right(text, rest_at + nm.end(), loc_spans, start)
            if end > rest_at + nm.end() or nm.group(1) not in gazetteer.generic_abbreviations():
                cands.append(Candidate(start, end, form, m.start()))

    # A kind of institution by abbreviation + its name: "ИБЦ «Доступный город»"; not a
    # talk's title after it ("директора МЦБС «Концепция развития … в цифровой среде»").
    for m in re.finditer(rf"(?<![А-Яа-яЁё])({ABBR})\s«", text):
        if m.group(1) in gazetteer.generic_abbreviations():
            q_end = close_quote(text, m.end() - 1)
            if q_end and not title_in_quotes(text[m.end() : q_end - 1]):
                cands.append(Candidate(m.start(), extend_right(text, q_end, loc_spans)))

    # A library or school by its kind's abbreviation and number: "ГБ №1", "СОШ № 5"
    # (libraries' abbreviations end in Б, schools' in Ш: "ФЗ № 131" is a law).
    for m in _NUMBERED_ABBR.finditer(text):
        cands.append(Candidate(m.start(), m.end()))

    # A kind of body in lower case + its quoted name: "клуба «Родники»".
    for m in _KIND_BEFORE_QUOTE.finditer(text):
        if not is_entry(m.group("kind").split("-")[0], "org_kinds"):
            continue
        q_end = close_quote(text, m.end() - 1)
        if not q_end:
            continue
        start = m.start("kind")
        for adj in reversed(re.findall(r"[а-яё]+", m.group("adj"))):
            if not any(is_adjective_parse(p) for p in parses(adj)):
                break
            start = text.rfind(adj, 0, start)
        cands.append(Candidate(start, extend_right(text, q_end, loc_spans), capitalize=True))

    # 2. Natasha's ORG spans, repaired. An institution's unit and the institution natasha
    # read apart, the second in the genitive, make one name, and the institution stays an
    # organization of its own: "Научная библиотека" + "Омского государственного
    # университета путей сообщения".
    spans = [s for s in ctx.doc.spans if s.type == "ORG"]
    owner = {a.stop: b.stop for a, b in zip(spans, spans[1:], strict=False) if _owned(text, a, b)}
    owners = {stop + 1 for stop in owner}
    for s in spans:
        pos, stop = s.start, owner.get(s.stop, s.stop)
        for part in text[s.start : stop].split("\n"):  # a span across lines: each line
            start, end = pos, pos + len(part)
            pos = end + 1
            lead = re.match(r"(?:(?:в|во|на|с|со|к|о|об|от|из|для|при|по|у)\s+)+", part, re.I)
            if lead:  # "В Российскую библиотечную ассоциацию": not the preposition
                start += lead.end()
            if end > start and not _NAVIGATION.search(part):
                cands.append(_repair(text, start, end, loc_spans))
                cands[-1].named_within = s.start in owners

    # 3. Adjectives + an organization head noun (+ tail) that natasha missed.
    for start, end, lower in _head_phrases(text, loc_spans):
        cand = _repair(text, start, end, loc_spans)
        cand.lower_name = lower
        cands.append(cand)

    # 3b. Several organizations sharing one head: "Ленинской, Озерновской сельских библиотек";
    # they replace the spans read over them as one plural phrase.
    shared = _coordinated_heads(text)
    cands = [c for c in cands if not any(c.start < o.end and o.start < c.end for o in shared)]
    cands.extend(shared)

    # 3c. A national body by its abbreviation alone ("президент РБА", "Конференции РБА"):
    # the gazetteer names exactly one, unlike the generic "ЦБС".
    cands += _known_abbreviations(text, cands)

    # 4. Abbreviation definitions: "Name (ABBR)".
    for c in cands:
        m = re.match(rf"\s?\(({ABBR})\)", text[c.end :])
        if m and m.group(1) not in gazetteer.legal_form_prefixes():
            c.short = m.group(1)

    # "заведующая Детской библиотекой Мымрина Елена Николаевна": a name ends where a
    # person's begins; not at a genitive one ("Литературный музей Степана Щипачёва").
    for c in cands:
        cut = min(
            (p.start for p in people if c.start < p.start < c.end and p.case != "gent"),
            default=None,
        )
        if cut is not None:
            cut_before(c, cut, text)
    return merge(ctx, dedupe(cands, text))


# A site's breadcrumbs ("Тверь Онлайн / Все новости Твери / Культура /"): no organization.
_NAVIGATION = re.compile(r"\s[/>]\s")


def _owned(text: str, unit, owner) -> bool:
    """Two ORG spans one space apart, the first ending with an organization's head noun
    and the second opening with a genitive ("Научная библиотека" + "Омского университета")."""
    if owner.start != unit.stop + 1 or text[unit.stop] != " ":
        return False
    last = re.search(r"([А-Яа-яЁё]+)$", text[unit.start : unit.stop])
    first = re.match(r"[А-Яа-яЁё]+", text[owner.start : owner.stop])
    return (
        bool(last and first)
        and is_entry(last.group(1), "org_heads")
        and any("gent" in p.tag for p in parses(first.group())[:1])
    )


def _known_abbreviations(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A candidate for each gazetteer abbreviation of one institution standing alone."""
    out = []
    for m in _known_abbreviation_rx().finditer(text):
        if m.group(1) in gazetteer.generic_abbreviations():
            continue
        if any(
            c.start <= m.start() < c.end
            and text[m.end()] == " "
            and text[m.end() + 1 : m.end() + 2].isupper()
            for c in cands
        ):
            continue  # the start of a longer name ("ГПНТБ России")
        # also inside a body's name ("член Совета РБА"): the association is named too
        out.append(Candidate(m.start(1), m.end(1), named_within=True))
    return out


@lru_cache(maxsize=1)
def _known_abbreviation_rx() -> re.Pattern:
    names = sorted(
        (a for a in gazetteer.abbreviations() if a.isupper() and " " not in a),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")


# --------------------------------------------------------------------------- spans


_NUMBERED_ABBR = re.compile(r"(?<![А-Яа-яЁё])[А-ЯЁ]{1,5}[БШ]\s?№\s?\d+")


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


def _repair(text: str, start: int, end: int, loc_spans) -> Candidate:
    """Extend a span over an unclosed «...», a following «name», tails; split a legal form."""
    c = Candidate(start, end)
    m = re.search(rf"\s?\(({ABBR})\)$", text[start:end])
    if m:  # natasha keeps "(РБА)" in the span: it is the short name
        c.short = m.group(1)
        c.end = start + m.start()
    # An opening quote inside the span that closes after it.
    span_text = text[start:end]
    if span_text.count("«") > span_text.count("»"):
        q = text.find("«", start, end)
        q_end = close_quote(text, q)
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
            q_end = close_quote(text, c.start)
            if q_end:
                c.end = max(c.end, q_end)
    # A capitalized head noun right before ("Секция" + "РБА", "Рабочая группа").
    hm = re.search(rf"({CAP})\s$", before)
    if (
        hm
        and c.legal_form is None
        and (re.match(ABBR, text[c.start :]) or text[c.start : c.start + 1] == "«")
        and is_entry(hm.group(1), "org_heads")
    ):
        c.start -= len(hm.group(0))
    c.end = extend_right(text, c.end, loc_spans, c.start)
    if c.legal_form and text[c.start : c.start + 1] == "«" and close_quote(text, c.start) == c.end:
        c.start, c.end = c.start + 1, c.end - 1
    return c


def _head_phrases(text: str, loc_spans) -> list[tuple[int, int, bool]]:
    """Capitalized "Adj adj Head ..." or "Head gen-tail" phrases with an org head noun."""
    out = []
    for line_m in re.finditer(r"[^\n]+", text):
        line, base = line_m.group(), line_m.start()
        words = list(re.finditer(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*", line))
        for i, w in enumerate(words):
            word = w.group()
            lower_gov = word[0].islower() and is_entry(word, "gov_heads")
            # "в центральной городской библиотеке имени А. М. Горького": a name in lower case
            lower_named = (
                word[0].islower()
                and not lower_gov
                and _may_open_a_name(word)
                # the phrase begins at its first modifier
                and not (
                    i
                    and line[words[i - 1].end() : w.start()] == " "
                    and _is_modifier(words[i - 1].group())
                )
            )
            if (not word[0].isupper() and not lower_gov and not lower_named) or word.isupper():
                continue
            if _only_ordinal_or_pronoun(word):
                continue  # "Это первая общедоступная библиотека …": a description
            if i and words[i - 1].end() == w.start() - 1 and line[w.start() - 1] == "-":
                continue
            j = i
            while j < len(words) and not _is_head_word(words[j].group()):
                word_j = words[j].group()
                if j - i > 5 or not (_is_adjective(word_j) or looks_relative_adjective(word_j)):
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
            end = extend_right(text, head_end, loc_spans, base + w.start())
            if j == i:
                # "Отдел прогнозирования и развития ...": the head with a genitive tail
                tail = genitive_tail(text, head_end)
                end = max(end, tail or head_end)
                if end == head_end:
                    continue
            elif (
                end == head_end and _sentence_start(line, w.start()) and not _tasked(text, head_end)
            ):
                continue  # "Современная библиотека оказывает ...": not a name
            if is_entry(words[j].group(), "gov_heads"):
                end = ministry_list(text, end, loc_spans, base + w.start())
                region = REGION_TAIL.match(text, end)
                end = region.end() if region else end
            if lower_gov and (j != i or not re.search(r"\s[А-ЯЁ]", text[head_end:end])):
                continue  # "комитет по культуре Курской области": only with its region
            named = _NAMED_BY if j == i else _NAMED_TAIL
            if lower_named and (
                not named.match(text, head_end, end) or is_entry(words[j].group(), "verbal_heads")
            ):
                continue  # "сельская библиотека": a kind; "библиотека имени Курбатова": a name
            if (
                i
                and line[words[i - 1].end() : w.start()] == " "
                and is_entry(words[i - 1].group(), "not_org_titles")
            ):
                continue  # "семинара Современная библиотека": a title; not after "семинара –"
            if line[: w.start()].endswith("«") and j == i:
                continue  # «Библиотеки для детей ...»: a title that opens with a head noun
            out.append((base + w.start(), end, lower_named))
    return out


_CONJUNCTS = re.compile(rf"((?:{CAP}(?:\s[а-яё]+)*(?:,\s*|\sи\s))+{CAP}(?:\s[а-яё]+)*)\s$")


# What makes a lower-case organization phrase a name: an eponym ("имени А. М. Горького"),
# and after adjectives also a town ("города Зверево") or a proper genitive ("Абакана").
_NAMED_BY = re.compile(r"\s?(?:им\.|имени)\s?[А-ЯЁ]")
_NAMED_TAIL = re.compile(r"\s?(?:им\.|имени|г\.|гор\.|города)\s?[А-ЯЁ]|\s[А-ЯЁ][а-яё]")


def _coordinated_heads(text: str) -> list[Candidate]:
    """One candidate per conjunct of adjectives that share a plural head noun.

    "Рубежинской модельной, Тюльпанской сельских библиотек" -> "Рубежинская модельная
    сельская библиотека", "Тюльпанская сельская библиотека": each conjunct opens with a
    capitalized adjective; plural adjectives before the head are shared by all, singular
    ones belong to their conjunct. The span is the conjunct's own words (the last one's
    runs to the head).
    """
    out = []
    for h in re.finditer(r"(?<![А-Яа-яЁё-])[а-яё]+(?![А-Яа-яЁё-])", text):
        head = h.group()
        if not is_entry(head, "org_heads"):
            continue
        m = _CONJUNCTS.search(text, max(0, h.start() - 300), h.start())
        if not m:
            continue
        seps = list(re.finditer(r",\s*|\sи\s", m.group(1)))
        bounds = [m.start(1), *(m.start(1) + s.end() for s in seps)]
        ends = [*(m.start(1) + s.start() for s in seps), m.end(1)]
        conjuncts = [text[a:b].split() for a, b in zip(bounds, ends, strict=True)]
        if any(not all(_is_adjective(w) for w in words) for words in conjuncts):
            continue
        last = conjuncts[-1]
        k = len(last)
        while k > 1 and _is_plural_adjective(last[k - 1]):
            k -= 1
        shared, conjuncts[-1] = last[k:], last[:k]
        if _is_singular(head) and not shared:
            continue  # "Ленинской, Озерновской библиотеки": one library's name, or two?
        gender = noun_gender(singular_nominative(head))
        tail = [singular_nominative(w, gender) for w in shared] + [singular_nominative(head)]
        for (a, b), words in zip(zip(bounds, ends, strict=True), conjuncts, strict=True):
            name = " ".join([*(singular_nominative(w, gender) for w in words), *tail])
            end = h.end() if a == bounds[-1] else b
            out.append(Candidate(a, end, name=name))
    return out


@lru_cache(maxsize=100_000)
def _is_adjective(word: str) -> bool:
    return any(is_adjective_parse(p) for p in parses(word))


def _tasked(text: str, end: int) -> bool:
    """A body given a task: the phrase ending at `end` is followed by an infinitive
    ("Научно-методическому отделу (Жуков Д. А.) подготовить …"), an item's addressee."""
    m = re.match(r"\s*(?:\([^()\n]{0,80}\)\s*)?([а-яё]+)", text[end : end + 120])
    return bool(m) and any(p.tag.POS == "INFN" for p in parses(m.group(1))[:1])


@lru_cache(maxsize=100_000)
def _may_open_a_name(word: str) -> bool:
    """An organization's head or an adjective, not a position ("заведующая детской …")."""
    return (is_entry(word, "org_heads") or _is_adjective(word)) and not is_position_word(word)


@lru_cache(maxsize=100_000)
def _is_modifier(word: str) -> bool:
    """An adjective that is not a position's word."""
    return _is_adjective(word) and not is_position_word(word)


@lru_cache(maxsize=100_000)
def _only_ordinal_or_pronoun(word: str) -> bool:
    """An adjective only as an ordinal or a pronoun ("первая", "эта")."""
    adjectival = [p for p in parses(word) if is_adjective_parse(p)]
    return bool(adjectival) and all({"Anum", "Apro"} & p.tag.grammemes for p in adjectival)


def _is_plural_adjective(word: str) -> bool:
    ps = [p for p in parses(word) if is_adjective_parse(p)]
    return bool(ps) and all("plur" in p.tag for p in ps)


def _is_head_word(word: str) -> bool:
    """An organization head noun, or a generic abbreviation ("Тайгинская ЦБС")."""
    return word in gazetteer.generic_abbreviations() or is_entry(word, "org_heads")


def _sentence_start(line: str, pos: int) -> bool:
    """Whether `pos` opens a sentence or an item of `line` (only spaces, an end mark or an
    item's number before it)."""
    k = pos - 1
    while k >= 0 and line[k].isspace():
        k -= 1
    if k > 0 and line[k] == "." and re.search(r"(?<![А-Яа-яЁё])[а-яё]{1,4}$", line[:k]):
        return False  # "(зав. Красновской библиотеки)": an abbreviation's dot
    return k < 0 or line[k] in ".!?:•-–—" or (line[k] == ")" and k > 0 and line[k - 1].isdigit())


def _is_singular(word: str) -> bool:
    return any("sing" in str(p.tag) and "NOUN" in str(p.tag) for p in parses(word))
