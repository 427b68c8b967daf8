"""What keeps the command line from failing badly (issue 14): every failure of every
command is one line and a documented exit code, and numbers are bounded before use.

- `Commands`, the CLI's click group: an ArchiveError (or any ResarchiveError) ending a
  command prints `error: FILE: cause` and exits with its code; an OSError (a full disk, a
  read-only archive, a permission) exits 10 with its cause in words; anything else is a
  bug, exit 15, one line. `--debug` shows the traceback instead. typer's own usage errors
  and exits pass through (exit 2).
- `finite`: NaN passes click's range checks; it is refused here as a usage error.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from .console import err, say
from .errors import ResarchiveError
from .i18n import _

# Bounds of numeric options: a number beyond them is a usage error (exit 2), never a
# crash further on (an OverflowError was exit 15, "a bug").
MAX_SECONDS = 7 * 24 * 3600.0
MAX_JOBS = 512


def finite(value: float) -> float:
    """Refuse NaN (which passes click's range checks) as a usage error."""
    if value != value:
        raise typer.BadParameter(_("not a number"))
    return value


def print_error(exc: ResarchiveError, *, debug: bool = False) -> None:
    """One line: `error: FILE: cause`; with --debug, the traceback of a bug after it."""
    from rich.markup import escape

    err.print(f"[red]error:[/red] {escape(exc.line())}")
    detail = getattr(exc, "detail", "")
    if debug and detail:
        err.print(detail.rstrip(), markup=False)


def skipped(problem: object) -> None:
    """One line on stderr for a record (or raw file) a command left out."""
    say(_("skipped: {problem}").format(problem=problem), stderr=True)


class Commands(TyperGroup):
    """The CLI's group: every command's failure as one line and its exit code, never a
    traceback (but with --debug). `state` (set by the CLI) has `debug` and `archive`."""

    state: Any = None

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except ResarchiveError as exc:
            if getattr(self.state, "debug", False):
                raise
            print_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            raise
        except OSError as exc:
            if getattr(self.state, "debug", False):
                raise
            from .archive_checks import os_failure

            archive = getattr(self.state, "archive", None)
            where = exc.filename or (archive.root if archive is not None else "")
            print_error(os_failure(exc, where))
            raise typer.Exit(10) from None
        except MemoryError:
            if getattr(self.state, "debug", False):
                raise
            print_error(ResarchiveError(_("out of memory")))
            raise typer.Exit(15) from None
        except Exception as exc:
            # typer's own (usage errors, exits) are typer's to print
            if isinstance(exc, typer.Exit | typer.Abort | typer.TyperException):
                raise
            if getattr(self.state, "debug", False):
                raise
            message = _(
                "unexpected error: {error} (a bug: please report it; --debug shows the traceback)"
            ).format(error=f"{type(exc).__name__}: {exc}")
            print_error(ResarchiveError(message))
            raise typer.Exit(15) from None
