"""THE event the document is about: type, name, dates, place, format, organizers, counts.

Conventions (documented because reviewers and eval rely on them):

- event.type: from the chosen mention's word (`data/event_types.txt`): конференция,
  неконференция -> conference; семинар, вебинар, практикум -> seminar; круглый стол ->
  round_table; заседание, встреча, собрание, совещание -> meeting; конгресс, съезд ->
  congress; форум -> forum; фестиваль and the rest -> other. How the mention is chosen:
  `mentions`.
- event.name: the quoted title right after the type word ("семинар «X»", "семинар на
  тему «X»"), outer quotes removed; without one, a heading phrase naming the event
  ("Ежегодное заседание Клуба ...", cut before "Тема:"), or for a meeting the type
  word with its capitalized genitive owner ("Заседание Совета РБА"); else null.
- event.start/end: the dates in the sentence of the chosen mention, else a date line
  or "Город, дата" line in the heading; never just the first date of the text.
- event.place: `venue`; event.format and participants: `participants`; organizers:
  `organizers`.
"""

from __future__ import annotations

import re
from datetime import date

from .. import nlp
from ..lemmas import lemma
from ..record.models import Event
from ..rules.dates import DateMention, dates_in, find_dates, yearless_date
from ..rules.place_lines import find_place_lines
from ..rules.quotes import matching_quote, strip_outer_quotes
from ..rules.words import has_lemma, is_entry
from .context import Context
from .document import is_date_line
from .mentions import Mention, choose_event, find_mentions, says_held
from .morph import capitalize_first
from .organizers import heading_organizers, organizers, supporters
from .participants import event_format, narrative, participants
from .phrases import phrase_nominative
from .venue import event_place

# How reports name an event apart from "семинар «X»": "«X» – так назывался семинар",
# "носила название «X»", "тема конференции — «X»".
_NAMED = re.compile(
    r"(?P<q1>«[^\n]{2,200}?»)[\s,–—-]*(?:так\s+)?(?:назывался|называлась|называлось|"
    r"называлось|была\s+обозначена\s+тема)"
    # «Title» on a line of its own, a picture's name or two between, then "Так назывался"
    r"|(?P<q3>«[^\n]{2,200}»)[ \t]*\n(?:[^\n.]{0,40}\n){0,4}[ \t]*Так\s+называл(?:ся|ась|ось|ись)"
    r"|(?:носил[аои]?|получил[аои]?)\s+название\s+(?P<q2>«[^\n]{2,200}?»)"
)


def _event_name(ctx: Context, best: Mention, group: list[Mention]) -> str | None:
    titled = [m for m in group if m.title]
    if titled:
        return titled[0].title
    text = ctx.text
    named = _NAMED.search(text)
    if named:  # "«X» – так назывался семинар": said of the event wherever it stands
        q = next(named.start(g) for g in ("q1", "q2", "q3") if named.group(g))
        close = matching_quote(text, q)
        if close is not None:
            return strip_outer_quotes(text[q : close + 1])
    for m in group:
        proper = _proper_name(text, m)
        if proper:
            return proper
    for m in group:
        if m.in_heading and not _FORM_FIELD.match(ctx.layout.line_at(m.start).text):
            phrase = ctx.layout.line_at(m.start).text
            phrase = _cut_outside_quotes(phrase).strip(" .,")
            ds = find_dates(phrase)
            if ds:
                phrase = phrase[: ds[0].start].strip(" ,.")
            line_start = ctx.layout.line_at(m.start).start
            after = m.end - line_start  # the type word's end in the phrase
            opening = _modifiers_start(text, m.start) - line_start
            if 0 < opening < len(phrase) and any(
                has_lemma(w, "held_verbs") for w in re.findall(r"[А-Яа-яЁё]+", phrase[:opening])
            ):
                # "В Перми пройдет Всероссийский библиотечный конгресс": a headline's news
                # words before the event's own
                phrase, after = phrase[opening:], after - opening
            if len(phrase.split()) > 15 and "«" in phrase[after:]:
                # the event's own words, without its long quoted title
                phrase = phrase[: phrase.index("«", after)].strip(" ,.")
            first = re.search(r"[А-Яа-яЁё]+", phrase)
            if first and is_entry(first.group().capitalize(), "document_words"):
                # "РЕШЕНИЕ заседания методического совета": the event after the document's
                # word; "Решение Совета народных депутатов … от", "ПОСТАНОВЛЕНИЕ Земского
                # собрания": an act of a body, no event's name
                phrase = phrase[first.end() :].lstrip()
                word = text[m.start : m.end]
                if not phrase.lower().startswith(word.lower()) or _a_body(word):
                    continue
            if phrase and len(phrase.split()) <= 15:
                return capitalize_first(phrase_nominative(phrase))
    if best.type == "meeting":
        owner = re.match(
            r"\s+((?:[А-ЯЁ][\w-]*|[А-ЯЁ]{2,})(?:\s+(?:[а-яё-]+(?:ых|их|ого|его|ой|ей|ов|ев|ий|а|и|ы)"
            r"|[А-ЯЁ][\w-]*|[А-ЯЁ]{2,}))*)",
            text[best.end :],
        )
        if owner:
            start = _modifiers_start(text, best.start)
            return capitalize_first(
                phrase_nominative(text[start : best.end] + " " + owner.group(1))
            )
        # "заседание клуба любителей чтения «Собеседник»": a named club's meeting
        club = _NAMED_BODY.match(text, best.end)
        if club and is_entry(club.group("kind"), "org_kinds"):
            return capitalize_first(phrase_nominative(text[best.start : best.end]) + club.group(0))
    return None


