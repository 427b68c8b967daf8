"""List markers: the one rule for what opens a list item.

A marker is a number ("1.", "2)", "1.2.", glued to its text as in "1.Одобрить"), a bullet
("•", "-", "–" before a space) or a letter ("а)", "b)"). A date at the start of a line
("24.11.2021 года") is not a number marker: a digit never follows the marker's dot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLETS = "•●▪◦·‣∙*"

_MARKER = re.compile(
    r"(?P<num>\d+(?:\.\d+)*)[.)](?!\d)(?=\s|[А-ЯЁA-Z«\"“„(])"
    rf"|(?P<bullet>[{BULLETS}]|[-–—](?=\s))"
    r"|(?P<letter>[а-яёa-z])\)(?=\s)"
)
_SPACE = re.compile(r"\s*")


@dataclass(frozen=True)
class Marker:
    """A list marker at the start of a line: its kind ("num", "bullet" or "letter"), the
    item number (the last part of "1.2."; None for bullets and letters), and `end`, the
    offset in the line where the item's body starts (after the marker and its spaces)."""

    kind: str
    number: int | None
    end: int


def list_marker(line: str) -> Marker | None:
    """The list marker that opens `line`, or None for prose.

    >>> list_marker("1.Одобрить проект")
    Marker(kind='num', number=1, end=2)
    >>> list_marker("2.3) обеспечить")
    Marker(kind='num', number=3, end=5)
    >>> list_marker("– ответственные")
    Marker(kind='bullet', number=None, end=2)
    >>> list_marker("б) провести")
    Marker(kind='letter', number=None, end=3)
    >>> list_marker("24.11.2021 года") is None, list_marker("-онлайн") is None
    (True, True)
    """
    m = _MARKER.match(line)
    if m is None:
        return None
    end = _SPACE.match(line, m.end()).end()
    if m.group("num"):
        return Marker("num", int(m.group("num").split(".")[-1]), end)
    return Marker("bullet" if m.group("bullet") else "letter", None, end)
