"""Batch progress for the CLI: a rich bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

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


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} files/s" if speed else "– files/s", style="progress.data.speed")


@contextmanager
def batch_progress(
    total: int, out: Console, err: Console, label: str = "ingest"
) -> Iterator[Callable[[str], None]]:
    """Yield `advance(name)`, called once per finished file.

    On a terminal (`out.is_terminal`) a live bar with the file count, rate and ETA;
    lines printed through `out` meanwhile scroll above it. Otherwise one plain line
    per file on `err` (none for a single file, whose own lines say all), so that stdout
    (summaries, --dry-run YAML) stays clean for pipes.
    """
    if out.is_terminal:
        progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=out,
            transient=True,
        )
        task = progress.add_task(label, total=total)
        with progress:
            yield lambda _name: progress.advance(task)
        return
    if total <= 1:  # one file: its own summary or error line says all
        yield lambda _name: None
        return
    start, done = time.monotonic(), 0

    def advance(name: str) -> None:
        nonlocal done
        done += 1
        elapsed = time.monotonic() - start
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = timedelta(seconds=round((total - done) / rate)) if rate else "?"
        err.print(
            f"[{done}/{total}] {rate:.1f} files/s, ETA {eta}: {name}", markup=False, highlight=False
        )

    yield advance
