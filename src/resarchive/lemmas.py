"""Lemma keys for morphology-aware matching (query, eval, merging).

Only pymorphy3 loads here, never natasha: a query must start fast.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import nlp

_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")


def fold(text: str) -> str:
    """Case and ё/е never matter."""
    return text.lower().replace("ё", "е")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    word = fold(word)
    if not re.search("[а-я]", word):
        return word
    return fold(nlp.morph().parse(word)[0].normal_form)


def lemmas(text: str) -> tuple[str, ...]:
    """The lemmas of a phrase's words, in order.

    "Камчатской краевой" -> ("камчатский", "краевой").
    """
    return tuple(lemma(w) for w in words(text))


@lru_cache(maxsize=200_000)
def lemma_set(word: str) -> frozenset[str]:
    """Every lemma a word form may have: "чернова" -> {"чернов", "чернова", ...}.

    Matching by any shared lemma finds surnames whichever case the query used.
    """
    word = fold(word)
    if not re.search("[а-я]", word):
        return frozenset({word})
    return frozenset({word} | {fold(p.normal_form) for p in nlp.morph().parse(word)})
