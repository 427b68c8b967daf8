"""What `ingest` prints: one summary per file, an error line per failure, then the totals.

A summary is the record's id and source, its title, one line of the event (type and format
in the interface's language, dates, place, counts with correct plurals) and its warnings,
translated. A kept record (reviewed, or edited by hand) gets one line saying so and how to
overwrite it. After every batch: the failures again (for a batch of several files) and one
line of totals on stderr.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .i18n import N_, _, ngettext, warning
from .output import visible
from .terms import format_name, type_name

if TYPE_CHECKING:
    from rich.console import Console

    from .errors import ResarchiveError
    from .ingest import IngestResult
    from .progress import Batch
    from .record.models import Record

STATUS = {
    "written": N_("written"),
    "replaced": N_("replaced the old version"),
    "unchanged": N_("unchanged"),
    "kept-reviewed": N_("kept"),
    "kept-edited": N_("kept"),
}


@dataclass
class Totals:
    files: int = 0
    statuses: Counter = field(default_factory=Counter)
    with_warnings: int = 0
    failures: list[ResarchiveError] = field(default_factory=list)

    def add(self, result: IngestResult) -> None:
        self.files += 1
        self.statuses[result.status] += 1
        if result.error is not None:
            self.failures.append(result.error)
        elif result.record is not None and result.record.warnings:
            self.with_warnings += 1

    def line(self) -> str:
        """ "12 files: written 8, unchanged 2, …" in the interface's language."""
        n = self.statuses
        files = ngettext("{n} file", "{n} files", self.files).format(n=self.files)
        if n["dry-run"]:
            parts = [
                _("printed: {n}").format(n=n["dry-run"]),
                _("failed: {n}").format(n=len(self.failures)),
            ]
            return _("Done, nothing written: {files}; {parts}.").format(
                files=files, parts=", ".join(parts)
            )
        parts = [
            _("written: {n}").format(n=n["written"]),
            _("unchanged: {n}").format(n=n["unchanged"]),
            _("kept as reviewed: {n}").format(n=n["kept-reviewed"]),
            _("kept as edited by hand: {n}").format(n=n["kept-edited"]),
        ]
        if n["replaced"]:
            parts.insert(1, _("replaced by a new version: {n}").format(n=n["replaced"]))
        parts += [
            _("with warnings: {n}").format(n=self.with_warnings),
            _("failed: {n}").format(n=len(self.failures)),
        ]
        return _("Done: {files}; {parts}.").format(files=files, parts=", ".join(parts))


def event_line(record: Record) -> str:
    """ "seminar, online, 2021-11-24, Рязань; 4 organizations, 1 person, …"."""
    e = record.event
    dates = " – ".join(str(d) for d in dict.fromkeys([e.start, e.end]) if d) or _("no date")
    what = [type_name(e.type)] + ([format_name(e.format)] if e.format else [])
    counts = [
        ngettext("{n} organization", "{n} organizations", len(record.organizations)),
        ngettext("{n} person", "{n} persons", len(record.persons)),
        ngettext("{n} speaker", "{n} speakers", len(record.speakers)),
        ngettext("{n} recommendation", "{n} recommendations", len(record.recommendations)),
    ]
    sizes = [len(record.organizations), len(record.persons), len(record.speakers)]
    sizes.append(len(record.recommendations))
    counted = ", ".join(text.format(n=size) for text, size in zip(counts, sizes, strict=True))
    place = e.place or _("place unknown")
    return f"{', '.join(what)}, {dates}, {place}; {counted}"


def print_summary(batch: Batch, result: IngestResult) -> None:
    """The summary of one stored (or kept) record."""
    from rich.markup import escape  # file names and extracted text may hold [brackets]

    record = result.record
    assert record is not None
    status = _(STATUS[result.status]) if result.status in STATUS else result.status
    source = escape(visible(str(result.source), newlines=False))  # a file name is one line
    lines = [
        f"[bold]{escape(record.id)}[/bold] ← {source} ({status})",
        f"  {escape(record.document.title)}",
        f"  {escape(event_line(record))}",
    ]
    label = escape(_("warning:"))
    lines += [f"  [yellow]{label}[/yellow] {escape(warning(text))}" for text in record.warnings]
    if result.status == "kept-reviewed":
        lines.append(
            f"  [yellow]{escape(_('kept: the record is reviewed; --force overwrites it'))}[/yellow]"
        )
    elif result.status == "kept-edited" and result.note == "unknown":
        kept = _(
            "kept: the record differs from what ingest would write, and ingest has no note "
            "of writing it (edited by hand?); --force overwrites it"
        )
        lines.append(f"  [yellow]{escape(kept)}[/yellow]")
    elif result.status == "kept-edited":
        kept = _("kept: the record was edited by hand since ingest wrote it; --force overwrites it")
        lines.append(f"  [yellow]{escape(kept)}[/yellow]")
    # One print, without automatic highlighting (numbers, quoted strings): each of rich's
    # prints costs ~0.15 ms of set-up and its highlighter as much again; a summary of
    # seven lines took 0.9 ms of the main process, which `--jobs 2` shares with workers.
    batch.print("\n".join(lines), highlight=False)


def print_failures(err: Console, totals: Totals, items: int) -> None:
    """After a batch of several files: the failed ones again, then the totals (a single
    file's own summary or error line says all)."""
    from .i18n import message

    if items <= 1:
        return
    failures = totals.failures
    if failures:
        line = ngettext(
            "{failed} of {n} file failed:", "{failed} of {n} files failed:", items
        ).format(failed=len(failures), n=items)
        err.print(line, markup=False)
        for exc in failures:
            text = message(str(exc))
            where = visible(str(exc.path), newlines=False)  # a file name is one line
            shown = f"  {where}: {text}" if exc.path else f"  {text}"
            err.print(visible(shown), markup=False)
    err.print(totals.line(), markup=False, highlight=False)


def exit_code(failures: Iterable[ResarchiveError]) -> int:
    """0 without failures; the failures' code when all are of one kind; else 1."""
    codes = {exc.exit_code for exc in failures}
    if not codes:
        return 0
    return codes.pop() if len(codes) == 1 else 1
