"""Legal forms and letterheads: one home for recognizing and stripping them.

A legal form is an abbreviation of the gazetteer ("МБУК", "КГБУ", a region code glued
before a state form: "КОГБУК") or its spelled-out form ("Муниципальное бюджетное
учреждение культуры"). A letterhead line names an organization at the top of a document
("Муниципальное бюджетное учреждение …", "Министерство культуры …").
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer
from .quotes import matching_quote, strip_outer_quotes
from .words import has_lemma, is_entry


@lru_cache(maxsize=1)
def _leading_abbreviation() -> re.Pattern:
    """A leading legal-form abbreviation, maybe with a region code ("БУК ВО «…»")."""
    forms = f"{gazetteer.legal_form_alternation()}|{gazetteer.LEGAL_FORM_SHAPE.pattern}"
    return re.compile(rf"^(?:{forms})(?:\s[А-ЯЁ]{{2}}(?=\s?«))?\s+(?=[«\"“А-ЯЁ])")


_LEADING_SPELLED_OUT = re.compile(
    r"^(?:(?:Муниципальное|Государственное|Краевое|Областное|Федеральное|Республиканское|"
    r"Окружное|Городское)\s+)+(?:[а-яё]+\s+){0,3}учреждение(?:\s+культуры)?(?:\s+[а-яё]+){0,2}?\s+"
    r"(?=[«\"“А-ЯЁ])",
    re.I,
)


def strip_legal_form(name: str) -> str:
    """An organization's name without its leading legal form and the quotes around the rest.

    >>> strip_legal_form("КГБУ «Камчатская краевая детская библиотека»")
    'Камчатская краевая детская библиотека'
    >>> strip_legal_form("Муниципальное бюджетное учреждение культуры «ЦБС»")
    'ЦБС'
    >>> strip_legal_form('МБУК "Централизованная библиотечная система «Родник» г. Оренбурга')
    'Централизованная библиотечная система «Родник» г. Оренбурга'

    An opening quote whose closing one the text lost (merged into a nested name's) goes too.
    """
    name = name.strip(" ,.;")
    stripped = _leading_abbreviation().sub("", name)
    stripped = _LEADING_SPELLED_OUT.sub("", stripped)
    if stripped != name and stripped[:1] in '«"“':
        j = matching_quote(stripped, 0)
        if j == len(stripped) - 1:
            stripped = strip_outer_quotes(stripped)
        elif j is None:
            stripped = stripped[1:]
    return stripped.strip() or name


_ABBREVIATION_BEFORE_QUOTE = re.compile(r"^[А-ЯЁ]{2,6}\s*«")
_FIRST_WORD = re.compile(r"[А-ЯЁ][а-яё]+")


def is_letterhead(line: str) -> bool:
    """A line naming an organization the way a letterhead does.

    >>> is_letterhead("МБУК «Централизованная библиотечная система»")
    True
    >>> is_letterhead("Министерство культуры Республики Карелия")
    True
    >>> is_letterhead("Резолюция семинара")
    False
    """
    if _ABBREVIATION_BEFORE_QUOTE.match(line):
        return True
    m = _FIRST_WORD.match(line)
    if not m or not has_lemma(m.group(), "letterhead_words"):
        return False
    # "Областное совещание директоров": an event's name, not a body.
    words = re.findall(r"[А-Яа-яЁё]+", line)
    return any(is_entry(w, "org_heads") for w in words) and not any(
        has_lemma(w, "event_types") for w in words
    )
