"""The event's organizers, from what the text says of them.

- "Организаторы: A, B и C", "Организаторами конференции выступили A, B и C", "Как отметили
  организаторы форума – A и B –";
- "Съезд был организован A, B, C" (the list to the end of the sentence), "организован(а)
  A совместно с B", "совещание …, организованное A";
- "A организовала / провела / проводит / приглашает …", "Его организовали A и B";
- "семинар-практикум Самарской областной юношеской библиотеки": an event of a body;
- "при (участии и) поддержке A, B и C": supporters (`supporters`), taken as the
  organizers only when the text names no other (`extract_event` says so in a warning).
Names are nominative, legal form dropped, a parenthesis after a name ("(РГДБ)", "(факультет
…)") left out. When the text names none, `extract_event` takes the organization of the
document's letterhead, with a warning saying so.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import nlp
from ..rules.dates import find_dates
from ..rules.dots import mask_name_dots
from ..rules.legal_forms import is_letterhead, strip_legal_form
from ..rules.quotes import without_quotes
from ..rules.words import forms_pattern, is_entry
from .context import Context
from .mentions import Mention, title_key
from .morph import capitalize_first, is_animate_noun, is_verb
from .phrases import phrase_nominative

# Where a list of organizations ends: the sentence's end, a closing dash, a clause, a
# phrase of its own ("при поддержке", "в рамках", "на базе").
_LIST_END = re.compile(
    r"[.;:!?\n]|\s[–—-]\s|,\s*(?:чтобы|котор|а\s+также\s+[а-яё])|\sсовместно\s+с\s"
    r"|\s(?:при|с целью|в целях|в рамках|на базе|в ходе|в честь)\s+[а-яё]"
)


_AND_OTHERS = re.compile(r"\s*,?\s+и\s+(?:др|другие|других|пр|т\.\s*д|т\.\s*п)\.?\s*$")


def _split_orgs(text: str) -> list[str]:
    """ "A, B и C" -> [A, B, C], not splitting inside quotes, nor before lower-case words
    that are not an organization of their own ("Министерство культуры, национальной
    политики и архивного дела" stays one; "…, областная научная библиотека и …" splits)."""
    text = _AND_OTHERS.sub("", text)  # "A, B и др.": the list is A and B
    plain = without_quotes(text)
    cuts = [0]
    for m in re.finditer(r"\s*(?:,|;|\s+и\s+)", plain):
        nxt = m.end() + len(text[m.end() :]) - len(text[m.end() :].lstrip())
        if nxt >= len(text):
            continue
        first = text[nxt]
        if not (first.isalpha() or first in '«"“'):
            continue
        if is_verb(re.match(r"[а-яё]*", text[nxt:]).group()):
            text = text[: m.start()]  # "при поддержке X, рассказала о …": the list ended
            break
        if first.islower() and not _names_a_body(re.split(r",|\s+и\s+", text[nxt:], maxsplit=1)[0]):
            continue
        cuts += [m.start(), nxt]
    cuts.append(len(text))
    parts = [text[cuts[i] : cuts[i + 1]] for i in range(0, len(cuts), 2)]
    return [p.strip(" ,;.") for p in parts if p.strip(" ,;.")]


def _names_a_body(text: str) -> bool:
    """Lower-case words that head an organization: "областная научная библиотека"."""
    words = re.findall(r"[а-яё]+", text)[:4]
    return any(is_entry(w, "org_heads") for w in words)


_PARENTHESIS = re.compile(r"\([^()\n]{0,120}\)")


def _list_at(ctx: Context, masked: str, start: int) -> list[str]:
    """The organizations listed from `start` to the list's end (a dash inside a
    parenthesis, "(далее – УОНБ)", does not end it)."""
    masked = _PARENTHESIS.sub(lambda p: " " * len(p.group()), masked)
    m = _LIST_END.search(masked, start)
    end = m.start() if m else len(masked)
    return _split_orgs(ctx.text[start:end])


_ORGANIZERS_LIST = re.compile(
    r"(?<![А-Яа-яЁё])(?:[Сс]о)?[Оо]рганизатор(?:ы|ами|ом)?(?:\s+[а-яё]+){0,2}\s*"
    r"(?:[-–—:]|выступ(?:ил|а)[а-яё]*|стал[а-яё]*|являются|являлись|является|был[аио]?)\s*(?=[А-ЯЁа-яё«\"])"
    # a form's label on a line of its own ("Организаторы" / "Министерство …"), joined
    r"|^(?:[Сс]о)?[Оо]рганизатор(?:ы)?[ ]+(?=[А-ЯЁ«\"])",
    re.M,
)
# "Съезд был организован A", also the full participle ("совещание …, организованное A").
_ORGANIZED_BY = re.compile(
    r"\b(?:организован|инициирован|провед[её]н|учрежд[её]н)"
    r"(?:[аоы]|н(?:ый|ая|ое|ые|ого|ой|ую|ых|ым|ом))?\s+(?=[А-ЯЁ«\"])"
)
_ORGANIZED = re.compile(
    r"\b(?:организовал[аои]?|провел[аои]?|провёл|провод[яи]т|организу[юе]т|приглаша[ею]т)\b"
    r"(?:\s+проведение)?"
)
_JOINTLY = re.compile(
    r"\b(?:совместно|в\s+партн[её]рстве|в\s+сотрудничестве)\s+с(?:о)?\s+(?=[А-ЯЁ«\"])"
)
_PARTNERED = re.compile(r"\bорганизован[аоы]?\s+в\s+партн[её]рстве\s+с")
_HOST = re.compile(r"\b[Нн]а\s+базе\s+(?=[А-ЯЁ«\"])")
_SUPPORT = re.compile(
    r"\bпри\s+(?:(?:информационной|финансовой|организационной)\s+)?(?:участии\s+и\s+)?"
    r"поддержке\s+(?=[А-ЯЁ«\"])"
)


class _Found(list):
    """Organizer names in order, each once (compared without case and punctuation)."""

    def add(self, raw: str, inflect: bool = True) -> None:
        raw = raw.strip(" ,;.")
        # "X (далее – УОНБ)", "X (РГДБ)", "X (факультет …)": not part of the name.
        raw = re.sub(r"\s*\([^()]{1,120}\)", "", raw).strip(" ,;.")
        if not raw or len(raw.split()) > 20:
            return
        name = phrase_nominative(raw) if inflect else raw
        name = strip_legal_form(capitalize_first(name))
        if name and all(title_key(name) != title_key(f) for f in self):
            self.append(name)


def organizers(ctx: Context, plain_narrative: str, event: Mention | None = None) -> list[str]:
    """The organizers the narrative names. `event` is the chosen event mention, for
    "семинар Самарской … библиотеки"."""
    masked = mask_name_dots(plain_narrative)
    found = _Found()
    for m in _PARTNERED.finditer(masked):
        # "На базе X состоялся круглый стол, который был организован в партнёрстве с Y":
        # organized without an agent, the host is the one that partnered.
        sentence_start = max(masked.rfind(".", 0, m.start()), masked.rfind("\n", 0, m.start()))
        host = _HOST.search(masked, sentence_start + 1, m.start())
        if host:
            found.add(_host_name(ctx.text, host.end(), m.start()))
    for rx in (_ORGANIZERS_LIST, _ORGANIZED_BY, _JOINTLY):
        for m in rx.finditer(masked):
            for org in _list_at(ctx, masked, m.end()):
                if org[:1].isupper() or _names_a_body(org):
                    found.add(org)
    for m in _ORGANIZED.finditer(masked):
        _subject_organizers(ctx, masked, m, found)
    for org in _listed_below(ctx):
        found.add(org, inflect=False)
    if event is not None:
        _owner(ctx, event, found)
    return list(found)


# "Организаторы конференции:" ending its line, the organizers listed on the lines below.
_LABEL_ABOVE = re.compile(r"(?:[Сс]о)?[Оо]рганизатор(?:ы|ами)?(?:\s+[а-яё]+){0,2}\s*:\s*$")


def _listed_below(ctx: Context) -> list[str]:
    """ "Организаторы конференции:\n- Государственная … библиотека (ГПНТБ СО РАН),\n- …":
    the list items under the label, one organizer each."""
    lines = ctx.layout.lines
    for i, line in enumerate(lines):
        if _LABEL_ABOVE.search(line.text):
            items = []
            for below in lines[i + 1 :]:
                if not below.is_item:
                    break
                items.append(below.body)
            return items
    return []


def _host_name(text: str, start: int, end: int) -> str:
    """The institution named from `start` up to the sentence's verb ("Новосибирской …
    библиотеки состоялся …" -> the library's name)."""
    stop = end
    for w in re.finditer(r"[А-Яа-яЁё-]+|[,;:()]", text[start:end]):
        word = w.group()
        if not word[0].isalpha():
            stop = start + w.start()
            break
        parses = [p for p in nlp.morph().parse(word.lower()) if p.score >= 0.1]
        if parses and parses[0].tag.POS in ("VERB", "PRTS", "INFN", "GRND"):
            stop = start + w.start()
            break
    return text[start:stop]


def supporters(ctx: Context, plain_narrative: str) -> list[str]:
    """ "при участии и поддержке A, B и C": the bodies that supported the event."""
    masked = mask_name_dots(plain_narrative)
    found = _Found()
    for m in _SUPPORT.finditer(masked):
        for org in _list_at(ctx, masked, m.end()):
            found.add(org)
    return list(found)


def _subject_organizers(ctx: Context, masked: str, m: re.Match, found: _Found) -> None:
    """ "A и B провели семинар", "Его организовали A и B"."""
    text = ctx.text
    start, rest_end = ctx.sentence_bounds(m.start())
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
    clause = _day_month().sub("", clause)  # "28 октября ЦСДБ провела …": a date without a year
    clause = re.sub(r"^\s*(?:В|Во|На|По)\s+[^А-ЯЁ]*", "", clause).strip()
    if re.search(r"(?<![А-Яа-яЁё])(?:[Ее]го|[Ее][её]|[Ии]х)$", clause):
        # "Его организовали X и Y": the organizers follow the verb.
        for org in _split_orgs(text[m.end() : rest_end].strip()):
            found.add(org, inflect=False)
        return
    first_word = re.match(r"[А-ЯЁа-яё]+", clause)
    if first_word and is_animate_noun(first_word.group(0)):
        return  # "Специалисты РГДБ провели мастер-классы": people, not an organizer
    if _has_verb_or_pronoun(clause):
        return  # "…, объявила методист Н. В. Егорова, так же она провела": not a subject
    if clause[:1].isupper() and 1 <= len(clause.split()) <= 20:
        # "ЦСДБ совместно с городским методическим объединением провела семинар": both
        jointly = re.split(r"\s+(?:совместно|вместе)\s+со?\s+", clause, maxsplit=1)
        if len(jointly) == 2:
            found.add(jointly[0], inflect=False)
            for org in _split_orgs(jointly[1]):
                found.add(org)  # in the instrumental
            return
        plural = re.search(r"(?:и|ят|ют)$", m.group(0).split()[0])
        for org in _split_orgs(clause) if plural else [clause]:
            found.add(org, inflect=False)


def _has_verb_or_pronoun(clause: str) -> bool:
    """A clause with a finite verb or a personal pronoun of its own is no organizer's name
    (a subject phrase before "провела" has neither).

    >>> _has_verb_or_pronoun("Гостей поприветствовала заведующая, а З.Г. Кузнецова")
    True
    >>> _has_verb_or_pronoun("Центральная библиотека совместно с отделом культуры")
    False
    """
    words = re.findall(r"[а-яё]+", clause.lower())
    return any(word in ("она", "он", "они") or is_verb(word) for word in words)


_WORD = re.compile(r"\s+([А-Яа-яЁё-]+)")


@lru_cache(maxsize=1)
def _day_month() -> re.Pattern:  # noqa: N802  (a compiled pattern, made on first use)
    months = forms_pattern("months")
    return re.compile(r"^\s*\d{1,2}(?:\s*[-–—]\s*\d{1,2})?\s+(?:" + months + r")(?![а-яё])\s*")


def _owner(ctx: Context, event: Mention, found: _Found) -> None:
    """ "семинар-практикум Самарской областной юношеской библиотеки": the event of a body
    (not a meeting, whose owner is the body that meets): capitalized adjectives and an
    organization head in the genitive right after the event word."""
    if event.type == "meeting":
        return
    pos, words = event.end, []
    while (m := _WORD.match(ctx.text, pos)) and len(words) < 6:
        words.append(m.group(1))
        pos = m.end()
        if is_entry(m.group(1), "org_heads"):
            if words[0][:1].isupper() and _genitive(m.group(1)):
                found.add(ctx.text[event.end : pos])
            return
        if not _adjective(m.group(1)):
            return


@lru_cache(maxsize=50_000)
def _adjective(word: str) -> bool:
    return any(p.tag.POS in ("ADJF", "PRTF") for p in nlp.morph().parse(word.lower())[:2])


@lru_cache(maxsize=50_000)
def _genitive(word: str) -> bool:
    return any("gent" in p.tag for p in nlp.morph().parse(word)[:2])


def heading_organizers(ctx: Context) -> list[str]:
    out = []
    for line in ctx.layout.heading:
        text = line.text.strip()
        if is_letterhead(text) and not re.match(r"(?:Отдел|Сектор)\b", text):
            out.append(strip_legal_form(text))
    return out