_NAMED_BODY = re.compile(r"\s+(?P<kind>[а-яё]+)(?:\s+[а-яё-]+){0,3}\s+«[^«»\n]{1,60}»")


# A form's field with its label ("Тип" / "Совещание", joined into one line by cleaning):
# the kind of the event, not its name.
_FORM_FIELD = re.compile(r"\s*(?:Тип|Вид|Формат|Форма\s+проведения|Категория)\s+[А-ЯЁ]\S*\s*$")


# A numbered event: "IV съезд", "5-й форум" (a Roman numeral or a number with an ordinal's
# ending, not a count: "2 семинара").
_ORDINAL_BEFORE = re.compile(r"(?<![\w-])([IVXLC]+|\d{1,3}-[а-я]{1,3})\s+$")
# The ordinal stays in the name in the nominative only ("на 5-м форуме" -> "форум …").
_NOMINATIVE_ORDINAL = re.compile(r"[IVXLC]+|\d+-(?:[йяе]|ый|ий|ая|ое)")


def _proper_name(text: str, m: Mention) -> str | None:
    """ "прошел Съезд школьных библиотекарей Приволжского Федерального округа": a type word
    written with a capital inside a sentence begins the event's own name; so does one
    after an ordinal ("состоялся IV съезд библиотекарей Псковской области")."""
    word = text[m.start : m.end]
    # "III Республиканские лебедевские чтения": the ordinal before the type's adjectives
    first = _modifiers_start(text, m.start)
    ordinal = _ORDINAL_BEFORE.search(text, max(0, first - 12), first)
    if m.in_heading or not (
        ordinal or (word[:1].isupper() and re.search(r"[а-яё,]\s+$", text[: m.start]))
    ):
        return None
    if ordinal:
        word = text[first : m.end]
    tail = re.match(r"(?:\s+[А-ЯЁа-яё][а-яё-]+){1,8}", text[m.end :])
    words: list[str] = []
    for found in re.finditer(r"\S+", tail.group()) if tail else []:
        w = found.group()
        if nlp.morph().parse(w.lower())[0].tag.POS not in ("NOUN", "ADJF", "PRTF", "NUMR"):
            if w == "по" and words:  # "… директоров библиотек по научной и методической работе"
                clause = re.match(r"[^\n.,;:!?«(]*", text[m.end + found.start() :]).group()
                words += _po_complement(clause.split())
            break  # a verb, a preposition: the name has ended
        words.append(w)
    if not words and not (ordinal and first < m.start):
        return None
    name = phrase_nominative(" ".join([word, *words]))  # "на IV съезде …" -> "съезд …"
    if ordinal and _NOMINATIVE_ORDINAL.fullmatch(ordinal.group(1)):
        return f"{ordinal.group(1)} {name}"
    return capitalize_first(name)


