"""Addressees: whom a recommendation is addressed to, as a dative noun phrase.

- an addressee heading ("Органам местного самоуправления:", "Для библиотек области:",
  "УОНБ:") applies to every item under it;
- an introducing line that names one ("рекомендуют органам власти:", "библиотекарям
  необходимо решать следующие задачи:") applies to its items;
- an item that opens with a dative noun phrase followed by an infinitive or a modal
  word ("Муниципальным ЦБС обеспечить …") carries that addressee, which wins over the
  heading.
Addressees are put into the nominative (`names.phrase_nominative`). The dative phrase is
read from natasha's morphology with pymorphy3 where the tagger is unsure.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..layout import Line
from .context import Context
from .morph import parses
from .operative import is_modal, last_clause, last_sentence, starts_modal
from .phrases import phrase_nominative

_INTRO_VERB = re.compile(
    r"(?:рекоменду\w*|рекомендовать|предлага\w*|предложить|поручить|поруча\w*|просит\w*|"
    r"просят|просим|обратиться\s+к)\s+",
    re.I,
)


@lru_cache(maxsize=50_000)
def pymorphy_infinitive(word: str) -> bool:
    ps = parses(word)
    return bool(ps) and ps[0].tag.POS == "INFN"


def tokens_in(ctx: Context, start: int, end: int) -> list:
    tokens = ctx.doc.tokens
    i = bisect.bisect_left([t.start for t in tokens], start)
    out = []
    for tok in tokens[i:]:
        if tok.stop > end:
            break
        out.append(tok)
    return out


def is_inf(tok) -> bool:
    if tok.pos in ("VERB", "AUX") and tok.feats.get("VerbForm") == "Inf":
        return True
    return tok.text[:1].islower() and pymorphy_infinitive(tok.text)


_NP_POS = {"NOUN", "PROPN", "ADJ", "DET", "NUM", "ADP", "CCONJ", "PUNCT", "X", "SYM"}


def dative_np(
    ctx: Context, start: int, end: int, until_colon: bool = False
) -> tuple[int, int] | None:
    """A dative noun phrase at `start` that is followed by an infinitive or a modal word
    ("Муниципальным ЦБС обеспечить", "Специалистам библиотек необходимо"); with
    `until_colon`, one that fills the text up to a final colon ("Органам власти:").
    Returns its clean-text span."""
    toks = tokens_in(ctx, start, end)
    if not toks:
        return None
    first = toks[0]
    if (
        not until_colon
        and re.fullmatch(r"[А-ЯЁ]{2,8}", first.text)
        and len(toks) > 1
        and is_inf(toks[1])
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
        if not until_colon and (is_inf(tok) or is_modal(tok.text)):
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
        return not is_modal(tok.text)
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


def intro_addressee(ctx: Context, line: Line) -> str | None:
    """ "… рекомендуют органам власти:" / "библиотекарям необходимо решать задачи:"."""
    sentence = last_sentence(line.text)
    s_start = line.start + line.text.rfind(sentence)
    clause = last_clause(sentence)
    c_start = s_start + sentence.rfind(clause) + (len(clause) - len(clause.lstrip()))
    np = dative_np(ctx, c_start, line.end)
    if np:
        return _nominative(ctx.text[np[0] : np[1]])
    # "По итогам вебинара библиотекам области рекомендовано:": a dative phrase inside
    # the clause, right before the modal word (not one governed by a preposition).
    toks = tokens_in(ctx, c_start, line.end)
    for prev, tok in zip([None, *toks], toks, strict=False):
        if prev is not None and prev.pos == "ADP" or tok.feats.get("Case") != "Dat":
            continue
        np = dative_np(ctx, tok.start, line.end)
        if np and starts_modal(ctx.text[np[1] : line.end].lstrip()):
            return _nominative(ctx.text[np[0] : np[1]])
    for m in _INTRO_VERB.finditer(ctx.text, c_start, line.end):
        np = dative_np(ctx, m.end(), line.end, until_colon=True)
        if np:
            return _nominative(ctx.text[np[0] : np[1]])
    return None
