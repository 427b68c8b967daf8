"""The document: what it is (kind), its heading as written (title), its adoption date.

- kind: from a heading word ("РЕЗОЛЮЦИЯ" -> resolution; "Решение", "Постановление",
  "Протокол", "Распоряжение", "Приказ" -> decision; "Рекомендации" -> recommendations;
  "Анонс", "Информационное письмо" -> announcement); without one, a headline that is a
  sentence or news wording reads as an announcement, then the body's wording decides
  ("постановляет", "приказываю" -> decision); else other.
- title: the heading lines from the kind word on that read as one title (letterhead and
  date lines end it); without a heading, the first sentence of the text.
- adopted_on: "Принята 26 октября 2012 г.", "Дата принятия: …" (`dates.find_adoption_date`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import nlp
from ..layout import Line
from ..record.models import DocumentInfo
from ..rules.dates import find_dates
from ..rules.legal_forms import is_letterhead
from ..rules.quotes import without_quotes
from .context import Context
from .dates import find_adoption_date
from .operative import says

_KIND_WORDS = (
    (re.compile(r"^\W*(?:проект\s+)?резолюци[яи]\b", re.I), "resolution"),
    (
        re.compile(
            r"^\W*(?:решение|постановление|протокол|распоряжение|приказ|декрет|указ)\b", re.I
        ),
        "decision",
    ),
    (re.compile(r"^\W*(?:рекомендаци[ия]|методические рекомендации)\b", re.I), "recommendations"),
    (
        re.compile(r"^\W*(?:информационное письмо|анонс|пресс-релиз|объявление|новост)", re.I),
        "announcement",
    ),
)
_NEWS = re.compile(
    r"\b(?:состоится|пройд[её]т|приглашаем|приглашает|приглашаю?тся|объявляет|стартует|"
    r"открыт прием)\b",
    re.I,
)
# A date line holds a date and at most this many other characters.
_DATE_LINE_OTHER_CHARS = 25


def _heading_kind(heading: tuple[Line, ...]) -> tuple[str, int] | None:
    for i, line in enumerate(heading):
        for pattern, kind in _KIND_WORDS:
            if pattern.search(line.text):
                return kind, i
    return None


@lru_cache(maxsize=50_000)
def _tense(word: str) -> str | None:
    """ "future" for a verb of what is coming ("состоится", "пройдёт", "создана в …" said
    of a plan), "past" for one of what happened ("состоялась", "прошёл", "одобрило"),
    "present" for a verb in the present ("проходит", "развиваются"), None for no finite
    verb or short participle."""
    best = nlp.morph().parse(word.lower())[0]  # "бюллетень" is a noun, not "бюллетенить"
    if best.tag.POS not in ("VERB", "PRTS"):
        return None
    if "past" in best.tag:
        return "past"
    # the news present ("проходит", "библиотеки развиваются"): what goes on, no say
    return "present" if best.tag.POS == "VERB" and "pres" in best.tag else "future"


def _headline_tense(text: str) -> str | None:
    plain = without_quotes(text)
    tenses = [t for w in re.findall(r"[а-яё]{4,}", plain, re.I) if (t := _tense(w))]
    return tenses[0] if tenses else None


def is_date_line(text: str) -> bool:
    """A line holding a date and little else ("25 – 26 октября 2012 г.")."""
    ds = find_dates(text)
    return bool(ds) and len(text) - (ds[0].end - ds[0].start) < _DATE_LINE_OTHER_CHARS


def _title_from(heading: tuple[Line, ...], first: int) -> str:
    """The heading lines from `first` on that read as one title (no org/date lines)."""
    parts: list[str] = []
    for line in heading[first:]:
        text = line.text.strip()
        if parts and (is_date_line(text) or is_letterhead(text)):
            break
        parts.append(text)
    title = " ".join(parts)
    title = re.sub(r"^#+\s*", "", title)
    # A heading typed in capitals ("РЕЗОЛЮЦИЯ") reads as a normal word in the title.
    title = re.sub(r"^([А-ЯЁ])([А-ЯЁ]{3,})\b", lambda m: m.group(1) + m.group(2).lower(), title)
    # "Заседание клуба Тема: «…»": a label glued to the previous heading line.
    title = re.sub(r"(?<=[^\W\d])\s+(Тема|Темы)\s*:", r". \1:", title)
    return title.strip()


def _reports_an_event(headline: str) -> bool:
    """ "Состоялась конференция", "Участники конференции посетили библиотеку": a headline
    about an event that has taken place."""
    return says(headline, "event_types")


def _body_kind(ctx: Context, heading: tuple[Line, ...]) -> tuple[str, int]:
    """The kind when no heading word names it, and the heading line the title starts at."""
    body = ctx.text
    first = next((i for i, line in enumerate(heading) if not is_letterhead(line.text)), 0)
    if heading:
        kind = _headline_kind(heading[first].text)
        if kind == "announcement" and _headline_tense(heading[first].text) == "past":
            # "Школьные библиотекари подвели итоги …", then "X провела семинар …": the lead
            # sentence says the news is a report of an event that took place.
            lead = next((line.text for line in ctx.layout.lines[len(heading) :]
                         if line.text.strip()), "")  # fmt: skip
            lead = first_sentence(lead)
            if says(lead, "held_verbs") and _headline_kind(lead, lead_sentence=True) == "other":
                return "other", first
        if kind:
            return kind, first
    if re.search(r"\bрезолюци[юяи]\b[^.]{0,40}\bприн", body, re.I):
        return "resolution", first
    if _DECIDED.search(body):
        return "decision", first
    if re.search(r"\bрекоменду(?:ют|ет)\s*:", body, re.I):
        return "recommendations", first
    if not heading:  # "III … чтения пройдут в селе Корткерос 18 октября.": a lead sentence
        lead = next((line.text for line in ctx.layout.lines if line.text.strip()), "")
        kind = _headline_kind(first_sentence(lead), lead_sentence=True)
        if kind:
            return kind, first
    if _NEWS.search(body[:500]):
        return "announcement", first
    return "other", first


_DECIDED = re.compile(
    r"\b(?:постановили|решили|приняты следующие решения|решено|постановля[ею]т?|приказываю|"
    r"распоряжаюсь)\b",
    re.I,
)


def _headline_kind(headline: str, lead_sentence: bool = False) -> str | None:
    """What a headline's wording says the document is: an announcement of what is coming,
    a report of what took place ("other"), news ("announcement"); None when it says no.
    A body's lead sentence in the past tells what took place, whatever it names."""
    tense = _headline_tense(headline) if headline else None
    if headline and (tense == "future" or _NEWS.search(headline)):
        return "announcement"
    if tense == "past" and (lead_sentence or _reports_an_event(headline)):
        return "other"  # "Состоялась конференция …": a report of what took place
    if tense in ("past", "future"):
        return "announcement"  # "Рабочая группа … создана": news
    return None


def extract_document(ctx: Context) -> DocumentInfo:
    """What the document is (kind), its heading as written, and its adoption date."""
    heading = ctx.layout.heading
    kind, first = _heading_kind(heading) or _body_kind(ctx, heading)
    if heading:
        title = _title_from(heading, first)
    else:
        first_line = next((line.text for line in ctx.layout.lines if line.text.strip()), "")
        title = first_sentence(first_line)
    adopted = find_adoption_date(ctx.text)
    if adopted is None:
        ctx.warn("document.adopted_on: not stated")
    return DocumentInfo(kind=kind, title=title, adopted_on=adopted.first if adopted else None)


def first_sentence(text: str) -> str:
    m = re.match(r".+?[.!?](?=\s|$)", text)
    return (m.group(0) if m else text)[:200].strip()
