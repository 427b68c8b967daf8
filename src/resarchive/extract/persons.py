"""Persons: every person named as an actor, once, "Фамилия Имя Отчество" in the nominative.

How a person is found (token rules over the clean text with pymorphy3, natasha's PER
spans only as a hint, because natasha splits "Короткову" / "Ирину Александровну",
swallows "(Ижморская ЦБС" and misses some names outright):

- a first name followed by a patronymic (both pymorphy3 Name/Patr analyses agreeing in
  gender and case) is a person; the capitalized word before it is the surname
  ("Фамилия Имя Отчество"), or the one after it ("Имя Отчество Фамилия");
- a surname with initials ("И.В. Петрова", "Петровой И.В.") is a person too, unless it
  is an eponym ("им. В. Кручины", "имени С.М. Голицына", "памяти ...") or the author
  of a work inside a quoted title;
- names inside «...» (talk and book titles) are not actors.

Role and organization (the convention): `role` is the position alone, in the nominative
and lower case ("директор", "главный библиотекарь", "глава"); `organization` is the
institution or body the position belongs to, in the nominative ("Центр зимних видов
спорта", "Междуреченский городской округ"). So "Чернову Владимиру Николаевичу, Главе
Междуреченского городского округа" gives role "глава", organization "Междуреченский
городской округ". An organization in parentheses after a name ("(ЦБС г.Белово)")
belongs to that person and to the names listed right before it with "," or "и"
("Иванову ..., Петрову ... (МИБС г. Кемерово)": both).

Speakers (already normalized by the speakers stage) are persons as well: each is listed
once with role = position and organization = the speaker's organization, at the
speaker's span; a name mention of the same person elsewhere does not add a second entry.
Order: by first mention in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lemmas
from ..record.models import Person, Speaker
from .context import Context
from .names import (
    _gender_case_sets,
    capitalize_first,
    name_gender_case,
    normalize_person,
    parses,
    phrase_nominative,
)

_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
_INITIALS = r"[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?"
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIALS_FIRST = re.compile(rf"(?<![А-Яа-яЁё])({_INITIALS})\s?({_SURNAME})")
_INITIALS_AFTER = re.compile(rf"({_SURNAME})\s({_INITIALS})(?![А-Яа-яЁё])")

# Words before a name that make it an eponym or a work's author, not an actor.
_NOT_ACTOR_BEFORE = {
    "им",
    "имени",
    "память",
    "памяти",
    "книга",
    "произведение",
    "творчество",
    "рождение",
    "роман",
    "повесть",
    "стихотворение",
    "поэт",
    "писатель",
    "автор",
    "премия",
    "юбилей",
    "сказка",
    "рассказ",
    "поэма",
    "герой",
    "стих",
}
# Capitalized words that may stand before a first name without being a surname.
_NOT_SURNAME = {
    "глава",
    "директор",
    "господин",
    "госпожа",
    "уважаемый",
    "председатель",
    "министр",
    "губернатор",
    "заведующий",
    "докладчик",
    "ведущий",
    "спасибо",
    "благодарность",
}
_DELIMS = ",;()"


@dataclass
class _Found:
    start: int
    end: int
    name: str
    role: str | None = None
    organization: str | None = None
    org_from_parens: bool = False


def extract_persons(ctx: Context, speakers: list[Speaker]) -> list[Person]:
    text = ctx.text
    quoted = _quoted_regions(text)
    per_spans = [(s.start, s.stop) for s in ctx.doc.spans if s.type == "PER"]

    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    # 1. Имя + Отчество anchors.
    words = list(_WORD.finditer(text))
    for i in range(1, len(words)):
        first, patr = words[i - 1], words[i]
        if text[first.end() : patr.start()] != " ":
            continue
        if not _gender_case_sets(patr.group(), "Patr") or not _gender_case_sets(
            first.group(), "Name"
        ):
            continue
        start, end = first.start(), patr.end()
        before = words[i - 2] if i >= 2 else None
        after = words[i + 1] if i + 1 < len(words) else None
        if (
            before is not None
            and text[before.end() : start] == " "
            and _is_surname_before(text, before, per_spans)
        ):
            start = before.start()
        elif (
            after is not None
            and text[end : after.start()] == " "
            and _looks_like_surname(after.group())
        ):
            end = after.end()
        else:
            continue  # a first name and patronymic alone ("Ирина Викторовна") are not enough
        if not free(start, end) or _inside(quoted, start) or _eponym(text, start):
            continue
        taken.append((start, end))
        found.append(_Found(start, end, normalize_person(text[start:end])))

    # 2. Surnames with initials.
    for rx, surname_group in ((_INITIALS_FIRST, 2), (_INITIALS_AFTER, 1)):
        for m in rx.finditer(text):
            start, end = m.start(), m.end()
            surname = m.group(surname_group)
            if not free(start, end) or _inside(quoted, start) or _eponym(text, start):
                continue
            if not _looks_like_surname(surname, strict=True):
                continue
            taken.append((start, end))
            found.append(_Found(start, end, normalize_person(m.group(0))))

    found.sort(key=lambda f: f.start)
    for f in found:
        _attach_role(text, f)
    _share_parenthesized_orgs(text, found)

    # 3. Merge with speakers; one entry per person.
    entries: list[tuple[int, Person]] = []
    index: dict[tuple[str, ...], int] = {}
    for s in speakers:
        key = _key(s.name)
        if key in index:
            continue
        index[key] = len(entries)
        entries.append(
            (
                s.span[0],
                Person(name=s.name, role=s.position, organization=s.organization, span=s.span),
            )
        )
    for f in found:
        key = _key(f.name)
        span = ctx.span(f.start, f.end)
        if key not in index:
            # "Жуков Д. А." and "Жуков Денис Андреевич": one person.
            key = next((k for k in index if _same_by_initials(k, key)), key)
        if key in index:
            pos, person = entries[index[key]]
            if _is_initial(person.name.split()[1:2]) and not _is_initial(f.name.split()[1:2]):
                person.name = f.name  # the full name wins over the initials
            person.role = person.role or f.role
            person.organization = person.organization or f.organization
            continue
        index[key] = len(entries)
        entries.append(
            (span[0], Person(name=f.name, role=f.role, organization=f.organization, span=span))
        )
    entries.sort(key=lambda e: e[0])
    return [p for _, p in entries]


def _key(name: str) -> tuple[str, ...]:
    """Surname and first name (or initials) by lemma, so that case never matters."""
    return tuple(lemmas.fold(w).rstrip(".") for w in normalize_person(name).split()[:2])


def _is_initial(words: list[str]) -> bool:
    return bool(words) and len(words[0].rstrip(".")) == 1


def _same_by_initials(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same surname, and one of them gives the first name as the other's initial."""
    if len(a) < 2 or len(b) < 2 or a[0] != b[0] or a[1] == b[1]:
        return False
    short, full = (a[1], b[1]) if len(a[1]) == 1 else (b[1], a[1])
    return len(short) == 1 and len(full) > 1 and full.startswith(short)


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """«...» regions, line by line; nested quotes count as one. On a line whose quotes
    do not balance («Книга «Название», докладчик ...) every » closes all open quotes."""
    regions = []
    pos = 0
    for line in text.split("\n"):
        nested = line.count("«") == line.count("»")
        depth = 0
        start = 0
        for i, ch in enumerate(line):
            if ch == "«":
                if depth == 0:
                    start = i
                depth += 1
            elif ch == "»" and depth:
                depth = depth - 1 if nested else 0
                if depth == 0:
                    regions.append((pos + start, pos + i + 1))
        if depth:
            regions.append((pos + start, pos + len(line)))
        pos += len(line) + 1
    return regions


