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


# "Постановление администрации … от 23 апреля 2007 г. N 100-а", "Решение от 24.12.2010 г
# № 31": a legal act's heading line dates it; so does its number line under the act's word
# ("от 16 февраля 2001 г. N 321", "№ 3/0014 - ГС от 28 апреля 2011 года").
_ACT_HEADING = re.compile(
    r"(?:^\W*(?i:постановление|решение|распоряжение|приказ)\b[^\n.]{0,80}?\bот\s+"
    r"|^\s*от\s+(?=\d[^\n]{0,40}?(?:N|№)\s*\d)"
    r"|^\s*(?:N|№)\s*[\w/.-]+(?:\s*[-–]\s*[А-ЯЁ]+)?\s+от\s+"
    # "… БИБЛИОТЕКА» ПРИКАЗ 14 марта 2025 г. № 41-ОД": a heading in capitals, run into a line
    r"|(?<![А-Яа-яЁё])(?:ПОСТАНОВЛЕНИЕ|РЕШЕНИЕ|РАСПОРЯЖЕНИЕ|ПРИКАЗ)\s+(?:от\s+)?)(?=\d)",
    re.M,
)


def find_adoption_date(text: str) -> DateMention | None:
    """The date the document says it was adopted on; None when it does not say.

    A statement ("Принята 26 октября 2012 г.") wins, the last one (usually the closing
    line); else the date of a legal act's heading line ("Решение от 24.12.2010 г № 31").
    """
    found = None
    for rx in (_ADOPTED, _ACT_HEADING):
        for m in rx.finditer(text):
            following = dates_in(text, m.end(), min(len(text), m.end() + 60))
            if following and following[0].start == m.end():
                found = following[0]
                if rx is _ACT_HEADING:
                    return found
        if found:
            return found
    return found
