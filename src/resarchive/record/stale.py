"""Warnings follow the record: a warning that a field is empty goes when a person fills it.

The extractor warns about what the text does not state ("event.place: not stated",
"event.type: no event mentioned", "recommendations: no operative part found"). A
methodist who fills such a field by hand answers the warning; `current_warnings` drops
every warning of that kind whose field now has a value, and `Record` applies it whenever a
record is read, so `show`, `query`, `export`, ingest's summaries and `validate` all see the
record's warnings as they are now. The record file keeps its old line until ingest writes
it again; the other warnings (a cut file, OCR, "does not read as a resolution", where the
organizers came from) stay: they say something about the source, not about an empty field.
"""

from __future__ import annotations

from typing import Any

# The messages that say a field is empty (after "FIELD: ").
EMPTY_FIELD = frozenset({"not stated", "no event mentioned", "no operative part found"})


def current_warnings(record: Any) -> list[str]:
    """`record.warnings` without those about an empty field that now has a value (`record`:
    a `models.Record`, which calls this while it is validated)."""
    kept = []
    for warning in record.warnings:
        field, sep, message = warning.partition(": ")
        if sep and message in EMPTY_FIELD and _filled(record, field):
            continue
        kept.append(warning)
    return kept


def _filled(record: Any, field: str) -> bool:
    """Whether the record's `field` (a dotted path: "event.place") has a value."""
    if field == "event.type":
        return record.event.type != "other"
    if field == "event.participants":  # the extractor warns when no total is given
        return record.event.participants.total is not None
    value: Any = record
    for part in field.split("."):
        value = getattr(value, part, None)
        if value is None:
            return False
    return value not in ("", [], {})
