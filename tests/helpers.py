"""Shared test helpers."""

from __future__ import annotations

from functools import cache

from resarchive.extract.context import Context, read_context


@cache
def _parsed(text: str) -> Context:
    return read_context(text)


def context(text: str) -> Context:
    """A fresh Context (its own warnings) over a cached parse of `text`: natasha is slow."""
    parsed = _parsed(text)
    return Context(parsed.clean, parsed.doc)
