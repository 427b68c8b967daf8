"""The archive's SQLite index (`.index.sqlite`): a cache of `structured/` that anyone may delete.

The YAML records stay the single source of truth. The index remembers, for every record
file, the size and mtime it had when it was read, the record itself as JSON, its problems,
and lemma keys for matching, so that `query` and `validate` re-read only the files that
changed, were added or vanished. A missing, corrupt or outdated index (another index
format, schema version or gazetteer) is rebuilt without a word.

Layout:
- `records`: one row per record file (parsed or not), with the fields filters need.
- `problems`: what `parse_record` and `check_record` found, per record file.
- `names`: every distinct name (organization, person, place, addressee) once, with its
  lemma key; `name_lemmas` maps each lemma a name's words may have to the name, so a
  name filter is an intersection of small index lookups; `record_names` says where each
  name occurs. Lemmatizing once per distinct name, not per occurrence, keeps builds cheap.
- `forms`: word form -> its lemma set, for every word of every name, so a warm query
  can lemmatize its own words without loading pymorphy3.
- `texts`: FTS5 over lemmatized title, event name and recommendation texts;
  rowid = rid << 16 | slot (0 title, 1 event name, 2 + i recommendation i).

Refreshing is one transaction (BEGIN IMMEDIATE, WAL journal): two processes refreshing at
once serialize on the write lock and the second finds the work done.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .archive import RECORD_SUFFIX, Archive
from .lemmas import lemma, lemma_set, words
from .record.parse import RecordProblem

INDEX_NAME = ".index.sqlite"
# Bump when the tables or what goes into them change: old indexes are rebuilt.
INDEX_FORMAT = 5
# A file modified this close to when we looked at it may change again within the same
# mtime tick unnoticed ("racily clean", as git calls it): such files are re-read next time.
RACY_NS = 1_000_000_000
# Below this many files to read, a worker pool costs more than it saves.
POOL_MIN = 64
WORKERS = 2
SLOT_BITS = 16
_TABLES = {
    "meta",
    "records",
    "docs",
    "problems",
    "names",
    "name_lemmas",
    "record_names",
    "forms",
    "texts",
}

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE records (
    rid INTEGER PRIMARY KEY,
    file TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    ok INTEGER NOT NULL,
    id TEXT, sha256 TEXT, source_file TEXT, raw_size INTEGER, raw_mtime INTEGER,
    start TEXT, "end" TEXT, type TEXT, n_recs INTEGER
);
CREATE INDEX records_stat ON records(file, size, mtime);
CREATE INDEX records_id ON records(id);
CREATE INDEX records_sha ON records(sha256);
CREATE TABLE snapshot (
    id INTEGER PRIMARY KEY CHECK (id = 0), keys TEXT, names TEXT, dir_mtime INTEGER
);
CREATE TABLE docs (rid INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE problems (rid INTEGER NOT NULL, line INTEGER, field TEXT, message TEXT);
CREATE INDEX problems_rid ON problems(rid);
CREATE TABLE names (
    nid INTEGER PRIMARY KEY, kind TEXT NOT NULL, folded TEXT NOT NULL,
    name TEXT NOT NULL, lkey TEXT NOT NULL, UNIQUE (kind, folded)
);
CREATE TABLE name_lemmas (
    kind TEXT NOT NULL, lemma TEXT NOT NULL, nid INTEGER NOT NULL,
    PRIMARY KEY (kind, lemma, nid)
) WITHOUT ROWID;
CREATE TABLE record_names (
    rid INTEGER NOT NULL, nid INTEGER NOT NULL, role TEXT NOT NULL, rec INTEGER
);
CREATE INDEX record_names_nid ON record_names(nid);
CREATE INDEX record_names_rid ON record_names(rid);
CREATE TABLE forms (form TEXT PRIMARY KEY, lemmas TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE texts USING fts5(
    lemmas, tokenize = 'unicode61 remove_diacritics 0', detail = none, columnsize = 0
);
"""

# Every stored record file as "name/size/mtime_ns", one a line: what `_scan` gives.
_KEYS_SQL = "SELECT group_concat(file || '/' || size || '/' || mtime, char(10)) FROM records"


def _split_key(key: str) -> tuple[str, tuple[int, int]]:
    name, size, mtime = key.rsplit("/", 2)
    return name, (int(size), int(mtime))


