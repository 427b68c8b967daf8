"""The event's format (offline, online, hybrid) and participant counts, from explicit wording.

Both are read from the narrative: the heading and prose paragraphs with quoted titles
blanked (`narrative`), never from list items or titles.

- format: "очно-заочно", "в смешанном формате" -> hybrid; "в режиме онлайн",
  "дистанционно", "на платформе …" -> online; "очно", "в очном формате" -> offline;
  both online and offline counts stated -> hybrid.
- participants: "Общее количество участников – 535 … (34 - офлайн, 502 - онлайн)",
  "приняли участие 120 библиотекарей", "более 200 участников" -> 200.
"""

from __future__ import annotations

import re

from ..layout import Layout
from ..record.models import Participants
from ..rules.words import forms_pattern
from .context import Context


def narrative(ctx: Context) -> str:
    """Heading and prose paragraphs, quotes blanked: where format and counts are stated."""
    return Layout(ctx.plain).prose()


_FORMATS: tuple[tuple[str, str], ...] = (
    (
        r"очно[- ]заочн\w*|смешанн\w+\s+формат\w*|гибридн\w+\s+формат\w*|в\s+смешанном\s+режиме|"
        r"(?:офлайн|оф-лайн|очн\w+)\s+и\s+(?:онлайн|он-лайн|дистанционн\w+|заочн\w+)\s+формат|"
        r"формат\w*\s+(?:онлайн|он-лайн)\s+и\s+(?:офлайн|оф-лайн)|очно-дистанционн\w*|"
        # "в дистанционном формате присоединились представители …": some joined from afar
        r"(?:дистанционн\w+|онлайн|он-лайн)[^.\n]{0,30}(?:присоединил|подключил)\w*|"
        r"(?:присоединил|подключил)\w*[^.\n]{0,30}(?:дистанционн|онлайн|он-лайн)",
        "hybrid",
    ),
    (
        r"в\s+режиме\s+(?:он-?лайн|online|видеоконференц\w+|видео-?связи)|"
        r"(?:он-?лайн|online|дистанционн\w+|виртуальн\w+)[- ]?формат\w*|"
        r"формат\w*\s+(?:он-?лайн|online|видеоконференц\w+)|(?<![а-яё])дистанционно(?![а-яё])|"
        r"онлайн-режим\w*|в\s+онлайн\s+режиме|на\s+платформе\s+(?:zoom|тимс|teams|сферум|vk)|"
        r"(?<![а-яё-])(?:онлайн|он-лайн)(?![а-яё-])",
        "online",
    ),
    (
        r"(?<![а-яё-])очно(?![а-яё-])|в\s+очном\s+(?:формате|режиме)|офлайн[- ]формат\w*|"
        r"в\s+формате\s+(?:офлайн|оф-лайн)|очн\w+\s+формат\w*|лично\s+присутств\w*",
        "offline",
    ),
)


def event_format(narrative: str, participants: Participants, word: str = "") -> str | None:
    """The format the narrative states; `word` is the chosen event word ("Онлайн-совещание",
    "вебинар": online by name)."""
    found = set()
    if re.match(r"(?:онлайн|он-лайн|веб|видео|интернет)", word, re.I):
        found.add("online")
    narrative = _NAMED_ONLINE.sub("", narrative)
    for pattern, fmt in _FORMATS:
        if re.search(pattern, narrative, re.I):
            found.add(fmt)
    if "hybrid" in found or {"online", "offline"} <= found:
        return "hybrid"
    if participants.online and participants.offline:
        return "hybrid"
    if found:
        return found.pop()
    return None


# "Тверь Онлайн": a site's or a medium's name, no format.
_NAMED_ONLINE = re.compile(r"(?<![А-Яа-яЁё])[А-ЯЁ][а-яё]+\s+Он-?лайн(?![А-Яа-яЁё-])")


