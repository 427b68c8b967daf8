"""Batch progress for the CLI: a rich bar on a terminal, plain lines otherwise.

On a terminal the bar stays on the last line while every message of the batch (summaries
on stdout, errors on stderr) is printed above it through the bar's own console: rich then
clears the bar, prints the message and draws the bar again, so nothing is written over it.
Errors go through that console only when stderr is the same terminal; redirected, they go
to stderr as they are.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from .i18n import _


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        text = _("{rate} files/s").format(rate=f"{speed:.1f}" if speed else "–")
        return Text(text, style="progress.data.speed")


class Batch:
    """What a batch prints while it runs: `advance(name)` once per finished file, `print`
    for its messages."""

    def __init__(self, total: int, out: Console, err: Console, progress: Progress | None):
        self.total, self.out, self.err, self.progress = total, out, err, progress
        self.done = 0
        self.start = time.monotonic()
        self._task = progress.add_task(_("ingest"), total=total) if progress else None

    def print(self, renderable: Any, *, stderr: bool = False, **options: Any) -> None:
        """Print above the bar (or plainly without one); `options` are Console.print's.
        Control characters in a text `renderable` are shown escaped (`output.visible`)."""
        from .output import visible

        if isinstance(renderable, str):
            renderable = visible(renderable)
        if self.progress is not None and (not stderr or sys.stderr.isatty()):
            self.progress.console.print(renderable, **options)
        else:
            (self.err if stderr else self.out).print(renderable, **options)

    def advance(self, name: str) -> None:
        from .output import visible

        name = visible(name, newlines=False)  # a file name is one line
        self.done += 1
        if self.progress is not None and self._task is not None:
            self.progress.advance(self._task)
            self.progress.refresh()  # the last file too, failed or not
            return
        if self.total <= 1:  # one file: its own summary or error line says all
            return
        elapsed = time.monotonic() - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        eta = timedelta(seconds=round((self.total - self.done) / rate)) if rate else "?"
        line = _("[{done}/{total}] {rate} files/s, {eta} left: {name}").format(
            done=self.done, total=self.total, rate=f"{rate:.1f}", eta=eta, name=name
        )
        self.err.print(line, markup=False, highlight=False)


@contextmanager
def batch_progress(total: int, out: Console, err: Console) -> Iterator[Batch]:
    """A Batch: a live bar (file count, rate, time left) when stdout is a terminal,
    otherwise one plain line per file on stderr (none for a single file), so that stdout
    (summaries, --dry-run YAML) stays clean for pipes. The bar goes when the batch ends."""
    if not out.is_terminal:
        yield Batch(total, out, err, None)
        return
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=out,
        transient=True,
    )
    with progress:
        yield Batch(total, out, err, progress)
