"""Morphology helpers: people's names and noun phrases back to the nominative.

Both helpers work on a string alone (no natasha), with cached pymorphy3 lookups:

- `normalize_person("Митрохину Ольгу Петровну")` -> "Митрохина Ольга Петровна".
  Case and gender come from the first name and the patronymic, which pymorphy3
  knows well; the surname is then put into the nominative of that gender by the
  regular Russian surname paradigms (-ов/-ев/-ин, adjectival -ский/-ая/-ой),
  falling back to pymorphy3's Surn analyses, and left as written when it does not
  decline (-ко, -их/-ых, -аго, a consonant-final feminine surname, foreign names).
- `phrase_nominative("Камчатской краевой детской библиотеки им. В. Кручины")` ->
  "Камчатская краевая детская библиотека им. В. Кручины": the head noun and the
  adjectives/participles agreeing with it go to the nominative; the genitive tail,
  quoted names and "им. ..." stay as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import nlp

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Oblique cases in the order they are most likely in resolutions when a form is
# ambiguous: addressees and thanks are dative, possessors genitive.
_CASE_PREFERENCE = ("nomn", "datv", "gent", "accs", "loct", "ablt")

_TOKEN = re.compile(r"[А-Яа-яЁёA-Za-z]+(?:-[А-Яа-яЁёA-Za-z]+)*\.?|\S")
_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")


# --------------------------------------------------------------------------- morphology


@lru_cache(maxsize=100_000)
def parses(word: str) -> tuple:
    """pymorphy3 analyses of a word (lower-cased), cached."""
    return tuple(nlp.morph().parse(word.lower().replace("ё", "е")))


def _grams(p) -> set[str]:
    return set(str(p.tag).replace(" ", ",").split(","))


def match_case(new: str, old: str) -> str:
    """Give `new` the capitalization `old` had: UPPER, Title or lower (per hyphen part)."""
    if "-" in new and new.count("-") == old.count("-"):
        return "-".join(
            match_case(n, o) for n, o in zip(new.split("-"), old.split("-"), strict=True)
        )
    if "ё" not in old.lower():
        new = new.replace("ё", "е").replace("Ё", "Е")
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _gender_case_sets(word: str, tag: str) -> list[tuple[str, str, float]]:
    """(gender, case, score) of the analyses of `word` that carry `tag` (Name, Patr, Surn)."""
    out = []
    for p in parses(word):
        g = _grams(p)
        if tag in g and "sing" in g:
            gender = "femn" if "femn" in g else "masc" if ("masc" in g or "ms-f" in g) else None
            case = next((c for c in _CASES if c in g), None)
            if gender and case:
                out.append((gender, case, p.score))
    return out


def _inflect_tagged(word: str, tag: str, gender: str, case: str) -> str | None:
    """`word` (a Name or Patr) in the nominative, using the analysis of the given gender/case."""
    for p in parses(word):
        g = _grams(p)
        if tag in g and case in g and (gender in g or "ms-f" in g) and "sing" in g:
            form = p.inflect({"nomn", "sing"})
            if form:
                return match_case(form.word, word)
    return None


# --------------------------------------------------------------------------- surnames

# (ending in an oblique form, nominative ending), tried longest first, per gender.
_FEMININE = (
    ("ской", "ская"),
    ("цкой", "цкая"),
    ("скую", "ская"),
    ("цкую", "цкая"),
    ("овой", "ова"),
    ("евой", "ева"),
    ("ёвой", "ёва"),
    ("иной", "ина"),
    ("ыной", "ына"),
    ("ову", "ова"),
    ("еву", "ева"),
    ("ёву", "ёва"),
    ("ину", "ина"),
    ("ыну", "ына"),
    ("ую", "ая"),
    ("юю", "яя"),
)
_MASCULINE = (
    ("ского", "ский"),
    ("цкого", "цкий"),
    ("скому", "ский"),
    ("цкому", "цкий"),
    ("ским", "ский"),
    ("цким", "цкий"),
    ("ском", "ский"),
    ("цком", "цкий"),
    ("ова", "ов"),
    ("ева", "ев"),
    ("ёва", "ёв"),
    ("ина", "ин"),
    ("ына", "ын"),
    ("ову", "ов"),
    ("еву", "ев"),
    ("ёву", "ёв"),
    ("ину", "ин"),
    ("ыну", "ын"),
    ("овым", "ов"),
    ("евым", "ев"),
    ("иным", "ин"),
    ("ыным", "ын"),
    ("ове", "ов"),
    ("еве", "ев"),
    ("ине", "ин"),
)


def _surname_nominative(surname: str, gender: str | None, case: str | None) -> str:
    """A surname in the nominative of `gender`, given the case it was written in."""
    if case in (None, "nomn") or "-" in surname and case is None:
        return surname
    if "-" in surname:  # double-barrelled: each part declines on its own
        return "-".join(_surname_nominative(part, gender, case) for part in surname.split("-"))
    low = surname.lower()
    if low.endswith(("ко", "их", "ых", "аго", "яго")):
        return surname
    table = _FEMININE if gender == "femn" else _MASCULINE
    for old, new in table:
        if low.endswith(old) and len(low) > len(old) + 1:
            return match_case(low[: -len(old)] + new, surname)
    if gender == "femn":
        if low.endswith("ой") and len(low) > 4:  # Сечной, Толстой: adjectival
            return match_case(_adjectival_feminine(low), surname)
        if low.endswith(("у", "ю")) and case == "accs":  # Кручину -> Кручина
            return match_case(low[:-1] + ("а" if low[-1] == "у" else "я"), surname)
        if low.endswith(("е", "ы", "и")) and low[-2:-1] not in "аеиоуыэюя":
            # Кручине/Кручины -> Кручина (only for nouns in -а pymorphy agrees on)
            guess = _surn_lookup(surname, gender, case)
            return guess or surname
        return surname  # consonant-final feminine (Андюл), -о, foreign
    if low.endswith(("ого", "его", "ому", "ему", "ым", "им")) and len(low) > 5:
        # adjectival masculine surname (Заречного -> Заречный)
        for p in parses(surname):
            g = _grams(p)
            if "ADJF" in g and case in g and "masc" in g:
                form = p.inflect({"nomn", "sing", "masc"})
                if form:
                    return match_case(form.word, surname)
        stem = re.sub(r"(ого|его|ому|ему|ым|им)$", "", low)
        return match_case(stem + ("ий" if stem[-1:] in "кгхжшщч" else "ый"), surname)
    if case in ("gent", "accs") and low[-1] in "ая" and len(low) > 3:
        guess = _surn_lookup(surname, gender, case)
        if guess:
            return guess
        return match_case(low[:-1] + ("" if low[-1] == "а" else "ь"), surname)
    guess = _surn_lookup(surname, gender, case)
    return guess or surname


def _adjectival_feminine(low: str) -> str:
    """ "сечной" -> "сечная"; after к/г/х/ж/ш/щ/ч/ц the ending spells -ая as well."""
    return low[:-2] + "ая"


def _surn_lookup(surname: str, gender: str | None, case: str | None) -> str | None:
    for p in parses(surname):
        g = _grams(p)
        if "Surn" in g and (case is None or case in g) and (gender is None or gender in g):
            if "Fixd" in g:
                return surname
            form = p.inflect({"nomn", gender} if gender else {"nomn"})
            if form:
                return match_case(form.word, surname)
    return None


# --------------------------------------------------------------------------- persons


def _is_initial(tok: str) -> bool:
    return bool(_INITIAL.match(tok))


def split_initials(text: str) -> str:
    """ "И.В.Петрова" -> "И. В. Петрова": one space after each initial."""
    return re.sub(r"(?<![А-Яа-яЁё])([А-ЯЁ])\.\s*", r"\1. ", text).strip()


def name_gender_case(first: str | None, patronymic: str | None) -> tuple[str | None, str | None]:
    """The gender and case of a name, read from the first name and patronymic."""
    sets = []
    if patronymic:
        sets.append(_gender_case_sets(patronymic, "Patr"))
    if first:
        sets.append(_gender_case_sets(first, "Name"))
    sets = [s for s in sets if s]
    if not sets:
        return None, None
    scored: dict[tuple[str, str], float] = {}
    for gender, case, score in sets[0]:
        key = (gender, case)
        scored[key] = max(scored.get(key, 0.0), score)
    for other in sets[1:]:
        keys = {(g, c) for g, c, _ in other}
        common = {k: v for k, v in scored.items() if k in keys}
        if common:
            scored = common
    # The nominative wins when possible (a name as written), then the usual oblique cases.
    best = sorted(scored, key=lambda k: (_CASE_PREFERENCE.index(k[1]), -scored[k]))
    return best[0]


@lru_cache(maxsize=50_000)  # a pure function of a string, called per mention
def normalize_person(text: str) -> str:
    """A person's name as written, in any case -> "Фамилия Имя Отчество" in the nominative.

    Initials forms come out as "Фамилия И. О." ("И.В.Петровой" -> "Петрова И. В.").
    """
    text = re.sub(r"\s+", " ", text).strip(" ,;()")
    if not re.search(r"(?<![А-Яа-яЁё])[А-ЯЁ]\.$", text):
        text = text.rstrip(".")
    if re.search(r"[А-ЯЁ]\.", text):
        return _normalize_initials(text)
    words = text.split(" ")
    if len(words) < 2:
        return words[0] if words else text
    # Find the patronymic; the first name stands before it, the surname before
    # the first name ("Фамилия Имя Отчество") or after the patronymic.
    patr_i = next((i for i, w in enumerate(words) if i > 0 and _gender_case_sets(w, "Patr")), None)
    if patr_i is not None:
        first_i = patr_i - 1
        rest = [i for i in range(len(words)) if i not in (first_i, patr_i)]
        surname_i = rest[0] if rest else None
    else:  # "Фамилия Имя" or "Имя Фамилия"
        if _gender_case_sets(words[1], "Name") and not _gender_case_sets(words[0], "Name"):
            first_i, surname_i = 1, 0
        elif _gender_case_sets(words[0], "Name"):
            first_i, surname_i = 0, 1
        else:
            first_i, surname_i = 1, 0
    first = words[first_i]
    patronymic = words[patr_i] if patr_i is not None else None
    gender, case = name_gender_case(first, patronymic)
    first_n = (_inflect_tagged(first, "Name", gender, case) if gender else None) or first
    patr_n = None
    if patronymic:
        patr_n = _inflect_tagged(patronymic, "Patr", gender, case) if gender else None
        patr_n = patr_n or patronymic
    parts = []
    if surname_i is not None:
        parts.append(_surname_nominative(words[surname_i], gender, case))
    parts.append(first_n)
    if patr_n:
        parts.append(patr_n)
    return " ".join(parts)


def _normalize_initials(text: str) -> str:
    text = split_initials(text)
    toks = text.split(" ")
    initials = [t for t in toks if _is_initial(t)]
    others = [t for t in toks if not _is_initial(t)]
    if not others:
        return text
    surname = others[0]
    gender, case = _surname_gender_case(surname)
    return " ".join([_surname_nominative(surname, gender, case), *initials])


def _surname_gender_case(surname: str) -> tuple[str | None, str | None]:
    """Gender and case of a surname seen alone (with initials): nominative when possible."""
    options = _gender_case_sets(surname, "Surn")
    if not options:
        low = surname.lower()
        if low.endswith(("ой", "ую")):
            return "femn", "datv" if low.endswith("ой") else "accs"
        return None, None
    options.sort(key=lambda o: (_CASE_PREFERENCE.index(o[1]), -o[2]))
    return options[0][0], options[0][1]


# --------------------------------------------------------------------------- phrases

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
    g = _grams(p)
    return bool(g & {"ADJF", "PRTF"}) or ("NUMR" in g and "Anum" in g)


def _case_number(p) -> tuple[str | None, str | None, str | None]:
    g = _grams(p)
    case = next((c for c in _CASES if c in g), None)
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
    for m in tokens:
        tok = m.group(0)
        low = tok.lower()
        if low in _STOP_WORDS or not tok[0].isalpha() or low in _PREPOSITIONS:
            break
        if _is_abbreviation(tok):
            head = m
            break
        ps = parses(_head_word(tok))
        has_noun = any("NOUN" in _grams(p) for p in ps)
        has_adj = any(_is_adjective(p) for p in ps)
        if has_adj and (not has_noun or _adj_beats_noun(ps)):
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
        nouns = [p for p in parses(word) if "NOUN" in _grams(p)]
        common = [p for p in nouns if not _grams(p) & {"Surn", "Name", "Patr"}]
        for p in common or nouns:
            c, n, g = _case_number(p)
            if c:
                head_opts.append((c, n, g, p.score))
    mod_sets = []
    for m in modifiers:
        word = _word_parts(m.group(0))[-1]
        opts = set()
        for p in parses(word):
            if _is_adjective(p):
                c, n, g = _case_number(p)
                if c:
                    opts.add((c, n, g))
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
        return (singular_first if c in ("nomn", "gent") else 0, _CASE_PREFERENCE.index(c), -s)

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
    if first.endswith("о") or any("Fixd" in _grams(p) for p in parses(first)):
        return parts[-1]
    first_forms = {_case_number(p)[:2] for p in parses(first) if _grams(p) & {"NOUN", "ADJF"}}
    last_forms = {_case_number(p)[:2] for p in parses(last) if _grams(p) & {"NOUN", "ADJF"}}
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
        g = _grams(p)
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


def capitalize_first(text: str) -> str:
    """The text with its first letter in upper case: "клуб «Родники»" -> "Клуб «Родники»"."""
    return text[:1].upper() + text[1:] if text else text
