"""Reading the YAML `render_record` writes, in pure Python, twice as fast as libyaml's loader.

`query --format json` and `export` print the records they find from their YAML files; at
10 000 records a broad query prints hundreds, and PyYAML's C loader (1.2 ms for a 14 KB
record, most of it building nodes and marks) was most of the query. Records written by
`ingest` use a small part of YAML: block mappings with plain lower-case keys, block
sequences, plain and single-quoted scalars (folded over lines), `null`, `true`, `false`,
decimal integers and spans in flow style (`[4, 63]`). This reader takes exactly that, one
regex pass over the lines and a loop, and returns None for anything else (double quotes,
comments, blank lines, anchors, tags, tabs, unusual characters, a scalar YAML would read
as a date or a float...), which the caller then reads with libyaml. Whatever it returns
equals what `yaml.load` returns for the same text: tests hold it to that on generated
records and on mangled ones.
"""

from __future__ import annotations

import re

# Per line: indentation, the rest, and within the rest a "- ", a key and the value.
_LINE = re.compile(r"^( *)((- )?(?:([a-z_][a-z0-9_]*):(?: |$))?(.*))$", re.MULTILINE)
# Integers of at most 18 digits (safe_yaml.MAX_INT_DIGITS): a longer one goes to safe_yaml,
# which reports it (int() of 4300+ digits is a ValueError in CPython).
_SPAN = re.compile(r"\[(?:(?:0|[1-9][0-9]{0,17})(?:, (?:0|[1-9][0-9]{0,17}))*)?\]\Z")
_PAIR = re.compile(r"\[(0|[1-9][0-9]{0,17}), (0|[1-9][0-9]{0,17})\]\Z")  # a span, most lists
# Bounds, kept under safe_yaml's so that what this reader accepts safe_yaml accepts too:
# a text of this many characters may hold no longer string, this many lines no longer
# list, and without 12 spaces of indentation nothing nests 16 deep.
_MAX_TEXT = 16_000_000
_MAX_LINES = 100_000
_DEEP = re.compile(r"^ {12}", re.MULTILINE)
# Characters outside YAML's printable set, tabs and carriage returns, those YAML takes for
# line breaks (\x85, \u2028, \u2029) and byte order marks: a text holding any goes to
# libyaml. (A small class of what is out, not a negated one of what is in: compiling
# that took 4 ms, a tenth of a query's budget on a small archive.)
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# A plain scalar may not start with these (or "-" followed by a space).
_NOT_PLAIN = frozenset("'\"[]{}&*!|>%@`#,?: ")
# First characters some implicit resolver of the safe loader claims (ints, floats, bools,
# nulls, dates, merge keys...; tests hold this to `SafeLoader.yaml_implicit_resolvers`):
# a plain scalar starting otherwise is a string.
CLAIMED = frozenset("!&*+-.0123456789<=FNOTYfnoty~")
_SPECIAL = CLAIMED | _NOT_PLAIN
_KNOWN: dict[str, object] = {"null": None, "true": True, "false": False}
_MISSING = object()
# What YAML 1.1's implicit resolvers (PyYAML's, one alternative each) read as something
# other than a string: bool, float, int, merge, null, timestamp, value, and the "yaml"
# indicators. Each alternative can only match scalars starting with the characters PyYAML
# registers it for, so one regex decides as PyYAML's per-character lists do; with it,
# reading a record never imports PyYAML (10 ms). Tests compare it with PyYAML's resolver.
_NOT_TEXT = re.compile(
    r"""^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
    |[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    |<<
    |~|null|Null|NULL
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
     (?:[Tt]|[ \t]+)[0-9][0-9]?
     :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
    |=
    |!|&|\*)$""",
    re.VERBOSE,
)


class _Odd(Exception):
    """Not the YAML render_record writes: let libyaml read it."""


def plain_is_text(value: str) -> bool:
    """Whether YAML 1.1 reads this plain scalar as a string."""
    return value[0] not in CLAIMED or _NOT_TEXT.match(value) is None


_KEYS: set[str] = set()  # keys met so far: lower-case words YAML reads as strings


def _new_key(key: str) -> bool:
    if not key or (key[0] in CLAIMED and not plain_is_text(key)):
        return False
    _KEYS.add(key)
    return True


def _scalar(s: str) -> object:
    """A one-line scalar value."""
    c = s[0]
    if c not in _SPECIAL:  # text: most values
        if " #" in s or ": " in s or s[-1] in ": ":
            raise _Odd
        return s
    if c == "'":
        if len(s) < 2 or s[-1] != "'":
            raise _Odd
        body = s[1:-1]
        if "'" in body:
            if "'" in body.replace("''", ""):
                raise _Odd
            body = body.replace("''", "'")
        return body
    if c == "[":
        if _SPAN.match(s) is None or s.count(",") >= _MAX_LINES:
            raise _Odd
        return [int(x) for x in s[1:-1].split(", ")] if len(s) > 2 else []
    if s.isdigit() and s.isascii() and (c != "0" or s == "0") and len(s) <= 18:
        return int(s)
    if s == "{}":
        return {}
    return _plain(s)


