"""What every extraction stage reads: the cleaned text, its one natasha parse, and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..clean import CleanText

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
