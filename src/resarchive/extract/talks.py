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
passive ("был подготовлен"); "Она/Он" opening a sentence is the person just named; in a
clause where talks "sounded" (`data/sound_verbs.txt`) only the authors in brackets after a
topic ("звучали предложения: создание выставок (Калабина М.В., библиотекарь)"). Not a
talk: a greeting, thanks or congratulation alone (`data/greeting_words.txt`), talks wished
("пожелав участникам ярких выступлений", `data/wish_words.txt`), or "выступить" in a role
("Модератором выступила …", `data/not_talk_roles.txt`).

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

from ..rules.dots import mask_name_dots
from ..rules.settlements import settlement_prefix
from ..rules.words import has_lemma
from .affiliation import is_position_word, split_position
from .clause_words import (
    OPENERS,
    WORD,
    Word,
    adjectives_before,
    clause_end,
    has_entry,
    words_in,
)
from .context import Context
from .morph import parses
from .people import PersonMention
from .talk_topics import ABOUT, talk_of

# "В своем выступлении он …": the talk's circumstance before its speaker, no talk itself
_OWN_TALK = r"(?:В|На)\s+(?:своем|своём|своей)\s+[а-яё]+"
# "Она рассказала …", "В своем выступлении он обозначил …": the person named just before
_PRONOUN = re.compile(rf"^\s*(?:{_OWN_TALK}\s+)?(?:[Оо]на|[Оо]н|(?P<they>[Оо]ни))\b")
_WHO_SPOKE = re.compile(r"\s*,\s*котор(?:ая|ый|ые)\s+([а-яё]+)(?:\s+([а-яё]+))?")
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


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence's clauses for talks: split at ";" and after an introducing colon
    ("выступили: А …; Б …")."""
    out, pos = [], start
    masked = mask_name_dots(text[start:end])
    # ";", an introducing colon, and a sentence end the page lost after a quote ("…» С …").
    for m in re.finditer(r";|:(?=\s*[А-ЯЁ])|(?<=»)\s+(?=(?:" + OPENERS + r")\s)", masked):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def prose_talks(
    ctx: Context,
    start: int,
    end: int,
    mentions: list[PersonMention],
    last: tuple[PersonMention, ...],
    inherited: bool = False,
    introduced: str | None = None,
) -> list[ProseTalk]:
    """The talks clause text[start:end] tells; `mentions` are the persons named in it,
    `last` the persons named together just before (for "Она рассказала …", "Они
    делились …"), `inherited` whether an
    introducing clause ("с докладами выступили:") already said these are talks, and
    `introduced` is the talk that clause told, for those who tell none of their own."""
    text = ctx.text
    words = words_in(text, start, end)
    nouns, verbs, wishes = _talk_words(ctx, start, end, words)
    speaker_words = has_entry(words, "speaker_nouns")  # "В числе докладчиков были …"
    told = bool(verbs or nouns or inherited or speaker_words)
    sounded = has_entry(words, "sound_verbs")
    if not told and not sounded:
        return []
    said = has_entry(words, "speech_verbs") + has_entry(words, "talk_support_verbs")
    if said and all(_instruction(w) for w in said):
        return []  # "Отделу (Жуков Д. А.) подготовить обзор": an instruction, not a report
    if (
        (wishes or has_entry(words, "greeting_words"))  # a wish greets too
        and not nouns
        and not _real_speech([v for v in verbs if not _relative(text, start, v)])
    ):
        return []  # "С приветственным словом обратился …, который отметил, что …": a greeting
    if _only_a_role(verbs, words):
        return []  # "Модератором выступила …": a role at the event, not a talk
    speakers = [
        m
        for m in mentions
        if (
            told
            and (_is_speaker(text, m, nouns, verbs) or _titled_speaker(text, m, speaker_words))
            or sounded
            and _bracketed_author(text, start, m)
        )
        and not _spoken_of(text, m, verbs)
        and not _greets_alone(text, start, end, m)
    ]
    pronoun = _PRONOUN.match(text[start:end])
    if not speakers and last and pronoun:
        speakers = list(last) if pronoun.group("they") else [last[-1]]
    if not speakers:
        return []
    talk = talk_of(ctx, start, end, verbs, nouns, speakers) or introduced
    # A position ends at any person named before or after it, speaker or not ("…
    # поприветствовала заведующая … Н.Ю. Балаева, библиотекарь С.А. Ленинская познакомила").
    named = sorted({*mentions, *speakers}, key=lambda m: m.start)
    found = [_affiliation(ctx, start, end, m, verbs, named) for m in speakers]
    if len(found) > 1 and found[0][0] and _plural_head(found[0][0]):
        # "Библиотекари городской детской библиотеки, В. А. Федорова и Н. А. Прохорова":
        # a plural position before coordinated names is each one's.
        found = [f if f != (None, None) else found[0] for f in found]
    return [
        ProseTalk(m, position, organization, _titled_before(text, m) or talk, len(speakers) > 1)
        for m, (position, organization) in zip(speakers, found, strict=True)
    ]


def told_talk(ctx: Context, start: int, end: int) -> str | None:
    """The talk a clause tells without naming who told it ("Интересными проектами …
    поделились коллеги-библиотекари"), for the names listed after its colon."""
    nouns, verbs, _ = _talk_words(ctx, start, end, words_in(ctx.text, start, end))
    return talk_of(ctx, start, end, verbs, nouns, []) if nouns or verbs else None


def _talk_words(
    ctx: Context, start: int, end: int, words: list[Word]
) -> tuple[list[Word], list[Word], list[Word]]:
    """A clause's talk nouns, speech verbs and wish words."""
    text = ctx.text
    orgs = [(s.start, s.stop) for s in ctx.doc.spans if s.type == "ORG"]
    nouns = [
        w
        for w in has_entry(words, "talk_nouns")
        if not _in_quotes(text, start, w.start)
        and not any(a <= w.start < b for a, b in orgs)
        and not _names_a_unit(text, start, w)
    ]
    # "С вопросом «X» выступила …": a question given a title is a talk.
    nouns += [
        Word(q.start(1), q.end(1), q.group(1))
        for q in re.finditer(r"(?<![А-Яа-яЁё])(?:[Сс]\s+)?([Вв]опрос(?:ом)?)\s*(?=«)", text[:end])
        if q.start() >= start
    ]
    # "…, пожелав всем участникам ярких выступлений": talks wished (the wish's genitive
    # object), not given ("пожелала успехов и выступила с докладом" gives one).
    wishes = has_entry(words, "wish_words")
    nouns = [n for n in nouns if not (any(w.start < n.start for w in wishes) and _genitive(n.text))]
    own = re.match(rf"\s*{_OWN_TALK}", text[start:end])
    nouns = [n for n in nouns if not (own and n.start < start + own.end())]
    nouns.sort(key=lambda w: w.start)
    verbs = [w for w in has_entry(words, "speech_verbs") if not _full_participle(w)]
    if nouns:
        verbs += [w for w in has_entry(words, "talk_support_verbs") if not _full_participle(w)]
        verbs.sort(key=lambda w: w.start)
    return nouns, verbs, wishes


# "«Стратегия развития …» (С.А. Бражникова, г. Белгород)": each title with its author in
# brackets right after it, a list of talks in one sentence.
_TITLE_THEN_BRACKET = re.compile(r"«((?:[^«»]|«[^«»]*»)+)»\s*\(\s*$")


def _titled_before(text: str, m: PersonMention) -> str | None:
    """The quoted title right before the bracket that opens with the speaker's name."""
    found = _TITLE_THEN_BRACKET.search(text, max(0, m.start - 400), m.start)
    return found.group(1).strip() if found else None


def _plural_head(position: str) -> bool:
    word = WORD.match(position)
    return bool(word) and all("plur" in p.tag for p in parses(word.group())[:1])


def _full_participle(w: Word) -> bool:
    """Not a told action: "проведенную работу", "ведущий библиограф" (an attribute, a
    position), "подготовить обзор" (an instruction). A told action is a finite verb, a
    gerund or a short participle ("был подготовлен")."""
    return not any(p.tag.POS in ("VERB", "GRND", "PRTS") and p.score >= 0.1 for p in parses(w.text))


def _instruction(w: Word) -> bool:
    return any(p.tag.POS == "INFN" for p in parses(w.text)[:1])


def _only_a_role(verbs: list[Word], words: list[Word]) -> bool:
    """ "Модератором выступила …", "В роли модератора выступила …": "выступить" with a
    role beside it, in the instrumental or after "в роли"."""
    if not verbs or any(not (v.lemmas & {"выступить", "выступать"}) for v in verbs):
        return False
    for k, w in enumerate(words):
        if not (w.lemmas & {"выступить", "выступать"}):
            continue
        beside = words[max(0, k - 1) : k] + words[k + 1 : k + 2]
        if any(has_entry([b], "not_talk_roles") and _instrumental(b.text) for b in beside):
            return True
        role = words[max(0, k - 3) : k]  # "в роли модератора выступила"
        if [r.text.lower() for r in role[:2]] == ["в", "роли"] and has_entry(
            role[2:], "not_talk_roles"
        ):
            return True
    return False


def _position_in(word: str, case: str) -> bool:
    """A position word that agrees with the name in case ("директор КГУ Хамзина", not
    "диалог со специалистами")."""
    return is_position_word(word) and any(case in p.tag for p in parses(word))


def _gap(text: str, a: Word, b: Word) -> str:
    return text[a.end : b.start].strip()


def _adjective(word: str) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF") for p in parses(word)[:1])


def _names_a_unit(text: str, start: int, noun: Word) -> bool:
    """A talk noun in the genitive after an organization's head noun names a unit, not a
    talk: "заведующая отделом краеведческой информации", "Центр правовой информации"."""
    m = re.search(r"([А-Яа-яЁё-]+)\s+$", text[start : adjectives_before(text, start, noun)])
    return bool(m) and _genitive(noun.text) and has_lemma(m.group(1), "org_heads")


def _genitive(word: str) -> bool:
    """Read first as a genitive: "выступлений", "докладов" (not "докладом").

    >>> _genitive("выступлений"), _genitive("докладом")
    (True, False)
    """
    ps = parses(word)
    return bool(ps) and "gent" in ps[0].tag


def _instrumental(word: str) -> bool:
    return any("ablt" in p.tag for p in parses(word))


def _bracketed_author(text: str, start: int, m: PersonMention) -> bool:
    """A name opening a bracket after a lower-case topic, or next in that bracket after
    "и": "создание виртуальных выставок (Калабина М.В., библиотекарь … и Радионова О.В.,
    заведующая ГДБ №3)"."""
    opened = text.rfind("(", start, m.start)
    if opened == -1 or ")" in text[opened : m.start]:
        return False
    inside = text[opened + 1 : m.start]
    return bool(re.search(r"[а-яё]\s*$", text[start:opened])) and (
        not inside.strip() or bool(re.search(r"\sи\s*$", inside))
    )


def _relative(text: str, start: int, verb: Word) -> bool:
    """The verb is in a relative clause ("…, которая отметила значимость …"): it tells
    what the person named before said in the act the sentence is about."""
    return bool(re.search(r"(?<![А-Яа-яЁё])котор(?:ый|ая|ое|ые)\s", text[start : verb.start]))


def _real_speech(verbs: list[Word]) -> bool:
    """A speech verb other than "выступить" (which a greeting also uses)."""
    return any(not (w.lemmas & {"выступить", "выступать"}) for w in verbs)


def _is_speaker(text: str, m: PersonMention, nouns: list[Word], verbs: list[Word]) -> bool:
    if m.case in (None, "nomn"):
        # "дипломом отмечены работы … (заведующая О. Н. Лукьянова)": in a passive clause
        # with no talk named the nominative is what was done, not who spoke ("было
        # представлено 15 докладов …: «X» (С. А. Бражникова)" names its talks' authors)
        return bool(nouns) or not verbs or not all(_short_passive(v) for v in verbs)
    # "библиографом С. В. Горячевой была раскрыта тема", "Вопросы … были затронуты
    # заведующей сектором … Воробьевой Н. Н.": the instrumental agent of a passive told.
    if any(_short_passive(v) for v in verbs) and (
        m.case == "ablt" or _may_be_instrumental(text[m.start : m.end])
    ):
        return True
    if m.case == "gent" and any(n.end <= m.start and m.start - n.end < 120 for n in nouns):
        return True  # "с доклада специалиста … Татьяны Лучковой": the talk's author
    # "Заведующей … Каспаровой Е. В. был подготовлен обзор": the agent of a passive.
    if _PASSIVE.search(text, m.end, m.end + 40):
        return True
    # "заслушали … Шаламову Наталию Вячеславовну, которая рассказала …": the relative
    # pronoun, in the nominative, is the speaker.
    who = _WHO_SPOKE.match(text, m.end)
    return bool(who) and any(
        w and has_lemma(w, "speech_verbs")
        for w in who.groups()  # "которая подробно рассказала"
    )


def _titled_speaker(text: str, m: PersonMention, speaker_words: list[Word]) -> bool:
    """ "при участии спикера семинара – ведущего методиста … Н.В. Мазюковой": a person
    named as the speaker, in any case, within the phrase that follows the word."""
    return any(
        0 < m.start - w.end < 150 and not re.search(r"[.;!?]\s", text[w.end : m.start])
        for w in speaker_words
    )


def _short_passive(w: Word) -> bool:
    """ "затронуты", "раскрыта": a short passive participle.

    >>> _short_passive(Word(0, 9, "затронуты")), _short_passive(Word(0, 9, "рассказала"))
    (True, False)
    """
    return any(p.tag.POS == "PRTS" for p in parses(w.text)[:1])


def _may_be_instrumental(written: str) -> bool:
    """Whether a written name can be in the instrumental: "Воробьевой Н.Н.", "С. В.
    Горячевой", not "Косьянчук Е. И." (indeclinable: a nominative reads first)."""
    return any(
        "ablt" in p.tag and {"Surn", "Name"} & p.tag.grammemes
        for word in re.findall(r"[А-ЯЁ][а-яё]{2,}", written)
        for p in parses(word)
    )


def _spoken_of(text: str, m: PersonMention, verbs: list[Word]) -> bool:
    """ "рассказала о жизни нашего земляка – Д. А. Папанова": a person the talk is about."""
    told = [v for v in verbs if v.end <= m.start]
    return bool(told) and bool(ABOUT.search(text, told[-1].end, m.start))


def _greets_alone(text: str, start: int, end: int, m: PersonMention) -> bool:
    """The part of the clause between commas that names the person greets and tells no
    talk: "Участников приветствовал глава … С.Л. Дементьев, о развитии … рассказала Е.И.
    Павлюченко" (the talk is hers alone)."""
    a = text.rfind(",", start, m.start) + 1 or start
    b = text.find(",", m.end, end)
    words = words_in(text, a, end if b < 0 else b)
    return bool(has_entry(words, "greeting_words")) and not (
        has_entry(words, "speech_verbs") or has_entry(words, "talk_nouns")
    )


def _in_quotes(text: str, line_start: int, pos: int) -> bool:
    before = text[line_start:pos]
    return before.count("«") > before.count("»")


# --------------------------------------------------------------------------- position


def written_affiliation(ctx: Context, m: PersonMention) -> tuple[str | None, str | None]:
    """The position and organization written beside a mention anywhere in the text ("…,
    директор … Зверево Елена Гросс"), within its clause."""
    start, end = ctx.sentence_bounds(m.start)
    delimiter = max(ctx.text.rfind(c, start, m.start) for c in ",;:(–—")
    return _affiliation(ctx, max(start, delimiter + 1), end, m, [], [m])


def _affiliation(
    ctx: Context, start: int, end: int, m: PersonMention, verbs: list[Word], speakers
) -> tuple[str | None, str | None]:
    """The position and organization written beside the name, as written: before it
    ("заместитель директора … А. Н. Маслова"), else after it (", библиотекарь …", "(…)")."""
    text = ctx.text
    in_bracket = text[max(0, m.start - 2) : m.start].strip() == "("
    # "«Title» (О.В. Птиченко, г. Екатеринбург)": what precedes the bracket is the title
    before = None if in_bracket else _position_before(ctx, start, m, verbs, speakers)
    shared = None
    after = text[m.end : end]
    if before:
        position, organization = split_position(before)
        bracket = re.match(r"\s*\(([^()]+)\)", after)
        if position and not organization and bracket:
            organization = bracket.group(1).strip()  # "зав. отделом А. П. Сметанина (X)"
        if (position or organization) and not (position and _plural_head(position)):
            return position, organization
        shared = position, organization  # "Библиотекари …, X, библиотекарь МКОУ …, и Y"
    if after.lstrip().startswith("("):
        inside = after.lstrip()[1:].split(")", 1)[0].strip()
        return split_position(inside) if inside else (None, None)
    from_ = re.match(r"\s+из\s+(?=[А-ЯЁ«])", after)
    if from_:  # "Навалихина Наталья Вячеславовна из МКОУ СОШ с. Полом"
        stop = clause_end(text, m.end + from_.end(), end, speakers)
        org = re.sub(r"\s+и\s*$", "", text[m.end + from_.end() : stop]).strip(" ,")
        return (shared[0] if shared else None), org or None
    dash = re.match(r"\s?[-–—]\s*(?=[а-яё])", after)  # "Диская Н.И.- зам. министра …"
    if not after.startswith(",") and not dash:
        return shared or (None, None)
    gap = dash.end() if dash else 1
    stop = clause_end(text, m.end + gap, end, speakers)
    if in_bracket:
        # "(С.А. Бражникова, г. Белгород)": inside the bracket the name opens, up to its end
        close = text.find(")", m.end, stop)
        stop = close if close != -1 else stop
    stop = min([stop] + [v.start for v in verbs if v.start > m.end])
    # ", с консультацией на тему …": what follows the position is not part of it.
    tail = re.search(r",\s*(?:с|со|на|о|об|в|по)\s", text[m.end + gap : stop])
    stop = m.end + gap + tail.start() if tail else stop
    rest = re.sub(r"[\s,]+(?:и|а\s+также|а)\s*$", "", text[m.end + gap : stop]).strip(" ,")
    if re.fullmatch(settlement_prefix() + r"\s?[А-ЯЁ][\w-]+", rest) or (
        in_bracket and rest[:1].isupper()
    ):
        return None, rest  # "(С.А. Бражникова, г. Белгород)": where she came from
    if rest[:1].islower() and not re.match(r"(?:а\s+также|и|а|посвящ)", rest):
        return split_position(rest)
    return shared or (None, None)


def _next_comma(text: str, pos: int, end: int) -> int:
    """The first comma in text[pos:end] outside quotes and brackets (`pos` when none)."""
    depth = 0
    for i in range(pos, end):
        ch = text[i]
        depth += ch in "«(" and 1 or ch in "»)" and -1 or 0
        if ch == "," and depth <= 0:
            return i + 1
    return pos


def _position_before(ctx: Context, start: int, m: PersonMention, verbs, speakers) -> str | None:
    """The words from the first position noun before the name up to it, within the clause
    and after the verb or the previous person."""
    left = max([start] + [v.end for v in verbs if v.end <= m.start])
    previous = [s for s in speakers if s.end <= m.start]
    if previous and previous[-1].end >= left:
        left = previous[-1].end
        if ctx.text.startswith(",", left) and not _position_before(
            ctx, start, previous[-1], verbs, previous[:-1]
        ):
            # "Н. В. Ильина, директор МУК «ЦБС», зав. отделом А. П. Сметанина": what follows
            # a person without a position before the name, up to the comma, is that person's
            left = _next_comma(ctx.text, left + 1, m.start)
    words = words_in(ctx.text, left, m.start)
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
