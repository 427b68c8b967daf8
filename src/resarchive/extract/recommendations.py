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

Addressees: `addressees` (a heading, the intro, or the item's own dative opening);
otherwise null: no guessing.

An item that itself ends with a colon and is followed by sub-items of another
marker kind that are not instructions ("Ввести в состав Клуба: – А; – Б") is ONE
recommendation with the sub-items appended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..layout import Line
from ..record.models import Recommendation
from ..rules.words import has_lemma
from .addressees import (
    dative_np,
    heading_addressee,
    intro_addressee,
    is_inf,
    item_addressee,
    pymorphy_infinitive,
    tokens_in,
)
from .context import Context
from .operative import classify_intro, is_bare_heading, is_modal, last_sentence, says

_TERMINAL = ".;!?…"


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


def _starts_with_instruction(ctx: Context, start: int, end: int) -> bool:
    toks = tokens_in(ctx, start, min(end, start + 200))
    words = [t for t in toks if t.pos != "PUNCT"]
    if not words:
        return False
    if _leads_to_infinitive(words):
        return True
    # "Шире освещать …": an adverb or two may come before the infinitive.
    lead = 0
    while (
        lead < min(2, len(words) - 1)
        and words[lead].pos == "ADV"
        and not is_modal(words[lead].text)
    ):
        lead += 1
    first = words[lead]
    if is_inf(first) or pymorphy_infinitive(first.text) or is_modal(first.text):
        return True
    if dative_np(ctx, start, end) is not None:
        return True
    return _object_then_infinitive(words)


def _leads_to_infinitive(words: list) -> bool:
    """ "Учитывая значение библиотек, оказывать …", "В целях сохранения сети не допускать …",
    "При планировании работы учитывать …": an introductory gerund or prepositional phrase,
    then the infinitive, with no finite verb before it."""
    if not words or words[0].pos not in ("VERB", "ADP") or is_inf(words[0]):
        return False
    if words[0].pos == "VERB" and words[0].feats.get("VerbForm") != "Conv":
        return False
    for tok in words[1:20]:
        if is_inf(tok):
            return True
        if tok.pos in ("VERB", "AUX") and tok.feats.get("VerbForm") == "Fin":
            return False
    return False


def _object_then_infinitive(words: list) -> bool:
    """ "Следующее заседание клуба провести в октябре", "Финансирование учреждения
    «Централизованная библиотечная система района» осуществлять …": a noun phrase (the
    object, not a dative; a quoted name in it) and then the infinitive, with no finite verb
    before it."""
    if not words or words[0].pos not in ("NOUN", "ADJ", "DET", "PROPN"):
        return False
    for tok in words[1:12]:
        if is_inf(tok):
            return True
        if tok.pos not in ("NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM", "CCONJ"):
            return False
    return False


# --------------------------------------------------------------------------- items


def _marker(line: Line) -> tuple[str | None, int | None, int]:
    """(kind, number, body offset in the line) of a list item; kind None for prose."""
    m = line.marker
    return (m.kind, m.number, m.end) if m else (None, None, 0)


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


def _addressed_parts(ctx: Context, start: int, end: int) -> list[tuple[str, str, int, int]]:
    """An item that opens with its addressee and a colon, its duties after it, one per
    part between semicolons ("1. Правлению Всероссийского добровольного общества любителей
    книги: … поднимать научный уровень …; полнее использовать …"): (addressee, text, start,
    end) of each duty; [] for any other item."""
    colon = ctx.text.find(":", start, min(end, start + 200))
    if colon < 0 or not ctx.text[colon + 1 : end].strip():
        return []
    who = heading_addressee(ctx, start, colon + 1)
    if not who:
        return []
    parts, a = [], colon + 1
    for m in [*_TOP_SEMICOLON.finditer(ctx.text, a, end), None]:
        b = m.start() if m else end
        text = ctx.text[a:b].strip()
        if text:
            lead = len(ctx.text[a:b]) - len(ctx.text[a:b].lstrip())
            parts.append((who, text, a + lead, b))
        a = m.end() if m else end
    return parts


# A semicolon outside quotes and brackets.
_TOP_SEMICOLON = re.compile(r";(?![^«»]*»)(?![^()]*\))")


def _continues(prev: _Item, body_text: str) -> bool:
    """A page or line break inside an item: the next line goes on with a lowercase word."""
    return bool(body_text) and body_text[0].islower() and prev.text[-1:] not in _TERMINAL


def _completes(ctx: Context, prev: _Item, line: Line) -> bool:
    """An unnumbered line that gives what the item's colon announced: "1. Утвердить
    наименование библиотеки: / Центральная городская детская библиотека …". Not an
    instruction of its own, and only until the item's text ends a sentence."""
    return (
        prev.marker_kind != "para"
        and prev.open_parent
        and prev.text[-1:] not in _TERMINAL
        and not _starts_with_instruction(ctx, line.start, line.end)
    )


def _extend(item: _Item, text: str, end: int) -> None:
    item.text = f"{item.text} {text.strip()}".strip()
    item.end = end


def _scan(ctx: Context, lines: tuple[Line, ...]) -> list[_Item]:
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
        if kind is None and (text.endswith(":") or is_bare_heading(text)):
            if active:
                heading = heading_addressee(ctx, line.start, line.end)
                if heading:
                    addressee = heading
                    continue
            verdict = classify_intro(text) if text.endswith(":") else True
            close()
            if verdict:
                active = True
                section = last_sentence(text) if text.endswith(":") else text.strip(" :")
                section_addressee = intro_addressee(ctx, line) if text.endswith(":") else None
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
            parts = _addressed_parts(ctx, line.start + body, line.end)
            if parts:  # "1. Правлению общества: поднимать …; полнее использовать …"
                block += [_Item(number, t, a, b, who, section, kind) for who, t, a, b in parts]
                continue
            block.append(_new_item(ctx, line, kind, number, body, section, addressee))
            continue
        # Prose inside a section.
        if prev and _continues(prev, text):
            _extend(prev, text, line.end)
            continue
        if prev and _completes(ctx, prev, line):
            _extend(prev, text, line.end)
            continue
        if mode in (None, "para") and _starts_with_instruction(ctx, line.start, line.end):
            mode = "para"
            block.append(_new_item(ctx, line, "para", None, 0, section, addressee))
            continue
        close()
    close()
    return items


def _fallback(ctx: Context, lines: tuple[Line, ...]) -> list[_Item]:
    """No operative intro at all: list items that are instructions (an infinitive first)."""
    items: list[_Item] = []
    previous: _Item | None = None  # the item of the line before, if any
    for line in lines:
        kind, number, body = _marker(line)
        start = line.start + body
        # "1. Согласиться с предложением … / Определить местом размещения …": an item's
        # next paragraph that gives an instruction of its own
        if kind is None and previous is not None and _starts_with_instruction(ctx, start, line.end):
            previous = _new_item(ctx, line, previous.marker_kind, previous.number, 0, None, None)
            items.append(previous)
            continue
        previous = None
        if kind is None:
            continue
        if _starts_with_instruction(ctx, start, line.end):
            previous = _new_item(ctx, line, kind, number, body, None, None)
            items.append(previous)
    if _is_talk_or_name_list(ctx, items):
        return []
    return items


def _operative_prose(ctx: Context) -> list[_Item]:
    """No operative part at all: the sentences of prose that instruct — a modal predicate
    ("Необходимо расширить …", "Библиотекам следует …", "должны быть созданы …", not
    "Важно отметить, что …"), a narrated decision ("Было принято решение провести …"), and
    the bare infinitives that follow such a sentence ("Поддерживать своих коллег.")."""
    items: list[_Item] = []
    for line in ctx.layout.lines:
        if line.is_item:
            continue
        follows = False
        pos = line.start
        while pos < line.end:
            start, end = ctx.sentence_bounds(pos)
            end = max(end, start + 1)
            words = [t for t in tokens_in(ctx, start, end) if t.pos != "PUNCT"]
            if _instructs(words) or follows and words and is_inf(words[0]):
                text = ctx.text[start:end].strip()
                items.append(
                    _Item(None, text, start, end, item_addressee(ctx, start, end), None, "para")
                )
                follows = True
            else:
                follows = False
            pos = end + 1 if end > pos else pos + 1
    return items


def _instructs(words: list) -> bool:
    for k, tok in enumerate(words[:12]):
        if (
            tok.pos in ("VERB", "AUX")
            and tok.feats.get("VerbForm") == "Fin"
            and not is_modal(tok.text)
        ):
            if _decided(words[k : k + 3]):
                return any(is_inf(t) for t in words[k + 1 : k + 6])
            return False
        if is_modal(tok.text):
            rest = words[k + 1 : k + 4]
            if any(_discourse(t.text) for t in rest):
                return False  # "Важно отметить, что …"
            if k == 0 and tok.pos == "ADJ" and any(t.pos == "NOUN" for t in rest):
                return True  # "Необходимы новые поиски подходов …": what is needed
            return any(is_inf(t) or t.feats.get("Variant") == "Short" for t in rest)
        if _decided(words[k : k + 3]):
            return any(is_inf(t) for t in words[k + 1 : k + 6])
    return False


def _discourse(word: str) -> bool:
    return has_lemma(word, "discourse_verbs")


def _decided(words: list) -> bool:
    text = " ".join(t.text for t in words)
    return (
        says(text, "decided_phrases")
        and not says(text, "operative_words")
        or bool(re.match(r"(?:принято|было)\s+(?:принято\s+)?решение", text, re.I))
    )


def extract_recommendations(ctx: Context) -> list[Recommendation]:
    """The operative items of the document, in order, with number, section and addressee."""
    lines = ctx.layout.lines
    items = _scan(ctx, lines) or _fallback(ctx, lines) or _operative_prose(ctx)
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