@dataclass
class _Stale:
    changed: dict[str, tuple[int, int]]  # file -> (size, mtime_ns) to read
    vanished: list[str]
    dir_mtime: int  # structured/'s mtime as seen, -1 if too recent to trust
    stored_dir_mtime: int | None


@dataclass
class RefreshReport:
    """What a refresh did: how many record files it (re-)read and dropped."""

    read: int = 0
    removed: int = 0
    rebuilt: bool = False
    files: list[str] = field(default_factory=list)


def _gazetteer_key() -> str:
    """A fingerprint of the abbreviation gazetteer: org lemma rows depend on it."""
    path = Path(__file__).parent / "data" / "abbreviations.yaml"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def schema_version() -> int:
    """`models.SCHEMA_VERSION`, without building the pydantic models when they are not loaded.

    A warm query never parses a record, so it reads the constant from models.py's source;
    the loaded module, when there is one, has the last word.
    """
    import sys

    module = sys.modules.get(f"{__package__}.record.models")
    if module is None:
        import re

        try:
            source = (Path(__file__).parent / "record" / "models.py").read_text(encoding="utf-8")
        except OSError:
            source = ""
        m = re.search(r"^SCHEMA_VERSION\s*=\s*(\d+)\s*$", source, re.MULTILINE)
        if m:
            return int(m.group(1))
        from .record import models as module
    return module.SCHEMA_VERSION


def _expected_meta() -> dict[str, str]:
    return {
        "index_format": str(INDEX_FORMAT),
        "schema_version": str(schema_version()),
        "gazetteer": _gazetteer_key(),
    }


