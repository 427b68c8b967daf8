"""Stage 3, layout: the structure of a cleaned text, computed once per document.

`clean.clean` leaves one paragraph or list item per line. The layout reads those lines
once and keeps, with clean-text offsets:

- `lines`: every line, with its list marker (kind and number, `rules.markers`) if any;
- `heading`: the short lines at the top, before the first body paragraph;
- `sections`: a line that introduces what follows (prose ending in a colon) with the
  lines under it, up to the next such line.

Every extraction stage reads these from the document's context; none splits lines or
reads list markers itself.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from .rules.dates import find_dates
from .rules.markers import Marker, list_marker

# A heading is read from the first lines only, and a heading line is short.
HEADING_LINES = 10
HEADING_MAX_CHARS = 200
# A line with a date and little else ("Тверь, 25 октября 2012 г.") is a heading line
# even when it ends with a full stop.
DATE_LINE_MAX_CHARS = 60


@dataclass(frozen=True)
class Line:
    """One line of the clean text: a paragraph or a list item."""

    index: int
    start: int  # clean-text offsets, the newline excluded
    end: int
    text: str
    marker: Marker | None = None

    @property
    def is_item(self) -> bool:
        return self.marker is not None

    @property
    def body_start(self) -> int:
        """Where the text after the list marker starts (the line's start for prose)."""
        return self.start + (self.marker.end if self.marker else 0)

    @property
    def body(self) -> str:
        return self.text[self.marker.end :] if self.marker else self.text


@dataclass(frozen=True)
class Section:
    """A line introducing what follows ("Участники семинара рекомендуют:") and the
    lines under it, up to the next introducing line."""

    intro: Line
    lines: tuple[Line, ...]


class Layout:
    """The lines, heading and sections of one clean text."""

    def __init__(self, text: str) -> None:
        self.text = text
        lines = []
        pos = 0
        for index, raw in enumerate(text.split("\n")):
            lines.append(Line(index, pos, pos + len(raw), raw, list_marker(raw)))
            pos += len(raw) + 1
        self.lines: tuple[Line, ...] = tuple(lines)
        self._starts = [line.start for line in lines]

    def line_at(self, pos: int) -> Line:
        """The line holding clean-text offset `pos` (a newline belongs to the line it ends)."""
        return self.lines[max(0, bisect.bisect_right(self._starts, pos) - 1)]

    @cached_property
    def heading(self) -> tuple[Line, ...]:
        """The short lines at the top of the document, before the first body paragraph."""
        out: list[Line] = []
        for line in self.lines[:HEADING_LINES]:
            text = line.text.strip()
            if not text:
                continue
            is_date_line = bool(find_dates(text)) and len(text) < DATE_LINE_MAX_CHARS
            sentence_like = text.endswith((".", "!", "?", ";")) and not is_date_line
            if (
                len(text) > HEADING_MAX_CHARS
                or sentence_like
                or is_heading_stop(text)
                or text.endswith(":")
            ):
                break
            out.append(line)
        return tuple(out)

    @cached_property
    def heading_end(self) -> int:
        return self.heading[-1].end if self.heading else 0

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """Prose lines ending in a colon, each with the lines up to the next one."""
        intros = [i for i, line in enumerate(self.lines) if is_intro(line)]
        out = []
        for k, i in enumerate(intros):
            stop = intros[k + 1] if k + 1 < len(intros) else len(self.lines)
            out.append(Section(self.lines[i], self.lines[i + 1 : stop]))
        return tuple(out)

    def prose(self) -> str:
        """The text with list items blanked (same length): where narrative is told."""
        return "\n".join("" if line.is_item else line.text for line in self.lines)


def is_intro(line: Line) -> bool:
    """Prose (not a list item) that ends in a colon: it introduces the lines after it."""
    return not line.is_item and line.text.rstrip().endswith(":")


def is_heading_stop(text: str) -> bool:
    """A numbered or bulleted line ends the heading (a letter item does not)."""
    marker = list_marker(text)
    return marker is not None and marker.kind != "letter"