_ABOUT = r"(?:более|свыше|около|порядка|почти|не\s+менее|до)?\s*"
_PEOPLE = r"(?:чел\.|" + forms_pattern("people_words") + r")(?![а-яё])"
_TOTAL_PATTERNS = (
    re.compile(
        r"(?:общее\s+)?(?:количество|число)\s+(?:участников|слушателей|присутствующих)"
        r"[^.\d\n]{0,40}?" + _ABOUT + r"(?P<n>\d[\d\s]{0,6}\d|\d)(?!\d)",
        re.I,
    ),
    re.compile(
        r"(?:приняли|принимали|приняло|принимало|принял)\s+участие\s+"
        + _ABOUT
        + r"(?P<n>\d+)\s+"
        + _PEOPLE,
        re.I,
    ),
    # "На совещании присутствовало 42 директора"
    re.compile(r"присутствовал\w*\s+" + _ABOUT + r"(?P<n>\d+)\s+" + _PEOPLE, re.I),
    # "собрала 120 человек", "собрались 294 представителя", "съехались 80 библиотекарей"
    re.compile(
        r"(?:собрал(?:[аои]|ись|ось|ся|ась)?|съехал(?:ись|ось)|объединил[аои]?)\s+"
        + _ABOUT
        + r"(?P<n>\d+)\s+"
        + _PEOPLE,
        re.I,
    ),
    # "более 300 участников": a word before the number ("более", "около") does not change
    # it, so these start at the digits, where the regex engine skips to them (measured:
    # 0.10 ms a benchmark document instead of 0.77 ms with an optional word in front).
    re.compile(r"(?<![\d.,-])(?P<n>\d+)\s+участник\w*", re.I),
    # An online event counts its connections: "зафиксировано более 300 подключений".
    re.compile(r"(?<![\d.,-])(?P<n>\d+)\s+подключени\w*", re.I),
    # "Участники семинара – 45 человек", "Участниками совещания стали 168 специалистов"
    re.compile(
        r"участник\w*[^.\n]{0,60}?(?:[-–—:]|\sстал[аио]?)\s*" + _ABOUT + r"(?P<n>\d+)\s+" + _PEOPLE,
        re.I,
    ),
)
# "В работе конференции приняли участие краеведы, … Всего 107 человек.", "… – всего около
# 290 человек": the count after the words that say who took part.
_TALLY = re.compile(r"(?:^|(?<=[.!?])\s+|[–—]\s+)[Вв]сего\s+" + _ABOUT + r"(?P<n>\d+)\s+" + _PEOPLE)
_ONLINE = (
    r"(?:онлайн|он-лайн|online|дистанционно|в\s+онлайн-?формате|в\s+режиме\s+он-?лайн|"
    r"в\s+онлайн-?режиме)"
)
_OFFLINE = r"(?:офлайн|оф-лайн|offline|очно|в\s+очном\s+формате)"


def _count(pattern_word: str, text: str) -> int | None:
    m = re.search(
        r"(?<![\d.,])(?P<n>\d+)\s*(?:"
        + _PEOPLE
        + r"\s*)?[-–—:]?\s*"
        + pattern_word
        + r"(?![а-яё])",
        text,
        re.I,
    ) or re.search(r"(?<![а-яё])" + pattern_word + r"\w*\s*[-–—:]\s*(?P<n>\d+)(?!\d)", text, re.I)
    return int(m.group("n")) if m else None


def participants(narrative: str) -> Participants:
    total = None
    for pattern in _TOTAL_PATTERNS:
        m = pattern.search(narrative)
        if m:
            total = int(re.sub(r"\s", "", m.group("n")))
            break
    if total is None:
        for m in _TALLY.finditer(narrative):
            before = narrative[max(0, m.start() - 400) : m.start()]
            if re.search(r"участ", before.rsplit("\n", 1)[-1], re.I):
                total = int(m.group("n"))
                break
    online = offline = None
    for sentence in re.split(r"(?<=[.!?])\s+|\n", narrative):
        if re.search(r"участ|присутств|слушател|человек|специалист", sentence, re.I):
            online = online if online is not None else _count(_ONLINE, sentence)
            offline = offline if offline is not None else _count(_OFFLINE, sentence)
    if total is None and online is not None and offline is not None:
        total = online + offline
    return Participants(total=total, online=online, offline=offline)
