"""The organization of a person: the position and body a name comes with.

One home for reading "Name, position Org", "Name (Org)" and "position Name" around a
person's name. `position_and_organization` reads a tail after the name: adjectives and an
animate noun (the position, put into the nominative), its complements ("заместитель
директора", "заведующая отделом обслуживания", "по научной работе") and then the
organization up to a delimiter (nominative). Abbreviated position words are spelled out
by the person's gender ("зав. отделом" -> "заведующая отделом").
"""

from __future__ import annotations

import re

from ..rules import gazetteer
from ..rules.quotes import OPEN_QUOTES
from ..rules.words import is_entry
from .morph import capitalize_first, parses
from .names import name_gender_case
from .phrases import phrase_nominative

_ROLE_TAIL = re.compile(r"^\s*,\s*")
_PARENS = re.compile(r"^\s*\(([^()\n]{2,200})\)")


# Abbreviated position words, by gender: "зав. отделом" -> "заведующая отделом".
_ROLE_ABBR = {
    "зав": ("заведующий", "заведующая"),
    "зам": ("заместитель", "заместитель"),
    "гл": ("главный", "главная"),
    "вед": ("ведущий", "ведущая"),
}
_ROLE_ABBR_RX = re.compile(r"(?<![А-Яа-яЁё])(зав|зам|гл|вед)\.\s*")


def _feminine(name: str) -> bool:
    gender, _ = name_gender_case(*_first_patr(name))
    if gender:
        return gender == "femn"
    return bool(re.search(r"(?:ов|ев|ёв|ин|ын)а$|(?:ая|яя)$", name.split()[0]))


def _expand_role_abbr(text: str, feminine: bool) -> str:
    return _ROLE_ABBR_RX.sub(lambda m: _ROLE_ABBR[m.group(1)][feminine] + " ", text)


def person_role(position: str | None, name: str) -> str | None:
    """A speaker's position as a person's role: abbreviations spelled out in the person's
    gender ("зав. отделом", Сметанина А. П. -> "заведующая отделом")."""
    return _expand_role_abbr(position, _feminine(name)).strip() if position else position


def role_before(text: str, start: int, name: str) -> str | None:
    """ "зав. отделом А.П. Сметанина": a lower-case position right before the name at
    `start`, in its own clause; in the nominative."""
    before = text[max(0, start - 80) : start]
    clause = re.split(r"[,;:(–—\n]", before)[-1].strip()
    clause = re.sub(r"^(?:и|а|также)\s+", "", clause)
    if not clause or not clause[0].islower() or len(clause.split()) > 5:
        return None
    clause = _expand_role_abbr(clause, _feminine(name))
    role, _ = position_and_organization(clause)
    return role if role and len(role) >= len(clause.strip()) - 1 else None


def person_affiliation(
    text: str, start: int, end: int, name: str
) -> tuple[str | None, str | None, bool]:
    """The role and organization of the person named at text[start:end] (`name`
    normalized), both nominative: "(Org)" after the name, or ", position Org" after it,
    or a position right before it. Returns (role, organization, organization came from
    parentheses)."""
    rest = text[end:]
    m = _PARENS.match(rest)
    if m:
        org = m.group(1).strip()
        found = _clean_org(org) if _is_organization_like(org) else None
        return role_before(text, start, name), found, found is not None
    m = _ROLE_TAIL.match(rest)
    if not m:
        return role_before(text, start, name), None, False
    words = rest.split("\n", 1)[0]
    # "Е. Ю. Соколова, заместитель директора": the position's own words decide its case.
    tail = _expand_role_abbr(words[m.end() :], _feminine(name))
    role, org = position_and_organization(tail)
    return role, org, False


def _first_patr(name: str) -> tuple[str | None, str | None]:
    parts = name.split()
    return (parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)


_POS_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


