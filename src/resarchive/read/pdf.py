"""PDF text layer to text (pypdfium2), with paragraph gaps from the character boxes."""

from __future__ import annotations

import statistics
from pathlib import Path

from ..errors import CorruptDocumentError, NoTextLayerError

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