class Index:
    """The index of one archive; `refresh()` brings it in step with `structured/`."""

    def __init__(self, archive: Archive, *, workers: int = WORKERS) -> None:
        self.archive = archive
        self.path = archive.root / INDEX_NAME
        self.workers = workers
        self._con: sqlite3.Connection | None = None

    # -- connection -----------------------------------------------------------------

    @property
    def con(self) -> sqlite3.Connection:
        if self._con is None:
            self._con = self._open()
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> sqlite3.Connection:
        if not self.archive.root.is_dir():
            # Nothing to cache (and no folder to put a cache in): an empty in-memory index.
            return sqlite3.connect(":memory:", isolation_level=None)
        try:
            con = sqlite3.connect(self.path, isolation_level=None, timeout=600)
        except sqlite3.OperationalError:  # a read-only archive: cache in memory instead
            return sqlite3.connect(":memory:", isolation_level=None)
        return con

    def _open(self) -> sqlite3.Connection:
        """A connection to a usable index: a corrupt or outdated one is silently rebuilt."""
        for attempt in (1, 2):
            con = self._connect()
            try:
                con.execute("PRAGMA busy_timeout = 600000")
                if self._meta_ok(con):
                    self._tune(con)
                    return con
                self._create(con)
                self._tune(con)
                return con
            except sqlite3.DatabaseError:
                con.close()
                if attempt == 2:
                    raise
                self._remove_files()
        raise AssertionError("unreachable")

    def _meta_ok(self, con: sqlite3.Connection) -> bool:
        try:
            rows = dict(con.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return False
            raise
        if rows != _expected_meta():
            return False
        tables = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return tables >= _TABLES  # a dropped table (a damaged cache) means a rebuild

    @staticmethod
    def _tune(con: sqlite3.Connection) -> None:
        con.execute("PRAGMA synchronous = NORMAL")  # a cache: losing the last commit is fine
        con.execute("PRAGMA cache_size = -16000")
        con.execute("PRAGMA temp_store = MEMORY")

    def _create(self, con: sqlite3.Connection) -> None:
        """(Re)create every table, under the write lock so two processes never both do it."""
        if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            con.execute("PRAGMA journal_mode = WAL")
        con.execute("BEGIN IMMEDIATE")
        try:
            if self._meta_ok(con):  # another process rebuilt it while we waited
                con.execute("COMMIT")
                return
            tables = con.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table') "
                "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'texts_%'"
            ).fetchall()
            for (name,) in tables:
                con.execute(f'DROP TABLE IF EXISTS "{name}"')
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    con.execute(statement)
            con.executemany("INSERT INTO meta VALUES (?, ?)", _expected_meta().items())
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def reset(self) -> None:
        """Forget everything: the next refresh re-reads every record (validate --full)."""
        self.close()
        self._remove_files()

    # -- refreshing -----------------------------------------------------------------

    @staticmethod
    def _scan(folder: Path, records_only: bool, names: list[str] | None = None) -> set[str]:
        """Every file in `folder` as "name/size/mtime_ns" (`names`: its listing, if known).

        Plain string keys let a warm refresh compare 100 000 files with the index as one
        set operation ("/" never occurs in a file name). Stat goes through a directory fd:
        at that size the stat calls are most of a warm query.
        """
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return set()
        try:
            if names is None:
                names = os.listdir(fd)
                if records_only:
                    names = [n for n in names if n.endswith(RECORD_SUFFIX) and n[0] != "."]
            stat = os.stat
            try:  # the fast way: one comprehension, no per-file try
                stats = [stat(name, dir_fd=fd) for name in names]
            except OSError:  # one vanished since listdir, or a dangling link: file by file
                stats, kept = [], []
                for name in names:
                    try:
                        stats.append(stat(name, dir_fd=fd))
                        kept.append(name)
                    except OSError:
                        continue
                names = kept
            return {
                f"{name}/{st.st_size}/{st.st_mtime_ns}"
                for name, st in zip(names, stats, strict=True)
            }
        finally:
            os.close(fd)

    def _stale(self, con: sqlite3.Connection, check_raw: bool) -> _Stale:
        """What changed in structured/ (and raw/) since the index last looked."""
        # Creating, deleting or renaming a file changes its folder's mtime: while that is
        # what the last refresh saw, the stored names are the listing (no listdir needed).
        try:
            dir_mtime = os.stat(self.archive.structured).st_mtime_ns
        except OSError:
            dir_mtime = -1
        row = con.execute("SELECT keys, names, dir_mtime FROM snapshot WHERE id = 0").fetchone()
        known = None
        if row is not None and dir_mtime != -1 and row[2] == dir_mtime:
            known = row[1].split("\n") if row[1] else []
        on_disk = self._scan(self.archive.structured, True, known)
        # The stored keys, kept as one string by each refresh: one row to read, not 100 000.
        joined = row[0] if row else con.execute(_KEYS_SQL).fetchone()[0]
        stored = set(joined.split("\n")) if joined else set()
        changed = dict(_split_key(k) for k in on_disk - stored)
        vanished: list[str] = []
        if len(on_disk) - len(changed) != len(stored):  # some stored file is not on disk
            names = {k.rsplit("/", 2)[0] for k in on_disk}
            vanished = [f for (f,) in con.execute("SELECT file FROM records") if f not in names]
        if check_raw:
            # A raw file replaced under an unchanged record changes its sha256 check.
            raw = self._scan(self.archive.raw, False)
            by_name = dict(_split_key(k) for k in on_disk)
            rows = con.execute(
                "SELECT file, source_file || '/' || raw_size || '/' || raw_mtime FROM records "
                "WHERE ok = 1"
            )
            for f, key in rows:
                if key not in raw and f in by_name and f not in changed:
                    changed[f] = by_name[f]
        stamp = dir_mtime if time.time_ns() - dir_mtime >= RACY_NS else -1
        return _Stale(changed, vanished, stamp, row[2] if row else None)

    def refresh(self, *, check_raw: bool = False) -> RefreshReport:
        """Bring the index in step with structured/ (and, with `check_raw`, with raw/)."""
        try:
            return self._refresh(check_raw)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and any(
                word in str(exc) for word in ("locked", "busy", "readonly", "disk I/O")
            ):
                raise  # another process holds it, or we cannot write: not a broken cache
            # Corrupted under us (or by a crash mid-write of a broken disk): start over.
            self.reset()
            report = self._refresh(check_raw)
            report.rebuilt = True
            return report

    def _refresh(self, check_raw: bool) -> RefreshReport:
        con = self.con
        report = RefreshReport()
        stale = self._stale(con, check_raw)
        if not stale.changed and not stale.vanished:
            if stale.dir_mtime != stale.stored_dir_mtime and stale.dir_mtime != -1:
                # Only non-record files came or went: remember the folder as it is now, so
                # the next refresh need not list it.
                con.execute("BEGIN IMMEDIATE")
                self._save_snapshot(con, stale.dir_mtime)
                con.execute("COMMIT")
            return report
        con.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have refreshed while we waited for the lock: look again.
            stale = self._stale(con, check_raw)
            empty = con.execute("SELECT 1 FROM records LIMIT 1").fetchone() is None
            writer = _Writer(con, fresh=empty)
            for file in stale.vanished:
                writer.delete(file)
            report.removed = len(stale.vanished)
            jobs = sorted((f, size, mtime) for f, (size, mtime) in stale.changed.items())
            for result in _examine_all(self.archive, jobs, self.workers, con):
                writer.store(result)
                report.read += 1
            report.files = [j[0] for j in jobs]
            # A file that vanished while being read changed the folder's mtime: a later
            # refresh lists the folder again, so `stale.dir_mtime` is safe to keep.
            self._save_snapshot(con, stale.dir_mtime)
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        return report

    @staticmethod
    def _save_snapshot(con: sqlite3.Connection, dir_mtime: int) -> None:
        con.execute(
            f"INSERT OR REPLACE INTO snapshot VALUES (0, ({_KEYS_SQL}), "
            "(SELECT group_concat(file, char(10)) FROM records), ?)",
            (dir_mtime,),
        )

    # -- reading --------------------------------------------------------------------

    def problems(self) -> list[RecordProblem]:
        """Every problem of every record (stored) and across records, in file order."""
        structured = self.archive.structured
        found = [
            RecordProblem(structured / f, field or "", message, line)
            for f, line, field, message in self.con.execute(
                "SELECT r.file, p.line, p.field, p.message FROM problems p "
                "JOIN records r USING (rid) ORDER BY r.file, p.rowid"
            )
        ]
        return found + self.across_problems()

    def across_problems(self) -> list[RecordProblem]:
        """Duplicate ids and two records for one source (`validate.check_across`).

        SQL picks the records that share an id or a source, so a large archive
        hands only those few rows to Python."""
        from .validate import check_across

        dup = "SELECT {0} FROM records WHERE ok = 1 GROUP BY {0} HAVING count(*) > 1"
        rows = self.con.execute(
            "SELECT file, id, sha256 FROM records WHERE ok = 1 AND "
            f"(id IN ({dup.format('id')}) OR sha256 IN ({dup.format('sha256')})) ORDER BY file"
        )
        structured = self.archive.structured
        return check_across((structured / file, rid, sha) for file, rid, sha in rows)

    def unreadable(self) -> list[RecordProblem]:
        """Record files that do not parse as records (YAML or schema errors)."""
        structured = self.archive.structured
        return [
            RecordProblem(structured / f, field or "", message, line)
            for f, line, field, message in self.con.execute(
                "SELECT r.file, p.line, p.field, p.message FROM records r "
                "JOIN problems p USING (rid) WHERE r.ok = 0 ORDER BY r.file"
            )
        ]

    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM records").fetchone()[0]

    def word_lemmas(self, forms: Iterable[str]) -> list[frozenset[str]]:
        """Each word's lemma set: from `forms` when the index knows the word, else pymorphy3."""
        out = []
        for word in forms:
            row = self.con.execute("SELECT lemmas FROM forms WHERE form = ?", (word,)).fetchone()
            out.append(frozenset(row[0].split()) if row else lemma_set(word))
        return out


