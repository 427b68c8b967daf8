"""The command line: parses arguments, calls the library, prints. No extraction or storage here.

The options and help texts are in cliopts.py; what every command shares (global options
before or after the command, the help option, usage errors, the archive check, broken
pipes) in clikit.py; what ingest prints in summary.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from .i18n import _, install, ngettext

install()  # before typer: its own texts ("Options", "Commands") in the locale's language

import typer  # noqa: E402
from typer._click.core import ParameterSource  # noqa: E402

from . import cliopts as o  # noqa: E402
from .clikit import (  # noqa: E402
    ARCHIVE_ENV,
    HELP_OPTION_NAMES,
    Group,
    State,
    archive_option_help,
    debug_option_help,
    error_line,
    error_markup,
    error_text,
    fail,
    print_error,
    quiet_stdout,
    skipped,
)
from .console import err, out, print_table, say  # noqa: E402
from .errors import ArchiveError, ResarchiveError  # noqa: E402
from .output import for_terminal  # noqa: E402  (light: two regexes)
from .web.commands import register as register_web_commands  # noqa: E402

if TYPE_CHECKING:  # pydantic loads only for commands that parse records
    from .csvout import CsvOptions
    from .query import Filters

__all__ = ["State", "app", "fail", "print_error"]


app = typer.Typer(
    cls=Group,
    help=o.APP_HELP,
    epilog=o.APP_EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": HELP_OPTION_NAMES},
)


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        say(f"resarchive {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    ctx: typer.Context,
    archive: Annotated[
        Path,
        typer.Option(
            "--archive",
            envvar=ARCHIVE_ENV,
            metavar=_("FOLDER"),
            help=archive_option_help(default_shown=True),
        ),
    ] = Path("data"),
    debug: Annotated[bool, typer.Option("--debug", help=debug_option_help())] = False,
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=_print_version, help=o.VERSION_HELP),
    ] = False,
) -> None:
    given = ctx.get_parameter_source("archive") is not ParameterSource.DEFAULT
    State.set_archive(archive, given=given)
    State.debug = debug


def _size(value: str) -> int:
    from .read import parse_size

    try:
        return parse_size(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--max-size") from None


@app.command(help=o.INGEST_HELP)
def ingest(
    paths: o.Paths,
    dry_run: o.DryRun = False,
    force: o.Force = False,
    replace: o.Replace = False,
    jobs: o.Jobs = None,
    glob: o.Glob = None,
    max_size: o.MaxSize = "5MB",
    strict: o.Strict = False,
    lock_timeout: o.LockTimeout = 60,
    ocr: o.Ocr = False,
    timeout: o.Timeout = 60,  # fence.DEFAULT_TIMEOUT (not imported: --help stays light)
) -> None:
    from .fence import Limits, prestart

    prestart()  # the models load while the rest of ingest imports and reads the archive
    from .ingest import collect_sources, ingest_sources
    from .progress import batch_progress
    from .summary import Totals, exit_code, print_failures

    size_limit = _size(max_size)
    made = None if dry_run else _prepare_archive()
    totals = Totals()
    try:
        items = list(collect_sources(paths, glob))
        results = ingest_sources(
            State.archive,
            items,
            dry_run=dry_run,
            force=force,
            replace=replace,
            max_size=size_limit,
            strict=strict,
            ocr=ocr,
            lock_timeout=lock_timeout,
            jobs=jobs,
            limits=Limits(timeout=timeout),
        )
        with batch_progress(len(items), out.console, err.console) as batch:
            for result in results:
                totals.add(result)
                try:
                    batch.advance(str(result.source))
                    _print_result(batch, result)
                except BrokenPipeError:
                    # The reader went away (`ingest … | head`): the batch goes on unprinted,
                    # and its exit status still tells how it went.
                    quiet_stdout()
        print_failures(err.console, totals, len(items))  # the bar is gone by now
    except ResarchiveError as exc:
        if State.debug:
            raise
        raise fail(exc) from None
    finally:
        if made is not None and not totals.statuses["written"]:
            _unmake_archive(made)  # a typo'd --archive with nothing stored leaves no archive
    raise typer.Exit(exit_code(totals.failures))


def _print_result(batch, result) -> None:
    from .summary import print_summary

    if result.error is not None:
        batch.print(error_markup(error_text(result.error)), stderr=True)
        if State.debug and getattr(result.error, "detail", ""):
            batch.print(result.error.detail.rstrip(), stderr=True, markup=False)
    elif result.status == "dry-run":
        from .record.yamlio import render_record

        batch.print(render_record(result.record), end="", markup=False)
    else:
        print_summary(batch, result)


def _tell(line: str) -> None:
    """A line of ingest's on stdout; a reader gone (`| head`) stops no batch."""
    try:
        say(line)
    except BrokenPipeError:
        quiet_stdout()


