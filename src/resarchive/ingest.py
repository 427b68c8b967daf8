"""Ingest: source files in, raw copies and validated records out.

Reading and extraction (the slow part: format parsing and the NLP models) run in
fenced worker processes (fence.py), one file at a time each, with bounds on time and
memory; a file that goes over them, or kills its worker, fails alone. That holds for a
single file and `--jobs 1` too. Only the calling process touches the archive: it writes
raw copies and records under the archive lock, in input order, so ids (`-2`, `-3`
suffixes) do not depend on which worker finished first.
"""

from __future__ import annotations

import fnmatch
import os
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import edits
from .archive import (
    Archive,
    atomic_write,
    remove_stale_temp_files,
    safe_file_name,
    sha256_bytes,
)
from .errors import (
    ArchiveError,
    ExtractionFailedError,
    InputError,
    LockTimeoutError,
    NewVersionError,
    NoSourcesError,
    NotFoundError,
    NotResolutionError,
    ResarchiveError,
)
from .fence import Fence, Limits
from .known import KnownRecords
from .read import DEFAULT_MAX_SIZE, SUFFIXES, SourceDocument, read_source
from .record.models import Record, Source
from .record.yamlio import render_record
from .versions import check_replace

SOURCE_SUFFIXES = set(SUFFIXES)

# What turns a decoded text into a record; tests may pass a light stand-in.
Extractor = Callable[[str, Source], Record]


@dataclass
class IngestResult:
    source: Path
    # written | replaced (--replace) | unchanged | kept-reviewed | kept-edited | dry-run | failed
    status: str
    record: Record | None = None
    record_path: Path | None = None
    error: ResarchiveError | None = None
    note: str = ""  # kept-edited: "edited" (changed since ingest wrote it) or "unknown"

    @property
    def ok(self) -> bool:
        return self.error is None


def collect_sources(paths: Iterable[Path], glob: str | None = None) -> Iterator[Path | InputError]:
    """Files as given, folders walked recursively, in a stable order.

    In a folder, files with a known source suffix (.txt .md .docx .doc .odt .pdf .rtf) are
    taken; with `glob` ("*.docx", "2023/**/*.pdf"), the files matching it instead,
    whatever their suffix, since formats are recognized by content. A pattern with
    a "/" matches the path below the folder, otherwise the file name. Files named
    explicitly are always taken.
    """
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _wanted(p, path, glob))
            if not found and glob:
                yield NoSourcesError(f"folder holds no files matching {glob!r}", path)
            elif not found:
                yield NoSourcesError("folder holds no readable source files", path)
            inside = path.resolve()
            for p in found:
                target = p.resolve() if p.is_symlink() else None
                if target is not None and not target.is_relative_to(inside):
                    # A link found in a folder is followed only inside it (/etc/passwd is
                    # no source); a file named on the command line is taken as named.
                    text = f"a symbolic link to {target}, outside the folder: not read"
                    yield NotFoundError(text, p)
                else:
                    yield p
        elif path.exists():
            yield path
        else:
            yield NotFoundError("no such file or folder", path)


def _wanted(path: Path, folder: Path, glob: str | None) -> bool:
    relative = path.relative_to(folder)
    if any(part.startswith(".") for part in relative.parts):
        return False  # hidden files and folders: .git, editor swap files
    if glob is None:
        return path.suffix.lower() in SOURCE_SUFFIXES
    if "/" in glob:
        return fnmatch.fnmatch(relative.as_posix(), glob) or relative.match(glob)
    return fnmatch.fnmatch(path.name, glob)


def extract_source(doc: SourceDocument, raw_name: str, extract: Extractor | None = None) -> Record:
    if extract is None:
        from .extract import extract_record as extract  # loads the NLP models: only with work

    source = Source(
        file=raw_name, sha256=sha256_bytes(doc.data), encoding=doc.encoding, format=doc.format
    )
    record = extract(doc.text, source)
    if doc.warnings:  # what reading found (a cut file, OCR) comes first
        record = record.model_copy(update={"warnings": [*doc.warnings, *record.warnings]})
    return record


def check_genre(text: str, path: Path | str) -> None:
    """--strict: refuse a text that does not read as a resolution. Cheap (no NLP), so it
    runs before the models load; the extractor's warning comes from the same check."""
    from .rules.genre import not_a_resolution

    if reason := not_a_resolution(text):
        raise NotResolutionError(f"does not read as a resolution: {reason} (--strict)", path)


def _read_and_extract(
    path: Path,
    max_size: int,
    extract: Extractor | None,
    strict: bool = False,
    ocr: bool = False,
) -> tuple[SourceDocument, Record] | ResarchiveError:
    """One file's work, in a fenced worker; errors are returned.

    An unexpected exception (a bug in a reader or the extractor) becomes an
    ExtractionFailedError naming the file, so that the batch goes on.
    """
    try:
        doc = read_source(path, max_size, ocr=ocr)
        if strict:
            check_genre(doc.text, path)
        record = extract_source(doc, safe_file_name(path.name), extract)
        return doc, record
    except ResarchiveError as exc:
        return exc
    except MemoryError:
        raise  # the fence reports it with the memory limit
    except Exception as exc:
        return ExtractionFailedError(
            f"unexpected error while reading or extracting: {type(exc).__name__}: {exc} "
            "(a bug: please report it; --debug shows the traceback)",
            path,
            traceback.format_exc(),
        )