def position_and_organization(tail: str) -> tuple[str | None, str | None]:
    """The position and its organization after "Name, ...": adjectives + an animate noun
    in the name's case, then the rest up to a delimiter as the organization."""
    # The name was normalized already; find the case the position is written in from
    # its own words: the first animate noun that the tail starts with decides.
    pos = 0
    role_end = None
    case = None
    for m in _POS_WORD.finditer(tail):
        if tail[pos : m.start()].strip():
            break
        w = m.group()
        ps = parses(w)
        noun = [p for p in ps if _anim_noun(p)]
        adj = [p for p in ps if {"ADJF", "PRTF"} & _tags(p) and "Subx" not in _tags(p)]
        if noun:
            cases = {c for p in noun for c in _tags(p) & _CASES}
            case = case or _pick_case(cases)
            role_end = m.end()
            pos = m.end()
            if "Subx" in _tags(noun[0]):  # "ведущий" + "методист": the noun follows
                nxt = re.match(r"\s([а-яё]+)", tail[pos:])
                if nxt and any(_anim_noun(p) and case in _tags(p) for p in parses(nxt.group(1))):
                    role_end = pos + nxt.end()
            break
        if adj:
            pos = m.end()
            continue
        break
    if role_end is None:
        return None, None
    # The head ("заведующую") goes to the nominative; its complements ("отделом
    # обслуживания", "директора") keep the case they govern.
    head_end, role_end = role_end, _role_complements(tail, role_end)
    comp = tail[head_end:role_end].strip()
    if (
        re.match(r"(?:[а-яё-]+\s+){0,2}центр[а-яё]*\s*«[^«»]+»$", comp)
        and not _org_tail(tail[role_end:])
        and not re.search(r"\s(?:по|отдела|сектора)\s", tail[:head_end] + " " + comp)
    ):
        # "руководитель волонтерского центра «Равные возможности»": a named centre
        # with no institution after it is the organization itself, not a department.
        role = phrase_nominative(tail[:head_end].strip())
        role = role[:1].lower() + role[1:]
        org = capitalize_first(phrase_nominative(comp))
        return role, org
    role = (phrase_nominative(tail[:head_end].strip()) + tail[head_end:role_end]).strip()
    role = role[:1].lower() + role[1:] if not role[:2].isupper() else role
    org_text = _org_tail(tail[role_end:])
    org = _clean_org(org_text) if org_text else None
    return role, org


_DEPT_WORD = re.compile(
    r"(?:отдел|сектор|кафедр|лаборатори|служб|филиал|абонемент|зал|центр|студи)[а-яё]*$"
)
_LOWER_WORD = re.compile(r"\s+([а-яё]+(?:-[а-яё]+)*)(?=[\s,;.()]|$)")
_QUOTED = re.compile(r"\s*«[^«»\n]{1,80}»")


def _role_complements(tail: str, end: int) -> int:
    """Extend a position past its head noun by the words that belong to it:
    a genitive person noun ("заместитель директора"), a department in lower case with
    its own words and quoted name ("заведующая отделом обслуживания", "библиотекарь
    отдела «Читалия»"), a "по ..." field ("по научной работе"). Capitalized words
    start the organization and stop it."""
    first = _LOWER_WORD.match(tail, end)
    if first and any(_anim_noun(p) and "gent" in _tags(p) for p in parses(first.group(1))):
        end = first.end()
    word = _LOWER_WORD.match(tail, end)
    # "заведующая научно-методическим отделом": adjectives before the department word.
    probe = word
    for _ in range(2):
        if not probe or _DEPT_WORD.match(probe.group(1)):
            break
        if not any({"ADJF", "PRTF"} & _tags(p) for p in parses(probe.group(1))):
            break
        probe = _LOWER_WORD.match(tail, probe.end())
    if probe and probe is not word and _DEPT_WORD.match(probe.group(1)):
        word = probe
    if word and (_DEPT_WORD.match(word.group(1)) or word.group(1) == "по"):
        end = word.end()
        while (word := _LOWER_WORD.match(tail, end)) and word.group(1) not in ("за", "в", "во"):
            end = word.end()
        quoted = _QUOTED.match(tail, end)
        if quoted:
            end = quoted.end()
    return end


_CASES = {"nomn", "gent", "datv", "accs", "ablt", "loct"}


def _pick_case(cases: set[str]) -> str | None:
    for c in ("datv", "nomn", "accs", "gent", "ablt", "loct"):
        if c in cases:
            return c
    return None


def _tags(p) -> set[str]:
    return set(str(p.tag).replace(" ", ",").split(","))


def is_position_word(word: str) -> bool:
    """A word that can head a position: an animate common noun ("директор", "Библиограф")
    or a substantivized participle ("заведующая"); no one letter ("2007 г. Олег Смолин").

    >>> is_position_word("директор"), is_position_word("заведующая"), is_position_word("г")
    (True, True, False)
    """
    return len(word) > 1 and any(_anim_noun(p) for p in parses(word))


def _anim_noun(p) -> bool:
    t = _tags(p)
    return ("NOUN" in t and "anim" in t and not t & {"Name", "Surn", "Patr"}) or (
        "Subx" in t and "PRTF" in t
    )