def _prepare_archive() -> list[Path] | None:
    """Say where ingest writes (on stdout, before the summaries); make the archive's folders
    when there is none yet, and return what was made (None when the archive was there).

    A folder that holds other things but no archive (`/`, a home folder), a file, or links
    out of the archive are refused (`archive_checks.check_archive`, exit 10)."""
    from .archive_checks import check_archive, write_error

    archive = State.archive
    where = archive.root.absolute()
    try:
        check_archive(where)
    except ArchiveError as exc:
        raise fail(exc) from None
    if any(p.exists() for p in (archive.raw, archive.structured)):
        _tell(_("Archive: {path}").format(path=where))
        return None
    made = [p for p in (*reversed(where.parents), where) if not p.exists()]
    try:
        archive.raw.mkdir(parents=True, exist_ok=True)
        archive.structured.mkdir(exist_ok=True)
    except OSError as exc:
        raise fail(write_error(exc, where)) from None
    if State.archive_given:
        _tell(_("New archive made: {path}").format(path=where))
    else:
        text = _("New archive made in the current folder: {path} (--archive FOLDER for another)")
        _tell(text.format(path=where))
    return [*made, archive.raw, archive.structured]


def _unmake_archive(made: list[Path]) -> None:
    """Remove the archive this ingest made when nothing was stored in it: its empty folders
    and the lock and notes it left (never anything a person put there)."""
    import contextlib

    from .edits import notes_folder

    archive = State.archive
    notes = notes_folder(archive)
    if notes is not None and notes.is_dir() and not any(notes.iterdir()):
        notes.rmdir()
    lock = archive.root / ".lock"
    if lock.is_file() and not lock.is_symlink() and lock.stat().st_size == 0:
        lock.unlink()
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty
    text = _("Nothing was stored: the new archive {path} was removed again")
    _tell(text.format(path=archive.root.absolute()))


@app.command(help=o.VALIDATE_HELP)
def validate(full: o.Full = False) -> None:
    from .validate import validate as run_validate

    result = run_validate(State.archive, full=full)
    for problem in result.problems:
        say(str(problem), stderr=True)
    n, records = len(result.problems), result.records
    if result.problems:
        problems = ngettext("{n} problem", "{n} problems", n).format(n=n)
        where = ngettext("in {n} record", "in {n} records", records).format(n=records)
        say(f"{problems} {where}", stderr=True)
        raise typer.Exit(1)
    say(ngettext("{n} record valid", "{n} records valid", records).format(n=records))


