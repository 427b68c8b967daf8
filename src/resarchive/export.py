"""Writing records and recommendation rows out: JSON, JSON Lines, YAML, CSV, rich tables.

Records here are JSON-ready dicts (what `Record.model_dump(mode="json")` gives), read from
the records' YAML (`records.py`); the terminal table shows the index's `Hit`s and reads no
YAML. CSV flattens lists with "; " and, for files, starts with a BOM (utf-8-sig) so Excel
opens Cyrillic correctly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

    from .archive import Archive
    from .index import Hit
    from .query import Filters, RecommendationRow

FORMATS = ("json", "jsonl", "yaml", "csv")
RECORD_COLUMNS = [
    "id", "start", "end", "type", "name", "place", "title", "kind", "adopted_on", "format",
    "organizers", "participants", "organizations", "persons", "places", "recommendations",
    "source_file", "reviewed",
]  # fmt: skip
RECOMMENDATION_COLUMNS = ["id", "date", "event", "number", "section", "addressee", "text"]
BOM = "\ufeff"


def _joined(items: Iterable[Any]) -> str:
    return "; ".join(str(x) for x in items if x)


def record_row(record: dict) -> list:
    """One CSV row for a record: the fields an analyst sorts and filters by."""
    e, d = record["event"], record["document"]
    return [
        record["id"], e.get("start"), e.get("end"), e["type"], e.get("name"), e.get("place"),
        d["title"], d["kind"], d.get("adopted_on"), e.get("format"),
        _joined(e.get("organizers", [])), (e.get("participants") or {}).get("total"),
        _joined(o["name"] for o in record.get("organizations", [])),
        _joined(p["name"] for p in record.get("persons", [])),
        _joined(p["name"] for p in record.get("places", [])),
        len(record.get("recommendations", [])), record["source"]["file"], record.get("reviewed"),
    ]  # fmt: skip


def recommendation_row(row: RecommendationRow) -> list:
    return [row.record_id, row.date, row.event, row.number, row.section, row.addressee, row.text]


def write(found: list, fmt: str, out: IO[str], *, rows: str = "records", bom: bool = False) -> None:
    """Write records (dicts) or recommendation rows in `fmt` (json, jsonl, yaml, csv)."""
    recs = rows == "recommendations"
    dicts = [r.as_dict() for r in found] if recs else found
    if fmt in ("json", "jsonl"):
        import json  # here, as csv below: the terminal table needs neither

        texts = [json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in dicts]
        if fmt == "jsonl":
            out.writelines(t + "\n" for t in texts)
        else:
            out.write("[\n" + ",\n".join(texts) + "\n]\n" if texts else "[]\n")
    elif fmt == "yaml":
        from .record import yamlio

        out.write("---\n".join(yamlio.dump(item) for item in dicts))
    elif fmt == "csv":
        import csv

        if bom:
            out.write(BOM)
        writer = csv.writer(out, lineterminator="\r\n" if bom else "\n")
        if recs:
            writer.writerow(RECOMMENDATION_COLUMNS)
            writer.writerows(recommendation_row(r) for r in found)
        else:
            writer.writerow(RECORD_COLUMNS)
            writer.writerows(record_row(r) for r in found)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def export(
    archive: Archive,
    fmt: str,
    out: IO[str],
    *,
    rows: str = "records",
    filters: Filters | None = None,
    on_skip: Callable[[Any], None] | None = None,
) -> int:
    """Write the whole archive (or what `filters` match) to `out`; returns the count.

    CSV gets a BOM so that Excel reads it as UTF-8. Records that do not parse are left out,
    each handed to `on_skip` (a `RecordProblem`: file, line, field, message).
    """
    from .query import Filters, find_recommendations, find_records, open_index

    with open_index(archive) as index:
        for problem in index.unreadable() if on_skip is not None else ():
            on_skip(problem)
        if rows == "recommendations":
            found: list = find_recommendations(index, filters or Filters())
        else:
            found = find_records(index, filters or Filters())
    write(found, fmt, out, rows=rows, bom=fmt == "csv")
    return len(found)


def rich_table(found: list, *, rows: str = "records") -> Table:
    """A terminal table of records (the index's hits) or recommendation rows. Cells are
    plain text (`output.cell`): document text is never read as markup."""
    from rich.table import Table

    from .output import cell

    if rows == "recommendations":
        table = Table("id", "date", "addressee", "text")
        for r in found:
            table.add_row(*map(cell, (r.record_id, r.date, r.addressee, r.text)))
        return table
    table = Table("id", "date", "type", "event", "place", "recs")
    hit: Hit
    for hit in found:
        values = (hit.id, hit.date, hit.type, hit.event, hit.place, hit.recommendations)
        table.add_row(*map(cell, values))
    return table