_HEADING_CUT = re.compile(r"\s+(?:Тема|Темы)\s*:|[.:]\s|\s[–—]\s")


def _cut_outside_quotes(phrase: str) -> str:
    """A heading up to its first theme label, sentence end or spaced dash that is not
    inside a quoted title («Общедоступные библиотеки – адаптация во времени»).

    >>> _cut_outside_quotes("Совещание «Библиотеки – адаптация» – итоги")
    'Совещание «Библиотеки – адаптация»'
    """
    depth = 0
    for i, ch in enumerate(phrase):
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth = max(0, depth - 1)
        elif depth == 0 and (cut := _HEADING_CUT.match(phrase, i)):
            return phrase[: cut.start()]
    return phrase


def _a_body(word: str) -> bool:
    """A type word that names a deciding body ("Совета", "собрания"), not a sitting of it.

    >>> _a_body("Совета"), _a_body("собрания"), _a_body("заседания")
    (True, True, False)
    """
    return is_entry(word, "collegial_bodies") or lemma(word) == "собрание"


def _po_complement(words: list[str]) -> list[str]:
    """ "по" with its dative phrase when it names a field of work (adjectives before the
    noun: "по научной и методической работе"; or "по вопросам/проблемам/итогам"), else
    nothing ("по приглашению", "по городу" are no part of a name).

    >>> _po_complement("по научной и методической работе проходит".split())
    ['по', 'научной', 'и', 'методической', 'работе']
    >>> _po_complement("по вопросам".split()), _po_complement("по приглашению".split())
    (['по', 'вопросам'], [])
    """
    adjectives = 0
    for k, w in enumerate(words[1:7], start=1):
        if w == "и" and adjectives:
            continue
        ps = nlp.morph().parse(w.lower())
        if any(p.tag.POS == "ADJF" and p.tag.case in ("datv", "loct") for p in ps[:3]):
            adjectives += 1
            continue
        noun = any(p.tag.POS == "NOUN" and p.tag.case == "datv" for p in ps[:3])
        if noun and (adjectives or ps[0].normal_form in _PO_NOUNS):
            return words[: k + 1]
        break
    return []


_PO_NOUNS = frozenset({"вопрос", "проблема", "итог", "направление"})


def _modifiers_start(text: str, pos: int) -> int:
    """Include the adjectives written before the type word ("ежегодного заседания")."""
    m = re.search(
        r"((?:[А-Яа-яЁё-]+(?:ого|его|ой|ей|ое|ее|ый|ий|ая|яя|ом|ем|ие|ые|их|ых)\s+){1,3})$",
        text[:pos],
    )
    return pos - len(m.group(1)) if m else pos


def _event_dates(ctx: Context, group: list[Mention]) -> DateMention | None:
    for m in sorted(group, key=lambda m: -m.score):
        if m.dates:
            # "31.05.2011 17 мая 2011 года в Москве состоялось …": a page's date stamp right
            # before the date the lead sentence tells is not the event's
            told = [d for d in m.dates if not _stamp_before(ctx.text, d, m.dates)] or m.dates
            # The date nearest the type word, preferring one written after it.
            found = min(told, key=lambda d: (d.start < m.start, abs(d.start - m.start)))
            return _lead_date_under(ctx, found) or found
    for line in ctx.layout.heading:
        if is_date_line(line.text) or find_place_lines(line.text):
            ds = dates_in(ctx.text, line.start, line.end)
            if ds:
                return _lead_date_under(ctx, ds[0]) or ds[0]
    return _lead_date(ctx) if group and group[0].in_heading else None


def _lead_date(ctx: Context) -> DateMention | None:
    """A headline's event, dated in the lead: the first sentence after the heading that
    tells an event held, if it gives a date ("Встреча «Дружба без границ»" over "6 октября
    2016 г. … состоялся круглый стол …")."""
    text = ctx.text
    pos = max((line.end for line in ctx.layout.heading), default=0)
    while pos < len(text):
        start, end = ctx.sentence_bounds(pos)
        if says_held(text[start:end]):
            ds = dates_in(text, start, end)
            return ds[0] if ds else None
        pos = max(end, pos) + 1
    return None


