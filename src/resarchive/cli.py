"""The command line: parses arguments, calls the library, prints. No extraction or storage here."""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from .i18n import _, install

install()  # before typer: its own texts ("Options", "Commands") in the locale's language

import typer  # noqa: E402

from .archive import Archive  # noqa: E402
from .cli_safety import MAX_JOBS, MAX_SECONDS, Commands, finite, print_error, skipped  # noqa: E402
from .console import err, out, say  # noqa: E402
from .errors import ResarchiveError  # noqa: E402
from .output import for_terminal, visible  # noqa: E402  (light: two regexes)
from .web.commands import register as register_web_commands  # noqa: E402

if TYPE_CHECKING:  # pydantic loads only for commands that parse records
    from .query import Filters
    from .record.models import Record


app = typer.Typer(
    cls=Commands,
    help=_(
        "A structured archive of Russian library conference resolutions: "
        "ingest documents into validated YAML records, then validate and query the archive."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class State:
    archive = Archive(os.environ.get("RESARCHIVE_ARCHIVE", "data"))
    debug = False


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"


class TextFormat(StrEnum):
    table = "table"
    json = "json"


@app.callback()
def main(
    archive: Annotated[
        Path,
        typer.Option(
            "--archive",
            envvar="RESARCHIVE_ARCHIVE",
            help=_("Archive folder holding raw/ and structured/."),
            show_default=True,
        ),
    ] = Path("data"),
    debug: Annotated[bool, typer.Option("--debug", help=_("Show tracebacks on errors."))] = False,
) -> None:
    State.archive = Archive(archive)
    State.debug = debug
    Commands.state = State  # what its failure lines need: --debug, the archive


def fail(exc: ResarchiveError) -> typer.Exit:
    print_error(exc, debug=State.debug)
    return typer.Exit(exc.exit_code)


def _size(value: str) -> int:
    from .read import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Source files or folders (walked recursively).")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the YAML records; write nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite records marked reviewed: true.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            max=MAX_JOBS,
            help="Worker processes for extraction [default: CPU cores].",
        ),
    ] = None,
    glob: Annotated[
        str | None,
        typer.Option(
            "--glob",
            help='In folders, take the files matching this pattern ("*.docx", "2023/**/*.pdf").',
        ),
    ] = None,
    max_size: Annotated[
        str,
        typer.Option(
            "--max-size",
            help="Refuse files over this size: 5MB, 200KB or bytes (KB = 1024 bytes).",
            show_default=True,
        ),
    ] = "5MB",
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Refuse texts that do not read as resolutions (default: store with a warning).",
        ),
    ] = False,
    lock_timeout: Annotated[
        float,
        typer.Option(
            "--lock-timeout",
            min=0,
            max=MAX_SECONDS,
            callback=finite,
            help="Seconds to wait for another ingest's archive lock.",
            show_default=True,
        ),
    ] = 60.0,
    ocr: Annotated[
        bool,
        typer.Option(
            "--ocr",
            help="Read scanned PDFs (no text layer) with Tesseract OCR, about 3 s a page: "
            "raise --timeout for long scans (apt-get install tesseract-ocr tesseract-ocr-rus).",
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=1,
            max=MAX_SECONDS,
            callback=finite,
            help="Seconds one file may take to read and extract; a file over it is stopped "
            "and fails alone.",
            show_default=True,
        ),
    ] = 60.0,  # fence.DEFAULT_TIMEOUT (not imported: --help stays light)
) -> None:
    """Extract records from resolution files (.txt .md .docx .doc .odt .pdf .rtf,
    recognized by content; scanned PDFs with --ocr) and store them with their originals.

    Exit status: 0 when every file was ingested; otherwise the code of the failure
    when all failures are of one kind, else 1 (see README, "When things go wrong"),
    after the good files are stored.
    """
    from .fence import Limits
    from .ingest import collect_sources, ingest_sources
    from .progress import batch_progress

    size_limit = _size(max_size)
    failures = []
    try:
        items = list(collect_sources(paths, glob))
        results = ingest_sources(
            State.archive,
            items,
            dry_run=dry_run,
            force=force,
            max_size=size_limit,
            strict=strict,
            ocr=ocr,
            lock_timeout=lock_timeout,
            jobs=jobs,
            limits=Limits(timeout=timeout),
        )
        with batch_progress(len(items), out, err) as advance:
            for result in results:
                advance(str(result.source))
                if result.error is not None:
                    failures.append(result.error)
                    print_error(result.error, debug=State.debug)
                elif result.status == "dry-run":
                    from .record.yamlio import render_record

                    out.print(render_record(result.record), end="", markup=False)
                else:
                    _print_summary(result.source, result.status, result.record)
    except ResarchiveError as exc:
        if State.debug:
            raise
        raise fail(exc) from None
    if failures:
        if len(items) > 1:  # a batch: list the failures again at the end
            err.print(f"{len(failures)} of {len(items)} file(s) failed:", markup=False)
            for exc in failures:
                err.print(f"  {exc.line()}", markup=False)
        codes = {exc.exit_code for exc in failures}
        raise typer.Exit(codes.pop() if len(codes) == 1 else 1)


