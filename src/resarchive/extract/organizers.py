"""The event's organizers, from what the text says of them.

"X организовала", "организован(а) X совместно с Y", "Организаторы: …", "Его организовали
X и Y"; supporters ("при поддержке") are not organizers. Names are nominative, legal form
dropped. When the text names none, `extract_event` takes the organization of the document's
letterhead, with a warning saying so.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import nlp
from ..rules.dates import find_dates
from ..rules.dots import mask_name_dots
from ..rules.legal_forms import is_letterhead, strip_legal_form
from ..rules.quotes import without_quotes
from .context import Context
from .mentions import title_key
from .morph import capitalize_first
from .phrases import phrase_nominative


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


@lru_cache(maxsize=50_000)
def _is_animate_noun(word: str) -> bool:
    """ "Специалисты", "Участники": people, not an organization, as a subject."""
    parses = [p for p in nlp.morph().parse(word.lower()) if p.score >= 0.1]
    return bool(parses) and parses[0].tag.POS == "NOUN" and "anim" in parses[0].tag


def organizers(ctx: Context, plain_narrative: str) -> list[str]:
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
        name = strip_legal_form(capitalize_first(name))
        if name and all(title_key(name) != title_key(f) for f in found):
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
        start, _ = ctx.sentence_bounds(m.start())
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
            rest_end = ctx.sentence_bounds(m.start())[1]
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
        rest_end = ctx.sentence_bounds(m.start())[1]
        joint = _JOINTLY.search(plain_narrative, m.end(), rest_end)
        if joint:
            for org in _split_orgs(text[joint.start("b") : joint.end("b")]):
                add(org, inflect=True)
    return found


def heading_organizers(ctx: Context) -> list[str]:
    out = []
    for line in ctx.layout.heading:
        text = line.text.strip()
        if is_letterhead(text) and not re.match(r"(?:Отдел|Сектор)\b", text):
            out.append(strip_legal_form(text))
    return out
