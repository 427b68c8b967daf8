"""What each page shows, read from the archive: the pages' contexts and the save itself.

Nothing here knows HTTP: `app.py` turns requests into these calls and their results
into responses. The records list answers through the index with `query`'s own filters
(`query.Filters`, `find_hits`: the same lemma matching); a save goes through
`form.build` (the models and checks of `validate`) and `Archive.write_record` under
`Archive.lock`, as `ingest` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from ..errors import LockTimeoutError
from ..i18n import N_, _
from . import labels
from .form import LISTS, LONG_FIELDS, Draft, Row, build, draft_from_form, draft_of
from .highlight import highlight, record_marks
from .sources import RecordFile, SourceProblem, WebArchive

if TYPE_CHECKING:
    from ..query import Filters
    from ..record.models import Record

PAGE_SIZE = 200
FILTERS = ("org", "person", "place", "addressee", "text", "from", "to", "type")
FILTER_LABELS = {
    "org": N_("Organization"),
    "person": N_("Person"),
    "place": N_("Place"),
    "addressee": N_("Addressee"),
    "text": N_("Words in the texts"),
    "from": N_("From"),
    "to": N_("To"),
    "type": N_("Event type"),
    "sort": N_("Sort by"),
}
SORTS = (
    ("date", N_("date, oldest first")),
    ("date_desc", N_("date, newest first")),
    ("title", N_("title")),
    ("type", N_("event type")),
    ("recommendations", N_("most recommendations")),
    ("persons", N_("most persons")),
    ("warnings", N_("most warnings")),
)
LEGEND_KINDS = tuple(labels.KINDS)
LOCK_TIMEOUT = 10.0  # seconds a save waits for an ingest holding the archive


# ---------------------------------------------------------------- the records list


def parse_filters(params: Mapping[str, str]) -> tuple[Filters | None, dict[str, list[str]]]:
    """`query`'s filters from the page's parameters; None with messages for bad values."""
    from ..query import Filters

    errors: dict[str, list[str]] = {}
    values = {name: params.get(name, "").strip() or None for name in FILTERS}
    dates: dict[str, date | None] = {}
    for name in ("from", "to"):
        try:
            dates[name] = date.fromisoformat(values[name]) if values[name] else None
        except ValueError:
            errors[name] = [_("a date like 2021-11-24 (year-month-day)")]
    if dates.get("from") and dates.get("to") and dates["from"] > dates["to"]:
        text = _("{start} is after --to {end}: no date can match")
        errors["from"] = [text.format(start=dates["from"], end=dates["to"])]
    if values["type"] and values["type"] not in labels.EVENT_TYPES:
        errors["type"] = [_("unknown event type {value!r}").format(value=values["type"])]
    if errors:
        return None, errors
    filters = Filters(
        org=values["org"],
        person=values["person"],
        place=values["place"],
        addressee=values["addressee"],
        date_from=dates["from"],
        date_to=dates["to"],
        type=values["type"],
        text=values["text"],
    )
    return filters, errors


def filter_query(params: Mapping[str, str]) -> str:
    """The filters as a query string (for export links and pages), in a fixed order."""
    return urlencode([(name, params[name]) for name in FILTERS if params.get(name, "").strip()])


def records_context(archive: WebArchive, params: Mapping[str, str]) -> dict[str, Any]:
    """The list of records: `query`'s filters, the review state, sorting, one page."""
    from ..query import find_hits, open_index

    values: dict[str, Any] = {name: params.get(name, "") for name in FILTERS}
    values["reviewed"] = params.get("reviewed", "")
    values["sort"] = params.get("sort", "date")
    values["unreviewed_first"] = bool(params.get("unreviewed_first"))
    filters, errors = parse_filters(params)
    if values["sort"] not in dict(SORTS):
        errors["sort"] = [_("unknown order {value!r}").format(value=values["sort"])]
    rows: list = []
    unreadable: list[str] = []
    if not errors:
        with open_index(archive) as index:
            unreadable = [str(p) for p in index.unreadable()]
            hits = find_hits(index, filters)
            summaries = index.summaries()
        rows = [(hit, summaries[hit.rid]) for hit in hits if hit.rid in summaries]
        if values["reviewed"] in ("yes", "no"):
            rows = [(h, s) for h, s in rows if s.reviewed == (values["reviewed"] == "yes")]
        rows = sort_rows(rows, values["sort"], values["unreviewed_first"])
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    try:
        page = min(max(1, int(params.get("page", "1"))), pages)
    except ValueError:
        page = 1
    list_params = {**{k: v for k, v in params.items() if k != "page" and v}}
    return {
        "values": values,
        "errors": errors,
        "rows": rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        "total": len(rows),
        "page": page,
        "pages": pages,
        "unreadable": unreadable,
        "query": filter_query(params),
        "list_query": urlencode(sorted(list_params.items())),
        "sorts": SORTS,
        "FILTER_LABELS": FILTER_LABELS,
    }


