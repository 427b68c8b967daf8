"""The index's tables, and the SQL that reads them: every statement a reader runs is built here.

Tables:
- `records`: one row per record file (parsed or not), with what filters, sorting, the
  terminal table, stats, validate and the web app's list of records (`Summary`) need; `ok`
  says whether it parsed, `checked` whether `validate` has checked its raw file and spans
  in this state, `plain` whether its YAML is exactly its JSON form (printing it then needs
  no pydantic).
- `problems`: what parsing (unreadable files) and `check_record` found, per record file.
- `names`: every distinct name (organization, person, place, addressee) once, with its
  lemma key; `name_lemmas` maps each lemma a name's words may have to the name, so a
  name filter is an intersection of small index lookups; `record_names` says where each
  name occurs (`rec`: the recommendation, for addressees).
- `forms`: word form -> its lemma set, for every word of every name and text and every
  inflection of a name's words, so a warm query lemmatizes its words without pymorphy3.
- `lemmas` and `texts`: FTS5 over the lemmas of the title, the event name and each
  recommendation text; a lemma is stored as a short code (`lemmas`), which keeps the FTS
  table a fifth of the size of the lemmas spelt out. rowid = rid << SLOT_BITS | slot
  (0 title, 1 event name, 2 + i recommendation i).
- `snapshot`: the record files as the last refresh saw them, as one row.

There is no copy of the records: `query --format json` and `export` read the YAML files of
the records they print.
"""

from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path
from typing import NamedTuple