# -- reading record files (in worker processes) -------------------------------------

_WORKER_ARCHIVE: Archive | None = None


def _init_worker(root: str) -> None:
    global _WORKER_ARCHIVE
    _WORKER_ARCHIVE = Archive(root)


def _examine_job(job: tuple[str, int, int]) -> tuple:
    assert _WORKER_ARCHIVE is not None
    return examine(_WORKER_ARCHIVE, *job)


def _examine_all(
    archive: Archive, jobs: list[tuple[str, int, int]], workers: int, con: sqlite3.Connection
) -> Iterator:
    global _FORM_LOOKUP
    # What this process met while indexing another archive is not in this one's `forms`.
    _KNOWN.clear()
    _NEW_FORMS.clear()
    if workers < 2 or len(jobs) < POOL_MIN:
        # A few changed records: lemmatize their words from the index's `forms` where it
        # knows them, so that re-checking an edited record need not load pymorphy3.
        def lookup(word: str) -> str | None:
            row = con.execute("SELECT lemmas FROM forms WHERE form = ?", (word,)).fetchone()
            return row[0] if row else None

        _FORM_LOOKUP = lookup
        try:
            for job in jobs:
                yield examine(archive, *job)
        finally:
            _FORM_LOOKUP = None
        return
    import multiprocessing

    # fork: workers inherit the imported modules instead of importing them again.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(str(archive.root),)) as pool:
        yield from pool.imap_unordered(_examine_job, jobs, chunksize=16)


