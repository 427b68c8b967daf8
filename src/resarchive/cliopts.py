"""The options and help texts of the CLI's commands, in the interface's language.

Each option is an `Annotated` type that `cli.py`'s command functions use: its help text,
its metavar (a word a person understands: FILE, SECONDS, N, never typer's `<list[Path]>`
or `<int range> [x>=1]`), its default shown where it helps. Numbers are read by small
parsers with messages of their own, so no range jargon appears in the help. Help texts
keep to single-line paragraphs (typer keeps the line breaks of later paragraphs) and no
square brackets (rich reads them as markup).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .i18n import _
from .terms import type_names


def command_help(*paragraphs: str, examples: str = "") -> str:
    """A command's help: one-line paragraphs, then its examples, one command a line."""
    parts = list(paragraphs)
    if examples:
        parts.append(_("Examples:") + "\n" + examples.strip("\n"))
    return "\n\n".join(parts)


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    yaml = "yaml"
    csv = "csv"


class TextFormat(StrEnum):
    table = "table"
    json = "json"


class RowsKind(StrEnum):
    records = "records"
    recommendations = "recommendations"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


# Bounds of numeric options: a number beyond them is a usage error (exit 2), never a
# crash further on (an OverflowError in a timer would be exit 15, "a bug").
MAX_SECONDS = 7 * 24 * 3600.0
MAX_JOBS = 512


def whole(minimum: int, maximum: int) -> Callable[[str | int], int]:
    """A parser of whole numbers from `minimum` to `maximum`, with translated messages."""

    def whole_number(value: str | int) -> int:
        try:
            number = int(value)
        except ValueError:
            text = _("{value} is not a whole number")
            raise typer.BadParameter(text.format(value=value)) from None
        if number < minimum:
            text = _("must be at least {minimum}, not {value}")
            raise typer.BadParameter(text.format(minimum=minimum, value=number))
        if number > maximum:
            text = _("must be at most {maximum}, not {value}")
            raise typer.BadParameter(text.format(maximum=maximum, value=number))
        return number

    return whole_number


def seconds(minimum: float, maximum: float = MAX_SECONDS) -> Callable[[str | float], float]:
    """A parser of a number of seconds from `minimum` to `maximum` (NaN refused), with
    translated messages."""

    def number_of_seconds(value: str | float) -> float:
        try:
            number = float(value)
        except ValueError:
            text = _("{value} is not a number of seconds")
            raise typer.BadParameter(text.format(value=value)) from None
        if number != number:  # NaN, which passes every comparison
            text = _("{value} is not a number of seconds")
            raise typer.BadParameter(text.format(value=value))
        if number < minimum:
            text = _("must be at least {minimum} s, not {value}")
            raise typer.BadParameter(text.format(minimum=f"{minimum:g}", value=value))
        if number > maximum:
            text = _("must be at most {maximum} s, not {value}")
            raise typer.BadParameter(text.format(maximum=f"{maximum:g}", value=value))
        return number

    return number_of_seconds


# --------------------------------------------------------------------- the program

APP_HELP = _(
    "A structured archive of Russian library conference resolutions: "
    "ingest documents into validated YAML records, then validate and query the archive."
)
APP_EPILOG = _(
    "Exit status: 0 success; 1 problems found (validate) or failures of several kinds; "
    "2 a mistake on the command line; 3-9 and 12-17 a file that cannot be ingested; "
    "10 no archive, or it cannot be read or written; 11 another ingest holds the archive; "
    "18 a changed version of a stored file (ingest --replace). The README lists every "
    "code under \u201cWhen things go wrong\u201d."
)
VERSION_HELP = _("Print the version and exit.")

# --------------------------------------------------------------------- ingest

