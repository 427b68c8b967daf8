"""Speakers: who gave which talk, from talk lists and from sentences that tell talks.

Shapes recognised, per line of the clean text (a list item or a paragraph):

A. `«Title», докладчик Name, position Org.` (also "докладчик:", "выступающий",
   "спикер", "(докладчик: Name, position Org)"); an unquoted title is the text
   before ", докладчик".
B. `Name (Org) – «Title»`, `Name, position Org: «Title»` (a person first, the
   quoted title after a dash or colon).
Talks told in sentences ("С докладом «Title» выступила …", "… рассказала о …") are read
by `talks`, over the person mentions of `people`.

Conventions:
- name: "Фамилия Имя Отчество" in the nominative (`names.normalize_person`);
- position: the job title as written, department included ("заведующий отделом
  «Детство»", "редактор 1 категории, специалист по связям ...");
- organization: the affiliation exactly as written in the text, legal form
  included ("ГБУК «Сахалинская областная детская библиотека»", "Модельной
  библиотеки МБУК ЦБС г. Чита") - it is the grounded string a reviewer sees; the
  normalized organization list lives in `organizations`;
- talk: the title without its outer quotes; a title whose inner quotes lost a
  partner when the outer pair was collapsed («X» - Y» or «X «Y») is re-balanced.
- span: the list item (without its bullet) in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..record.models import Speaker
from ..rules.quotes import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    balance_quotes,
    matching_quote,
    strip_outer_quotes,
)
from ..rules.words import has_lemma
from .affiliation import is_abbreviation, split_position
from .context import Context
from .morph import is_people_plural
from .names import normalize_person
from .people import PersonMention, completes, find_people, fuller, same_person
from .talk_topics import continues_agenda
from .talks import clauses, prose_talks, told_talk, written_affiliation

# --------------------------------------------------------------------------- names

_UP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_INITIALS = r"[А-ЯЁ]\.\s?[А-ЯЁ]\.?"
# "Фамилия Имя Отчество", "Фамилия И. О.", "И. О. Фамилия", "Имя Фамилия".
_NAME = re.compile(
    rf"(?:{_UP}\s+{_UP}\s+{_UP}(?:вич|вна|чна|ична|ич|оглы|кызы)(?![а-яё])"
    rf"|{_UP}\s+{_INITIALS}(?![а-яё])"
    rf"|{_INITIALS}\s?{_UP}"
    rf"|{_UP}\s+{_UP}(?=\s*[,(–—-]|\s*$))"
)

_KEYWORD = re.compile(
    r"[,;(]?\s*\(?\b(?:со)?(?:докладчик|докладчица|выступающ(?:ий|ая)|спикер|лектор)(?:и)?"
    r"\b\s*[:\-–—]?\s*",
    re.IGNORECASE,
)


def _person_and_affiliation(part: str) -> tuple[str, str | None, str | None] | None:
    """ "Иванова Мария Петровна, директор МБУК «X»" -> (name, position, organization)."""
    part = part.strip(" .;)")
    m = _NAME.match(part)
    if not m:
        return None
    name = normalize_person(m.group(0))
    rest = part[m.end() :].strip()
    if rest.startswith("("):
        close = rest.find(")")
        inside = rest[1:close] if close > 0 else rest[1:]
        if inside[:1].isupper() and not is_abbreviation(inside.split()[0]):
            # "(Государственный архив Курской области)": a name, not a position
            return name, None, inside.strip(" ,.") or None
        position, organization = split_position(inside)
        if organization is None and position and not position[0].islower():
            position, organization = None, position
        return name, position, organization
    position, organization = split_position(rest.lstrip(",–—- "))
    return name, position, organization


# --------------------------------------------------------------------------- shapes


@dataclass
class _Found:
    name: str
    position: str | None
    organization: str | None
    talk: str | None


_TITLE_THEN_NAME = re.compile(r"^[«“„\"].*[»”“\"]\s*[,–—-]\s*(?=[А-ЯЁ])")


def _shape_keyword(body: str) -> _Found | None:
    """A: «Title», докладчик Name, position Org (also without the keyword:
    «Title», Name, position Org)."""
    k = _KEYWORD.search(body)
    if not k or k.start() == 0:
        t = _TITLE_THEN_NAME.match(body)
        if t and _NAME.match(body, t.end()):
            found = _person_and_affiliation(body[t.end() :])
            if found:
                return _Found(*found, talk=_title(body[: t.end()]))
        return None
    title = body[: k.start()].strip(" ,–—-:")
    person = body[k.end() :]
    if k.group(0).lstrip(" ,;").startswith("("):
        person = person.rstrip(" .").removesuffix(")")
    found = _person_and_affiliation(person)
    if not found:
        return None
    return _Found(*found, talk=_title(title))


def _title(text: str) -> str | None:
    text = text.strip(" ,.;:–—-")
    if not text:
        return None
    if text[0] in OPEN_QUOTES + '"':
        # «X». Презентация книги «Y»: the title ends where its quote closes, a new sentence after.
        close = matching_quote(text, 0)
        if close is not None and re.match(r"\s*(?:[.;]\s+[А-ЯЁ(]|\(|$)", text[close + 1 :]):
            return strip_outer_quotes(text[: close + 1])
        # Else the outer quotes are the first opening one and the last closing one.
        last = max(text.rfind(c) for c in CLOSE_QUOTES + '"')
        if last > 0:
            return strip_outer_quotes(text[: last + 1])
        return balance_quotes(text[1:])
    return text


# "Name, position: «Title»", also "…: Обзор-презентация «Title»" (a talk word before it).
_DASH_TITLE = re.compile(r"\s*(?:[–—-]|:)\s*(?:[А-ЯЁ][а-яё]+(?:-[а-яё]+)?\s+)?(?=[«“„\"])")


def _shape_person_first(body: str) -> _Found | None:
    """B: Name (Org) – «Title» / Name, position Org: «Title»."""
    if not _NAME.match(body):
        return None
    for m in _DASH_TITLE.finditer(body):
        found = _person_and_affiliation(body[: m.start()])
        if found:
            return _Found(*found, talk=_title(body[m.end() :]))
    return None


# "С докладами выступили:", "Были заслушаны доклады:": the lines after it are talks
# even without list markers ("Name, position Org – «Title»;" one per paragraph).
_TALK_LIST_INTRO = re.compile(
    r"(?:выступил[аи]?|выступали|доклад\w*|сообщени\w*|заслушан\w*|спикер\w*)[^:\n]{0,40}:\s*$",
    re.IGNORECASE,
)


def extract_speakers(ctx: Context, people: list[PersonMention] | None = None) -> list[Speaker]:
    """Every talk of the document, in order: list items and talk lines first (the shapes
    above), then talks told in prose sentences (`talks`). One entry per person: a second
    talk of the same person fills a missing talk, no more."""
    people = find_people(ctx) if people is None else people
    speakers: list[Speaker] = []
    shared: set[int] = set()  # speakers whose talk was told of several persons at once

    def add(name, position, organization, talk, span, together=False, listed=False) -> None:
        held = next((s for s in speakers if same_person(s.name, name)), None)
        if held is not None and listed and held.talk and talk and held.talk != talk:
            held = None  # a talk list names each talk: a second talk is a second entry
        if held is not None:
            held.name = fuller(held.name, name)
            if talk and (not held.talk or id(held) in shared and not together):
                held.talk = talk  # a talk of one's own wins over one told of several
                shared.discard(id(held))
            held.position = held.position or position
            held.organization = held.organization or organization
            return
        speaker = Speaker(
            name=name, position=position, organization=organization, talk=talk, span=span
        )
        speakers.append(speaker)
        if together:
            shared.add(id(speaker))

    in_talk_list = False  # right after "С докладами выступили:" or a talk of that list
    for line in ctx.layout.lines:
        body_start, body = line.body_start, line.body
        found = _shape_keyword(body)
        if found is None and (line.is_item or in_talk_list):
            found = _shape_person_first(body)
        if found is None and in_talk_list and line.is_item:
            # "Свои доклады представили коллеги: • Вадим Дуда – генеральный директор РГБ"
            person = _person_and_affiliation(body)
            found = _Found(*person, talk=None) if person else None
        if found is None:
            in_talk_list = bool(_TALK_LIST_INTRO.search(line.text))
            _prose(ctx, line, people, add)
            continue
        in_talk_list = True
        add(found.name, found.position, found.organization, found.talk,
            ctx.span(body_start, line.end), listed=True)  # fmt: skip
    for speaker in speakers:
        if speaker.position or speaker.organization:
            continue
        # The position told where the person was named before ("… Елена Гросс.").
        for m in people:
            if same_person(m.name, speaker.name):
                speaker.position, speaker.organization = written_affiliation(ctx, m)
                if speaker.position or speaker.organization:
                    break
    speakers.sort(key=lambda s: s.span[0])
    return speakers


def _prose(ctx: Context, line, people: list[PersonMention], add) -> None:
    """The talks told in the sentences of one prose line, clause by clause."""
    in_line = [m for m in people if line.start <= m.start < line.end]
    if not in_line:
        return
    last: tuple[PersonMention, ...] = ()  # the persons of the last clause that named any
    spoke = False  # the clause before told a talk
    pos = line.start
    while pos < line.end:
        start, end = ctx.sentence_bounds(pos)
        start = max(start, pos)  # the rest of a sentence cut after initials
        end = max(_after_initials(ctx.text, start, end, in_line), start + 1)
        inherited, introduced = False, None
        for a, b in clauses(ctx.text, start, end):
            mentions = [_complete(m, people) for m in in_line if a <= m.start < b]
            elliptic = spoke and continues_agenda(ctx.text[a:b])
            talks = prose_talks(ctx, a, b, mentions, last, inherited or elliptic, introduced)
            for t in talks:
                add(t.mention.name, t.position, t.organization, t.talk, ctx.span(a, b), t.shared)
            spoke = bool(talks)
            if mentions:
                last = tuple(mentions)
            if not inherited and _introduces_talks(ctx.text[a:b]):
                inherited = True
                introduced = None if mentions else told_talk(ctx, a, b)
        pos = end + 1 if end > pos else pos + 1


def _after_initials(text: str, start: int, end: int, mentions: list[PersonMention]) -> int:
    """Where a sentence ends after a name's initials that the sentence splitter took for
    an abbreviation's dot ("Семинар открыла … Грибова С.С. Были заслушаны доклады"): the
    next word is capitalized and no name's; else `end`."""
    starts = {m.start for m in mentions}
    for m in mentions:
        if start < m.end < end and text[m.end - 1] == ".":
            after = re.match(r"\s+(?=[А-ЯЁ][а-яё])", text[m.end : end])
            if after and m.end + after.end() not in starts:
                return m.end
    return end


