"""The CLI's terminal output: rich consoles made on first use, and plain lines without rich.

Importing rich costs a query on a small archive a sixth of its time (20-25 ms); commands
that print plain lines (JSON, CSV, problems, counts) write them directly and never
load it, and the terminal tables load it when they print.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


class LazyConsole:
    """A rich Console (no highlighting, no wrapping of long lines) made on first use."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False, soft_wrap=True, **self._options)
        return getattr(self._console, name)


out = LazyConsole()
err = LazyConsole(stderr=True)


def say(line: str, *, stderr: bool = False) -> None:
    """One line as it is (what the consoles print with markup off), without rich."""
    stream = sys.stderr if stderr else sys.stdout
    stream.write(line + "\n")
    stream.flush()
