"""`record.canonical` reads what `render_record` writes exactly as PyYAML does, or declines;
and `record.safe_yaml` (what reads every other record) agrees with both on what it takes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resarchive.record import canonical, safe_yaml, yamlio
from resarchive.record.fastload import fast_load, is_plain

MAX_EXAMPLES = int(os.environ.get("CANONICAL_EXAMPLES", "300"))
ROOT = Path(__file__).resolve().parent.parent
RECORD_FILES = sorted((ROOT / "data" / "structured").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "heldout").rglob("*.yaml")
)

# Characters that make YAML choose quoting, fold lines, or stop a plain scalar.
TRICKY = " \t\n\r'\"#:-?[]{},&*!|>%@`~\\\x85\u2028\ufeff\xa0\x00\x7fёЁй1 0.e+-_yYnNoOtTfF="
texts = st.text(
    alphabet=st.sampled_from(TRICKY) | st.characters(exclude_categories=("Cs",)), max_size=60
) | st.sampled_from(
    ["null", "Null", "~", "yes", "on", "off", "no", "true", "1.5", "0x1F", "012", "1_000",
     "2021-11-24", "-", "- x", "a: b", "a #b", "x:", ".inf", "<<", "=", "", " ", "'", "''"]
)  # fmt: skip
keys = st.sampled_from(
    ["id", "name", "text", "span", "on", "yes", "null", "number", "a_b", "offline", "y", "n"]
)
scalars = texts | st.integers(-5, 10**20) | st.none() | st.booleans()
long_texts = st.lists(texts, min_size=1, max_size=12).map(" ".join)
values = st.recursive(
    scalars | long_texts | st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(list),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=30,
)
records = st.dictionaries(keys, values, min_size=1, max_size=8)


def pyyaml_load(text: str):
    """PyYAML's own safe loader: the reference (the app never runs it on records)."""
    return yaml.load(text, Loader=yamlio.SafeLoader)


def same_as_pyyaml(text: str) -> None:
    """canonical.load gives what yaml.load gives (types and key order too), or None; and
    safe_yaml.load gives it too."""
    found = canonical.load(text)
    if found is None:
        return
    expected = pyyaml_load(text)
    assert is_plain(found, expected), (text, found, expected)
    assert is_plain(safe_yaml.load(text), found), text


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_dumped_data_reads_back_as_pyyaml_reads_it(data: dict) -> None:
    same_as_pyyaml(yamlio.dump(data))


class _FlowList(list):
    """A span for the reference dumper below."""


class _ReferenceDumper(yamlio._BaseDumper):
    """PyYAML's own representer, spans in flow style: what RecordDumper must equal."""


_ReferenceDumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)


def _flow_spans(value):
    if isinstance(value, dict):
        return {
            k: _FlowList(v) if k == "span" and isinstance(v, list) else _flow_spans(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_flow_spans(v) for v in value]
    return value


def reference_dump(data) -> str:
    return yaml.dump(
        _flow_spans(data),
        Dumper=_ReferenceDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(records, st.dictionaries(keys, values | st.floats(), max_size=6)))
def test_the_record_dumper_writes_what_pyyaml_writes(data: dict) -> None:
    assert yamlio.dump(data) == reference_dump(data)


@pytest.mark.parametrize("path", RECORD_FILES, ids=lambda p: p.name)
def test_stored_records_render_as_pyyaml_renders_them(path: Path) -> None:
    text = path.read_text("utf-8")
    data = yaml.load(text, Loader=yamlio.SafeLoader)
    assert yamlio.dump(data) == reference_dump(data)
    if path.parent.name == "structured" and path.parent.parent.name == "data":
        assert yamlio.dump(data) == text  # written by ingest (heldout's gold by hand)


@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records, st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(TRICKY)), max_size=4))
def test_mangled_yaml_is_read_as_pyyaml_reads_it_or_declined(data: dict, edits: list) -> None:
    text = yamlio.dump(data)
    for position, char in edits:  # insert, or replace when the char is already there
        i = position % (len(text) + 1)
        text = text[:i] + char + text[i + (text[i : i + 1] == char) :]
    try:
        pyyaml_load(text)
    except yaml.YAMLError:
        assert canonical.load(text) is None, text
        return
    same_as_pyyaml(text)


@pytest.mark.parametrize("path", RECORD_FILES, ids=lambda p: p.name)
def test_real_records_take_the_fast_path(path: Path) -> None:
    text = path.read_text("utf-8")
    found = canonical.load(text)
    assert found is not None
    assert is_plain(found, pyyaml_load(text))
    assert is_plain(fast_load(text), found)
    assert is_plain(safe_yaml.load(text), found)


def test_odd_yaml_is_declined() -> None:
    for text in (
        "a: 1\n# a comment\n",
        'a: "double"\n',
        "a: &x 1\nb: *x\n",
        "a: 2021-11-24\n",
        "a: 1.5\n",
        "a: !!str 1\n",
        "a:\n\n  b: 1\n",
        "a: b\n  c: d\n",
        "a: 'x\n\n  y'\n",
        "a:\tb\n",
        "---\na: 1\n",
        "a: 1\na: 2\n",
        "- a\n",
        "a: |\n  b\n",
    ):
        assert canonical.load(text) is None, text
    assert canonical.load("a: 'x y''z'\nb:\n- c\n- d: [1, 2]\n  e: null\n") == {
        "a": "x y'z",
        "b": ["c", {"d": [1, 2], "e": None}],
    }


RESOLVER_CASES = [
    "0b101", "0x1F", "0x_1f", "1_000", "012", "09", "0", "-0", "+12", "190:20:30", "1:60",
    "1.5", "1.5e+3", "1e3", ".5", "-.inf", ".NaN", ".nan", "2002-12-14", "2002-1-4",
    "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-14 21:59",
    "~", "null", "Null", "NULL", "nULL", "yes", "Off", "ON", "oN", "y", "n", "<<", "<", "=",
    "!", "&", "*", "000_b5dfb76866879744.txt", "7d1c18ae", "2021-11-24-kamchatka.txt",
    "name", "number", "offline", "txt", "-", "-x", "+", ".", "1.", "1..2", "1:2:3.5",
]  # fmt: skip
resolver_alphabet = st.sampled_from(list("0123456789_.:+-eExXbBoOaAfFtTzZ \tyYnNsSlLuUiI~<=!&*"))


def pyyaml_reads_as_text(value: str) -> bool:
    return (
        yamlio.SafeLoader.resolve(
            yamlio.SafeLoader.__new__(yamlio.SafeLoader), yaml.ScalarNode, value, (True, False)
        )
        == "tag:yaml.org,2002:str"
    )


@pytest.mark.parametrize("value", RESOLVER_CASES)
def test_plain_scalars_resolve_as_pyyaml_resolves_them(value: str) -> None:
    assert canonical.plain_is_text(value) == pyyaml_reads_as_text(value)


@settings(max_examples=MAX_EXAMPLES, deadline=None)
@given(st.text(resolver_alphabet, min_size=1, max_size=24))
def test_generated_plain_scalars_resolve_as_pyyaml_resolves_them(value: str) -> None:
    assert canonical.plain_is_text(value) == pyyaml_reads_as_text(value)


def test_claimed_characters_follow_pyyaml() -> None:
    claimed = {k for k in yamlio.SafeLoader.yaml_implicit_resolvers if k}
    assert claimed == set(canonical.CLAIMED)
