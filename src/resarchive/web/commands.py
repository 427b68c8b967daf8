"""The CLI's `serve` and `report` commands, registered on the CLI's app by `cli.py`.

Light to import: typer and the package's errors only; the web stack (Starlette, Jinja2,
uvicorn) loads when one of the two commands runs, so `--help` and the other commands
never pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from ..archive import Archive
from ..cliopts import command_help, whole
from ..console import say
from ..errors import ResarchiveError
from ..i18n import _, ngettext


def register(
    app: typer.Typer,
    archive: Callable[[], Archive],
    fail: Callable[[ResarchiveError], typer.Exit],
) -> None:
    """Add `serve` and `report` to `app`; `archive()` gives the archive of the command line
    (known only once the global options are parsed), `fail` turns an error into the exit."""

    @app.command(
        help=command_help(
            _(
                "Review and correct records in the browser: a local web app over the archive "
                "(source text with every extracted item highlighted, the record's form, "
                "statistics as charts, exports)."
            ),
            examples="  resarchive serve\n  resarchive --archive D:/архив serve --port 8080",
        )
    )
    def serve(
        host: Annotated[
            str,
            typer.Option(
                metavar=_("ADDRESS"),
                help=_("Address to serve on; 127.0.0.1 serves this machine only."),
            ),
        ] = "127.0.0.1",
        port: Annotated[
            int,
            typer.Option(
                parser=whole(0, 65535),
                metavar=_("PORT"),
                help=_("Port to serve on; 0 takes a free one."),
            ),
        ] = 8000,
    ) -> None:
        from .server import serve as run

        try:
            run(
                str(archive().root),
                host,
                port,
                say=say,
                warn=lambda line: say(_("warning: {line}").format(line=line), stderr=True),
            )
        except ResarchiveError as exc:
            raise fail(exc) from None

    @app.command(
        help=command_help(
            _(
                "Write records as one self-contained HTML file: the source text highlighted "
                "beside the fields, to mail or attach to a review."
            ),
            examples="  resarchive report 2021-11-24-biblioteka-onlain -o отзыв.html",
        )
    )
    def report(
        record_ids: Annotated[
            list[str],
            typer.Argument(metavar="ID...", help=_("Record ids, as `query` lists them.")),
        ],
        output: Annotated[
            Path,
            typer.Option("--output", "-o", metavar=_("FILE"), help=_("The HTML file to write.")),
        ],
    ) -> None:
        from .report import write_report
        from .sources import WebArchive

        try:
            size = write_report(WebArchive(archive().root), record_ids, output)
        except ResarchiveError as exc:
            raise fail(exc) from None
        except OSError as exc:
            why = exc.strerror or str(exc)
            message = _("cannot write {file}: {why}").format(file=output, why=why)
            raise fail(ResarchiveError(message)) from None
        n = len(record_ids)
        line = ngettext(
            "{count} record written to {file} ({size} KB)",
            "{count} records written to {file} ({size} KB)",
            n,
        )
        say(line.format(count=n, file=output, size=max(1, size // 1024)), stderr=True)