@app.command(help=o.QUERY_HELP)
def query(
    org: o.Org = None,
    person: o.Person = None,
    place: o.Place = None,
    addressee: o.Addressee = None,
    date_from: o.DateFrom = None,
    date_to: o.DateTo = None,
    type_: o.EventType = None,
    text: o.Words = None,
    rows: o.Rows = o.RowsKind.records,
    fmt: o.QueryFormatOption = o.QueryFormat.table,
    delimiter: o.Delimiter = ",",
    no_guard: o.NoGuard = False,
) -> None:
    from .query import Filters

    start, end = _iso(date_from, "--from"), _iso(date_to, "--to")
    if start and end and start > end:
        text = _("{start} is after --to {end}: no date can match")
        raise typer.BadParameter(text.format(start=start, end=end), param_hint="--from")
    filters = Filters(
        org=org,
        person=person,
        place=place,
        addressee=addressee,
        date_from=start,
        date_to=end,
        type=_event_type(type_),
        text=text,
    )
    _print_found(filters, rows, fmt, _csv_options(delimiter, no_guard))


def _event_type(value: str | None) -> str | None:
    from .terms import parse_event_type

    try:
        return None if value is None else parse_event_type(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--type") from None


def _iso(value: str | None, option: str):  # -> date | None
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        text = _("{value} is not a date like 2021-11-24 (year-month-day)")
        raise typer.BadParameter(text.format(value=repr(value)), param_hint=option) from None


def _csv_options(delimiter: str, no_guard: bool) -> CsvOptions:
    from .csvout import CsvOptions, parse_delimiter

    try:
        return CsvOptions(delimiter=parse_delimiter(delimiter), guard=not no_guard)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--delimiter") from None


def _print_found(filters: Filters, rows: o.RowsKind, fmt: o.QueryFormat, csv: CsvOptions) -> None:
    """Records (or recommendations) as a table from the index, or whole from their YAML."""
    from . import export
    from .query import find_hits, find_recommendations, open_index

    with open_index(State.archive) as index:
        for problem in index.unreadable():
            skipped(problem)
        if rows is o.RowsKind.recommendations:
            found: list = find_recommendations(index, filters)
        else:
            found = find_hits(index, filters)
            if fmt is not o.QueryFormat.table:  # whole records: read from their YAML
                from .records import read_records

                found = read_records(State.archive, found)
    if fmt is not o.QueryFormat.table:
        options = {"rows": rows.value, "csv_options": csv}
        _to_stdout(lambda s: export.write(found, fmt.value, for_terminal(s), **options))
        return
    headers, table = export.table_rows(found, rows=rows.value)
    print_table(headers, table)
    if rows is o.RowsKind.recommendations:
        count = ngettext("{n} recommendation", "{n} recommendations", len(found))
    else:
        count = ngettext("{n} record", "{n} records", len(found))
    err.print(count.format(n=len(found)), markup=False, highlight=False)


def _to_stdout(write):  # (stream) -> result
    """Run `write(stream)` on stdout as UTF-8, with line ends as written (CSV's CRLF)."""
    import io

    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        result = write(stream)
        stream.flush()
    finally:
        stream.detach()
    return result


@app.command(help=o.STATS_HELP)
def stats(fmt: o.TextFormatOption = o.TextFormat.table, top: o.Top = 10) -> None:
    from .stats import archive_stats, table_rows

    result = archive_stats(State.archive, top=top)
    for problem in result.skipped:
        skipped(problem)
    if fmt is o.TextFormat.json:
        import json

        data = json.dumps(result.as_dict(), ensure_ascii=False, indent=2)
        for_terminal(sys.stdout).write(data + "\n")
        return
    records = ngettext("{n} record", "{n} records", result.records).format(n=result.records)
    recs = ngettext("{n} recommendation", "{n} recommendations", result.recommendations)
    say(f"{records}, {recs.format(n=result.recommendations)}")
    for title, headers, rows in table_rows(result):
        print_table(headers, rows, title=title)


@app.command("export", help=o.EXPORT_HELP)
def export_(
    fmt: o.ExportFormatOption,
    rows: o.ExportRows = o.RowsKind.records,
    output: o.Output = None,
    delimiter: o.Delimiter = ",",
    no_guard: o.NoGuard = False,
) -> None:
    from .export import export
    from .output import atomic_output

    csv = _csv_options(delimiter, no_guard)
    options = {"rows": rows.value, "csv_options": csv, "on_skip": skipped}
    if output is None:
        _to_stdout(lambda s: export(State.archive, fmt.value, for_terminal(s), **options))
        return
    with atomic_output(output) as fh:
        count = export(State.archive, fmt.value, fh, **options)
    if rows is o.RowsKind.recommendations:
        line = ngettext(
            "{n} recommendation written to {file}", "{n} recommendations written to {file}", count
        )
    else:
        line = ngettext("{n} record written to {file}", "{n} records written to {file}", count)
    err.print(line.format(n=count, file=output), markup=False, highlight=False)


@app.command(help=o.SHOW_HELP)
def show(record_id: o.RecordId) -> None:
    from .record.yamlio import render_record

    try:
        record = State.archive.get(record_id)
    except ResarchiveError as exc:
        raise fail(exc) from None
    # whole lines (the terminal wraps them); control characters escaped on a terminal
    for_terminal(sys.stdout).write(render_record(record))


@app.command(help=o.TEXT_HELP)
def text(record_id: o.RecordId, span: o.Span = None) -> None:
    from .spans import find_span

    try:
        record = State.archive.get(record_id)
        source = State.archive.source_text(record)
    except ResarchiveError as exc:
        raise fail(exc) from None
    except OSError as exc:
        raise fail(ResarchiveError(f"cannot read the raw file: {exc}", record_id)) from None
    stdout = for_terminal(sys.stdout)  # on a terminal, control characters shown escaped
    if not span:
        stdout.write(source)
        return
    try:
        parts = [find_span(record, spec, len(source)) for spec in span]
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--span") from None
    # Into a pipe exactly the spanned text (several spans joined by line ends); on a
    # terminal a line end after it, so that the prompt starts on a line of its own.
    stdout.write("\n".join(source[start:end] for start, end in parts))
    if sys.stdout.isatty():
        stdout.write("\n")


# `serve` and `report`: defined with the web app, which they alone import.
register_web_commands(app, lambda: State.archive, fail)


@app.command(help=o.SCHEMA_HELP)
def schema() -> None:
    import json

    from .record.models import record_json_schema

    sys.stdout.write(json.dumps(record_json_schema(), ensure_ascii=False, indent=2) + "\n")


@app.command("eval", help=o.EVAL_HELP)
def eval_(fmt: o.TextFormatOption = o.TextFormat.table, misses: o.Misses = False) -> None:
    from .evaluate import evaluate

    report = evaluate(State.archive)
    for line in report.skipped:
        skipped(line)
    if report.records == 0:
        if report.skipped:
            raise typer.Exit(10)
        error_line(_("no reviewed records: set reviewed: true on records checked by hand"))
        raise typer.Exit(1)
    if fmt is o.TextFormat.json:
        import json

        data = json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
        for_terminal(sys.stdout).write(data + "\n")
        if report.skipped:
            raise typer.Exit(10)
        return
    rows = [
        [name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}", str(c.tp + c.fn)]
        for name, c in report.lists.items()
    ]
    rows += [[name, "", "", f"{a.value:.3f}", str(a.total)] for name, a in report.scalars.items()]
    rows.append([_("macro average"), "", "", f"{report.macro:.3f}", ""])
    headers = [_("field"), _("precision"), _("recall"), _("F1 / accuracy"), "n"]
    title = ngettext("{n} reviewed record", "{n} reviewed records", report.records)
    print_table(headers, rows, title=title.format(n=report.records))
    if misses:
        for line in report.misses:
            out.print(line, markup=False)
    if report.skipped:
        raise typer.Exit(10)


@app.command(help=o.COMPLETION_HELP)
def completion(shell: o.ShellArgument) -> None:
    from typer._completion_shared import get_completion_script

    script = get_completion_script(
        prog_name="resarchive", complete_var="_RESARCHIVE_COMPLETE", shell=shell.value
    )
    sys.stdout.write(script + "\n")
