"""Event mentions: every place the text names an event, and which of them is THE event.

A mention is a word of `data/event_types.txt` ("семинар", "круглого стола") in any case
form, singular. It is chosen by weight: a mention in the heading, with a quoted title,
with a date or a "held" word (`data/held_verbs.txt`) in its sentence, or next to the
operative part ("участники семинара определили:") weighs more; a mention that only frames
another ("X, состоявшийся в рамках конгресса") weighs less. Mentions of the same type and
title add up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import nlp
from ..lemmas import fold
from ..rules import gazetteer
from ..rules.dates import DateMention, dates_in
from ..rules.quotes import matching_quote, strip_outer_quotes
from ..rules.words import has_lemma, phrase_matcher
from .context import Context
from .morph import is_animate_noun
from .operative import classify_intro


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


# What may stand between the type word and its quoted title; a compound's second part
# written after a spaced dash too ("семинар – консультация «X»").
_MOTTO = re.compile(r"(?<![А-Яа-яЁё])(?:девиз|лозунг|слоган|эпиграф)\w*\s+$", re.I)
_TITLE_GAP = re.compile(
    r"\s*(?:[–—-]\s*[а-яё]+\s+(?=[«“„\"]))?"
    r"(?:[:–—-]\s*|на\s+тему:?\s*|по\s+теме:?\s*|под\s+названием\s*)?"
)
# A word between the type word and its title: a genitive ("детских", "Самарской
# областной … библиотеки"), or "для" before one ("для сотрудников библиотеки").
_GAP_WORD = re.compile(r"\s+((?:для\s+)?[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?)(?=\s)")
_GAP_WORDS = 6


@lru_cache(maxsize=50_000)
def _is_genitive_word(word: str) -> bool:
    """A lower-case genitive noun or adjective ("детских", "библиотек"), not a preposition."""
    parses = [p for p in nlp.morph().parse(word) if p.score >= 0.05]
    if any(p.tag.POS in ("PREP", "CONJ", "PRCL") for p in parses[:1]):
        return False
    return any(p.tag.POS in ("NOUN", "ADJF") and "gent" in p.tag for p in parses)


@lru_cache(maxsize=50_000)
def _of_people(word: str) -> bool:
    """An adjective or an animate noun: "директоров", "молодых", "руководителей"."""
    parses = [p for p in nlp.morph().parse(word) if p.score >= 0.05][:2]
    return any(p.tag.POS == "ADJF" or (p.tag.POS == "NOUN" and "anim" in p.tag) for p in parses)


def _plural_name(text: str, start: int) -> bool:
    """ "Краеведческие чтения", "Чтения": readings as an event are named, with a capital or
    an adjective before them — "чтения книг" is no event."""
    if text[start].isupper():
        return True
    before = re.search(r"([А-Яа-яЁё-]+)\s+$", text[max(0, start - 40) : start])
    return bool(before) and any(
        p.tag.POS == "ADJF" and "plur" in p.tag for p in nlp.morph().parse(before.group(1))[:2]
    )


@lru_cache(maxsize=50_000)
def _has_plural(word: str) -> bool:
    return any("plur" in p.tag for p in nlp.morph().parse(word.lower()))


@lru_cache(maxsize=50_000)
def _has_singular(word: str) -> bool:
    """ "семинаре", "заседании" (and indeclinables) but not "семинаров": one event."""
    parses = nlp.morph().parse(word.split("-")[-1].lower())
    return any("plur" not in p.tag for p in parses)


def _find_title(
    text: str, pos: int, limit: int, genitive_gap: bool = True, people_only: bool = False
) -> tuple[str, int] | None:
    """A quoted title right after a type word ("семинара «X»", "семинар на тему «X»"),
    also after a genitive phrase that belongs to the type word ("форума детских
    библиотек «X»", "конференции молодых специалистов «X»", "семинар директоров МЦБС
    «X»"). For a meeting (`people_only`) the phrase may only name people ("совещание
    директоров «X»"): "заседание клуба «X»" names the club, the meeting's owner."""
    people = False  # "совещание директоров государственных и муниципальных библиотек «X»":
    words = 0  # the people's own complement; its "и" does not count
    while words < (_GAP_WORDS if genitive_gap else 0):
        word = _GAP_WORD.match(text, pos)
        if not word or word.end() > limit:
            break
        last = word.group(1).split()[-1]
        if people and last == "и":
            pos = word.end()
            continue
        words += 1
        if last.isupper() and len(last) > 1:
            if people_only or last not in gazetteer.abbreviations():
                break  # an abbreviation not of a library, or a heading in capitals
        elif not _is_genitive_word(last.lower()) or (
            people_only and not people and not _of_people(last.lower())
        ):
            break
        people = people or people_only and is_animate_noun(last)
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
    text, plain, layout = ctx.text, ctx.plain, ctx.layout
    heading_end = layout.heading_end
    operative = [s.intro for s in layout.sections if classify_intro(s.intro.text)]
    mentions: list[Mention] = []
    for m in phrase_matcher("event_types").finditer(plain):
        kind, *number = m.value.split()
        word = plain[m.start : m.end].split()[-1]
        if number == ["plur"]:
            # "лебедевские чтения", "Чтения": named readings; "развитие чтения": no event
            if not _plural_name(plain, m.start):
                continue
        elif not _has_singular(word):
            continue  # "семинаров": several events, none of them this one
        if m.entry == "встреча" and re.search(
            r"деловых|клуб", plain[max(0, m.start - 20) : m.start], re.I
        ):
            continue  # "Клуб деловых встреч" is a club's name, not a meeting
        in_heading = m.start < heading_end
        limit = heading_end if in_heading else layout.line_at(m.end).end
        found = _find_title(text, m.end, limit, people_only=kind == "meeting")
        if found and _MOTTO.search(plain[max(0, m.start - 20) : m.start]):
            found = None  # "Девиз Форума — «Будущее в настоящем»": a motto, not the name
        sent = (m.start, heading_end) if in_heading else ctx.sentence_bounds(m.start)
        mention = Mention(kind, m.start, m.end, found[0] if found else None, in_heading)
        mention.sentence = sent
        mention.dates = dates_in(text, *sent)
        mentions.append(mention)
    mentions += _quoted_types(ctx)
    mentions += _named_in_quotes(ctx, mentions)
    mentions = _drop_framing_meetings(mentions)
    if not mentions:
        mentions += _body_meetings(ctx)
    for mention in mentions:
        mention.score = _score(ctx, mention, mentions, operative)
    return mentions


def _drop_framing_meetings(mentions: list[Mention]) -> list[Mention]:
    """ "заседание «круглого стола»", "заседание круглого стола": the meeting word names the
    sitting of the event after it, which is the event."""
    ordered = sorted(mentions, key=lambda m: m.start)
    keep: list[Mention] = []
    for m, nxt in zip(ordered, [*ordered[1:], None], strict=False):
        if (
            m.type == "meeting"
            and nxt is not None
            and nxt.type != "meeting"
            and nxt.start - m.end <= 2
        ):
            continue
        keep.append(m)
    return keep


def _quoted_types(ctx: Context) -> list[Mention]:
    """ "заседание «круглого стола» по теме «X»": a type word put in quotes is a mention of
    that type, not a name."""
    text, out = ctx.text, []
    for q in re.finditer(r"«", text):
        close = matching_quote(text, q.start())
        if close is None or close - q.start() > 40:
            continue
        inner = text[q.start() + 1 : close]
        found = next(phrase_matcher("event_types").finditer(inner), None)
        if found is None or inner.strip(" «»").lower() != inner[found.start : found.end].lower():
            continue
        sent = ctx.sentence_bounds(q.start())
        limit = ctx.layout.line_at(close).end
        title = _find_title(text, close + 1, limit, genitive_gap=True)
        kind = found.value.split()[0]
        mention = Mention(kind, q.start(), close + 1, title[0] if title else None, sentence=sent)
        mention.in_heading = q.start() < ctx.layout.heading_end
        mention.dates = dates_in(text, *sent)
        out.append(mention)
    return out


def _named_in_quotes(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    """An event named only in quotes, in a sentence that tells it took place: "прошла
    Третья «Читательская Ассамблея Содружества»" (the quotes right after the verb), or
    "состоялась «Школа библиотекаря»" with a type word in the name; the type from that
    word, else other. Quoted speech is no name: a name is short and has no full stop."""
    text, out = ctx.text, []
    titled = {m.title for m in mentions if m.title}
    for q in re.finditer(r"«", text):
        close = matching_quote(text, q.start())
        if close is None or close - q.start() > 150:
            continue
        name = strip_outer_quotes(text[q.start() : close + 1])
        if name in titled or len(name.split()) > 12 or re.search(r"[.!?]\s", name):
            continue
        bare = next(phrase_matcher("event_types").finditer(name), None)
        if bare is not None and name[bare.start : bare.end].lower() == name.lower():
            continue  # «круглый стол»: a type word in quotes (`_quoted_types`)
        sent = ctx.sentence_bounds(q.start())
        before = text[sent[0] : q.start()]
        after_verb = re.search(
            r"(?:состоял|прош[её]л|прошл|пройд[её]т|состоится)\w*(?:\s+[А-ЯЁIVX0-9][\w-]*)?\s*$",
            before,
        )
        typed = next(phrase_matcher("event_types").finditer(" ".join(name.split()[:4])), None)
        if not (after_verb or typed and says_held(text[sent[0] : sent[1]])):
            continue
        kind = typed.value.split()[0] if typed else "other"
        if (
            kind == "meeting"
            and not after_verb
            or re.search(r"(?:доклад|сообщени|тем)\w*\s*$", before)
        ):
            continue  # "заседание клуба «X»" names the club
        mention = Mention(kind, q.start(), close + 1, name, False, sentence=sent)
        mention.dates = dates_in(text, *sent)
        out.append(mention)
    return out


def _body_meetings(ctx: Context) -> list[Mention]:
    """ "РЕШЕНИЕ методического совета": a heading that names a deciding body in the
    genitive tells a meeting of that body (`data/collegial_bodies.txt`)."""
    text, heading_end = ctx.text, ctx.layout.heading_end
    out = []
    for m in phrase_matcher("collegial_bodies").finditer(text, 0, heading_end):
        word = text[m.start : m.end]
        if not any("gent" in p.tag for p in nlp.morph().parse(word.lower())[:2]):
            continue
        sent = (m.start, heading_end)
        mention = Mention("meeting", m.start, m.end, None, True, sentence=sent)
        mention.dates = dates_in(text, *sent)
        out.append(mention)
    return out[:1]


def says_held(text: str) -> bool:
    """Whether `text` tells that an event took place or will ("прошёл", "проведён")."""
    return any(has_lemma(w, "held_verbs") for w in re.findall(r"[А-Яа-яЁё]+", text))


def _score(ctx: Context, m: Mention, all_mentions: list[Mention], operative: list) -> float:
    text = ctx.text
    score = 0.0
    sentence = text[m.sentence[0] : m.sentence[1]]
    if m.in_heading:
        score += 4
    if m.title:
        score += 1
    if m.dates:
        score += 2
    if says_held(sentence):
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
            prev = ctx.layout.lines[intro.index - 1] if intro.index else intro
            if prev.start <= m.start < intro.start:
                score += 1  # in the paragraph right before the operative part
    return score


def choose_event(mentions: list[Mention]) -> tuple[Mention | None, list[Mention]]:
    """The best group of mentions (same type and title); its best mention first."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        key = (m.type, title_key(m.title) if m.title else "")
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


def title_key(text: str) -> str:
    """A title compared without case, ё and punctuation."""
    return re.sub(r"\W+", " ", fold(text)).strip()
