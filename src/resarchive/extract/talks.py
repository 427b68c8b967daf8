"""Speakers told in prose: who spoke, gave, presented or shared something, and what.

Reports and post-releases tell talks in sentences, not lists: "С докладом «X» выступила
…", "Опытом … поделились …", "И. Г. Медведева сделала обзор …", "Начальник отдела … Ирина
Мельникова рассказала о …", "Совещание началось с доклада специалиста … Татьяны Лучковой,
посвященного …", "Заведующей … Каспаровой Е. В. был подготовлен обзор …".

A clause (a sentence, or one part of a list in it: "выступили: А …, рассказала о …; Б …")
tells a talk when it holds a speech verb (`data/speech_verbs.txt`), or a talk noun
(`data/talk_nouns.txt`) possibly with a verb that needs one (`data/talk_support_verbs.txt`:
"сделала обзор", "провела мастер-класс"). Its speakers are the persons it names as the
subject (nominative), as the author after a talk noun (genitive) or as the agent of a
passive ("был подготовлен"); "Она/Он" opening a sentence is the person just named. Not a
talk: a greeting, thanks or congratulation alone (`data/greeting_words.txt`), or
"выступить" in a role ("Модератором выступила …", `data/not_talk_roles.txt`).

The talk, first found wins: a quoted title right after the talk noun or verb ("с докладом
«X»", "на тему «X»"); the topic a "посвящённый" phrase names; "о/об/про …" after a speech
verb; "с X" after "познакомить/ознакомить"; a talk noun with its complements ("обзор
периодических изданий"); what a presenting verb presents ("осветила актуальные вопросы …",
"Основные направления … озвучили …"). Else null. Position and organization: the words
beside the name, as written (`affiliation.split_position`), the position before the name
first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lemmas import lemma_set
from ..rules.dots import mask_name_dots
from ..rules.quotes import matching_quote, strip_outer_quotes
from ..rules.words import word_set, word_table
from .affiliation import is_position_word, split_position
from .context import Context
from .morph import parses
from .people import PersonMention
from .phrases import phrase_nominative

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_PRONOUN = re.compile(r"^\s*(?:Она|Он)\b")
# Where a described topic ends: the clause's end, a relative clause, a new predicate.
# Words that open a sentence, never a name: after "»" they show a sentence end the page lost.
_OPENERS = r"С|Со|В|Во|На|По|О|Об|Для|При|Также|Затем|Далее|Кроме|После|Она|Он|Они|Это|Все"
_CLAUSE_END = re.compile(
    r"[.;:!?]|,\s*(?:[а-яё]+\s+)?котор|,\s*(?=[а-яё]+(?:ла|ли|л|вшись|в)\b)"
    r"|(?<=»)\s+(?=(?:" + _OPENERS + r")\s)"
    r"|\s(?:и|а также)\s(?=[а-яё]+л[аи]?\b)"
)
_ABOUT = re.compile(r"(?<![А-Яа-яЁё])(?:о|об|обо|про|О|Об|Обо|Про)\s")
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
_PASSIVE = re.compile(
    r"\b(?:был[аио]?|были)\s+(?:подготовлен|сделан|представлен|проведен|проведён)"
)
_LEADING_CONJUNCTION = re.compile(r"^[\s,–—-]*(?:(?:а\s+также|и|а)(?=\s))?[\s,–—-]*")


@dataclass
class ProseTalk:
    mention: PersonMention
    position: str | None
    organization: str | None
    talk: str | None
    shared: bool  # the talk is told of several persons at once ("подвели итоги")


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str

    @property
    def lemmas(self) -> frozenset[str]:
        return lemma_set(self.text)


def _words(text: str, start: int, end: int) -> list[_Word]:
    return [_Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def _has(words: list[_Word], name: str) -> list[_Word]:
    entries = word_set(name)
    return [w for w in words if w.lemmas & entries]


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence's clauses for talks: split at ";" and after an introducing colon
    ("выступили: А …; Б …")."""
    out, pos = [], start
    masked = mask_name_dots(text[start:end])
    # ";", an introducing colon, and a sentence end the page lost after a quote ("…» С …").
    for m in re.finditer(r";|:(?=\s*[А-ЯЁ])|(?<=»)\s+(?=(?:" + _OPENERS + r")\s)", masked):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def prose_talks(
    ctx: Context,
    start: int,
    end: int,
    mentions: list[PersonMention],
    last: PersonMention | None,
    inherited: bool = False,
) -> list[ProseTalk]:
    """The talks clause text[start:end] tells; `mentions` are the persons named in it,
    `last` the person named just before (for "Она рассказала …"), `inherited` whether an
    introducing clause ("с докладами выступили:") already said these are talks."""
    text = ctx.text
    words = _words(text, start, end)
    orgs = [(s.start, s.stop) for s in ctx.doc.spans if s.type == "ORG"]
    nouns = [
        w
        for w in _has(words, "talk_nouns")
        if not _in_quotes(text, start, w.start) and not any(a <= w.start < b for a, b in orgs)
    ]
    # "С вопросом «X» выступила …": a question given a title is a talk.
    nouns += [
        _Word(q.start(1), q.end(1), q.group(1))
        for q in re.finditer(r"(?<![А-Яа-яЁё])(?:[Сс]\s+)?([Вв]опрос(?:ом)?)\s*(?=«)", text[:end])
        if q.start() >= start
    ]
    nouns.sort(key=lambda w: w.start)
    verbs = [w for w in _has(words, "speech_verbs") if not _full_participle(w)]
    if nouns:
        verbs += [w for w in _has(words, "talk_support_verbs") if not _full_participle(w)]
        verbs.sort(key=lambda w: w.start)
    named_speakers = bool(_has(words, "speaker_nouns"))  # "В числе докладчиков были …"
    if not verbs and not nouns and not inherited and not named_speakers:
        return []
    said = _has(words, "speech_verbs") + _has(words, "talk_support_verbs")
    if said and all(_instruction(w) for w in said):
        return []  # "Отделу (Жуков Д. А.) подготовить обзор": an instruction, not a report
    if _has(words, "greeting_words") and not nouns and not _real_speech(verbs):
        return []
    if _only_a_role(verbs, words):
        return []  # "Модератором выступила …": a role at the event, not a talk
    speakers = [
        m for m in mentions if _is_speaker(text, m, nouns) and not _spoken_of(text, m, verbs)
    ]
    if not speakers and last is not None and _PRONOUN.match(text[start:end]):
        speakers = [last]
    if not speakers:
        return []
    talk = _talk(ctx, start, end, verbs, nouns, speakers)
    found = [_affiliation(ctx, start, end, m, verbs, speakers) for m in speakers]
    if len(found) > 1 and found[0][0] and _plural_head(found[0][0]):
        # "Библиотекари городской детской библиотеки, В. А. Федорова и Н. А. Прохорова":
        # a plural position before coordinated names is each one's.
        found = [f if f != (None, None) else found[0] for f in found]
    return [
        ProseTalk(m, position, organization, talk, len(speakers) > 1)
        for m, (position, organization) in zip(speakers, found, strict=True)
    ]


