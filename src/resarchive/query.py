"""Filtering records: every filter must hold; names match by lemmas, so any case finds them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .lemmas import fold, phrase_matches
from .models import Record


@dataclass(frozen=True)
class Filters:
    org: str | None = None
    person: str | None = None
    place: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    type: str | None = None
    text: str | None = None


def _any_matches(query: str, names: Iterable[str | None]) -> bool:
    folded = fold(query).strip()
    return any(
        name and (fold(name) == folded or phrase_matches(query, name)) for name in names
    )


def org_names(record: Record) -> list[str | None]:
    names: list[str | None] = []
    for org in record.organizations:
        names += [org.name, org.short]
    names += record.event.organizers
    names += [s.organization for s in record.speakers]
    return names


def event_dates(record: Record) -> tuple[date | None, date | None]:
    start = record.event.start or record.document.adopted_on
    return start, record.event.end or start


def matches(record: Record, f: Filters) -> bool:
    if f.type and record.event.type != f.type:
        return False
    if f.date_from or f.date_to:
        start, end = event_dates(record)
        if start is None:
            return False
        if f.date_from and end < f.date_from:
            return False
        if f.date_to and start > f.date_to:
            return False
    if f.org and not _any_matches(f.org, org_names(record)):
        return False
    if f.person and not _any_matches(
        f.person, [p.name for p in record.persons] + [s.name for s in record.speakers]
    ):
        return False
    if f.place and not _any_matches(f.place, [p.name for p in record.places] + [record.event.place]):
        return False
    if f.text:
        texts = [record.document.title, record.event.name] + [r.text for r in record.recommendations]
        if not any(t and phrase_matches(f.text, t) for t in texts):
            return False
    return True


def query(records: Iterable[Record], filters: Filters) -> list[Record]:
    """The records that pass every filter, by event date then id."""
    found = [r for r in records if matches(r, filters)]
    return sorted(found, key=lambda r: (event_dates(r)[0] or date.min, r.id))
