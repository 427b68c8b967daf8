"""Which format a source is: recognized by its content, not its name.

A file that starts with `%PDF-` (or has it in its first KB and a PDF's trailer at its
end) is a PDF, a zip holding `word/document.xml` is a .docx, one whose `mimetype` is
OpenDocument text is an .odt, an OLE2 container with a `WordDocument` stream is a legacy
Word .doc, `{\\rtf` is RTF, anything else is read as text. The extension only breaks the
tie between text formats (`.md` or `.txt`).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import BinaryInputError, CorruptDocumentError

FORMATS = ("txt", "md", "docx", "doc", "odt", "pdf", "pdf-ocr", "rtf")
SUFFIXES = {
    ".txt": "txt",
    ".md": "md",
    ".docx": "docx",
    ".doc": "doc",
    ".odt": "odt",
    ".pdf": "pdf",
    ".rtf": "rtf",
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt containers
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # the directory entry of a Word file
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


def _is_pdf(data: bytes) -> bool:
    """`%PDF-` at the start; or within the first KB (the spec tolerates junk before the
    header) when the file also ends like a PDF. A text that only mentions "%PDF-1.7" in
    its first lines is not a PDF."""
    head = data[:1024]
    if data.lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(b"%PDF-"):
        return True
    return b"%PDF-" in head and b"%%EOF" in data[-2048:] and b" obj" in data


def detect_format(data: bytes, name: str | Path = "") -> str:
    """`pdf`, `docx`, `odt`, `doc`, `rtf`, `md` or `txt`, from the bytes; the name only
    tells md from txt.

    A zip that is neither a Word nor an OpenDocument text and an OLE2 file that is not
    a Word document are refused here, with advice, rather than being read as text.
    """
    if _is_pdf(data):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if data[30:38] == b"mimetype" and data[38:].startswith(_ODT_MIME):
            return "odt"  # OpenDocument puts an uncompressed mimetype first
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise CorruptDocumentError(f"damaged zip/.docx file: {exc}", name) from exc
        if "word/document.xml" in names:
            return "docx"
        if mimetype.strip() == _ODT_MIME:
            return "odt"
        raise BinaryInputError("a zip archive, not a Word .docx or OpenDocument .odt", name)
    if data.startswith(_OLE2):
        if _WORD_STREAM in data:
            return "doc"
        raise BinaryInputError(
            "an OLE2 file (Excel or PowerPoint?), not a Word .doc document", name
        )
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "rtf"
    return "md" if Path(str(name)).suffix.lower() == ".md" else "txt"
