"""What every command of the CLI shares: the archive and `--debug`, the help option, the error
line, the language of click's own texts, quiet broken pipes.

typer builds the commands from `cli.py`'s functions; `Group` (given as `typer.Typer(cls=...)`)
dresses them as it is made:

- `--archive` and `--debug` are taken before or after the command's name: every command gets
  copies of the two options (its help lists them under "Global options");
- every command but those in `NO_ARCHIVE` first checks that the archive exists, so that a
  mistyped `--archive` fails with one line instead of finding nothing;
- `-h`/`--help`, "Usage:", "[OPTIONS]" in the interface's language;
- a usage error (an unknown option, a missing argument, a bad value) is one translated line,
  exit 2: typer's vendored click words them in English without gettext, so they are
  re-worded from the exception's parts, or matched against `messages.CLICK`;
- a closed pipe (`query --format csv | head -1`) ends the command quietly, exit 0.

This leans on typer's vendored click (`typer._click`), a private module: typer is pinned
below 0.29 in pyproject.toml, and tests/test_ux_cli.py covers every hook used here.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import typer
from typer import _click as click
from typer._click import exceptions as click_exceptions
from typer._click import types as click_types
from typer.core import TyperArgument, TyperGroup, TyperOption
from typer.models import TyperPath

from .archive import Archive
from .console import err
from .errors import ArchiveError, ResarchiveError
from .i18n import _, message

ARCHIVE_ENV = "RESARCHIVE_ARCHIVE"
# Commands that run without an archive: ingest makes one; the others never read it.
NO_ARCHIVE = frozenset({"ingest", "schema", "completion"})
HELP_OPTION_NAMES = ["-h", "--help"]


class State:
    """The global options, as the command line (or the environment) set them."""

    archive = Archive(os.environ.get(ARCHIVE_ENV) or "data")
    archive_given = bool(os.environ.get(ARCHIVE_ENV))  # False: the default ./data
    debug = False

    @classmethod
    def set_archive(cls, path: Path | str, *, given: bool) -> None:
        cls.archive = Archive(path)
        cls.archive_given = given


# ---------------------------------------------------------------- one line per error


def error_text(exc: ResarchiveError) -> str:
    """`FILE: cause`, the cause in the interface's language."""
    text = message(str(exc))
    from .output import visible

    where = visible(str(exc.path), newlines=False)  # a file name is shown on one line
    return f"{where}: {text}" if exc.path else text


def print_error(exc: ResarchiveError) -> None:
    """`error: FILE: cause`, translated; with --debug, the traceback of a bug after it."""
    error_line(error_text(exc))
    detail = getattr(exc, "detail", "")
    if State.debug and detail:
        err.print(detail.rstrip(), markup=False)


def error_line(text: str) -> None:
    """One line on stderr after a red `error:`; `text` is printed as it is (no markup)."""
    err.print(error_markup(text))


def error_markup(text: str) -> str:
    """`error: text` as rich markup (a red label, `text` escaped)."""
    from rich.markup import escape

    label = escape(_("error:"))
    return f"[red]{label}[/red] {escape(text)}"


def skipped(problem: object) -> None:
    """One line on stderr for a record (or raw file) a command left out."""
    from .console import say

    say(_("skipped: {problem}").format(problem=problem), stderr=True)


def fail(exc: ResarchiveError) -> typer.Exit:
    """Print `exc` as one line; the Exit to raise with its code."""
    print_error(exc)
    return typer.Exit(exc.exit_code)


def check_archive(archive: Archive) -> None:
    """Raise ArchiveError (exit 10) when `archive` is not an archive folder."""
    from .archive_checks import check_archive as check_archive_files

    where = archive.root.absolute()
    if not os.path.lexists(archive.root):
        raise ArchiveError(
            "no archive here: the folder does not exist (--archive DIR or RESARCHIVE_ARCHIVE)",
            where,
        )
    check_archive_files(where)  # a file, a foreign folder, links out of the archive
    if not archive.structured.is_dir():
        raise ArchiveError(
            "not an archive: it has no structured/ folder (--archive DIR or RESARCHIVE_ARCHIVE)",
            where,
        )


# ---------------------------------------------------------------- usage errors


def _param_name(param: click.Parameter | None) -> str:
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return param.metavar or (param.name or "").upper()
    return max(param.opts, key=len)


def usage_error_text(exc: click.ClickException) -> str:
    """A usage error of click's in the interface's language, without the help hint."""
    exceptions = click_exceptions
    param = getattr(exc, "param", None)
    if isinstance(exc, exceptions.MissingParameter) and param is not None:
        if param.param_type_name == "argument":
            return _("missing argument {name}").format(name=_param_name(param))
        return _("missing option {name}").format(name=_param_name(param))
    if isinstance(exc, exceptions.BadParameter):
        problem = message(exc.message)
        hint = exc.param_hint if isinstance(exc.param_hint, str) else _param_name(param)
        if not hint:
            return _("invalid value: {problem}").format(problem=problem)
        return _("invalid value for {option}: {problem}").format(option=hint, problem=problem)
    if isinstance(exc, exceptions.NoSuchOption) and exc.message.startswith("No such option"):
        text = _("no such option: {option}").format(option=exc.option_name)
        if exc.possibilities:
            options = ", ".join(sorted(exc.possibilities))
            text += "; " + _("did you mean {options}?").format(options=options)
        return text
    text = message(exc.format_message())
    # typer appends its suggestion to "No such command …" in English
    hint = re.search(r"\s*Did you mean (?P<options>.+?)\?$", text)
    if hint:
        suggestion = _("did you mean {options}?").format(options=hint.group("options"))
        text = text[: hint.start()].rstrip(".") + "; " + suggestion
    return text


