"""Dots that do not end a sentence: abbreviations and initials inside names.

"им. А. С. Пушкина", "г. Пскова", "В.Д.Федорова": such dots are masked (replaced by "․",
the same length) so that scans for a sentence's or clause's end read through them.
"""

from __future__ import annotations

import re

# Dots that do not end a sentence inside a name: "им. А. С. Пушкина", "г. Пскова",
# "В.Д.Федорова". They are masked (same length) so that "[^.]" scans read through them.
_NAME_DOTS = re.compile(
    r"(?<![\w.])(?:им|имени|ул|пос|пгт|обл|(?<!\d )(?<!\d)г)\.(?=\s?[А-ЯЁ])"
    r"|(?<!\w)[А-ЯЁ]\.(?=\s?[А-ЯЁ][.а-яё])"
    # a short lower-case abbreviation before a lower-case word: "зам. министра", "зав. отделом"
    r"|(?<![\w.])[а-яё]{2,4}\.(?=\s?[а-яё]{2})"
)


def mask_name_dots(text: str) -> str:
    """`text` with the dots of abbreviations and initials replaced by "․" (same length).

    >>> mask_name_dots("им. А.С. Пушкина. Далее") == "им․ А․С․ Пушкина. Далее"
    True
    >>> mask_name_dots("зам. министра") == "зам․ министра"
    True
    """
    return _NAME_DOTS.sub(lambda m: m.group(0)[:-1] + "․", text)
