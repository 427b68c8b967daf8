"""Opening the index file: a missing, corrupt or outdated index is (re)built without a word.

Writers take SQLite's write lock (BEGIN IMMEDIATE, WAL journal): two processes that
both find the index outdated serialize, and the second finds it rebuilt. A read-only
archive gets an index in memory instead.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import schema


def connect(root: Path, path: Path) -> sqlite3.Connection:
    if not root.is_dir():
        # Nothing to cache (and no folder to put a cache in): an empty in-memory index.
        return sqlite3.connect(":memory:", isolation_level=None)
    try:
        return sqlite3.connect(path, isolation_level=None, timeout=600)
    except sqlite3.OperationalError:  # a read-only archive: cache in memory instead
        return sqlite3.connect(":memory:", isolation_level=None)


def open_index(root: Path, path: Path) -> sqlite3.Connection:
    """A connection to a usable index: a corrupt or outdated one is silently rebuilt."""
    for attempt in (1, 2):
        con = connect(root, path)
        try:
            con.execute("PRAGMA busy_timeout = 600000")
            if not meta_ok(con):
                create(con)
            tune(con)
            return con
        except sqlite3.DatabaseError:
            con.close()
            if attempt == 2:
                raise
            remove_files(path)
    raise AssertionError("unreachable")


def meta_ok(con: sqlite3.Connection) -> bool:
    """Whether the index is of this format, schema version and gazetteer, every table there."""
    try:
        rows = dict(con.execute(schema.META_SQL).fetchall())
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return False
        raise
    if rows != schema.expected_meta():
        return False
    tables = {name for (name,) in con.execute(schema.TABLES_SQL)}
    return tables >= schema.TABLES  # a dropped table (a damaged cache) means a rebuild


def tune(con: sqlite3.Connection) -> None:
    con.execute("PRAGMA synchronous = NORMAL")  # a cache: losing the last commit is fine
    con.execute("PRAGMA cache_size = -16000")
    con.execute("PRAGMA temp_store = MEMORY")


def create(con: sqlite3.Connection) -> None:
    """(Re)create every table, under the write lock so two processes never both do it."""
    if con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        con.execute("PRAGMA journal_mode = WAL")
    con.execute("BEGIN IMMEDIATE")
    try:
        if meta_ok(con):  # another process rebuilt it while we waited
            con.execute("COMMIT")
            return
        for (name,) in con.execute(schema.DROPPABLE_SQL).fetchall():
            con.execute(schema.drop_sql(name))
        for statement in schema.schema_statements():
            con.execute(statement)
        con.executemany(schema.INSERT_META_SQL, schema.expected_meta().items())
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def remove_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def is_broken(exc: sqlite3.DatabaseError) -> bool:
    """Whether an error means a damaged cache (rebuild it), not a busy or read-only one."""
    # Another process holds it, or we cannot write: not a broken cache.
    busy = ("locked", "busy", "readonly", "disk I/O")
    return not (isinstance(exc, sqlite3.OperationalError) and any(w in str(exc) for w in busy))