# Lemma sets of the word forms this process has met; forms new to it are handed back with
# each examined record, and the writer keeps them in `forms` for later processes.
_KNOWN: dict[str, frozenset[str]] = {}
_NEW_FORMS: list[tuple[str, str]] = []
_FORM_LOOKUP: Callable[[str], str | None] | None = None


def _lemmas_of(word: str) -> frozenset[str]:
    found = _KNOWN.get(word)
    if found is None:
        stored = _FORM_LOOKUP(word) if _FORM_LOOKUP is not None else None
        if stored is not None:
            found = frozenset(stored.split())
        else:
            found = lemma_set(word)
            _NEW_FORMS.append((word, " ".join(sorted(found))))
        _KNOWN[word] = found
    return found


def text_lemmas(text: str | None) -> str:
    """A text as the set of every lemma its words may have, for the FTS table."""
    if not text:
        return ""
    found: set[str] = set()
    for word in words(text):
        found |= _lemmas_of(word)
    return " ".join(sorted(found))


def _drain_new_forms() -> list[tuple[str, str]]:
    new = _NEW_FORMS[:]
    _NEW_FORMS.clear()
    return new


def examine(archive: Archive, file: str, size: int, mtime: int) -> tuple:
    """Read, parse and check one record file into what the index stores (picklable)."""
    from .record.parse import parse_record
    from .validate import check_record

    path = archive.structured / file
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ("gone", file)
    except (OSError, UnicodeDecodeError) as exc:
        return ("bad", file, size, mtime, (None, "", f"cannot read: {exc}"))
    record = fast_parse(text)
    if record is None:  # the slow path words the problem exactly as everywhere else
        found = parse_record(path, text)
        if isinstance(found, RecordProblem):
            return ("bad", file, size, mtime, (found.line, found.field, found.message))
        record = found
    raw_size = raw_mtime = None
    try:  # stat before check_record reads it: a later change then shows as a new stat
        st = archive.raw_path(record.source.file).stat()
        raw_size, raw_mtime = st.st_size, st.st_mtime_ns
    except Exception:  # missing or unsafe: check_record reports it
        pass
    problems = [(p.line, p.field, p.message) for p in check_record(archive, path, record)]
    e = record.event
    start = e.start or record.document.adopted_on
    end = e.end or start
    names: list[tuple[str, str, str, int | None]] = []
    for org in record.organizations:
        names.append(("org", "name", org.name, None))
        if org.short:
            names.append(("org", "short", org.short, None))
    names += [("org", "organizer", n, None) for n in e.organizers]
    names += [("org", "speaker", s.organization, None) for s in record.speakers if s.organization]
    names += [("person", "name", p.name, None) for p in record.persons]
    names += [("person", "speaker", s.name, None) for s in record.speakers]
    names += [("place", "name", p.name, None) for p in record.places]
    if e.place:
        names.append(("place", "event", e.place, None))
    for i, rec in enumerate(record.recommendations):
        if rec.addressee:
            names.append(("addressee", "rec", rec.addressee, i))
    # The name's key (its folded words) is computed here, in the workers, not in the writer.
    keyed = [(kind, role, " ".join(words(name)), name, rec) for kind, role, name, rec in names]
    texts = [(0, text_lemmas(record.document.title)), (1, text_lemmas(e.name))]
    texts += [(2 + i, text_lemmas(r.text)) for i, r in enumerate(record.recommendations)]
    return (
        "ok", file, size, mtime,
        record.id, record.source.sha256, record.source.file, raw_size, raw_mtime,
        start.isoformat() if start else None, end.isoformat() if end else None, e.type,
        record.model_dump_json(), keyed, [t for t in texts if t[1]], problems,
        len(record.recommendations), _drain_new_forms(),
    )  # fmt: skip


# -- fast YAML loading -----------------------------------------------------------------
#
# PyYAML's C loader parses in C but builds every value through Python generators; that
# construction is half the cost of reading a record. Records use only plain mappings,
# sequences, strings, ints, dates and nulls, so a direct recursive build (with the
# standard constructor for anything else) does the same work two to three times faster.
# Any surprise falls back to `parse_record`, which also words the problems.

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_LOADER: type | None = None


