"""Shared test helpers."""

from __future__ import annotations

import io
import zipfile
from functools import cache

from resarchive.extract.context import Context, read_context


@cache
def _parsed(text: str) -> Context:
    return read_context(text)


def context(text: str) -> Context:
    """A fresh Context (its own warnings) over a cached parse of `text`: natasha is slow."""
    parsed = _parsed(text)
    return Context(parsed.clean, parsed.doc)


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip archive in memory: docx-like and not-docx inputs built from bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()
