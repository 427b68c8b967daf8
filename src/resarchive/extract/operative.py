"""The operative part: which introducing lines open decisions, and which words instruct.

An introducing line ends in a colon. Its last clause (then its last sentence) decides:
a strong operative word (`data/operative_words.txt`: "рекомендуют", "постановили",
"считают необходимым") makes it operative; otherwise a word of something else
(`data/not_operative_words.txt`: talks, topics, questions, problems) makes it not; otherwise
a weak operative word (`data/weak_operative_words.txt`: "направления", "задачи") makes it
operative. A heading of one operative word alone ("РЕКОМЕНДАЦИИ") opens one too.
"""

from __future__ import annotations

import re

from ..lemmas import fold
from ..rules.quotes import without_quotes
from ..rules.words import phrase_matcher, word_set

# "направления работы конференции:" lists the event's themes, not decisions.
_EVENT_THEMES = re.compile(
    r"направлени\w*\s+работы\s+(?:конференц|семинар|форум|секци|кругл|совещани|чтени|школ|конгресс)",
    re.I,
)
# "… следующие мероприятия:" lists events, not decisions.
_EVENTS_LIST = re.compile(r"мероприяти[яй]\s*$", re.I)


def says(text: str, name: str) -> bool:
    """Whether `text` holds an entry of the word list `name`, in any inflection."""
    return next(phrase_matcher(name).finditer(text), None) is not None


def is_modal(word: str) -> bool:
    """ "Необходимо", "следует", "должны": a predicative that carries an instruction."""
    return fold(word) in word_set("modal_words")


def _has_form(text: str, name: str) -> bool:
    forms = word_set(name)
    return any(fold(w) in forms for w in re.findall(r"[А-Яа-яЁё]+", text))


def starts_modal(text: str) -> bool:
    """Whether `text` starts with a modal word ("необходимо обеспечить …")."""
    m = re.match(r"[А-Яа-яЁё]+", text)
    return bool(m) and is_modal(m.group())


def last_sentence(text: str) -> str:
    """The last sentence of an introducing line, without its colon."""
    text = text.strip().rstrip(":").strip()
    plain = without_quotes(text)
    cuts = [m.end() for m in re.finditer(r"[.!?]\s+(?=[А-ЯЁ«])", plain)]
    return text[cuts[-1] :] if cuts else text


def last_clause(sentence: str) -> str:
    plain = without_quotes(sentence)
    cut = max(plain.rfind(","), plain.rfind(";"))
    return sentence[cut + 1 :] if cut >= 0 else sentence


def _not_operative(part: str) -> bool:
    return (
        says(part, "not_operative_words")
        or bool(_EVENT_THEMES.search(part))
        or bool(_EVENTS_LIST.search(part))
    )


def classify_intro(text: str) -> bool | None:
    """True: introduces an operative list; False: a list of something else; None: neither.

    >>> classify_intro("Участники семинара рекомендуют органам власти:")
    True
    >>> classify_intro("С докладами выступили:")
    False
    """
    sentence = without_quotes(last_sentence(text))
    for part in (last_clause(sentence), sentence):
        if says(part, "operative_words") or _has_form(part, "operative_forms"):
            return True
        if _not_operative(part):
            return False
        if says(part, "weak_operative_words"):
            return True
    return None


def is_bare_heading(text: str) -> bool:
    """A line of one operative word alone: "РЕКОМЕНДАЦИИ", "Постановили:".

    >>> is_bare_heading("РЕКОМЕНДАЦИИ"), is_bare_heading("Рекомендации семинара")
    (True, False)
    """
    m = re.fullmatch(r"\W*([А-Яа-яЁё]+)\W*", text)
    return bool(m) and says(m.group(1), "operative_headings")
