"""Russian dates as written: single dates and ranges in every written form.

Plain regex over a text (no natasha): a date is written in a handful of fixed shapes.
Offsets are offsets into the text given. Month names come from `data/months.txt` and
match in any case form; their abbreviations ("окт.", "сент.") too.

Shapes recognised:
- "24 ноября 2021 года", "18 мая 2014 г.", "13 окт. 2022 г.", "1-го декабря 2020 г.";
- numeric "24.11.2021", "24.11.21", with a Roman month "24.II.2024";
- same-month ranges "8-9 июня 2022 г.", "25 – 26 октября 2012 г.", "с 8 по 10 декабря 2010 г.",
  "8-9.06.2022";
- cross-month ranges "30 ноября – 2 декабря 2020 г.", "с 30 ноября по 2 декабря 2020 года",
  "11.11-12.11.2021", also with a year on both sides ("30 декабря 2020 – 2 января 2021 г.");
- any two dates joined as a range: "с 06.11.2019 по 09 ноября 2019 г.", "с 12 апреля 2021 г.
  по 14 апреля 2021 г.", "08.06.2022 – 09.06.2022".
A day-month without a year is not a date here (the year cannot be known for sure), and a
number glued to the day ("№7", "1.18") makes no date — except a photo's file number glued
before a full date ("DSC 013628 февраля 2020 года" is 28 February 2020).
Impossible dates ("31 июня") are skipped, never raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..lemmas import fold, lemma_set
from .words import forms_pattern, word_table

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_ORDINAL = r"(?:-?(?:го|ого|е|ое))?"  # "1-го декабря", "25-ого"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# What may follow a year: "г.", "г", "года", "гг." — kept inside the match so that
# the span covers the date as written.
_YEAR_TAIL = r"(?:\s*(?:года|году|гг?\.?)(?![а-яё]))?"
_DASH = r"\s*[-–—]\s*"
# A number glued to a letter or another number is not a day ("№7", "1.18").
_LEFT = r"(?<![\w.,/№])"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_MONTH_NUM = r"(?:0?[1-9]|1[0-2]|" + "|".join(sorted(_ROMAN, key=len, reverse=True)) + ")"
_JOIN = re.compile(r"\s*(?:[-–—]|по|до)\s*$")


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


def yearless_date(text: str, year: int) -> DateMention | None:
    """The first day and month written without a year ("27 марта в … состоялся"), in `year`.

    >>> d = yearless_date("Новость. 27 марта в районной библиотеке состоялся семинар", 2025)
    >>> d.first.isoformat(), d.start
    ('2025-03-27', 9)
    >>> yearless_date("27 марта 2024 г. состоялся семинар", 2025) is None
    True
    """
    for m in _yearless().finditer(text):
        try:
            day = _make(year, month_number(m.group("m")), int(m.group("d")))
        except KeyError:
            continue
        if day is not None:
            return DateMention(m.start(), m.end(), day, day)
    return None


@lru_cache(maxsize=1)
def _yearless() -> re.Pattern:
    return re.compile(rf"{_LEFT}(?P<d>{_DAY}){_ORDINAL}\s+(?P<m>{_month()})(?!\s*,?\s*{_YEAR})")


def month_number(word: str) -> int:
    """The month a month word or abbreviation names: "января" -> 1, "окт." -> 10."""
    table = word_table("months")
    key = fold(word).rstrip(".")
    if key + "." in table:
        return int(table[key + "."])
    for lem in sorted(lemma_set(word)):
        if lem in table:
            return int(table[lem])
    raise KeyError(word)


def _numeric_month(text: str) -> int:
    return _ROMAN.index(text) + 1 if text in _ROMAN else int(text)


def glued_year_ends(text: str) -> list[int]:
    """Where a year glued to the day of the next date ends: "декабря 20229 декабря" -> [the
    offset after "2022"].

    >>> text = "11 декабря 20229 декабря 2022 года"
    >>> [text[:i] for i in glued_year_ends(text)]
    ['11 декабря 2022']
    """
    if not re.search(r"\d{5}", text):
        return []
    rx = re.compile(rf"(?<!\d)(?:19|20)\d\d(?=(?:0?[1-9]|[12]\d|3[01])\s+{_month()})")
    return [m.end() for m in rx.finditer(text)]


@lru_cache(maxsize=1)
def _month() -> str:
    """Any month word: every case form of the lemmas, or an abbreviation (its dot optional)."""
    abbreviations = [k[:-1] for k in word_table("months") if k.endswith(".")]
    abbreviated = "|".join(sorted(abbreviations, key=len, reverse=True))
    return rf"(?:{forms_pattern('months')}|(?:{abbreviated})\.?)(?![а-яё])"


@lru_cache(maxsize=1)
def _glued_date() -> re.Pattern:
    """ "DSC 013628 февраля 2020 года": a two-digit day glued after a file number."""
    return re.compile(
        rf"(?<=\d)(?P<d>[12]\d|3[01]|0[1-9])\s+(?P<m>{_month()})\s+(?P<y>{_YEAR}){_YEAR_TAIL}",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _word_date() -> re.Pattern:
    day, month, year = _DAY + _ORDINAL, _month(), _YEAR
    return re.compile(
        rf"{_LEFT}(?:(?P<c>[сС])\s+)?(?P<d1>{_DAY}){_ORDINAL}"
        rf"(?:\s+(?P<m1>{month})(?:\s+(?P<y1>{year}){_YEAR_TAIL})?)?"
        rf"(?:(?P<sep>{_DASH}|\s+(?:по|до)\s+|\s+и\s+)(?P<d2>{day}))?"
        rf"\s+(?P<m2>{month})(?:\s+(?P<y2>{year}))?{_YEAR_TAIL}",
        re.IGNORECASE,
    )


def _num(d: str, m: str, y: str) -> str:
    return rf"(?P<{d}>{_DAY})\.(?P<{m}>{_MONTH_NUM})\.(?P<{y}>{_YEAR}|\d\d)(?!\d)"


_NUMERIC_DATE = re.compile(
    rf"{_LEFT}(?<!\d)(?:(?P<d0>{_DAY})(?:\.(?P<m0>{_MONTH_NUM}))?{_DASH}(?={_DAY}\.))?"
    + _num("d1", "m1", "y1")
    + rf"(?:{_DASH}{_num('d2', 'm2', 'y2')})?{_YEAR_TAIL}"
)


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
    """Every date or date range in `text`, in order, without overlaps.

    >>> [(d.first.isoformat(), d.last.isoformat()) for d in find_dates(
    ...     "13 окт. 2022 г.; 24.II.2024; с 06.11.2019 по 09 ноября 2019 г.; 11.11-12.11.2021")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('2022-10-13', '2022-10-13'), ('2024-02-24', '2024-02-24'),
     ('2019-11-06', '2019-11-09'), ('2021-11-11', '2021-11-12')]
    """
    found: list[DateMention] = []
    for m in _word_date().finditer(text):
        mention = _word_mention(m, text)
        if mention:
            found.append(mention)
    for m in _glued_date().finditer(text):
        day = _make(int(m.group("y")), month_number(m.group("m")), int(m.group("d")))
        if day is not None:
            found.append(DateMention(m.start(), m.end(), day, day))
    taken = [(d.start, d.end) for d in found]
    for m in _NUMERIC_DATE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        mention = _numeric_mention(m)
        if mention:
            found.append(mention)
    found.sort(key=lambda d: d.start)
    return _join_ranges(text, found)


def _join_ranges(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "с 06.11.2019 по 09 ноября 2019 г.": two dates joined by "по" or a dash are a range."""
    out: list[DateMention] = []
    for d in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.is_range
            and not d.is_range
            and prev.first < d.first
            and _JOIN.fullmatch(text[prev.end : d.start])
        ):
            start = prev.start
            lead = re.search(r"(?<![А-Яа-яЁё])[сС]\s+$", text[max(0, start - 4) : start])
            start -= len(lead.group(0)) if lead else 0
            out[-1] = DateMention(start, d.end, prev.first, d.last)
        else:
            out.append(d)
    return out


def _word_mention(m: re.Match, text: str) -> DateMention | None:
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
    first = _make(y1, _numeric_month(m.group("m1")), int(m.group("d1")))
    if first is None:
        return None
    if m.group("d2"):
        last = _make(_year(m.group("y2")), _numeric_month(m.group("m2")), int(m.group("d2")))
        if last is None or last < first:
            return None
        return DateMention(m.start(), m.end(), first, last)
    if m.group("d0"):
        month = _numeric_month(m.group("m0")) if m.group("m0") else first.month
        start_day = _make(y1, month, int(m.group("d0")))
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
