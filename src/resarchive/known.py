"""What ingest knows of the records already in the archive: by id, by source sha256 and
by the source file's original name (for versions of one file), read once per batch and
kept in step with the archive under the lock."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import edits
from .archive import RECORD_SUFFIX, Archive
from .errors import ArchiveError
from .record.models import Record, Source
from .versions import original_name, same_event


@dataclass(frozen=True)
class Held:
    """What ingest needs to know of a stored record (not the whole record)."""

    id: str
    # None: the file is not a valid record, but its id is taken. For such a record that
    # ingest wrote, the source's sha256 from its note (edits.py), with `source` None.
    sha256: str | None
    source: Source | None
    reviewed: bool


_SOURCE_SHA = re.compile(
    r"^source:[ \t]*\n(?:[ \t]+.*\n)*?[ \t]+sha256:[ \t]*['\"]?([0-9a-f]{64})", re.M
)


class KnownRecords:
    """The archive's records by sha256 and by id, read once per batch.

    `refresh` runs under the lock before each write: it stats `structured/` and
    re-reads only the records that appeared or changed since (another process may
    write between our lock holds; atomic writes give every new version a new inode).
    """

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._stamp: dict[str, tuple[int, int, int]] = {}
        self._by_name: dict[str, Held] = {}
        self._by_sha: dict[str, Held] | None = None
        self._by_original: dict[str, list[Held]] | None = None

    def refresh(self) -> None:
        seen: dict[str, tuple[int, int, int]] = {}
        if self.archive.structured.is_dir():
            with os.scandir(self.archive.structured) as entries:
                for entry in entries:
                    if entry.name.startswith(".") or not entry.name.endswith(RECORD_SUFFIX):
                        continue
                    st = entry.stat(follow_symlinks=False)  # a link is not followed here
                    seen[entry.name] = (st.st_ino, st.st_mtime_ns, st.st_size)
        if seen == self._stamp:
            return
        for name in self._stamp.keys() - seen.keys():
            del self._by_name[name]
        for name, stamp in seen.items():
            if self._stamp.get(name) != stamp:
                self._by_name[name] = self._load(name)
        self._stamp = seen
        self._by_sha = None
        self._by_original = None

    def _load(self, name: str) -> Held:
        found = self.archive.read(self.archive.structured / name)
        record_id = name[: -len(RECORD_SUFFIX)]
        if isinstance(found, Record):
            return Held(record_id, found.source.sha256, found.source, found.reviewed)
        try:
            noted = edits.noted_source(self.archive, record_id)
        except ArchiveError:  # not an id ingest could have written
            noted = None
        # Without a note (an archive from before notes, or notes deleted), the sha256 still
        # written in the file: a record a person broke stays the record of its source.
        return Held(record_id, noted or self._written_sha(name), None, False)

    def _written_sha(self, name: str) -> str | None:
        """The `sha256:` line under `source:` of a record file that does not parse."""
        path = self.archive.structured / name
        text = edits.read_if_file(path)
        if text is None:
            return None
        found = _SOURCE_SHA.search(text.decode("utf-8", "replace"))
        return found.group(1) if found else None

    def by_sha(self, sha: str) -> Held | None:
        if self._by_sha is None:
            # The first record in file-name order wins, as `validate` reads them.
            self._by_sha = {}
            for name in sorted(self._by_name):
                held = self._by_name[name]
                if held.sha256:
                    self._by_sha.setdefault(held.sha256, held)
        return self._by_sha.get(sha)

    def by_id(self, record_id: str) -> Held | None:
        return self._by_name.get(record_id + RECORD_SUFFIX)

    def versions(self, name: str, sha: str, record_id: str) -> list[Held]:
        """Records of other versions of the source file `name` about the event of
        `record_id` (versions.py), by id."""
        if self._by_original is None:
            self._by_original = {}
            for held in self._by_name.values():
                if held.source is not None:
                    key = original_name(held.source.file, held.source.sha256)
                    self._by_original.setdefault(key, []).append(held)
        found = self._by_original.get(name, [])
        return sorted(
            (h for h in found if h.sha256 != sha and same_event(h.id, record_id)),
            key=lambda h: h.id,
        )

    def note(self, record: Record, path: Path) -> None:
        """Our own write: remember it without reading it back."""
        st = path.stat()
        self._stamp[path.name] = (st.st_ino, st.st_mtime_ns, st.st_size)
        held = Held(record.id, record.source.sha256, record.source, record.reviewed)
        before = self._by_name.get(path.name)
        self._by_name[path.name] = held
        if self._by_sha is not None:
            self._by_sha.setdefault(record.source.sha256, held)
        if self._by_original is not None:  # kept in step, not rebuilt: a batch stays linear
            if before is not None and before.source is not None:
                old = original_name(before.source.file, before.source.sha256)
                group = self._by_original.get(old, [])
                self._by_original[old] = [h for h in group if h is not before]
            key = original_name(record.source.file, record.source.sha256)
            self._by_original.setdefault(key, []).append(held)

    def raw_in_use(self, raw_name: str, *, besides: str) -> bool:
        """Whether a record other than `besides` points to the raw file `raw_name`."""
        return any(
            h.source is not None and h.source.file == raw_name and h.id != besides
            for h in self._by_name.values()
        )
