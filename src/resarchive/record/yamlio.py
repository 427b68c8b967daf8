"""Deterministic YAML for records: fixed key order, spans in flow style, safe loading only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from .models import Record

try:  # the C implementations are several times faster
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeDumper as _BaseDumper
    from yaml import SafeLoader


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


def load(text: str) -> Any:
    """Parse YAML with the safe loader: a `!!python/...` tag is an error, never executed."""
    return yaml.load(text, Loader=SafeLoader)


def render_record(record: Record) -> str:
    """The record's YAML: fixed key order, no timestamps, so the same input gives the same bytes."""
    return dump(record.model_dump(mode="json"))
