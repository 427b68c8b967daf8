"""RTF to text (striprtf), in the document's code page."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorruptDocumentError
from .paragraphs import join_paragraphs

_ANSICPG = re.compile(rb"\\ansicpg(\d+)")
_FONT_TABLE_LIMIT = 64 * 1024
_BRACE_OPEN = re.compile(r"(\\*)\{")


def _guarded(source: str, name: str | Path) -> str:
    """Keep striprtf's regexes linear (measured: both were quadratic, 8.5 s for an 80 KB
    file). Its font-table regex scans the whole `{\\fonttbl ...}` group for every
    `\\fN` that lacks a `\\fcharset ...;`: a table that is never closed or is over
    64 KB (a real one holds a few hundred fonts in a few KB) is refused as damaged. Its
    hyperlink regex backtracks over a whole line for every `{\\field` on it: a line
    break (ignored by RTF) before each unescaped "{" keeps lines short (the price: a
    link's target is no longer appended to its text, which resolutions do not need).
    """
    from striprtf.striprtf import font_table_group

    table = font_table_group(source)
    if table and source.endswith(table):  # a table that runs to the end never closed
        raise CorruptDocumentError("the RTF font table is never closed: damaged RTF", name)
    if len(table) > _FONT_TABLE_LIMIT:
        raise CorruptDocumentError(
            f"an RTF font table of {len(table) // 1024} KB, over the "
            f"{_FONT_TABLE_LIMIT // 1024} KB limit: damaged RTF",
            name,
        )

    def brace(m: re.Match) -> str:
        slashes = m.group(1)
        return m.group(0) if len(slashes) % 2 else f"{slashes}\n{{"

    return _BRACE_OPEN.sub(brace, source)


def rtf_text(data: bytes, name: str | Path = "<bytes>") -> str:
    """Text of an RTF document (striprtf); non-ASCII comes from \\'hh escapes in the
    document's code page (\\ansicpg, Windows-1251 for Russian Word) or \\uN escapes."""
    from striprtf.striprtf import rtf_to_text

    m = _ANSICPG.search(data[:4096])
    codepage = f"cp{int(m.group(1))}" if m else "cp1251"
    try:
        # RTF is 7-bit by the spec; some writers still put raw 8-bit bytes in it.
        source = data.decode("ascii") if data.isascii() else data.decode(codepage)
        source = _guarded(source.lstrip("\ufeff"), name)
        text = rtf_to_text(source, encoding=codepage, errors="strict")
    except (LookupError, UnicodeDecodeError, ValueError, IndexError) as exc:
        raise CorruptDocumentError(f"cannot read the RTF file: {exc}", name) from exc
    return join_paragraphs(re.split(r"\n", text))
