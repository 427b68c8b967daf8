"""pydantic's schema errors in words a methodist can act on, each at its key or value.

No library text reaches the user: every error type a record can meet has its message
here, marked for translation; any other says "invalid value". A misspelt key gets the
nearest field name (difflib), a wrong choice the valid ones.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import _
from .problems import MAX_PROBLEMS, Places, RecordProblem

if TYPE_CHECKING:
    from pydantic import ValidationError

    from .safe_yaml import Loc

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_SHOWN = 60  # characters of a wrong value quoted in a message


def describe(exc: ValidationError, data: Any, path: Path, places: Places) -> list[RecordProblem]:
    """One problem per schema error, in file order, at most MAX_PROBLEMS and a count."""
    problems = []
    for err in exc.errors(include_url=False):
        loc, message, key = _worded(err, data)
        problems.append(places.problem(path, loc, message, key=key))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        last = problems[MAX_PROBLEMS - 1]
        more = _("and {count} more problem(s) in this record").format(count=rest)
        problems = [*problems[:MAX_PROBLEMS], RecordProblem(path, "", more, last.line, None)]
    return problems


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _worded(err: dict, data: Any) -> tuple[Loc, str, bool]:
    """(where, message, whether to point at the key rather than the value)."""
    kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        return loc, _unknown_field(loc), True
    if kind == "missing":
        if len(loc) >= 2 and loc[-2] == "span":
            return loc[:-1], _("a span is two numbers: [start, end]"), False
        return loc, _("a required field is missing"), True
    if kind == "value_error" and loc == ("event",):
        return ("event", "end"), _("the end date is before the start date (event.start)"), False
    in_span = loc and loc[-1] == "span" or len(loc) >= 2 and loc[-2] == "span"
    if in_span and kind in ("tuple_type", "too_long", "too_short"):
        return loc, _("a span is two numbers: [start, end]"), False
    if kind.startswith("date"):
        if isinstance(value, str) and _ISO_DATE.match(value):
            return loc, _("there is no such date: {value}").format(value=value), False
        return loc, _("a date must be written as YYYY-MM-DD, e.g. 2021-11-24"), False
    if kind == "literal_error":
        return loc, _choice(value, ctx.get("expected", "")), False
    if kind.startswith("int") or kind in ("finite_number", "float_type", "float_parsing"):
        return loc, _("must be a whole number"), False
    if kind == "greater_than_equal":
        return loc, _("must not be below {limit}").format(limit=ctx.get("ge")), False
    if kind == "string_type":
        if value is None:
            return loc, _("must be filled in (it is empty: null)"), False
        return loc, _("must be text"), False
    if kind == "string_pattern_mismatch":
        if loc == ("id",):
            return loc, _("an id is lower-case Latin letters, digits and hyphens"), False
        if loc == ("source", "sha256"):
            return loc, _("must be the 64 hexadecimal digits of the raw file's sha256"), False
        return loc, _("does not have the expected form"), False
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return loc, _("longer than {limit} characters").format(limit=limit), False
    if kind.startswith("bool"):
        return loc, _("must be true or false"), False
    if kind == "list_type":
        return loc, _("must be a list (lines starting with «- »)"), False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return loc, _("must be a group of fields («name: value» on indented lines)"), False
    return loc, _("invalid value"), False


def _choice(value: Any, expected: str) -> str:
    choices = re.findall(r"'([^']*)'", expected)
    message = _("«{value}» is not one of: {choices}").format(
        value=_shown(value), choices=", ".join(choices)
    )
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
    if close:
        message += "; " + _("did you mean «{name}»?").format(name=close[0])
    return message


def _unknown_field(loc: Loc) -> str:
    key = str(loc[-1])
    fields = fields_at(loc[:-1])
    close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    if close:
        return _("unknown field «{key}»; did you mean «{name}»?").format(
            key=_shown(key), name=close[0]
        )
    return _("unknown field «{key}»; the fields here are: {fields}").format(
        key=_shown(key), fields=", ".join(fields)
    )


def fields_at(loc: Loc) -> list[str]:
    """The field names of the model at `loc` in a record (list indices skipped).

    >>> fields_at(("event", "participants"))
    ['total', 'offline', 'online']
    """
    from pydantic import BaseModel

    from .models import Record

    model: type[BaseModel] = Record
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        if field is None:
            return []
        inner = _model_in(field.annotation)
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside `X`, `X | None` or `list[X]`, if any."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
