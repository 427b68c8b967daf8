"""Scanned PDFs: pdfium renders each page, Tesseract (Russian model) recognizes its text.

Tesseract is Debian's `tesseract-ocr` with `tesseract-ocr-rus`, called as its own
command: a page goes in as a greyscale PGM on stdin and the text comes out on stdout.
pytesseract does the same through temporary files and would bring Pillow along just to
write the image; ocrmypdf rebuilds a whole PDF with a text layer (Ghostscript, qpdf) when
only the text is wanted. Pages render at 300 dpi, Tesseract's recommended resolution for
print. The recognized text is laid out like the text layer (a line per line, a blank line
between paragraphs and pages), and the same bytes give the same text with the same
Tesseract, so a record's spans can be checked against its raw copy by recognizing again.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from ..errors import CorruptDocumentError, MissingToolError, ResourceLimitError, TooLargeError

DPI = 300
LANGUAGES = "rus+eng"
PAGE_TIMEOUT = 120  # seconds per page; the ingest fence bounds the whole file as well
MAX_OCR_PAGES = 200
INSTALL_HINT = (
    "install Tesseract with its Russian model (apt-get install tesseract-ocr tesseract-ocr-rus)"
)
WARNING = (
    "the text was recognized by OCR (Tesseract) from page images: spans point into the "
    "recognized text, which may differ from the printed page"
)


def tesseract() -> str:
    """The tesseract command, when it is installed with the Russian model."""
    command = shutil.which("tesseract")
    if command is None:
        raise MissingToolError(f"a scanned PDF needs OCR: {INSTALL_HINT}")
    try:
        listed = subprocess.run(
            [command, "--list-langs"], capture_output=True, timeout=30, check=False
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MissingToolError(f"cannot run tesseract ({exc}): {INSTALL_HINT}") from exc
    if "rus" not in listed.split():
        raise MissingToolError(f"Tesseract has no Russian model: {INSTALL_HINT}")
    return command


def ocr_text(data: bytes, name: str | Path = "<bytes>") -> str:
    """The text Tesseract recognizes on the pages of a PDF, page after page."""
    import pypdfium2 as pdfium

    try:
        command = tesseract()
    except MissingToolError as exc:
        raise MissingToolError(str(exc), name) from None
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(f"cannot read the PDF file: {exc}", name) from exc
    pages: list[str] = []
    try:
        if len(pdf) > MAX_OCR_PAGES:
            raise TooLargeError(
                f"a scan of {len(pdf)} pages, over the {MAX_OCR_PAGES} page limit for OCR", name
            )
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                bitmap = page.render(scale=DPI / 72, grayscale=True)
                pixels = bitmap.to_numpy()
                image = b"P5\n%d %d\n255\n" % (pixels.shape[1], pixels.shape[0]) + pixels.tobytes()
                bitmap.close()
            finally:
                page.close()
            pages.append(_recognize(command, image, name))
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(f"cannot read the PDF file: {exc}", name) from exc
    finally:
        pdf.close()
    return "\n\n".join(p for p in pages if p) + "\n"


def _recognize(command: str, image: bytes, name: str | Path) -> str:
    """One page image through Tesseract; its blank lines between blocks are kept."""
    # One thread per Tesseract: ingest runs one worker per core already.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1", "LC_ALL": "C.UTF-8"}
    process = subprocess.Popen(
        [command, "stdin", "stdout", "-l", LANGUAGES, "--dpi", str(DPI), "--psm", "3"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(image, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ResourceLimitError(f"OCR took over {PAGE_TIMEOUT} s for one page", name) from exc
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        raise CorruptDocumentError("OCR failed" + (f": {detail[-1][:200]}" if detail else ""), name)
    text = out.decode("utf-8", "replace").replace("\f", "")
    lines = [line.rstrip() for line in text.split("\n")]
    # Tesseract separates blocks by one empty line: the paragraph convention already.
    return "\n".join(lines).strip()