def _inside(regions: list[tuple[int, int]], pos: int) -> bool:
    return any(s < pos < e for s, e in regions)


def _eponym(text: str, start: int) -> bool:
    """Whether the word before a name makes it an eponym or an author ("им.", "книги")."""
    m = re.search(r"([А-Яа-яЁё]+)\.?\s*$", text[max(0, start - 40) : start])
    if not m:
        return False
    word = m.group(1).lower()
    return (
        word in _NOT_ACTOR_BEFORE
        or lemmas.lemma(word) in _NOT_ACTOR_BEFORE
        or (lemmas.lemma(word).endswith("летие"))
    )


def _is_surname_before(text: str, word: re.Match, per_spans) -> bool:
    w = word.group()
    if lemmas.lemma(w) in _NOT_SURNAME:
        return False
    if _looks_like_surname(w):
        return True
    if any(s <= word.start() < e for s, e in per_spans):
        return True
    # Mid-sentence, a capitalized word right before "Имя Отчество" is a surname.
    prev = text[max(0, word.start() - 3) : word.start()].rstrip(" ")
    return bool(prev) and (prev[-1].isalpha() and prev[-1].islower() or prev[-1] in ",;:(")


def _looks_like_surname(word: str, strict: bool = False) -> bool:
    """A Surn analysis, or a word the dictionary does not know (Андюл, Тауль, Сечную)."""
    ps = parses(word.split("-")[0])
    if any("Surn" in str(p.tag) for p in ps):
        return not any("Geox" in str(p.tag) and p.score > 0.3 for p in ps)
    if strict:
        return not _known(word)
    return not _known(word) and not any("Name" in str(p.tag) for p in ps if p.score > 0.5)