def _introduces_talks(clause: str) -> bool:
    """ "… среди библиотекарей выступили": the clauses after its colon are talks; so are
    those after the first item of "С содокладами выступили: заместитель … Р.В. Шакирзянов;",
    and after any speech verb in the plural with the people who spoke ("… поделились
    коллеги-библиотекари: Володина Е.В., Шпортко Н.В.", "рассказали специалисты отдела:").
    """
    clause = clause.strip()
    if _INTRODUCES_TALKS.search(clause):
        return True
    m = _PLURAL_VERB_THEN_WHO.search(clause)
    if not m or not has_lemma(m.group("verb"), "speech_verbs"):
        return False
    who = m.group("who").split()
    return not who or is_people_plural(who[0], "nomn")


_INTRODUCES_TALKS = re.compile(
    r"(?:выступил[аи]?|выступали|доклад\w*)\s*$|(?:выступил[аи]|выступали)\s*:", re.I
)
_PLURAL_VERB_THEN_WHO = re.compile(
    r"(?<![А-Яа-яЁё])(?P<verb>[а-яё]+(?:ли|лись))(?P<who>(?:\s+[а-яё]+(?:-[а-яё]+)?){0,5})$",
    re.I,
)


def _complete(m: PersonMention, people: list[PersonMention]) -> PersonMention:
    """ "Марина Владимировна" after "М. В. Паскуль": that person, named in full."""
    if m.complete:
        return m
    for other in people:
        if other.complete and other.start < m.start and completes(other.name, m.name):
            full = f"{other.name.split()[0]} {m.name}"
            return PersonMention(m.start, m.end, full, m.case)
    return m
