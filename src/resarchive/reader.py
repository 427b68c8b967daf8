"""From a source file's bytes to the text that extraction reads and spans refer to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import NotFoundError, TooLargeError
from .formats import detect_format, extract_text

DEFAULT_MAX_SIZE = 5 * 1024 * 1024


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    data: bytes
    text: str
    encoding: str  # the byte encoding of a text file; "utf-8" for extracted formats
    format: str  # txt, md, docx, pdf or rtf, recognized by content


def read_source(path: Path, max_size: int = DEFAULT_MAX_SIZE) -> SourceDocument:
    """Read one source file, recognize its format and extract its text.

    Raises an InputError subclass naming the file and the cause.
    """
    if not path.exists():
        raise NotFoundError("no such file", path)
    if not path.is_file():
        raise NotFoundError("not a regular file", path)
    size = path.stat().st_size
    if size > max_size:
        raise TooLargeError(f"{size} bytes is over the {max_size}-byte limit (--max-size)", path)
    data = path.read_bytes()
    fmt = detect_format(data, path)
    text, encoding = extract_text(data, fmt, path)
    return SourceDocument(path, data, text, encoding, fmt)


def text_of(data: bytes, encoding: str, fmt: str, path: Path | str = "<bytes>") -> str:
    """The text of a stored raw file as its record's spans see it.

    Plain text is decoded with the recorded encoding; .docx, .pdf and .rtf are
    extracted again, which gives the same text for the same bytes (the extractors
    are deterministic), so spans can be checked against the raw copy alone.
    """
    if fmt in ("txt", "md"):
        return data.decode(encoding)
    return extract_text(data, fmt, path)[0]
