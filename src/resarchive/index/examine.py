"""One record file into what the index stores: runs in worker processes, touches no SQL.

`examine` parses a record file (the fast loader, else `parse_record`, which words the
problem) and lists what the index keeps of it: the fields filters and tables need, its
names, the lemmas of its texts. With `check` (only `validate`), it also runs
`check_record`, which hashes the raw file and decodes it to check the spans; read
commands never do, so they never re-extract a .docx or .pdf.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..lemmas import lemma_set, words
from ..record.fastload import fast_parse, is_plain
from .schema import FIRST_REC_SLOT

if TYPE_CHECKING:
    from ..archive import Archive
    from ..record.models import Record

Problem = tuple[int | None, int | None, str, str]  # line, column, field, message
FIELDS = 19  # the `records` columns from `plain` on: `plain` and what `_fields` gives


class Examined(NamedTuple):
    """A record file as the index stores it (picklable, for worker processes)."""

    file: str
    size: int
    mtime: int
    status: str  # "ok", "bad" (not a record: see problems) or "gone"
    problems: list[Problem]
    checked: bool = False
    plain: bool = False
    fields: tuple = ()  # id, sha256, source file, raw size, raw mtime, start, end, type,
    # event, place, recommendations, title, reviewed, organization, person, place and
    # speaker counts, warnings: the `records` columns after `plain`
    names: list[tuple[str, str, str, str, int | None]] = []  # kind, role, key, name, rec
    texts: list[tuple[int, str]] = []  # slot, its lemmas joined by spaces
    new_forms: list[tuple[str, str]] = []  # word forms met for the first time


def examine(archive: Archive, file: str, size: int, mtime: int, check: bool) -> Examined:
    """Read and parse one record file; with `check`, check its raw file and spans too.

    The file is read as `archive.read_record_text` reads it: a FIFO, a device or a link
    is a problem of its own, never opened or followed."""
    from ..archive import read_record_text
    from ..errors import ResarchiveError
    from ..record.parse import read_record

    path = archive.structured / file
    try:
        text = read_record_text(path)
    except FileNotFoundError:
        return Examined(file, size, mtime, "gone", [])
    except ResarchiveError as exc:
        return Examined(file, size, mtime, "bad", [(None, None, "", str(exc))], True)
    parsed = fast_parse(text)
    if parsed is None:  # the slow path words the problems exactly as everywhere else
        found = read_record(path, text)
        if isinstance(found, list):
            problems = [(p.line, p.column, p.field, p.message) for p in found]
            return Examined(file, size, mtime, "bad", problems, True)
        record, plain = found, False
    else:
        record, data = parsed
        plain = is_plain(data, record.model_dump(mode="json"))
    raw_stat: tuple[int | None, int | None] = (None, None)
    problems: list[Problem] = []
    if check:
        raw_stat = _raw_stat(archive, record)
        problems = [
            (p.line, p.column, p.field, p.message) for p in _checks(archive, path, record, text)
        ]
    return Examined(
        file, size, mtime, "ok", problems, check, plain, _fields(record, *raw_stat),
        _names(record), _texts(record), _drain_new_forms(),
    )  # fmt: skip


def _fields(record: Record, raw_size: int | None, raw_mtime: int | None) -> tuple:
    """The `records` columns after `plain`."""
    e = record.event
    start = e.start or record.document.adopted_on
    end = e.end or start
    return (
        record.id, record.source.sha256, record.source.file, raw_size, raw_mtime,
        start.isoformat() if start else None, end.isoformat() if end else None, e.type,
        e.name or record.document.title, e.place, len(record.recommendations),
        record.document.title, record.reviewed, len(record.organizations), len(record.persons),
        len(record.places), len(record.speakers),
        json.dumps(record.warnings, ensure_ascii=False),
    )  # fmt: skip


def _texts(record: Record) -> list[tuple[int, str]]:
    """(slot, lemmas) of the title, the event name and each recommendation's text."""
    texts = [(0, text_lemmas(record.document.title)), (1, text_lemmas(record.event.name))]
    texts += [
        (FIRST_REC_SLOT + i, text_lemmas(r.text)) for i, r in enumerate(record.recommendations)
    ]
    return [t for t in texts if t[1]]


def _raw_stat(archive: Archive, record: Record) -> tuple[int | None, int | None]:
    """The raw file's size and mtime, taken before `check_record` reads it: a later change
    then shows as a new stat."""
    try:
        st = archive.raw_path(record.source.file).stat()
    except Exception:  # missing or unsafe: check_record reports it
        return None, None
    return st.st_size, st.st_mtime_ns


def _checks(archive: Archive, path: Path, record: Record, text: str) -> list:
    from ..record.checks import check_record

    return check_record(archive, path, record, text)


def _names(record: Record) -> list[tuple[str, str, str, str, int | None]]:
    """Every name in the record: (kind, role, key, name, recommendation)."""
    e = record.event
    names: list[tuple[str, str, str, int | None]] = []
    for org in record.organizations:
        names.append(("org", "name", org.name, None))
        if org.short:
            names.append(("org", "short", org.short, None))
    names += [("org", "organizer", n, None) for n in e.organizers]
    names += [("org", "speaker", s.organization, None) for s in record.speakers if s.organization]
    names += [("person", "name", p.name, None) for p in record.persons]
    names += [("person", "speaker", s.name, None) for s in record.speakers]
    names += [("place", "name", p.name, None) for p in record.places]
    if e.place:
        names.append(("place", "event", e.place, None))
    for i, rec in enumerate(record.recommendations):
        if rec.addressee:
            names.append(("addressee", "rec", rec.addressee, i))
    # The name's key (its folded words) is computed here, in the workers, not in the writer.
    return [(kind, role, " ".join(words(name)), name, rec) for kind, role, name, rec in names]


# -- lemmatizing text words, from the index's `forms` where it knows them ---------------
#
# Lemma sets of the word forms this process has met; forms new to it are handed back with
# each examined record, and the writer keeps them in `forms` for later processes.
_KNOWN: dict[str, frozenset[str]] = {}
_NEW_FORMS: list[tuple[str, str]] = []
_FORM_LOOKUP: Callable[[str], str | None] | None = None


def use_forms(lookup: Callable[[str], str | None] | None) -> None:
    """Start examining for one index: `lookup` gives a form's stored lemmas (or None)."""
    global _FORM_LOOKUP
    # What this process met while indexing another archive is not in this one's `forms`.
    _KNOWN.clear()
    _NEW_FORMS.clear()
    _FORM_LOOKUP = lookup


def _lemmas_of(word: str) -> frozenset[str]:
    found = _KNOWN.get(word)
    if found is None:
        stored = _FORM_LOOKUP(word) if _FORM_LOOKUP is not None else None
        if stored is not None:
            found = frozenset(stored.split())
        else:
            found = lemma_set(word)
            _NEW_FORMS.append((word, " ".join(sorted(found))))
        _KNOWN[word] = found
    return found


def text_lemmas(text: str | None) -> str:
    """A text as the set of every lemma its words may have, for the FTS table."""
    if not text:
        return ""
    found: set[str] = set()
    for word in words(text):
        found |= _lemmas_of(word)
    return " ".join(sorted(found))


def _drain_new_forms() -> list[tuple[str, str]]:
    new = _NEW_FORMS[:]
    _NEW_FORMS.clear()
    return new
