"""Does a text read as a resolution of a library event at all?

Cheap evidence, no NLP: the share of Cyrillic letters and the genre's own vocabulary.
An English web page or a shopping list has neither.
"""

from __future__ import annotations

import re

# Stems of the words every resolution of the genre uses: the document, the event, the actors.
GENRE_STEMS = (
    "резолюц",
    "решени",
    "решил",
    "рекоменд",
    "постанов",
    "предлага",
    "конференц",
    "семинар",
    "круглого стол",
    "круглый стол",
    "заседани",
    "форум",
    "конгресс",
    "совещани",
    "библиот",
    "участник",
)
MIN_CYRILLIC_SHARE = 0.5
MIN_GENRE_STEMS = 2


_WRAP = re.compile(r"-[ \t]*\r?\n[ \t]*|\s+")


def genre_evidence(text: str) -> list[str]:
    # Read through line wraps ("резо-\nлюция", "круглый\nстол"): the decoded source
    # text is enough, so the check needs neither cleaning nor NLP.
    folded = _WRAP.sub(lambda m: " " if m.group(0)[0] != "-" else "", text.lower())
    folded = folded.replace("ё", "е")
    return [stem for stem in GENRE_STEMS if stem in folded]


_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def cyrillic_share(text: str, sample: int = 20_000) -> float:
    text = text[:sample]  # the language shows in the first pages
    letters = len(_LETTER.findall(text))
    return len(_CYRILLIC.findall(text)) / letters if letters else 0.0


def not_a_resolution(text: str) -> str | None:
    """Why the text does not read as a resolution, or None when it does."""
    share = cyrillic_share(text)
    if share < MIN_CYRILLIC_SHARE:
        return f"not Russian text ({share:.0%} Cyrillic letters)"
    found = genre_evidence(text)
    if len(found) < MIN_GENRE_STEMS:
        return "no wording of a resolution (резолюция, решение, рекомендации, участники …)"
    return None