def _load_models() -> None:
    """A worker's start: the models, before its first document (already loaded when the
    forkserver preloaded them)."""
    from . import extract as _  # noqa: F401  (imports the stages and their data)
    from . import nlp

    nlp.load_models()


# ---------------------------------------------------------------- archive side


def _holds(archive: Archive, name: str, sha: str) -> bool:
    """Whether raw/NAME is a regular file inside raw/ holding exactly these bytes."""
    try:
        return sha256_bytes(archive.raw_bytes(name)) == sha
    except (ResarchiveError, OSError):
        return False


def _raw_name(archive: Archive, name: str, sha: str) -> str:
    """The source's own name, unless something else already holds it in raw/ (another
    file, or a link, a FIFO, a folder: never followed or opened)."""
    name = safe_file_name(name)
    if not os.path.lexists(archive.raw / name) or _holds(archive, name, sha):
        return name
    # Shorten the stem first, so that the suffix that tells the files apart survives.
    stem, suffix = os.path.splitext(safe_file_name(name, max_bytes=160))
    return safe_file_name(f"{stem}-{sha[:12]}{suffix}")


def _unique_id(known: KnownRecords, base: str, sha: str) -> str:
    """`base`, or `base-2`, `base-3`… when another source's record holds it."""
    candidate, n = base, 1
    while True:
        held = known.by_id(candidate)
        if held is None or held.sha256 == sha:
            return candidate
        n += 1
        candidate = f"{base[:110]}-{n}"


def ingest_one(
    archive: Archive,
    doc: SourceDocument,
    record: Record,
    *,
    known: KnownRecords,
    force: bool = False,
    replace: bool = False,
) -> IngestResult:
    """Store one extracted record and its raw copy.

    A record that is reviewed, or was changed since ingest wrote it (edits.py), is kept
    unless `force`. A source whose file name and event are those of a stored record with
    other content (versions.py) is another version of it: stored only with `replace`, in
    place of the old record and raw copy (keeping its id), else NewVersionError.
    The caller holds the archive lock and has called `known.refresh()` under it.
    """
    sha = record.source.sha256
    status = "written"
    stale_raw: Path | None = None  # the raw copy of a replaced version, removed at the end
    previous = known.by_sha(sha)
    if previous is not None and previous.source is None:
        # The same bytes were ingested before, and their record no longer parses.
        if not force:
            return _kept_edited(archive, doc, record, previous.id)
        record = _placed(record, previous.id, _raw_name(archive, record.source.file, sha))
    elif previous is not None and previous.source is not None:
        # The same bytes were ingested before: keep their raw name and record id.
        record = record.model_copy(update={"id": previous.id, "source": previous.source})
        if previous.reviewed and not force:
            path = archive.record_path(previous.id)
            kept = archive.read(path)
            return IngestResult(
                doc.path, "kept-reviewed", kept if isinstance(kept, Record) else record, path
            )
    elif versions := known.versions(safe_file_name(record.source.file), sha, record.id):
        old, name = versions[0], safe_file_name(record.source.file)
        check_replace(archive, doc.path, old.id, old.reviewed, name, replace, force)
        assert old.source is not None
        # The new version takes the old one's id, and its raw name if that was the file's own.
        raw_name = name if old.source.file == name else _raw_name(archive, name, sha)
        record, status = _placed(record, old.id, raw_name), "replaced"
        if old.source.file != raw_name and not known.raw_in_use(old.source.file, besides=old.id):
            stale_raw = archive.raw_path(old.source.file)
    else:
        raw_name = _raw_name(archive, record.source.file, sha)
        record = _placed(record, _unique_id(known, record.id, sha), raw_name)
    raw_path = archive.raw_path(record.source.file)
    if not _holds(archive, record.source.file, sha):
        # Missing, replaced by something else, or the old version of a replaced file:
        # written anew; an entry in the way is replaced, never followed.
        atomic_write(raw_path, doc.data)
    path = archive.record_path(record.id)
    rendered = render_record(record).encode("utf-8")
    current = edits.read_if_file(path)
    if current == rendered:
        if edits.state(archive, record.id, current) != "as-written":
            edits.write_note(archive, record.id, rendered, sha)  # now known as ingest's
        return IngestResult(doc.path, "unchanged", record, path)
    if current is not None and status != "replaced" and not force:
        how = edits.state(archive, record.id, current)
        if how != "as-written":
            return _kept_edited(archive, doc, record, record.id, how)
    atomic_write(path, rendered)
    edits.write_note(archive, record.id, rendered, sha)
    known.note(record, path)
    if stale_raw is not None:
        stale_raw.unlink(missing_ok=True)
    return IngestResult(doc.path, status, record, path)


