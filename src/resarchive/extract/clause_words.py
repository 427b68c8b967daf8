"""The words of a clause, and where a phrase told in it ends: what talks and their topics
share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lemmas import lemma_set
from ..rules.dots import mask_name_dots
from ..rules.words import word_set

WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
# Where a described topic ends: the clause's end, a relative clause, a new predicate.
# Words that open a sentence, never a name: after "»" they show a sentence end the page lost.
OPENERS = r"С|Со|В|Во|На|По|О|Об|Для|При|Также|Затем|Далее|Кроме|После|Она|Он|Они|Это|Все"
CLAUSE_END = re.compile(
    r"[.;:!?]|,\s*(?:[а-яё]+\s+)?котор|,\s*(?=[а-яё]+(?:ла|ли|л|вшись|в)\b)"
    r"|(?<=»)\s+(?=(?:" + OPENERS + r")\s)"
    r"|\s(?:и|а также)\s(?=[а-яё]+л[аи]?\b)"
)


@dataclass(frozen=True)
class Word:
    """A word of the text and its offsets."""

    start: int
    end: int
    text: str

    @property
    def lemmas(self) -> frozenset[str]:
        return lemma_set(self.text)


def words_in(text: str, start: int, end: int) -> list[Word]:
    """The words of text[start:end] with their offsets."""
    return [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]


def has_entry(words: list[Word], name: str) -> list[Word]:
    """The words whose lemmas are entries of the word list `name`."""
    entries = word_set(name)
    return [w for w in words if w.lemmas & entries]


def adjectives_before(text: str, start: int, noun: Word) -> int:
    """Where the adjectives before a talk noun start ("аналитическим докладом")."""
    pos = noun.start
    for w in reversed(words_in(text, start, noun.start)):
        ending = re.search(r"(?:ым|им|ой|ей|ую|юю|ый|ий|ая|яя)$", w.text)
        if text[w.end : pos].strip() or not ending:
            break
        pos = w.start
    return pos


def clause_end(text: str, pos: int, end: int, speakers) -> int:
    """Where a phrase starting at `pos` ends: the clause's end or the next speaker."""
    masked = mask_name_dots(text[pos:end])
    m = CLAUSE_END.search(masked)
    stop = pos + m.start() if m else end
    for s in speakers:
        if pos < s.start < stop:
            stop = s.start
    return stop


def tidy(phrase: str, lower: bool = True) -> str | None:
    """A phrase with its spaces folded and edge punctuation stripped, lower-cased first
    letter (unless an abbreviation); None for fewer than two words. The auxiliary of a
    passive after its subject goes ("Вопросы библиотуризма были [затронуты]").

    >>> tidy("Вопросы библиотуризма были ")
    'вопросы библиотуризма'
    """
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,–—-")
    phrase = re.sub(r"\s+(?:был|была|было|были)$", "", phrase)
    if len(WORD.findall(phrase)) < 2:
        return None
    return phrase[:1].lower() + phrase[1:] if lower and not phrase[:2].isupper() else phrase
