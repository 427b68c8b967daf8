"""The archive on disk: `raw/` keeps originals byte for byte, `structured/` one YAML record each.

Every write goes to a temporary file in the same folder and is renamed into place,
so a killed process leaves the old file or the new one, never a truncated one.
Writers hold `.lock` so that concurrent ingests never race on ids or raw names.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ArchiveError, LockTimeoutError, ResarchiveError
from .record.parse import MAX_RECORD_BYTES, RecordProblem, parse_record

if TYPE_CHECKING:  # pydantic and the models load only when a record is parsed: warm queries
    from .record.models import Record  # answer from the index without them (issue 4)

RECORD_SUFFIX = ".yaml"
# File names are limited in UTF-8 bytes (255 on most file systems); the margin leaves
# room for the temporary name `.NAME.XXXXXXXX.tmp` and a `-sha` suffix.
_MAX_NAME_BYTES = 180
TEMP_SUFFIX = ".tmp"
# A raw file is read whole (sha256, text) up to this size: the largest --max-size.
MAX_RAW_BYTES = 1024**3
_SURROGATES = re.compile("[\ud800-\udfff]")
_UNSAFE_NAME = re.compile(r"[\x00-\x1f/\\:*?\"<>|]")


def sha256_bytes(data: bytes) -> str:
    import hashlib  # here, not at the top: read commands never hash (OpenSSL loads in 3 ms)

    return hashlib.sha256(data).hexdigest()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()  # what open() would give: mkstemp makes files 0600


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    The data goes to `.NAME.XXXXXXXX.tmp` in the same folder, is fsynced and renamed
    over `path`. A process killed mid-write leaves at most that dot-file behind:
    readers skip dot-files, and ingest removes stale ones (`remove_stale_temp_files`).
    """
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), _FILE_MODE)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a power cut after it keeps the new file)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder
    finally:
        os.close(fd)


def remove_stale_temp_files(folder: Path, min_age: float = 600.0) -> list[Path]:
    """Delete `.*.tmp` files that a killed writer left in `folder`, older than `min_age` s."""
    import time

    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime >= min_age:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # another process removed it first
    return removed


