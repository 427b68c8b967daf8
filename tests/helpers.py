"""Shared test helpers."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

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


def resarchive(*args: str, lang: str = "C.UTF-8", cwd: Path | None = None, **env: str):
    """The CLI in a process of its own, in the locale `lang` (a CompletedProcess)."""
    environ = {**os.environ, "LANG": lang, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    environ.update(COLUMNS="100", NO_COLOR="1", **env)
    return subprocess.run(
        [sys.executable, "-m", "resarchive", *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd,
        timeout=120,
    )
