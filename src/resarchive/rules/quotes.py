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


_OUTER_LOST = re.compile(r"[ \t]*(?:[.;!?)]|\n|$)|\s+(?=[А-ЯЁ][а-яё]+\s+[а-яё])")


def matching_quote(text: str, i: int, end: int | None = None) -> int | None:
    """Index of the quote closing the one at text[i] before `end`.

    «» nest; straight quotes nest too when their place tells opening from closing: a `"`
    glued to the word after it opens, one glued to the word before it closes
    (`"Централизованная библиотечная система "Родник"` closes after Родник).

    >>> t = 'МБУК "ЦБС "Родник" г. Оренбурга" провела'
    >>> t[5 : matching_quote(t, 5) + 1]
    '"ЦБС "Родник" г. Оренбурга"'
    >>> t = "семинар «Итоги года в МБУК «ЦБС». Далее"
    >>> t[8 : matching_quote(t, 8) + 1]
    '«Итоги года в МБУК «ЦБС»'
    """
    end = len(text) if end is None else end
    ch = text[i]
    if ch == '"':
        return _matching_straight_quote(text, i, end)
    if ch in _PAIRED:
        j = text.find(_PAIRED[ch], i + 1, end)
        return j if j >= 0 else None
    depth = 0
    inner_close = None
    for j in range(i, end):
        if text[j] == "«":
            depth += 1
        elif text[j] == "»":
            depth -= 1
            if depth == 0:
                return j
            if depth == 1:
                inner_close = j
    # «Приоритеты … МАУК «Мелеузовская ЦБС»: the writer let the inner quote close both,
    # when nothing but a sentence's end, the line's or a new sentence follows it.
    if depth == 1 and inner_close is not None and _OUTER_LOST.match(text, inner_close + 1, end):
        return inner_close
    return None


def _matching_straight_quote(text: str, i: int, end: int) -> int | None:
    depth = 1
    first = None
    for j in range(i + 1, end):
        if text[j] != '"':
            continue
        first = j if first is None else first
        before, after = text[j - 1], text[j + 1 : j + 2]
        opens = before in " \t(«" and after[:1].isalnum()
        if opens:
            depth += 1
            continue
        depth -= 1
        if depth == 0:
            return j
    return first  # unbalanced: the next quote closes, as before


def typographic_quotes(text: str) -> str:
    """Straight quotes that pair up as «», the rest as written (same length, so offsets
    hold): every rule then reads one kind of quotes.

    >>> typographic_quotes('МБУК "ЦБС "Родник" г. Оренбурга", 5" и "X')
    'МБУК «ЦБС «Родник» г. Оренбурга», 5" и "X'
    """
    if '"' not in text:
        return text
    chars = list(text)
    i = text.find('"')
    while i >= 0:
        j = _matching_straight_quote(text, i, len(text)) if _opens(text, i) else None
        if j is not None and _closes(text, j) and "\n" not in text[i:j]:
            inner = typographic_quotes(text[i + 1 : j])
            chars[i : j + 1] = ["«", *inner, "»"]
            i = text.find('"', j + 1)
        else:
            i = text.find('"', i + 1)
    return "".join(chars)


def _opens(text: str, i: int) -> bool:
    return (i == 0 or not text[i - 1].isalnum()) and text[i + 1 : i + 2].isalnum()


def _closes(text: str, j: int) -> bool:
    return text[j - 1 : j].strip() != "" and not text[j + 1 : j + 2].isalnum()


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
