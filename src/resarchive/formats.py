"""Source formats: recognize a file by its content and extract its text.

Detection looks at the bytes, not the name: `%PDF-` is a PDF, a zip holding
`word/document.xml` is a .docx, `{\\rtf` is RTF, anything else is read as text.
The extension only breaks the tie between text formats (`.md` or `.txt`).

Every extractor is a pure function of the bytes, so `text_of` in the reader can
re-derive the very text that the record's spans refer to from the raw copy.

Paragraph convention shared by the .docx, .pdf and .rtf extractors: one paragraph,
list item or table row per line, and a blank line between them. That is how the
plain-text resolutions look, and what `text.clean` reads: a blank line ends a block,
a list marker starts a unit, and a lowercase line after an unfinished sentence
continues it (Word files converted from PDF often hold one paragraph per line).
"""

from __future__ import annotations

import io
import re
import statistics
import zipfile
from pathlib import Path

from .errors import BinaryInputError, CorruptDocumentError, EmptyInputError, NoTextLayerError
from .text import decode

FORMATS = ("txt", "md", "docx", "pdf", "rtf")
SUFFIXES = {".txt": "txt", ".md": "md", ".docx": "docx", ".pdf": "pdf", ".rtf": "rtf"}
# Extracted (non-plain-text) formats store this as the record's `source.encoding`:
# the text the spans refer to is the extractor's output, a Python str.
EXTRACTED_ENCODING = "utf-8"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls containers


def detect_format(data: bytes, name: str | Path = "") -> str:
    """`pdf`, `docx`, `rtf`, `md` or `txt`, from the bytes; the name only tells md from txt.

    A zip that is not a Word document and a legacy OLE2 .doc are refused here, with
    advice, rather than being read as (binary) text.
    """
    head = data[:1024]
    if b"%PDF-" in head:  # the spec tolerates junk before the header
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile as exc:
            raise CorruptDocumentError(f"damaged zip/.docx file: {exc}", name) from exc
        if "word/document.xml" in names:
            return "docx"
        raise BinaryInputError("a zip archive, not a Word .docx document", name)
    if data.startswith(_OLE2):
        raise BinaryInputError(
            "a legacy Word .doc (or other OLE2) file: save it as .docx or PDF first", name
        )
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    return "md" if Path(str(name)).suffix.lower() == ".md" else "txt"


def extract_text(data: bytes, fmt: str, name: str | Path = "<bytes>") -> tuple[str, str]:
    """(text, encoding) of a source in format `fmt`; raises an InputError subclass."""
    if fmt in ("txt", "md"):
        return decode(data, str(name))
    extractor = {"docx": docx_text, "pdf": pdf_text, "rtf": rtf_text}.get(fmt)
    if extractor is None:
        raise CorruptDocumentError(f"unknown source format {fmt!r}", name)
    text = extractor(data, name)
    if not text.strip():
        raise EmptyInputError(f"the {fmt} document holds no text", name)
    return text, EXTRACTED_ENCODING


def _paragraphs(parts: list[str]) -> str:
    """Paragraphs one per line with a blank line between (see the module docstring)."""
    lines = (" ".join(p.split()) for p in parts)  # in-paragraph breaks and tabs become spaces
    return "\n\n".join(line for line in lines if line) + "\n"


# --------------------------------------------------------------------------- docx


def docx_text(data: bytes, name: str | Path = "<bytes>") -> str:
    """Paragraphs, list items and table rows of a .docx in document order.

    python-docx does not render Word's automatic list numbering, so it is rendered
    here from numbering.xml ("1.", "2)", "а)", bullets as "•"): resolutions number
    their recommendations that way, and the number belongs to the item. Table rows
    become one line each, cells joined by " | ". Headers, footers and footnotes are
    left out: they repeat on every page and hold no resolution content.
    """
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, lxml errors, zip errors…
        raise CorruptDocumentError(f"cannot read the .docx file: {exc}", name) from exc
    numbering = _Numbering(document)
    parts: list[str] = []
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                parts.extend(_table_rows(block))
            else:
                label = numbering.label(block)
                parts.append(
                    f"{label} {block.text}" if label and block.text.strip() else block.text
                )
    except Exception as exc:
        raise CorruptDocumentError(f"cannot read the .docx file: {exc}", name) from exc
    return _paragraphs(parts)


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell appears once per grid column it spans: keep it once.
            if not cells or text != cells[-1] or not text:
                cells.append(text)
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
_RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"  # Word's russianLower skips ё, й, ъ, ы, ь


