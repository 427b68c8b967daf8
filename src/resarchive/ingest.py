"""Ingest: source files in, raw copies and validated records out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .archive import Archive, atomic_write, render_record, safe_file_name, sha256_bytes
from .errors import InputError, NotFoundError, ResarchiveError
from .models import Record, Source
from .reader import DEFAULT_MAX_SIZE, SourceDocument, read_source

SOURCE_SUFFIXES = {".txt", ".md"}


@dataclass
class IngestResult:
    source: Path
    status: str  # written | unchanged | kept-reviewed | dry-run | failed
    record: Record | None = None
    record_path: Path | None = None
    error: ResarchiveError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def collect_sources(paths: Iterable[Path]) -> Iterator[Path | InputError]:
    """Files as given, folders walked recursively for known source types, in a stable order."""
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES and not p.name.startswith(".")
            )
            if not found:
                yield InputError("folder holds no readable source files", path)
            yield from found
        elif path.exists():
            yield path
        else:
            yield NotFoundError("no such file or folder", path)


def extract_source(doc: SourceDocument, raw_name: str) -> Record:
    from .extract import extract_record  # loads the NLP models: only when there is work

    source = Source(
        file=raw_name, sha256=sha256_bytes(doc.data), encoding=doc.encoding, format=doc.format
    )
    return extract_record(doc.text, source)


def _existing_by_sha(archive: Archive) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for _, record in archive.records():
        if isinstance(record, Record):
            found.setdefault(record.source.sha256, record)
    return found


def _raw_name(archive: Archive, name: str, sha: str) -> str:
    """The source's own name, unless another file already holds it in raw/."""
    name = safe_file_name(name)
    path = archive.raw / name
    if not path.exists() or sha256_bytes(path.read_bytes()) == sha:
        return name
    stem, suffix = Path(name).stem, Path(name).suffix
    return safe_file_name(f"{stem}-{sha[:12]}{suffix}")


def _unique_id(archive: Archive, base: str, sha: str) -> str:
    """`base`, or `base-2`, `base-3`… when another source's record holds it."""
    candidate, n = base, 1
    while True:
        path = archive.record_path(candidate)
        if not path.exists():
            return candidate
        held = archive.read(path)
        if isinstance(held, Record) and held.source.sha256 == sha:
            return candidate
        n += 1
        candidate = f"{base[:110]}-{n}"


def ingest_one(
    archive: Archive,
    doc: SourceDocument,
    record: Record,
    *,
    existing: dict[str, Record],
    force: bool = False,
) -> IngestResult:
    """Store one extracted record and its raw copy. The caller holds the archive lock."""
    sha = record.source.sha256
    previous = existing.get(sha)
    if previous is not None:
        # The same bytes were ingested before: keep their raw name and record id.
        record = record.model_copy(
            update={"id": previous.id, "source": previous.source.model_copy(update={})}
        )
        if previous.reviewed and not force:
            return IngestResult(doc.path, "kept-reviewed", previous, archive.record_path(previous.id))
    else:
        raw_name = _raw_name(archive, record.source.file, sha)
        record = record.model_copy(
            update={
                "id": _unique_id(archive, record.id, sha),
                "source": record.source.model_copy(update={"file": raw_name}),
            }
        )
    raw_path = archive.raw_path(record.source.file)
    if not raw_path.exists():
        atomic_write(raw_path, doc.data)
    path = archive.record_path(record.id)
    rendered = render_record(record).encode("utf-8")
    if path.exists() and path.read_bytes() == rendered:
        return IngestResult(doc.path, "unchanged", record, path)
    atomic_write(path, rendered)
    existing[sha] = record
    return IngestResult(doc.path, "written", record, path)


def ingest(
    archive: Archive,
    paths: Iterable[Path],
    *,
    dry_run: bool = False,
    force: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    lock_timeout: float = 60.0,
) -> Iterator[IngestResult]:
    """Ingest files and folders one by one; a bad file yields a failed result, the rest go on."""
    existing: dict[str, Record] | None = None
    for item in collect_sources(paths):
        if isinstance(item, InputError):
            yield IngestResult(Path(item.path or "."), "failed", error=item)
            continue
        try:
            doc = read_source(item, max_size)
            record = extract_source(doc, safe_file_name(item.name))
        except InputError as exc:
            yield IngestResult(item, "failed", error=exc)
            continue
        if dry_run:
            yield IngestResult(item, "dry-run", record)
            continue
        with archive.lock(lock_timeout):
            # Re-read under the lock: another process may have written meanwhile.
            existing = _existing_by_sha(archive)
            yield ingest_one(archive, doc, record, existing=existing, force=force)