def _fast_loader() -> type:
    global _LOADER
    if _LOADER is None:
        import yaml

        from .record.yamlio import SafeLoader

        # First characters of plain scalars that some implicit resolver may claim
        # (ints, floats, bools, nulls, dates, merge keys): anything else is a string.
        claimed = frozenset(k for k in SafeLoader.yaml_implicit_resolvers if k)
        wildcard = None in SafeLoader.yaml_implicit_resolvers
        scalar, sequence, mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode

        class FastLoader(SafeLoader):  # type: ignore[misc, valid-type]
            def resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
                if kind is scalar:
                    if not implicit[0]:
                        return _STR  # quoted or "!": what the base resolver returns too
                    if value and not wildcard:
                        if value[0] not in claimed:
                            return _STR
                        # Spans are most scalars: plain decimals (YAML 1.1 reads "012" as
                        # octal, so a leading zero goes the long way).
                        if value.isdigit() and (value[0] != "0" or value == "0"):
                            return _INT
                elif kind is sequence and not self.yaml_path_resolvers:
                    return _SEQ
                elif kind is mapping and not self.yaml_path_resolvers:
                    return _MAP
                return super().resolve(kind, value, implicit)

        _LOADER = FastLoader
    return _LOADER


def _build(loader, node) -> object:  # type: ignore[no-untyped-def]
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP:
        out = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR:  # merge keys, non-string keys: not in a record
                raise ValueError("unusual key")
            out[key_node.value] = _build(loader, value_node)
        return out
    if tag == _SEQ:
        return [_build(loader, item) for item in node.value]
    if tag == _INT and node.value.isdigit() and (node.value[0] != "0" or node.value == "0"):
        return int(node.value)
    if tag == _NULL:
        return None
    return loader.construct_object(node, deep=True)


