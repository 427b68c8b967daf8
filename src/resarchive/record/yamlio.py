"""Deterministic YAML for records: fixed key order, spans in flow style, safe loading only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from .models import Record

try:  # the C implementations are several times faster
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as SafeLoader  # noqa: F401  (the reference, for tests)
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeDumper as _BaseDumper
    from yaml import SafeLoader  # noqa: F401  (the reference PyYAML loader, for tests)


class _FlowList(list):
    """A short list (a span) written on one line: `span: [12, 40]`."""


class RecordDumper(_BaseDumper):
    pass


RecordDumper.add_representer(
    _FlowList,
    lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True),
)


def _flow_spans(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _FlowList(v) if k == "span" and isinstance(v, list) else _flow_spans(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_flow_spans(v) for v in value]
    return value


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        _flow_spans(data),
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
