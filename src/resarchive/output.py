"""Safe output (issue 14): what documents, file names and YAML keys hold never drives the
terminal, and a file written with `-o` is whole or untouched.

- `visible(text)`: control characters (C0 but tab and line feed, DEL, C1), the bidi
  overrides that reorder what a reader sees ("Trojan source"), and lone surrogates
  (a file name that was not UTF-8) shown escaped as `\\x1b`, `\\u202e`, `\\x9b`; used for
  every line and table cell the CLI prints. Escaping, not removing: a person sees that
  something was there.
- `cell(value)`: a table cell as rich Text, so document text is never read as console
  markup (`[link=…]` stays text, `[/bold]` cannot end a style it never opened).
- `for_terminal(stream)`: JSON, YAML and CSV on stdout stay byte for byte what they are
  in a pipe or a file; on a terminal they pass through `visible` too.
- `atomic_output(path)`: a file written through a temporary file beside it, fsynced and
  renamed over it only when the command succeeded; a failed or killed command leaves
  the old file whole (and at most a `.NAME.XXXX.tmp` dot-file).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.text import Text

# C0 but \t and \n, DEL, C1, bidi embeddings/overrides/isolates, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_BUT_NEWLINE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escaped(m: re.Match[str]) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape of a byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """`text` with every character that could steer a terminal shown escaped.

    >>> visible("title\\x1b]0;PWNED\\x07 and \\u202e")
    'title\\\\x1b]0;PWNED\\\\x07 and \\\\u202e'
    >>> visible("two\\nlines"), visible("two\\nlines", newlines=False)
    ('two\\nlines', 'two\\\\x0alines')
    """
    pattern = _UNSAFE_BUT_NEWLINE if newlines else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escaped, text)


def cell(value: Any) -> Text:
    """A table cell: the value as plain text (never markup), control characters escaped."""
    from rich.text import Text

    return Text(visible("" if value is None else str(value)))


class _TerminalStream:
    """A text stream that escapes what `visible` escapes (tabs and line feeds pass)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text.replace("\r\n", "\n")))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def for_terminal(stream: IO[str]) -> IO[str]:
    """`stream` itself when it is a pipe or a file; on a terminal, one that escapes
    control characters, so that data printed for a person cannot drive the terminal."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError, OSError):
        tty = False
    return _TerminalStream(stream) if tty else stream  # type: ignore[return-value]


@contextmanager
def atomic_output(path: Path, *, encoding: str = "utf-8", newline: str = "") -> Iterator[IO[str]]:
    """A text stream whose content replaces `path` only if the block ends without error.

    Written to `.NAME.XXXXXXXX.tmp` in the same folder (so the rename is atomic), flushed
    and fsynced, then renamed over `path` with the old file's permissions (or the
    umask's, for a new file). On an exception, the temporary file is removed and `path`
    is untouched; a killed process leaves only the dot-file. An OSError (a folder that
    does not exist or cannot be written, a full disk) is raised as an ArchiveError
    naming `path` and the cause (exit 10)."""
    import tempfile

    from .archive_checks import output_error

    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise output_error(exc, path) from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as fh:
            try:
                mode = os.stat(path).st_mode & 0o7777
            except OSError:
                mask = os.umask(0o022)
                os.umask(mask)
                mode = 0o666 & ~mask
            os.fchmod(fh.fileno(), mode)
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise output_error(exc, path) from None
        raise
