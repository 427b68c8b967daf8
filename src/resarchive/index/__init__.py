"""The archive's SQLite index (`.index.sqlite`): a cache of `structured/` anyone may delete.

The YAML records stay the single source of truth. The index remembers, for every record
file, the size and mtime it had when it was read, the fields filters and tables need, its
names and text lemmas for matching, and (once `validate` has looked) its problems, so that
commands re-read only the files that changed, were added or vanished. A missing, corrupt
or outdated index (another index format, schema version or gazetteer) is rebuilt without
a word.

`Index` is the only way in: `query`, `stats`, `validate` and `export` call its methods and
never see a table. The modules below it: `schema` (the tables and the SQL reading them),
`connection` (opening, rebuilding), `refresh` (staying in step), `examine` (one record
file, in worker processes), `writer` (storing it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ..archive import Archive
from ..lemmas import lemma_set
from ..record.parse import RecordProblem
from . import connection, schema
from .refresh import WORKERS, RefreshReport, refresh
from .schema import INDEX_NAME, Hit, Search, Summary

__all__ = ["INDEX_NAME", "WORKERS", "Hit", "Index", "RefreshReport", "Search", "Summary"]


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
        """The connection, opened on first use, after the archive's own files are checked
        (`archive_checks.check_archive`: raises ArchiveError for a file given as the
        archive, a folder that is not one, raw/ or structured/ linking out of it)."""
        if self._con is None:
            from ..archive_checks import check_archive

            check_archive(self.archive.root)
            self._con = connection.open_index(self.archive.root, self.path)
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def reset(self) -> None:
        """Forget everything: the next refresh re-reads every record (validate --full)."""
        self.close()
        try:
            connection.remove_files(self.path)
        except OSError:  # a read-only archive: the next connection is in memory anyway
            self._con = connection.memory()

    # -- refreshing -----------------------------------------------------------------

    def refresh(self, *, check: bool = False) -> RefreshReport:
        """Bring the index in step with structured/. With `check` (validate), also check
        every record's raw file and spans that changed or were never checked.

        An index that cannot be written (a read-only archive, a full disk) is replaced by
        one in memory for this command: the answer is the same, only slower."""
        try:
            return refresh(self.con, self.archive, check, self.workers)
        except sqlite3.DatabaseError as exc:
            if connection.cannot_write(exc):
                self.close()
                self._con = connection.memory()
                return refresh(self._con, self.archive, check, self.workers)
            if not connection.is_broken(exc):
                raise
            # Corrupted under us (or by a crash mid-write of a broken disk): start over.
            self.reset()
            report = refresh(self.con, self.archive, check, self.workers)
            report.rebuilt = True
            return report

    # -- problems (validate) ----------------------------------------------------------

    def problems(self) -> list[RecordProblem]:
        """Every problem of every record (stored) and across records, in file order."""
        found = self._problems(schema.PROBLEMS_SQL)
        return found + self.across_problems()

    def across_problems(self) -> list[RecordProblem]:
        """Duplicate ids, two records for one source (`check_across`), two records from
        versions of one source file (`versions.version_problems`)."""
        from ..record.checks import check_across
        from ..versions import version_problems

        structured = self.archive.structured
        rows = self.con.execute(schema.DUPLICATES_SQL)
        found = check_across((structured / file, rid, sha) for file, rid, sha in rows)
        rows = self.con.execute(schema.VERSIONS_SQL)
        versions = version_problems((structured / f, rid, raw, sha) for f, rid, raw, sha in rows)
        return found + versions

    def unreadable(self) -> list[RecordProblem]:
        """Record files that do not parse as records (YAML or schema errors)."""
        return self._problems(schema.UNREADABLE_SQL)

    def _problems(self, sql: str) -> list[RecordProblem]:
        structured = self.archive.structured
        return [
            RecordProblem(structured / f, field or "", message, line, col)
            for f, line, col, field, message in self.con.execute(sql)
        ]

    # -- counts (stats) ---------------------------------------------------------------

    def count(self) -> int:
        """Record files, readable or not."""
        return self.con.execute(schema.COUNT_SQL).fetchone()[0]

    def totals(self) -> tuple[int, int, int]:
        """Readable records, unreadable record files, recommendations."""
        return self.con.execute(schema.TOTALS_SQL).fetchone()

    def per_year(self) -> list[tuple[str | None, int]]:
        """Records per year of the event's start (None: no date), by year."""
        return self.con.execute(schema.PER_YEAR_SQL).fetchall()

    def per_type(self) -> list[tuple[str, int]]:
        """Records per event type, most first."""
        return self.con.execute(schema.PER_TYPE_SQL).fetchall()

    def top_names(
        self, kind: str, top: int, *, distinct_records: bool, exclude_role: str = ""
    ) -> list[tuple[str, int]]:
        """The `top` most frequent names of `kind`, grouped by lemma key, each shown in its
        most frequent spelling: counting records, or every occurrence."""
        sql = schema.top_names_sql(distinct_records=distinct_records)
        rows = self.con.execute(sql, (kind, exclude_role, top)).fetchall()
        return [
            (self.con.execute(schema.SPELLING_SQL, (kind, lkey)).fetchone()[0], n)
            for lkey, n in rows
        ]

    def summaries(self) -> dict[int, Summary]:
        """Every readable record's title, reviewed flag, list counts and stored warnings,
        by rid (a `Hit`'s `rid`): what the web app's list of records shows."""
        import json

        return {
            rid: Summary(title, bool(reviewed), *counts, tuple(json.loads(warnings)))
            for rid, title, reviewed, *counts, warnings in self.con.execute(schema.SUMMARIES_SQL)
        }

    # -- searching (query, export) ------------------------------------------------------

    def word_lemmas(self, forms: Iterable[str]) -> list[frozenset[str]]:
        """Each word's lemma set: from `forms` when the index knows the word, else pymorphy3."""
        out = []
        for word in forms:
            row = self.con.execute(schema.FORM_SQL, (word,)).fetchone()
            out.append(frozenset(row[0].split()) if row else lemma_set(word))
        return out

    def search(self, search: Search) -> list[Hit]:
        """The records passing every filter of `search`, by event date then id."""
        match = None if search.text is None else self._match(search.text)
        sql, params = schema.search_sql(search, match)
        return [Hit(*row[:-1], bool(row[-1])) for row in self.con.execute(sql, params)]

    def recommendations_addressed(
        self, lemma_sets: tuple[frozenset[str], ...]
    ) -> set[tuple[int, int]]:
        """(rid, recommendation index) of recommendations to an addressee holding every word."""
        sql, params = schema.addressed_sql(lemma_sets)
        return set(self.con.execute(sql, params).fetchall())

    def recommendations_saying(
        self, lemma_sets: tuple[frozenset[str], ...]
    ) -> set[tuple[int, int]]:
        """(rid, recommendation index) of recommendations whose text holds every word."""
        match = self._match(lemma_sets)
        if match is None:
            return set()
        return set(self.con.execute(schema.TEXT_RECS_SQL, (match,)).fetchall())

    def _match(self, lemma_sets: tuple[frozenset[str], ...]) -> str | None:
        """The FTS expression for words given as lemma sets; None if one can match nothing."""
        groups = []
        for lemmas in lemma_sets:
            rows = self.con.execute(schema.codes_sql(len(lemmas)), sorted(lemmas))
            groups.append([code for (code,) in rows])
        return schema.fts_expression(groups)