INGEST_HELP = command_help(
    _(
        "Extract records from documents (.txt .md .docx .doc .odt .pdf .rtf, recognized by "
        "content; scanned PDFs with --ocr) and store them in the archive with their "
        "originals. Where there is no archive yet, a new one is made; the first line says "
        "where."
    ),
    _(
        "A record that is reviewed (reviewed: true) or was edited by hand since ingest wrote "
        "it is kept: --force overwrites it. A changed version of a file already in the "
        "archive (the same name, other content, the same event) is stored only with "
        "--replace, in place of the old record."
    ),
    _(
        "Exit status: 0 when every file was ingested; otherwise the code of the failure when "
        "all failures are of one kind, else 1. The good files are stored either way."
    ),
    examples="""
  resarchive ingest resolution.docx
  resarchive --archive ~/archive ingest incoming/ --glob "*.docx"
  resarchive ingest --replace corrected/resolution.docx
""",
)
Paths = Annotated[
    list[Path],
    typer.Argument(
        metavar=_("FILE_OR_FOLDER..."),
        help=_("Source files or folders (folders are walked recursively)."),
        show_default=False,
    ),
]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help=_("Print the records as YAML; write nothing."))
]
Force = Annotated[
    bool, typer.Option("--force", help=_("Overwrite records that are reviewed or edited by hand."))
]
Replace = Annotated[
    bool,
    typer.Option(
        "--replace",
        help=_(
            "Store a changed version of a file already in the archive in place of its old "
            "record and original."
        ),
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        parser=whole(1, MAX_JOBS),
        metavar="N",
        help=_("Worker processes reading the files (default: one per CPU core)."),
    ),
]
Glob = Annotated[
    str | None,
    typer.Option(
        "--glob",
        metavar=_("PATTERN"),
        help=_('In folders, take only the files matching a pattern: "*.docx", "2023/**/*.pdf".'),
    ),
]
MaxSize = Annotated[
    str,
    typer.Option(
        "--max-size",
        metavar=_("SIZE"),
        help=_(
            "Refuse files, and texts read from them, over this size: 5MB, 200KB or a number "
            "of bytes (KB = 1024 bytes)."
        ),
        show_default=True,
    ),
]
Strict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help=_("Refuse texts that do not read as resolutions (otherwise: stored with a warning)."),
    ),
]
LockTimeout = Annotated[
    float,
    typer.Option(
        "--lock-timeout",
        parser=seconds(0),
        metavar=_("SECONDS"),
        help=_("How long to wait while another ingest is writing to the archive."),
        show_default=True,
    ),
]
Ocr = Annotated[
    bool,
    typer.Option(
        "--ocr",
        help=_(
            "Read scanned PDFs (no text layer) with Tesseract OCR, about 3 s a page: raise "
            "--timeout for long scans (apt-get install tesseract-ocr tesseract-ocr-rus)."
        ),
    ),
]
Timeout = Annotated[
    float,
    typer.Option(
        "--timeout",
        parser=seconds(1),
        metavar=_("SECONDS"),
        help=_(
            "How long one file may take to read and extract; a file over it is stopped and "
            "fails alone."
        ),
        show_default=True,
    ),
]

# --------------------------------------------------------------------- validate

VALIDATE_HELP = command_help(
    _("Check every record against the schema, its original and the other records."),
    _(
        "Only records (and originals) changed since the last run are read again; the index "
        "remembers the rest. Exit 0 when clean; 1 with one line per problem "
        "(file:line: field: message) otherwise."
    ),
    examples="  resarchive validate\n  resarchive --archive ~/archive validate --full",
)
Full = Annotated[
    bool, typer.Option("--full", help=_("Re-check every record, not only what changed."))
]

# --------------------------------------------------------------------- query

QUERY_HELP = command_help(
    _(
        "Find records; every filter given must hold. Names and words match in any "
        "grammatical case; abbreviations find full names and back (--org РБА)."
    ),
    _(
        "With --rows recommendations, --addressee and --text pick recommendations and the "
        "other filters pick the records they come from."
    ),
    examples="""
  resarchive query --org "Камчатской краевой детской библиотеки"
  resarchive query --type семинар --from 2021-01-01
  resarchive query --person Чернова --format json
  resarchive query --text "социальные сети" --format csv --delimiter ";" > found.csv
  resarchive query --addressee "органы местного самоуправления" --rows recommendations
""",
)


def _name(help_text: str) -> object:
    return typer.Option(metavar=_("NAME"), help=help_text)


Org = Annotated[str | None, _name(_("Organization, in any case form."))]
Person = Annotated[str | None, _name(_("Person: a surname or a full name, in any case."))]
Place = Annotated[str | None, _name(_("Place, in any case form."))]
Addressee = Annotated[str | None, _name(_("Addressee of recommendations, in any case form."))]
DateFrom = Annotated[
    str | None,
    typer.Option(
        "--from", metavar=_("DATE"), help=_("Events ending on or after this date (2021-11-24).")
    ),
]
DateTo = Annotated[
    str | None,
    typer.Option(
        "--to", metavar=_("DATE"), help=_("Events starting on or before this date (2021-11-24).")
    ),
]
EventType = Annotated[
    str | None,
    typer.Option(
        "--type",
        metavar=_("TYPE"),
        help=_("Event type, in Russian or English: {types}.").format(types=type_names()),
    ),
]
Words = Annotated[
    str | None,
    typer.Option(
        metavar=_("WORDS"), help=_("Words in the title, the event name or the recommendations.")
    ),
]
Rows = Annotated[
    RowsKind, typer.Option(help=_("One line per record, or per matching recommendation."))
]
QueryFormatOption = Annotated[
    QueryFormat,
    typer.Option(
        "--format", help=_("table on the screen, json, yaml, or csv for Excel and programs.")
    ),
]
Delimiter = Annotated[
    str,
    typer.Option(
        "--delimiter",
        metavar=_("CHARACTER"),
        help=_('CSV column separator: "," or ";" (Excel with Russian regional settings) or tab.'),
        show_default=True,
    ),
]
NoGuard = Annotated[
    bool,
    typer.Option(
        "--no-formula-guard",
        help=_(
            "Write CSV values as they are, for programs: without it a value starting with =, "
            "+, -, @, a tab or a carriage return gets a leading ' so that Excel does not run "
            "it as a formula."
        ),
    ),
]

