"""Deterministic YAML for records: fixed key order, spans in flow style, safe loading only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

if TYPE_CHECKING:
    from .models import Record

try:  # the C implementations are several times faster
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as SafeLoader  # noqa: F401  (the reference, for tests)
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeDumper as _BaseDumper
    from yaml import SafeLoader  # noqa: F401  (the reference PyYAML loader, for tests)


_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "bool", "null"))
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class RecordDumper(_BaseDumper):
    """PyYAML's safe dumper, with the representer taking the plain values a record dumps
    to (`model_dump(mode="json")`: dicts with text keys, lists, text, integers, booleans,
    None) straight to nodes, and a span's list in flow style (`span: [12, 40]`).

    The same nodes as PyYAML's own representer gives, byte for byte (a test compares
    them), without its per-value alias bookkeeping and type dispatch: measured on the
    ingest benchmark's 200 records (best of 5 passes), 1.68-1.71 ms per record with
    PyYAML's representer, 1.10-1.11 ms with this one. That time is the main process's,
    which `--jobs 2` shares with the workers. Anything else (floats, tuples) goes to
    PyYAML's representer."""

    def represent_data(self, data: Any, flow: bool = False) -> Node:
        kind = type(data)
        if kind is str:
            return ScalarNode(_STR, data)
        if kind is dict:
            items = [
                (self.represent_data(k), self.represent_data(v, k == "span"))
                for k, v in data.items()
            ]
            return MappingNode(_MAP, items, flow_style=False)
        if kind is list:
            return SequenceNode(_SEQ, [self.represent_data(v) for v in data], flow_style=flow)
        if kind is int:
            return ScalarNode(_INT, str(data))
        if kind is bool:
            return ScalarNode(_BOOL, "true" if data else "false")
        if data is None:
            return ScalarNode(_NULL, "null")
        return super().represent_data(data)

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """PyYAML's resolver, remembered per text: the emitter asks it twice per scalar."""
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < _RESOLVED_MAX:
                _RESOLVED[key] = tag
        return tag


# Texts already resolved (a text's tag never changes); bounded, so that a long batch's
# texts do not pile up in memory.
_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}
_RESOLVED_MAX = 50_000


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=RecordDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


def load(text: str) -> dict:
    """A record's YAML as plain values, read as untrusted data (`safe_yaml.load`): no
    aliases, no tags but YAML's plain ones, bounded values, dates as their text.
    Raises `safe_yaml.YamlProblem`. (PyYAML's own safe loader expands aliases and turns
    `2021-02-30` into a ValueError: it is never used on records.)"""
    from .safe_yaml import load as safe_load

    return safe_load(text)


def render_record(record: Record) -> str:
    """The record's YAML: fixed key order, no timestamps, so the same input gives the same bytes."""
    return dump(record.model_dump(mode="json"))