def _lead_date_under(ctx: Context, stamp: DateMention) -> DateMention | None:
    """ "28 марта 2025 27 марта в … библиотеке состоялся семинар" (a page's posting date,
    then the lead's day and month without a year): the lead's date, in the stamp's year
    (the year before for a past event whose day would come after the stamp's). A stamp on
    a line of its own ("28.11.2022 | 371 просмотр") has the lead on the next line, its day
    perhaps after a weekday ("В пятницу, 25 ноября, …")."""
    text = ctx.text
    line_start = text.rfind("\n", 0, stamp.start) + 1
    line_end = text.find("\n", stamp.end)
    line_end = len(text) if line_end < 0 else line_end
    after = line_end if is_date_line(text[line_start:line_end]) else stamp.end
    lead = after + re.match(r"\s*", text[after:]).end()
    d = yearless_date(text[lead : lead + 40], stamp.first.year)
    if (
        stamp.is_range
        or d is None
        or d.start != 0
        and not _weekday_before(text[lead : lead + d.start])
    ):
        return None
    sent = ctx.sentence_bounds(lead)
    if not says_held(text[sent[0] : sent[1]]):
        return None
    day = d.first
    if day > stamp.first and _told_as_past(text[sent[0] : sent[1]]):
        day = _make_year(day, day.year - 1)
    return DateMention(lead + d.start, lead + d.end, day, day)


def _weekday_before(prefix: str) -> bool:
    """ "В пятницу, " before a lead's date (`data/weekdays.txt`).

    >>> _weekday_before("В пятницу, "), _weekday_before("Вчера, ")
    (True, False)
    """
    m = re.fullmatch(r"(?:[Вв]о?\s+)?([А-Яа-яЁё]+),?\s+", prefix)
    return bool(m) and has_lemma(m.group(1), "weekdays")


def _make_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February of a year that has none: kept in its own year
        return day


def _told_as_past(sentence: str) -> bool:
    """A verb of `data/held_verbs.txt` in the past tense ("состоялся", "прошли").

    >>> _told_as_past("27 марта состоялся семинар"), _told_as_past("15 апреля состоится семинар")
    (True, False)
    """
    return any(
        has_lemma(w, "held_verbs") and any("past" in p.tag for p in nlp.morph().parse(w.lower()))
        for w in re.findall(r"[А-Яа-яЁё]+", sentence)
    )


def _stamp_before(text: str, d: DateMention, dates: list[DateMention]) -> bool:
    """Whether another date follows `d` with nothing but spaces between them."""
    return any(o.start >= d.end and not text[d.end : o.start].strip() for o in dates)


def extract_event(ctx: Context) -> Event:
    """THE event the document is about, with the fields the text states; nulls + warnings."""
    best, group = choose_event(find_mentions(ctx))
    told = narrative(ctx)
    counts = participants(told)
    if best is None:
        ctx.warn("event.type: no event mentioned")
        kind, name, span, place = "other", None, None, None
    else:
        kind = best.type
        name = _event_name(ctx, best, group)
        span = _event_dates(ctx, group)
        place = event_place(ctx, group)
    if span is None and best is None:
        pl = find_place_lines(ctx.text)
        span = pl[0].date if pl else None
    fmt = event_format(told, counts, ctx.text[best.start : best.end] if best else "")
    found = organizers(ctx, told, best)
    if not found and (found := supporters(ctx, told)):
        ctx.warn("event.organizers: the bodies that supported the event")
    if not found:
        found = heading_organizers(ctx)
        if found:
            ctx.warn("event.organizers: taken from the document heading")
        else:
            ctx.warn("event.organizers: not stated")
    for value, label in (
        (name, "name"),
        (span, "start"),
        (place, "place"),
        (fmt, "format"),
        (counts.total, "participants"),
    ):
        if value is None:
            ctx.warn(f"event.{label}: not stated")
    return Event(
        type=kind,
        name=name,
        start=span.first if span else None,
        end=span.last if span else None,
        place=place,
        format=fmt,
        organizers=found,
        participants=counts,
    )
