"""Bringing the index in step with structured/ (and, for `validate`, with raw/).

A record file is re-read when its size or mtime differ from what the index saw, when it
is new, or (only when `validate` refreshes, `check=True`) when it was never checked or its
raw file changed. Read commands refresh without `check`: they parse changed records but
never hash or decode raw files; such records stay unchecked until `validate` runs.

Refreshing is one transaction (BEGIN IMMEDIATE, WAL journal): two processes refreshing at
once serialize on the write lock and the second finds the work done. When nothing changed,
a refresh only reads.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..archive import RECORD_SUFFIX, Archive
from . import schema
from .schema import RACY_NS

if TYPE_CHECKING:
    from .examine import Examined

# Below this many files to read, a worker pool costs more than it saves.
POOL_MIN = 64
WORKERS = 2


@dataclass
class RefreshReport:
    """What a refresh did: how many record files it (re-)read and dropped."""

    read: int = 0
    removed: int = 0
    rebuilt: bool = False
    files: list[str] = field(default_factory=list)


class _Stale(NamedTuple):
    changed: dict[str, tuple[int, int]]  # file -> (size, mtime_ns) to read
    vanished: list[str]
    dir_mtime: int  # structured/'s mtime as seen, -1 if too recent to trust
    stored_dir_mtime: int | None


def _split_key(key: str) -> tuple[str, tuple[int, int]]:
    name, size, mtime = key.rsplit("/", 2)
    return name, (int(size), int(mtime))


def scan(folder: Path, records_only: bool, names: list[str] | None = None) -> set[str]:
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
            f"{name}/{st.st_size}/{st.st_mtime_ns}" for name, st in zip(names, stats, strict=True)
        }
    finally:
        os.close(fd)


def stale(con: sqlite3.Connection, archive: Archive, check: bool) -> _Stale:
    """What changed in structured/ (and, with `check`, what validate has yet to check)."""
    # Creating, deleting or renaming a file changes its folder's mtime: while that is
    # what the last refresh saw, the stored names are the listing (no listdir needed).
    try:
        dir_mtime = os.stat(archive.structured).st_mtime_ns
    except OSError:
        dir_mtime = -1
    row = con.execute(schema.SNAPSHOT_SQL).fetchone()
    known = None
    if row is not None and dir_mtime != -1 and row[2] == dir_mtime:
        known = row[1].split("\n") if row[1] else []
    on_disk = scan(archive.structured, True, known)
    # The stored keys, kept as one string by each refresh: one row to read, not 100 000.
    joined = row[0] if row else con.execute(schema.KEYS_SQL).fetchone()[0]
    stored = set(joined.split("\n")) if joined else set()
    changed = dict(_split_key(k) for k in on_disk - stored)
    vanished: list[str] = []
    if len(on_disk) - len(changed) != len(stored):  # some stored file is not on disk
        names = {k.rsplit("/", 2)[0] for k in on_disk}
        vanished = [f for (f,) in con.execute(schema.FILES_SQL) if f not in names]
    if check:
        _add_unchecked(con, archive, on_disk, changed)
    stamp = dir_mtime if time.time_ns() - dir_mtime >= RACY_NS else -1
    return _Stale(changed, vanished, stamp, row[2] if row else None)


def _add_unchecked(
    con: sqlite3.Connection, archive: Archive, on_disk: set[str], changed: dict
) -> None:
    """Records validate must (re)check: never checked (a read command parsed them), or
    their raw file replaced under an unchanged record (its sha256 check changes)."""
    raw = scan(archive.raw, False)
    by_name = dict(_split_key(k) for k in on_disk)
    for f, raw_key, checked in con.execute(schema.RAW_KEYS_SQL):
        if (not checked or raw_key not in raw) and f in by_name and f not in changed:
            changed[f] = by_name[f]


def refresh(con: sqlite3.Connection, archive: Archive, check: bool, workers: int) -> RefreshReport:
    report = RefreshReport()
    found = stale(con, archive, check)
    if not found.changed and not found.vanished:
        if found.dir_mtime != found.stored_dir_mtime and found.dir_mtime != -1:
            # Only non-record files came or went: remember the folder as it is now, so
            # the next refresh need not list it.
            con.execute("BEGIN IMMEDIATE")
            con.execute(schema.SAVE_SNAPSHOT_SQL, (found.dir_mtime,))
            con.execute("COMMIT")
        return report
    from .writer import Writer  # here: a refresh that finds nothing to do never needs it

    con.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have refreshed while we waited for the lock: look again.
        found = stale(con, archive, check)
        writer = Writer(con, fresh=con.execute(schema.ANY_RECORD_SQL).fetchone() is None)
        for file in found.vanished:
            writer.delete(file)
        report.removed = len(found.vanished)
        jobs = sorted((f, size, mtime, check) for f, (size, mtime) in found.changed.items())
        for result in _examine_all(archive, jobs, workers, con):
            writer.store(result)
            report.read += 1
        report.files = [j[0] for j in jobs]
        # A file that vanished while being read changed the folder's mtime: a later
        # refresh lists the folder again, so `found.dir_mtime` is safe to keep.
        con.execute(schema.SAVE_SNAPSHOT_SQL, (found.dir_mtime,))
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    return report


# -- reading record files, in worker processes for many ---------------------------------

_WORKER_ARCHIVE: Archive | None = None


def _init_worker(root: str) -> None:
    from .examine import use_forms

    global _WORKER_ARCHIVE
    _WORKER_ARCHIVE = Archive(root)
    use_forms(None)


def _examine_job(job: tuple[str, int, int, bool]) -> Examined:
    from .examine import examine

    assert _WORKER_ARCHIVE is not None
    return examine(_WORKER_ARCHIVE, *job)


def _examine_all(
    archive: Archive, jobs: list[tuple[str, int, int, bool]], workers: int, con: sqlite3.Connection
) -> Iterator[Examined]:
    from . import examine as ex

    if workers < 2 or len(jobs) < POOL_MIN:
        # A few changed records: lemmatize their words from the index's `forms` where it
        # knows them, so that re-reading an edited record need not load pymorphy3.
        def lookup(word: str) -> str | None:
            row = con.execute(schema.FORM_SQL, (word,)).fetchone()
            return row[0] if row else None

        ex.use_forms(lookup)
        try:
            for job in jobs:
                yield ex.examine(archive, *job)
        finally:
            ex.use_forms(None)
        return
    import multiprocessing

    # fork: workers inherit the imported modules instead of importing them again.
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    ex.use_forms(None)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(str(archive.root),)) as pool:
        yield from pool.imap_unordered(_examine_job, jobs, chunksize=16)
