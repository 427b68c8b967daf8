"""A record's spans over its source text, as HTML: every character escaped, every item
highlighted by kind, each item's start an anchor the fields link to.

Spans nest and overlap (a person inside a speaker's paragraph inside nothing, an
organization inside a person's span), so the text is cut at every span's start and end
into segments; each segment is one `<span>` carrying the kinds of every item covering it
(`k-KIND` for the innermost one, which colours it, `in-KIND` for all), their field names
(`data-items`, for the page's script) and, as its tooltip, what each of them is. No tag
is ever left open across another, whatever the spans do.

Every segment also carries `data-o`, its offset in the source text (in characters, as
spans count), so the browser can turn a selection into a span: the DOM text of a segment
is exactly its slice of the source. A carriage return (which the HTML parser would drop
from "\\r\\n") is an empty segment of its own for that reason.

>>> text = 'Иванов <script>alert(1)</script> "onmouseover=x'
>>> html = highlight(text, [Mark(0, 6, "persons", "persons-0", "Персона 1: Иванов")])
>>> "<script>" in html, "&lt;script&gt;" in html, '&#34;onmouseover=x' in html
(False, True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..i18n import _
from .labels import DATE_FIELDS, KINDS

if TYPE_CHECKING:
    from ..record.models import Record

# Innermost first when two items cover the same characters: the more specific kind wins.
PRECEDENCE = ("dates", "places", "persons", "organizations", "speakers", "recommendations")


@dataclass(frozen=True)
class Mark:
    """One highlighted item: [start, end) in the source text."""

    start: int
    end: int
    kind: str  # a key of labels.KINDS
    key: str  # "persons-3": the field (list and 0-based index) it highlights
    label: str  # its tooltip: "Персона 4: Абрамкина Елена Ивановна"
    tag: str = ""  # shown before it, not part of the text (a recommendation's addressee)
    located: bool = False  # found in the text by its value (dates), not a stored span


def item_label(kind: str, number: int, value: str, detail: str | None = None) -> str:
    """ "Персона 4: Абрамкина Елена Ивановна (директор)"; `number` counts from 1."""
    label = f"{_(KINDS[kind]).capitalize()} {number}: {value}"
    return f"{label} ({detail})" if detail else label


def record_marks(record: Record, text: str) -> tuple[list[Mark], list[str]]:
    """The record's items as marks over `text`, and a line for each span outside it.

    Dates have no spans in a record: every written date (or range) in the text whose
    value is the event's start or end or the adoption date is marked, as located.
    """
    marks: list[Mark] = []
    problems: list[str] = []
    items: list[tuple[str, int, object, str, str | None, str]] = []
    for i, o in enumerate(record.organizations):
        items.append(("organizations", i, o.span, o.name, o.short or o.legal_form, ""))
    for i, p in enumerate(record.persons):
        items.append(("persons", i, p.span, p.name, p.role, ""))
    for i, p in enumerate(record.places):
        items.append(("places", i, p.span, p.name, p.kind, ""))
    for i, s in enumerate(record.speakers):
        items.append(("speakers", i, s.span, s.name, s.talk, ""))
    for i, r in enumerate(record.recommendations):
        number = f"{r.number}. " if r.number is not None else ""
        tag = f"{number}→ {r.addressee}" if r.addressee else number.strip()
        items.append(("recommendations", i, r.span, r.text, r.addressee, tag))
    for kind, i, span, value, detail, tag in items:
        start, end = span  # type: ignore[misc]
        label = item_label(kind, i + 1, value, detail)
        if not 0 <= start < end <= len(text):
            problems.append(
                _("{label}: its span [{start}, {end}] is outside the text (0–{length})").format(
                    label=label, start=start, end=end, length=len(text)
                )
            )
            continue
        marks.append(Mark(start, end, kind, f"{kind}-{i}", label, tag))
    marks += date_marks(record, text)
    return marks, problems


def date_marks(record: Record, text: str) -> list[Mark]:
    """The record's dates where the text writes them (by value, with the extractor's rules)."""
    from ..rules.dates import find_dates

    wanted = {
        "start": record.event.start,
        "end": record.event.end,
        "adopted_on": record.document.adopted_on,
    }
    wanted = {field: day for field, day in wanted.items() if day is not None}
    if not wanted:
        return []
    marks = []
    for mention in find_dates(text):
        fields = [f for f, day in wanted.items() if day in (mention.first, mention.last)]
        if fields:
            names = ", ".join(_(DATE_FIELDS[f]) for f in fields)
            value = " – ".join(dict.fromkeys([str(mention.first), str(mention.last)]))
            label = f"{_(KINDS['dates']).capitalize()}: {names} ({value})"
            key = "dates-" + fields[0]
            marks.append(Mark(mention.start, mention.end, "dates", key, label, located=True))
    return marks


def _rank(mark: Mark) -> tuple[int, int, str]:
    return (mark.end - mark.start, PRECEDENCE.index(mark.kind), mark.key)


def highlight(text: str, marks: list[Mark]) -> Markup:
    """`text` as HTML with `marks` highlighted (see the module's docstring)."""
    cuts = {0, len(text)}
    for m in marks:
        cuts.update((m.start, m.end))
    i = text.find("\r")
    while i != -1:
        cuts.update((i, i + 1))
        i = text.find("\r", i + 1)
    starts: dict[int, list[Mark]] = {}
    for m in sorted(marks, key=lambda m: (m.start, -m.end, _rank(m))):
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    anchors: set[str] = set()
    out: list[str] = []
    bounds = sorted(cuts)
    for a, b in zip(bounds, bounds[1:], strict=False):
        active = [m for m in active if m.end > a] + starts.get(a, [])
        for m in starts.get(a, []):
            if m.key not in anchors:  # a date written twice: its first place is the anchor
                anchors.add(m.key)
                out.append(f'<span class="anchor" id="it-{escape(m.key)}"></span>')
        if text[a:b] == "\r":
            out.append(f'<span class="cr" data-o="{a}"></span>')
            continue
        out.append(_segment(text[a:b], a, active, starts.get(a, [])))
    return Markup("".join(out))


def _segment(piece: str, offset: int, active: list[Mark], starting: list[Mark]) -> str:
    if not active:
        return f'<span data-o="{offset}">{escape(piece)}</span>'
    inner = min(active, key=_rank)
    kinds = sorted({m.kind for m in active}, key=PRECEDENCE.index)
    classes = [f"m k-{inner.kind}", *(f"in-{k}" for k in kinds)]
    if any(m.located for m in active):
        classes.append("located")
    ordered = sorted(active, key=_rank)
    attrs = [
        f'data-o="{offset}"',
        f'class="{" ".join(classes)}"',
        f'data-items="{escape(" ".join(m.key for m in ordered))}"',
        f'title="{escape(chr(10).join(m.label for m in ordered))}"',
    ]
    tags = [m.tag for m in starting if m.tag]
    if tags:
        attrs.append(f'data-tag="{escape(" · ".join(tags))}"')
    return f"<span {' '.join(attrs)}>{escape(piece)}</span>"
