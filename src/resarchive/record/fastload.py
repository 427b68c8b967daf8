"""Reading record YAML fast: the index builds from it, and `query`/`export` print from it.

Records as `ingest` writes them are read by `canonical`, in pure Python; any other YAML
by `safe_yaml`, from libyaml's events, within bounds and without aliases (the loader
this module used before built PyYAML nodes and handed odd ones to PyYAML's constructor,
which expanded an alias bomb: 36 s and 2.4 GB for a 19 KB record). A problem raises;
the caller then reads the file with `parse.read_record`, which words it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import canonical

if TYPE_CHECKING:
    from .models import Record


def fast_load(text: str) -> dict:
    """A record file's YAML as plain values (dates as their text); raises `YamlProblem`.

    YAML as `render_record` writes it is read in pure Python (`canonical`), without
    PyYAML; anything else goes through `safe_yaml`."""
    data = canonical.load(text)
    if data is not None:
        return data
    from .safe_yaml import load

    return load(text)


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
    if data is None:
        return None
    from .models import Record

    try:
        return Record.model_validate(data).model_dump(mode="json")
    except Exception:
        return None
