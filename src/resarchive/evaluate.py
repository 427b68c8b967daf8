"""`resarchive eval`: re-extract every reviewed record's source and score it against the record.

Reviewed records are the gold. List fields get precision, recall and F1 from a one-to-one
matching (a second entry for an entity already matched is a false positive); scalar
fields get accuracy; details of matched items (addressees, talks, affiliations) get
accuracy over the matched pairs. The macro average is the mean of every score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from .archive import Archive
from .lemmas import fold, lemma_set, words
from .record.models import Record

TEXT_SIMILARITY = 0.8


def normalize_text(text: str) -> str:
    """Spaces and punctuation do not count when long texts are compared."""
    return " ".join(re.findall(r"\w+", fold(text)))


def similar(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return not a and not b
    a, b = normalize_text(a), normalize_text(b)
    return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= TEXT_SIMILARITY


def same_name(a: str | None, b: str | None) -> bool:
    """Names compare by lemmas: case, ё/е and grammatical case do not matter."""
    if not a or not b:
        return not a and not b
    wa, wb = words(a), words(b)
    if len(wa) != len(wb):
        return False
    return all(lemma_set(x) & lemma_set(y) for x, y in zip(wa, wb, strict=True))


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Report:
    records: int = 0
    lists: dict[str, Counts] = field(default_factory=dict)
    scalars: dict[str, Accuracy] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    # Reviewed records that could not be scored (a raw file missing, changed, unsafe):
    # each an error's line, `FILE: cause`.
    skipped: list[str] = field(default_factory=list)

    def scores(self) -> dict[str, float]:
        found = {f"{name} F1": c.f1 for name, c in self.lists.items()}
        found.update({name: a.value for name, a in self.scalars.items()})
        return found

    @property
    def macro(self) -> float:
        scores = list(self.scores().values())
        return sum(scores) / len(scores) if scores else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "lists": {
                name: {
                    "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4),
                    "f1": round(c.f1, 4),
                    "tp": c.tp,
                    "fp": c.fp,
                    "fn": c.fn,
                }
                for name, c in self.lists.items()
            },
            "scalars": {
                name: {"accuracy": round(a.value, 4), "right": a.right, "total": a.total}
                for name, a in self.scalars.items()
            },
            "macro": round(self.macro, 4),
            "misses": self.misses,
        }


def match_items(
    gold: Sequence[Any], found: Sequence[Any], same: Callable[[Any, Any], bool]
) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """One-to-one greedy matching in order: (pairs, unmatched gold, unmatched found)."""
    left = list(found)
    pairs, missed = [], []
    for g in gold:
        for i, f in enumerate(left):
            if same(g, f):
                pairs.append((g, f))
                del left[i]
                break
        else:
            missed.append(g)
    return pairs, missed, left


def _org_same(g: Any, f: Any) -> bool:
    return same_name(g.name, f.name) or bool(g.short and f.short and fold(g.short) == fold(f.short))


LIST_FIELDS: dict[str, Callable[[Any, Any], bool]] = {
    "organizations": _org_same,
    "persons": lambda g, f: same_name(g.name, f.name),
    "places": lambda g, f: same_name(g.name, f.name),
    "speakers": lambda g, f: same_name(g.name, f.name),
    "recommendations": lambda g, f: similar(g.text, f.text),
}

# Details of matched pairs: (list field, detail attribute, comparison of the two values).
DETAILS: list[tuple[str, str, Callable[[str | None, str | None], bool]]] = [
    ("recommendations", "addressee", same_name),
    ("speakers", "talk", similar),
    ("speakers", "position", similar),
    ("speakers", "organization", similar),
    ("persons", "role", similar),
    ("persons", "organization", similar),
]

SCALARS: dict[str, Callable[[Record, Record], bool]] = {
    "document.kind": lambda g, f: g.document.kind == f.document.kind,
    "document.title": lambda g, f: similar(g.document.title, f.document.title),
    "document.adopted_on": lambda g, f: g.document.adopted_on == f.document.adopted_on,
    "event.type": lambda g, f: g.event.type == f.event.type,
    "event.name": lambda g, f: similar(g.event.name, f.event.name),
    "event.start": lambda g, f: g.event.start == f.event.start,
    "event.end": lambda g, f: g.event.end == f.event.end,
    "event.place": lambda g, f: same_name(g.event.place, f.event.place),
    "event.format": lambda g, f: g.event.format == f.event.format,
    "event.participants": lambda g, f: g.event.participants == f.event.participants,
}


def _describe(item: Any) -> str:
    return getattr(item, "name", None) or getattr(item, "text", "")[:70]


def score(gold: Record, found: Record, report: Report) -> None:
    """Add one record's comparison to the report."""
    report.records += 1
    for name, same in LIST_FIELDS.items():
        pairs, missed, extra = match_items(getattr(gold, name), getattr(found, name), same)
        counts = report.lists.setdefault(name, Counts())
        counts.tp += len(pairs)
        counts.fn += len(missed)
        counts.fp += len(extra)
        report.misses += [f"{gold.id}: {name}: missed {_describe(g)!r}" for g in missed]
        report.misses += [f"{gold.id}: {name}: extra {_describe(f)!r}" for f in extra]
        for list_name, detail, same_detail in DETAILS:
            if list_name != name:
                continue
            acc = report.scalars.setdefault(f"{name}.{detail}", Accuracy())
            for g, f in pairs:
                ok = same_detail(getattr(g, detail), getattr(f, detail))
                acc.add(ok)
                if not ok:
                    report.misses.append(
                        f"{gold.id}: {name}.{detail} of {_describe(g)!r}: "
                        f"want {getattr(g, detail)!r}, got {getattr(f, detail)!r}"
                    )
    organizers = report.lists.setdefault("event.organizers", Counts())
    pairs, missed, extra = match_items(gold.event.organizers, found.event.organizers, same_name)
    organizers.tp += len(pairs)
    organizers.fn += len(missed)
    organizers.fp += len(extra)
    report.misses += [f"{gold.id}: event.organizers: missed {g!r}" for g in missed]
    report.misses += [f"{gold.id}: event.organizers: extra {f!r}" for f in extra]
    for name, same in SCALARS.items():
        ok = same(gold, found)
        report.scalars.setdefault(name, Accuracy()).add(ok)
        if not ok:
            path = name.split(".")
            want = getattr(getattr(gold, path[0]), path[1])
            got = getattr(getattr(found, path[0]), path[1])
            report.misses.append(f"{gold.id}: {name}: want {want!r}, got {got!r}")


def evaluate(archive: Archive) -> Report:
    """Score fresh extraction against every reviewed record of the archive.

    Each reviewed record's raw file is checked against its sha256 before it is read
    again (`Archive.verified_raw`); a record whose raw file is missing, changed or
    unsafe is left out and named in `Report.skipped`."""
    from .archive_checks import check_archive
    from .errors import ResarchiveError
    from .ingest import extract_source
    from .read import SourceDocument

    check_archive(archive.root)
    report = Report()
    for _, record in archive.records():
        if not isinstance(record, Record) or not record.reviewed:
            continue
        try:
            data = archive.verified_raw(record)
            text = archive.source_text(record, data)
        except ResarchiveError as exc:
            report.skipped.append(exc.line())
            continue
        path = archive.raw_path(record.source.file)
        doc = SourceDocument(path, data, text, record.source.encoding, record.source.format)
        score(record, extract_source(doc, record.source.file), report)
    return report
