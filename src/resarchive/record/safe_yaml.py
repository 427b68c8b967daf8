"""Reading a record's YAML as data, never as a program, within bounds (issue 14).

A record file is something a person edits by hand and anyone with write access to the
archive can replace, so it is read as untrusted input: libyaml's event stream is turned
into plain values here, one event at a time, instead of composing a node graph and
handing it to PyYAML's constructors. That way

- anchors and aliases are refused where they appear (an alias bomb never expands: the
  composer would share nodes, the constructor would then build every copy);
- explicit tags other than YAML's plain ones (`!!python/...`, `!!binary`, `!!set`) are
  refused, never constructed;
- a scalar YAML 1.1 would read as a date stays its text, and pydantic judges it
  (`start: 2021-02-30` is a problem of that field, not a ValueError inside PyYAML);
- integers are read only up to `MAX_INT_DIGITS` digits (a 5000-digit one is a problem,
  not CPython's 4300-digit ValueError), texts up to `MAX_STRING` characters, lists and
  mappings up to `MAX_ITEMS` entries, `MAX_DEPTH` levels deep and `MAX_VALUES` values in
  all; a duplicate key is a problem, not a silent overwrite;
- every problem is a `YamlProblem` naming the line and column (1-based) and the field.

Keys are read as their text whatever YAML 1.1 would make of them (`on:` stays "on"):
records have only lower-case word keys, and a stray one is then reported by its name.

libyaml's events cost about what PyYAML's C loader costs on a hand-edited record (the
records `ingest` writes are read by `canonical`, without PyYAML); `positions` reads
the same events once more to say where each field is, only when a problem needs it.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

import yaml

from ..i18n import _

try:  # libyaml's parser: the events in C
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml.loader import BaseLoader as _Parser

MAX_DEPTH = 16  # records nest 4 deep (record, recommendations, an item, its span)
MAX_ITEMS = 100_000  # entries of one list or mapping
MAX_VALUES = 1_000_000  # scalars, lists and mappings in one record
MAX_STRING = 16_000_000  # characters of one text (an extracted text is at most --max-size)
MAX_INT_DIGITS = 18  # an offset or a count; a bigger number is a typing slip
MAX_NUMBER_TEXT = 40  # characters of a number as written (underscores, signs, 0x...)

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    _TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
SEQ, MAP = _TAG + "seq", _TAG + "map"
_SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP})
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern]]] = (
    yaml.resolver.Resolver.yaml_implicit_resolvers
)

Loc = tuple[str | int, ...]
# A field's place: (key line, key column, value line, value column), 1-based; the key's
# are the value's for list items and the top level.
Position = tuple[int, int, int, int]


class YamlProblem(Exception):
    """A record file that is not a record's YAML: what, where (1-based line and column,
    None when unknown) and in which field (`loc`, as pydantic gives it)."""

    def __init__(
        self, message: str, line: int | None = None, column: int | None = None, loc: Loc = ()
    ) -> None:
        super().__init__(message)
        self.message, self.line, self.column, self.loc = message, line, column, loc


def resolve(value: str, plain: bool) -> str:
    """The tag YAML 1.1 (PyYAML's safe resolver) gives an untagged scalar."""
    if not plain:
        return STR
    for tag, regexp in _RESOLVERS.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return STR


class _Events:
    """Plain values from libyaml's events, with bounds; see the module docstring."""

    def __init__(self, text: str, positions: dict[Loc, Position] | None) -> None:
        self.parser = _Parser(text)
        self.positions = positions
        self.values = 0

    def next(self) -> Any:
        return self.parser.get_event()

    def document(self) -> Any:
        event = self.next()  # StreamStart
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            raise YamlProblem(_("the file is empty: no fields"), 1, 1)
        value = self.value(self.next(), (), 0)
        self.next()  # DocumentEnd
        event = self.next()
        if not isinstance(event, yaml.StreamEndEvent):
            raise YamlProblem(
                _("a second YAML document (after ---): a record file holds one record"),
                *_where(event),
            )
        return value

    def value(self, event: Any, loc: Loc, depth: int) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise YamlProblem(
                _("more than {limit:,} values in one record").format(limit=MAX_VALUES),
                *_where(event),
                loc,
            )
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise YamlProblem(
                _("YAML anchors and aliases (&name, *name) are not allowed in a record"),
                *_where(event),
                loc,
            )
        if isinstance(event, yaml.ScalarEvent):
            return _scalar(event, loc)
        if depth >= MAX_DEPTH:
            raise YamlProblem(
                _("nested more than {limit} levels deep").format(limit=MAX_DEPTH),
                *_where(event),
                loc,
            )
        if isinstance(event, yaml.SequenceStartEvent):
            _check_tag(event, SEQ, loc)
            return self.sequence(loc, depth)
        if isinstance(event, yaml.MappingStartEvent):
            _check_tag(event, MAP, loc)
            return self.mapping(event, loc, depth)
        raise YamlProblem(_("unexpected YAML content"), *_where(event), loc)  # pragma: no cover

    def sequence(self, loc: Loc, depth: int) -> list:
        out: list = []
        positions = self.positions
        while True:
            event = self.next()
            if isinstance(event, yaml.SequenceEndEvent):
                return out
            here = (*loc, len(out))
            if len(out) >= MAX_ITEMS:
                raise YamlProblem(
                    _("a list of more than {limit:,} items").format(limit=MAX_ITEMS),
                    *_where(event),
                    loc,
                )
            if positions is not None:
                line, column = _where(event)
                positions[here] = (line, column, line, column)
            out.append(self.value(event, here, depth + 1))

    def mapping(self, start: Any, loc: Loc, depth: int) -> dict:
        out: dict = {}
        positions = self.positions
        while True:
            event = self.next()
            if isinstance(event, yaml.MappingEndEvent):
                return out
            if not isinstance(event, yaml.ScalarEvent) or event.anchor is not None:
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    raise YamlProblem(
                        _("YAML anchors and aliases (&name, *name) are not allowed in a record"),
                        *_where(event),
                        loc,
                    )
                raise YamlProblem(_("a field name must be a word"), *_where(event), loc)
            key = event.value
            here = (*loc, key)
            if key in out:
                raise YamlProblem(
                    _("the field «{key}» appears twice").format(key=key), *_where(event), here
                )
            if len(out) >= MAX_ITEMS:
                raise YamlProblem(
                    _("more than {limit:,} fields").format(limit=MAX_ITEMS), *_where(event), loc
                )
            self.values += 1
            value_event = self.next()
            if positions is not None:
                positions[here] = (*_where(event), *_where(value_event))
            out[key] = self.value(value_event, here, depth + 1)


def _where(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1


def _check_tag(event: Any, expected: str, loc: Loc) -> None:
    if event.tag not in (None, "!", expected):
        raise YamlProblem(_tag_message(event.tag), *_where(event), loc)


def _tag_message(tag: str) -> str:
    shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
    return _("the YAML tag {tag} is not allowed in a record").format(tag=shown)


def _scalar(event: Any, loc: Loc) -> Any:
    value: str = event.value
    tag = event.tag
    if tag is None or tag == "!":
        tag = resolve(value, event.implicit[0]) if tag is None else STR
    elif tag not in _SCALAR_TAGS:
        raise YamlProblem(_tag_message(tag), *_where(event), loc)
    if tag in (STR, TIMESTAMP):  # a date stays its text: the schema judges it
        if len(value) > MAX_STRING:
            raise YamlProblem(
                _("a text of more than {limit:,} characters").format(limit=MAX_STRING),
                *_where(event),
                loc,
            )
        return value
    if tag == NULL:
        return None
    if tag == BOOL:
        found = _BOOLS.get(value.lower())
        if found is None:
            raise YamlProblem(_("must be true or false"), *_where(event), loc)
        return found
    if len(value) > MAX_NUMBER_TEXT:
        raise YamlProblem(_too_big(), *_where(event), loc)
    try:
        number = _int(value) if tag == INT else _float(value)
    except ValueError:
        raise YamlProblem(_("must be a number"), *_where(event), loc) from None
    if tag == INT and abs(number) >= 10**MAX_INT_DIGITS:
        raise YamlProblem(_too_big(), *_where(event), loc)
    return number


def _too_big() -> str:
    return _("a number of more than {digits} digits").format(digits=MAX_INT_DIGITS)


def _int(value: str) -> int:
    """YAML 1.1's int (PyYAML's `construct_yaml_int`), on a text of bounded length."""
    value = value.replace("_", "")
    sign = -1 if value[:1] == "-" else 1
    if value[:1] in "+-":
        value = value[1:]
    if value == "0":
        return 0
    if value.startswith("0b"):
        return sign * int(value[2:], 2)
    if value.startswith("0x"):
        return sign * int(value[2:], 16)
    if value[:1] == "0":
        return sign * int(value, 8)
    if ":" in value:
        number = 0
        for part in value.split(":"):
            number = number * 60 + int(part)
        return sign * number
    return sign * int(value)


def _float(value: str) -> float:
    """YAML 1.1's float (PyYAML's `construct_yaml_float`)."""
    value = value.replace("_", "").lower()
    sign = -1.0 if value[:1] == "-" else 1.0
    if value[:1] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    if ":" in value:
        number = 0.0
        for part in value.split(":"):
            number = number * 60 + float(part)
        return sign * number
    return sign * float(value)


def load(text: str, positions: dict[Loc, Position] | None = None) -> dict:
    """The record mapping in `text`, as plain values (dict, list, str, int, float, bool,
    None; dates as their text). With `positions`, also fills it with where each field is.

    Raises YamlProblem for anything that is not a bounded, alias-free YAML mapping.
    """
    try:
        events = _Events(text, positions)
        data = events.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        message = syntax_message(exc.problem or "", exc.context or "")
        loc = key_path(text, line) if line else ()
        raise YamlProblem(message, line, column, loc) from None
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(_reader_message(exc), *_offset_position(text, exc.position)) from None
    except (UnicodeError, RecursionError, MemoryError):
        raise YamlProblem(_("not readable as YAML text")) from None
    if not isinstance(data, dict):
        raise YamlProblem(
            _("not a record: a record is a list of fields, one «name: value» a line"), 1, 1
        )
    return data


_KEY_LINE = re.compile(r"( *)(- +)?([A-Za-z_][A-Za-z0-9_]*) *:(?: |$)")


def key_path(text: str, line: int) -> Loc:
    """The field a line of block YAML belongs to, from indentation alone (for a syntax
    error, where there is no node tree): its key, the keys above it, list items counted.

    >>> key_path("a: 1\\nitems:\\n- x: 1\\n- x: 2\\n  y: b: c\\n", 5)
    ('items', 1, 'y')
    """
    lines = text.split("\n")[:line]
    m = _KEY_LINE.match(lines[-1]) if lines else None
    if m is None:
        return ()
    path: list[str | int] = [m.group(3)]
    col = len(m.group(1)) + len(m.group(2) or "")
    dash_col = len(m.group(1)) if m.group(2) else None
    i = len(lines) - 1
    while True:
        if dash_col is not None:  # in a list item: count the items up to the list's key
            count, i = 1, i - 1
            while i >= 0:
                above = lines[i]
                if above.startswith(" " * dash_col + "- ") and not above[:dash_col].strip():
                    count += 1
                else:
                    km = _KEY_LINE.match(above)
                    if km and len(km.group(1)) + len(km.group(2) or "") <= dash_col:
                        break
                i -= 1
            path.append(count - 1)
            if i < 0:
                break
            km = _KEY_LINE.match(lines[i])
            assert km is not None
            path.append(km.group(3))
            col = len(km.group(1)) + len(km.group(2) or "")
            dash_col = len(km.group(1)) if km.group(2) else None
            if dash_col is None and col == 0:
                break
            continue
        i -= 1  # the enclosing key, or the first key of the same list item
        while i >= 0:
            km = _KEY_LINE.match(lines[i])
            if km:
                key_col = len(km.group(1)) + len(km.group(2) or "")
                if km.group(2) and key_col == col:
                    dash_col = len(km.group(1))
                    break
                if key_col < col:
                    path.append(km.group(3))
                    col, dash_col = key_col, (len(km.group(1)) if km.group(2) else None)
                    break
            i -= 1
        if i < 0 or (dash_col is None and col == 0):
            break
    return tuple(reversed(path))


def positions(text: str) -> dict[Loc, Position]:
    """Where each field of `text` is, as far as it reads (empty for an unreadable file)."""
    found: dict[Loc, Position] = {}
    with contextlib.suppress(YamlProblem):
        load(text, found)
    return found


def syntax_message(problem: str, context: str = "") -> str:
    """libyaml's (or PyYAML's) description of a syntax error, as a person can act on it."""
    if "mapping values are not allowed" in problem:
        return _(
            "a colon in a value: put the value in quotes "
            "(title: 'Библиотека-онлайн: опыт'), or check the line's indentation"
        )
    if "escape" in problem:
        return _("a backslash (\\) in double quotes: put the value in single quotes instead")
    if "tab" in problem or "cannot start any token" in problem:
        return _("a tab or a character that cannot start a value: indent with spaces")
    if "quoted scalar" in context:
        return _("a quotation mark is never closed")
    if "flow" in context:
        return _("a bracket [ or { is never closed, or a comma is missing")
    if "'-' indicator" in problem or "block collection" in context:
        return _("a list item (- ...) where a field belongs, or the other way round")
    if "expected key" in problem or "block end" in problem or "document start" in problem:
        return _("the indentation does not match the lines above")
    if "could not find expected ':'" in problem or "simple key" in context:
        return _("a line without «name: value»: a colon is missing")
    if "alias" in problem or "anchor" in problem:
        return _("YAML anchors and aliases (&name, *name) are not allowed in a record")
    if "tag" in problem or "tag" in context:
        return _("a YAML tag (!...) that is not allowed in a record")
    return _("not readable as YAML: check the indentation, quotes and colons on this line")


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    if isinstance(exc.character, int):
        code = f"\\x{exc.character:02x}" if exc.character < 256 else f"\\u{exc.character:04x}"
        return _("a control character ({code}) that YAML does not allow").format(code=code)
    return _("not readable as UTF-8 text")


def _offset_position(text: str, offset: int) -> tuple[int | None, int | None]:
    """Line and column of a reader error: libyaml counts bytes of UTF-8, PyYAML characters."""
    if _Parser.__module__ == "yaml._yaml":
        head = text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace")
    else:  # pragma: no cover
        head = text[:offset]
    line = head.count("\n") + 1
    return line, len(head) - (head.rfind("\n") + 1) + 1
