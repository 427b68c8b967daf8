"""A problem of one record file (`RecordProblem`), and where in the file a field is
(`Places`): line and column of a key or value, read from the YAML when first asked.

Every check (YAML, schema, raw file, spans, across records) reports through these, so
every problem prints in one style: `FILE:LINE:COLUMN: field: message`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .safe_yaml import Loc, Position

# Problems listed for one record; the rest are counted on one more line.
MAX_PROBLEMS = 20


@dataclass
class RecordProblem:
    """A record file that is not (or not quite) a valid record: where and why.

    `line` and `column` are 1-based and point at the offending key or value (None when
    the file cannot be read at all); `field` is the path a person reads
    (`recommendations[3].span`, items counted from 1)."""

    path: Path
    field: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line:
            where += f":{self.line}:{self.column}" if self.column else f":{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


def field_name(loc: Loc) -> str:
    """A pydantic/YAML location as a person reads it: items counted from 1.

    >>> field_name(("recommendations", 2, "span"))
    'recommendations[3].span'
    >>> field_name(())
    ''
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class Places:
    """Where the fields of one record file are, read from its text when first asked."""

    def __init__(self, text: str | None) -> None:
        self.text = text
        self._found: dict[Loc, Position] | None = None

    def find(self, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
        """(line, column) of the value at `loc` (of its key with `key`); the nearest
        enclosing field's key when `loc` is not in the file (a missing field)."""
        if self._found is None:
            from .safe_yaml import positions

            self._found = positions(self.text) if self.text is not None else {}
        found = self._found.get(tuple(loc))
        if found is not None:
            return found[:2] if key else found[2:]
        for end in range(len(loc) - 1, 0, -1):
            found = self._found.get(tuple(loc[:end]))
            if found is not None:
                return found[:2]
        return (1, 1) if self.text else (None, None)

    def problem(self, path: Path, loc: Loc, message: str, *, key: bool = False) -> RecordProblem:
        line, column = self.find(loc, key=key)
        return RecordProblem(path, field_name(loc), message, line, column)
