"""The record form: a record as the fields a person edits, what she posted, and its check.

A `Draft` holds every field as the text the page shows, so that a form that fails
validation comes back exactly as it was typed, deleted items still ticked and added
items still there, with each message beside its field. Field names in the form:
- `document.title`, `event.start`, `event.participants.total`, … for single values,
  `event.organizers` (one a line), `reviewed`;
- `persons-3-name`, `persons-3-start`, `persons-3-end`, `persons-3-delete` for the
  record's fourth person as the page showed it; `persons-n1-…` for one the person added
  (its span set by selecting its words in the text).

`build` turns a draft into a Record on top of the record on disk (whatever the form does
not show, `id`, `source`, `warnings`, stays as it is) with the same models as `validate`,
then the form's own checks (an item needs its text and a position in the text) and
`check_record`, the checks `validate` runs on a record (id, raw file, spans).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import _

if TYPE_CHECKING:
    from ..archive import Archive
    from ..record.models import Record

LISTS: dict[str, tuple[str, ...]] = {
    "persons": ("name", "role", "organization"),
    "organizations": ("name", "short", "legal_form"),
    "places": ("name", "kind"),
    "speakers": ("name", "position", "organization", "talk"),
    "recommendations": ("number", "addressee", "text", "section"),
}
REQUIRED = {"recommendations": "text"}  # the others: "name"
LONG_FIELDS = frozenset({"talk", "text", "section"})  # shown as text areas
SCALARS = (
    "document.kind", "document.title", "document.adopted_on",
    "event.type", "event.name", "event.start", "event.end", "event.place", "event.format",
    "event.participants.total", "event.participants.offline", "event.participants.online",
)  # fmt: skip
_ROW_FIELD = re.compile(r"^([a-z]+)-(\d{1,6}|n\d{1,6})-([a-z_]+)$")


@dataclass
class Row:
    """One list item as the form shows it."""

    key: str  # "3": the record's item 3 (0-based) as the page showed it; "n1": added
    values: dict[str, str]
    start: str = ""
    end: str = ""
    deleted: bool = False

    @property
    def new(self) -> bool:
        return self.key.startswith("n")

    @property
    def blank(self) -> bool:
        """An added row left empty: no item."""
        return self.new and not (any(v.strip() for v in self.values.values()) or self.start)


@dataclass
class Draft:
    """A record's form: the record file's version it was opened on, and every field as text."""

    record_id: str
    version: str
    scalars: dict[str, str]
    organizers: str
    reviewed: bool
    lists: dict[str, list[Row]]
    errors: dict[str, list[str]] = field(default_factory=dict)

    def error(self, name: str, message: str) -> None:
        """Note `message` beside the field `name` ("" for the record as a whole)."""
        messages = self.errors.setdefault(name, [])
        if message not in messages:
            messages.append(message)

    def next_key(self, kind: str) -> str:
        """The key of the empty row the page offers for adding an item."""
        taken = [int(r.key[1:]) for r in self.lists[kind] if r.new]
        return f"n{max(taken, default=0) + 1}"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def draft_of(record: Record, version: str) -> Draft:
    """The form of a record as stored."""
    data = record.model_dump(mode="json")
    scalars = {name: _text(_get(data, name)) for name in SCALARS}
    lists = {
        kind: [
            Row(str(i), {f: _text(item.get(f)) for f in fields}, *map(str, item["span"]))
            for i, item in enumerate(data[kind])
        ]
        for kind, fields in LISTS.items()
    }
    organizers = "\n".join(data["event"]["organizers"])
    return Draft(record.id, version, scalars, organizers, record.reviewed, lists)


def draft_from_form(record_id: str, form: Mapping[str, str]) -> Draft:
    """The form as posted: every value as typed, rows in the order the page had them."""
    scalars = {name: str(form.get(name, "")) for name in SCALARS}
    rows: dict[str, dict[str, Row]] = {kind: {} for kind in LISTS}
    for name in form:
        m = _ROW_FIELD.match(name)
        if not m or m.group(1) not in LISTS:
            continue
        kind, key, _field = m.groups()
        if key not in rows[kind]:
            fields = LISTS[kind]
            prefix = f"{kind}-{key}-"
            rows[kind][key] = Row(
                key,
                {f: str(form.get(prefix + f, "")) for f in fields},
                str(form.get(prefix + "start", "")).strip(),
                str(form.get(prefix + "end", "")).strip(),
                deleted=prefix + "delete" in form,
            )
    lists = {kind: sorted(found.values(), key=_row_order) for kind, found in rows.items()}
    return Draft(
        record_id,
        str(form.get("version", "")),
        scalars,
        str(form.get("event.organizers", "")),
        "reviewed" in form or form.get("action") == "review",
        lists,
    )


def _row_order(row: Row) -> tuple[bool, int]:
    return (row.new, int(row.key[1:] if row.new else row.key))


def _get(data: dict, dotted: str) -> Any:
    for part in dotted.split("."):
        data = data[part]
    return data


def _set(data: dict, dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data[part]
    data[last] = value


def _value(text: str) -> str | None:
    """A typed value: surrounding spaces dropped, an empty field is no value (null)."""
    text = text.strip()
    return text or None


# ---------------------------------------------------------------- building the record


def build(draft: Draft, stored: Record, text: str, archive: Archive, path: Path) -> Record | None:
    """The record the draft describes, or None with `draft.errors` saying why.

    `stored` is the record on disk (what the form does not show is kept from it),
    `text` the source text its spans point into, `path` the record file.
    """
    from pydantic import ValidationError

    from ..record.checks import check_record
    from ..record.models import Record

    data = stored.model_dump(mode="json")
    for name in SCALARS:
        _set(data, name, _value(draft.scalars[name]))
    data["document"]["title"] = draft.scalars["document.title"].strip()
    if not data["document"]["title"]:
        draft.error("document.title", _("empty: every document has a title"))
    data["event"]["organizers"] = [
        line.strip() for line in draft.organizers.splitlines() if line.strip()
    ]
    data["reviewed"] = draft.reviewed
    keys: dict[str, list[str]] = {}
    for kind in LISTS:
        data[kind], keys[kind] = _items(draft, kind, len(text))
    noted = set(draft.errors)  # the form's own messages come first: one per field
    try:
        record = Record.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            name = _field_name(err["loc"], keys)
            if name not in noted:
                draft.error(name, _message(err))
        return None
    if draft.errors:
        return None
    for problem in check_record(archive, path, record):
        draft.error(_problem_field(problem.field, keys), problem.message)
    return None if draft.errors else record


def _items(draft: Draft, kind: str, length: int) -> tuple[list[dict], list[str]]:
    """The list's items (dicts for the model) and each one's row key, in the record's order:
    kept items as they were, an added one before the first kept item that starts after it."""
    kept: list[tuple[dict, str]] = []
    added: list[tuple[dict, str]] = []
    required = REQUIRED.get(kind, "name")
    for row in draft.lists[kind]:
        if row.deleted or row.blank:
            continue
        name = f"{kind}-{row.key}"
        item: dict[str, Any] = {f: _value(v) for f, v in row.values.items()}
        if item[required] is None:
            draft.error(
                f"{name}-{required}", _("empty: type it, or tick “delete” to remove the item")
            )
        item["span"] = _span(draft, f"{name}-span", row, length)
        (added if row.new else kept).append((item, row.key))
    for item, key in added:
        start = item["span"][0] if isinstance(item["span"][0], int) else length
        at = next((i for i, (other, _k) in enumerate(kept) if _start(other) > start), len(kept))
        kept.insert(at, (item, key))
    return [item for item, _k in kept], [key for _i, key in kept]


def _start(item: dict) -> int:
    start = item["span"][0]
    return start if isinstance(start, int) else -1


def _span(draft: Draft, name: str, row: Row, length: int) -> list:
    """[start, end] as numbers when they are a position in the text; else an error noted."""
    if not row.start and not row.end:
        draft.error(
            name,
            _(
                "no position in the text: select the item's words in the text, "
                "then press “Take the selection”"
            ),
        )
        return [row.start, row.end]
    try:
        start, end = int(row.start), int(row.end)
    except ValueError:
        draft.error(name, _("the start and the end are whole numbers, like 120 and 134"))
        return [row.start, row.end]
    if not 0 <= start < end <= length:
        draft.error(
            name,
            _("[{start}, {end}] is not a position in the text: 0 ≤ start < end ≤ {length}").format(
                start=start, end=end, length=length
            ),
        )
    return [start, end]


def _field_name(loc: tuple, keys: dict[str, list[str]]) -> str:
    """The form field a pydantic error location points at ("" for the record as a whole)."""
    if loc and loc[0] in LISTS and len(loc) >= 2 and isinstance(loc[1], int):
        key = keys[loc[0]][loc[1]]
        part = str(loc[2]) if len(loc) > 2 else REQUIRED.get(loc[0], "name")
        return f"{loc[0]}-{key}-{part}"
    dotted = ".".join(str(p) for p in loc)
    if dotted == "event":  # the model's own check: the end before the start
        return "event.end"
    if dotted.startswith("event.organizers"):
        return "event.organizers"
    return dotted if dotted in SCALARS else ""


def _problem_field(field: str, keys: dict[str, list[str]]) -> str:
    """A `check_record` field ("persons[2].span": items counted from 1) as a form field."""
    m = re.fullmatch(r"([a-z]+)\[(\d+)\]\.(\w+)", field)
    index = int(m.group(2)) - 1 if m else -1
    if m and m.group(1) in keys and 0 <= index < len(keys[m.group(1)]):
        return f"{m.group(1)}-{keys[m.group(1)][index]}-{m.group(3)}"
    return ""


def _message(err: Mapping[str, Any]) -> str:
    """A pydantic error as a person reads it."""
    kind = err["type"]
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("a whole number, like 12")
    if kind == "greater_than_equal":
        return _("cannot be below {limit}").format(limit=err.get("ctx", {}).get("ge", 0))
    if kind.startswith("date"):
        return _("a date like 2021-11-24 (year-month-day)")
    if kind == "literal_error":
        return _("choose one of the listed values")
    if kind == "missing":
        return _("required")
    if kind == "value_error" and "end is before" in err.get("msg", ""):
        return _("the end is before the start")
    return str(err.get("msg", kind))
