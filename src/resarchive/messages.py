"""The English messages made outside the CLI's own printing, as templates for the catalog.

Errors raised while reading a file (often in ingest's worker processes), the warnings
stored in records (English: the archive's contract) and the texts typer's vendored click
prints are English strings; `i18n.message()` matches them against these templates where
they are printed and gives the Russian of the catalog, with the parts in braces put in.
A part that is itself a message ("does not read as a resolution: {reason} (--strict)")
is translated in turn.

Every message a module passes to an error of `errors.py` or a warning must match one of
these: `tests/test_i18n.py` reads the sources and fails on a message none matches.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802  (gettext's name; i18n.py imports this module)
    """Mark a template for the catalog (make messages); it is translated where printed."""
    return message


# Errors of reading and extraction (exit codes 3-17), as `error: FILE: message`.
ERRORS = (
    N_("no such file or folder"),
    N_("no such file"),
    N_("not a regular file"),
    N_("cannot read: {cause}"),
    N_("folder holds no readable source files"),
    N_("a symbolic link to {target}, outside the folder: not read"),
    N_("folder holds no files matching {pattern}"),
    N_("file of {size} is over the {limit} limit (--max-size)"),
    N_("the text read from it is {size} (characters), over the {limit} limit (--max-size)"),
    N_("the {format} document holds no text"),
    N_("unknown source format {format}"),
    N_("empty file (0 bytes)"),
    N_("file holds only whitespace"),
    N_("binary file (NUL bytes), not text"),
    N_("binary file (control characters), not text"),
    N_("not UTF-8, UTF-16 or Windows-1251 text"),
    N_("cannot decode as {encoding}: {cause}"),
    N_("a zip archive, not a Word .docx or OpenDocument .odt"),
    N_("an OLE2 file (Excel or PowerPoint?), not a Word .doc document"),
    N_("damaged zip/{kind} file: {cause}"),
    # zipfile's own words for the commonest damage, put in as a {cause}
    N_("File is not a zip file"),
    N_("Bad magic number for central directory"),
    N_("Truncated file header"),
    N_("unpacks to {size} MB, over the {limit} MB limit for a {kind} file"),
    N_("holds {count} paragraphs, over the {limit} limit for one document"),
    N_("cannot read the .docx file: {cause}"),
    N_("cannot read the .odt file: {cause}"),
    N_("cannot read the .doc file: {cause}"),
    N_("LibreOffice could not"),
    N_("{program} failed"),
    N_("{program} failed: {detail}"),
    N_("cannot read a legacy Word .doc: {hint}"),
    N_(
        "install LibreOffice (apt-get install libreoffice-writer-nogui) or antiword "
        "(apt-get install antiword)"
    ),
    N_("install antiword (apt-get install antiword)"),
    N_("cannot run {program}: {cause}"),
    N_("the .doc converter took over {seconds} s (stopped)"),
    N_("cannot read the PDF file: {cause}"),
    N_("{count} pages, over the {limit} page limit"),
    N_("no text layer in the PDF ({count} page(s) of images): OCR it first (ingest --ocr)"),
    N_("a scanned PDF needs OCR: {hint}"),
    N_("Tesseract has no Russian model: {hint}"),
    N_(
        "install Tesseract with its Russian model (apt-get install tesseract-ocr tesseract-ocr-rus)"
    ),
    N_("cannot run tesseract ({cause}): {hint}"),
    N_("a scan of {count} pages, over the {limit} page limit for OCR"),
    N_("OCR took over {seconds} s for one page"),
    N_("OCR failed"),
    N_("OCR failed: {detail}"),
    N_("the RTF font table is never closed: damaged RTF"),
    N_("an RTF font table of {size} KB, over the {limit} KB limit: damaged RTF"),
    N_("cannot read the RTF file: {cause}"),
    N_("does not read as a resolution: {reason} (--strict)"),
    N_("not Russian text ({share} Cyrillic letters)"),
    N_("no wording of a resolution (резолюция, решение, рекомендации, участники …)"),
    N_("reading it needed more than the {limit} memory limit: stopped"),
    N_("reading and extracting it took over {seconds} s: stopped (--timeout)"),
    N_(
        "the process reading it {how}: over the {limit} memory limit, or a reader library "
        "crashed on it"
    ),
    N_("was killed by {signal}"),
    N_("was killed by signal {number}"),
    N_("exited with status {code}"),
    N_("its result was too large to send"),
    N_("a worker process could not start: {cause}"),
    N_("a worker process did not start within {seconds} s"),
    N_("unexpected error while reading or extracting: {error}"),
    N_(
        "unexpected error while reading or extracting: {error} (a bug: please report it; "
        "--debug shows the traceback)"
    ),
    N_(
        "unexpected error while storing it: {error} (a bug: please report it; "
        "--debug shows the traceback)"
    ),
    N_("{text} is not a size like 5MB, 200KB or 300000 (bytes)"),
    N_("{text}: the size must be above zero"),
    N_("{text}: the size must be at most 1GB (1024MB)"),
    # sizes, as read.format_size writes them
    N_("{size} bytes"),
    N_("{size} KB"),
    N_("{size} MB"),
    N_("{size} GB"),
)

# Errors of the archive (exit codes 10, 11).
ARCHIVE = (
    N_("invalid record id {id}"),
    N_("unsafe raw file name {name}"),
    N_("no record {id} in {folder}"),
    N_("cannot read the raw file: {cause}"),
    N_("cannot write to the archive: {cause}"),
    N_(
        "could not lock the archive: another resarchive process holds {lock} "
        "(waited {seconds} s; --lock-timeout waits longer)"
    ),
    N_("no archive here: the folder does not exist (--archive DIR or RESARCHIVE_ARCHIVE)"),
    N_("not an archive: it has no structured/ folder (--archive DIR or RESARCHIVE_ARCHIVE)"),
    N_(
        "another version of {name} is in the archive ({record}): --replace replaces it, "
        "or rename the file to keep both"
    ),
    N_(
        "another version of {name} is in the archive ({record}), and that record is "
        "reviewed: --replace --force replaces it"
    ),
    N_(
        "another version of {name} is in the archive ({record}), and that record was "
        "edited by hand: --replace --force replaces it"
    ),
    # the archive's own files (archive_checks.py: made with _(), English in the README)
    N_("{kind}, not an archive folder"),
    N_("a symbolic link to {target}, outside the archive: not used"),
    N_("the archive's lock file is {kind}: remove it (no resarchive may run)"),
    N_(
        "does not match the sha256 in the record {id}: the raw file was changed "
        "or replaced (resarchive validate)"
    ),
    N_("cannot write the file: {cause} (an existing file is left as it was)"),
    N_("unexpected error: {error} (a bug: please report it; --debug shows the traceback)"),
)

# Warnings stored in records ("field: message"); the field path stays as it is.
WARNINGS = (
    N_("{field}: not stated"),
    N_("event.type: no event mentioned"),
    N_("event.organizers: the bodies that supported the event"),
    N_("event.organizers: taken from the document heading"),
    N_("recommendations: no operative part found"),
    N_("document: does not read as a resolution: {reason}"),
    N_(
        "the file ends in the middle of a UTF-8 character (cut short?): its last "
        "{count} byte(s) were left out"
    ),
    N_(
        "the text was recognized by OCR (Tesseract) from page images: spans point into the "
        "recognized text, which may differ from the printed page"
    ),
)

# What typer's vendored click says in English only (its parser, types and exceptions).
CLICK = (
    N_("No such option: {option}"),
    N_("No such option: {option} (Possible options: {options})"),
    N_("Option {option} requires an argument."),
    N_("Option {option} requires {count} arguments."),
    N_("Option {option} does not take a value."),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("{value} is not one of {choices}."),
    N_("{value} is not a valid {kind}."),
    N_("{value} is not in the range {range}."),
)

# The texts typer prints through gettext's global domain (its vendored click prints its
# own in English), for the catalog: gettext finds them as they are, so they are no
# templates.
TYPER = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Error"),
    N_("Aborted."),
    N_("Aborted!"),
    N_("[default: {}]"),
    N_("[env var: {}]"),
    N_("[required]"),
    N_("(deprecated) "),
    N_("(dynamic)"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("Try [blue]'{command_path} {help_option}'[/] for help."),
    N_("Missing command."),
    N_("No such command {name!r}."),
)

TEMPLATES = ERRORS + ARCHIVE + WARNINGS + CLICK
