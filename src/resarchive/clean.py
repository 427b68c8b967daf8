"""Cleaning PDF/Word debris out of a decoded text, with a map back to the source.

Extraction runs on the cleaned text; every span it finds is mapped back through
`CleanText.source_span` so that `source_text[start:end]` holds the item as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .rules.dates import find_dates, glued_year_ends
from .rules.markers import list_marker
from .rules.place_lines import is_place_line
from .rules.quotes import typographic_quotes
from .rules.words import is_entry


@dataclass(frozen=True)
class CleanText:
    """Cleaned text: one logical paragraph or list item per line.

    `offsets[i]` is the index in the source text of `text[i]`.
    """

    text: str
    offsets: tuple[int, ...]
    source: str

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the clean text to the source text."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.source)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


_TERMINAL = ".;:!?…"


# What a source line is read as: bold markers and soft hyphens to drop, runs of spaces
# to fold into one, and runs of ordinary characters kept as they are.
_SPACE_CHARS = " \t\u00a0\u2009\u202f\u2007"
_LINE_PIECE = re.compile(
    rf"(\*\*|__|[\u00ad\r]+)|([{_SPACE_CHARS}]+)|([^*_\u00ad\r{_SPACE_CHARS}]+|[*_])"
)

# A line with no bold marker, soft hyphen or run of spaces, whose only spaces are plain.
_PLAIN_LINE = re.compile(rf"(?:[^*_\u00ad\r{_SPACE_CHARS}]| (?! ))*")


class _Chars:
    """Text being cleaned, with the source index of each of its characters."""

    __slots__ = ("offsets", "text")

    def __init__(self, text: str = "", offsets: list[int] | None = None) -> None:
        self.text, self.offsets = text, offsets if offsets is not None else []

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, cut: slice) -> _Chars:
        return _Chars(self.text[cut], self.offsets[cut])

    def extend(self, other: _Chars) -> None:
        self.text += other.text
        self.offsets += other.offsets

    def insert_space(self, at: int) -> None:
        """A space before `at`, standing at the source index of the character there."""
        self.text = self.text[:at] + " " + self.text[at:]
        self.offsets.insert(at, self.offsets[at])


def _line_chars(source: str, start: int, end: int) -> _Chars:
    """One source line: bold markers and soft hyphens removed, runs of spaces folded,
    the ends stripped."""
    if _PLAIN_LINE.fullmatch(source, start, end):  # most lines: nothing to fold or drop
        line = source[start:end]
        text = line.strip(" ")
        lead = len(line) - len(line.lstrip(" "))
        return _Chars(text, list(range(start + lead, start + lead + len(text))))
    pieces: list[str] = []
    offsets: list[int] = []
    for m in _LINE_PIECE.finditer(source, start, end):
        if m.group(2) is not None:
            if pieces and pieces[-1] != " ":
                pieces.append(" ")
                offsets.append(m.start())
        elif m.group(3) is not None:
            pieces.append(m.group(3))
            offsets.extend(range(m.start(), m.end()))
    if pieces and pieces[-1] == " ":
        pieces.pop()
        offsets.pop()
    return _Chars("".join(pieces), offsets)  # a leading run of spaces never gets in


def _is_bold_line(source: str, start: int, end: int) -> bool:
    line = source[start:end].strip()
    return len(line) > 4 and line.startswith("**") and line.endswith("**")


def _last_word(text: str) -> str:
    m = re.search(r"(\w+)-$", text[-40:])
    return m.group(1) if m else ""


def _first_word(text: str) -> str:
    m = re.match(r"\w+", text[:40])
    return m.group(0) if m else ""


def _dehyphenate(left: str, right: str, is_word: Callable[[str], bool] | None) -> bool:
    """Whether "left-\\nright" is one word broken by the line wrap (drop the hyphen)
    rather than a hyphenated compound that happens to end a line."""
    if not left or not right or not right[0].islower() or not left[-1].isalpha():
        return False
    if is_word is None:
        return True
    joined = (left + right).lower()
    if is_word(joined):
        return True
    return not (is_word(left.lower()) and is_word(right.lower()))


# A form-like field line of a heading ("Дата проведения: 12.03.2019", "Место
# проведения: г. Казань"): one field per line, never glued to the line above.
_FORM_LABEL = re.compile(
    r"^(?:(?:Дата|Даты|Место|Время|Сроки?|Формат|Форма)\s+проведения|Организатор\w*|"
    r"Модератор\w*|Ведущ\w+|Участники|Тема)\s*:",
)
_PAGE_NUMBER = re.compile(r"^[-–—]?\s*\d{1,3}\s*[-–—]?$")
# A running header or footer of a PDF page: a line that ends in a page number ("…
# стр. 2", "Страница 3 из 5", "- 4 -") and recurs with another number elsewhere.
_PAGE_TAIL = re.compile(
    r"(?:\b(?:стр|с|страница|page)\.?\s*\d{1,3}(?:\s*(?:из|/)\s*\d{1,3})?|[-–—]\s*\d{1,3}\s*[-–—]?)\s*$",
    re.I,
)
# A heading word on its own line in capitals ("РЕЗОЛЮЦИЯ", "ИНФОРМАЦИОННОЕ ПИСЬМО"):
# it starts a unit of its own, it does not end the line before it.
_ACT_NUMBER_END = re.compile(r"(?:№|\bN)\s*\d[\w/-]*\s*$")
_CAPS_HEADING = re.compile(r"^\W*[А-ЯЁ]{5,}(?:[\s-]+[А-ЯЁ]+){0,3}\W*$")


def _opens_a_document(text: str) -> bool:
    """ "Решение от 13 марта 2009 года", "Протокол № 3": a document's own heading word;
    not a term a sentence defined, run on to the next line ("(далее -" / "Программа)
    согласно приложению.", "… мероприятий" / "Программы.").

    >>> _opens_a_document("Программа семинара"), _opens_a_document("Программа) согласно")
    (True, False)
    """
    m = re.match(r"[А-ЯЁ][а-яё]+(?![а-яё)\].,;])", text)
    return bool(m) and is_entry(m.group(), "document_words")


def _starts_with_date(text: str) -> bool:
    """ "25 – 26 октября 2012 г. …", "24.11.2021 …": a line that opens with a dated date."""
    found = find_dates(text[:80])
    return bool(found) and found[0].start == 0


def _running_lines(source: str, lines: list[tuple[int, int]]) -> set[int]:
    """Indices of running page headers/footers: the same words with a page number at
    the end, found on two or more lines of the document."""
    seen: dict[str, list[int]] = {}
    for i, (start, end) in enumerate(lines):
        line = source[start:end].strip()
        if 8 < len(line) < 200 and _PAGE_TAIL.search(line):
            key = re.sub(r"\s+", " ", _PAGE_TAIL.sub("", line)).strip().lower()
            seen.setdefault(key, []).append(i)
    return {i for key, idx in seen.items() if len(idx) > 1 and len(key) > 3 for i in idx}


def clean(source: str, is_word: Callable[[str], bool] | None = None) -> CleanText:
    """Undo the debris of PDF/Word conversion, keeping a map to source offsets.

    - words hyphenated across a line break are joined ("ве-\\nдущих" -> "ведущих");
    - hard line breaks inside a paragraph become spaces;
    - a paragraph that starts in lower case after one that did not end a sentence
      continues it (a page break inside a list item), and a stray "- " before it is dropped;
    - markdown bold markers and soft hyphens are removed, spaces folded;
    - straight quotes that pair up become «» (`rules.quotes.typographic_quotes`).

    `is_word` (e.g. a morphological dictionary lookup) tells real compounds like
    "онлайн-\\nмероприятия" from wrapped words; without it every such break is joined.
    """
    # Source lines as (start, end) without the newline.
    lines: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"\r\n|\n|\r|\f|\u2028|\u2029", source):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, len(source)))
    running = _running_lines(source, lines)

    units: list[_Chars] = []  # logical lines of the output
    unit_open = False  # whether the last unit may take the next source line
    block_start = True  # the next non-empty line starts a new block (after a blank line)
    for index, (start, end) in enumerate(lines):
        chars = _line_chars(source, start, end)
        if not chars or index in running:
            block_start = True  # a running header or footer reads as a page break
            continue
        text = chars.text
        marker = list_marker(text)
        bold = _is_bold_line(source, start, end)
        prev = units[-1] if units else None
        if prev is not None and unit_open:
            continues_sentence = prev.text[-1] not in _TERMINAL
            if block_start and continues_sentence and _PAGE_NUMBER.match(text):
                continue  # a page number between the two halves of a broken sentence
            if block_start:
                # Across a blank line (a page break): only a lowercase start that
                # continues an unfinished sentence joins; a stray dash is debris.
                body = chars
                if marker and marker.kind != "num":
                    body = chars[marker.end :]
                    while body.text.startswith(" "):
                        body = body[1:]
                first = body.text[:1]
                if continues_sentence and first.islower() and not is_place_line(body.text):
                    _join(prev, body, source, is_word)
                    block_start = False
                    continue
            elif (
                not marker
                and not bold
                and not _FORM_LABEL.match(text)
                and not _CAPS_HEADING.match(text)
                and not _opens_a_document(text)
                # "г. Петрозаводск, 8 декабря 2010 г.": a heading line of a place and a
                # date may start in lower case ("г."), but never continues the line before.
                and not is_place_line(text)
                and not (not continues_sentence and _starts_with_date(text))
                and (continues_sentence or not text[0].isupper())
                # "Постановление … от 23 апреля 2007 г. N 100-а": an act's number ends
                # its heading line.
                and not _ACT_NUMBER_END.search(prev.text[-12:])
            ):
                # A line that ends a sentence, followed by one that starts a new one,
                # is a paragraph of its own: Word and PDF exports often put one
                # paragraph per line with no blank line between them.
                _join(prev, chars, source, is_word)
                continue
        units.append(chars)
        unit_open = not bold
        block_start = False

    if is_word is not None:
        units = [_unspace(_unglue(unit, is_word), is_word) for unit in units]
    units = [_spaced_compound(unit) for unit in units]
    units = [_unglue_year(unit) for unit in units]
    units = [part for unit in units for part in _inline_items(unit)]
    units = [part for unit in units for part in _inline_decision(unit)]
    out_chars: list[str] = []
    out_offsets: list[int] = []
    for i, unit in enumerate(units):
        if i:
            out_chars.append("\n")
            out_offsets.append(unit.offsets[0])
        out_chars.append(unit.text)
        out_offsets += unit.offsets
    # Straight quotes that pair up read as «» (same length: the offsets hold).
    return CleanText(typographic_quotes("".join(out_chars)), tuple(out_offsets), source)


_GLUED = re.compile(r"([А-Яа-яЁё]*[а-яё]{3})(?=([А-ЯЁ][а-яё]{2,}|\d))")


def _unglue(chars: _Chars, is_word: Callable[[str], bool]) -> _Chars:
    """Words run together by a web page's markup get their space back: "выступилиДепартамент"
    -> "выступили Департамент", "секция22 июня" -> "секция 22 июня", when the word before
    is a dictionary word (and the one after, if it is a word)."""
    text = chars.text
    cuts = []
    for m in _GLUED.finditer(text):
        left, right = m.group(1), m.group(2)
        if m.start() and text[m.start() - 1].isalpha():
            continue
        if not is_word(left.lower()):
            continue
        if not right.isdigit():
            word = re.match(r"[А-ЯЁ][а-яё]+", text[m.end() :]).group()
            if not is_word(word.lower()):
                continue
        cuts.append(m.end())
    for cut in reversed(cuts):
        chars.insert_space(cut)
    return chars


def _unglue_year(chars: _Chars) -> _Chars:
    """A page's date run into the next: "11 декабря 20229 декабря 2022 года" (a posting date
    and the event's) -> "… 2022 9 декабря …": a year glued to a day that a month follows."""
    for cut in reversed(glued_year_ends(chars.text)):
        chars.insert_space(cut)
    return chars


# A word typed with a space after every letter (letter-spacing, "разрядка"), as legal
# acts set their operative verb: "п р и к а з ы в а ю", "Р Е Ш И Л И".
_SPACED = re.compile(r"(?<![А-Яа-яЁё])(?:[А-Яа-яЁё] ){3,}[А-Яа-яЁё](?![А-Яа-яЁё])")


def _unspace(chars: _Chars, is_word: Callable[[str], bool]) -> _Chars:
    """A letter-spaced word loses its spaces when the letters make a dictionary word
    ("п р и к а з ы в а ю:" -> "приказываю:")."""
    text, offsets = chars.text, chars.offsets
    found = [m for m in _SPACED.finditer(text) if is_word(m.group().replace(" ", "").lower())]
    for m in reversed(found):
        kept = [i for i in range(m.start(), m.end()) if text[i] != " "]
        text = text[: m.start()] + "".join(text[i] for i in kept) + text[m.end() :]
        offsets[m.start() : m.end()] = [offsets[i] for i in kept]
    return _Chars(text, offsets)


# "методико – библиографическим": a compound adjective typed with a spaced dash; its first
# part ends in the linking "о", its second in an adjective's ending.
_SPACED_COMPOUND = re.compile(
    r"(?<![А-Яа-яЁё])([а-яё]{3,}о) [–—-] (?=[а-яё]{3,}"
    r"(?:ий|ый|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ей|ую|юю|ых|их|ыми|ими)"
    r"(?![А-Яа-яЁё]))"
)


def _spaced_compound(chars: _Chars) -> _Chars:
    """ "методико – библиографическим отделом" -> "методико-библиографическим отделом".

    >>> _spaced_compound(_Chars("научно – практической", list(range(21)))).text
    'научно-практической'
    >>> _spaced_compound(_Chars("сделано качественно – методисты", list(range(31)))).text
    'сделано качественно – методисты'
    """
    text, offsets = chars.text, chars.offsets
    for m in reversed(list(_SPACED_COMPOUND.finditer(text))):
        dash = m.end(1) + 1  # the dash between the spaces keeps its own offset
        text = text[: m.end(1)] + "-" + text[m.end() :]
        offsets[m.end(1) : m.end()] = [offsets[dash]]
    return _Chars(text, offsets)


# "… Собрание депутатов города Шумерля РЕШИЛО: Поддержать …": an act's operative verb
# run into its paragraph (capitals, or the first person and present forms only acts use).
_DECISION_VERB = re.compile(
    r"(?<=\s)(?:РЕШИЛ[ОИА]?|ПОСТАНОВИЛ[ОИА]?|ПОСТАНОВЛЯ(?:ЕТ|Ю)|ПРИКАЗЫВАЮ|ПРЕДЛАГАЮ|"
    r"постановля(?:ет|ю)|приказываю)\s*:\s+(?=[А-ЯЁ0-9])"
)


def _inline_decision(chars: _Chars) -> list[_Chars]:
    """A paragraph holding an act's operative verb and a colon after some text, split into
    the text before it, the verb on a line of its own (as acts set it), and the rest."""
    text = chars.text
    m = _DECISION_VERB.search(text)
    if m is None or not text[: m.start()].strip():
        return [chars]
    verb_end = text.index(":", m.start()) + 1
    parts = [chars[: m.start()], chars[m.start() : verb_end], chars[m.end() :]]
    return [_rstrip(p) for p in parts if p.text.strip()]


# "приказываю: 1. Провести … 2. Утвердить …": a numbered list run into its paragraph.
_FIRST_ITEM = re.compile(r":\s+(?=1\.\s*[А-ЯЁ])")


def _inline_items(chars: _Chars) -> list[_Chars]:
    """A paragraph whose introducing colon is followed by "1. …", "2. …" (consecutive
    numbers, each after a sentence's end and before a capital) split into its lines: the
    intro and one line per item, as a list typed with line breaks reads."""
    text = chars.text
    first = _FIRST_ITEM.search(text)
    if first is None:
        return [chars]
    cuts = [first.end()]
    n = 2
    while m := re.compile(rf"[.;]\s+(?={n}\.\s*[А-ЯЁ])").search(text, cuts[-1]):
        cuts.append(m.end())
        n += 1
    if len(cuts) < 2:
        return [chars]
    parts, start = [], 0
    for cut in cuts:
        parts.append(chars[start:cut])
        start = cut
    parts.append(chars[start:])
    return [_rstrip(p) for p in parts if p.text.strip()]


def _rstrip(chars: _Chars) -> _Chars:
    kept = len(chars.text.rstrip(" "))
    return chars if kept == len(chars) else chars[:kept]


def _join(prev: _Chars, chars: _Chars, source: str, is_word: Callable[[str], bool] | None) -> None:
    """Append a source line to the unit it continues."""
    left, right = _last_word(prev.text), _first_word(chars.text)
    if prev.text[-1] == "-" and left and right:
        if _dehyphenate(left, right, is_word):
            prev.text, prev.offsets = prev.text[:-1], prev.offsets[:-1]
        # Either way the parts are one word: no space at the line break.
        prev.extend(chars)
        return
    # The joining space stands for the line break in the source.
    newline_at = prev.offsets[-1] + 1
    while newline_at < len(source) and source[newline_at] not in "\r\n\f":
        newline_at += 1
    prev.extend(_Chars(" ", [min(newline_at, len(source) - 1)]))
    prev.extend(chars)
