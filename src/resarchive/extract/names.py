"""People's names back to the nominative: "Митрохину Ольгу Петровну" -> "Митрохина Ольга Петровна".

Case and gender come from the first name and the patronymic, which pymorphy3 knows well;
the surname is then put into the nominative of that gender by the regular Russian surname
paradigms (-ов/-ев/-ин, adjectival -ский/-ая/-ой), falling back to pymorphy3's Surn
analyses, and left as written when it does not decline (-ко, -их/-ых, -аго, a
consonant-final feminine surname, foreign names). Initials forms come out as
"Фамилия И. О.".
"""

from __future__ import annotations

import re
from functools import lru_cache

from .morph import CASE_PREFERENCE, CASES, grams, match_case, parses

_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")


def _gender_case_sets(word: str, tag: str) -> list[tuple[str, str, float]]:
    """(gender, case, score) of the analyses of `word` that carry `tag` (Name, Patr, Surn)."""
    out = []
    for p in parses(word):
        g = grams(p)
        if tag in g and "sing" in g:
            gender = "femn" if "femn" in g else "masc" if ("masc" in g or "ms-f" in g) else None
            case = next((c for c in CASES if c in g), None)
            if gender and case:
                out.append((gender, case, p.score))
    return out


def _inflect_tagged(word: str, tag: str, gender: str, case: str) -> str | None:
    """`word` (a Name or Patr) in the nominative, using the analysis of the given gender/case."""
    for p in parses(word):
        g = grams(p)
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
            g = grams(p)
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
        g = grams(p)
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
    best = sorted(scored, key=lambda k: (CASE_PREFERENCE.index(k[1]), -scored[k]))
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
    options.sort(key=lambda o: (CASE_PREFERENCE.index(o[1]), -o[2]))
    return options[0][0], options[0][1]
