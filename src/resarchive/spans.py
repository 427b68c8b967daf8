"""`text ID --span …`: the part of the source text a span points to.

A span is named as a person finds it in the record: an item of a list field, counted from
1 as a person counts (`persons.2`, `recommendations.3`, also `persons[2]`), or the two
offsets of a `span: [1200, 1285]` line (`1200:1285`, `1200-1285`, `1200,1285`,
`[1200, 1285]`). The text printed is exactly `source_text[start:end]`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .i18n import _

if TYPE_CHECKING:
    from .record.models import Record

FIELDS = ("organizations", "persons", "places", "speakers", "recommendations")
_OFFSETS = re.compile(r"\s*\[?\s*(\d+)\s*[:,\-–]\s*(\d+)\s*\]?\s*")
_ITEM = re.compile(r"\s*([a-z_]+)\s*(?:\.|\[)\s*(\d+)\s*\]?\s*")


def find_span(record: Record, spec: str, length: int | None = None) -> tuple[int, int]:
    """The (start, end) that `spec` names in `record`; `length`, the source text's length
    in characters, bounds it when given.

    Raises ValueError, its message in the interface's language, for a spec that names no
    span of the record or one that ends past the text.
    """
    start, end = _named_span(record, spec)
    if length is not None and end > length:
        raise ValueError(
            _("{spec}: the text ends at {length}, before {end}").format(
                spec=spec, length=length, end=end
            )
        )
    return start, end


def _named_span(record: Record, spec: str) -> tuple[int, int]:
    if m := _OFFSETS.fullmatch(spec):
        start, end = int(m.group(1)), int(m.group(2))
        if start > end:
            raise ValueError(_("{spec}: the start is after the end").format(spec=spec))
        return start, end
    m = _ITEM.fullmatch(spec)
    if m is None or m.group(1) not in FIELDS:
        raise ValueError(
            _("{spec} names no span: give a field and an item number ({example}) or two "
              "offsets (1200:1285); fields: {fields}").format(
                spec=repr(spec), example="persons.2", fields=", ".join(FIELDS)
            )
        )  # fmt: skip
    field, number = m.group(1), int(m.group(2))
    items = getattr(record, field)
    if not 1 <= number <= len(items):
        raise ValueError(
            _("{field}.{number}: the record has no such item ({field}: {count})").format(
                field=field, number=number, count=len(items)
            )
        )
    return items[number - 1].span
