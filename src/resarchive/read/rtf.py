"""RTF to text (striprtf), in the document's code page."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import CorruptDocumentError
from .paragraphs import join_paragraphs

_ANSICPG = re.compile(rb"\\ansicpg(\d+)")


def rtf_text(data: bytes, name: str | Path = "<bytes>") -> str:
    """Text of an RTF document (striprtf); non-ASCII comes from \\'hh escapes in the
    document's code page (\\ansicpg, Windows-1251 for Russian Word) or \\uN escapes."""
    from striprtf.striprtf import rtf_to_text

    m = _ANSICPG.search(data[:4096])
    codepage = f"cp{int(m.group(1))}" if m else "cp1251"
    try:
        # RTF is 7-bit by the spec; some writers still put raw 8-bit bytes in it.
        source = data.decode("ascii") if data.isascii() else data.decode(codepage)
        text = rtf_to_text(source.lstrip("\ufeff"), encoding=codepage, errors="strict")
    except (LookupError, UnicodeDecodeError, ValueError, IndexError) as exc:
        raise CorruptDocumentError(f"cannot read the RTF file: {exc}", name) from exc
    return join_paragraphs(re.split(r"\n", text))