def _known(word: str) -> bool:
    from .. import nlp

    return nlp.morph().word_is_known(word.lower())


# --------------------------------------------------------------------------- role, organization

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


def _role_before(text: str, f: _Found) -> str | None:
    """ "зав. отделом А.П. Сметанина": a lower-case position right before the name, in
    its own clause."""
    before = text[max(0, f.start - 80) : f.start]
    clause = re.split(r"[,;:(–—\n]", before)[-1].strip()
    clause = re.sub(r"^(?:и|а|также)\s+", "", clause)
    if not clause or not clause[0].islower() or len(clause.split()) > 5:
        return None
    clause = _expand_role_abbr(clause, _feminine(f.name))
    role, _ = _position(clause)
    return role if role and len(role) >= len(clause.strip()) - 1 else None


def _attach_role(text: str, f: _Found) -> None:
    rest = text[f.end :]
    m = _PARENS.match(rest)
    if m:
        org = m.group(1).strip()
        if _is_organization_like(org):
            f.organization = _clean_org(org)
            f.org_from_parens = True
        f.role = _role_before(text, f)
        return
    m = _ROLE_TAIL.match(rest)
    if not m:
        f.role = _role_before(text, f)
        return
    words = text[f.end :].split("\n", 1)[0]
    # "Е. Ю. Соколова, заместитель директора": the position's own words decide its case.
    tail = _expand_role_abbr(words[m.end() :], _feminine(f.name))
    role, org = _position(tail)
    f.role = role
    f.organization = org


def _first_patr(name: str) -> tuple[str | None, str | None]:
    parts = name.split()
    return (parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)


_POS_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


def _position(tail: str) -> tuple[str | None, str | None]:
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


def _share_parenthesized_orgs(text: str, found: list[_Found]) -> None:
    """ "А ..., Б ... и В ... (Org)": the organization in parentheses is everyone's."""
    for i in range(len(found) - 1, 0, -1):
        f = found[i]
        if not f.org_from_parens:
            continue
        j = i - 1
        nxt = f
        while j >= 0:
            prev = found[j]
            gap = text[prev.end : nxt.start]
            if prev.organization or prev.role or not re.fullmatch(r"\s*(?:,|и)\s*", gap):
                break
            prev.organization = f.organization
            nxt = prev
            j -= 1
