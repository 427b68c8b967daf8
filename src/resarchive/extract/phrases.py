"""Noun phrases back to the nominative.

`phrase_nominative("Камчатской краевой детской библиотеки им. В. Кручины")` ->
"Камчатская краевая детская библиотека им. В. Кручины": the head noun and the
adjectives/participles agreeing with it go to the nominative; the genitive tail,
quoted names and "им. ..." stay as written. Works on a string alone (no natasha),
with cached pymorphy3 lookups.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .morph import CASE_PREFERENCE, CASES, grams, match_case, parses

_TOKEN = re.compile(r"[А-Яа-яЁёA-Za-z]+(?:-[А-Яа-яЁёA-Za-z]+)*\.?|\S")


_STOP_WORDS = {"им.", "им", "имени", "№"}
_PREPOSITIONS = {
    "в",
    "во",
    "на",
    "по",
    "для",
    "при",
    "с",
    "со",
    "к",
    "ко",
    "о",
    "об",
    "от",
    "из",
    "за",
    "у",
    "до",
    "и",
    "или",
    "над",
    "под",
    "через",
}


def _is_adjective(p) -> bool:
    g = grams(p)
    return bool(g & {"ADJF", "PRTF"}) or ("NUMR" in g and "Anum" in g)


def _case_number(p) -> tuple[str | None, str | None, str | None]:
    g = grams(p)
    case = next((c for c in CASES if c in g), None)
    number = "plur" if "plur" in g else "sing" if "sing" in g else None
    gender = next((x for x in ("masc", "femn", "neut") if x in g), None)
    return case, number, gender


def _word_parts(tok: str) -> list[str]:
    return tok.split("-")


@lru_cache(maxsize=50_000)  # a pure function of a string, called per mention
def phrase_nominative(text: str, prefer_singular: bool = True) -> str:
    """A noun phrase in an oblique case -> the nominative.

    The head is the first noun (or an upper-case abbreviation such as "ЦБС"); it and
    the adjectives/participles before it are put into the nominative in the number
    they had; everything after the head (genitive tail, «...», "им. ...") stays.
    "Петропавловска-Камчатского" -> "Петропавловск-Камчатский" (a hyphenated head
    declines part by part). When the head's form is ambiguous between a genitive
    singular and a nominative plural ("Библиотеки"), `prefer_singular` picks the
    former.
    """
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return text
    modifiers: list[re.Match] = []
    head = None
    for k, m in enumerate(tokens):
        tok = m.group(0)
        low = tok.lower()
        if low in _STOP_WORDS or not tok[0].isalpha() or low in _PREPOSITIONS:
            break
        if _is_abbreviation(tok):
            head = m
            break
        ps = parses(_head_word(tok))
        has_noun = any("NOUN" in grams(p) for p in ps)
        has_adj = any(_is_adjective(p) for p in ps)
        following = tokens[k + 1].group(0) if k + 1 < len(tokens) else ""
        if has_adj and (not has_noun or _adj_beats_noun(ps) or _agrees_with_next(ps, following)):
            modifiers.append(m)
            continue
        if has_noun:
            head = m
        break
    if head is None and not modifiers:
        return text
    case, number, gender = _agreement(head, modifiers, prefer_singular)
    if case is None or case == "nomn":
        return text
    out = []
    last = 0
    for m in [*modifiers, head] if head is not None else modifiers:
        out.append(text[last : m.start()])
        out.append(_to_nominative(m.group(0), case, number, gender, is_head=m is head))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _agrees_with_next(ps, following: str) -> bool:
    """ "главного библиотекаря": an adjective reading that agrees with the noun after it
    wins over the word's own noun reading ("главное"); so does one that agrees with an
    adjective after it ("Рютинскую сельскую библиотеку", "Рютинскую" guessed a verb)."""
    if not following[:1].isalpha():
        return False
    chained = following[0].islower()  # an adjective in a name's capitals is another name's
    nouns = [
        q
        for q in parses(_head_word(following))
        if "NOUN" in grams(q) or (chained and _is_adjective(q))
    ]
    for p in ps:
        if not _is_adjective(p):
            continue
        c, n, g = _case_number(p)
        if any(_agrees(_case_number(q), (c, n, g)) for q in nouns):
            return True
    return False


def _adj_beats_noun(ps) -> bool:
    """A word like "Главная" may be both; the higher-scored adjective reading wins."""
    best = max(ps, key=lambda p: p.score)
    return _is_adjective(best)


def _is_abbreviation(tok: str) -> bool:
    core = tok.replace("-", "")
    return len(core) >= 2 and core.isupper() and core.isalpha()


def _agreement(head, modifiers, prefer_singular):
    """Case, number and gender shared by the head and its modifiers."""
    options: list[tuple[str, str | None, str | None, float]] = []
    head_opts = None
    if head is not None and not _is_abbreviation(head.group(0)):
        word = _head_word(head.group(0))
        head_opts = []
        nouns = [p for p in parses(word) if "NOUN" in grams(p)]
        common = [p for p in nouns if not grams(p) & {"Surn", "Name", "Patr"}]
        for p in common or nouns:
            c, n, g = _case_number(p)
            if c:
                head_opts.append((c, n, g, p.score))
    # Each modifier's readings in pymorphy3's order, likeliest first (a dict, not a set:
    # among readings that rank the same, the first one wins, whatever the hash seed).
    mod_sets: list[dict[tuple, None]] = []
    for m in modifiers:
        word = _word_parts(m.group(0))[-1]
        opts: dict[tuple, None] = {}
        for p in parses(word):
            if _is_adjective(p):
                c, n, g = _case_number(p)
                if c:
                    opts[(c, n, g)] = None
        mod_sets.append(opts)
    if head_opts:
        options = [
            o for o in head_opts if all(any(_agrees(o, mo) for mo in ms) for ms in mod_sets if ms)
        ] or head_opts
    elif mod_sets and mod_sets[0]:
        options = [
            (c, n, g, 1.0)
            for c, n, g in mod_sets[0]
            if all(any(_agrees((c, n, g), mo) for mo in ms) for ms in mod_sets[1:] if ms)
        ]
        options = options or [(c, n, g, 1.0) for c, n, g in mod_sets[0]]
    if not options:
        return None, None, None

    def rank(o):
        c, n, g, s = o
        singular_first = 0 if (n == "sing") == prefer_singular else 1
        # Nominative plural vs genitive singular ("Библиотеки"): the number preference decides.
        return (singular_first if c in ("nomn", "gent") else 0, CASE_PREFERENCE.index(c), -s)

    c, n, g, _ = min(options, key=rank)
    if head is not None and not _is_abbreviation(head.group(0)) and n == "sing" and g is None:
        g = None
    return c, n, g


def _agrees(head_opt, mod_opt) -> bool:
    c, n, g = head_opt[:3]
    mc, mn, mg = mod_opt
    if c != mc or n != mn:
        # "accs" of inanimate masc/plur looks like nomn; the case must still match.
        return False
    return n == "plur" or g is None or mg is None or g == mg or g == "ms-f"


def _head_word(tok: str) -> str:
    """The part of a hyphenated word that shows its case: the first ("Петропавловска-
    Камчатского", "Ростова-на-Дону") unless it is a fixed prefix ("Южно-Сахалинска",
    "Ханты-Мансийского")."""
    parts = _word_parts(tok.rstrip("."))
    if len(parts) < 2 or parts[1].lower() in _PREPOSITIONS:
        return parts[0]
    first, last = parts[0].lower(), parts[-1].lower()
    if first.endswith("о") or any("Fixd" in grams(p) for p in parses(first)):
        return parts[-1]
    first_forms = {_case_number(p)[:2] for p in parses(first) if grams(p) & {"NOUN", "ADJF"}}
    last_forms = {_case_number(p)[:2] for p in parses(last) if grams(p) & {"NOUN", "ADJF"}}
    return parts[0] if first_forms & last_forms or not last_forms else parts[-1]


def _to_nominative(tok: str, case, number, gender, is_head: bool) -> str:
    if _is_abbreviation(tok):
        return tok
    parts = _word_parts(tok)
    out = []
    for i, part in enumerate(parts):
        if part.lower() in _PREPOSITIONS:  # "Ростова-на-Дону": the rest is fixed
            out.extend(parts[i:])
            break
        out.append(_inflect_word(part, case, number, gender, is_head) or part)
    return "-".join(out)


def _inflect_word(word: str, case, number, gender, is_head: bool) -> str | None:
    if not word or not word[0].isalpha():
        return None
    ps = parses(word)
    for p in ps:
        g = grams(p)
        if case not in g:
            continue
        if number and number not in g and not ({"Sgtm", "Pltm"} & g):
            continue
        want = {"nomn"}
        if is_head and "NOUN" in g:
            if number == "plur":
                want.add("plur")
        elif _is_adjective(p):
            if number == "plur":
                want.add("plur")
            elif gender and gender in g or gender is None:
                want |= {"sing"}
            else:
                continue
        else:
            continue
        form = p.inflect(want)
        if form:
            return match_case(form.word, word)
    return None