def _truncate_utf8(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def safe_file_name(name: str, max_bytes: int = _MAX_NAME_BYTES) -> str:
    """A file name that stays inside its folder: no separators, NUL, dot-only or overlong names.

    Leading dots are dropped too, so a raw file is never hidden and never clashes with
    the archive's own dot-files (temporary files, the lock, the index).
    """
    name = _UNSAFE_NAME.sub("_", Path(name.replace("\\", "/")).name)
    # Lone surrogates: a file name that was not UTF-8 on disk (os.fsdecode's escapes).
    name = _SURROGATES.sub("_", name).strip(" .")
    if not name:
        name = "document"
    if len(name.encode("utf-8")) > max_bytes:
        stem, suffix = os.path.splitext(name)
        suffix = _truncate_utf8(suffix, 10)
        name = _truncate_utf8(stem, max_bytes - len(suffix.encode("utf-8"))).rstrip(" .") + suffix
    return name


class Archive:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.raw = self.root / "raw"
        self.structured = self.root / "structured"

    def record_path(self, record_id: str) -> Path:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,119}", record_id):
            raise ArchiveError(f"invalid record id {record_id!r}")
        return self.structured / f"{record_id}{RECORD_SUFFIX}"

    def raw_path(self, name: str) -> Path:
        if safe_file_name(name) != name:
            raise ArchiveError(f"unsafe raw file name {name!r}")
        return self.raw / name

    def record_files(self) -> list[Path]:
        if not self.structured.is_dir():
            return []
        return sorted(
            p for p in self.structured.glob(f"*{RECORD_SUFFIX}") if not p.name.startswith(".")
        )

    def read(self, path: Path) -> Record | RecordProblem:
        """One record file: the Record or its first problem (a FIFO, a link, a file
        over the size limit or not UTF-8 is a problem too, never opened or read whole)."""
        try:
            text = read_record_text(path)
        except ResarchiveError as exc:
            return RecordProblem(path, "", str(exc))
        except FileNotFoundError:
            from .i18n import _

            return RecordProblem(path, "", _("the file vanished while being read"))
        return parse_record(path, text)

    def records(self) -> Iterator[tuple[Path, Record | RecordProblem]]:
        for path in self.record_files():
            yield path, self.read(path)

    def get(self, record_id: str) -> Record:
        """The record `record_id`. Raises ArchiveError: no such record, a problem of it,
        an archive that is not one (`archive_checks.check_archive`)."""
        from .archive_checks import check_archive

        check_archive(self.root)
        path = self.record_path(record_id)
        if not path.exists() and not path.is_symlink():
            raise ArchiveError(f"no record {record_id!r} in {self.structured}")
        found = self.read(path)
        if isinstance(found, RecordProblem):
            raise ArchiveError(str(found))
        return found

    def raw_bytes(self, name: str) -> bytes:
        """The bytes of `raw/NAME`: a regular file inside `raw/` (which must be inside the
        archive), read whole. Raises ArchiveError naming the file and the cause."""
        from .archive_checks import check_folder, read_error, read_inside
        from .i18n import _

        path = self.raw_path(name)
        check_folder(self.raw, self.root)
        try:
            data = read_inside(path, self.raw, MAX_RAW_BYTES)
        except FileNotFoundError:
            raise ArchiveError(_("raw/{name} does not exist").format(name=name), path) from None
        except ResarchiveError:
            raise
        except OSError as exc:
            raise read_error(exc, path) from None
        if len(data) > MAX_RAW_BYTES:
            raise ArchiveError(_("raw/{name} is over 1 GB: not read").format(name=name), path)
        return data

    def verified_raw(self, record: Record) -> bytes:
        """The record's raw file, checked against its sha256 before anything uses it."""
        from .i18n import _

        data = self.raw_bytes(record.source.file)
        if sha256_bytes(data) != record.source.sha256:
            raise ArchiveError(
                _(
                    "does not match the sha256 in the record {id}: the raw file was changed "
                    "or replaced (resarchive validate)"
                ).format(id=record.id),
                self.raw_path(record.source.file),
            )
        return data

    def source_text(self, record: Record, data: bytes | None = None) -> str:
        """The text the record's spans refer to, read back from its raw file (`data`: its
        bytes, already checked; otherwise they are read and their sha256 checked here)."""
        from .read import text_of

        if data is None:
            data = self.verified_raw(record)
        path = self.raw_path(record.source.file)
        return text_of(data, record.source.encoding, record.source.format, path)

    def write_record(self, record: Record) -> Path:
        path = self.record_path(record.id)
        from .record.yamlio import render_record

        atomic_write(path, render_record(record).encode("utf-8"))
        return path

    @contextmanager
    def lock(self, timeout: float = 60.0) -> Iterator[None]:
        """Exclusive access for writers; readers never need it (writes are atomic).

        The archive is checked first (`archive_checks.check_archive`): a `.lock` that is
        a folder or a link, a `raw/` linking out of the archive, a file given as the
        archive are ArchiveErrors; so are a read-only archive and a full disk."""
        from filelock import FileLock, Timeout

        from .archive_checks import check_archive, write_error

        check_archive(self.root)
        path = self.root / ".lock"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(path), timeout=timeout)
            lock.acquire()
        except Timeout as exc:
            raise LockTimeoutError(
                f"could not lock the archive: another resarchive process holds "
                f"{path} (waited {timeout:g} s; --lock-timeout waits longer)"
            ) from exc
        except OSError as exc:
            raise write_error(exc, path) from None
        try:
            yield
        finally:
            lock.release()


def read_record_text(path: Path) -> str:
    """A record file's text: a regular file (never a link, a FIFO or a device, which are
    not even opened), at most MAX_RECORD_BYTES, UTF-8. Raises ArchiveError (the message
    says why), FileNotFoundError when it is gone."""
    from .archive_checks import read_error, read_record_file
    from .i18n import _

    try:
        data = read_record_file(path, MAX_RECORD_BYTES)
    except (FileNotFoundError, ResarchiveError):
        raise
    except OSError as exc:
        raise read_error(exc, path) from None
    if len(data) > MAX_RECORD_BYTES:
        limit = MAX_RECORD_BYTES // 1024**2
        raise ArchiveError(_("a record file of over {limit} MB: not a record").format(limit=limit))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArchiveError(
            _("not UTF-8 text (byte {offset}): a record is saved as UTF-8").format(
                offset=exc.start + 1
            )
        ) from None
