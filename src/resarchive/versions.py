"""Versions of one source file: the same file name with other content, about the same event.

A corrected resolution is often sent again under the same name. Ingest stores a second
file of a taken name as `NAME-<first 12 hex of its sha256>.EXT` in raw/, so the name a
file came with is known from its raw name and its sha256 (`original_name`). Two records
are versions of one file when their sources had the same original name, their contents
differ, and they are about the same event (`same_event`): the same date at the head of
their ids, or the same name with dates a few days apart (a corrected date), or, for
undated records, the same id but for a `-2`, `-3` suffix. Two different resolutions both
sent as "Резолюция.docx" weeks apart are not versions.

Ingest offers a new version as a replacement (`ingest --replace`) instead of storing it
beside the old one; `validate` reports two records that are versions of one file
(`version_problems`).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import NewVersionError
from .i18n import _
from .record.checks import LazyPlaces
from .record.parse import RecordProblem

if TYPE_CHECKING:
    from .archive import Archive

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?=-|$)")


def original_name(raw_name: str, sha256: str) -> str:
    """The name the source came with: `raw_name` without the `-<sha prefix>` ingest adds
    to a second file of a taken name.

    >>> original_name("resolution-0123456789ab.docx", "0123456789ab" + "0" * 52)
    'resolution.docx'
    >>> original_name("resolution.docx", "0123456789ab" + "0" * 52)
    'resolution.docx'
    """
    stem, suffix = os.path.splitext(raw_name)
    mark = f"-{sha256[:12]}"
    return stem[: -len(mark)] + suffix if stem.endswith(mark) else raw_name


# A corrected date moves an event by a day or a few; two meetings under one file name
# ("протокол.docx") are weeks apart.
DATE_CORRECTION_DAYS = 7


def same_event(id_a: str, id_b: str) -> bool:
    """Whether two record ids name one event: the same date at their head; or the same
    name after dates at most `DATE_CORRECTION_DAYS` apart (a corrected date); or, undated,
    the same id but for the `-2`, `-3` suffix ingest gives a second record of an id.

    >>> same_event("2021-11-24-biblioteka-onlain", "2021-11-24-biblioteka-onlain-i-ofline")
    True
    >>> same_event("2021-11-24-rezoliutsiia", "2022-11-24-rezoliutsiia")
    False
    >>> same_event("2021-11-24-biblioteka-onlain", "2021-11-25-biblioteka-onlain")
    True
    >>> same_event("2021-11-24-zasedanie-mo", "2021-12-22-zasedanie-mo")
    False
    >>> same_event("undated-rezoliutsiia", "undated-rezoliutsiia-2")
    True
    >>> same_event("undated-rezoliutsiia-seminara-1", "undated-rezoliutsiia-seminara-2")
    False
    """
    date_a, date_b = _DATE.match(id_a), _DATE.match(id_b)
    if date_a and date_b:
        if date_a.group() == date_b.group():
            return True
        return (
            _name(id_a[date_a.end() :]) == _name(id_b[date_b.end() :])
            and _days_apart(date_a.group(), date_b.group()) <= DATE_CORRECTION_DAYS
        )
    if date_a or date_b:
        return False
    short, long = sorted((id_a, id_b), key=len)
    return long == short or re.fullmatch(re.escape(short) + r"-\d+", long) is not None


def _name(rest: str) -> str:
    """An id's name after its date, without the `-2`, `-3` suffix."""
    return re.sub(r"-\d+$", "", rest)


def _days_apart(a: str, b: str) -> int:
    from datetime import date

    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return DATE_CORRECTION_DAYS + 1


def version_problems(entries: Iterable[tuple[Path, str, str, str]]) -> list[RecordProblem]:
    """Records that are versions of one file, each reported against the first of them
    by id (the record a `-2` came after).

    `entries` are (record file, id, source file, source sha256) in file order; those whose
    original name no other entry shares may be left out (the index passes only the rest).
    """
    by_name: dict[str, list[tuple[Path, str, str]]] = defaultdict(list)
    for path, record_id, raw_name, sha in entries:
        by_name[original_name(raw_name, sha)].append((path, record_id, sha))
    problems = []
    for name, group in by_name.items():
        group.sort(key=lambda entry: entry[1])  # by id: "x" before its "x-2"
        for i, (path, record_id, sha) in enumerate(group):
            first = next(
                (p for p, rid, s in group[:i] if s != sha and same_event(rid, record_id)), None
            )
            if first is not None:
                message = _(
                    "another version of {name} is recorded in {other}: keep one of them "
                    "(ingest --replace puts a new version in place of the old one)"
                ).format(name=name, other=first)
                problems.append(LazyPlaces(path, None).problem(("source", "file"), message))
    return problems


def check_replace(
    archive: Archive,
    source: Path,
    old_id: str,
    old_reviewed: bool,
    name: str,
    replace: bool,
    force: bool,
) -> None:
    """Raise NewVersionError (naming `source`) unless the record `old_id`, of another version
    of the file `name`, may be replaced: `replace` given, and `force` too when that record
    is reviewed or was changed since ingest wrote it (edits.py)."""
    from . import edits

    where = f"structured/{old_id}.yaml"
    if not replace:
        raise NewVersionError(
            f"another version of {name} is in the archive ({where}): --replace replaces it, "
            "or rename the file to keep both",
            source,
        )
    if force:
        return
    if old_reviewed:
        raise NewVersionError(
            f"another version of {name} is in the archive ({where}), and that record is "
            "reviewed: --replace --force replaces it",
            source,
        )
    current = edits.read_if_file(archive.record_path(old_id))
    if current is not None and edits.state(archive, old_id, current) != "as-written":
        raise NewVersionError(
            f"another version of {name} is in the archive ({where}), and that record was "
            "edited by hand: --replace --force replaces it",
            source,
        )
