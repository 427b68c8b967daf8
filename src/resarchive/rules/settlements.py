"""Settlement prefixes: the abbreviations and words that put a settlement's name after them.

"г. Тверь", "ст. Каневская", "с. Головчино", "пос. Горьковский", "в станице Вешенской".
The list is `data/settlements.txt`: each prefix with the head noun it stands for.
"""

from __future__ import annotations

import re
from functools import cache

from ..lemmas import fold, lemma_set
from .words import forms_of, word_table


@cache
def settlement_prefix(head: str | None = None) -> str:
    """A non-capturing regex group matching any prefix (of settlements headed by `head`,
    e.g. "город", when given): an abbreviation as written (a space allowed after an inner
    dot), or a prefix word in any case form."""
    alternatives: set[str] = set()
    for prefix, noun in word_table("settlements").items():
        if head is not None and noun != head:
            continue
        if prefix.endswith(".") or "-" in prefix:
            inner, dot, _ = prefix.rpartition(".") if prefix.endswith(".") else (prefix, "", "")
            alternatives.add(r"\.\s?".join(map(re.escape, inner.split("."))) + re.escape(dot))
        else:
            alternatives |= {re.escape(form) for form in forms_of(prefix)}
    return "(?:" + "|".join(sorted(alternatives, key=lambda a: (-len(a), a))) + ")"


def settlement_head(prefix: str) -> str | None:
    """The head noun a prefix stands for: "пос." -> "посёлок", "станице" -> "станица".

    >>> settlement_head("пос."), settlement_head("станице"), settlement_head("им.")
    ('посёлок', 'станица', None)
    """
    table = word_table("settlements")
    key = " ".join(prefix.split())
    if key.replace(" ", "") in table:
        return table[key.replace(" ", "")]
    folded = {fold(k): v for k, v in table.items()}
    for lem in lemma_set(key.rstrip(".")):
        if lem in folded:
            return folded[lem]
    return None
