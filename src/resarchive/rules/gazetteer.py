"""The reviewed gazetteer of library abbreviations (package data `data/abbreviations.yaml`).

Light on purpose: only pyyaml, no NLP, so `query --org РБА` can alias cheaply.

- `abbreviations()`: abbreviation -> full name ("РБА" -> "Российская библиотечная ассоциация").
- `legal_forms()`: legal-form prefix -> its spelled-out form ("МБУК" -> "Муниципальное
  бюджетное учреждение культуры").
- `legal_form_prefixes()`, `generic_abbreviations()` ("ЦБС": a kind, not one body),
  `expand()` and `aliases()`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files("resarchive").joinpath("data/abbreviations.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return {
        "abbreviations": {str(k): str(v) for k, v in (data.get("abbreviations") or {}).items()},
        "legal_forms": {str(k): str(v) for k, v in (data.get("legal_forms") or {}).items()},
        "generic": frozenset(str(x) for x in (data.get("generic") or [])),
    }


def abbreviations() -> dict[str, str]:
    """Abbreviation -> full name (nominative)."""
    return dict(_data()["abbreviations"])


def legal_forms() -> dict[str, str]:
    """Legal-form abbreviation -> the form spelled out."""
    return dict(_data()["legal_forms"])


@lru_cache(maxsize=1)
def legal_form_prefixes() -> frozenset[str]:
    """Every legal-form abbreviation ("МБУК", "КГБУ", ...)."""
    return frozenset(_data()["legal_forms"])


# Unlisted legal forms still have the listed ones' shape: level (М, Г, К, О, Ф),
# kind (Б, К, А), "У" for учреждение, field (К культуры, Д, О образования).
LEGAL_FORM_SHAPE = re.compile(r"[МГКОФ]{1,3}[БКА]?У[КДО]?")
# A state form with a region's letters glued before it: "КОГБУК" (Кировское областное
# ГБУК), "ТОГБУК", "ЯОГАУК"; the listed forms stay the authority, this only prefixes them.
REGIONAL_LEGAL_FORM = r"[А-ЯЁ]{1,2}(?:ГБУК|ГАУК|ГКУК|ГБУ|ГАУ|ГКУ|ГУК)"


@lru_cache(maxsize=1)
def legal_form_alternation() -> str:
    """A regex alternation of the listed legal-form abbreviations, longest first."""
    return "|".join(map(re.escape, sorted(legal_form_prefixes(), key=len, reverse=True)))


def is_legal_form(word: str) -> bool:
    """ "МБУК", "ГБУК", or an unlisted abbreviation of the same shape."""
    return word in legal_form_prefixes() or bool(LEGAL_FORM_SHAPE.fullmatch(word))


@lru_cache(maxsize=1)
def legal_form_phrases() -> tuple[tuple[str, str], ...]:
    """(spelled-out form in lower case, abbreviation), longest first."""
    pairs = [(full.lower(), abbr) for abbr, full in _data()["legal_forms"].items()]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def generic_abbreviations() -> frozenset[str]:
    """Abbreviations naming a kind of institution ("ЦБС"), not one institution."""
    return _data()["generic"]


def expand(abbreviation: str) -> str | None:
    """The full name of an abbreviation or legal form, or None when unknown."""
    key = " ".join(abbreviation.split())
    data = _data()
    return data["abbreviations"].get(key) or data["legal_forms"].get(key)


def aliases(name: str) -> list[str]:
    """Other spellings of `name` by the gazetteer: its full form or its abbreviations."""
    key = " ".join(name.split())
    out = []
    full = expand(key)
    if full:
        out.append(full)
    folded = key.lower().replace("ё", "е")
    for abbr, long in _data()["abbreviations"].items():
        if long.lower().replace("ё", "е") == folded:
            out.append(abbr)
    return out
