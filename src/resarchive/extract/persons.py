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
from .affiliation import person_affiliation, person_role
from .context import Context
from .names import normalize_person
from .people import PersonMention, completes, find_people


@dataclass
class _Found:
    start: int
    end: int
    name: str
    complete: bool = True
    role: str | None = None
    organization: str | None = None
    org_from_parens: bool = False


def extract_persons(
    ctx: Context, speakers: list[Speaker], mentions: list[PersonMention] | None = None
) -> list[Person]:
    """Every person the document names as an actor, once, by first mention.

    `mentions` are the document's person mentions (`people.find_people`), found once
    and shared with the speakers stage."""
    text = ctx.text
    mentions = find_people(ctx) if mentions is None else mentions
    found = [_Found(m.start, m.end, m.name, m.complete) for m in mentions]
    for f in found:
        f.role, f.organization, f.org_from_parens = person_affiliation(text, f.start, f.end, f.name)
    _share_parenthesized_orgs(text, found)

    # One entry per person: speakers first (they carry position and organization).
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
                Person(
                    name=s.name,
                    role=person_role(s.position, s.name),
                    organization=s.organization,
                    span=s.span,
                ),
            )
        )
    for f in found:
        key = _key(f.name)
        if not f.complete:
            # "Марина Владимировна" after "М. В. Паскуль": the same person, in full.
            host = next((p for _, p in entries if completes(p.name, f.name)), None)
            if host is not None:
                host.name = f"{host.name.split()[0]} {f.name}"
            continue
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
