"""PDF text layer to text (pypdfium2): lines from pdfium, layout from its character boxes.

pypdfium2, not pdfminer.six or pdfplumber. Measured on a 6-page PDF that fpdf2 set in
DejaVu Sans from the three seed resolutions (14.5k characters; bench/_work, 2-core machine):
  pypdfium2 5.15:        7.4 ms per document, words 100% identical to the source
  pdfminer.six 20260107: 233 ms per document, words 100% identical to the source
Both read the Cyrillic flawlessly, but pdfium is ~30x faster and keeps each line whole,
while pdfminer's layout analysis broke justified lines into one text box per word. For
columns, pdfplumber (pdfminer's characters, clustered into words and lines) was measured
too on `../shared/cases/p02_pdf_two_columns_rowwise.pdf`: its `extract_text` reads the two
columns across, row by row, exactly like pdfium's own text order, and took 11.9 ms for
that one page against 0.5 ms for pdfium's text and 1.4 ms for this module's whole reading,
columns included. Neither library splits such columns, so it is done here, on pdfium's
character boxes (`_split_columns`), which the paragraph gaps already needed.

What is done to the text layer beyond pdfium's reading:
- columns read one after the other: consecutive lines that all leave the same vertical
  strip empty (a gutter) are read left part first, then right part;
- soft hyphens (U+00AD) dropped; one at a line end joins the word across the break;
- ligatures (U+FB00-FB06: ﬁ, ﬂ, ﬀ…) expanded to their letters;
- running headers and footers (a line at the top or bottom of most pages that reads the
  same on each, page numbers aside) dropped, with bare page numbers.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorruptDocumentError, NoTextLayerError, TooLargeError

MAX_PAGES = 2_000
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)  # fmt: skip
_LIGATURE = re.compile("[\ufb00-\ufb06]")
SOFT_HYPHEN = "\u00ad"


@dataclass
class _Line:
    words: list[tuple[str, float, float]]  # (word, left, right), in reading order
    top: float
    bottom: float

    @property
    def text(self) -> str:
        return " ".join(word for word, _, _ in self.words).strip()


def pdf_text(data: bytes, name: str | Path = "<bytes>") -> str:
    """The text layer of a PDF: one line per printed line, a blank line between
    paragraphs (a vertical gap clearly larger than the line spacing) and pages."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(f"cannot read the PDF file: {exc}", name) from exc
    pages: list[list[_Line]] = []
    try:
        if len(pdf) > MAX_PAGES:
            raise TooLargeError(f"{len(pdf)} pages, over the {MAX_PAGES} page limit", name)
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                pages.append(_page_lines(textpage))
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(f"cannot read the PDF file: {exc}", name) from exc
    finally:
        pdf.close()
    pages = _drop_running_lines(pages)
    text = "\n\n".join(t for t in (_layout(lines) for lines in pages) if t.strip())
    # A scan may still carry a stray word (a page number, a scanner's watermark):
    # fewer than a line's worth of letters per page is no text layer to extract from.
    needed = 20 * max(1, len(pages))
    if sum(1 for _ in itertools.islice(filter(str.isalpha, text), needed)) < needed:
        raise NoTextLayerError(
            f"no text layer in the PDF ({len(pages)} page(s) of images): OCR it first "
            "(ingest --ocr)",
            name,
        )
    return text + "\n"