def _plural_head(position: str) -> bool:
    word = _WORD.match(position)
    return bool(word) and all("plur" in p.tag for p in parses(word.group())[:1])


def _full_participle(w: _Word) -> bool:
    """Not a told action: "проведенную работу", "ведущий библиограф" (an attribute, a
    position), "подготовить обзор" (an instruction). A told action is a finite verb, a
    gerund or a short participle ("был подготовлен")."""
    return not any(p.tag.POS in ("VERB", "GRND", "PRTS") and p.score >= 0.1 for p in parses(w.text))


def _instruction(w: _Word) -> bool:
    return any(p.tag.POS == "INFN" for p in parses(w.text)[:1])


def _only_a_role(verbs: list[_Word], words: list[_Word]) -> bool:
    """ "Модератором выступила …": "выступить" with a role in the instrumental beside it."""
    if not verbs or any(not (v.lemmas & {"выступить", "выступать"}) for v in verbs):
        return False
    for k, w in enumerate(words):
        if not (w.lemmas & {"выступить", "выступать"}):
            continue
        beside = words[max(0, k - 1) : k] + words[k + 1 : k + 2]
        if any(_has([b], "not_talk_roles") and _instrumental(b.text) for b in beside):
            return True
    return False


def _position_in(word: str, case: str) -> bool:
    """A position word that agrees with the name in case ("директор КГУ Хамзина", not
    "диалог со специалистами")."""
    return is_position_word(word) and any(case in p.tag for p in parses(word))