INDEX_NAME = ".index.sqlite"
# Bump when the tables or what goes into them change: old indexes are rebuilt.
INDEX_FORMAT = 7
# A file modified this close to when we looked at it may change again within the same
# mtime tick unnoticed ("racily clean", as git calls it): its mtime is stored as -1, so
# the next refresh reads it again.
RACY_NS = 1_000_000_000
SLOT_BITS = 16
FIRST_REC_SLOT = 2
_SLOT_MASK = (1 << SLOT_BITS) - 1

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE records (
    rid INTEGER PRIMARY KEY,
    file TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    ok INTEGER NOT NULL,
    checked INTEGER NOT NULL,
    plain INTEGER,
    id TEXT, sha256 TEXT, source_file TEXT, raw_size INTEGER, raw_mtime INTEGER,
    start TEXT, "end" TEXT, type TEXT, event TEXT, place TEXT, n_recs INTEGER,
    title TEXT, reviewed INTEGER, n_orgs INTEGER, n_persons INTEGER, n_places INTEGER,
    n_speakers INTEGER, warnings TEXT
);
CREATE INDEX records_id ON records(id);
CREATE INDEX records_sha ON records(sha256);
CREATE TABLE snapshot (
    id INTEGER PRIMARY KEY CHECK (id = 0), keys TEXT, names TEXT, dir_mtime INTEGER
);
CREATE TABLE problems (
    rid INTEGER NOT NULL, line INTEGER, col INTEGER, field TEXT, message TEXT
);
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
CREATE TABLE lemmas (code INTEGER PRIMARY KEY, lemma TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE texts USING fts5(
    codes, tokenize = 'ascii', detail = none, columnsize = 0
);
"""

# -- the index's identity: an index made for another format, schema or gazetteer is rebuilt


def _gazetteer_key() -> str:
    """A fingerprint of the abbreviation gazetteer: org lemma rows depend on it. (CRC-32 and
    the length, not sha256: every command opening the index computes it, and a cache key
    need not resist forgery.)"""
    path = Path(__file__).parent.parent / "data" / "abbreviations.yaml"
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    return f"{zlib.crc32(data):08x}-{len(data)}"


def schema_version() -> int:
    """`models.SCHEMA_VERSION`, without building the pydantic models when they are not loaded.

    A warm query never parses a record, so it reads the constant from models.py's source;
    the loaded module, when there is one, has the last word.
    """
    module = sys.modules.get(f"{__package__.rpartition('.')[0]}.record.models")
    if module is None:
        models_py = Path(__file__).parent.parent / "record" / "models.py"
        try:
            source = models_py.read_text(encoding="utf-8")
        except OSError:
            source = ""
        m = re.search(r"^SCHEMA_VERSION\s*=\s*(\d+)\s*$", source, re.MULTILINE)
        if m:
            return int(m.group(1))
        from ..record import models as module
    return module.SCHEMA_VERSION


def expected_meta() -> dict[str, str]:
    """What the index was built for; any difference rebuilds it. The problems it stores
    are worded in the interface's language, so that is part of it too."""
    from ..i18n import language

    return {
        "index_format": str(INDEX_FORMAT),
        "schema_version": str(schema_version()),
        "gazetteer": _gazetteer_key(),
        "language": language(),
    }


META_SQL = "SELECT key, value FROM meta"
# Every object of the database, to compare with a freshly built index (connection.py).
MASTER_SQL = "SELECT type, name, tbl_name, sql FROM sqlite_master"


def schema_statements() -> list[str]:
    return [s for s in SCHEMA.split(";") if s.strip()]


INSERT_META_SQL = "INSERT INTO meta VALUES (?, ?)"

# -- staleness: what the last refresh saw -----------------------------------------------

# Every stored record file as "name/size/mtime_ns", one a line: what the folder scan gives.
KEYS_SQL = "SELECT group_concat(file || '/' || size || '/' || mtime, char(10)) FROM records"
SNAPSHOT_SQL = "SELECT keys, names, dir_mtime FROM snapshot WHERE id = 0"
SAVE_SNAPSHOT_SQL = (
    f"INSERT OR REPLACE INTO snapshot VALUES (0, ({KEYS_SQL}), "
    "(SELECT group_concat(file, char(10)) FROM records), ?)"
)
FILES_SQL = "SELECT file FROM records"
# What validate compares with raw/: each record's raw file as "name/size/mtime_ns".
RAW_KEYS_SQL = (
    "SELECT file, source_file || '/' || raw_size || '/' || raw_mtime, checked FROM records "
    "WHERE ok = 1"
)
ANY_RECORD_SQL = "SELECT 1 FROM records LIMIT 1"
FORM_SQL = "SELECT lemmas FROM forms WHERE form = ?"

# -- problems and counts -----------------------------------------------------------------

PROBLEMS_SQL = (
    "SELECT r.file, p.line, p.col, p.field, p.message FROM problems p "
    "JOIN records r USING (rid) ORDER BY r.file, p.rowid"
)
UNREADABLE_SQL = (
    "SELECT r.file, p.line, p.col, p.field, p.message FROM records r "
    "JOIN problems p USING (rid) WHERE r.ok = 0 ORDER BY r.file, p.rowid"
)
_DUP = "SELECT {0} FROM records WHERE ok = 1 GROUP BY {0} HAVING count(*) > 1"
# Records sharing an id or a source with another: SQL picks those few rows for
# `check_across`, so a large archive hands only them to Python.
DUPLICATES_SQL = (
    "SELECT file, id, sha256 FROM records WHERE ok = 1 AND "
    f"(id IN ({_DUP.format('id')}) OR sha256 IN ({_DUP.format('sha256')})) ORDER BY file"
)
# The name a source came with: its raw name without the `-<sha prefix>` ingest adds to a
# second file of a taken name (versions.original_name, which checks the same in Python).
_ORIGINAL = "replace(source_file, '-' || substr(sha256, 1, 12), '')"
# Records whose source shares its original name with another source's: candidates for
# `versions.version_problems`, which keeps those about the same event.
VERSIONS_SQL = (
    f"SELECT file, id, source_file, sha256 FROM records WHERE ok = 1 AND {_ORIGINAL} IN "
    f"(SELECT {_ORIGINAL} AS o FROM records WHERE ok = 1 GROUP BY o "
    "HAVING count(DISTINCT sha256) > 1) ORDER BY file"
)
COUNT_SQL = "SELECT count(*) FROM records"
TOTALS_SQL = (
    "SELECT coalesce(sum(ok), 0), count(*) - coalesce(sum(ok), 0), "
    "coalesce(sum(n_recs), 0) FROM records"
)
PER_YEAR_SQL = (
    "SELECT substr(start, 1, 4) AS y, count(*) FROM records WHERE ok = 1 "
    "GROUP BY y ORDER BY y IS NULL, y"
)
PER_TYPE_SQL = (
    "SELECT type, count(*) AS c FROM records WHERE ok = 1 GROUP BY type ORDER BY c DESC, type"
)


def top_names_sql(*, distinct_records: bool) -> str:
    """The most frequent lemma keys of one kind of name (params: kind, excluded role, top)."""
    measure = "count(DISTINCT rn.rid)" if distinct_records else "count(*)"
    return (
        f"SELECT n.lkey, {measure} AS c FROM record_names rn JOIN names n USING (nid) "
        "WHERE n.kind = ? AND rn.role != ? GROUP BY n.lkey ORDER BY c DESC, n.lkey LIMIT ?"
    )


# The most frequent spelling of one lemma key (params: kind, lkey).
SPELLING_SQL = (
    "SELECT n.name FROM record_names rn JOIN names n USING (nid) "
    "WHERE n.kind = ? AND n.lkey = ? GROUP BY n.nid ORDER BY count(*) DESC, n.name LIMIT 1"
)

# -- searching ----------------------------------------------------------------------------


class Hit(NamedTuple):
    """A record a search found: what the terminal table shows, and where its YAML is."""

    rid: int
    file: str
    id: str
    date: str | None  # the event's start, else the adoption date
    type: str
    event: str  # the event's name, else the document's title
    place: str | None
    recommendations: int
    plain: bool  # its YAML is exactly its JSON form


class Summary(NamedTuple):
    """What the web app's list shows of a record beside its `Hit`."""

    title: str
    reviewed: bool
    organizations: int  # counts of each list
    persons: int
    places: int
    speakers: int
    warnings: tuple[str, ...]  # as stored in the record (English, "field: message")


# Every readable record's `Summary` columns, after its rid; warnings as a JSON list.
SUMMARIES_SQL = (
    "SELECT rid, title, reviewed, n_orgs, n_persons, n_places, n_speakers, warnings "
    "FROM records WHERE ok = 1"
)


class Search(NamedTuple):
    """Record filters, every one of which must hold; names and texts as query lemma sets.

    `names`: (kind, one lemma set per query word): some name of that kind holds every
    word. `text`: one lemma set per word, every word in one text (title, event name or a
    recommendation; only recommendations with `recommendation_texts`). Lemma sets of
    words the index has never met are fine: they simply match nothing.
    """

    type: str | None = None
    date_from: str | None = None  # ISO dates
    date_to: str | None = None
    names: tuple[tuple[str, tuple[frozenset[str], ...]], ...] = ()
    text: tuple[frozenset[str], ...] | None = None
    recommendation_texts: bool = False


_HIT_COLUMNS = "rid, file, id, start, type, event, place, n_recs, plain FROM records WHERE ok = 1"


def name_nids_sql(kind: str, lemma_sets: tuple[frozenset[str], ...]) -> tuple[str, list]:
    """SQL selecting the names of `kind` holding every word (by any of its lemmas)."""
    parts, params = [], []
    for lemmas in lemma_sets:
        marks = ", ".join("?" * len(lemmas))
        parts.append(f"SELECT nid FROM name_lemmas WHERE kind = ? AND lemma IN ({marks})")
        params += [kind, *sorted(lemmas)]
    if not parts:
        return "SELECT NULL WHERE 0", []
    return " INTERSECT ".join(parts), params


def codes_sql(count: int) -> str:
    """The codes of `count` lemmas (those the index has met)."""
    return f"SELECT code FROM lemmas WHERE lemma IN ({', '.join('?' * count)})"


def code_token(code: int) -> str:
    """A lemma code as an FTS token: base 36, lower case (the ascii tokenizer folds case)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        code, d = divmod(code, 36)
        out = digits[d] + out
        if not code:
            return out


def fts_expression(code_groups: list[list[int]]) -> str | None:
    """An FTS5 expression: every group by any of its codes; None when a group is empty."""
    if not code_groups or not all(code_groups):
        return None
    return " AND ".join(
        "(" + " OR ".join(f'"{code_token(c)}"' for c in sorted(group)) + ")"
        for group in code_groups
    )


def search_sql(search: Search, match: str | None) -> tuple[str, list]:
    """SQL finding the records that pass `search`, by event date then id, as `Hit` rows.

    `match` is the FTS expression of `search.text` (`fts_expression`): the words as codes.
    """
    where, params = [], []
    if search.type:
        where.append("type = ?")
        params.append(search.type)
    if search.date_from:
        where.append('start IS NOT NULL AND "end" >= ?')
        params.append(search.date_from)
    if search.date_to:
        where.append("start IS NOT NULL AND start <= ?")
        params.append(search.date_to)
    for kind, lemma_sets in search.names:
        sql, p = name_nids_sql(kind, lemma_sets)
        where.append(f"rid IN (SELECT rid FROM record_names WHERE nid IN ({sql}))")
        params += p
    if search.text is not None:
        if match is None:
            where.append("0")
        else:
            where.append(f"rid IN ({_texts_sql(search.recommendation_texts)})")
            params.append(match)
    conditions = "".join(f" AND {w}" for w in where)
    return f"SELECT {_HIT_COLUMNS}{conditions} ORDER BY coalesce(start, ''), id", params


def _texts_sql(recommendations_only: bool) -> str:
    slot = f" AND (rowid & {_SLOT_MASK}) >= {FIRST_REC_SLOT}" if recommendations_only else ""
    return f"SELECT rowid >> {SLOT_BITS} FROM texts WHERE texts MATCH ?{slot}"


# (rid, recommendation index) of the recommendations whose text matches (param: the FTS
# expression).
TEXT_RECS_SQL = (
    f"SELECT rowid >> {SLOT_BITS}, (rowid & {_SLOT_MASK}) - {FIRST_REC_SLOT} FROM texts "
    f"WHERE texts MATCH ? AND (rowid & {_SLOT_MASK}) >= {FIRST_REC_SLOT}"
)


def addressed_sql(lemma_sets: tuple[frozenset[str], ...]) -> tuple[str, list]:
    """(rid, recommendation index) of the recommendations to an addressee holding every word."""
    sql, params = name_nids_sql("addressee", lemma_sets)
    return f"SELECT rid, rec FROM record_names WHERE rec IS NOT NULL AND nid IN ({sql})", params


def text_rowid(rid: int, slot: int) -> int:
    return (rid << SLOT_BITS) | slot


def text_rowids(rid: int) -> tuple[int, int]:
    """The first and last rowid a record's texts may have."""
    return rid << SLOT_BITS, (rid << SLOT_BITS) | _SLOT_MASK


MAX_SLOTS = 1 << SLOT_BITS
