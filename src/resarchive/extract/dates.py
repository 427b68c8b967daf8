"""The date a document says it was adopted on.

The date grammar itself (every written shape of a date or range) is `rules.dates`, and
place-and-date heading lines are `rules.place_lines`; the offsets returned here are
clean-text offsets (map them to the source with `ctx.span`).
"""

from __future__ import annotations

import re

from ..rules.dates import DateMention, dates_in

__all__ = ["DateMention", "find_adoption_date"]


# "Принята 26 октября 2012 г.", "Резолюция принята участниками конференции 26.10.2012",
# "Дата принятия: …". The date must follow the verb closely, in the same sentence, so
# that "На заседании 18 мая было принято решение …" is not an adoption date.
_ADOPTED = re.compile(
    r"(?:\b(?:[Пп]ринят[аоы]?|[Уу]тверждена?|[Оо]добрена?)\b|[Дд]ата принятия)"
    r"[^.!?\n]{0,80}?(?=\d)",
)


def find_adoption_date(text: str) -> DateMention | None:
    """The date the document says it was adopted on; None when it does not say."""
    found = None
    for m in _ADOPTED.finditer(text):
        following = dates_in(text, m.end(), min(len(text), m.end() + 60))
        if following and following[0].start == m.end():
            found = following[0]  # the last statement wins: it is usually the closing line
    return found
