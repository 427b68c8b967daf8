"""Finding records and recommendations through the index: every filter must hold.

Names and texts match by lemmas (pymorphy3 only, and only for query words the index has
never seen): `--person Чернова` finds "Чернов Владимир Николаевич", `--text "социальные
сети"` finds "в социальных сетях". Each query word must share a lemma with some word of
one name (or one text); the index also gives every organization name the lemmas of its
abbreviation or full name from the gazetteer, so `--org РБА` and "Российская библиотечная
ассоциация" find each other.

With rows="recommendations", `org`, `person`, `place`, dates and `type` pick records and
`addressee` and `text` pick the recommendations listed from them.

The index answers which records match and what the terminal table shows (`Hit`); whole
records and recommendation texts come from the records' YAML files (`records.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from .lemmas import words

if TYPE_CHECKING:
    from .archive import Archive
    from .index import Hit, Index, Search

# "им. Маяковского" and "имени Маяковского" name the same library: neither word counts.
_ORG_FILLER = frozenset({"им", "имени"})


@dataclass(frozen=True)
class Filters:
    org: str | None = None
    person: str | None = None
    place: str | None = None
    addressee: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    type: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class RecommendationRow:
    """One recommendation with the record it comes from."""

    record_id: str
    date: str | None
    event: str | None
    number: int | None
    section: str | None
    addressee: str | None
    text: str

    def as_dict(self) -> dict:
        return {
            "id": self.record_id,
            "date": self.date,
            "event": self.event,
            "number": self.number,
            "section": self.section,
            "addressee": self.addressee,
            "text": self.text,
        }


def name_words(query: str, kind: str) -> list[str]:
    """The query words that must match: initials ("В. В.") and "им."/"имени" do not count."""
    ws = words(query)
    keep = [w for w in ws if not (len(w) == 1 and w.isalpha())]
    if kind == "org":
        keep = [w for w in keep if w not in _ORG_FILLER]
    return keep or ws


def _search(index: Index, f: Filters, *, rows: bool) -> Search:
    """The filters as the index takes them: query words as lemma sets."""
    from .index import Search

    names = tuple(
        (kind, tuple(index.word_lemmas(name_words(value, kind))))
        for kind, value in (
            ("org", f.org), ("person", f.person), ("place", f.place), ("addressee", f.addressee)
        )
        if value
    )  # fmt: skip
    return Search(
        type=f.type or None,
        date_from=f.date_from.isoformat() if f.date_from else None,
        date_to=f.date_to.isoformat() if f.date_to else None,
        names=names,
        text=tuple(index.word_lemmas(words(f.text))) if f.text else None,
        recommendation_texts=rows,
    )


def find_hits(index: Index, filters: Filters) -> list[Hit]:
    """The records passing every filter, by event date then id, as the index knows them."""
    return index.search(_search(index, filters, rows=False))


def find_records(index: Index, filters: Filters) -> list[dict]:
    """The records (as JSON-ready dicts, read from their YAML) passing every filter."""
    from .records import read_records

    return read_records(index.archive, find_hits(index, filters))


def find_recommendations(index: Index, filters: Filters) -> list[RecommendationRow]:
    """The recommendations of matching records that pass `addressee` and `text`."""
    from .records import read_records

    search = _search(index, filters, rows=True)
    hits = index.search(search)
    allowed = []
    for kind, lemma_sets in search.names:
        if kind == "addressee":
            allowed.append(index.recommendations_addressed(lemma_sets))
    if search.text is not None:
        allowed.append(index.recommendations_saying(search.text))
    out = []
    for hit, record in zip(hits, read_records(index.archive, hits, keep_missing=True), strict=True):
        if record is None:
            continue
        for i, rec in enumerate(record.get("recommendations", [])):
            if all((hit.rid, i) in keys for keys in allowed):
                row = (rec.get("number"), rec.get("section"), rec.get("addressee"), rec["text"])
                out.append(RecommendationRow(hit.id, hit.date, hit.event, *row))
    return out


def open_index(archive: Archive, *, workers: int | None = None) -> Index:
    """The archive's index, refreshed: what queries and stats read."""
    from .index import WORKERS, Index

    index = Index(archive, workers=WORKERS if workers is None else workers)
    index.refresh()
    return index
