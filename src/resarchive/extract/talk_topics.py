"""What a talk told in prose is about: its quoted title, its agenda item, or the topic a
phrase describes ("посвящённый …", "о …", "остановилась на …", "познакомила с …", a talk
noun's complements, what a presenting verb presents). The first found wins."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lemmas import lemma_set
from ..rules.quotes import matching_quote, strip_outer_quotes
from ..rules.words import forms_of, word_set, word_table
from .clause_words import WORD, Word, adjectives_before, clause_end, tidy, words_in
from .context import Context
from .morph import parses
from .phrases import phrase_nominative

ABOUT = re.compile(r"(?<![А-Яа-яЁё])(?:о|об|обо|про|О|Об|Обо|Про)\s")
# "остановилась на выполнении …", "акцентировала внимание на …": the topic after "на".
_DWELT_ON = re.compile(
    r"(?:остановил\w*|(?:акцентировал|обратил|заострил)\w*\s+внимание)\s+на\s", re.I
)
_WITH = re.compile(r"(?<![А-Яа-яЁё])(?:с|со)\s")
_DEVOTED = re.compile(r"(?<![А-Яа-яЁё])посвящ[её]нн?\w*\s")
# Between a talk noun or verb and its title: an adjective at most, "на тему", a dash.
_TITLE_GAP = re.compile(
    r"\s*(?:[а-яё]+(?:ом|ем|ой|ей|ым|им|ую)\s+)?(?:на\s+тему|по\s+теме|под\s+названием)?"
    r"\s*[:–—-]?\s*$"
)


def talk_of(ctx: Context, start, end, verbs, nouns, speakers) -> str | None:
    """The talk the clause text[start:end] tells, given its speech verbs and talk nouns
    (`Word`s) and its speakers (mentions); None when it does not say."""
    text = ctx.text
    anchors = sorted([*verbs, *nouns], key=lambda w: w.start)
    found = _title_after(text, end, anchors, speakers) or agenda_item(ctx, start, end)
    finders = (
        _said_before,
        _devoted_to,
        _about_phrase,
        _told_what,
        _dwelt_on,
        _acquainted_with,
        _discussed,
        _noun_phrase,
        _verb_object,
    )
    for finder in finders:
        if found:
            break
        found = finder(text, start, end, verbs, nouns, speakers)
    return found


_ON_ITEM = re.compile(r"(?<![А-Яа-яЁё])[Пп]о\s+(?P<n>\d+|[а-яё]+)(?:-?м|-?ому)?\s+вопросу")
_AGENDA = re.compile(
    r"^\W*(?:повестка(?:\s+дня)?|вопросы(?:\s+повестки)?|на\s+повестке(?:\s+дня)?)\W*$", re.I
)


def continues_agenda(clause: str) -> bool:
    """ "По второму вопросу – Жуков Д. А., …": an agenda talk told without its verb."""
    if not _ON_ITEM.match(clause.strip()):
        return False
    return not any(parses(w)[0].tag.POS == "VERB" for w in WORD.findall(clause) if parses(w))


def agenda_item(ctx: Context, start: int, end: int) -> str | None:
    """ "По второму вопросу выступил …": the second item of the agenda ("Повестка дня:").

    >>> from resarchive.extract.context import read_context
    >>> lines = ["Повестка дня:", "1. О плане на год.", "2. Об итогах конкурса.",
    ...          "По второму вопросу выступила Иванова А. А."]
    >>> ctx = read_context(chr(10).join(lines))
    >>> agenda_item(ctx, ctx.text.index("По"), len(ctx.text))
    'Об итогах конкурса'
    """
    m = _ON_ITEM.search(ctx.text, start, end)
    if not m:
        return None
    word = m.group("n")
    n = int(word) if word.isdigit() else None
    if n is None:
        table = word_table("ordinals")
        n = next((int(table[lem]) for lem in sorted(lemma_set(word)) if lem in table), None)
    for section in ctx.layout.sections:
        if not _AGENDA.match(section.intro.text):
            continue
        items = [line for line in section.lines if line.marker and line.marker.kind == "num"]
        item = next((line for line in items if line.marker.number == n), None)
        if item is not None:
            return item.body.strip(" .;") or None
    return None


def _title_after(text: str, end: int, anchors: list[Word], speakers) -> str | None:
    """A quoted title right after a talk noun or verb ("с докладом «X»", "в своем
    выступлении «X»", "на тему «X»")."""
    for a in anchors:
        m = re.compile(r"[«\"“]").search(text, a.end, end)
        if m is None or not _TITLE_GAP.fullmatch(text[a.end : m.start()]):
            continue
        close = matching_quote(text, m.start(), end)
        if close is None:
            continue
        title = strip_outer_quotes(text[m.start() : close + 1])
        if title:
            return title
    return None


def _devoted_to(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "с доклада специалиста … Татьяны Лучковой, посвященного оптимизации …": the topic
    a talk noun's "посвящённый" names after its author."""
    m = _DEVOTED.search(text, start, end)
    if not m or not any(n.end <= s.start < m.start() for n in nouns for s in speakers):
        return None
    return tidy(text[m.end() : clause_end(text, m.end(), end, speakers)])


_ON_EXAMPLE = re.compile(r",\s*на\s+примере\s")
# "«Title» - с этой темой выступила …": the title said before the speaker.
_THIS_TOPIC = re.compile(
    r"«((?:[^«»]|«[^«»]*»)+)»\s*[-–—]\s*с\s+(?:этой|данной|такой)\s+"
    r"(?:темой|проблемой|презентацией|информацией)|«((?:[^«»]|«[^«»]*»)+)»\s*[-–—]\s*"
    r"с\s+(?:этим|данным)\s+(?:докладом|сообщением|выступлением)",
    re.I,
)


def _said_before(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "«Сельская библиотека …» - с этой темой выступила …": the title before the words
    that point back to it."""
    for m in _THIS_TOPIC.finditer(text, max(0, start - 400), end):
        if m.end() > start - 1 and m.end() <= end:
            return (m.group(1) or m.group(2)).strip()
    return None


def _about_phrase(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "рассказала о реализации …", "О роли … рассказала": the topic with its preposition."""
    for m in ABOUT.finditer(text, start, end):
        near_verb = any(0 <= m.start() - v.end <= 25 for v in verbs)
        opens = not text[start : m.start()].strip()
        if not (near_verb or opens):
            continue
        stop = clause_end(text, m.start(), end, speakers)
        if opens:
            stop = min([stop] + [v.start for v in verbs if v.start > m.start()])
        # "рассказала о …, на примере районной библиотеки представила …": a new act
        example = _ON_EXAMPLE.search(text, m.start(), stop)
        stop = example.start() if example else stop
        found = tidy(text[m.start() : stop], lower=not opens)
        if found:
            # "рассказал о том, что сделано …": the topic is what follows "что"/"как".
            that = re.match(r"(?:о|об)\s+том,?\s+(?=(?:что|как|чем|какие)\s)", found, re.I)
            return found[that.end() :] if that else found
    return None


# "рассказала, как родилась идея …", "рассказала, какие учреждения могут участвовать …":
# the indirect question after "рассказать" is what was told.
_WH_WORD = re.compile(
    r",\s*(?=(?:как|какой|какая|какое|какие|каким|какую|каких|что|почему|зачем|где|"
    r"когда|насколько|сколько|откуда|куда|чем)\s)"
)


def _told_what(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "рассказала, как родилась идея создания книги, какая работа была проделана": the
    indirect question after the verb, to the clause's end."""
    for v in verbs:
        m = _WH_WORD.match(text, v.end, end)
        if m and v.lemmas & {"рассказать", "рассказывать"}:
            return tidy(text[m.end() : end].rstrip(" .!"))
    return None


def _dwelt_on(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "подробнее остановилась на выполнении …", "акцентировала внимание на …"."""
    m = _DWELT_ON.search(text, start, end)
    return tidy(text[m.end() : clause_end(text, m.end(), end, speakers)]) if m else None


def _acquainted_with(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "познакомила коллег со списком литературы …": what the listeners learned of."""
    for v in verbs:
        if not (v.lemmas & {"познакомить", "знакомить", "ознакомить", "ознакомлять"}):
            continue
        m = _WITH.search(text, v.end, end)
        if m:
            stop = clause_end(text, m.end(), end, speakers)
            return _nominative_phrase(text, m.end(), stop)
    return None


def _nominative_phrase(text: str, start: int, stop: int) -> str | None:
    """A noun phrase put into the nominative by its head ("со списком литературы …")."""
    words = words_in(text, start, stop)
    head = next((w for w in words if any(p.tag.POS == "NOUN" for p in parses(w.text)[:1])), None)
    if head is None:
        return tidy(text[start:stop])
    return tidy(phrase_nominative(text[start : head.end]) + text[head.end : stop])


_DISCUSSION = frozenset({"обсуждение", "дискуссия"})
_THEME = re.compile(r"(?:по\s+теме|на\s+тему|тема\s+(?:[а-яё]+\s+)?[-–—:]?)\s*«", re.I)


def _discussed(text, start, end, verbs, nouns, speakers) -> str | None:
    """What discussants discussed ("В обсуждении Концепции приняли участие …", "В
    дискуссии приняли участие …"): the title of the thing named after the noun, quoted
    earlier in the text ("проект «Концепции развития …»"), or else the event's theme
    ("заседание … по теме «…»"). None when the text quotes neither."""
    for n in nouns:
        if not (n.lemmas & _DISCUSSION):
            continue
        thing = re.match(r"\s+([А-ЯЁа-яё]+)", text[n.end : end])
        if thing and not _verb(thing.group(1)):
            key = parses(thing.group(1))[0].normal_form if parses(thing.group(1)) else ""
            for q in re.finditer(r"[«\"]([А-ЯЁ][а-яё]+)", text[:start]):
                ps = parses(q.group(1))
                if ps and ps[0].normal_form == key:
                    close = matching_quote(text, q.start())
                    if close is not None:
                        title = strip_outer_quotes(text[q.start() : close + 1])
                        head, _, rest = title.partition(" ")
                        return tidy(phrase_nominative(head) + " " + rest, lower=False)
            if key not in word_set("generic_topics"):
                continue  # "обсуждение доклада": a thing of its own, not quoted
        theme = _THEME.search(text) or _event_title().search(text)
        if theme:
            close = matching_quote(text, theme.end() - 1)
            if close is not None:
                return strip_outer_quotes(text[theme.end() - 1 : close + 1])
    return None


@lru_cache(maxsize=1)
def _event_title() -> re.Pattern:
    """An event's word and its quoted title: "круглый стол «X»", "семинара "X"" (the
    theme of a discussion the text does not name otherwise)."""
    words = sorted(
        {f for key in word_table("event_types") for f in forms_of(key.split()[-1])},
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<![А-Яа-яЁё])(?:" + "|".join(words) + r")\s*(?=[«\"])", re.I)


def _noun_phrase(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "С обзором периодических изданий выступила" -> "обзор периодических изданий"."""
    for n in nouns:
        stop = clause_end(text, n.end, end, speakers)
        stop = min([stop] + [v.start for v in verbs if v.start > n.end])
        # "В обсуждении Концепции приняли участие": the phrase ends at any verb
        stop = next((w.start for w in words_in(text, n.end, stop) if _verb(w.text)), stop)
        tail = text[n.end : stop]
        if not tail.strip() or tail[:1] not in " " or not WORD.match(tail.strip()):
            continue  # "в своем выступлении, на примере …": no words of its own
        first = adjectives_before(text, start, n)
        found = tidy(phrase_nominative(text[first : n.end]) + tail)
        if found:
            return found
    return None


def _verb(word: str) -> bool:
    ps = parses(word)
    return bool(ps) and ps[0].tag.POS in ("VERB", "INFN", "PRTS", "GRND")


# The audience in the dative right after a presenting verb: not part of what was presented.
_AUDIENCE = re.compile(
    r"^\s*(?:всем\s+)?(?:присутствующим|участникам|слушателям|коллегам|собравшимся|гостям)\s"
)


def _verb_object(text, start, end, verbs, nouns, speakers) -> str | None:
    """What a presenting verb presents: after it ("осветила актуальные вопросы …"), or
    before it when the clause opens with it ("Основные направления … озвучили …")."""
    presenting = word_set("presenting_verbs")
    for v in verbs:
        if not (v.lemmas & presenting):
            continue
        stop = clause_end(text, v.end, end, speakers)
        after = text[v.end : stop]
        if after.strip() and not any(v.end <= s.start <= stop for s in speakers):
            found = tidy(_AUDIENCE.sub("", after))  # "продемонстрировала присутствующим …"
            if found and not re.match(r"(?:с|со|перед|по|в|на)\s", found):
                return found
        before = text[start : v.start].strip()
        if before[:1].isupper() and not any(s.start < v.start for s in speakers):
            found = tidy(before)
            if found and not re.match(r"(?:в|на|с|по|во|со)\s", found, re.I):
                return found  # not "В рамках заседания свой опыт": a circumstance first
    return None