def _page_lines(textpage) -> list[_Line]:
    """pdfium's lines with their characters' boxes, columns split and read in order.

    pdfium joins a word hyphenated at a line end into one line and marks the hyphen
    (U+FFFE or U+0002), whether the PDF had a soft hyphen or a hard one there: the line
    is broken again after a printed "-", and the cleaner decides with its dictionary
    whether the hyphen goes ("муници-/пальным") or stays ("северо-/западный").
    """
    raw = textpage.get_text_range()
    if len(raw) != textpage.count_chars():  # no per-char geometry to trust: lines only
        raw = _printed(raw).replace("\r\n", "\n")
        return [_Line([(t, 0.0, 0.0)], 0.0, 0.0) for t in raw.split("\n")]
    box = _char_boxes(textpage)
    # The marks become "-" one for one, so `printed` keeps raw's character indices.
    printed = _printed(raw)
    lines: list[_Line] = []
    # A line ends at pdfium's line break and after its line-end hyphen mark.
    for m in re.finditer(r"[^\r\n\ufffe\x02]*(?:[\ufffe\x02]|\r\n|\n|$)", raw):
        words: list[tuple[str, float, float]] = []
        # A word's extent from its first and last characters (gaps and columns fall
        # between words): two pdfium calls a word instead of one a character.
        for word in _WORD.finditer(raw, m.start(), m.end()):
            start, last = word.start(), word.end() - 1
            left, right = box(start)
            if last != start:
                right = box(last)[1]
            words.append((printed[start : last + 1], left, right))
        if not words:
            continue
        # The line's height from pdfium's rectangles over its characters: the union of
        # their boxes (measured identical to the characters' max and min), one call.
        rects = [
            textpage.get_rect(j)
            for j in range(textpage.count_rects(m.start(), m.end() - m.start()))
        ]
        tops = [r[3] for r in rects if r[3] > r[1]]
        bottoms = [r[1] for r in rects if r[3] > r[1]]
        lines.append(_Line(words, max(tops, default=0.0), min(bottoms, default=0.0)))
    heights = [line.top - line.bottom for line in lines if line.top > line.bottom]
    if not heights:
        return lines
    return _split_columns(lines, 1.5 * statistics.median(heights))


def _printed(raw: str) -> str:
    """pdfium's line-end hyphen marks (U+FFFE, U+0002: a hyphen it judged to break a word)
    as the "-" printed there, one character for one; the cleaner joins hyphenated words.

    >>> _printed("муници\ufffeпальным")
    'муници-пальным'
    """
    return raw.replace("\ufffe", "-").replace("\x02", "-")


_WORD = re.compile(r"[^\s\ufffe\x02]+[\ufffe\x02]?")


def _char_boxes(textpage):
    """pdfium's character box (left, right) by index, through its C call with reused
    doubles (the helper's `get_charbox` allocates four of them on each call)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    get, handle = pdfium_c.FPDFText_GetCharBox, textpage.raw

    def box(index: int) -> tuple[float, float]:
        get(handle, index, *refs)
        return left.value, right.value

    return box


def _gaps(line: _Line, min_gap: float) -> list[tuple[float, float]]:
    """Horizontal stretches wider than min_gap between a line's printed characters."""
    out, last = [], None
    for _, left, right in line.words:
        if last is not None and left - last > min_gap:
            out.append((last, left))
        last = right if last is None else max(last, right)
    return out


def _crosses(line: _Line, lo: float, hi: float) -> bool:
    return any(right > lo and left < hi for _, left, right in line.words)


def _split_columns(lines: list[_Line], min_gap: float, depth: int = 0) -> list[_Line]:
    """Read text columns set side by side one after the other.

    A block is a run of consecutive lines that all leave one vertical strip (the gutter)
    empty, at least two of them with text on both sides; its lines are read left part
    first, then right part, each part split again for a third column. A single line with
    a wide gap (a date set flush right) keeps its order either way.
    """
    if depth > 3:
        return lines
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        end, gutter = i, None
        for lo, hi in sorted(_gaps(lines[i], min_gap), key=lambda g: g[0] - g[1]):
            j, both, strip = i + 1, 1, (lo, hi)
            while j < len(lines):
                line = lines[j]
                overlap = [
                    (max(lo2, strip[0]), min(hi2, strip[1]))
                    for lo2, hi2 in _gaps(line, min_gap)
                    if min(hi2, strip[1]) - max(lo2, strip[0]) > min_gap / 2
                ]
                if overlap:
                    strip, both = overlap[0], both + 1
                elif _crosses(line, *strip):
                    break
                j += 1
            if both >= 2:
                end, gutter = j, strip
                break
        if gutter is None:
            out.append(lines[i])
            i += 1
            continue
        middle = (gutter[0] + gutter[1]) / 2
        halves: tuple[list[_Line], list[_Line]] = ([], [])
        for line in lines[i:end]:
            for side, part in enumerate(_halves(line, middle)):
                if part is not None:
                    halves[side].append(part)
        for half in halves:
            out.extend(_split_columns(half, min_gap, depth + 1))
        i = end
    return out