def _plain(s: str) -> str:
    c = s[0]
    if c in _NOT_PLAIN or (c == "-" and s[1:2] in ("", " ")):
        raise _Odd
    if " #" in s or ": " in s or s[-1] in ": " or not plain_is_text(s):
        raise _Odd
    return s


def _folded(first: str, more: list[str]) -> object:
    """A scalar over several lines: line breaks fold into single spaces."""
    if first[0] == "'":
        return _scalar(" ".join([first.rstrip(" "), *(m.strip(" ") for m in more)]))
    if first[0] == "[" or any(m[:1] in ("-", "#", "") for m in more):
        raise _Odd
    return _plain(" ".join([first.rstrip(" "), *(m.rstrip(" ") for m in more)]))


class _Reader:
    def __init__(self, text: str) -> None:
        rows = _LINE.findall(text)
        if rows and rows[-1] == ("", "", "", "", ""):  # after the last line break
            rows.pop()
        # (indentation, line without it, "- ", key, value). Indentations stay strings of
        # spaces, which compare as their lengths do: no conversion.
        self.rows = rows
        self.n = len(rows)

    def value(self, i: int, indent: str, rest: str) -> tuple[object, int]:
        """The value after a key or "- " on row i - 1: a scalar, folded over the rows
        deeper than `indent` that follow, or (when `rest` is empty) a nested block."""
        rows, n = self.rows, self.n
        if rest:
            if i < n and rows[i][0] > indent:
                j = i
                while j < n and rows[j][0] > indent:
                    j += 1
                return _folded(rest, [rows[k][1] for k in range(i, j)]), j
            return _scalar(rest), i
        if i < n:
            deeper, _, dash, _, _ = rows[i]
            if deeper > indent:
                return self.block(i, deeper)
            if deeper == indent and dash:  # a sequence at its key's indent
                return self.sequence(i, indent)
        raise _Odd

    def block(self, i: int, indent: str) -> tuple[object, int]:
        if self.rows[i][2]:
            return self.sequence(i, indent)
        return self.mapping(i, indent)

    def mapping(self, i: int, indent: str, *, item: bool = False) -> tuple[dict, int]:
        """A mapping whose keys sit at `indent`; `item`: its first key follows a "- "."""
        out: dict = {}
        rows, n = self.rows, self.n
        while i < n:
            ind, _, dash, key, rest = rows[i]
            if item:
                item = False
            elif ind != indent or dash:
                if ind >= indent:  # deeper, or a "- " where a key belongs
                    raise _Odd
                break
            if key not in _KEYS and not _new_key(key) or key in out:
                raise _Odd
            i += 1
            if rest and (i == n or rows[i][0] <= indent):  # most values: one line
                c = rest[0]
                if c not in _SPECIAL and " #" not in rest and ": " not in rest:
                    if rest[-1] in ": ":
                        raise _Odd
                    out[key] = rest  # text
                elif c == "[" and (m := _PAIR.match(rest)) is not None:
                    out[key] = [int(m[1]), int(m[2])]  # a span
                else:
                    value = _KNOWN.get(rest, _MISSING)
                    out[key] = _scalar(rest) if value is _MISSING else value
            else:
                out[key], i = self.value(i, indent, rest)
        return out, i

    def sequence(self, i: int, indent: str) -> tuple[list, int]:
        out = []
        rows, n = self.rows, self.n
        while i < n:
            ind, _, dash, key, rest = rows[i]
            if ind != indent or not dash:
                if ind > indent:
                    raise _Odd
                break
            if key:  # a mapping, its first key on the dash's row, the others 2 deeper
                value, i = self.mapping(i, indent + "  ", item=True)
            else:
                value, i = self.value(i + 1, indent, rest)
            out.append(value)
        return out, i


def load(text: str) -> dict | None:
    """The mapping `text` holds, when it is YAML as `render_record` writes it; else None."""
    if _UNUSUAL.search(text) or text.startswith(("---", "%")):
        return None
    if len(text) > _MAX_TEXT or text.count("\n") > _MAX_LINES or _DEEP.search(text):
        return None
    reader = _Reader(text)
    if not reader.n or reader.rows[0][0] or reader.rows[0][2]:
        return None
    try:
        data, end = reader.mapping(0, "")
    except (_Odd, RecursionError):
        return None
    return data if end == reader.n else None
