"""Reading the records a query found back from their YAML files, as JSON-ready dicts.

The index keeps no copy of the records: `query --format json|yaml|csv`, `--rows
recommendations` and `export` read the YAML of the records they print. Records the index
calls plain (their YAML is exactly their JSON form, as `ingest` writes them) load with the
fast loader alone; others go through pydantic, which fills defaults and writes dates as
text, so every record prints as `Record.model_dump(mode="json")` gives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .archive import Archive
    from .index import Hit


def read_records(archive: Archive, hits: list[Hit], *, keep_missing: bool = False) -> list:
    """The records of `hits`, in order. A file that vanished or broke since the index
    looked is left out (None in its place with `keep_missing`)."""
    from .record.fastload import record_data

    out = []
    for hit in hits:
        try:
            text = (archive.structured / hit.file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            data = None
        else:
            data = record_data(text, plain=hit.plain)
        if data is not None or keep_missing:
            out.append(data)
    return out
