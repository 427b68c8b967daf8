"""What the archive holds, counted from the index: per year, per event type, top names.

Organizations, places and addressees are grouped by their lemma key, so "Российская
библиотечная ассоциация" and "Российской библиотечной ассоциации" count as one; each group
shows its most frequent spelling. Organizations and places count records, addressees count
recommendations.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .archive import Archive
    from .index import Index


@dataclass
class Stats:
    records: int = 0
    unreadable: int = 0
    recommendations: int = 0
    per_year: list[tuple[str, int]] = field(default_factory=list)
    per_type: list[tuple[str, int]] = field(default_factory=list)
    organizations: list[tuple[str, int]] = field(default_factory=list)
    places: list[tuple[str, int]] = field(default_factory=list)
    addressees: list[tuple[str, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("per_year", "per_type", "organizations", "places", "addressees"):
            data[key] = [{"name": name, "count": n} for name, n in data[key]]
        return data


def _top_names(index: Index, kind: str, top: int, *, count: str, exclude_role: str = "") -> list:
    """The `top` most frequent names of `kind` (by lemma key), with their counts."""
    # count: "records" counts distinct records, "rows" counts occurrences.
    measure = "count(DISTINCT rn.rid)" if count == "records" else "count(*)"
    rows = index.con.execute(
        f"SELECT n.lkey, {measure} AS c FROM record_names rn JOIN names n USING (nid) "
        "WHERE n.kind = ? AND rn.role != ? GROUP BY n.lkey ORDER BY c DESC, n.lkey LIMIT ?",
        (kind, exclude_role, top),
    ).fetchall()
    out = []
    for lkey, n in rows:
        (name,) = index.con.execute(
            "SELECT n.name FROM record_names rn JOIN names n USING (nid) "
            "WHERE n.kind = ? AND n.lkey = ? GROUP BY n.nid ORDER BY count(*) DESC, n.name "
            "LIMIT 1",
            (kind, lkey),
        ).fetchone()
        out.append((name, n))
    return out


def index_stats(index: Index, *, top: int = 10) -> Stats:
    con = index.con
    stats = Stats()
    stats.records = con.execute("SELECT count(*) FROM records WHERE ok = 1").fetchone()[0]
    stats.unreadable = con.execute("SELECT count(*) FROM records WHERE ok = 0").fetchone()[0]
    stats.recommendations = con.execute(
        "SELECT coalesce(sum(n_recs), 0) FROM records WHERE ok = 1"
    ).fetchone()[0]
    stats.per_year = [
        (year or "unknown", n)
        for year, n in con.execute(
            "SELECT substr(start, 1, 4) AS y, count(*) FROM records WHERE ok = 1 "
            "GROUP BY y ORDER BY y IS NULL, y"
        )
    ]
    stats.per_type = con.execute(
        "SELECT type, count(*) AS c FROM records WHERE ok = 1 GROUP BY type ORDER BY c DESC, type"
    ).fetchall()
    stats.organizations = _top_names(index, "org", top, count="records", exclude_role="short")
    stats.places = _top_names(index, "place", top, count="records")
    stats.addressees = _top_names(index, "addressee", top, count="rows")
    return stats


def archive_stats(archive: Archive, *, top: int = 10) -> Stats:
    """Counts over the archive's readable records (the index is refreshed first)."""
    from .query import open_index

    with open_index(archive) as index:
        return index_stats(index, top=top)


def rich_tables(stats: Stats) -> list:
    """One rich table per count, for the terminal."""
    from rich.table import Table

    tables = []
    for title, column, what, rows in (
        ("Records per year", "year", "records", stats.per_year),
        ("Records per event type", "type", "records", stats.per_type),
        ("Most frequent organizations", "organization", "records", stats.organizations),
        ("Most frequent places", "place", "records", stats.places),
        ("Most frequent addressees", "addressee", "recommendations", stats.addressees),
    ):
        table = Table(column, what, title=title, title_justify="left")
        for name, n in rows:
            table.add_row(str(name), str(n))
        tables.append(table)
    return tables
