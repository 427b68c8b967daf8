"""What the archive holds, counted from the index: per year, per event type, top names.

Organizations, places and addressees are grouped by their lemma key, so "Российская
библиотечная ассоциация" and "Российской библиотечной ассоциации" count as one; each group
shows its most frequent spelling. Organizations and places count records, addressees count
recommendations.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .archive import Archive
    from .index import Index


@dataclass
class Stats:
    records: int = 0
    unreadable: int = 0
    recommendations: int = 0
    per_year: list[tuple[str, int]] = field(default_factory=list)
    per_type: list[tuple[str, int]] = field(default_factory=list)
    organizations: list[tuple[str, int]] = field(default_factory=list)
    places: list[tuple[str, int]] = field(default_factory=list)
    addressees: list[tuple[str, int]] = field(default_factory=list)
    # Record files left out of the counts (YAML or schema problems, not regular files).
    skipped: list = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        del data["skipped"]
        for key in ("per_year", "per_type", "organizations", "places", "addressees"):
            data[key] = [{"name": name, "count": n} for name, n in data[key]]
        return data


def index_stats(index: Index, *, top: int = 10) -> Stats:
    stats = Stats()
    stats.records, stats.unreadable, stats.recommendations = index.totals()
    stats.per_year = [(year or "unknown", n) for year, n in index.per_year()]
    stats.per_type = index.per_type()
    # Organizations and places count records; addressees count recommendations.
    stats.organizations = index.top_names("org", top, distinct_records=True, exclude_role="short")
    stats.places = index.top_names("place", top, distinct_records=True)
    stats.addressees = index.top_names("addressee", top, distinct_records=False)
    return stats


def archive_stats(archive: Archive, *, top: int = 10) -> Stats:
    """Counts over the archive's readable records (the index is refreshed first)."""
    from .query import open_index

    with open_index(archive) as index:
        stats = index_stats(index, top=top)
        stats.skipped = index.unreadable()
        return stats


def table_rows(stats: Stats) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, headings, rows) of each count, in the interface's language, for the terminal
    (`console.print_table`)."""
    from .i18n import _
    from .terms import type_name

    per_type = [(type_name(kind), n) for kind, n in stats.per_type]
    per_year = [(_("no date") if year == "unknown" else year, n) for year, n in stats.per_year]
    tables = []
    for title, column, what, rows in (
        (_("Records per year"), _("year"), _("records"), per_year),
        (_("Records per event type"), _("event type"), _("records"), per_type),
        (_("Most frequent organizations"), _("organization"), _("records"), stats.organizations),
        (_("Most frequent places"), _("place"), _("records"), stats.places),
        (_("Most frequent addressees"), _("addressee"), _("recommendations"), stats.addressees),
    ):
        tables.append((title, [column, what], [[str(name), str(n)] for name, n in rows]))
    return tables
