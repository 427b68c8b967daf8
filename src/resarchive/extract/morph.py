"""pymorphy3 lookups shared by the extraction stages: cached analyses, grammemes, casing."""

from __future__ import annotations

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
