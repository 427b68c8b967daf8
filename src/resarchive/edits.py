"""Hand edits: whether a record still holds what ingest wrote, so that ingest keeps a
person's corrections.

When ingest writes a record it notes, beside the archive's records, the sha256 of the
bytes it wrote and of the source: `ARCHIVE/.extracted/<id>.json`, one small JSON file per
record (`{"record_sha256": ..., "source_sha256": ...}`). A record whose bytes no longer
have that hash was changed by someone since (`state` gives "edited"): ingest keeps it
unless `--force`, as it keeps reviewed records. A record with no note (written by hand, by
an older version of resarchive, or its note deleted) is "unknown": ingest keeps it too
when the new extraction differs from it, since it cannot tell an edit from an old output,
and notes it when they are equal.

The notes live outside the records so that the record contract stays as it is and a
person editing a record never sees or has to keep a hash; they are small files of their
own, not one list, so that writing one record never rewrites the others' notes. Notes are
read without following symbolic links (nor a linked `.extracted/`, which is never written
either) and only up to a few hundred bytes; a missing, unreadable or malformed note counts
as no note.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Literal

from .archive import TEMP_SUFFIX, Archive, sha256_bytes

NOTES = ".extracted"
_MAX_NOTE = 512  # bytes: two hashes and their keys

State = Literal["as-written", "edited", "unknown"]


def note_path(archive: Archive, record_id: str) -> Path:
    """Where ingest notes what it wrote for `record_id` (an id `record_path` accepts)."""
    archive.record_path(record_id)  # refuses ids that are not file-name safe
    return archive.root / NOTES / f"{record_id}.json"


def read_note(archive: Archive, record_id: str) -> dict[str, str] | None:
    """The note of `record_id`: {"record_sha256", "source_sha256"}, or None."""
    path = note_path(archive, record_id)
    if notes_folder(archive) is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO or a device: not a note
            return None
        data = os.read(fd, _MAX_NOTE + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > _MAX_NOTE:
        return None
    try:
        note = json.loads(data)
    except ValueError:
        return None
    if not isinstance(note, dict) or not all(
        isinstance(note.get(k), str) for k in ("record_sha256", "source_sha256")
    ):
        return None
    return {k: note[k] for k in ("record_sha256", "source_sha256")}


def notes_folder(archive: Archive) -> Path | None:
    """`ARCHIVE/.extracted`, or None when it is a symbolic link (never followed out of the
    archive: its records then count as having no note, which only makes ingest keep more)."""
    folder = archive.root / NOTES
    return None if folder.is_symlink() else folder


def write_note(archive: Archive, record_id: str, record_bytes: bytes, source_sha256: str) -> None:
    """Note that ingest wrote `record_bytes` as `record_id`, from the source `source_sha256`."""
    path = note_path(archive, record_id)
    if notes_folder(archive) is None:
        return
    note = {"record_sha256": sha256_bytes(record_bytes), "source_sha256": source_sha256}
    _replace(path, (json.dumps(note, sort_keys=True) + "\n").encode("ascii"))


def _replace(path: Path, data: bytes) -> None:
    """Write `path` through a temporary dot-file renamed over it, without fsync: unlike
    a record, a note lost or left stale by a power cut only makes ingest keep a record
    (the two fsyncs of `archive.atomic_write` would double the cost of a write)."""
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def forget(archive: Archive, record_id: str) -> None:
    """Remove the note of a record that is gone (replaced by another version)."""
    note_path(archive, record_id).unlink(missing_ok=True)


def state(archive: Archive, record_id: str, current: bytes) -> State:
    """Whether the record file's bytes `current` are what ingest last wrote for it."""
    note = read_note(archive, record_id)
    if note is None:
        return "unknown"
    return "as-written" if note["record_sha256"] == sha256_bytes(current) else "edited"


def noted_source(archive: Archive, record_id: str) -> str | None:
    """The sha256 of the source ingest wrote `record_id` from (for a record that no longer
    parses, ingest still knows which source it belongs to)."""
    note = read_note(archive, record_id)
    return note["source_sha256"] if note else None


def read_if_file(path: Path) -> bytes | None:
    """The record file's bytes as they are, None when it is missing or not a regular file
    (a FIFO there is never opened: it would hang ingest while it holds the lock)."""
    from .archive_checks import read_record_file
    from .errors import ResarchiveError
    from .record.parse import MAX_RECORD_BYTES

    try:
        return read_record_file(path, MAX_RECORD_BYTES)
    except (ResarchiveError, OSError):
        return None
