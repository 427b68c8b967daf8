"""`resarchive report ID… -o FILE.html`: record pages as one self-contained HTML file.

The file holds the stylesheet inline and no script, link or image from anywhere: its
Content-Security-Policy (`default-src 'none'`) even stops a browser from fetching
anything, so it can be mailed or attached to a review and opened offline. Each record
shows its source text highlighted beside its fields; an item's name links to its place
in the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup

from ..errors import ArchiveError
from ..i18n import _
from .form import LISTS
from .pages import RecordView, UnreadableRecord, record_view
from .render import render, stylesheet
from .sources import NotInArchive, WebArchive


def render_report(archive: WebArchive, record_ids: Iterable[str]) -> str:
    """The report of `record_ids` as HTML text.

    Raises ArchiveError naming the id for a record that does not exist or cannot be read.
    """
    views: list[RecordView] = []
    for record_id in record_ids:
        try:
            views.append(record_view(archive, record_id))
        except (NotInArchive, UnreadableRecord) as exc:
            raise ArchiveError(str(exc), record_id) from None
    if len(views) == 1:
        title = views[0].record.document.title
    else:
        title = _("Records of the archive: {count}").format(count=len(views))
    return render("report.html", title=title, pages=views, css=Markup(stylesheet()), LISTS=LISTS)


def write_report(archive: WebArchive, record_ids: list[str], output: Path) -> int:
    """Write the report to `output` (atomically: a failure leaves an old file whole, and a
    folder that does not exist is an ArchiveError, exit 10, as for `export -o`); returns
    its size in bytes."""
    from ..output import atomic_output

    text = render_report(archive, record_ids)
    with atomic_output(output, newline="\n") as fh:
        fh.write(text)
    return len(text.encode("utf-8"))
