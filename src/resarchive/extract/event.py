"""The document (kind, title, adoption date) and THE event it is about.

Conventions (documented because reviewers and eval rely on them):

- event.type: конференция/неконференция/чтения-free -> conference (an unconference is a
  conference in an open format); семинар/вебинар/практикум -> seminar; круглый стол ->
  round_table; заседание/встреча/собрание/совещание (of a club, council, section) ->
  meeting; конгресс/съезд -> congress; форум -> forum; фестиваль and the rest -> other.
- The event is chosen among all event mentions by weight: a mention in the heading,
  with a quoted title, with a date or a "состоялся/прошёл/организовала" verb in its
  sentence, and next to the operative part ("участники семинара определили:") weighs
  more; a mention that only frames another one ("X, состоявшийся в рамках конгресса")
  weighs less. Mentions of the same type and title add up.
- event.name: the quoted title right after the type word ("семинар «X»", "семинар на
  тему «X»"), outer quotes removed; without one, a heading phrase naming the event
  ("Ежегодное заседание Клуба ...", cut before "Тема:"), or for a meeting the type
  word with its capitalized genitive owner ("Заседание Совета РБА"); else null.
- event.start/end: the dates in the sentence of the chosen mention, else a date line
  or "Город, дата" line in the heading; never just the first date of the text.
- event.place: a city said with the event ("… в Рязани" -> "Рязань", "г. Тверь"), or
  a heading place line; null + warning otherwise (a host library's city is not
  assumed).
- event.format: from explicit format wording only, outside quotes and list items.
- event.organizers: from "X организовала", "организован(а) X совместно с Y",
  "Организаторы: …"; supporters ("при поддержке") are not organizers. Names are
  nominative, legal form dropped. When the text names none, the organization in
  the document heading is taken, with a warning saying so.
- event.participants: from explicit counts ("Общее количество участников – 535 …
  (34 - офлайн, 502 - онлайн)", "приняли участие 120 библиотекарей", "более 200
  участников" -> 200).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import nlp
from ..record.models import DocumentInfo, Event, Participants
from ..rules import gazetteer
from ..rules.quotes import matching_quote, strip_outer_quotes, without_quotes
from ..rules.settlements import SETTLEMENT_PREFIX
from .context import Context
from .dates import DateMention, dates_in, find_adoption_date, find_dates, find_place_lines
from .names import phrase_nominative
from .places import settlement_nominative

# "в г. Твери", "в ст. Каневской", "в станице Новоминской", "в с. Головчино".
_IN_SETTLEMENT = (
    r"(?:г\.|городе|гор\.|с\.|селе|пос\.|посёлке|поселке|п\.|пгт\.?|рп\.|д\.|деревне|ст\.|"
    r"станице|х\.|хуторе|ауле)"
)

# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def lines_of(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


_LIST_ITEM = re.compile(r"^(?:[•●▪◦·‣∙*]|[-–—]\s|\d{1,3}(?:\.\d{1,3})*[.)]\s)")


def is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line))


def heading_lines(lines: list[Line]) -> list[Line]:
    """The short lines at the top of the document, before the first body paragraph."""
    out: list[Line] = []
    for line in lines[:10]:
        text = line.text.strip()
        if not text:
            continue
        is_date_line = bool(find_dates(text)) and len(text) < 60
        sentence_like = text.endswith((".", "!", "?", ";")) and not is_date_line
        if len(text) > 200 or sentence_like or is_list_item(text) or text.endswith(":"):
            break
        out.append(line)
    return out


def sentence_bounds(ctx: Context, pos: int) -> tuple[int, int]:
    """The natasha sentence around a clean-text offset, never across a line break."""
    start, end = pos, pos
    for sent in ctx.doc.sents:
        if sent.start <= pos < sent.stop:
            start, end = sent.start, sent.stop
            break
    line_start = ctx.text.rfind("\n", 0, pos) + 1
    line_end = ctx.text.find("\n", pos)
    line_end = len(ctx.text) if line_end < 0 else line_end
    return max(start, line_start), min(end, line_end)


# --------------------------------------------------------------------------- document

_KIND_WORDS = (
    (re.compile(r"^\W*(?:проект\s+)?резолюци[яи]\b", re.I), "resolution"),
    (re.compile(r"^\W*(?:решение|постановление|протокол)\b", re.I), "decision"),
    (re.compile(r"^\W*(?:рекомендаци[ия]|методические рекомендации)\b", re.I), "recommendations"),
    (
        re.compile(r"^\W*(?:информационное письмо|анонс|пресс-релиз|объявление|новост)", re.I),
        "announcement",
    ),
)
_NEWS = re.compile(
    r"\b(?:состоится|пройд[её]т|приглашаем|приглашает|объявляет|стартует|открыт прием)\b", re.I
)


def _heading_kind(heading: list[Line]) -> tuple[str, int] | None:
    for i, line in enumerate(heading):
        for pattern, kind in _KIND_WORDS:
            if pattern.search(line.text):
                return kind, i
    return None


@lru_cache(maxsize=50_000)
def _is_finite_or_short(word: str) -> bool:
    """A finite verb or short participle: a headline that is a sentence ("… создана в …")."""
    for p in nlp.morph().parse(word.lower()):
        if p.score < 0.2:
            continue
        if p.tag.POS in ("VERB", "PRTS"):
            return True
    return False


def _headline_is_sentence(text: str) -> bool:
    plain = without_quotes(text)
    return any(_is_finite_or_short(w) for w in re.findall(r"[а-яё]{4,}", plain))


def _title_from(heading: list[Line], first: int) -> str:
    """The heading lines from `first` on that read as one title (no org/date lines)."""
    parts: list[str] = []
    for line in heading[first:]:
        text = line.text.strip()
        if parts and (_is_date_line(text) or _looks_like_org(text)):
            break
        parts.append(text)
    title = " ".join(parts)
    title = re.sub(r"^#+\s*", "", title)
    # A heading typed in capitals ("РЕЗОЛЮЦИЯ") reads as a normal word in the title.
    title = re.sub(r"^([А-ЯЁ])([А-ЯЁ]{3,})\b", lambda m: m.group(1) + m.group(2).lower(), title)
    # "Заседание клуба Тема: «…»": a label glued to the previous heading line.
    title = re.sub(r"(?<=[^\W\d])\s+(Тема|Темы)\s*:", r". \1:", title)
    return title.strip()


def _is_date_line(text: str) -> bool:
    ds = find_dates(text)
    return bool(ds) and len(text) - (ds[0].end - ds[0].start) < 25


_ORG_LINE = re.compile(
    r"^(?:[А-ЯЁ]{2,6}\s*«|(?:Муниципальное|Государственное|Краевое|Областное|Федеральное|"
    r"Республиканское|Министерство|Управление|Департамент|Комитет|Отдел|Сектор)\b)"
)


def _looks_like_org(text: str) -> bool:
    return bool(_ORG_LINE.match(text))


def extract_document(ctx: Context) -> DocumentInfo:
    """What the document is (kind), its heading as written, and its adoption date."""
    lines = lines_of(ctx.text)
    heading = heading_lines(lines)
    found = _heading_kind(heading)
    body = ctx.text
    if found:
        kind, first = found
    else:
        first = next((i for i, line in enumerate(heading) if not _looks_like_org(line.text)), 0)
        headline = heading[first].text if heading else ""
        if headline and (_headline_is_sentence(headline) or _NEWS.search(headline)):
            kind = "announcement"
        elif re.search(r"\bрезолюци[юяи]\b[^.]{0,40}\bприн", body, re.I):
            kind = "resolution"
        elif re.search(r"\b(?:постановили|решили|приняты следующие решения|решено)\b", body, re.I):
            kind = "decision"
        elif re.search(r"\bрекоменду(?:ют|ет)\s*:", body, re.I):
            kind = "recommendations"
        elif _NEWS.search(body[:500]):
            kind = "announcement"
        else:
            kind = "other"
    if heading:
        title = _title_from(heading, first)
    else:
        first_line = next((line.text for line in lines if line.text.strip()), "")
        title = sentence_of_text(first_line)
    adopted = find_adoption_date(ctx.text)
    if adopted is None:
        ctx.warn("document.adopted_on: not stated")
    return DocumentInfo(kind=kind, title=title, adopted_on=adopted.first if adopted else None)


def sentence_of_text(text: str) -> str:
    m = re.match(r".+?[.!?](?=\s|$)", text)
    return (m.group(0) if m else text)[:200].strip()


# --------------------------------------------------------------------------- event mentions

_TYPES: tuple[tuple[str, str], ...] = (
    (r"кругл(?:ый|ого|ому|ым|ом)\s+стол(?:а|у|ом|е)?", "round_table"),
    (r"неконференци(?:я|и|ю|ей)", "conference"),
    (r"(?:видео|интернет-|онлайн-)?конференци(?:я|и|ю|ей)", "conference"),
    (
        r"(?:веб|онлайн-)?семинар(?:а|у|ом|е)?(?:-практикум(?:а|у|ом|е)?)?|вебинар(?:а|у|ом|е)?|практикум(?:а|у|ом|е)?",
        "seminar",
    ),
    (r"заседани(?:е|я|ю|ем|и)", "meeting"),
    (r"встреч(?:а|и|у|ей|е)|собрани(?:е|я|ю|ем|и)|совещани(?:е|я|ю|ем|и)", "meeting"),
    (r"конгресс(?:а|у|ом|е)?|съезд(?:а|у|ом|е)?", "congress"),
    (r"форум(?:а|у|ом|е)?", "forum"),
    (r"фестивал(?:ь|я|ю|ем|е)", "other"),
    # "регионально-методический день", "информационный день": a day of training.
    (
        r"(?:[а-яё]+-)?(?:методическ|информационн)\w*\s+(?:день|дня|дню|дн[её]м|дне)",
        "other",
    ),
)
_TYPE_RE = re.compile(
    r"(?<![а-яёА-ЯЁ-])(?:" + "|".join(f"(?P<t{i}>{p})" for i, (p, _) in enumerate(_TYPES)) + r")"
    r"(?![а-яё])",
    re.IGNORECASE,
)
# What may stand between the type word and its quoted title.
_TITLE_GAP = re.compile(r"\s*(?:[:–—-]\s*|на\s+тему:?\s*|по\s+теме:?\s*|под\s+названием\s*)?")
_HELD = re.compile(
    r"\b(?:состоял|прош[её]л|прошл|проходил|провед|организова|открыл|стартова|собрал|"
    r"проводил|провод[яи]т|состоится|пройд[её]т)\w*",
    re.I,
)
_OPERATIVE_INTRO = re.compile(
    r"(?:рекоменд|постанов|решил|решени|определил|предлага|считает|считают|необходимо|"
    r"направлени\w* деятельности|обозначил|задач)[^:\n]*:\s*$",
    re.I,
)


@dataclass
class Mention:
    type: str
    start: int
    end: int
    title: str | None = None
    in_heading: bool = False
    score: float = 0.0
    sentence: tuple[int, int] = (0, 0)
    dates: list[DateMention] = field(default_factory=list)


_GAP_WORD = re.compile(r"\s+([а-яё]+(?:-[а-яё]+)?)(?=\s)")


@lru_cache(maxsize=50_000)
def _is_genitive_word(word: str) -> bool:
    """A lower-case genitive noun or adjective ("детских", "библиотек"), not a preposition."""
    parses = [p for p in nlp.morph().parse(word) if p.score >= 0.05]
    if any(p.tag.POS in ("PREP", "CONJ", "PRCL") for p in parses[:1]):
        return False
    return any(p.tag.POS in ("NOUN", "ADJF") and "gent" in p.tag for p in parses)


def _find_title(
    text: str, pos: int, limit: int, genitive_gap: bool = True
) -> tuple[str, int] | None:
    """A quoted title right after a type word ("семинара «X»", "семинар на тему «X»"),
    also after a genitive phrase that belongs to the type word ("форума детских
    библиотек «X»", "конференции молодых специалистов «X»"). Not for a meeting:
    "заседание клуба «X»" names the club, the meeting's owner."""
    for _ in range(4 if genitive_gap else 0):
        word = _GAP_WORD.match(text, pos)
        if not word or word.end() > limit or not _is_genitive_word(word.group(1)):
            break
        pos = word.end()
    gap = _TITLE_GAP.match(text, pos)
    i = gap.end() if gap else pos
    if i < limit and text[i] in '«“„"':
        j = matching_quote(text, i)
        if j is not None and j <= limit:
            return strip_outer_quotes(text[i : j + 1]), j + 1
    return None


def find_mentions(ctx: Context) -> list[Mention]:
    """Every event mention in the text, scored for being THE event of the document."""
    text = ctx.text
    plain = without_quotes(text)
    lines = lines_of(text)
    heading = heading_lines(lines)
    heading_end = heading[-1].end if heading else 0
    operative = [
        line for line in lines if not is_list_item(line.text) and _OPERATIVE_INTRO.search(line.text)
    ]
    mentions: list[Mention] = []
    for m in _TYPE_RE.finditer(plain):
        kind = next(_TYPES[int(k[1:])][1] for k, v in m.groupdict().items() if v)
        word = m.group(0).lower()
        if word.startswith("встреч") and re.search(
            r"деловых|клуб", plain[max(0, m.start() - 20) : m.start()], re.I
        ):
            continue  # "Клуб деловых встреч" is a club's name, not a meeting
        in_heading = m.start() < heading_end
        limit = heading_end if in_heading else text.find("\n", m.end())
        limit = len(text) if limit < 0 else limit
        found = _find_title(text, m.end(), limit, genitive_gap=kind != "meeting")
        sent = (m.start(), heading_end) if in_heading else sentence_bounds(ctx, m.start())
        mention = Mention(kind, m.start(), m.end(), found[0] if found else None, in_heading)
        mention.sentence = sent
        mention.dates = dates_in(text, *sent)
        mentions.append(mention)
    for mention in mentions:
        mention.score = _score(mention, mentions, text, operative)
    return mentions


def _score(m: Mention, all_mentions: list[Mention], text: str, operative: list[Line]) -> float:
    score = 0.0
    sentence = text[m.sentence[0] : m.sentence[1]]
    if m.in_heading:
        score += 4
    if m.title:
        score += 1
    if m.dates:
        score += 2
    if _HELD.search(sentence):
        score += 1
    before = text[max(m.sentence[0], m.start - 40) : m.start].lower()
    earlier = [o for o in all_mentions if m.sentence[0] <= o.start < m.start and o is not m]
    if re.search(
        r"(?:в рамках|в ходе|на полях|в программе|в программу)\s+(?:\w+\s+){0,3}$", before
    ):
        if earlier:
            score -= 4  # "X, состоявшийся … в рамках конгресса": the congress frames X
    elif earlier and not m.in_heading:
        score -= 1  # a second event named in the same sentence is usually secondary
    if re.search(
        r"(?:создани\w+|организаци\w+ работы|проведени\w+ следующ)\s+(?:\w+\s+){0,3}$", before
    ):
        score -= 1  # a proposed event, not one that took place
    for intro in operative:
        if intro.start <= m.start <= intro.end:
            score += 2  # "участники семинара определили:"
        else:
            para_start = text.rfind("\n", 0, intro.start) + 1
            prev_para = text.rfind("\n", 0, max(0, para_start - 1)) + 1
            if prev_para <= m.start < intro.start and (
                para_start == intro.start or m.start >= para_start
            ):
                score += 1
    return score


def choose_event(mentions: list[Mention]) -> tuple[Mention | None, list[Mention]]:
    """The best group of mentions (same type and title); its best mention first."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        key = (m.type, _fold(m.title) if m.title else "")
        groups.setdefault(key, []).append(m)
    # Untitled mentions of a type that also appears titled belong to the titled group
    # ("семинар «X»" … "участники семинара определили").
    for (kind, title), group in list(groups.items()):
        if not title:
            titled = [k for k in groups if k[0] == kind and k[1]]
            if len(titled) == 1:
                groups[titled[0]].extend(group)
                del groups[(kind, title)]
    if not groups:
        return None, []

    def weight(group: list[Mention]) -> tuple[float, int]:
        best = max(m.score for m in group)
        return best + 0.5 * (len(group) - 1), -min(m.start for m in group)

    best_group = max(groups.values(), key=weight)
    best_group.sort(key=lambda m: (-m.score, m.start))
    return best_group[0], best_group


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower().replace("ё", "е")).strip()


# --------------------------------------------------------------------------- event fields


def _event_name(ctx: Context, best: Mention, group: list[Mention]) -> str | None:
    titled = [m for m in group if m.title]
    if titled:
        return titled[0].title
    text = ctx.text
    for m in group:
        if m.in_heading:
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.start)
            line_end = len(text) if line_end < 0 else line_end
            phrase = text[line_start:line_end]
            phrase = re.split(r"\s+(?:Тема|Темы)\s*:|[.:]\s|\s[–—]\s", phrase)[0].strip(" .,")
            ds = find_dates(phrase)
            if ds:
                phrase = phrase[: ds[0].start].strip(" ,.")
            if phrase and len(phrase.split()) <= 15:
                return _capitalize(phrase_nominative(phrase))
    if best.type == "meeting":
        owner = re.match(
            r"\s+((?:[А-ЯЁ][\w-]*|[А-ЯЁ]{2,})(?:\s+(?:[а-яё-]+(?:ых|их|ого|его|ой|ей|ов|ев|ий|а|и|ы)"
            r"|[А-ЯЁ][\w-]*|[А-ЯЁ]{2,}))*)",
            text[best.end :],
        )
        if owner:
            start = _modifiers_start(text, best.start)
            return _capitalize(phrase_nominative(text[start : best.end] + " " + owner.group(1)))
    return None


def _modifiers_start(text: str, pos: int) -> int:
    """Include the adjectives written before the type word ("ежегодного заседания")."""
    m = re.search(
        r"((?:[А-Яа-яЁё-]+(?:ого|его|ой|ей|ое|ее|ый|ий|ая|яя|ом|ем)\s+){1,3})$", text[:pos]
    )
    return pos - len(m.group(1)) if m else pos


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _event_dates(ctx: Context, best: Mention, group: list[Mention]) -> DateMention | None:
    for m in sorted(group, key=lambda m: -m.score):
        if m.dates:
            # The date nearest the type word, preferring one written after it.
            return min(
                m.dates, key=lambda d: (0 if d.start >= m.start else 1, abs(d.start - m.start))
            )
    heading = heading_lines(lines_of(ctx.text))
    for line in heading:
        if _is_date_line(line.text) or find_place_lines(line.text):
            ds = dates_in(ctx.text, line.start, line.end)
            if ds:
                return ds[0]
    return None


_NOT_CITIES = {
    "россия",
    "рф",
    "российская",
    "беларусь",
    "белоруссия",
    "казахстан",
    "украина",
    "армения",
    "киргизия",
    "узбекистан",
    "таджикистан",
    "абхазия",
    "кузбасс",
    "крым",
    "подмосковье",
    "якутия",
    "башкирия",
    "татарстан",
    "башкортостан",
    "карелия",
    "коми",
    "чувашия",
    "бурятия",
    "дагестан",
    "чечня",
    "удмуртия",
    "мордовия",
    "хакасия",
    "тыва",
    "адыгея",
    "калмыкия",
    "приморье",
    "забайкалье",
    "камчатка",
    "сахалин",
    "чукотка",
    "ямал",
    "югра",
    "кубань",
    "сибирь",
    "урал",
    "поволжье",
}


@lru_cache(maxsize=50_000)
def _is_geo(word: str) -> bool:
    for part in (word, word.split("-")[0], word.split("-")[-1]):
        for p in nlp.morph().parse(part.lower()):
            if "Geox" in p.tag and p.tag.POS == "NOUN" and p.score >= 0.1:
                return True
    return False


# Only "в (г.) Город" / "в городе Город": a bare "г. Чита" is as often the home town
# of a participant ("специалисты из … г. Чита") as the venue.
_CITY_AFTER = re.compile(
    r"(?<![А-Яа-яЁё])(?:в|во)[ ]+(?:(?P<prefix>" + _IN_SETTLEMENT + r")[ ]?)?"
    r"(?P<city>(?:[А-ЯЁ][а-яё]+\s+)?[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*)"
)


def _city_in(ctx: Context, start: int, end: int) -> tuple[str, int, int] | None:
    text = ctx.text
    for m in _CITY_AFTER.finditer(text, start, end):
        words = m.group("city").split()
        explicit = bool(m.group("prefix"))
        # "в Нижнем Новгороде": an adjective may precede the city noun.
        if len(words) == 2 and not _is_geo(words[1]):
            words = words[:1]
        head = words[-1]
        if head.lower() in _NOT_CITIES or phrase_nominative(head).lower() in _NOT_CITIES:
            continue
        if explicit or _is_geo(head) or _natasha_loc(ctx, m.start("city")):
            city = " ".join(words)
            return (
                _capitalize(settlement_nominative(city, m.group("prefix") or "")),
                m.start("city"),
                m.start("city") + len(city),
            )
    return None


def _natasha_loc(ctx: Context, pos: int) -> bool:
    return any(s.type == "LOC" and s.start == pos for s in ctx.doc.spans)


# "Место проведения: г. Казань": a form-like label line.
_PLACE_LABEL = re.compile(
    r"^\W*Место\s+проведения\s*[:–—-]\s*(?:" + SETTLEMENT_PREFIX + r"\s*)?"
    r"(?P<place>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*)",
    re.M,
)


def _event_place(ctx: Context, best: Mention, group: list[Mention]) -> str | None:
    heading = heading_lines(lines_of(ctx.text))
    for line in heading:
        for pl in find_place_lines(line.text):
            return pl.place
    label = _PLACE_LABEL.search(ctx.text)
    if label:
        return _capitalize(phrase_nominative(label.group("place")))
    for m in sorted(group, key=lambda m: -m.score):
        sentence = ctx.text[m.sentence[0] : m.sentence[1]]
        if not (m.in_heading or m.dates or _HELD.search(sentence)):
            continue  # only a sentence that tells the event itself says where it was
        # From the type word on: a city before it usually belongs to something else.
        found = _city_in(ctx, m.start, m.sentence[1])
        if found:
            return found[0]
    for m in sorted(group, key=lambda m: -m.score):
        # "14 апреля в Курске прошла конференция": the city before the type word, in a
        # sentence that tells the event with its date and a "held" verb.
        if m.dates and _HELD.search(ctx.text[m.sentence[0] : m.sentence[1]]):
            found = _city_in(ctx, m.sentence[0], m.start)
            if found:
                return found[0]
    for line in heading:
        m = re.fullmatch(r"\s*" + SETTLEMENT_PREFIX + r"\s*([А-ЯЁ][\w-]+)\s*", line.text)
        if m:
            return m.group(1)
    return None


_FORMATS: tuple[tuple[str, str], ...] = (
    (
        r"очно[- ]заочн\w*|смешанн\w+\s+формат\w*|гибридн\w+\s+формат\w*|в\s+смешанном\s+режиме|"
        r"(?:офлайн|оф-лайн|очн\w+)\s+и\s+(?:онлайн|он-лайн|дистанционн\w+|заочн\w+)\s+формат|"
        r"формат\w*\s+(?:онлайн|он-лайн)\s+и\s+(?:офлайн|оф-лайн)",
        "hybrid",
    ),
    (
        r"в\s+режиме\s+(?:он-?лайн|online|видеоконференц\w+|видео-?связи)|"
        r"(?:он-?лайн|online|дистанционн\w+|виртуальн\w+)[- ]?формат\w*|"
        r"формат\w*\s+(?:он-?лайн|online|видеоконференц\w+)|(?<![а-яё])дистанционно(?![а-яё])|"
        r"онлайн-режим\w*|в\s+онлайн\s+режиме|на\s+платформе\s+(?:zoom|тимс|teams|сферум|vk)",
        "online",
    ),
    (
        r"(?<![а-яё-])очно(?![а-яё-])|в\s+очном\s+(?:формате|режиме)|офлайн[- ]формат\w*|"
        r"в\s+формате\s+(?:офлайн|оф-лайн)|очн\w+\s+формат\w*",
        "offline",
    ),
)


def _narrative(ctx: Context) -> str:
    """Heading and prose paragraphs, quotes blanked: where format and counts are stated."""
    plain = without_quotes(ctx.text)
    out = []
    for line in lines_of(plain):
        out.append("" if is_list_item(line.text) else line.text)
    return "\n".join(out)


def _event_format(narrative: str, participants: Participants) -> str | None:
    found = set()
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


_ABOUT = r"(?:более|свыше|около|порядка|почти|не\s+менее|до)?\s*"
_PEOPLE = (
    r"(?:человек|чел\.|участник\w*|специалист\w*|библиотекар\w*|слушател\w*|представител\w*|"
    r"педагог\w*|методист\w*|гост\w*|работник\w*|сотрудник\w*|подключени\w*)"
)
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
    re.compile(r"(?:собрал[аои]?|объединил[аои]?)\s+" + _ABOUT + r"(?P<n>\d+)\s+" + _PEOPLE, re.I),
    re.compile(r"(?<![\d.,-])" + _ABOUT + r"(?P<n>\d+)\s+участник\w*", re.I),
    # An online event counts its connections: "зафиксировано более 300 подключений".
    re.compile(r"(?<![\d.,-])" + _ABOUT + r"(?P<n>\d+)\s+подключени\w*", re.I),
    re.compile(r"участник\w*[^.\n]{0,60}?[-–—:]\s*" + _ABOUT + r"(?P<n>\d+)\s+" + _PEOPLE, re.I),
)
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


def _participants(narrative: str) -> Participants:
    total = None
    for pattern in _TOTAL_PATTERNS:
        m = pattern.search(narrative)
        if m:
            total = int(re.sub(r"\s", "", m.group("n")))
            break
    online = offline = None
    for sentence in re.split(r"(?<=[.!?])\s+|\n", narrative):
        if re.search(r"участ|присутств|слушател|человек|специалист", sentence, re.I):
            online = online if online is not None else _count(_ONLINE, sentence)
            offline = offline if offline is not None else _count(_OFFLINE, sentence)
    if total is None and online is not None and offline is not None:
        total = online + offline
    return Participants(total=total, online=online, offline=offline)


# --------------------------------------------------------------------------- organizers


@lru_cache(maxsize=1)
def _legal_abbr() -> re.Pattern:
    """A leading legal-form abbreviation, maybe with a region code ("БУК ВО «…»")."""
    forms = f"{gazetteer.legal_form_alternation()}|{gazetteer.LEGAL_FORM_SHAPE.pattern}"
    return re.compile(rf"^(?:{forms})(?:\s[А-ЯЁ]{{2}}(?=\s?«))?\s+(?=[«\"“А-ЯЁ])")


_LEGAL_LONG = re.compile(
    r"^(?:(?:Муниципальное|Государственное|Краевое|Областное|Федеральное|Республиканское|"
    r"Окружное|Городское)\s+)+(?:[а-яё]+\s+){0,3}учреждение(?:\s+культуры)?(?:\s+[а-яё]+){0,2}?\s+"
    r"(?=[«\"“А-ЯЁ])",
    re.I,
)


def strip_legal_form(name: str) -> str:
    """ "КГБУ «X»" / "Муниципальное бюджетное учреждение культуры «X»" -> "X"."""
    name = name.strip(" ,.;")
    stripped = _legal_abbr().sub("", name)
    stripped = _LEGAL_LONG.sub("", stripped)
    if stripped != name and stripped[:1] in '«"“':
        j = matching_quote(stripped, 0)
        if j == len(stripped) - 1:
            stripped = strip_outer_quotes(stripped)
    return stripped.strip() or name


def _split_orgs(text: str) -> list[str]:
    """ "A, B и C" -> [A, B, C], not splitting inside quotes or before a lower-case word."""
    plain = without_quotes(text)
    cuts = [0]
    for m in re.finditer(r"\s*(?:,|;|\s+и\s+)\s*(?=[А-ЯЁ«\"“])", plain):
        cuts.append(m.start())
        cuts.append(m.end())
    cuts.append(len(text))
    parts = [text[cuts[i] : cuts[i + 1]] for i in range(0, len(cuts), 2)]
    return [p.strip(" ,;.") for p in parts if p.strip(" ,;.")]


_ORGANIZED_BY = re.compile(
    r"\bорганизован[аоы]?\s+(?P<a>[А-ЯЁ«\"][^.;\n]*?)"
    r"(?:\s+совместно\s+с\s+(?P<b>[А-ЯЁ«\"][^.;\n]*?))?(?=[,.;\n]|\s+(?:в|на|для|по|при)\s|$)"
)
_ORGANIZERS_LIST = re.compile(
    r"\b[Оо]рганизатор(?:ы|ами|ом)?(?:\s+[а-яё]+){0,2}\s*(?:[-–—:]|выступил\w*|стал\w*|являются|"
    r"являлись|является|был[аио]?)\s*(?P<orgs>[^.\n]+)"
)
_ORGANIZED = re.compile(
    r"\b(?:организовал[аои]?|провел[аои]?|провёл|провод[яи]т|организу[юе]т)\b(?:\s+проведение)?"
)
_JOINTLY = re.compile(r"\bсовместно\s+с\s+(?P<b>[А-ЯЁ«\"][^.;\n]*?)(?=[,.;\n]|\s+[а-яё]+[аи]?\s|$)")


# Dots that do not end a sentence inside a name: "им. А. С. Пушкина", "г. Пскова",
# "В.Д.Федорова". They are masked (same length) so that "[^.]" scans read through them.
_NAME_DOTS = re.compile(
    r"(?<![\w.])(?:им|имени|ул|пос|пгт|обл|(?<!\d )(?<!\d)г)\.(?=\s?[А-ЯЁ])"
    r"|(?<!\w)[А-ЯЁ]\.(?=\s?[А-ЯЁ][.а-яё])"
)


def mask_name_dots(text: str) -> str:
    """`text` with the dots of abbreviations and initials replaced by "․" (same length)."""
    return _NAME_DOTS.sub(lambda m: m.group(0)[:-1] + "․", text)


@lru_cache(maxsize=50_000)
def _is_animate_noun(word: str) -> bool:
    """ "Специалисты", "Участники": people, not an organization, as a subject."""
    parses = [p for p in nlp.morph().parse(word.lower()) if p.score >= 0.1]
    return bool(parses) and parses[0].tag.POS == "NOUN" and "anim" in parses[0].tag


def _organizers(ctx: Context, plain_narrative: str) -> list[str]:
    text = ctx.text
    plain_narrative = mask_name_dots(plain_narrative)
    found: list[str] = []

    def add(raw: str, inflect: bool) -> None:
        raw = raw.strip(" ,;.")
        # "X (далее – УОНБ)", "X (РГДБ)": the abbreviation is not part of the name.
        raw = re.sub(r"\s*\((?:далее\s*[-–—]?\s*)?[^()]{1,40}\)$", "", raw)
        if not raw or len(raw.split()) > 20:
            return
        name = phrase_nominative(raw) if inflect else raw
        name = strip_legal_form(_capitalize(name))
        if name and all(_fold(name) != _fold(f) for f in found):
            found.append(name)

    for m in _ORGANIZERS_LIST.finditer(plain_narrative):
        for org in _split_orgs(text[m.start("orgs") : m.end("orgs")]):
            add(org, inflect=True)
    for m in _ORGANIZED_BY.finditer(plain_narrative):
        for key in ("a", "b"):
            if m.group(key):
                for org in _split_orgs(text[m.start(key) : m.end(key)]):
                    add(org, inflect=True)
    for m in _ORGANIZED.finditer(plain_narrative):
        start, _ = sentence_bounds(ctx, m.start())
        pieces = re.split(r"[,;:]\s*", text[start : m.start()])
        clause = pieces.pop()
        while (
            pieces
            and clause[:1].islower()
            and not re.match(r"(?:в|во|на|по|с|со|при|для|после|а|но)\s", clause)
        ):
            # "Министерство культуры, национальной политики … Республики Мордовия и
            # ГБУК «…» проводят": a comma inside a ministry's name.
            clause = f"{pieces.pop()}, {clause}"
        for d in find_dates(clause)[::-1]:
            clause = clause[: d.start] + clause[d.end :]
        clause = re.sub(r"^\s*(?:В|Во|На|По)\s+[^А-ЯЁ]*", "", clause).strip()
        if re.search(r"(?<![А-Яа-яЁё])(?:[Ее]го|[Ее][её]|[Ии]х)$", clause):
            # "Его организовали X и Y": the organizers follow the verb.
            rest_end = sentence_bounds(ctx, m.start())[1]
            after = text[m.end() : rest_end]
            for org in _split_orgs(after.strip()):
                add(org, inflect=False)
            continue
        first_word = re.match(r"[А-ЯЁа-яё]+", clause)
        if first_word and _is_animate_noun(first_word.group(0)):
            continue  # "Специалисты РГДБ провели мастер-классы": people, not an organizer
        if clause[:1].isupper() and 1 <= len(clause.split()) <= 20:
            plural = re.search(r"(?:и|ят|ют)$", m.group(0).split()[0])
            for org in _split_orgs(clause) if plural else [clause]:
                add(org, inflect=False)
        rest_end = sentence_bounds(ctx, m.start())[1]
        joint = _JOINTLY.search(plain_narrative, m.end(), rest_end)
        if joint:
            for org in _split_orgs(text[joint.start("b") : joint.end("b")]):
                add(org, inflect=True)
    return found


def _heading_organizers(ctx: Context) -> list[str]:
    out = []
    for line in heading_lines(lines_of(ctx.text)):
        text = line.text.strip()
        if _looks_like_org(text) and not re.match(r"(?:Отдел|Сектор)\b", text):
            out.append(strip_legal_form(text))
    return out


# --------------------------------------------------------------------------- entry point


def extract_event(ctx: Context) -> Event:
    """THE event the document is about, with the fields the text states; nulls + warnings."""
    best, group = choose_event(find_mentions(ctx))
    narrative = _narrative(ctx)
    participants = _participants(narrative)
    if best is None:
        ctx.warn("event.type: no event mentioned")
        kind, name, span, place = "other", None, None, None
    else:
        kind = best.type
        name = _event_name(ctx, best, group)
        span = _event_dates(ctx, best, group)
        place = _event_place(ctx, best, group)
    if span is None and best is None:
        pl = find_place_lines(ctx.text)
        span = pl[0].date if pl else None
    fmt = _event_format(narrative, participants)
    organizers = _organizers(ctx, narrative)
    if not organizers:
        organizers = _heading_organizers(ctx)
        if organizers:
            ctx.warn("event.organizers: taken from the document heading")
        else:
            ctx.warn("event.organizers: not stated")
    for value, label in (
        (name, "name"),
        (span, "start"),
        (place, "place"),
        (fmt, "format"),
        (participants.total, "participants"),
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
        organizers=organizers,
        participants=participants,
    )
