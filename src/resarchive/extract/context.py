"""What every extraction stage reads: the cleaned text, its layout, its one natasha parse,
and the warnings the stages leave. Each is computed once per document and kept here."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..clean import CleanText
from ..layout import Layout
from ..rules.quotes import without_quotes

if TYPE_CHECKING:
    from natasha import Doc


@dataclass
class Context:
    clean: CleanText
    doc: Doc  # segmented, morph-tagged and NER-tagged once by nlp.parse
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.clean.text

    @cached_property
    def layout(self) -> Layout:
        return Layout(self.clean.text)

    @cached_property
    def plain(self) -> str:
        """The text with quoted titles blanked (same length): wording inside titles is not read."""
        return without_quotes(self.clean.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.doc.sents]

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """The natasha sentence around a clean-text offset, never across a line break."""
        start, end = pos, pos
        sents = self.doc.sents
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if 0 <= i < len(sents) and sents[i].start <= pos < sents[i].stop:
            start, end = sents[i].start, sents[i].stop
        line = self.layout.line_at(pos)
        return max(start, line.start), min(end, line.end)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the clean text as a span of the source text (what records store)."""
        return self.clean.source_span(start, end)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def read_context(text: str) -> Context:
    """Clean a decoded source text and parse it once: what every stage reads."""
    from .. import nlp
    from ..clean import clean

    cleaned = clean(text, nlp.is_known_word)
    return Context(cleaned, nlp.parse(cleaned.text))
