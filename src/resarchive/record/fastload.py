"""Reading record YAML fast: the index builds from it, and `query`/`export` print from it.

Records as `ingest` writes them are read by `canonical`, in pure Python. For any other
YAML: PyYAML's C loader parses in C but builds every value through Python generators; that
construction is half the cost of reading a record. Records use only plain mappings,
sequences, strings, ints, dates and nulls, so a direct recursive build (with the
standard constructor for anything else) does the same work two to three times faster.
Any surprise raises, and the caller falls back to `parse.parse_record`, which also words
the problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import canonical

if TYPE_CHECKING:
    from .models import Record

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# The plain scalars records hold most, resolved without the resolver's regexes (a third
# of a record's scalars are `null`); YAML 1.1 reads every one of these the same way.
_KNOWN = {"null": (_NULL, None), "true": (_BOOL, True), "false": (_BOOL, False)}
_LOADER: type | None = None


def _fast_loader() -> type:
    global _LOADER
    if _LOADER is None:
        import yaml

        from .yamlio import SafeLoader

        # First characters of plain scalars that some implicit resolver may claim
        # (ints, floats, bools, nulls, dates, merge keys): anything else is a string.
        claimed = frozenset(k for k in SafeLoader.yaml_implicit_resolvers if k)
        wildcard = None in SafeLoader.yaml_implicit_resolvers
        scalar, sequence, mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode

        class FastLoader(SafeLoader):  # type: ignore[misc, valid-type]
            def resolve(self, kind, value, implicit):  # type: ignore[no-untyped-def]
                if kind is scalar:
                    if not implicit[0]:
                        return _STR  # quoted or "!": what the base resolver returns too
                    if value and not wildcard:
                        if value[0] not in claimed:
                            return _STR
                        known = _KNOWN.get(value)
                        if known is not None:
                            return known[0]
                        # Spans are most scalars: plain decimals (YAML 1.1 reads "012" as
                        # octal, so a leading zero goes the long way).
                        if value.isdigit() and (value[0] != "0" or value == "0"):
                            return _INT
                elif kind is sequence and not self.yaml_path_resolvers:
                    return _SEQ
                elif kind is mapping and not self.yaml_path_resolvers:
                    return _MAP
                return super().resolve(kind, value, implicit)

        _LOADER = FastLoader
    return _LOADER


def _build(loader, node) -> object:  # type: ignore[no-untyped-def]
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP:
        out = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR:  # merge keys, non-string keys: not in a record
                raise ValueError("unusual key")
            out[key_node.value] = _build(loader, value_node)
        return out
    if tag == _SEQ:
        return [_build(loader, item) for item in node.value]
    if tag == _INT and node.value.isdigit() and (node.value[0] != "0" or node.value == "0"):
        return int(node.value)
    known = _KNOWN.get(node.value)
    if known is not None and known[0] == tag:
        return known[1]
    if tag == _NULL:
        return None
    return loader.construct_object(node, deep=True)


def fast_load(text: str) -> object:
    """`yamlio.load`, faster for the plain YAML records are made of; raises on anything odd.

    YAML as `render_record` writes it is read in pure Python (`canonical`), without
    PyYAML; anything else goes through libyaml."""
    data = canonical.load(text)
    if data is not None:
        return data
    loader = _fast_loader()(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _build(loader, node)
    finally:
        loader.dispose()


def fast_parse(text: str) -> tuple[Record, dict] | None:
    """The Record in `text` and the data it was read from, or None when anything is wrong
    (the caller re-reads it with `parse.parse_record`, which words the problem)."""
    from .models import Record

    try:
        data = fast_load(text)
        return (Record.model_validate(data), data) if isinstance(data, dict) else None
    except Exception:
        return None


def is_plain(data: Any, dumped: Any) -> bool:
    """Whether YAML data is exactly `dumped` (a record's `model_dump(mode="json")`): same
    keys in the same order, same values of the same types. Such a record prints from its
    YAML as it is; any other needs pydantic to fill defaults and write dates as text."""
    if type(data) is not type(dumped):
        return False
    if isinstance(data, dict):
        return list(data) == list(dumped) and all(
            is_plain(value, dumped[key]) for key, value in data.items()
        )
    if isinstance(data, list):
        return len(data) == len(dumped) and all(map(is_plain, data, dumped))
    return data == dumped


def record_data(text: str, *, plain: bool) -> dict | None:
    """A record's YAML text as `Record.model_dump(mode="json")` gives it, or None when it is
    not a valid record (any more). `plain` (the index's word) says the YAML is that
    already: then pydantic is not needed."""
    try:
        data = fast_load(text)
    except Exception:
        data = None
    if plain and isinstance(data, dict):
        return data
    from .models import Record
    from .yamlio import load

    try:
        return Record.model_validate(load(text) if data is None else data).model_dump(mode="json")
    except Exception:
        return None
