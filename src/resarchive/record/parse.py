"""Reading one record file: a Record, or a RecordProblem naming the file, the field and the line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pydantic loads only when a record is parsed
    from .models import Record


@dataclass
class RecordProblem:
    """A record file that cannot be read as a Record: where and why."""

    path: Path
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


def parse_record(path: Path, text: str) -> Record | RecordProblem:
    """Read one record's YAML text; a problem names the file, the field and, if known, the line."""
    import yaml
    from pydantic import ValidationError

    from . import yamlio
    from .models import Record

    try:
        data = yamlio.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return RecordProblem(path, "", f"YAML error: {problem}", mark.line + 1 if mark else None)
    if not isinstance(data, dict):
        return RecordProblem(path, "", "not a YAML mapping")
    try:
        return Record.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "record"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        return RecordProblem(path, field, err["msg"] + more, _line_of_key(text, err["loc"]))


def _line_of_key(text: str, loc: tuple) -> int | None:
    """The line where the top-level key of an error sits, to point a hand editor at it."""
    if not loc or not isinstance(loc[0], str):
        return None
    m = re.search(rf"^{re.escape(loc[0])}:", text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None
