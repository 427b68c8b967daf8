"""Legacy Word .doc (97-2003) to text, through a converter that runs offline.

LibreOffice headless, where installed, converts the .doc to .docx, which the .docx
reader then reads like any other: Word's automatic list numbers, tables and text boxes
come out as they do for .docx. antiword (Debian's `antiword`, 0.002 s a file) is the
fallback: it reads Word 97-2003's Unicode text, Cyrillic included, but leaves automatic
list numbers out (so does catdoc; measured on the test resolution). Which converter made
the text is part of the format (`doc` or `doc-antiword`), so that a record's text is
re-derived by the same one.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import CorruptDocumentError, MissingToolError, ResourceLimitError

CONVERT_TIMEOUT = 60  # seconds; the ingest fence bounds the whole file as well
INSTALL_HINT = (
    "install LibreOffice (apt-get install libreoffice-writer-nogui) or antiword "
    "(apt-get install antiword)"
)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_format() -> str:
    """The format a .doc read now is stored as: `doc` (LibreOffice) or `doc-antiword`."""
    if soffice():
        return "doc"
    if shutil.which("antiword"):
        return "doc-antiword"
    raise MissingToolError(f"cannot read a legacy Word .doc: {INSTALL_HINT}")


def doc_text(data: bytes, name: str | Path = "<bytes>", converter: str = "doc") -> str:
    """The text of a .doc by `converter`: "doc" (LibreOffice) or "doc-antiword"."""
    if converter == "doc-antiword":
        return _antiword(data, name)
    office = soffice()
    if office is None:
        raise MissingToolError(f"cannot read a legacy Word .doc: {INSTALL_HINT}", name)
    from .docx import docx_text

    with tempfile.TemporaryDirectory(prefix="resarchive-doc-") as tmp:
        source = Path(tmp) / "source.doc"
        source.write_bytes(data)
        # A profile of its own: two conversions at once (--jobs) must not share one.
        profile = Path(tmp, "profile").as_uri()
        _run(
            [office, f"-env:UserInstallation={profile}", "--headless", "--norestore",
             "--convert-to", "docx", "--outdir", tmp, str(source)],
            name,
        )  # fmt: skip
        converted = Path(tmp) / "source.docx"
        if not converted.is_file():
            raise CorruptDocumentError("cannot read the .doc file: LibreOffice could not", name)
        return docx_text(converted.read_bytes(), name)


def _antiword(data: bytes, name: str | Path) -> str:
    from .paragraphs import join_paragraphs

    if not shutil.which("antiword"):
        raise MissingToolError(
            "cannot read a legacy Word .doc: install antiword (apt-get install antiword)", name
        )
    with tempfile.NamedTemporaryFile(suffix=".doc") as source:
        source.write(data)
        source.flush()
        # -m UTF-8.txt: UTF-8 output; -w 0: a paragraph per line, not wrapped at 80 columns.
        out = _run(["antiword", "-m", "UTF-8.txt", "-w", "0", source.name], name)
    text = out.decode("utf-8", errors="replace")
    return join_paragraphs(text.split("\n"))


def _run(command: list[str], name: str | Path) -> bytes:
    """Run a converter in a session of its own, so that a time-out kills what it started
    too (LibreOffice's `soffice` script starts `soffice.bin`)."""
    env = {**os.environ, "LC_ALL": "C.UTF-8", "HOME": tempfile.gettempdir()}
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
    except OSError as exc:
        raise MissingToolError(f"cannot run {command[0]}: {exc.strerror}", name) from exc
    try:
        out, err = process.communicate(timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ResourceLimitError(
            f"the .doc converter took over {CONVERT_TIMEOUT} s (stopped)", name
        ) from exc
    if process.returncode != 0:
        detail = err.decode("utf-8", "replace").strip().splitlines()
        raise CorruptDocumentError(
            f"cannot read the .doc file: {Path(command[0]).name} failed"
            + (f": {detail[-1][:200]}" if detail else ""),
            name,
        )
    return out
