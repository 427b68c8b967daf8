"""Opening the index file: a missing, corrupt, outdated or foreign index is (re)built
without a word, and nothing but our own cache is ever written.

The index is a file anyone with write access to the archive may have replaced, so it is
opened only when
- the archive is an archive (it has `structured/`): `query --archive /` creates nothing;
- `.index.sqlite` and its `-wal`, `-shm` and `-journal` companions are regular files or
  absent: a symbolic link (to another database, whose tables a rebuild would drop) or a
  FIFO is removed, never opened; the target is never touched;
- its schema (`sqlite_master`: every table, index, trigger and view with its SQL) is
  exactly the one `schema.SCHEMA` creates, and its meta rows are this version's: anything
  else (a trigger that would run inside our writes and hang `query`, an extra table, an
  older index format) is read with `trusted_schema = OFF`, found foreign, and the file is
  deleted and built again in its place, never altered.
Writers take SQLite's write lock (BEGIN IMMEDIATE, WAL journal): two processes that
both find the index missing serialize, and the second finds it built. An archive the
index cannot be written in (read-only, a full disk) gets an index in memory instead.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from functools import lru_cache
from pathlib import Path

from . import schema

_COMPANIONS = ("", "-wal", "-shm", "-journal")
BUSY_TIMEOUT = 600.0  # seconds to wait for another process writing the index
# Failures of writing the cache, not of the cache: answer from memory instead.
_CANNOT_WRITE = ("readonly", "read-only", "disk I/O", "full", "unable to open")


def memory() -> sqlite3.Connection:
    """An empty index in memory: nothing to keep, or nowhere to keep it."""
    con = sqlite3.connect(":memory:", isolation_level=None)
    create(con)
    tune(con)
    return con


def _cacheable(root: Path, path: Path) -> bool:
    """Whether an index file may live here: in an archive, as a regular file or nothing.
    Links and special files named like the index or its companions are removed."""
    if not (root / "structured").is_dir():
        return False  # not an archive (or not yet): nothing to cache, no file to create
    for suffix in _COMPANIONS:
        entry = Path(f"{path}{suffix}")
        try:
            mode = os.lstat(entry).st_mode
        except FileNotFoundError:
            continue
        except OSError:
            return False
        if stat.S_ISREG(mode):
            continue
        if stat.S_ISDIR(mode):
            return False  # a folder in the way: leave it, cache in memory
        try:  # a link or a special file: the entry goes, what it points at stays
            entry.unlink()
        except OSError:
            return False
    return True


def open_index(root: Path, path: Path) -> sqlite3.Connection:
    """A connection to a usable index of this archive; see the module docstring."""
    import time

    rebuilds, deadline = 0, time.monotonic() + BUSY_TIMEOUT
    while rebuilds < 3:
        if not _cacheable(root, path):
            return memory()
        try:
            con = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT)
        except sqlite3.Error:
            return memory()
        try:
            con.execute("PRAGMA trusted_schema = OFF")
            con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            state = examine(con)
            if state == "empty":
                create(con)
                state = "ours"
            if state == "ours":
                tune(con)
                return con
        except sqlite3.DatabaseError as exc:
            con.close()
            if _busy(exc):  # another process is building it (switching to WAL): wait
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
                continue
            if cannot_write(exc):
                return memory()
        else:
            con.close()
        rebuilds += 1
        try:  # foreign, outdated or corrupt: delete it and build it again
            remove_files(path)
        except OSError:
            return memory()
    return memory()


def _busy(exc: sqlite3.DatabaseError) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and any(
        w in str(exc) for w in ("locked", "busy")
    )


def cannot_write(exc: sqlite3.DatabaseError) -> bool:
    """Whether an error means the cache cannot be written here (answer from memory)."""
    return isinstance(exc, sqlite3.OperationalError) and any(w in str(exc) for w in _CANNOT_WRITE)


@lru_cache(maxsize=1)
def expected_objects() -> frozenset[tuple[str, str, str, str | None]]:
    """sqlite_master of a freshly built index: (type, name, table, sql) of every object.

    Built in memory once per process (about 2 ms): the SQL SQLite keeps for FTS5's
    shadow tables is its own and may differ between SQLite versions."""
    con = sqlite3.connect(":memory:")
    try:
        for statement in schema.schema_statements():
            con.execute(statement)
        return frozenset(con.execute(schema.MASTER_SQL).fetchall())
    finally:
        con.close()


def examine(con: sqlite3.Connection) -> str:
    """ "ours" (exactly our schema and meta), "empty" (no objects) or "foreign"."""
    objects = frozenset(con.execute(schema.MASTER_SQL).fetchall())
    if not objects:
        return "empty"
    if objects != expected_objects():
        return "foreign"
    rows = dict(con.execute(schema.META_SQL).fetchall())
    return "ours" if rows == schema.expected_meta() else "foreign"


def tune(con: sqlite3.Connection) -> None:
    con.execute("PRAGMA synchronous = NORMAL")  # a cache: losing the last commit is fine
    con.execute("PRAGMA cache_size = -16000")
    con.execute("PRAGMA temp_store = MEMORY")


def create(con: sqlite3.Connection) -> None:
    """Create every table in an empty database, under the write lock so two processes
    never both do it. Raises DatabaseError if another process made it something else."""
    if con.execute("PRAGMA journal_mode").fetchone()[0] not in ("wal", "memory"):
        con.execute("PRAGMA journal_mode = WAL")
    con.execute("BEGIN IMMEDIATE")
    try:
        state = examine(con)
        if state == "ours":  # another process built it while we waited
            con.execute("COMMIT")
            return
        if state != "empty":
            raise sqlite3.DatabaseError("the index changed while it was being built")
        for statement in schema.schema_statements():
            con.execute(statement)
        con.executemany(schema.INSERT_META_SQL, schema.expected_meta().items())
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def remove_files(path: Path) -> None:
    """Delete the index and its companions (entries only: a link's target stays)."""
    for suffix in _COMPANIONS:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def is_broken(exc: sqlite3.DatabaseError) -> bool:
    """Whether an error means a damaged cache (rebuild it), not a busy or read-only one."""
    # Another process holds it, or we cannot write: not a broken cache.
    busy = ("locked", "busy", "readonly", "disk I/O")
    return not (isinstance(exc, sqlite3.OperationalError) and any(w in str(exc) for w in busy))