def sort_rows(rows: list, order: str, unreviewed_first: bool) -> list:
    """Rows (hit, summary) in `order`, ties by date then id; the unreviewed first if asked."""
    rows = sorted(rows, key=lambda r: (r[0].date or "", r[0].id))  # the index's order
    if order == "date_desc":
        rows.reverse()
    elif order == "title":
        rows.sort(key=lambda r: r[1].title.casefold())
    elif order == "type":
        rows.sort(key=lambda r: labels.event_type(r[0].type).casefold())
    elif order == "recommendations":
        rows.sort(key=lambda r: -r[0].recommendations)
    elif order == "persons":
        rows.sort(key=lambda r: -r[1].persons)
    elif order == "warnings":
        rows.sort(key=lambda r: -len(r[1].warnings))
    if unreviewed_first:
        rows.sort(key=lambda r: r[1].reviewed)
    return rows


# ---------------------------------------------------------------- one record


@dataclass
class RecordView:
    """A record with its source text highlighted: what the record page and the report show."""

    record: Record
    file: RecordFile
    source_html: str = ""
    source_problem: str = ""
    span_problems: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what `validate` says of it
    legend: list[tuple[str, int]] = field(default_factory=list)


class UnreadableRecord(Exception):
    """A record file that does not parse (its problem, as `validate` words it)."""


def parse(file: RecordFile) -> Record:
    from ..record.parse import RecordProblem, parse_record

    try:
        text = file.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = _("{file}: not UTF-8 text ({why})").format(file=file.path, why=exc)
        raise UnreadableRecord(message) from None
    found = parse_record(file.path, text)
    if isinstance(found, RecordProblem):
        raise UnreadableRecord(str(found))
    return found


def record_view(archive: WebArchive, record_id: str) -> RecordView:
    """The record `record_id`, its highlighted text and its problems.

    Raises NotInArchive (no such record, a bad id) or UnreadableRecord.
    """
    from ..record.checks import check_record

    file = archive.record_file(record_id)
    record = parse(file)
    view = RecordView(record, file)
    try:
        text = archive.checked_text(record)
    except SourceProblem as exc:
        view.source_problem = str(exc)
        return view
    marks, view.span_problems = record_marks(record, text)
    view.source_html = highlight(text, marks)
    counts = {kind: 0 for kind in LEGEND_KINDS}
    for mark in marks:
        counts[mark.kind] += 1
    view.legend = list(counts.items())
    view.problems = [f"{p.field}: {p.message}" for p in check_record(archive, file.path, record)]
    return view


def blank_row(draft: Draft, kind: str, key: str | None = None) -> Row:
    return Row(key or draft.next_key(kind), dict.fromkeys(LISTS[kind], ""))


def record_context(view: RecordView, draft: Draft | None = None, saved: str = "") -> dict:
    """The record page: the view beside the form (`draft`: as typed, after a refused save)."""
    draft = draft or draft_of(view.record, view.file.version)
    return {
        "record": view.record,
        "draft": draft,
        "source_html": view.source_html,
        "source_problem": view.source_problem,
        "span_problems": view.span_problems,
        "problems": view.problems,
        "legend": view.legend,
        "saved": saved,
        "blank_row": lambda kind, key=None: blank_row(draft, kind, key),
        "LONG_FIELDS": LONG_FIELDS,
    }