def _roman(n: int) -> str:
    out = ""
    for value, digits in _ROMAN:
        while n >= value:
            out, n = out + digits, n - value
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("russianLower", "russianUpper"):
        s = _RU_LETTERS[(n - 1) % len(_RU_LETTERS)] * ((n - 1) // len(_RU_LETTERS) + 1)
        return s.upper() if fmt == "russianUpper" else s
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal and anything exotic


class _Numbering:
    """Word's automatic list numbering, counted the way Word counts it: per list
    (numId), a level's counter restarting when a higher level advances."""

    def __init__(self, document) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        abstract = {}
        for node in root.iter(f"{w}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{w}lvl"):
                fmt = lvl.find(f"{w}numFmt")
                text = lvl.find(f"{w}lvlText")
                start = lvl.find(f"{w}start")
                levels[int(lvl.get(f"{w}ilvl", "0"))] = (
                    fmt.get(f"{w}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{w}val", "") if text is not None else "",
                    int(start.get(f"{w}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{w}abstractNumId")] = levels
        for num in root.iter(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{w}val"), {}).items():
                self._levels[(num.get(f"{w}numId"), ilvl)] = spec

    def label(self, paragraph) -> str:
        """The rendered number of a list paragraph ("3.", "б)", "•"), or ""."""
        if not self._levels:
            return ""
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        spec = self._levels.get((num_id, ilvl))
        if spec is None or num_id == "0":
            return ""
        fmt, text, _ = spec
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""
        counters = self._counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            level_spec = self._levels.get((num_id, len(counters)), ("decimal", "", 1))
            counters.append(level_spec[2] - 1)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = self._levels.get((num_id, deeper), ("decimal", "", 1))[2] - 1
        label = text or f"%{ilvl + 1}."

        def level_value(m: re.Match) -> str:
            level = int(m.group(1)) - 1
            value = counters[level] if level < len(counters) else 1
            level_fmt = self._levels.get((num_id, level), (fmt, "", 1))[0]
            return _format_number(max(value, 1), level_fmt)

        return re.sub(r"%(\d)", level_value, label).strip()


def _num_pr(paragraph) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph's numbering, set directly or by its style."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    p_pr = paragraph._p.pPr
    num_pr = p_pr.find(f"{w}numPr") if p_pr is not None else None
    style = paragraph.style if num_pr is None else None
    while num_pr is None and style is not None:
        s_pr = style.element.find(f"{w}pPr")
        num_pr = s_pr.find(f"{w}numPr") if s_pr is not None else None
        style = style.base_style
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{w}numId")
    ilvl = num_pr.find(f"{w}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{w}val"), int(ilvl.get(f"{w}val", "0")) if ilvl is not None else 0


# --------------------------------------------------------------------------- pdf

# pypdfium2, not pdfminer.six. Measured on a 6-page PDF that fpdf2 set in DejaVu Sans
# from the three seed resolutions (14.5k characters; bench/_work, 2-core machine):
#   pypdfium2 5.15:        7.4 ms per document, words 100% identical to the source
#   pdfminer.six 20260107: 233 ms per document, words 100% identical to the source
# Both read the Cyrillic flawlessly, but pdfium is ~30x faster and keeps each line
# whole, while pdfminer's layout analysis broke justified lines into one text box per
# word (a blank line between every word), losing the paragraph structure the cleaner
# needs. pdfium also gives character boxes, used below to find paragraph gaps.


def pdf_text(data: bytes, name: str | Path = "<bytes>") -> str:
    """The text layer of a PDF: one line per printed line, a blank line between
    paragraphs (a vertical gap clearly larger than the line spacing) and pages."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(f"cannot read the PDF file: {exc}", name) from exc
    pages: list[str] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                pages.append(_page_text(textpage))
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(f"cannot read the PDF file: {exc}", name) from exc
    finally:
        pdf.close()
    text = "\n\n".join(p for p in pages if p.strip())
    # A scan may still carry a stray word (a page number, a scanner's watermark):
    # fewer than a line's worth of letters per page is no text layer to extract from.
    if sum(ch.isalpha() for ch in text) < 20 * max(1, len(pages)):
        raise NoTextLayerError(
            f"no text layer in the PDF ({len(pages)} page(s) of images): OCR it first", name
        )
    return text + "\n"


# pdfium marks a hyphen it judged soft (a word broken at the line end) with these.
_PDF_SOFT_HYPHENS = str.maketrans({"\ufffe": "-", "\x02": "-", "\u00ad": "-"})


def _page_text(textpage) -> str:
    raw = textpage.get_text_range()
    if len(raw) != textpage.count_chars():  # no per-char geometry to trust: lines only
        return raw.translate(_PDF_SOFT_HYPHENS).replace("\r\n", "\n").strip()
    lines: list[tuple[str, float, float]] = []  # text, top, bottom
    pos = 0
    for line in raw.split("\r\n"):
        text = line.translate(_PDF_SOFT_HYPHENS).rstrip()
        if text.strip():
            tops, bottoms = [], []
            for i in range(pos, pos + len(line)):
                if not line[i - pos].isspace():
                    _, bottom, _, top = textpage.get_charbox(i)
                    if top > bottom:
                        tops.append(top)
                        bottoms.append(bottom)
            if tops:
                lines.append((text.strip(), max(tops), min(bottoms)))
            else:
                lines.append((text.strip(), 0.0, 0.0))
        pos += len(line) + 2
    if not lines:
        return ""
    heights = [top - bottom for _, top, bottom in lines if top > bottom]
    gaps = [
        prev[2] - cur[1]
        for prev, cur in zip(lines, lines[1:], strict=False)
        if prev[1] > prev[2] and cur[1] > cur[2] and cur[1] < prev[2] + 1
    ]
    if not heights or not gaps:
        return "\n".join(t for t, _, _ in lines)
    height = statistics.median(heights)
    # The usual gap between lines of one paragraph: a low quantile (short paragraphs
    # make paragraph gaps the majority), capped for documents of one-line paragraphs.
    usual_gap = min(sorted(gaps)[len(gaps) // 5], 0.6 * height)
    threshold = usual_gap + 0.5 * height
    out = [lines[0][0]]
    for prev, cur in zip(lines, lines[1:], strict=False):
        gap = prev[2] - cur[1]
        # A gap beyond the usual spacing, or a jump back up (a new column), ends a paragraph.
        new_block = gap > threshold or cur[1] > prev[1]
        out.append(("\n\n" if new_block else "\n") + cur[0])
    return "".join(out)


# --------------------------------------------------------------------------- rtf

_ANSICPG = re.compile(rb"\\ansicpg(\d+)")


def rtf_text(data: bytes, name: str | Path = "<bytes>") -> str:
    """Text of an RTF document (striprtf); non-ASCII comes from \\'hh escapes in the
    document's code page (\\ansicpg, Windows-1251 for Russian Word) or \\uN escapes."""
    from striprtf.striprtf import rtf_to_text

    m = _ANSICPG.search(data[:4096])
    codepage = f"cp{int(m.group(1))}" if m else "cp1251"
    try:
        # RTF is 7-bit by the spec; some writers still put raw 8-bit bytes in it.
        source = data.decode("ascii") if data.isascii() else data.decode(codepage)
        text = rtf_to_text(source.lstrip("\ufeff"), encoding=codepage, errors="strict")
    except (LookupError, UnicodeDecodeError, ValueError, IndexError) as exc:
        raise CorruptDocumentError(f"cannot read the RTF file: {exc}", name) from exc
    return _paragraphs(re.split(r"\n", text))