def fast_load(text: str) -> object:
    """`yamlio.load`, faster for the plain YAML records are made of; raises on anything odd."""
    loader = _fast_loader()(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _build(loader, node)
    finally:
        loader.dispose()


def fast_parse(text: str):  # type: ignore[no-untyped-def]
    """The Record in `text`, or None when anything is wrong (the caller re-reads it slowly)."""
    from .record.models import Record

    try:
        data = fast_load(text)
        return Record.model_validate(data) if isinstance(data, dict) else None
    except Exception:
        return None


# -- writing (in the refreshing process) --------------------------------------------


class _Writer:
    """Stores examined record files; lemmatizes each distinct name once."""

    def __init__(self, con: sqlite3.Connection, *, fresh: bool) -> None:
        self.con = con
        self.fresh = fresh  # an empty index: nothing to delete first
        self.now = time.time_ns()
        self._nids: dict[tuple[str, str], int] | None = None

    def delete(self, file: str) -> None:
        row = self.con.execute("SELECT rid FROM records WHERE file = ?", (file,)).fetchone()
        if row is None:
            return
        rid = row[0]
        self.con.execute("DELETE FROM problems WHERE rid = ?", (rid,))
        self.con.execute("DELETE FROM record_names WHERE rid = ?", (rid,))
        self.con.execute(
            "DELETE FROM texts WHERE rowid BETWEEN ? AND ?",
            (rid << SLOT_BITS, (rid << SLOT_BITS) | ((1 << SLOT_BITS) - 1)),
        )
        self.con.execute("DELETE FROM docs WHERE rid = ?", (rid,))
        self.con.execute("DELETE FROM records WHERE rid = ?", (rid,))

    def store(self, result: tuple) -> None:
        file = result[1]
        if not self.fresh:
            self.delete(file)
        if result[0] == "gone":
            return
        size, mtime = result[2], result[3]
        if self.now - mtime < RACY_NS:
            mtime = -1  # may change again unseen within this mtime tick: re-read next time
        con = self.con
        if result[0] == "bad":
            cur = con.execute(
                "INSERT INTO records (file, size, mtime, ok) VALUES (?, ?, ?, 0)",
                (file, size, mtime),
            )
            con.execute("INSERT INTO problems VALUES (?, ?, ?, ?)", (cur.lastrowid, *result[4]))
            return
        (_, _, _, _, rid_, sha, source, raw_size, raw_mtime, start, end, type_, json_,
         names, texts, problems, n_recs, new_forms) = result  # fmt: skip
        if new_forms:
            con.executemany("INSERT OR IGNORE INTO forms VALUES (?, ?)", new_forms)
        cur = con.execute(
            "INSERT INTO records (file, size, mtime, ok, id, sha256, source_file, raw_size, "
            'raw_mtime, start, "end", type, n_recs) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            (file, size, mtime, rid_, sha, source, raw_size, raw_mtime, start, end, type_, n_recs),
        )
        rid = cur.lastrowid
        con.execute("INSERT INTO docs VALUES (?, ?)", (rid, json_))
        if problems:
            con.executemany(
                "INSERT INTO problems VALUES (?, ?, ?, ?)", [(rid, *p) for p in problems]
            )
        rows = []
        for kind, role, key, name, rec in names:
            if key:
                rows.append((rid, self._nid(kind, key, name), role, rec))
        con.executemany("INSERT INTO record_names VALUES (?, ?, ?, ?)", rows)
        con.executemany(
            "INSERT INTO texts (rowid, lemmas) VALUES (?, ?)",
            [((rid << SLOT_BITS) | slot, lem) for slot, lem in texts if slot < 1 << SLOT_BITS],
        )

    def _nid(self, kind: str, key: str, name: str) -> int:
        if self._nids is None:
            self._nids = {
                (k, f): nid for nid, k, f in self.con.execute("SELECT nid, kind, folded FROM names")
            }
        nid = self._nids.get((kind, key))
        if nid is None:
            nid = self._add_name(kind, key, name)
            self._nids[(kind, key)] = nid
        return nid

    def _add_name(self, kind: str, key: str, name: str) -> int:
        ws = key.split()
        lemma_rows: set[str] = set()
        for w in ws:
            lemma_rows |= lemma_set(w)
        if kind == "org":
            lemma_rows |= _gazetteer_lemmas(name, tuple(lemma(w) for w in ws))
        lkey = " ".join(lemma(w) for w in ws)
        cur = self.con.execute(
            "INSERT INTO names (kind, folded, name, lkey) VALUES (?, ?, ?, ?)",
            (kind, key, " ".join(name.split()), lkey),
        )
        nid = cur.lastrowid
        self.con.executemany(
            "INSERT OR IGNORE INTO name_lemmas VALUES (?, ?, ?)",
            [(kind, lem, nid) for lem in lemma_rows],
        )
        self._add_forms(ws)
        return nid

    def _add_forms(self, ws: Iterable[str]) -> None:
        self.con.executemany(
            "INSERT OR IGNORE INTO forms VALUES (?, ?)",
            [(w, " ".join(sorted(lemma_set(w)))) for w in ws],
        )


# -- the abbreviation gazetteer, as lemma rows -----------------------------------------


def _gazetteer_lemmas(name: str, name_lemmas: tuple[str, ...]) -> set[str]:
    """Lemmas an org name gains from the gazetteer, so `--org РБА` and the full name meet.

    An abbreviation inside the name brings the full name's lemmas; a full name inside the
    name (compared lemma by lemma) brings the abbreviation's.
    """
    extra: set[str] = set()
    for pattern, abbr_lemmas, full_lemmas, full_seq in _gazetteer_entries():
        if pattern.search(name):
            extra |= full_lemmas
        n = len(full_seq)
        if n and any(name_lemmas[i : i + n] == full_seq for i in range(len(name_lemmas) - n + 1)):
            extra |= abbr_lemmas
    return extra


_ENTRIES: list | None = None


def _gazetteer_entries() -> list:
    global _ENTRIES
    if _ENTRIES is None:
        import re

        try:
            from .rules.gazetteer import abbreviations

            pairs = abbreviations().items()
        except ImportError:  # the gazetteer is optional: names still match by lemmas
            pairs = []
        _ENTRIES = []
        for abbr, full in pairs:
            pattern = re.compile(rf"(?<!\w){re.escape(abbr)}(?!\w)")
            abbr_lemmas = set().union(*(lemma_set(w) for w in words(abbr)))
            full_lemmas = set().union(*(lemma_set(w) for w in words(full)))
            full_seq = tuple(lemma(w) for w in words(full))
            _ENTRIES.append((pattern, abbr_lemmas, full_lemmas, full_seq))
    return _ENTRIES