def print_usage_error(exc: click.ClickException) -> None:
    ctx = getattr(exc, "ctx", None)
    text = usage_error_text(exc)
    if ctx is not None:  # the program by its name, whatever ran it (python -m, a test runner)
        command = " ".join(["resarchive", *ctx.command_path.split()[1:]])
        text += " " + _("(help: {command} --help)").format(command=command)
    error_line(text)


# ---------------------------------------------------------------- the group


class HelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)


class Context(typer.Context):
    formatter_class = HelpFormatter


def _show_help(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        try:
            click.echo(ctx.get_help(), color=ctx.color)
        except SystemExit:  # typer's rich console met a closed pipe (`--help | head`)
            raise typer.Exit(0) from None
        ctx.exit()


def _set_archive(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        State.set_archive(value, given=True)


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        State.debug = True


def archive_option_help(*, default_shown: bool = False) -> str:
    if default_shown:
        return _("Archive folder holding raw/ and structured/.")
    return _("Archive folder holding raw/ and structured/ (default: data, or RESARCHIVE_ARCHIVE).")


def debug_option_help() -> str:
    return _("Show tracebacks on errors.")


def _global_options() -> list[TyperOption]:
    """Copies of the group's --archive and --debug for one command (no defaults of their
    own: a copy sets the option only when it is given)."""
    panel = _("Global options")
    return [
        TyperOption(
            param_decls=["--archive"],
            metavar=_("FOLDER"),
            expose_value=False,
            callback=_set_archive,
            help=archive_option_help(),
            rich_help_panel=panel,
        ),
        TyperOption(
            param_decls=["--debug"],
            is_flag=True,
            default=False,
            expose_value=False,
            callback=_set_debug,
            help=debug_option_help(),
            rich_help_panel=panel,
        ),
    ]


class PlainArgument(TyperArgument):
    """An argument shown by its metavar alone: `ingest [OPTIONS] FILE_OR_FOLDER...`, not
    typer's `{FILE_OR_FOLDER...}`."""

    def make_metavar(self, ctx: click.Context, *, usage: bool = False) -> str:
        var = self.metavar or (self.name or "").upper()
        return f"[{var}]" if usage and not self.required else var


class _Untyped(click_types.ParamType):
    """A text or path argument's type, converting as `inner` does, without typer's
    `<str>`/`<path>` beside the argument in the help."""

    def __init__(self, inner: click_types.ParamType) -> None:
        self.inner, self.name = inner, inner.name

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return self.inner.convert(value, param, ctx)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return ""


def _dress(command: click.Command) -> None:
    """The help option, the usage line and its "[OPTIONS]" in the interface's language;
    arguments without type jargon."""
    command.context_class = Context
    command.options_metavar = _("[OPTIONS]")
    for param in command.params:
        if isinstance(param, TyperArgument):
            param.__class__ = PlainArgument
            types = click_types.StringParamType, TyperPath
            if isinstance(param.type, types):
                param.type = _Untyped(param.type)
    # click makes its help option on first use, with an English help text, and keeps it here.
    command._help_option = TyperOption(  # type: ignore[attr-defined]
        param_decls=HELP_OPTION_NAMES,
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_show_help,
        help=_("Show this help and exit."),
    )


def _needs_archive(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            check_archive(State.archive)
        except ArchiveError as exc:
            raise fail(exc) from None
        return callback(*args, **kwargs)

    return run


class Group(TyperGroup):
    """typer's group with the commands dressed as the module docstring says."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = _("COMMAND [ARGS]...")
        _dress(self)
        for name, command in self.commands.items():
            _dress(command)
            command.params.extend(_global_options())
            if name not in NO_ARCHIVE and command.callback is not None:
                command.callback = _needs_archive(command.callback)

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        var = complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()
        if os.environ.get(var):  # Tab pressed: typer's completion classes, bash and others
            from typer._completion_classes import completion_init

            completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command: every failure one line and its exit code (issue 14), never a
        traceback but with --debug. A ResarchiveError exits with its own code; an OSError
        (a full disk, a read-only archive, a permission) 10, its cause in words; anything
        else is a bug, 15. typer's own usage errors and exits pass through (2)."""
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not at exit
            return result
        except BrokenPipeError:
            quiet_stdout()
            raise typer.Exit(0) from None
        except (typer.Exit, typer.Abort, click_exceptions.ClickException):
            raise
        except Exception as exc:
            if State.debug:
                raise
            raise typer.Exit(_failure(exc)) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command; usage errors as one translated line (exit 2)."""
        exceptions = click_exceptions
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except exceptions.ClickException as exc:
            if not standalone_mode:
                raise
            if type(exc).__name__ != "NoArgsIsHelpError":  # the help is printed already
                print_usage_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            error_line(_("Aborted!"))
            sys.exit(1)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


def _failure(exc: Exception) -> int:
    """Print the one line of a command's failure; its exit code."""
    if isinstance(exc, ResarchiveError):
        print_error(exc)
        return exc.exit_code
    if isinstance(exc, OSError):
        from .archive_checks import os_failure

        print_error(os_failure(exc, exc.filename or State.archive.root))
        return 10
    if isinstance(exc, MemoryError):
        print_error(ResarchiveError(_("out of memory")))
        return 15
    problem = f"{type(exc).__name__}: {exc}"
    text = _("unexpected error: {error} (a bug: please report it; --debug shows the traceback)")
    print_error(ResarchiveError(text.format(error=problem)))
    return 15


def quiet_stdout() -> None:
    """After EPIPE: point stdout at /dev/null, so that Python's final flush stays silent
    (the recipe of the `signal` module's documentation)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test runner's buffer)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
