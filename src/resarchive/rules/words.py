"""Word lists kept as data (`resarchive/data/*.txt`), read by one loader, matched by lemma.

A list file holds one entry a line; `#` starts a comment. An entry is a word or a phrase
written as lemmas ("круглый стол"), optionally followed by `= value` ("круглый стол =
round_table"). Matching is by lemma with pymorphy3, so a list names each word once and
matches it in any inflection ("круглого стола", "круглым столом") — the way yargy's
`morph_pipeline` matches a word list — instead of spelling endings out in a regex.

- `word_list(name)`: the entries of `data/<name>.txt`, in order;
- `word_table(name)`: entry -> value;
- `is_entry(word, name)`: whether the word's most likely lemma is a one-word entry;
- `has_lemma(word, name)`: whether any lemma `word` may have is a one-word entry;
- `PhraseMatcher(name)`: every occurrence of an entry in a text, in any inflection;
- `forms_pattern(name)`: a regex alternation of every inflected form of one-word entries,
  for the few rules that must stay regexes (dates).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ..lemmas import fold, lemma, lemma_set


@cache
def _entries(name: str) -> tuple[tuple[str, str | None], ...]:
    text = resources.files("resarchive").joinpath(f"data/{name}.txt").read_text("utf-8")
    out = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key, sep, value = line.partition("=")
        out.append((" ".join(key.split()), value.strip() if sep else None))
    return tuple(out)


def word_list(name: str) -> tuple[str, ...]:
    """The entries of `data/<name>.txt`, in file order (values dropped)."""
    return tuple(key for key, _ in _entries(name))


@cache
def word_table(name: str) -> dict[str, str]:
    """Entry -> value of `data/<name>.txt` ("пос. = посёлок"); shared, do not modify."""
    return {key: value for key, value in _entries(name) if value is not None}


@cache
def word_set(name: str) -> frozenset[str]:
    """The one-word entries of a list, folded (lower case, ё as е)."""
    return frozenset(fold(k) for k in word_list(name) if " " not in k)


@lru_cache(maxsize=200_000)
def is_entry(word: str, name: str) -> bool:
    """Whether the most likely lemma of `word` (pymorphy3's first parse) is a one-word entry.

    Stricter than `has_lemma`: "Совета" is "совет", not also "совета".

    >>> is_entry("библиотеки", "org_heads"), is_entry("Современная", "org_heads")
    (True, False)
    """
    return lemma(word) in word_set(name)


def has_lemma(word: str, name: str) -> bool:
    """Whether `word`, in any inflection, is a one-word entry of the list.

    >>> has_lemma("заседаниях", "event_types"), has_lemma("стола", "event_types")
    (True, False)
    """
    return bool(lemma_set(word) & word_set(name))


_TOKEN = re.compile(r"[А-Яа-яЁёA-Za-z]+(?:-[А-Яа-яЁёA-Za-z]+)*")


@dataclass(frozen=True)
class PhraseMatch:
    start: int
    end: int
    entry: str  # the list entry, as lemmas
    value: str | None


class PhraseMatcher:
    """Finds the entries of a word list in a text, each word in any inflection.

    Words are matched by any lemma pymorphy3 gives them; the words of a phrase must
    follow each other with only spaces between. The longest entry starting at a word wins.
    """

    def __init__(self, name: str) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, str | None]]] = {}
        for key, value in _entries(name):
            lemmas = tuple(fold(w) for w in key.split())
            self.by_first.setdefault(lemmas[0], []).append((lemmas, key, value))
        for options in self.by_first.values():
            options.sort(key=lambda o: -len(o[0]))
        self.firsts = frozenset(self.by_first)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[PhraseMatch]:
        """Non-overlapping matches in text[start:end], left to right."""
        end = len(text) if end is None else end
        tokens = list(_TOKEN.finditer(text, start, end))
        i = 0
        while i < len(tokens):
            found = self._match_at(text, tokens, i)
            if found is None:
                i += 1
                continue
            n, key, value = found
            yield PhraseMatch(tokens[i].start(), tokens[i + n - 1].end(), key, value)
            i += n

    def _match_at(self, text: str, tokens: list[re.Match], i: int):
        first = lemma_set(tokens[i].group())
        if first.isdisjoint(self.firsts):  # most words: no entry starts with them
            return None
        for lem in first:
            for lemmas, key, value in self.by_first.get(lem, ()):
                n = len(lemmas)
                if i + n > len(tokens):
                    continue
                if all(
                    not text[tokens[i + k - 1].end() : tokens[i + k].start()].strip()
                    and lemmas[k] in lemma_set(tokens[i + k].group())
                    for k in range(1, n)
                ):
                    return n, key, value
        return None


@cache
def phrase_matcher(name: str) -> PhraseMatcher:
    return PhraseMatcher(name)


@cache
def forms_of(word: str) -> frozenset[str]:
    """Every inflected form of a lemma ("город" -> "города", "городе", …), ё also
    written е; a word pymorphy3 does not know as a lemma stands alone."""
    from ..nlp import morph

    forms = {word}
    for parse in morph().parse(word):
        if fold(parse.normal_form) == fold(word):
            forms |= {f.word for f in parse.lexeme}
    return frozenset(forms | {f.replace("ё", "е") for f in forms})


@cache
def forms_pattern(name: str) -> str:
    """A regex alternation (no group) of every inflected form of the list's one-word
    entries, longest first."""
    forms: set[str] = set()
    for key in word_list(name):
        if " " not in key:
            forms |= forms_of(key)
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
