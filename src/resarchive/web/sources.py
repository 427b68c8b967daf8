"""Reading a record file and its source text for the web pages: inside the archive only.

Every path comes from a validated record id (`Archive.record_path`) or a record's raw
file name (`Archive.raw_path`), never from a URL joined to a folder; on top of that a
file is read only if it is a regular file whose real path lies in the archive's
`structured/` or `raw/` (a symlink out of the archive, or a FIFO, is refused), and a raw
file only if its sha256 is the record's. Source texts of extracted formats (.docx, .pdf;
a scan is even recognized again by Tesseract) are kept in a small cache per version of
the raw file, so that a page view or a save does not extract them again.
"""

from __future__ import annotations

import os
import stat
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..archive import Archive, sha256_bytes
from ..errors import ArchiveError, ResarchiveError
from ..i18n import _

if TYPE_CHECKING:
    from ..record.models import Record

# A record file is a few KB; anything this large is not one of ours.
MAX_RECORD_BYTES = 16 * 1024 * 1024
MAX_RAW_BYTES = 256 * 1024 * 1024  # far above ingest's --max-size
_CACHED_TEXTS = 16


class NotInArchive(ArchiveError):
    """A record id the archive has no record for (or a path that leaves the archive)."""


class SourceProblem(ResarchiveError):
    """The record's source text cannot be shown (missing or changed raw file, ...)."""


@dataclass(frozen=True)
class RecordFile:
    """A record file as read: its bytes' sha256 is the version a form carries."""

    path: Path
    data: bytes

    @property
    def version(self) -> str:
        return sha256_bytes(self.data)


def read_inside(path: Path, folder: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file really inside `folder`; else NotInArchive."""
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(folder.parent.resolve() / folder.name):
            raise NotInArchive(_("{path} leads outside the archive").format(path=path.name))
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
    except (OSError, RuntimeError) as exc:  # missing, a symlink loop
        raise NotInArchive(_("no such file: {path}").format(path=path.name)) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotInArchive(_("{path} is not a regular file").format(path=path.name))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise NotInArchive(_("{path} is too large").format(path=path.name))
    return data


class WebArchive(Archive):
    """The archive as the web app reads it: checked paths, cached source texts."""

    def __init__(self, root: Path | str) -> None:
        super().__init__(root)
        self._texts: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()

    def record_file(self, record_id: str) -> RecordFile:
        """The record file of `record_id`; NotInArchive for a bad id or no such record."""
        try:
            path = self.record_path(record_id)
        except ArchiveError:
            raise NotInArchive(_("no record {id}").format(id=record_id)) from None
        try:
            return RecordFile(path, read_inside(path, self.structured, MAX_RECORD_BYTES))
        except NotInArchive:
            raise NotInArchive(_("no record {id}").format(id=record_id)) from None

    def checked_raw(self, record: Record) -> bytes:
        """The record's raw file, if it is inside raw/ and its sha256 is the record's."""
        try:
            path = self.raw_path(record.source.file)
            data = read_inside(path, self.raw, MAX_RAW_BYTES)
        except ArchiveError as exc:
            raise SourceProblem(
                _("the source file {file} cannot be read: {why}").format(
                    file=record.source.file, why=exc
                )
            ) from None
        if sha256_bytes(data) != record.source.sha256:
            raise SourceProblem(
                _(
                    "the source file {file} is not the one this record was made from "
                    "(its sha256 differs): the spans cannot be shown"
                ).format(file=record.source.file)
            )
        return data

    def source_text(self, record: Record, data: bytes | None = None) -> str:
        """The text the record's spans point into (cached per version of the raw file);
        `data`, the raw file's bytes when the caller has read and checked them."""
        path = self.raw_path(record.source.file)
        st = path.stat()
        key = (
            record.source.file, record.source.sha256, record.source.format,
            record.source.encoding, st.st_ino, st.st_size, st.st_mtime_ns,
        )  # fmt: skip
        with self._lock:
            if key in self._texts:
                self._texts.move_to_end(key)
                return self._texts[key]
        text = super().source_text(record, data)
        with self._lock:
            self._texts[key] = text
            while len(self._texts) > _CACHED_TEXTS:
                self._texts.popitem(last=False)
        return text

    def checked_text(self, record: Record) -> str:
        """The source text, after `checked_raw`; SourceProblem when it cannot be had."""
        self.checked_raw(record)
        try:
            return self.source_text(record)
        except ResarchiveError as exc:  # a reader's error: LibreOffice missing, ...
            raise SourceProblem(exc.line()) from None
        except (OSError, UnicodeDecodeError, LookupError, ValueError) as exc:
            raise SourceProblem(
                _("the source file {file} cannot be read: {why}").format(
                    file=record.source.file, why=exc
                )
            ) from None
