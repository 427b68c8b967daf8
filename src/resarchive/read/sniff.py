"""Which format a source is: recognized by its content, not its name.

`%PDF-` is a PDF, a zip holding `word/document.xml` is a .docx, `{\\rtf` is RTF,
anything else is read as text. The extension only breaks the tie between text
formats (`.md` or `.txt`).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import BinaryInputError, CorruptDocumentError

FORMATS = ("txt", "md", "docx", "pdf", "rtf")
SUFFIXES = {".txt": "txt", ".md": "md", ".docx": "docx", ".pdf": "pdf", ".rtf": "rtf"}

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