# --------------------------------------------------------------------- stats, export

STATS_HELP = command_help(
    _(
        "Count records per year and per event type; list the most frequent organizations, "
        "places and addressees."
    ),
    examples="  resarchive stats\n  resarchive stats --top 20 --format json",
)
TextFormatOption = Annotated[
    TextFormat, typer.Option("--format", help=_("table on the screen, or json."))
]
Top = Annotated[
    int,
    typer.Option(
        parser=whole(1, 10_000),
        metavar="N",
        help=_("How many organizations, places and addressees to list."),
        show_default=True,
    ),
]
EXPORT_HELP = command_help(
    _("Write the whole archive as JSON Lines (for DuckDB, pandas) or CSV (for Excel)."),
    _(
        "CSV is UTF-8 with a byte order mark, so that Excel reads the Cyrillic; lists are "
        "joined with \u201c; \u201d, booleans are yes or no. A value starting with =, +, -, "
        "@, a tab or a carriage return gets a leading ', so that Excel shows it as text "
        "instead of running it as a formula; --no-formula-guard writes values as they are. "
        'With Russian regional settings Excel splits columns on ";": use --delimiter ";".'
    ),
    examples="""
  resarchive export --format csv -o archive.csv
  resarchive export --format csv --delimiter ";" -o archive.csv
  resarchive export --format csv --rows recommendations -o recommendations.csv
  resarchive export --format jsonl -o archive.jsonl
""",
)
ExportFormatOption = Annotated[ExportFormat, typer.Option("--format", help=_("jsonl or csv."))]
ExportRows = Annotated[
    RowsKind, typer.Option(help=_("One line per record, or per recommendation."))
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar=_("FILE"), help=_("File to write (default: standard output).")
    ),
]

# --------------------------------------------------------------------- one record

RecordId = Annotated[str, typer.Argument(metavar="ID", help=_("Record id, as query lists it."))]
SHOW_HELP = command_help(
    _("Print one record as YAML, every value whole."),
    examples="  resarchive show 2021-11-24-biblioteka-onlain",
)
TEXT_HELP = command_help(
    _(
        "Print the text a record's spans point into: the source file's text as read (for "
        ".docx, .pdf, .rtf and the other formats, the text extracted from it)."
    ),
    _(
        "--span prints exactly the text one span points to: an item of a list, counted from "
        "1 (persons.2, recommendations.3), or two offsets from a span line of the record "
        "(1200:1285). --span may be given several times."
    ),
    examples="""
  resarchive text 2021-11-24-biblioteka-onlain
  resarchive text 2021-11-24-biblioteka-onlain --span persons.2
  resarchive text 2021-11-24-biblioteka-onlain --span 1200:1285
""",
)
Span = Annotated[
    list[str] | None,
    typer.Option(
        "--span",
        metavar=_("ITEM_OR_OFFSETS"),
        help=_("A span to print: persons.2, recommendations.3 or 1200:1285."),
    ),
]
SCHEMA_HELP = command_help(
    _("Print the JSON Schema of a record."),
    examples="  resarchive schema > record.schema.json",
)
EVAL_HELP = command_help(
    _("Score the extractor against the reviewed records (the gold) of the archive."),
    _(
        "Re-extracts each reviewed record's original and prints precision, recall and F1 per "
        "list field, accuracy per scalar field, and their macro average."
    ),
    examples="  resarchive eval\n  resarchive eval --misses\n  resarchive eval --format json",
)
Misses = Annotated[
    bool, typer.Option("--misses", help=_("Also list every missed, extra or wrong item."))
]
COMPLETION_HELP = command_help(
    _("Print the shell's completion script, so that Tab completes commands and options."),
    _("For bash, add this line to ~/.bashrc:") + '\n  eval "$(resarchive completion bash)"',
)
ShellArgument = Annotated[Shell, typer.Argument(metavar=_("SHELL"), help=_("bash, zsh or fish."))]
