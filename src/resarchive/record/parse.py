"""Reading one record file: a Record, or the problems of it, each naming the file, the
line and column, the field and the cause in words a methodist can act on.

The YAML is read by `canonical` (exactly what `ingest` writes, fast) or, for anything
else, by `safe_yaml` (bounded, aliases refused, dates kept as text); the schema is
pydantic's, and its errors are worded by `describe` and placed with the
positions `safe_yaml` reads from the same text, so that a problem points at the
offending key or value, nested fields included.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .problems import MAX_PROBLEMS, Places, RecordProblem, field_name

if TYPE_CHECKING:  # pydantic loads only when a record is parsed
    from .models import Record

__all__ = [
    "MAX_PROBLEMS",
    "MAX_RECORD_BYTES",
    "Places",
    "RecordProblem",
    "field_name",
    "parse_record",
    "read_record",
]

# A record is at most this many bytes (`ingest` writes a few dozen KB; the largest
# extracted text allowed is 1 GB but a record holds its items, not the text).
MAX_RECORD_BYTES = 64 * 1024**2


def read_record(path: Path, text: str) -> Record | list[RecordProblem]:
    """The Record in one record file's text, or its problems (at most MAX_PROBLEMS + 1)."""
    from pydantic import ValidationError

    from . import canonical
    from .models import Record
    from .safe_yaml import YamlProblem, load

    if len(text) > MAX_RECORD_BYTES:
        from ..i18n import _

        limit = MAX_RECORD_BYTES // 1024**2
        message = _("a record file of over {limit} MB: not a record").format(limit=limit)
        return [RecordProblem(path, "", message, 1, 1)]
    data = canonical.load(text)
    if data is None:
        try:
            data = load(text)
        except YamlProblem as exc:
            return [RecordProblem(path, field_name(exc.loc), exc.message, exc.line, exc.column)]
    try:
        return Record.model_validate(data)
    except ValidationError as exc:
        from .describe import describe

        return describe(exc, data, path, Places(text))


def parse_record(path: Path, text: str) -> Record | RecordProblem:
    """Read one record's YAML text: the Record, or its first problem."""
    found = read_record(path, text)
    return found[0] if isinstance(found, list) else found
