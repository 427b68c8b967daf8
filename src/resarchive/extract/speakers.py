"""Speakers: who gave which talk, from the talk lists of a resolution.

Shapes recognised, per line of the clean text (a list item or a paragraph):

A. `«Title», докладчик Name, position Org.` (also "докладчик:", "выступающий",
   "спикер", "(докладчик: Name, position Org)"); an unquoted title is the text
   before ", докладчик".
B. `Name (Org) – «Title»`, `Name, position Org: «Title»` (a person first, the
   quoted title after a dash or colon).
C. `С докладом «Title» выступила Name, position Org` and
   `Name, position Org, выступила с докладом «Title»`.

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
from ..rules import gazetteer
from ..rules.quotes import CLOSE_QUOTES, OPEN_QUOTES, balance_quotes, strip_outer_quotes
from .context import Context
from .names import normalize_person

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

# Words that make the following quoted name part of the position, not the
# organization: "заведующий отделом «Детство»", "библиотекарь сектора «Читалия»".
_DEPARTMENT = re.compile(
    r"^(?:отдел|сектор|кафедр|лаборатори|служб|групп|абонемент|зал|студи|клуб|кружк|кружок|"
    # "руководитель проекта «Цифровая грамотность»": a project led is part of the position
    r"проект|программ)",
    re.IGNORECASE,
)


def _is_abbreviation(word: str) -> bool:
    core = word.strip('«»"“”„.,;:()')
    return len(core) >= 2 and core.replace("-", "").isalpha() and core.isupper()


def split_position(rest: str) -> tuple[str | None, str | None]:
    """ "главный библиотекарь ГБУК «X»" -> ("главный библиотекарь", "ГБУК «X»").

    The position is the lower-case head of the phrase (with department names and
    their quoted titles); the organization starts at the first capitalized word or
    abbreviation that is not a department's quoted name.
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
            or _is_abbreviation(tok)
            or (tok[0].isupper() and (k > 0 or gazetteer.is_legal_form(word)))
        )
        if starts_org and k > 0:
            position = rest[: m.start()].strip(" ,")
            return position or None, rest[m.start() :].strip(" ,.") or None
        if starts_org and k == 0 and (_is_abbreviation(tok) or tok[0] in OPEN_QUOTES):
            return None, rest.strip(" ,.")
        after_department = False
    return rest, None


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
        if inside[:1].isupper() and not _is_abbreviation(inside.split()[0]):
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
        # The outer quotes are the first opening one and the last closing one.
        last = max(text.rfind(c) for c in CLOSE_QUOTES + '"')
        if last > 0:
            return strip_outer_quotes(text[: last + 1])
        return balance_quotes(text[1:])
    return text


_DASH_TITLE = re.compile(r"\s*(?:[–—-]|:)\s*(?=[«“„\"])")


def _shape_person_first(body: str) -> _Found | None:
    """B: Name (Org) – «Title» / Name, position Org: «Title»."""
    if not _NAME.match(body):
        return None
    for m in _DASH_TITLE.finditer(body):
        found = _person_and_affiliation(body[: m.start()])
        if found:
            return _Found(*found, talk=_title(body[m.end() :]))
    return None


_SPOKE = r"выступил[аи]?|выступал[аи]?|представил[аи]?|сделал[аи]?"
_TALK = r"(?:с\s+)?(?:доклад(?:ом)?|сообщение(?:м)?|презентаци(?:ей|ю)|выступлени(?:ем|е))"
_SHAPE_C1 = re.compile(
    rf"{_TALK}\s+(?P<title>[«“„\"].+?[»”“\"])\s*(?:{_SPOKE})\s+(?P<person>.+)$", re.IGNORECASE
)
_SHAPE_C2 = re.compile(
    rf"^(?P<person>.+?),?\s+(?:{_SPOKE})\s+{_TALK}\s+(?P<title>[«“„\"].+[»”“\"])", re.IGNORECASE
)


# The end of a sentence inside a paragraph: the affiliation stops there.
_SENTENCE_END = re.compile(r"(?<![А-ЯЁ])(?<!им)(?<!\bг)(?<!\bст)\.\s+(?=[А-ЯЁ])")


def _shape_spoke(body: str) -> _Found | None:
    """C: С докладом «Title» выступила Name, position Org (or the person first)."""
    m = _SHAPE_C1.search(body)
    if m:
        person = m.group("person")
        person = person[: e.start()] if (e := _SENTENCE_END.search(person)) else person
        found = _person_and_affiliation(person)
        if found:
            return _Found(*found, talk=_title(m.group("title")))
    m = _SHAPE_C2.search(body)
    if m:
        found = _person_and_affiliation(m.group("person"))
        if found:
            return _Found(*found, talk=_title(m.group("title")))
    return None


# "С докладами выступили:", "Были заслушаны доклады:": the lines after it are talks
# even without list markers ("Name, position Org – «Title»;" one per paragraph).
_TALK_LIST_INTRO = re.compile(
    r"(?:выступил[аи]?|выступали|доклад\w*|сообщени\w*|заслушан\w*|спикер\w*)[^:\n]{0,40}:\s*$",
    re.IGNORECASE,
)


def extract_speakers(ctx: Context) -> list[Speaker]:
    """Every talk found in the document's talk lists, in order."""
    speakers: list[Speaker] = []
    seen: set[tuple[str, str | None]] = set()
    in_talk_list = False  # right after "С докладами выступили:" or a talk of that list
    for line in ctx.layout.lines:
        body_start, body = line.body_start, line.body
        found = _shape_keyword(body)
        if found is None and (line.is_item or in_talk_list):
            found = _shape_person_first(body)
        if found is None:
            found = _shape_spoke(body)
        if found is None:
            in_talk_list = bool(_TALK_LIST_INTRO.search(line.text))
            continue
        in_talk_list = True
        key = (found.name, found.talk)
        if key in seen:
            continue
        seen.add(key)
        end = line.end
        speakers.append(
            Speaker(
                name=found.name,
                position=found.position,
                organization=found.organization,
                talk=found.talk,
                span=ctx.span(body_start, end),
            )
        )
    return speakers
