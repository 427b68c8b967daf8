"""Settlement prefixes: the abbreviations and words that put a settlement's name after them.

"г. Тверь", "ст. Каневская", "с. Головчино", "пос. Горьковский", "станица Вешенская".
"""

from __future__ import annotations

# Each a regex; "г." must not be read as the year's "г." by callers (they check the left).
SETTLEMENT_PREFIXES = (
    r"г\.", r"гор\.", r"город", r"с\.", r"село", r"пос\.", r"п\.", r"пгт\.?", r"р\.\s?п\.",
    r"рп\.", r"д\.", r"дер\.", r"деревня", r"ст\.", r"ст-ца", r"станица", r"х\.", r"хутор", r"аул",
)  # fmt: skip
# One alternation of them, as a non-capturing group.
SETTLEMENT_PREFIX = "(?:" + "|".join(SETTLEMENT_PREFIXES) + ")"
