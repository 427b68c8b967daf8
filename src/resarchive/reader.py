"""From a source file's bytes to the text that extraction reads and spans refer to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import NotFoundError, TooLargeError
from .text import decode

DEFAULT_MAX_SIZE = 5 * 1024 * 1024


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    data: bytes
    text: str
    encoding: str
    format: str


def read_source(path: Path, max_size: int = DEFAULT_MAX_SIZE) -> SourceDocument:
    """Read and decode one source file; raises an InputError subclass naming the cause."""
    if not path.exists():
        raise NotFoundError("no such file", path)
    if not path.is_file():
        raise NotFoundError("not a regular file", path)
    size = path.stat().st_size
    if size > max_size:
        raise TooLargeError(f"{size} bytes is over the {max_size}-byte limit (--max-size)", path)
    data = path.read_bytes()
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    text, encoding = decode(data, str(path))
    return SourceDocument(path, data, text, encoding, fmt)


def text_of(data: bytes, encoding: str, fmt: str, path: Path | str = "<bytes>") -> str:
    """The text of a stored raw file, decoded as its record says (for span checks)."""
    return data.decode(encoding)