def _print_summary(source: Path, status: str, record: Record) -> None:
    from rich.markup import escape  # file names and extracted text may hold [brackets]

    e = record.event
    dates = " – ".join(str(d) for d in dict.fromkeys([e.start, e.end]) if d) or "no date"
    out.print(f"[bold]{record.id}[/bold] ← {escape(str(source))} ({status})")
    out.print(f"  {record.document.title}", markup=False)
    out.print(
        f"  {e.type}, {dates}, {e.place or 'place unknown'}; "
        f"{len(record.organizations)} organizations, {len(record.persons)} persons, "
        f"{len(record.speakers)} speakers, {len(record.recommendations)} recommendations",
        markup=False,
    )
    for warning in record.warnings:
        out.print(f"  [yellow]warning:[/yellow] {escape(warning)}")
    if status == "kept-reviewed":
        out.print("  [yellow]kept: the record is reviewed; --force overwrites it[/yellow]")


@app.command()
def validate(
    full: Annotated[
        bool, typer.Option("--full", help="Re-check every record, not only what changed.")
    ] = False,
) -> None:
    """Check every record against the schema, its raw file and the other records.

    Only records (and raw files) changed since the last run are read again; the index
    remembers the rest. Exit 0 when clean; 1 with one line per problem
    (file:line: field: message) otherwise.
    """
    from .validate import validate as run_validate

    result = run_validate(State.archive, full=full)
    for problem in result.problems:
        say(str(problem), stderr=True)
    if result.problems:
        say(f"{len(result.problems)} problem(s) in {result.records} record(s)", stderr=True)
        raise typer.Exit(1)
    say(f"{result.records} record(s) valid")


class RowsKind(StrEnum):
    records = "records"
    recommendations = "recommendations"


@app.command()
def query(
    org: Annotated[str | None, typer.Option(help="Organization, in any case form.")] = None,
    person: Annotated[str | None, typer.Option(help="Person, e.g. a surname in any case.")] = None,
    place: Annotated[str | None, typer.Option(help="Place, in any case form.")] = None,
    addressee: Annotated[
        str | None, typer.Option(help="Addressee of recommendations, in any case form.")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Events ending on or after this ISO date.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Events starting on or before this ISO date.")
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="Event type: conference, seminar, round_table…")
    ] = None,
    text: Annotated[
        str | None, typer.Option(help="Words in the title, event name or recommendations.")
    ] = None,
    rows: Annotated[
        RowsKind,
        typer.Option(help="List records, or the matching recommendations of matching records."),
    ] = RowsKind.records,
    fmt: Annotated[
        QueryFormat, typer.Option("--format", help="Output format.")
    ] = QueryFormat.table,
) -> None:
    """Find records; all given filters must hold. Names match in any grammatical case.

    With --rows recommendations, --addressee and --text pick recommendations and the
    other filters pick the records they come from.
    """
    from .query import Filters

    try:
        filters = Filters(
            org=org,
            person=person,
            place=place,
            addressee=addressee,
            date_from=_iso(date_from, "--from"),
            date_to=_iso(date_to, "--to"),
            type=type_,
            text=text,
        )
    except ValueError as exc:
        say(f"error: {exc}", stderr=True)
        raise typer.Exit(2) from None
    _print_found(filters, rows, fmt)


def _print_found(filters: Filters, rows: RowsKind, fmt: QueryFormat) -> None:
    """Records (or recommendations) as a table from the index, or whole from their YAML."""
    from . import export
    from .query import find_hits, find_recommendations, open_index

    with open_index(State.archive) as index:
        for problem in index.unreadable():
            skipped(problem)
        if rows is RowsKind.recommendations:
            found: list = find_recommendations(index, filters)
        else:
            found = find_hits(index, filters)
            if fmt is not QueryFormat.table:  # whole records: read from their YAML
                from .records import read_records

                found = read_records(State.archive, found)
    if fmt is not QueryFormat.table:
        export.write(found, fmt.value, for_terminal(sys.stdout), rows=rows.value)
        return
    out.print(export.rich_table(found, rows=rows.value))
    err.print(f"{len(found)} {rows.value.rstrip('s')}(s)")


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def stats(
    fmt: Annotated[TextFormat, typer.Option("--format", help="Output format.")] = TextFormat.table,
    top: Annotated[
        int, typer.Option(min=1, max=10_000, help="How many organizations, places, addressees.")
    ] = 10,
) -> None:
    """Count records per year and event type; list the most frequent names."""
    from .stats import archive_stats, rich_tables

    result = archive_stats(State.archive, top=top)
    for problem in result.skipped:
        skipped(problem)
    if fmt is TextFormat.json:
        import json

        data = json.dumps(result.as_dict(), ensure_ascii=False, indent=2)
        for_terminal(sys.stdout).write(data + "\n")
        return
    out.print(f"{result.records} record(s), {result.recommendations} recommendation(s)")
    for table in rich_tables(result):
        out.print(table)