def _gap(text: str, a: _Word, b: _Word) -> str:
    return text[a.end : b.start].strip()


def _adjective(word: str) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF") for p in parses(word)[:1])


def _instrumental(word: str) -> bool:
    return any("ablt" in p.tag for p in parses(word))


def _real_speech(verbs: list[_Word]) -> bool:
    """A speech verb other than "выступить" (which a greeting also uses)."""
    return any(not (w.lemmas & {"выступить", "выступать"}) for w in verbs)


def _is_speaker(text: str, m: PersonMention, nouns: list[_Word]) -> bool:
    if m.case in (None, "nomn"):
        return True
    if m.case == "gent" and any(n.end <= m.start and m.start - n.end < 120 for n in nouns):
        return True  # "с доклада специалиста … Татьяны Лучковой": the talk's author
    # "Заведующей … Каспаровой Е. В. был подготовлен обзор": the agent of a passive.
    return bool(_PASSIVE.search(text, m.end, m.end + 40))


def _spoken_of(text: str, m: PersonMention, verbs: list[_Word]) -> bool:
    """ "рассказала о жизни нашего земляка – Д. А. Папанова": a person the talk is about."""
    told = [v for v in verbs if v.end <= m.start]
    return bool(told) and bool(_ABOUT.search(text, told[-1].end, m.start))


def _in_quotes(text: str, line_start: int, pos: int) -> bool:
    before = text[line_start:pos]
    return before.count("«") > before.count("»")


# --------------------------------------------------------------------------- the talk


def _talk(ctx: Context, start, end, verbs, nouns, speakers) -> str | None:
    text = ctx.text
    anchors = sorted([*verbs, *nouns], key=lambda w: w.start)
    found = _title_after(text, end, anchors, speakers) or agenda_item(ctx, start, end)
    finders = (_devoted_to, _about_phrase, _dwelt_on, _acquainted_with, _noun_phrase, _verb_object)
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
    return not any(parses(w)[0].tag.POS == "VERB" for w in _WORD.findall(clause) if parses(w))


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


def _title_after(text: str, end: int, anchors: list[_Word], speakers) -> str | None:
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


def _clause_end(text: str, pos: int, end: int, speakers) -> int:
    masked = mask_name_dots(text[pos:end])
    m = _CLAUSE_END.search(masked)
    stop = pos + m.start() if m else end
    for s in speakers:
        if pos < s.start < stop:
            stop = s.start
    return stop


def _tidy(phrase: str, lower: bool = True) -> str | None:
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,–—-")
    if len(_WORD.findall(phrase)) < 2:
        return None
    return phrase[:1].lower() + phrase[1:] if lower and not phrase[:2].isupper() else phrase