def _halves(line: _Line, middle: float) -> tuple[_Line | None, _Line | None]:
    left = [w for w in line.words if (w[1] + w[2]) / 2 < middle]
    right = [w for w in line.words if (w[1] + w[2]) / 2 >= middle]
    return tuple(  # type: ignore[return-value]
        _Line(part, line.top, line.bottom) if part else None for part in (left, right)
    )


_RUNNING_ZONE = 2  # lines at the top and at the bottom of a page that may be running


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop running headers and footers: a line among the first or last two of a page
    that reads the same (digits aside) on at least 60% of the pages (and 2);
    and a bare page number ("5", "- 5 -", "Стр. 5") there on a document of 2+ pages."""
    if len(pages) < 2:
        return pages
    zones = [_zone(lines) for lines in pages]
    counts = Counter(
        key
        for lines, zone in zip(pages, zones, strict=True)
        for key in {_running_key(lines[i].text) for i in zone}
    )
    needed = max(2, int(0.6 * len(pages) + 0.999))
    running = {key for key, n in counts.items() if n >= needed}
    page_number = re.compile(r"[-–—\s]*(стр\.?|страница|с\.)?\s*#(\s*(из|/)\s*#)?[-–—\s]*")
    return [
        [
            line
            for index, line in enumerate(lines)
            if index not in zone
            or not ((key := _running_key(line.text)) in running or page_number.fullmatch(key))
        ]
        for lines, zone in zip(pages, zones, strict=True)
    ]


def _zone(lines: list[_Line]) -> set[int]:
    """Indices of the two topmost and two bottommost lines of a page (by position, not by
    the order the PDF draws them in), where running headers and footers stand."""
    by_height = sorted(range(len(lines)), key=lambda i: -lines[i].top)
    return set(by_height[:_RUNNING_ZONE] + by_height[-_RUNNING_ZONE:])


def _layout(lines: list[_Line]) -> str:
    """A page's lines, a blank line where a paragraph ends; soft hyphens resolved."""
    if not lines:
        return ""
    heights = [line.top - line.bottom for line in lines if line.top > line.bottom]
    gaps = [
        prev.bottom - cur.top
        for prev, cur in zip(lines, lines[1:], strict=False)
        if prev.top > prev.bottom and cur.top > cur.bottom and cur.top < prev.bottom + 1
    ]
    threshold = None
    if heights and gaps:
        height = statistics.median(heights)
        # The usual gap between lines of one paragraph: a low quantile (short paragraphs
        # make paragraph gaps the majority), capped for documents of one-line paragraphs.
        usual_gap = min(sorted(gaps)[len(gaps) // 5], 0.6 * height)
        threshold = usual_gap + 0.5 * height
    out = [lines[0].text]
    for prev, cur in zip(lines, lines[1:], strict=False):
        text = cur.text
        if out[-1].endswith(SOFT_HYPHEN):  # a word broken at a soft hyphen: join it
            out[-1] = out[-1][:-1]
            out.append(text)
            continue
        # A gap beyond the usual spacing, or a jump back up (a new column), ends a paragraph.
        new_block = threshold is not None and (
            prev.bottom - cur.top > threshold or cur.top > prev.top
        )
        out.append(("\n\n" if new_block else "\n") + text)
    page = "".join(out).replace(SOFT_HYPHEN, "")
    # str.translate looks up every character: only a page that has a ligature pays.
    return page.translate(_LIGATURES) if _LIGATURE.search(page) else page
