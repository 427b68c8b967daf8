"""The CLI's terminal output: rich consoles made on first use, and plain lines without rich.

Importing rich costs a query on a small archive a sixth of its time (20-25 ms); commands
that print plain lines (JSON, CSV, problems, counts) write them directly and never
load it, and the terminal tables load it when they print.

Everything printed here is safe for a terminal (`output.visible`): control characters
from documents, file names and YAML keys are shown escaped (`\x1b`), in every line;
tables take their cells as plain text (`output.cell`), never as markup.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


class LazyConsole:
    """A rich Console (no highlighting, no emoji codes, no wrapping of long lines) made on
    first use; `print` shows control characters in its text arguments escaped."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    @property
    def console(self) -> Console:
        """The rich Console itself (what rich's Progress and Live need: `with console:`)."""
        if self._console is None:
            self._console = new_console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.console, name)


def new_console(**options: Any) -> Console:
    """A rich Console (no highlighting, no emoji codes, no wrapping of long lines) that raises
    BrokenPipeError on a closed pipe, where rich would exit 1: the CLI ends quietly, 0."""
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return PipeConsole(**{"highlight": False, "soft_wrap": True, "emoji": False, **options})


out = LazyConsole()
err = LazyConsole(stderr=True)


def say(line: str, *, stderr: bool = False) -> None:
    """One line (what the consoles print with markup off), without rich; control
    characters, line breaks included, shown escaped: one call is one line."""
    from .output import visible

    stream = sys.stderr if stderr else sys.stdout
    stream.write(visible(line, newlines=False) + "\n")
    stream.flush()


# The narrowest a wrapped column of a terminal table may get before the table is printed
# as blocks instead (below that, a column of words becomes a column of syllables).
MIN_COLUMN = 10


def print_table(
    headers: list[str], rows: list[list[str]], *, title: str | None = None, console: Any = None
) -> None:
    """A table on the terminal that never loses text (`rows` of plain strings, no markup).

    The first column (ids) is never cut or wrapped, so an id can be copied into `show`;
    the others wrap. When the terminal is too narrow for that, each row is printed as a
    block instead: its first value, then one "heading: value" line per column, which the
    terminal wraps. Into a file or a pipe the table is as wide as its longest row. Nothing
    is ever cropped to "…".
    """
    from rich.table import Column, Table
    from rich.text import Text

    from .output import cell, visible

    console = console or out.console
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    if not console.is_terminal:  # a file or a pipe: every row on one line, however long
        whole = sum(widths) + 3 * len(headers) + 1
        if whole > console.width:
            console = new_console(file=console.file, width=whole)
    needed = widths[0] + sum(min(MIN_COLUMN, w) for w in widths[1:]) + 3 * len(headers) + 1
    key_width = widths[0]
    if needed <= console.width:
        columns = [Column(headers[0], no_wrap=True, min_width=key_width)]
        columns += [Column(h, overflow="fold") for h in headers[1:]]
        table = Table(*columns, title=title, title_justify="left")
        for row in rows:
            table.add_row(*map(cell, row))
        console.print(table)
        return
    if title:
        console.print(Text(visible(title), style="bold"))
    for row in rows:
        console.print(Text(visible(row[0]), style="bold"))
        for heading, value in zip(headers[1:], row[1:], strict=True):
            if value:
                console.print(Text(visible(f"  {heading}: {value}")))