def _org_tail(rest: str) -> str | None:
    """The organization after a position: up to a delimiter, balanced quotes kept."""
    out = []
    depth = 0
    i = 0
    rest = rest.lstrip()
    while i < len(rest):
        ch = rest[i]
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and ch in ",;()\n"
            or (
                depth == 0
                and ch == "."
                and (i + 1 == len(rest) or rest[i + 1] in " \n")
                and not re.search(r"(?:\b[А-ЯЁ]|им|г|пос|с|д|р)$", rest[:i])
            )
        ):
            break
        out.append(ch)
        i += 1
    org = "".join(out).strip()
    org = re.split(r"\s(?:за|в связи|по случаю)\s", org)[0].strip()
    if not org or not (org[0].isupper() or org[0] == "«"):
        return None
    return org


def _is_organization_like(text: str) -> bool:
    return bool(re.match(r"[«А-ЯЁA-Z]", text.strip()))


def _clean_org(org: str) -> str:
    org = org.strip(" .,;")
    return phrase_nominative(org)


# --------------------------------------------------------------------------- as written

# Words that make the following quoted name part of the position, not the
# organization: "заведующий отделом «Детство»", "библиотекарь сектора «Читалия»".
_DEPARTMENT = re.compile(
    r"^(?:отдел|сектор|кафедр|лаборатори|служб|групп|абонемент|зал|студи|клуб|кружк|кружок|"
    # "руководитель проекта «Цифровая грамотность»": a project led is part of the position
    r"проект|программ)",
    re.IGNORECASE,
)


def is_abbreviation(word: str) -> bool:
    core = word.strip('«»"“”„.,;:()')
    return len(core) >= 2 and core.replace("-", "").isalpha() and core.isupper()


def _kind_before(rest: str, tokens: list, at: int) -> int:
    """Where a lower-case kind of body before a quoted name starts, with its adjectives
    ("руководитель волонтерского центра «X»" -> at "волонтерского"); `at` when none."""
    if len(tokens) < 2 or not is_entry(tokens[-1].group(0).strip(",;"), "org_heads"):
        return at
    k = len(tokens) - 1
    while k > 1 and any(p.tag.POS == "ADJF" for p in parses(tokens[k - 1].group(0))[:1]):
        k -= 1
    return tokens[k].start()


def split_position(rest: str) -> tuple[str | None, str | None]:
    """ "главный библиотекарь ГБУК «X»" -> ("главный библиотекарь", "ГБУК «X»").

    The position is the lower-case head of the phrase (with department names and
    their quoted titles); the organization starts at the first capitalized word or
    abbreviation that is not a department's quoted name, or at the kind of body before
    a quoted name.

    >>> split_position("руководитель волонтерского центра «Равные возможности»")
    ('руководитель', 'волонтерского центра «Равные возможности»')
    >>> split_position("генеральный директор библиотеки имени Курбатова")
    ('генеральный директор', 'библиотеки имени Курбатова')
    >>> split_position("заведующий отделом «Детство» ГБУ «Библиотека»")
    ('заведующий отделом «Детство»', 'ГБУ «Библиотека»')
    """
    rest = rest.strip(" ,.;")
    if not rest:
        return None, None
    tokens = list(re.finditer(r"\S+", rest))
    after_department = False
    in_dept_quote = False
    for k, m in enumerate(tokens):
        tok = m.group(0)
        if in_dept_quote:
            if "»" in tok or "”" in tok or tok.endswith('"'):
                in_dept_quote = False
            continue
        if after_department and tok[0] in OPEN_QUOTES + '"':
            closes = tok.count("»") + tok.count("”") + (tok.count('"') > 1)
            in_dept_quote = not closes
            after_department = False
            continue
        word = tok.strip('«»"“”„,;:()')
        if _DEPARTMENT.match(word) and tok[0].islower():
            after_department = True
            continue
        starts_org = (
            tok[0] in OPEN_QUOTES + '"'
            or is_abbreviation(tok)
            or (tok[0].isupper() and (k > 0 or gazetteer.is_legal_form(word)))
        )
        if starts_org and k > 0:
            at = m.start()
            if tok[0] in OPEN_QUOTES + '"':
                at = _kind_before(rest, tokens[:k], at)  # "волонтерского центра «X»"
            elif k > 1 and tokens[k - 1].group(0) in ("имени", "им."):
                # "директор библиотеки имени Курбатова"
                at = _kind_before(rest, tokens[: k - 1], tokens[k - 1].start())
            position = rest[:at].strip(" ,")
            return position or None, rest[at:].strip(" ,.") or None
        if starts_org and k == 0 and (is_abbreviation(tok) or tok[0] in OPEN_QUOTES):
            return None, rest.strip(" ,.")
        after_department = False
    return rest, None