def _kept_edited(
    archive: Archive, doc: SourceDocument, record: Record, record_id: str, how: str = "edited"
) -> IngestResult:
    """The record `record_id` stays as a person left it (`record`: the new extraction, shown
    when the file no longer parses)."""
    path = archive.record_path(record_id)
    kept = archive.read(path)
    shown = kept if isinstance(kept, Record) else record
    return IngestResult(doc.path, "kept-edited", shown, path, note=how)


def _placed(record: Record, record_id: str, raw_name: str) -> Record:
    return record.model_copy(
        update={"id": record_id, "source": record.source.model_copy(update={"file": raw_name})}
    )


# ---------------------------------------------------------------- the batch


def default_jobs() -> int:
    return os.cpu_count() or 1


def ingest_sources(
    archive: Archive,
    items: Iterable[Path | InputError],
    *,
    dry_run: bool = False,
    force: bool = False,
    replace: bool = False,
    max_size: int = DEFAULT_MAX_SIZE,
    strict: bool = False,
    ocr: bool = False,
    lock_timeout: float = 60.0,
    jobs: int | None = 1,
    extract: Extractor | None = None,
    limits: Limits | None = None,
) -> Iterator[IngestResult]:
    """Ingest collected sources (see `collect_sources`), yielding one result per item
    in input order; a bad file yields a failed result and the batch goes on.

    `jobs` fenced worker processes read and extract (None: one per core), each file
    within `limits` (wall-clock seconds, bytes of memory). `extract` replaces the NLP
    extractor (tests; it must be picklable). `strict` refuses texts that do not read as
    resolutions (NotResolutionError) instead of storing them with a warning; `ocr` reads
    scanned PDFs with Tesseract. `force` overwrites reviewed and hand-edited records;
    `replace` stores a new version of a stored file in place of its record (ingest_one).

    A failure to write one file (an invalid id, a full disk) fails that file alone;
    a LockTimeoutError ends the batch (every other file would wait as long).
    """
    items = list(items)
    files = [item for item in items if isinstance(item, Path)]
    jobs = max(1, min(jobs or default_jobs(), len(files)))
    known = KnownRecords(archive)
    swept = False
    options = _Options(max_size, strict, ocr, extract)
    for item, outcome in _extract_all(items, options, jobs, limits or Limits()):
        if isinstance(item, InputError):
            yield IngestResult(Path(item.path or "."), "failed", error=item)
            continue
        if isinstance(outcome, ResarchiveError):
            yield IngestResult(item, "failed", error=outcome)
            continue
        doc, record = outcome
        if dry_run:
            yield IngestResult(item, "dry-run", record)
            continue
        # The lock is held per file, not per batch, so concurrent ingests interleave;
        # `refresh` re-reads only what other writers changed meanwhile.
        with archive.lock(lock_timeout):
            if not swept:  # what writers killed mid-write left behind
                swept = True
                for folder in (archive.raw, archive.structured, edits.notes_folder(archive)):
                    if folder is not None:
                        remove_stale_temp_files(folder)
            try:
                known.refresh()
                result = ingest_one(archive, doc, record, known=known, force=force, replace=replace)
            except LockTimeoutError:
                raise
            except NewVersionError as exc:  # not stored: the line says how to store it
                result = IngestResult(item, "failed", error=exc)
            except ArchiveError as exc:
                result = IngestResult(item, "failed", error=ArchiveError(str(exc), item))
            except OSError as exc:
                from .archive_checks import write_error

                result = IngestResult(item, "failed", error=write_error(exc, item))
            except Exception as exc:  # a bug storing this file: it fails alone
                error = ExtractionFailedError(
                    f"unexpected error while storing it: {type(exc).__name__}: {exc} "
                    "(a bug: please report it; --debug shows the traceback)",
                    item,
                    traceback.format_exc(),
                )
                result = IngestResult(item, "failed", error=error)
        yield result


@dataclass(frozen=True)
class _Options:
    max_size: int
    strict: bool
    ocr: bool
    extract: Extractor | None


def _extract_all(
    items: list[Path | InputError], options: _Options, jobs: int, limits: Limits
) -> Iterator[tuple[Path | InputError, tuple[SourceDocument, Record] | ResarchiveError | None]]:
    """(item, outcome) in input order, each file read and extracted in a fenced worker."""
    files = [item for item in items if isinstance(item, Path)]
    if not files:
        for item in items:
            yield item, None
        return
    # A bounded window of files handed out keeps memory flat on large batches while
    # every worker always has its next file.
    work = [
        (path, (path, options.max_size, options.extract, options.strict, options.ocr))
        for path in files
    ]
    init = _load_models if options.extract is None else None
    with Fence(jobs, _read_and_extract, init, limits) as fence:
        outcomes = fence.map(work, window=jobs * 4)
        for item in items:
            yield item, (next(outcomes) if isinstance(item, Path) else None)


def ingest(
    archive: Archive, paths: Iterable[Path], *, glob: str | None = None, **options: Any
) -> Iterator[IngestResult]:
    """Ingest files and folders (walked recursively); a bad file yields a failed result,
    the rest go on. `options` are those of `ingest_sources`."""
    return ingest_sources(archive, collect_sources(paths, glob), **options)
