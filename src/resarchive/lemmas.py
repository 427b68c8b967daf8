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


def inflections(word: str) -> set[str]:
    """Every form of every word `word` may be a form of: "библиотека" -> {"библиотеки",
    "библиотеке", ...}. The index keeps their lemma sets, so that a query naming a name in
    another case than the records' needs no pymorphy3."""
    word = fold(word)
    if not re.search("[а-я]", word):
        return set()
    found: set[str] = set()
    seen: set[tuple[str, str | None]] = set()
    for parse in nlp.morph().parse(word):
        lexeme = (parse.normal_form, parse.tag.POS)
        if lexeme not in seen:
            seen.add(lexeme)
            found |= {fold(form.word) for form in parse.lexeme}
    return found