@dataclass
class Saved:
    """What a save did: `status` "saved", "reviewed" or "unchanged"; or, with `draft`, the
    form to show again with its messages and the HTTP status saying why."""

    status: str = ""
    draft: Draft | None = None
    http_status: int = 200
    view: RecordView | None = None


def save(archive: WebArchive, record_id: str, form: Mapping[str, str], csrf_ok: bool) -> Saved:
    """Check and store a posted record form (see `form.build`).

    Refused, with nothing written and the form as typed: a form without its CSRF token
    (403), a record changed on disk since the form was opened (409), values that do not
    validate (422), an archive locked by a long ingest (503).
    """
    view = record_view(archive, record_id)
    draft = draft_from_form(view.record.id, form)
    if not csrf_ok:
        draft.error(
            "",
            _(
                "Not saved: the form did not come with this page's security token (the page "
                "may be older than the running server). Check the fields and save again."
            ),
        )
        return Saved(draft=draft, http_status=403, view=view)
    if draft.version != view.file.version:
        return Saved(draft=_conflict(draft), http_status=409, view=view)
    if view.source_problem:
        draft.error("", _("Not saved: {why}").format(why=view.source_problem))
        return Saved(draft=draft, http_status=409, view=view)
    text = archive.source_text(view.record)
    record = build(draft, view.record, text, archive, view.file.path)
    if record is None:
        return Saved(draft=draft, http_status=422, view=view)
    from ..record.yamlio import render_record

    rendered = render_record(record).encode("utf-8")
    try:
        with archive.lock(LOCK_TIMEOUT):
            now = archive.record_file(record_id)
            if now.version != draft.version:
                return Saved(draft=_conflict(draft), http_status=409, view=view)
            if now.data == rendered:
                return Saved("unchanged")
            archive.write_record(record)
    except LockTimeoutError:
        draft.error(
            "",
            _(
                "Not saved: another resarchive process (an ingest) is writing the archive. "
                "Wait a minute and save again."
            ),
        )
        return Saved(draft=draft, http_status=503, view=view)
    return Saved("reviewed" if form.get("action") == "review" else "saved")


def _conflict(draft: Draft) -> Draft:
    draft.error(
        "",
        _(
            "Not saved: the record was changed on disk after this page was opened (by "
            "ingest or by someone else). Your changes are still in the form below but not "
            "stored; open the record again to see the new version and repeat them there."
        ),
    )
    return draft


# ---------------------------------------------------------------- statistics


def stats_context(archive: WebArchive, top: int = 10) -> dict[str, Any]:
    """`resarchive stats` as bar charts, each bar linked to the records it counts."""
    from ..stats import archive_stats
    from .charts import Bar, bar_chart

    stats = archive_stats(archive, top=top)

    def link(**params: str) -> str:
        return "/?" + urlencode(params)

    years = [
        Bar(_("no date") if y == "unknown" else y, n, None if y == "unknown" else link(**{
            "from": f"{y}-01-01", "to": f"{y}-12-31"}))
        for y, n in stats.per_year
    ]  # fmt: skip
    charts = [
        (_("Records per year"), _("by the year the event starts"), years),
        (
            _("Records per event type"),
            "",
            [Bar(labels.event_type(t), n, link(type=t)) for t, n in stats.per_type],
        ),
        (
            _("Most frequent organizations"),
            _("records naming each"),
            [Bar(name, n, link(org=name)) for name, n in stats.organizations],
        ),
        (
            _("Most frequent places"),
            _("records naming each"),
            [Bar(name, n, link(place=name)) for name, n in stats.places],
        ),
        (
            _("Most frequent addressees"),
            _("recommendations addressed to each"),
            [Bar(name, n, link(addressee=name)) for name, n in stats.addressees],
        ),
    ]
    return {
        "stats": stats,
        "charts": [
            (title, note, bar_chart(title, bars) if bars else "") for title, note, bars in charts
        ],
    }
