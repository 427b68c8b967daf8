"""Quotes in titles and names: «…» nest, "…", „…“ and “…” do not."""

from __future__ import annotations

import re
from functools import lru_cache

OPEN_QUOTES = "«“„"
CLOSE_QUOTES = "»”“"
_PAIRED = {'"': '"', "„": "“", "“": "”"}


def balance_quotes(inner: str) -> str:
    """Restore a lost « or » inside a title whose outer quotes were stripped.

    Typists collapse ««X» Y» into «X» Y» and «X «Y»» into «X «Y»: after removing the
    outer pair the inner quote has no partner, so add it back at the edge where the
    outer quote was collapsed.
    """
    opens, closes = inner.count("«"), inner.count("»")
    if closes > opens:
        inner = "«" * (closes - opens) + inner
    elif opens > closes:
        inner = inner + "»" * (opens - closes)
    return inner


def strip_outer_quotes(text: str) -> str:
    """«Title» -> Title (nested quotes kept and balanced); unquoted text stays."""
    text = text.strip()
    if len(text) >= 2 and text[0] in OPEN_QUOTES and text[-1] in CLOSE_QUOTES:
        return balance_quotes(text[1:-1].strip())
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].strip()
    return text


def matching_quote(text: str, i: int, end: int | None = None) -> int | None:
    """Index of the quote closing the one at text[i] before `end` (nesting-aware for «»)."""
    end = len(text) if end is None else end
    ch = text[i]
    if ch in _PAIRED:
        j = text.find(_PAIRED[ch], i + 1, end)
        return j if j >= 0 else None
    depth = 0
    for j in range(i, end):
        if text[j] == "«":
            depth += 1
        elif text[j] == "»":
            depth -= 1
            if depth == 0:
                return j
    return None


_OPEN_QUOTE = re.compile('[«“„"]')


@lru_cache(maxsize=64)
def without_quotes(text: str) -> str:
    """Text with quoted titles blanked (same length), so wording inside titles is not read.

    Cached: several stages ask for the same text."""
    pieces: list[str] = []
    done = 0
    found = _OPEN_QUOTE.search(text)
    while found:
        i = found.start()
        j = matching_quote(text, i)
        if j is None:
            found = _OPEN_QUOTE.search(text, i + 1)
            continue
        pieces += [text[done:i], re.sub(r"[^\n]", " ", text[i : j + 1])]
        done = j + 1
        found = _OPEN_QUOTE.search(text, done)
    pieces.append(text[done:])
    return "".join(pieces)
