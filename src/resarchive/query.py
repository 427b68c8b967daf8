"""Finding records and recommendations through the index: every filter must hold.

Names and texts match by lemmas (pymorphy3 only, and only for query words the index has
never seen): `--person Чернова` finds "Чернов Владимир Николаевич", `--text "социальные
сети"` finds "в социальных сетях". Each query word must share a lemma with some word of
one name (or one text); the index also gives every organization name the lemmas of its
abbreviation or full name from the gazetteer, so `--org РБА` and "Российская библиотечная
ассоциация" find each other.

With rows="recommendations", `org`, `person`, `place`, dates and `type` pick records and
`addressee` and `text` pick the recommendations listed from them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .lemmas import words

if TYPE_CHECKING:
    from .index import Index

# "им. Маяковского" and "имени Маяковского" name the same library: neither word counts.
_ORG_FILLER = frozenset({"им", "имени"})


@dataclass(frozen=True)
class Filters:
    org: str | None = None
    person: str | None = None
    place: str | None = None
    addressee: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    type: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class RecommendationRow:
    """One recommendation with the record it comes from."""

    record_id: str
    date: str | None
    event: str | None
    number: int | None
    section: str | None
    addressee: str | None
    text: str

    def as_dict(self) -> dict:
        return {
            "id": self.record_id,
            "date": self.date,
            "event": self.event,
            "number": self.number,
            "section": self.section,
            "addressee": self.addressee,
            "text": self.text,
        }


def name_words(query: str, kind: str) -> list[str]:
    """The query words that must match: initials ("В. В.") and "им."/"имени" do not count."""
    ws = words(query)
    keep = [w for w in ws if not (len(w) == 1 and w.isalpha())]
    if kind == "org":
        keep = [w for w in keep if w not in _ORG_FILLER]
    return keep or ws


def _name_nids(index: Index, kind: str, query: str) -> tuple[str, list]:
    """SQL selecting the ids of names holding every query word (by lemma), and its params."""
    parts, params = [], []
    for lemmas in index.word_lemmas(name_words(query, kind)):
        marks = ", ".join("?" * len(lemmas))
        parts.append(f"SELECT nid FROM name_lemmas WHERE kind = ? AND lemma IN ({marks})")
        params += [kind, *sorted(lemmas)]
    if not parts:
        return "SELECT NULL WHERE 0", []
    return " INTERSECT ".join(parts), params


def _fts_query(index: Index, text: str) -> str | None:
    """An FTS5 expression: every word of `text` by any of its lemmas."""
    groups = []
    for lemmas in index.word_lemmas(words(text)):
        quoted = ('"' + x.replace('"', '""') + '"' for x in sorted(lemmas))
        groups.append("(" + " OR ".join(quoted) + ")")
    return " AND ".join(groups) or None


def _record_sql(index: Index, f: Filters, *, rows: bool) -> tuple[str, list]:
    where, params = ["ok = 1"], []
    if f.type:
        where.append("type = ?")
        params.append(f.type)
    if f.date_from:
        where.append('start IS NOT NULL AND "end" >= ?')
        params.append(f.date_from.isoformat())
    if f.date_to:
        where.append("start IS NOT NULL AND start <= ?")
        params.append(f.date_to.isoformat())
    for kind, value in (("org", f.org), ("person", f.person), ("place", f.place)):
        if value:
            sql, p = _name_nids(index, kind, value)
            where.append(f"rid IN (SELECT rid FROM record_names WHERE nid IN ({sql}))")
            params += p
    if f.addressee:
        sql, p = _name_nids(index, "addressee", f.addressee)
        where.append(f"rid IN (SELECT rid FROM record_names WHERE nid IN ({sql}))")
        params += p
    if f.text:
        match = _fts_query(index, f.text)
        if match is None:
            where.append("0")
        else:
            # In rows mode only a recommendation's own text counts (slots 2 and up).
            slot = f" AND (rowid & {(1 << 16) - 1}) >= 2" if rows else ""
            where.append(f"rid IN (SELECT rowid >> 16 FROM texts WHERE texts MATCH ?{slot})")
            params.append(match)
    sql = (
        "SELECT rid, json FROM records JOIN docs USING (rid) WHERE "
        + " AND ".join(where)
        + " ORDER BY coalesce(start, ''), id"
    )
    return sql, params


def find_records(index: Index, filters: Filters) -> list[dict]:
    """The records (as JSON-ready dicts) passing every filter, by event date then id."""
    return [json.loads(js) for js in find_records_json(index, filters)]


def find_records_json(index: Index, filters: Filters, *, as_bytes: bool = False) -> list:
    """The same records as the compact JSON the index holds: writing JSON needs no re-encoding.

    `as_bytes` gives UTF-8 bytes, to copy to a binary stream without decoding at all.
    """
    sql, params = _record_sql(index, filters, rows=False)
    if as_bytes:
        sql = sql.replace("SELECT rid, json ", "SELECT rid, CAST(json AS BLOB) ", 1)
    return [js for _, js in index.con.execute(sql, params)]


def find_recommendations(index: Index, filters: Filters) -> list[RecommendationRow]:
    """The recommendations of matching records that pass `addressee` and `text`."""
    sql, params = _record_sql(index, filters, rows=True)
    found = index.con.execute(sql, params).fetchall()
    allowed_sets = []
    if filters.addressee:
        nids, p = _name_nids(index, "addressee", filters.addressee)
        allowed_sets.append(
            set(
                index.con.execute(
                    f"SELECT rid, rec FROM record_names WHERE nid IN ({nids})", p
                ).fetchall()
            )
        )
    if filters.text:
        match = _fts_query(index, filters.text)
        if match is None:
            return []
        allowed_sets.append(
            {
                (rowid >> 16, (rowid & 0xFFFF) - 2)
                for (rowid,) in index.con.execute(
                    "SELECT rowid FROM texts WHERE texts MATCH ?", (match,)
                )
            }
        )
    out = []
    for rid, js in found:
        record = json.loads(js)
        event = record["event"]
        when = event.get("start") or record["document"].get("adopted_on")
        for i, rec in enumerate(record.get("recommendations", [])):
            if all((rid, i) in allowed for allowed in allowed_sets):
                out.append(
                    RecommendationRow(
                        record["id"],
                        when,
                        event.get("name") or record["document"]["title"],
                        rec.get("number"),
                        rec.get("section"),
                        rec.get("addressee"),
                        rec["text"],
                    )  # fmt: skip
                )
    return out


def open_index(archive, *, workers: int | None = None) -> Index:
    """The archive's index, refreshed: what queries and stats read."""
    from .index import WORKERS, Index

    index = Index(archive, workers=WORKERS if workers is None else workers)
    index.refresh()
    return index
