"""Russian dates as written: single dates and ranges in every written form.

Plain regex over a text (no natasha): a date is written in a handful of fixed shapes.
Offsets are offsets into the text given. Month names come from `data/months.txt` and
match in any case form.

Shapes recognised:
- "24 ноября 2021 года", "18 мая 2014 г.", "24.11.2021";
- same-month ranges "8-9 июня 2022 г.", "25 – 26 октября 2012 г.", "с 8 по 10 декабря 2010 г.";
- cross-month ranges "30 ноября – 2 декабря 2020 г.", "с 30 ноября по 2 декабря 2020 года",
  also with a year on both sides ("30 декабря 2020 – 2 января 2021 г.");
- numeric ranges "08.06.2022 – 09.06.2022", "8-9.06.2022".
A day-month without a year is not a date here (the year cannot be known for sure).
Impossible dates ("31 июня") are skipped, never raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..lemmas import lemma_set
from .words import forms_pattern, word_table


def month_number(word: str) -> int:
    """The month a month word names, in any case form: "января" -> 1."""
    table = word_table("months")
    for lem in sorted(lemma_set(word)):
        if lem in table:
            return int(table[lem])
    raise KeyError(word)


_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# What may follow a year: "г.", "г", "года", "гг." — kept inside the match so that
# the span covers the date as written.
_YEAR_TAIL = r"(?:\s*(?:года|году|гг?\.?)(?![а-яё]))?"
_DASH = r"\s*[-–—]\s*"
# A number glued to a letter or another number is not a day ("№7", "1.18").
_LEFT = r"(?<![\w.,/№])"

_NUM = r"(?P<{d}>" + _DAY + r")\.(?P<{m}>0?[1-9]|1[0-2])\.(?P<{y}>" + _YEAR + r"|\d\d)(?!\d)"
_NUMERIC_DATE = re.compile(
    _LEFT
    + r"(?:(?P<d0>"
    + _DAY
    + r")"
    + _DASH
    + r"(?="
    + _DAY
    + r"\.))?"
    + _NUM.format(d="d1", m="m1", y="y1")
    + r"(?:"
    + _DASH
    + _NUM.format(d="d2", m="m2", y="y2")
    + r")?"
    + _YEAR_TAIL
)


@dataclass(frozen=True)
class DateMention:
    """A date or a date range written in the clean text."""

    start: int  # clean-text offsets of the whole mention
    end: int
    first: date
    last: date  # == first for a single date

    @property
    def is_range(self) -> bool:
        return self.last != self.first


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # 31 июня, 30 февраля: a typo in the source, not a date
        return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    return y + 2000 if y < 100 else y


def find_dates(text: str) -> list[DateMention]:
    """Every date or date range in `text`, in order, without overlaps."""
    found: list[DateMention] = []
    for m in _word_date().finditer(text):
        mention = _word_mention(m)
        if mention:
            found.append(mention)
    taken = [(d.start, d.end) for d in found]
    for m in _NUMERIC_DATE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        mention = _numeric_mention(m)
        if mention:
            found.append(mention)
    found.sort(key=lambda d: d.start)
    return found


def _word_mention(m: re.Match) -> DateMention | None:
    m2 = month_number(m.group("m2"))
    y2 = _year(m.group("y2"))
    y1 = _year(m.group("y1"))
    if y2 is None:
        # "30 декабря 2020 – 2 января" has no closing year; without any year it is no date.
        if y1 is None or m.group("d2") is None:
            return None
        y2 = y1
    if m.group("d2") is None:
        # A single date: d1 is its day ("m1" cannot match without "d2").
        first = _make(y2, m2, int(m.group("d1")))
        if first is None:
            return None
        start = m.start("d1")  # a lone "с" before a single date is not part of it
        return DateMention(start, m.end(), first, first)
    m1 = month_number(m.group("m1")) if m.group("m1") else m2
    if y1 is None:
        # "30 декабря – 2 января 2021 г.": the first month is later, so the year before.
        y1 = y2 - 1 if m1 > m2 else y2
    first = _make(y1, m1, int(m.group("d1")))
    last = _make(y2, m2, int(m.group("d2")))
    if first is None or last is None or last < first:
        return None
    if m.group("sep").strip() == "и" and (last - first).days != 1:
        # "8 и 10 июня" are two dates, not a range: keep only the second as a date.
        return DateMention(m.start("d2"), m.end(), last, last)
    return DateMention(m.start(), m.end(), first, last)


def _numeric_mention(m: re.Match) -> DateMention | None:
    y1 = _year(m.group("y1"))
    first = _make(y1, int(m.group("m1")), int(m.group("d1")))
    if first is None:
        return None
    if m.group("d2"):
        last = _make(_year(m.group("y2")), int(m.group("m2")), int(m.group("d2")))
        if last is None or last < first:
            return None
        return DateMention(m.start(), m.end(), first, last)
    if m.group("d0"):
        start_day = _make(y1, first.month, int(m.group("d0")))
        if start_day is None or start_day > first:
            return None
        return DateMention(m.start(), m.end(), start_day, first)
    return DateMention(m.start(), m.end(), first, first)


def dates_in(text: str, start: int, end: int) -> list[DateMention]:
    """The date mentions inside text[start:end], with offsets into the whole text."""
    return [
        DateMention(d.start + start, d.end + start, d.first, d.last)
        for d in find_dates(text[start:end])
    ]


@lru_cache(maxsize=1)
def _word_date() -> re.Pattern:
    """The word-month date regex: months in any case form, from `data/months.txt`."""
    month = f"(?:{forms_pattern('months')})"
    return re.compile(
        _LEFT
        + r"(?:(?P<c>[сС])\s+)?(?P<d1>"
        + _DAY
        + r")(?:\s+(?P<m1>"
        + month
        + r")(?:\s+(?P<y1>"
        + _YEAR
        + r")"
        + _YEAR_TAIL
        + r")?)?"
        + r"(?:(?P<sep>"
        + _DASH
        + r"|\s+(?:по|до)\s+|\s+и\s+)(?P<d2>"
        + _DAY
        + r"))?"
        + r"\s+(?P<m2>"
        + month
        + r")(?:\s+(?P<y2>"
        + _YEAR
        + r"))?"
        + _YEAR_TAIL,
        re.IGNORECASE,
    )
