"""Storing examined record files (in the refreshing process, inside its write transaction).

Each distinct name is lemmatized once, not per occurrence, which keeps builds cheap; its
words' inflections go into `forms`, so that a query naming it in another case ("Камчатской
краевой детской библиотеки") is lemmatized from the index without loading pymorphy3.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable

from ..lemmas import inflections, lemma, lemma_set, words
from . import schema
from .examine import FIELDS, Examined
from .schema import RACY_NS

_DELETES = [
    "DELETE FROM problems WHERE rid = ?",
    "DELETE FROM record_names WHERE rid = ?",
    "DELETE FROM records WHERE rid = ?",
]
_INSERT_RECORD = (
    "INSERT INTO records (file, size, mtime, ok, checked, plain, id, sha256, source_file, "
    'raw_size, raw_mtime, start, "end", type, event, place, n_recs, title, reviewed, n_orgs, '
    "n_persons, n_places, n_speakers, warnings) "
    f"VALUES (?, ?, ?, ?, ?, {', '.join('?' * FIELDS)})"
)


class Writer:
    """Stores examined record files; lemmatizes each distinct name once."""

    def __init__(self, con: sqlite3.Connection, *, fresh: bool) -> None:
        self.con = con
        self.fresh = fresh  # an empty index: nothing to delete first
        self.now = time.time_ns()
        self._nids: dict[tuple[str, str], int] | None = None
        self._codes: dict[str, int] | None = None
        self._inflected: set[str] = set()

    def delete(self, file: str) -> None:
        row = self.con.execute("SELECT rid FROM records WHERE file = ?", (file,)).fetchone()
        if row is None:
            return
        rid = row[0]
        self.con.execute("DELETE FROM texts WHERE rowid BETWEEN ? AND ?", schema.text_rowids(rid))
        for sql in _DELETES:
            self.con.execute(sql, (rid,))

    def store(self, found: Examined) -> None:
        if not self.fresh:
            self.delete(found.file)
        if found.status == "gone":
            return
        mtime = found.mtime
        if self.now - mtime < RACY_NS:
            mtime = -1  # may change again unseen within this mtime tick: re-read next time
        con = self.con
        if found.new_forms:
            con.executemany("INSERT OR IGNORE INTO forms VALUES (?, ?)", found.new_forms)
        ok = found.status == "ok"
        fields = found.fields if ok else (None,) * (FIELDS - 1)
        cur = con.execute(
            _INSERT_RECORD,
            (found.file, found.size, mtime, ok, found.checked, found.plain, *fields),
        )
        rid = cur.lastrowid
        con.executemany(
            "INSERT INTO problems VALUES (?, ?, ?, ?, ?)", [(rid, *p) for p in found.problems]
        )
        if not ok:
            return
        rows = [
            (rid, self._nid(kind, key, name), role, rec)
            for kind, role, key, name, rec in found.names
            if key
        ]
        con.executemany("INSERT INTO record_names VALUES (?, ?, ?, ?)", rows)
        con.executemany(
            "INSERT INTO texts (rowid, codes) VALUES (?, ?)",
            [
                (schema.text_rowid(rid, slot), self._coded(lemmas))
                for slot, lemmas in found.texts
                if slot < schema.MAX_SLOTS
            ],
        )

    # -- texts: lemmas as codes ---------------------------------------------------------

    def _coded(self, lemmas: str) -> str:
        if self._codes is None:
            self._codes = dict(self.con.execute("SELECT lemma, code FROM lemmas"))
        tokens = []
        for lem in lemmas.split():
            code = self._codes.get(lem)
            if code is None:
                cur = self.con.execute("INSERT INTO lemmas (lemma) VALUES (?)", (lem,))
                code = self._codes[lem] = cur.lastrowid
            tokens.append(schema.code_token(code))
        return " ".join(tokens)

    # -- names --------------------------------------------------------------------------

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
        """Each word and every inflection of it, with the lemma set each form may have."""
        forms: set[str] = set()
        for w in ws:
            if w not in self._inflected:
                self._inflected.add(w)
                forms.add(w)
                forms |= inflections(w)
        self.con.executemany(
            "INSERT OR IGNORE INTO forms VALUES (?, ?)",
            [(f, " ".join(sorted(lemma_set(f)))) for f in sorted(forms)],
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
            from ..rules.gazetteer import abbreviations

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
