"""`resarchive validate`: every record's checks, through the archive's index. Never loads natasha.

The checks themselves (`check_record`, `check_across`) live in `record/checks.py`, below
both this module and the index. `validate` refreshes the index with `check=True`, so only
record files (or raw files) that changed since the last run, and records a read command
parsed but nobody checked yet, are read and checked again; problems of unchanged records
come from the index. `full=True` forgets the index and checks everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from .archive import Archive
from .record.checks import check_across, check_record
from .record.parse import RecordProblem

__all__ = ["Validation", "check_across", "check_record", "validate"]


@dataclass
class Validation:
    problems: list[RecordProblem]
    records: int  # record files in the archive
    checked: int  # record files read and checked in this run


def validate(archive: Archive, *, full: bool = False) -> Validation:
    """Every problem in the archive; reads only what changed unless `full`."""
    from .index import Index

    with Index(archive) as index:
        if full:
            index.reset()
        report = index.refresh(check=True)
        return Validation(index.problems(), index.count(), report.read)