@app.command("export")
def export_(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="jsonl or csv (UTF-8 with BOM).")],
    rows: Annotated[
        RowsKind, typer.Option(help="One row per record, or per recommendation.")
    ] = RowsKind.records,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default stdout.")
    ] = None,
) -> None:
    """Write the whole archive as JSON Lines or CSV (for DuckDB, pandas, Excel); an
    existing -o file is replaced only when the export is complete."""
    import io

    from .export import export
    from .output import atomic_output

    options = {"rows": rows.value, "on_skip": skipped}
    if output is None:
        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
        count = export(State.archive, fmt.value, for_terminal(stream), **options)
        stream.flush()
        stream.detach()
    else:
        with atomic_output(output) as fh:
            count = export(State.archive, fmt.value, fh, **options)
        err.print(f"{count} {rows.value} written to {output}", markup=False)


def _iso(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{option} takes an ISO date like 2021-11-24, not {value!r}") from None


@app.command()
def show(record_id: Annotated[str, typer.Argument(help="Record id, as `query` lists it.")]) -> None:
    """Print one record."""
    from rich.syntax import Syntax

    from .record.yamlio import render_record

    try:
        record = State.archive.get(record_id)
    except ResarchiveError as exc:
        raise fail(exc) from None
    shown = visible(render_record(record))
    out.print(Syntax(shown, "yaml", word_wrap=True, theme="ansi_dark"))


@app.command()
def text(record_id: Annotated[str, typer.Argument(help="Record id, as `query` lists it.")]) -> None:
    """Print the text a record's spans refer to (extracted from .docx/.pdf/.rtf sources).

    `text ID | cut -c START-END`-style checks: a span [start, end) is text[start:end].
    The raw file's sha256 is checked first; on a terminal, control characters are shown
    escaped (in a pipe the text is exact).
    """
    try:
        record = State.archive.get(record_id)
        source = State.archive.source_text(record)
    except ResarchiveError as exc:
        raise fail(exc) from None
    for_terminal(sys.stdout).write(source)


# `serve` and `report`: defined with the web app, which they alone import.
register_web_commands(app, lambda: State.archive, fail)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    import json

    from .record.models import record_json_schema

    sys.stdout.write(json.dumps(record_json_schema(), ensure_ascii=False, indent=2) + "\n")


@app.command("eval")
def eval_(
    fmt: Annotated[TextFormat, typer.Option("--format", help="Output format.")] = TextFormat.table,
    misses: Annotated[
        bool, typer.Option("--misses", help="Also list every missed, extra or wrong item.")
    ] = False,
) -> None:
    """Score the extractor against the reviewed records (the gold) of the archive.

    Re-extracts each reviewed record's raw file (its sha256 checked first; one missing or
    changed is skipped, exit 10) and prints precision, recall and F1 per list field,
    accuracy per scalar field, and their macro average.
    """
    from .evaluate import evaluate

    report = evaluate(State.archive)
    for line in report.skipped:
        skipped(line)
    if report.records == 0:
        if report.skipped:
            raise typer.Exit(10)
        err.print("no reviewed records: set `reviewed: true` on records checked by hand")
        raise typer.Exit(1)
    if fmt is TextFormat.json:
        import json

        data = json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
        for_terminal(sys.stdout).write(data + "\n")
    else:
        from rich.table import Table

        title = f"{report.records} reviewed record(s)"
        table = Table("field", "precision", "recall", "F1 / accuracy", "n", title=title)
        for name, c in report.lists.items():
            f1 = f"{c.f1:.3f}"
            table.add_row(name, f"{c.precision:.3f}", f"{c.recall:.3f}", f1, str(c.tp + c.fn))
        for name, a in report.scalars.items():
            table.add_row(name, "", "", f"{a.value:.3f}", str(a.total))
        table.add_row("[bold]macro[/bold]", "", "", f"[bold]{report.macro:.3f}[/bold]", "")
        out.print(table)
        for line in report.misses if misses else ():
            out.print(line, markup=False)
    if report.skipped:
        raise typer.Exit(10)
