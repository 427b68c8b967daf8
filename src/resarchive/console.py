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

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False, soft_wrap=True, emoji=False, **self._options)
        return getattr(self._console, name)

    def print(self, *objects: Any, **options: Any) -> None:
        from .output import visible

        shown = [visible(o) if isinstance(o, str) else o for o in objects]
        self.__getattr__("print")(*shown, **options)


out = LazyConsole()
err = LazyConsole(stderr=True)


def say(line: str, *, stderr: bool = False) -> None:
    """One line (what the consoles print with markup off), without rich; control
    characters, line breaks included, shown escaped: one call is one line."""
    from .output import visible

    stream = sys.stderr if stderr else sys.stdout
    stream.write(visible(line, newlines=False) + "\n")
    stream.flush()
