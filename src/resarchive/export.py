"""Writing records and recommendation rows out: JSON, JSON Lines, YAML, CSV, rich tables.

Records here are JSON-ready dicts (what `Record.model_dump(mode="json")` gives), read from
the records' YAML (`records.py`); the terminal table shows the index's `Hit`s and reads no
YAML. CSV is written for Excel and people by `csvout.py` (BOM, formula guard, lists joined
with "; ", yes/no); its header keeps the record's English field names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .archive import Archive
    from .csvout import CsvOptions
    from .query import Filters, RecommendationRow

FORMATS = ("json", "jsonl", "yaml", "csv")
RECORD_COLUMNS = [
    "id", "start", "end", "type", "name", "place", "title", "kind", "adopted_on", "format",
    "organizers", "participants", "organizations", "persons", "places", "recommendations",
    "source_file", "reviewed",
]  # fmt: skip
RECOMMENDATION_COLUMNS = ["id", "date", "event", "number", "section", "addressee", "text"]


def _names(items: Iterable[dict]) -> list[str]:
    return [item["name"] for item in items]


def record_row(record: dict) -> list:
    """One CSV row for a record: the fields an analyst sorts and filters by (lists and
    booleans as they are: `csvout.cell` writes them for a person)."""
    e, d = record["event"], record["document"]
    return [
        record["id"], e.get("start"), e.get("end"), e["type"], e.get("name"), e.get("place"),
        d["title"], d["kind"], d.get("adopted_on"), e.get("format"),
        e.get("organizers", []), (e.get("participants") or {}).get("total"),
        _names(record.get("organizations", [])), _names(record.get("persons", [])),
        _names(record.get("places", [])),
        len(record.get("recommendations", [])), record["source"]["file"], record.get("reviewed"),
    ]  # fmt: skip


def recommendation_row(row: RecommendationRow) -> list:
    return [row.record_id, row.date, row.event, row.number, row.section, row.addressee, row.text]


def write(
    found: list,
    fmt: str,
    out: IO[str],
    *,
    rows: str = "records",
    csv_options: CsvOptions | None = None,
) -> None:
    """Write records (dicts) or recommendation rows in `fmt` (json, jsonl, yaml, csv);
    `csv_options` (delimiter, formula guard, BOM) default to `csvout.CsvOptions()`."""
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
        from .csvout import CsvOptions, write_csv

        options = csv_options or CsvOptions()
        if recs:
            write_csv(RECOMMENDATION_COLUMNS, map(recommendation_row, found), out, options)
        else:
            write_csv(RECORD_COLUMNS, map(record_row, found), out, options)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def export(
    archive: Archive,
    fmt: str,
    out: IO[str],
    *,
    rows: str = "records",
    filters: Filters | None = None,
    csv_options: CsvOptions | None = None,
    on_skip: Callable[[Any], None] | None = None,
) -> int:
    """Write the whole archive (or what `filters` match) to `out`; returns the count.

    CSV as `csvout.py` writes it (a BOM, so that Excel reads it as UTF-8). Records that do
    not parse are left out, each handed to `on_skip` (a `RecordProblem`: file, line, field,
    message).
    """
    from .query import Filters, find_recommendations, find_records, open_index

    with open_index(archive) as index:
        for problem in index.unreadable() if on_skip is not None else ():
            on_skip(problem)
        if rows == "recommendations":
            found: list = find_recommendations(index, filters or Filters())
        else:
            found = find_records(index, filters or Filters())
    write(found, fmt, out, rows=rows, csv_options=csv_options)
    return len(found)


def table_rows(found: list, *, rows: str = "records") -> tuple[list[str], list[list[str]]]:
    """The headings (in the interface's language) and rows of the terminal table of records
    (the index's hits) or recommendation rows; `console.print_table` prints them whole."""
    from .i18n import _
    from .terms import type_name

    if rows == "recommendations":
        headers = ["id", _("date"), _("addressee"), _("recommendation")]
        return headers, [[r.record_id, r.date or "", r.addressee or "", r.text] for r in found]
    headers = ["id", _("date"), _("type"), _("event"), _("place"), _("recs")]
    return headers, [
        [hit.id, hit.date or "", type_name(hit.type), hit.event, hit.place or "",
         str(hit.recommendations)]
        for hit in found  # the index's Hits
    ]  # fmt: skip
