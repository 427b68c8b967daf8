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
from ..rules.words import is_entry, word_set
from .affiliation import person_affiliation
from .context import Context
from .morph import parses
from .names import _gender_case_sets, normalize_person

_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
_INITIALS = r"[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?"
_SURNAME = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIALS_FIRST = re.compile(rf"(?<![А-Яа-яЁё])({_INITIALS})\s?({_SURNAME})")
_INITIALS_AFTER = re.compile(rf"({_SURNAME})\s({_INITIALS})(?![А-Яа-яЁё])")

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
        f.role, f.organization, f.org_from_parens = person_affiliation(text, f.start, f.end, f.name)
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
        word in word_set("not_actor_before")
        or is_entry(word, "not_actor_before")
        or (lemmas.lemma(word).endswith("летие"))
    )


def _is_surname_before(text: str, word: re.Match, per_spans) -> bool:
    w = word.group()
    if is_entry(w, "not_surnames"):
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
