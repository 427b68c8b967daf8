"""What a valid record can still get wrong, alone and with the others. Never loads natasha.

`check_record` reads the record's raw file (sha256, and the decoded text for the spans);
`check_across` compares records. Both sit below the index and `validate`: the index runs
them when `validate` refreshes it and stores what they found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .parse import RecordProblem

if TYPE_CHECKING:
    from ..archive import Archive
    from .models import Record


def check_record(archive: Archive, path: Path, record: Record) -> list[RecordProblem]:
    """What one schema-valid record gets wrong about its id, raw file and spans."""
    from ..archive import sha256_bytes

    problems = []
    if path.stem != record.id:
        problems.append(RecordProblem(path, "id", f"{record.id!r} does not match the file name"))
    try:
        raw = archive.raw_path(record.source.file)
    except Exception as exc:  # an unsafe name is a problem to report, not a crash
        return [*problems, RecordProblem(path, "source.file", str(exc))]
    if not raw.is_file():
        problems.append(RecordProblem(path, "source.file", f"{raw} does not exist"))
        return problems
    data = raw.read_bytes()
    if sha256_bytes(data) != record.source.sha256:
        problems.append(RecordProblem(path, "source.sha256", f"does not match {raw}"))
        return problems
    try:
        length = len(archive.source_text(record))
    except (UnicodeDecodeError, LookupError, ValueError) as exc:
        problems.append(RecordProblem(path, "source.encoding", f"cannot decode {raw}: {exc}"))
        return problems
    for field, (start, end) in record.spans():
        if not 0 <= start <= end <= length:
            problems.append(
                RecordProblem(path, field, f"[{start}, {end}] is outside the text (0..{length})")
            )
    return problems


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
            problems.append(RecordProblem(path, "id", f"{record_id!r} is also in {paths[0]}"))
    for paths in by_source.values():
        for path in paths[1:]:
            problems.append(
                RecordProblem(path, "source.sha256", f"the same source is recorded in {paths[0]}")
            )
    return problems
