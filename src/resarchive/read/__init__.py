"""Stage 1, read: from a source file's bytes to the text that extraction reads and spans
refer to.

`sniff` recognizes the format by content; `decode` reads plain text; `docx`, `odt`, `doc`
(through LibreOffice or antiword), `pdf`, `ocr` (scanned PDFs, through Tesseract) and
`rtf` extract the text of the other formats. Every extractor is a pure function of the
bytes (and of the converter named by the format), so `text_of` can re-derive the very
text a record's spans refer to from its raw copy.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import (
    CorruptDocumentError,
    EmptyInputError,
    InputError,
    NoTextLayerError,
    NotFoundError,
    TooLargeError,
)
from .sniff import FORMATS, SUFFIXES, detect_format

__all__ = [
    "DEFAULT_MAX_SIZE",
    "FORMATS",
    "SUFFIXES",
    "SourceDocument",
    "detect_format",
    "extract_text",
    "format_size",
    "parse_size",
    "read_source",
    "text_of",
]

DEFAULT_MAX_SIZE = 5 * 1024 * 1024
# Extracted (non-plain-text) formats store this as the record's `source.encoding`:
# the text the spans refer to is the extractor's output, a Python str.
EXTRACTED_ENCODING = "utf-8"
_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "kib": 1024, "m": 1024**2, "mb": 1024**2,
          "mib": 1024**2, "g": 1024**3, "gb": 1024**3, "gib": 1024**3}  # fmt: skip


# The largest --max-size: a file and its text are read whole within the fence's 1 GB.
MAX_SIZE_LIMIT = 1024**3


def parse_size(text: str) -> int:
    """`5MB`, `200KB`, `1.5M` or plain bytes (`300000`) as a byte count; KB = 1024 bytes.

    Raises ValueError (a usage error, exit 2) for anything else, zero, or a size over
    1 GB (`MAX_SIZE_LIMIT`).

    >>> parse_size("5MB"), parse_size("1.5k")
    (5242880, 1536)
    """
    m = re.fullmatch(r"\s*(\d{1,30}(?:\.\d{1,30})?)\s*([a-zA-Z]*)\s*", text)
    unit = m.group(2).lower() if m else None
    if m is None or unit not in _UNITS:
        raise ValueError(f"{text!r} is not a size like 5MB, 200KB or 300000 (bytes)")
    from decimal import Decimal

    size = int(Decimal(m.group(1)) * _UNITS[unit])
    if size <= 0:
        raise ValueError(f"{text!r}: the size must be above zero")
    if size > MAX_SIZE_LIMIT:
        raise ValueError(f"{text!r}: the size must be at most 1GB (1024MB)")
    return size


def _read_at_most(fh, limit: int, chunk: int = 1 << 20) -> bytes:
    """Up to `limit` bytes of `fh`, read a megabyte at a time."""
    parts, total = [], 0
    while total < limit:
        part = fh.read(min(chunk, limit - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def format_size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    data: bytes
    text: str
    encoding: str  # the byte encoding of a text file; "utf-8" for extracted formats
    format: str  # txt, md, docx, odt, doc, doc-antiword, pdf, pdf-ocr or rtf
    warnings: tuple[str, ...] = ()  # about the reading, added to the record's warnings


def read_source(
    path: Path, max_size: int = DEFAULT_MAX_SIZE, *, ocr: bool = False
) -> SourceDocument:
    """Read one source file, recognize its format and extract its text.

    `max_size` bounds the file and its extracted text (in characters) alike. With `ocr`,
    a PDF without a text layer is recognized by Tesseract (format `pdf-ocr`).
    Raises an InputError subclass naming the file and the cause.
    """
    if not path.exists():
        raise NotFoundError("no such file", path)
    if not path.is_file():
        raise NotFoundError("not a regular file", path)
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit (the size may change after a stat), in chunks:
            # one read of `max_size + 1` bytes allocates that much at once, which a 1 GB
            # limit under the worker's 1 GB memory fence cannot afford.
            data = _read_at_most(fh, max_size + 1)
            size = max(len(data), os.fstat(fh.fileno()).st_size)
    except OSError as exc:
        raise NotFoundError(f"cannot read: {exc.strerror or exc}", path) from exc
    if len(data) > max_size:
        raise TooLargeError(
            f"file of {format_size(size)} is over the {format_size(max_size)} limit (--max-size)",
            path,
        )
    fmt = detect_format(data, path)
    warnings: list[str] = []
    if fmt == "doc":
        from .doc import doc_format

        try:
            fmt = doc_format()
        except InputError as exc:
            raise type(exc)(str(exc), path) from None
    try:
        text, encoding = extract_text(data, fmt, path)
    except NoTextLayerError:
        if not ocr:
            raise
        from .ocr import WARNING

        fmt = "pdf-ocr"
        text, encoding = extract_text(data, fmt, path)
        warnings.append(WARNING)
    if len(text) > max_size:
        raise TooLargeError(
            f"the text read from it is {format_size(len(text))} (characters), over the "
            f"{format_size(max_size)} limit (--max-size)",
            path,
        )
    if fmt in ("txt", "md"):
        from .decode import cut_warning

        if warning := cut_warning(data, encoding):
            warnings.append(warning)
    return SourceDocument(path, data, text, encoding, fmt, tuple(warnings))


def text_of(data: bytes, encoding: str, fmt: str, path: Path | str = "<bytes>") -> str:
    """The text of a stored raw file as its record's spans see it.

    Plain text is decoded with the recorded encoding; the other formats are extracted
    again, which gives the same text for the same bytes (the extractors are
    deterministic; a .doc is converted and a scan recognized by the same program), so
    spans can be checked against the raw copy alone.
    """
    if fmt in ("txt", "md"):
        from .decode import decode_as

        return decode_as(data, encoding)
    return extract_text(data, fmt, path)[0]


def extract_text(data: bytes, fmt: str, name: str | Path = "<bytes>") -> tuple[str, str]:
    """(text, encoding) of a source in format `fmt`; raises an InputError subclass.

    Each format's reader is imported only when a file of that format comes.
    """
    if fmt in ("txt", "md"):
        from .decode import decode

        return decode(data, str(name))
    if fmt == "docx":
        from .docx import docx_text as extractor
    elif fmt == "odt":
        from .odt import odt_text as extractor
    elif fmt in ("doc", "doc-antiword"):
        from .doc import doc_text

        def extractor(data: bytes, name: str | Path) -> str:
            return doc_text(data, name, converter=fmt)
    elif fmt == "pdf-ocr":
        from .ocr import ocr_text as extractor
    elif fmt == "pdf":
        from .pdf import pdf_text as extractor
    elif fmt == "rtf":
        from .rtf import rtf_text as extractor
    else:
        raise CorruptDocumentError(f"unknown source format {fmt!r}", name)
    text = _without_controls(_valid_unicode(extractor(data, name)))
    if not text.strip():
        raise EmptyInputError(f"the {fmt} document holds no text", name)
    return text, EXTRACTED_ENCODING


_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters in a document's text are debris (or a terminal escape sequence
# smuggled into a PDF's text layer): extracted text keeps tabs and line breaks only.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _without_controls(text: str) -> str:
    """`text` without its control characters but tabs and line breaks (\\t \\n \\r \\f).

    >>> _without_controls("1\\x07 2\\x1b[31m\\t3\\x85")
    '1 2[31m\\t3'
    """
    # The search takes 23 µs on a benchmark document's 4 400 characters, where
    # str.translate, which looks up every character, took 0.33 ms: only a text that has
    # a control character pays for removing them.
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def _valid_unicode(text: str) -> str:
    """Pair up UTF-16 surrogates that RTF's \\uN escapes (or a PDF's text layer) left
    as separate characters, and replace a lone one with U+FFFD: a lone surrogate cannot
    be written as UTF-8, so the record could not be stored."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