def _devoted_to(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "с доклада специалиста … Татьяны Лучковой, посвященного оптимизации …": the topic
    a talk noun's "посвящённый" names after its author."""
    m = _DEVOTED.search(text, start, end)
    if not m or not any(n.end <= s.start < m.start() for n in nouns for s in speakers):
        return None
    return _tidy(text[m.end() : _clause_end(text, m.end(), end, speakers)])


def _about_phrase(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "рассказала о реализации …", "О роли … рассказала": the topic with its preposition."""
    for m in _ABOUT.finditer(text, start, end):
        near_verb = any(0 <= m.start() - v.end <= 25 for v in verbs)
        opens = not text[start : m.start()].strip()
        if not (near_verb or opens):
            continue
        stop = _clause_end(text, m.start(), end, speakers)
        if opens:
            stop = min([stop] + [v.start for v in verbs if v.start > m.start()])
        found = _tidy(text[m.start() : stop], lower=not opens)
        if found:
            # "рассказал о том, что сделано …": the topic is what follows "что"/"как".
            that = re.match(r"(?:о|об)\s+том,?\s+(?=(?:что|как|чем|какие)\s)", found, re.I)
            return found[that.end() :] if that else found
    return None


def _dwelt_on(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "подробнее остановилась на выполнении …", "акцентировала внимание на …"."""
    m = _DWELT_ON.search(text, start, end)
    return _tidy(text[m.end() : _clause_end(text, m.end(), end, speakers)]) if m else None


def _acquainted_with(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "познакомила коллег со списком литературы …": what the listeners learned of."""
    for v in verbs:
        if not (v.lemmas & {"познакомить", "знакомить", "ознакомить", "ознакомлять"}):
            continue
        m = _WITH.search(text, v.end, end)
        if m:
            stop = _clause_end(text, m.end(), end, speakers)
            return _nominative_phrase(text, m.end(), stop)
    return None


def _nominative_phrase(text: str, start: int, stop: int) -> str | None:
    """A noun phrase put into the nominative by its head ("со списком литературы …")."""
    words = _words(text, start, stop)
    head = next((w for w in words if any(p.tag.POS == "NOUN" for p in parses(w.text)[:1])), None)
    if head is None:
        return _tidy(text[start:stop])
    return _tidy(phrase_nominative(text[start : head.end]) + text[head.end : stop])


def _noun_phrase(text, start, end, verbs, nouns, speakers) -> str | None:
    """ "С обзором периодических изданий выступила" -> "обзор периодических изданий"."""
    for n in nouns:
        stop = _clause_end(text, n.end, end, speakers)
        stop = min([stop] + [v.start for v in verbs if v.start > n.end])
        # "В обсуждении Концепции приняли участие": the phrase ends at any verb
        stop = next((w.start for w in _words(text, n.end, stop) if _verb(w.text)), stop)
        tail = text[n.end : stop]
        if not tail.strip() or tail[:1] not in " " or not _WORD.match(tail.strip()):
            continue  # "в своем выступлении, на примере …": no words of its own
        first = _adjectives_before(text, start, n)
        found = _tidy(phrase_nominative(text[first : n.end]) + tail)
        if found:
            return found
    return None


def _verb(word: str) -> bool:
    ps = parses(word)
    return bool(ps) and ps[0].tag.POS in ("VERB", "INFN", "PRTS", "GRND")


def _adjectives_before(text: str, start: int, noun: _Word) -> int:
    """Where the adjectives before a talk noun start ("аналитическим докладом")."""
    pos = noun.start
    for w in reversed(_words(text, start, noun.start)):
        ending = re.search(r"(?:ым|им|ой|ей|ую|юю|ый|ий|ая|яя)$", w.text)
        if text[w.end : pos].strip() or not ending:
            break
        pos = w.start
    return pos


def _verb_object(text, start, end, verbs, nouns, speakers) -> str | None:
    """What a presenting verb presents: after it ("осветила актуальные вопросы …"), or
    before it when the clause opens with it ("Основные направления … озвучили …")."""
    presenting = word_set("presenting_verbs")
    for v in verbs:
        if not (v.lemmas & presenting):
            continue
        stop = _clause_end(text, v.end, end, speakers)
        after = text[v.end : stop]
        if after.strip() and not any(v.end <= s.start <= stop for s in speakers):
            found = _tidy(after)
            if found and not re.match(r"(?:с|со|перед|по|в|на)\s", found):
                return found
        before = text[start : v.start].strip()
        if before[:1].isupper() and not any(s.start < v.start for s in speakers):
            found = _tidy(before)
            if found and not re.match(r"(?:в|на|с|по|во|со)\s", found):
                return found
    return None


# --------------------------------------------------------------------------- position


def written_affiliation(ctx: Context, m: PersonMention) -> tuple[str | None, str | None]:
    """The position and organization written beside a mention anywhere in the text ("…,
    директор … Зверево Елена Гросс"), within its clause."""
    start, end = ctx.sentence_bounds(m.start)
    delimiter = max(ctx.text.rfind(c, start, m.start) for c in ",;:(–—")
    return _affiliation(ctx, max(start, delimiter + 1), end, m, [], [m])


def _affiliation(
    ctx: Context, start: int, end: int, m: PersonMention, verbs: list[_Word], speakers
) -> tuple[str | None, str | None]:
    """The position and organization written beside the name, as written: before it
    ("заместитель директора … А. Н. Маслова"), else after it (", библиотекарь …", "(…)")."""
    before = _position_before(ctx, start, m, verbs, speakers)
    shared = None
    if before:
        position, organization = split_position(before)
        if (position or organization) and not (position and _plural_head(position)):
            return position, organization
        shared = position, organization  # "Библиотекари …, X, библиотекарь МКОУ …, и Y"
    text = ctx.text
    after = text[m.end : end]
    if after.lstrip().startswith("("):
        inside = after.lstrip()[1:].split(")", 1)[0].strip()
        return split_position(inside) if inside else (None, None)
    from_ = re.match(r"\s+из\s+(?=[А-ЯЁ«])", after)
    if from_:  # "Навалихина Наталья Вячеславовна из МКОУ СОШ с. Полом"
        stop = _clause_end(text, m.end + from_.end(), end, speakers)
        org = re.sub(r"\s+и\s*$", "", text[m.end + from_.end() : stop]).strip(" ,")
        return (shared[0] if shared else None), org or None
    if not after.startswith(","):
        return shared or (None, None)
    stop = _clause_end(text, m.end + 1, end, speakers)
    stop = min([stop] + [v.start for v in verbs if v.start > m.end])
    # ", с консультацией на тему …": what follows the position is not part of it.
    tail = re.search(r",\s*(?:с|со|на|о|об|в|по)\s", text[m.end + 1 : stop])
    stop = m.end + 1 + tail.start() if tail else stop
    rest = re.sub(r"[\s,]+(?:и|а\s+также|а)\s*$", "", text[m.end + 1 : stop]).strip(" ,")
    if rest[:1].islower() and not re.match(r"(?:а\s+также|и|а|посвящ)", rest):
        return split_position(rest)
    return shared or (None, None)


def _position_before(ctx: Context, start: int, m: PersonMention, verbs, speakers) -> str | None:
    """The words from the first position noun before the name up to it, within the clause
    and after the verb or the previous person."""
    left = max([start] + [v.end for v in verbs if v.end <= m.start])
    left = max([left] + [s.end for s in speakers if s.end <= m.start])
    words = _words(ctx.text, left, m.start)
    case = m.case or "nomn"
    k = next((i for i, w in enumerate(words) if _position_in(w.text, case)), None)
    if k is None:
        return None
    while k and _adjective(words[k - 1].text) and not _gap(ctx.text, words[k - 1], words[k]):
        k -= 1  # "главный библиотекарь": the adjectives belong to the position
    first = words[k].start
    before = _LEADING_CONJUNCTION.sub("", ctx.text[first : m.start])
    if re.search(r"(?:,|\sи|\sа\s+также)\s*$", before):
        return None  # ", президент РБА, и Ломакин …": the previous person's position
    return before.strip(" ,–—-") or None
