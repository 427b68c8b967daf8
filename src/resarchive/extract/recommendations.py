"""Recommendations: the operative part of a resolution, item by item.

An operative section opens with an introducing line ending in a colon whose last
clause is operative ("… рекомендуют:", "постановили:", "приняты следующие решения:",
"определили:", "обозначили следующие направления деятельности:", "необходимо решать
следующие задачи:", "считает необходимым:", "предлагает:") or with a bare heading
("РЕКОМЕНДАЦИИ", "Постановили"). Its items are the numbered ("1.", "1)") or bulleted
("•", "-", "–") lines that follow, or - when no list follows - the paragraphs that
read as instructions (an infinitive first, possibly after a dative addressee). The
section ends at the first prose paragraph that is neither an item, a continuation
of one, nor an addressee heading.

Lists introduced by talks, topics, questions, programmes, cities or people
("были заслушаны выступления:", "считают важными вопросы:") are not operative.

Addressees (nominative, via `names.phrase_nominative`):
- an addressee heading inside the section ("Органам местного самоуправления:",
  "Для библиотек области:") applies to every item under it;
- an introducing line that names one ("рекомендуют органам власти:",
  "библиотекарям необходимо решать следующие задачи:") applies to its items;
- an item that opens with a dative noun phrase followed by an infinitive or by
  "необходимо/следует/рекомендуется" ("Муниципальным ЦБС обеспечить …") carries
  that addressee, which wins over the heading;
- otherwise null: no guessing.

An item that itself ends with a colon and is followed by sub-items of another
marker kind that are not instructions ("Ввести в состав Клуба: – А; – Б") is ONE
recommendation with the sub-items appended.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..record.models import Recommendation
from ..rules.quotes import without_quotes
from .context import Context
from .event import Line, lines_of
from .names import parses, phrase_nominative

_MARKER = re.compile(
    r"^(?:(?P<num>\d{1,3}(?:\.\d{1,3})*)[.)]|(?P<bullet>[•●▪◦·‣∙*]|[-–—](?=\s))|"
    r"(?P<letter>[а-ик-яё]\)(?=\s)))\s*"
)
_TERMINAL = ".;!?…"

# Intro wording. Strong operative words win over non-operative ones, which win over
# weak operative ones ("обсудив вопросы, рекомендуют:" is operative; "обозначили
# вопросы:" is not; "обозначили следующие направления деятельности:" is).
_STRONG = re.compile(
    r"рекоменд|постанов|решил|определил|предлага|предложил|поручи|просит|просим|просят|"
    r"призыва|считае?т\s+(?:необходим|целесообразн|нужн)|считают\s+(?:необходим|целесообразн|"
    r"нужн)|необходимо|следует|нужно|договорил|решено|обязу",
    re.I,
)
_NON_OPERATIVE = re.compile(
    r"выступлени|доклад|заслушан|выступил|вопрос|\bтем[аыу]?\b|тематик|обсужд|рассмотрен|"
    r"программ|приняли участие|принимали участие|участвовал|в том числе|таких как|представлен|"
    r"прозвучал|спикер|город|регион|состав[ае]?\b|проблем|трудност|сложност|итог[иа] работы|"
    r"мероприяти[яй]\s*$|цел[ьи]\b|направлени\w*\s+работы\s+(?:конференц|семинар|форум|секци|"
    r"кругл|совещани|чтени|школ|конгресс)",
    re.I,
)
_WEAK = re.compile(
    r"направлени\w*|задач|решени[яей]|мер[ыау]?\b|приоритет|предложени[яй]|резолюци|"
    r"выработал|одобрил|считает|считают|пут[иь]\b|шаг[иов]*\b",
    re.I,
)
_BARE_HEADING = re.compile(
    r"^\W*(?:рекомендации|рекомендуем|рекомендуется|решение|решения|решили|постановили|"
    r"постановляет|предложения|резолюция)\W*$",
    re.I,
)
_MODAL = re.compile(
    r"^(?:необходимо|следует|нужно|надо|рекомендуется|рекомендовано|предлагается|поручается|"
    r"важно|целесообразно|должны|должен|должна)\b",
    re.I,
)
_INTRO_VERB = re.compile(
    r"(?:рекоменду\w*|рекомендовать|предлага\w*|предложить|поручить|поруча\w*|просит\w*|"
    r"просят|просим|обратиться\s+к)\s+",
    re.I,
)


@dataclass
class _Item:
    number: int | None
    text: str
    start: int  # clean-text offsets of the item body (without its marker)
    end: int
    addressee: str | None
    section: str | None
    marker_kind: str  # "num" or "bullet"
    open_parent: bool = False  # ends with ":" and takes the sub-items that follow


# --------------------------------------------------------------------------- morphology


@lru_cache(maxsize=50_000)
def _pymorphy_infinitive(word: str) -> bool:
    ps = parses(word)
    return bool(ps) and ps[0].tag.POS == "INFN"


def _tokens_in(ctx: Context, start: int, end: int) -> list:
    tokens = ctx.doc.tokens
    i = bisect.bisect_left([t.start for t in tokens], start)
    out = []
    for tok in tokens[i:]:
        if tok.stop > end:
            break
        out.append(tok)
    return out


def _is_inf(tok) -> bool:
    if tok.pos in ("VERB", "AUX") and tok.feats.get("VerbForm") == "Inf":
        return True
    return tok.text[:1].islower() and _pymorphy_infinitive(tok.text)


_NP_POS = {"NOUN", "PROPN", "ADJ", "DET", "NUM", "ADP", "CCONJ", "PUNCT", "X", "SYM"}


def dative_np(
    ctx: Context, start: int, end: int, until_colon: bool = False
) -> tuple[int, int] | None:
    """A dative noun phrase at `start` that is followed by an infinitive or a modal word
    ("Муниципальным ЦБС обеспечить", "Специалистам библиотек необходимо"); with
    `until_colon`, one that fills the text up to a final colon ("Органам власти:").
    Returns its clean-text span."""
    toks = _tokens_in(ctx, start, end)
    if not toks:
        return None
    first = toks[0]
    if (
        not until_colon
        and re.fullmatch(r"[А-ЯЁ]{2,8}", first.text)
        and len(toks) > 1
        and _is_inf(toks[1])
    ):
        return first.start, first.stop  # "ООУНБ провести …": an abbreviation does not decline
    if not _nominal(first) or not _has_dative_reading(first.text):
        return None
    # The tagger's case is unreliable on a lone adjective ("Муниципальным ЦБС" came out
    # Ins): trust it on the first word or on the first noun, the phrase's head.
    head = next((t for t in toks[:4] if t.pos in ("NOUN", "PROPN")), first)
    if "Dat" not in (first.feats.get("Case"), head.feats.get("Case")) and not (
        _only_dative(first.text) if not until_colon else _may_be_dative_heading(first.text)
    ):
        # The tagger misses the case before an indeclinable head ("Грайворонской ЦБС
        # обобщить"); a first word that can only be dative (or gen/ins/loc, never
        # nom/acc) still opens an addressee when an infinitive follows.
        return None
    last = first
    paren = False  # "Отделу (Жуков Д. А.) подготовить": a parenthesis inside the phrase
    adverbs = 0  # "Библиотекам края шире использовать": adverbs before the infinitive
    for tok in toks[1:25]:
        if paren:
            paren = tok.text != ")"
            continue
        if until_colon and tok.text == ":":
            return (
                (first.start, last.stop)
                if tok is toks[-1] or _only_space_after(ctx, tok, end)
                else None
            )
        if not until_colon and (_is_inf(tok) or _MODAL.match(tok.text)):
            return first.start, last.stop
        if tok.text == "(" and not until_colon:
            paren = True
            continue
        if not until_colon and _is_adverb(tok) and adverbs < 2:
            adverbs += 1
            continue
        if adverbs:
            return None  # an adverb not followed by the infinitive
        if tok.text.lower() in ("им", "имени"):
            last = tok  # "библиотеке им. Н. Н. Асеева организовать"
            continue
        if not (tok.pos in _NP_POS or _nominal(tok)) or tok.text in ",;:" and not until_colon:
            return None
        if tok.text in ".;" and until_colon:
            return None
        last = tok
    if until_colon:
        return None
    return None


@lru_cache(maxsize=50_000)
def _only_dative(word: str) -> bool:
    """A word with a dative reading and no nominative/accusative one ("Грайворонской")."""
    ps = [p for p in parses(word) if p.score >= 0.05]
    return (
        bool(ps)
        and any("datv" in p.tag for p in ps)
        and not any(c in p.tag for p in ps for c in ("nomn", "accs"))
    )


@lru_cache(maxsize=50_000)
def _may_be_dative_heading(word: str) -> bool:
    """A heading's first word ("Российской библиотечной ассоциации:") that can be dative
    and cannot be nominative or accusative, however rare its dative reading."""
    ps = parses(word)
    return any("datv" in p.tag for p in ps) and not any(
        c in p.tag for p in ps for c in ("nomn", "accs")
    )


def _is_adverb(tok) -> bool:
    """ "шире", "активнее", "ежегодно": an adverb or a comparative before the infinitive."""
    if tok.pos == "ADV" or tok.feats.get("Degree") == "Cmp":
        return not _MODAL.match(tok.text)
    return any(p.tag.POS in ("ADVB", "COMP") and p.score >= 0.3 for p in parses(tok.text))


def _nominal(tok) -> bool:
    """A word of a noun phrase; the tagger calls a capitalized adjective a participle
    at times ("Методическому отделу"), so participles count."""
    if tok.pos in ("NOUN", "PROPN", "ADJ", "DET"):
        return True
    return tok.pos == "VERB" and tok.feats.get("VerbForm") == "Part"


def _only_space_after(ctx: Context, tok, end: int) -> bool:
    return not ctx.text[tok.stop : end].strip()


@lru_cache(maxsize=50_000)
def _has_dative_reading(word: str) -> bool:
    if word.isupper():
        return True
    return any("datv" in p.tag for p in parses(word))


def _nominative(text: str) -> str:
    text = text.strip(" ,;:")
    out = phrase_nominative(text, prefer_singular=False)
    return out[:1].upper() + out[1:]


_FOR = re.compile(r"^(?:Для|В\s+адрес)\s+(?P<np>[^:]{3,120}):\s*$")


_ABBR_HEADING = re.compile(r"^\s*(?P<np>[А-ЯЁ]{2,6}(?:(?:\s*,\s*|\s+и\s+)[А-ЯЁ]{2,6})*)\s*:\s*$")


def heading_addressee(ctx: Context, start: int, end: int) -> str | None:
    """ "Органам местного самоуправления:" / "Для библиотек области:" -> the addressee."""
    text = ctx.text[start:end]
    if not text.rstrip().endswith(":") or len(text.split()) > 15:
        return None
    m = _FOR.match(text)
    if m:
        return _nominative(m.group("np"))
    m = _ABBR_HEADING.match(text)
    if m:  # "УОНБ:": an abbreviation does not decline, so it reads as written
        return m.group("np")
    verb = _INTRO_VERB.match(text)
    if verb:  # "Рекомендовать органам власти:"
        start += verb.end()
    np = dative_np(ctx, start, end, until_colon=True)
    if np:
        return _nominative(ctx.text[np[0] : np[1]])
    return None


def item_addressee(ctx: Context, start: int, end: int) -> str | None:
    """The dative addressee an item opens with ("оргкомитету разместить …")."""
    np = dative_np(ctx, start, end)
    if np:
        return _nominative(ctx.text[np[0] : np[1]])
    return None


def _starts_with_instruction(ctx: Context, start: int, end: int) -> bool:
    toks = _tokens_in(ctx, start, min(end, start + 200))
    words = [t for t in toks if t.pos != "PUNCT"]
    if not words:
        return False
    # "Шире освещать …": an adverb or two may come before the infinitive.
    lead = 0
    while (
        lead < min(2, len(words) - 1)
        and words[lead].pos == "ADV"
        and not _MODAL.match(words[lead].text)
    ):
        lead += 1
    first = words[lead]
    if _is_inf(first) or _pymorphy_infinitive(first.text) or _MODAL.match(first.text):
        return True
    if dative_np(ctx, start, end) is not None:
        return True
    return _object_then_infinitive(words)


def _object_then_infinitive(words: list) -> bool:
    """ "Следующее заседание клуба провести в октябре": a short noun phrase (the object,
    not a dative) and then the infinitive, with no finite verb before it."""
    if not words or words[0].pos not in ("NOUN", "ADJ", "DET", "PROPN"):
        return False
    for tok in words[1:7]:
        if _is_inf(tok):
            return True
        if tok.pos not in ("NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM", "CCONJ"):
            return False
    return False


# --------------------------------------------------------------------------- intros


def _last_sentence(text: str) -> str:
    text = text.strip().rstrip(":").strip()
    plain = without_quotes(text)
    cuts = [m.end() for m in re.finditer(r"[.!?]\s+(?=[А-ЯЁ«])", plain)]
    return text[cuts[-1] :] if cuts else text


def _last_clause(sentence: str) -> str:
    plain = without_quotes(sentence)
    cut = max(plain.rfind(","), plain.rfind(";"))
    return sentence[cut + 1 :] if cut >= 0 else sentence


def classify_intro(text: str) -> bool | None:
    """True: introduces an operative list; False: a list of something else; None: neither."""
    sentence = without_quotes(_last_sentence(text))
    for part in (_last_clause(sentence), sentence):
        if _STRONG.search(part):
            return True
        if _NON_OPERATIVE.search(part):
            return False
        if _WEAK.search(part):
            return True
    return None


def _intro_addressee(ctx: Context, line: Line) -> str | None:
    """ "… рекомендуют органам власти:" / "библиотекарям необходимо решать задачи:"."""
    sentence = _last_sentence(line.text)
    s_start = line.start + line.text.rfind(sentence)
    clause = _last_clause(sentence)
    c_start = s_start + sentence.rfind(clause) + (len(clause) - len(clause.lstrip()))
    np = dative_np(ctx, c_start, line.end)
    if np:
        return _nominative(ctx.text[np[0] : np[1]])
    # "По итогам вебинара библиотекам области рекомендовано:": a dative phrase inside
    # the clause, right before the modal word (not one governed by a preposition).
    toks = _tokens_in(ctx, c_start, line.end)
    for prev, tok in zip([None, *toks], toks, strict=False):
        if prev is not None and prev.pos == "ADP" or tok.feats.get("Case") != "Dat":
            continue
        np = dative_np(ctx, tok.start, line.end)
        if np and _MODAL.match(ctx.text[np[1] : line.end].lstrip()):
            return _nominative(ctx.text[np[0] : np[1]])
    for m in _INTRO_VERB.finditer(ctx.text, c_start, line.end):
        np = dative_np(ctx, m.end(), line.end, until_colon=True)
        if np:
            return _nominative(ctx.text[np[0] : np[1]])
    return None


# --------------------------------------------------------------------------- items


def _marker(line: Line) -> tuple[str | None, int | None, int]:
    """(kind, number, body offset in the line) of a list item; kind None for prose."""
    m = _MARKER.match(line.text)
    if not m:
        return None, None, 0
    if m.group("num"):
        return "num", int(m.group("num").split(".")[-1]), m.end()
    if m.group("letter"):  # "а)", "б)": sub-items of a numbered item
        return "letter", None, m.end()
    return "bullet", None, m.end()


def _is_talk_or_name_list(ctx: Context, items: list[_Item]) -> bool:
    """A "list" made of talks ("…, докладчик …") or of people is never operative."""
    talks = sum(bool(re.search(r"\bдокладчи|\bвыступающ", it.text, re.I)) for it in items)
    return bool(items) and talks * 2 >= len(items)


def _new_item(
    ctx: Context,
    line: Line,
    kind: str,
    number: int | None,
    body: int,
    section: str | None,
    addressee: str | None,
) -> _Item:
    start = line.start + body
    own = item_addressee(ctx, start, line.end)
    text = ctx.text[start : line.end].strip()
    return _Item(
        number,
        text,
        start,
        line.end,
        own or addressee,
        section,
        kind,
        open_parent=text.endswith(":"),
    )


def _continues(prev: _Item, body_text: str) -> bool:
    """A page or line break inside an item: the next line goes on with a lowercase word."""
    return bool(body_text) and body_text[0].islower() and prev.text[-1:] not in _TERMINAL


def _extend(item: _Item, text: str, end: int) -> None:
    item.text = f"{item.text} {text.strip()}".strip()
    item.end = end


def _scan(ctx: Context, lines: list[Line]) -> list[_Item]:
    items: list[_Item] = []
    section: str | None = None
    section_addressee: str | None = None
    addressee: str | None = None
    active = False
    block: list[_Item] = []  # the items of the current section
    mode: str | None = None  # "list" or "para" once the section shows its form

    def close() -> None:
        nonlocal active, block, mode
        if block and not _is_talk_or_name_list(ctx, block):
            items.extend(block)
        active, block, mode = False, [], None

    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        kind, number, body = _marker(line)
        body_text = line.text[body:].strip()
        # An introducing line (prose ending in a colon, or a bare heading).
        if kind is None and (text.endswith(":") or _BARE_HEADING.match(text)):
            if active:
                heading = heading_addressee(ctx, line.start, line.end)
                if heading:
                    addressee = heading
                    continue
            verdict = classify_intro(text) if text.endswith(":") else True
            close()
            if verdict:
                active = True
                section = _last_sentence(text) if text.endswith(":") else text.strip(" :")
                section_addressee = _intro_addressee(ctx, line) if text.endswith(":") else None
                addressee = section_addressee
            continue
        if not active:
            continue
        prev = block[-1] if block else None
        if kind is not None:
            if prev and kind != prev.marker_kind and _continues(prev, body_text):
                _extend(prev, body_text, line.end)  # a stray "- " before a continued line
                continue
            if prev and prev.open_parent and kind != prev.marker_kind:
                sub_start = line.start + body
                if not _starts_with_instruction(ctx, sub_start, line.end):
                    _extend(prev, body_text, line.end)  # "Ввести в состав: – А; – Б"
                    continue
            if body_text.endswith(":"):
                heading = heading_addressee(ctx, line.start + body, line.end)
                if heading:
                    addressee = heading
                    continue
            mode = "list"
            block.append(_new_item(ctx, line, kind, number, body, section, addressee))
            continue
        # Prose inside a section.
        if prev and _continues(prev, text):
            _extend(prev, text, line.end)
            continue
        if mode in (None, "para") and _starts_with_instruction(ctx, line.start, line.end):
            mode = "para"
            block.append(_new_item(ctx, line, "para", None, 0, section, addressee))
            continue
        close()
    close()
    return items


def _fallback(ctx: Context, lines: list[Line]) -> list[_Item]:
    """No operative intro at all: list items that are instructions (an infinitive first)."""
    items: list[_Item] = []
    for line in lines:
        kind, number, body = _marker(line)
        if kind is None:
            continue
        start = line.start + body
        if _starts_with_instruction(ctx, start, line.end):
            items.append(_new_item(ctx, line, kind, number, body, None, None))
    if _is_talk_or_name_list(ctx, items):
        return []
    return items


def extract_recommendations(ctx: Context) -> list[Recommendation]:
    """The operative items of the document, in order, with number, section and addressee."""
    lines = lines_of(ctx.text)
    items = _scan(ctx, lines) or _fallback(ctx, lines)
    out = []
    for it in items:
        text = re.sub(r"\s+", " ", it.text).strip()
        if not text:
            continue
        out.append(
            Recommendation(
                number=it.number,
                section=it.section,
                addressee=it.addressee,
                text=text,
                span=ctx.span(it.start, it.end),
            )
        )
    if not out:
        ctx.warn("recommendations: no operative part found")
    return out
