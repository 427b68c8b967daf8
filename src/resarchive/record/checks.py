"""What a valid record can still get wrong, alone and with the others. Never loads natasha.

`check_record` reads the record's raw file (sha256, and the decoded text for the spans);
`check_across` compares records. Both sit below the index and `validate`: the index runs
them when `validate` refreshes it and stores what they found. Every problem points at
the record's line and column of the field it is about (`parse.Places`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _
from .problems import Places, RecordProblem

if TYPE_CHECKING:
    from ..archive import Archive
    from .models import Record

# The formats `detect_format` may give each recorded format's raw bytes.
_SNIFFED = {"txt": {"txt", "md"}, "md": {"txt", "md"}, "doc-antiword": {"doc"},
            "pdf-ocr": {"pdf"}}  # fmt: skip
_SPAN_FIELDS = ("organizations", "persons", "places", "speakers", "recommendations")


def record_places(path: Path, text: str | None = None) -> Places:
    """Where the fields of a record file are; its text is read here unless given."""
    if text is None:
        from ..archive import read_record_text

        try:
            text = read_record_text(path)
        except Exception:  # gone or unreadable since: problems without a line
            text = None
    return Places(text)


def check_record(
    archive: Archive, path: Path, record: Record, text: str | None = None
) -> list[RecordProblem]:
    """What one schema-valid record gets wrong about its id, raw file and spans.

    `text` is the record file's text, if the caller has it (for the problems' lines).
    """
    from ..archive import sha256_bytes
    from ..errors import InputError, ResarchiveError

    places = LazyPlaces(path, text)
    problems = []
    if path.stem != record.id:
        problems.append(
            places.problem(("id",), _("«{id}» does not match the file name").format(id=record.id))
        )
    try:
        data = archive.raw_bytes(record.source.file)
    except ResarchiveError as exc:  # missing, unsafe, not a regular file, unreadable
        return [*problems, places.problem(("source", "file"), str(exc))]
    if sha256_bytes(data) != record.source.sha256:
        message = _("does not match raw/{name}: the raw file was changed or replaced")
        problems.append(
            places.problem(("source", "sha256"), message.format(name=record.source.file))
        )
        return problems
    fmt = record.source.format
    try:
        from ..read import detect_format

        sniffed = detect_format(data, record.source.file)
    except InputError:
        sniffed = None
    if sniffed is not None and sniffed not in _SNIFFED.get(fmt, {fmt}):
        message = _("«{fmt}», but raw/{name} is a {sniffed} file").format(
            fmt=fmt, name=record.source.file, sniffed=sniffed
        )
        return [*problems, places.problem(("source", "format"), message)]
    try:
        length = len(archive.source_text(record, data))
    except (UnicodeDecodeError, LookupError, ValueError):
        message = _("cannot decode raw/{name} as {encoding}").format(
            name=record.source.file, encoding=record.source.encoding
        )
        return [*problems, places.problem(("source", "encoding"), message)]
    except InputError as exc:
        message = _("cannot read raw/{name} as {fmt}: {cause}").format(
            name=record.source.file, fmt=fmt, cause=str(exc)
        )
        return [*problems, places.problem(("source", "format"), message)]
    for field in _SPAN_FIELDS:
        for index, item in enumerate(getattr(record, field)):
            start, end = item.span
            if start > end:
                message = _("[{start}, {end}] ends before it starts").format(start=start, end=end)
            elif start == end:
                message = _("[{start}, {end}] is empty: it points to no text").format(
                    start=start, end=end
                )
            elif not 0 <= start < end <= length:
                message = _("[{start}, {end}] is outside the text (0..{length})").format(
                    start=start, end=end, length=length
                )
            else:
                continue
            problems.append(places.problem((field, index, "span"), message))
    return problems


class LazyPlaces:
    """`Places` of one record file, read only when a problem needs a line."""

    def __init__(self, path: Path, text: str | None) -> None:
        self.path, self.text = path, text
        self._places: Places | None = None

    def problem(self, loc: tuple, message: str) -> RecordProblem:
        if self._places is None:
            self._places = record_places(self.path, self.text)
        return self._places.problem(self.path, loc, message)


def check_across(entries: Iterable[tuple[Path, str, str]]) -> list[RecordProblem]:
    """Problems no single record shows: duplicate ids, two records for one source.

    `entries` are (record file, id, source sha256) in file order; rows that share
    neither with another may be left out (the index passes only the duplicates)."""
    problems = []
    by_id: dict[str, list[Path]] = defaultdict(list)
    by_source: dict[str, list[Path]] = defaultdict(list)
    for path, record_id, sha256 in entries:
        by_id[record_id].append(path)
        by_source[sha256].append(path)
    for record_id, paths in by_id.items():
        for path in paths[1:]:
            message = _("«{id}» is also the id in {other}").format(id=record_id, other=paths[0])
            problems.append(LazyPlaces(path, None).problem(("id",), message))
    for paths in by_source.values():
        for path in paths[1:]:
            message = _("the same source is recorded in {other}").format(other=paths[0])
            problems.append(LazyPlaces(path, None).problem(("source", "sha256"), message))
    return problems
