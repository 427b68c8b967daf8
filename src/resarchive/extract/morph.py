"""pymorphy3 lookups shared by the extraction stages: cached analyses, grammemes, casing."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import nlp

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Oblique cases in the order they are most likely in resolutions when a form is
# ambiguous: addressees and thanks are dative, possessors genitive.
CASE_PREFERENCE = ("nomn", "datv", "gent", "accs", "loct", "ablt")


@lru_cache(maxsize=100_000)
def parses(word: str) -> tuple:
    """pymorphy3 analyses of a word (lower-cased), cached."""
    return tuple(nlp.morph().parse(word.lower().replace("ё", "е")))


def is_animate_noun(word: str) -> bool:
    """The likeliest reading is an animate common noun: a post or a kind of people
    ("методист", "директоров", "Специалисты"); not "языков" (its animate reading is a rare
    one), an adjective, or a first name or surname.

    >>> [is_animate_noun(w) for w in ("методист", "директоров", "языков", "координационного")]
    [True, True, False, False]
    """
    first = parses(word)[:1]
    return (
        bool(first)
        and first[0].tag.POS == "NOUN"
        and "anim" in first[0].tag
        and not ({"Name", "Surn", "Patr"} & first[0].tag.grammemes)
    )


def is_verb(word: str) -> bool:
    """The likeliest reading is a finite verb.

    >>> is_verb("рассказала"), is_verb("библиотека")
    (True, False)
    """
    first = parses(word)[:1] if word else ()
    return bool(first) and first[0].tag.POS == "VERB"


# A relative adjective of a place name, by its suffix -ск-/-цк- and an adjectival ending:
# pymorphy3 guesses unknown village names as nouns or verbs ("Сеглинскую", "Рютинскую").
_RELATIVE_ADJECTIVE = re.compile(r"[А-ЯЁ][а-яё]+[сц]к(?:ая|ой|ую|ое|ого|ому|ом|ий|им|их|ими|ие)")


def looks_relative_adjective(word: str) -> bool:
    """A capitalized word shaped like an adjective made from a place name.

    >>> [looks_relative_adjective(w) for w in ("Сеглинскую", "Рютинской", "Москва", "ЦБС")]
    [True, True, False, False]
    """
    return _RELATIVE_ADJECTIVE.fullmatch(word) is not None


def is_people_plural(word: str, case: str | None = None) -> bool:
    """A plural animate common noun, people (in `case` if given): "Библиотекари",
    "коллеги-библиотекари" — a group, not a place nor a person's name.

    >>> is_people_plural("коллеги-библиотекари", "nomn"), is_people_plural("вопросы")
    (True, False)
    """
    first = parses(word)[:1]
    return (
        is_animate_noun(word) and "plur" in first[0].tag and (case is None or case in first[0].tag)
    )


def only_a_place(word: str) -> bool:
    """A word the dictionary knows as a place's name and never as a surname.

    >>> only_a_place("Зубцова"), only_a_place("Индеева"), only_a_place("Иванова")
    (True, False, False)
    """
    ps = parses(word)
    return bool(ps) and all("Geox" in p.tag and "Surn" not in p.tag for p in ps)


def grams(p) -> set[str]:
    return set(str(p.tag).replace(" ", ",").split(","))


def match_case(new: str, old: str) -> str:
    """Give `new` the capitalization `old` had: UPPER, Title or lower (per hyphen part)."""
    if "-" in new and new.count("-") == old.count("-"):
        return "-".join(
            match_case(n, o) for n, o in zip(new.split("-"), old.split("-"), strict=True)
        )
    if "ё" not in old.lower():
        new = new.replace("ё", "е").replace("Ё", "Е")
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def capitalize_first(text: str) -> str:
    """The text with its first letter in upper case: "клуб «Родники»" -> "Клуб «Родники»"."""
    return text[:1].upper() + text[1:] if text else text


def noun_gender(noun: str, default: str = "femn") -> str:
    """The grammatical gender of a noun: "masc", "femn" or "neut" (pymorphy3's first noun
    analysis that has one; `default` when none does)."""
    for p in parses(noun):
        if "NOUN" in grams(p):
            for g in ("masc", "femn", "neut"):
                if g in grams(p):
                    return g
    return default


def singular_nominative(word: str, gender: str | None = None) -> str:
    """A noun or adjective in the nominative singular (an adjective in `gender`), cased
    like the input; the word unchanged when pymorphy3 has no such form.

    >>> singular_nominative("Ивановской", "femn")
    'Ивановская'
    >>> singular_nominative("сельских", "femn"), singular_nominative("библиотек")
    ('сельская', 'библиотека')
    """
    want = {"nomn", "sing"} | ({gender} if gender else set())
    for p in parses(word):
        adjective = str(p.tag).startswith(("ADJF", "PRTF"))
        if adjective != bool(gender):
            continue
        form = p.inflect(want)
        if form:
            return match_case(form.word, word)
    return word
