"""The paragraph convention shared by the .docx, .pdf and .rtf readers.

One paragraph, list item or table row per line, and a blank line between them. That is
how the plain-text resolutions look, and what `clean.clean` reads: a blank line ends a
block, a list marker starts a unit, and a lowercase line after an unfinished sentence
continues it (Word files converted from PDF often hold one paragraph per line).
"""

from __future__ import annotations


def join_paragraphs(parts: list[str]) -> str:
    """Paragraphs one per line with a blank line between (see the module docstring)."""
    lines = (" ".join(p.split()) for p in parts)  # in-paragraph breaks and tabs become spaces
    return "\n\n".join(line for line in lines if line) + "\n"
