"""People's names back to the nominative: "Митрохину Ольгу Петровну" -> "Митрохина Ольга Петровна".

Works on the words of a name alone (no natasha), with cached pymorphy3 lookups, and takes
the case and gender the context shows as hints (`normalize_person(..., case=, gender=)`).

- Gender and case come first from the first name and the patronymic, which pymorphy3
  knows well; for a surname with initials only, from the hints (the case natasha's tagger
  gave the surname in its sentence, an appositive position), else from the surname.
- The surname is put into the nominative of that gender by pymorphy3's surname analyses
  where they fit, else by the regular paradigms of Russian surnames (Розенталь, «Справочник
  по правописанию и литературной правке», § 172; Зализняк's declension types):
  masculine -ов/-ев/-ин and consonant-final (Ярошевич: -а, -у, -ом/-ем, -е), adjectival
  (-ский/-ой/-ый; feminine -ская/-ая), nouns in -а/-я for both genders (Гаркуша: -и/-ы,
  -е, -у, -ой/-ей); feminine consonant-final surnames (Ярошевич Елена, Кравец) and
  surnames in -о, -е, -и, -у, -ю, -их/-ых do not decline and stay as written.
- Initials forms come out as "Фамилия И. О."; "ё" stays where the text writes it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import nlp
from ..rules.words import word_table
from .morph import CASE_PREFERENCE, CASES, grams, match_case, parses

_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.$")
_VOWELS = "аеёиоуыэюя"


def readings(word: str, tag: str) -> list[tuple[str, str, float]]:
    """(gender, case, score) of the singular analyses of `word` that carry `tag`
    (Name, Patr or Surn)."""
    out = []
    for p in parses(word):
        g = grams(p)
        if tag in g and "sing" in g:
            genders = ("masc", "femn") if "ms-f" in g else [x for x in ("masc", "femn") if x in g]
            case = next((c for c in CASES if c in g), None)
            out += [(gender, case, p.score) for gender in genders if case]
    return out


def is_first_name(word: str) -> bool:
    return bool(readings(word, "Name"))


_PATRONYMIC_SHAPE = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$|^\w+\s(?:оглы|кызы)$")


def is_patronymic(word: str) -> bool:
    """A patronymic by the dictionary, or by its ending ("Каирбековна")."""
    return bool(readings(word, "Patr")) or bool(_PATRONYMIC_SHAPE.search(word.lower()))


def _inflect_tagged(word: str, tag: str, gender: str, case: str) -> str | None:
    """`word` (a Name or Patr) in the nominative, using the analysis of the given gender/case."""
    # An indeclinable reading ("Анне" as a name of its own) comes last.
    for p in sorted(parses(word), key=lambda p: "Fixd" in grams(p)):
        g = grams(p)
        if tag in g and case in g and (gender in g or "ms-f" in g) and "sing" in g:
            form = p.inflect({"nomn", "sing"})
            if form:
                return match_case(form.word, word)
    return None


def _shape_readings(patronymic: str) -> list[tuple[str, str, float]]:
    """A patronymic the dictionary does not know, read by its ending (nominative)."""
    low = patronymic.lower()
    return [("femn" if low.endswith(("на",)) else "masc", "nomn", 1.0)]


def name_gender_case(first: str | None, patronymic: str | None) -> tuple[str | None, str | None]:
    """The gender and case of a name, read from the first name and patronymic."""
    sets = []
    if patronymic:
        found = readings(patronymic, "Patr")
        sets.append(found or (_shape_readings(patronymic) if is_patronymic(patronymic) else []))
    if first:
        sets.append(readings(first, "Name"))
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


# --------------------------------------------------------------------------- surnames

_ADJ_MASC = {"gent": "ого", "accs": "ого", "datv": "ому", "ablt": "им", "loct": "ом"}


@lru_cache(maxsize=1)
def _paradigms() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(gender, case) -> [(oblique ending, nominative ending)], longest first
    (`data/surname_endings.txt`)."""
    table: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key, value in word_table("surname_endings").items():
        gender, case, ending = key.split()
        table.setdefault((gender, case), []).append((ending, "" if value == "-" else value))
    for endings in table.values():
        endings.sort(key=lambda e: -len(e[0]))
    return table


# Endings of surnames that never decline (Левченко, Черных, Живаго).
_INDECLINABLE = ("о", "э", "их", "ых", "аго", "яго")


def _possessive_feminine(stem: str) -> bool:
    """ "Кузнецов-", "Ильин-": a stem whose feminine oblique -ой comes from -ова/-ина."""
    return stem.endswith(("ов", "ев", "ёв", "ин", "ын"))


def surname_nominative(surname: str, gender: str | None, case: str | None) -> str:
    """A surname in the nominative of `gender`, given the case it was written in.

    >>> surname_nominative("Ярошевичу", "masc", "datv")
    'Ярошевич'
    >>> surname_nominative("Гаркуше", "femn", "datv"), surname_nominative("Толстой", "femn", "datv")
    ('Гаркуша', 'Толстая')
    >>> surname_nominative("Ярошевич", "femn", "datv"), surname_nominative("Сёмина", "masc", "gent")
    ('Ярошевич', 'Сёмин')
    >>> surname_nominative("Диская", "femn", "accs")  # -ая, -яя: only ever the nominative
    'Диская'
    """
    if case in (None, "nomn") or surname.lower().endswith(("ая", "яя")):
        return surname
    if "-" in surname:  # double-barrelled: each part declines on its own
        return "-".join(surname_nominative(part, gender, case) for part in surname.split("-"))
    low = surname.lower()
    if low.endswith(_INDECLINABLE) and not low.endswith(("ого", "его")):
        return surname
    found = _dictionary_nominative(surname, gender, case)
    if found:
        return found
    if gender is None:
        return surname
    if gender == "femn" and low[-1] not in _VOWELS + "йь" and case != "nomn":
        return surname  # a consonant-final feminine surname does not decline
    if (
        gender == "masc"
        and low.endswith(tuple(_ADJ_MASC.values()))
        and low.endswith(_ADJ_MASC[case])
    ):
        return match_case(_adjectival_masculine(surname, case), surname)
    for old, new in _paradigms().get((gender, case), ()):
        if not low.endswith(old) or len(low) <= len(old) + 1:
            continue
        stem = low[: len(low) - len(old)]
        if gender == "femn" and old == "ой" and not _possessive_feminine(stem):
            new = "ая"  # Толстой, Сечной, Белой: an adjectival surname
        if new == "" and stem[-1] in _VOWELS:
            continue
        return match_case(stem + new, surname)
    return surname


def _adjectival_masculine(surname: str, case: str) -> str:
    """ "Заречного" -> "Заречный" (pymorphy3's adjective when it knows it)."""
    for p in parses(surname):
        g = grams(p)
        if "ADJF" in g and case in g and "masc" in g:
            form = p.inflect({"nomn", "sing", "masc"})
            if form:
                return form.word
    stem = re.sub(r"(ого|его|ому|ему|ым|им|ом|ем)$", "", surname.lower())
    return stem + ("ий" if stem[-1:] in "кгхжшщч" else "ый")


def _dictionary_nominative(surname: str, gender: str | None, case: str | None) -> str | None:
    """The nominative from pymorphy3's surname analyses that fit the gender and case."""
    for p in parses(surname):
        g = grams(p)
        if "Surn" in g and (case is None or case in g) and (gender is None or gender in g):
            if "Fixd" in g:
                return surname
            form = p.inflect({"nomn", gender} if gender else {"nomn"})
            if form:
                return match_case(form.word, surname)
    return None


def _common_feminine_noun(word: str) -> bool:
    """A word the dictionary knows as a feminine common noun and never as a surname
    ("Щербина", "Калина"; not "Сёмина", the feminine of Сёмин).

    >>> _common_feminine_noun("Щербина"), _common_feminine_noun("Сёмина")
    (True, False)
    """
    ps = parses(word)
    return (
        bool(ps)
        and not any("Surn" in p.tag for p in ps)
        and {"NOUN", "femn", "sing", "nomn"} <= ps[0].tag.grammemes
        and nlp.is_known_word(word.lower())
    )


def surname_options(surname: str) -> list[tuple[str, str]]:
    """The (gender, case) readings a surname's form allows: the dictionary's first, then
    the paradigms' (-овой is a feminine oblique; -ова a feminine nominative or a
    masculine genitive; a consonant-final one a nominative of either gender).

    >>> surname_options("Ярошевичу")[:1], ("femn", "nomn") in surname_options("Сёмина")
    ([('masc', 'datv')], True)
    >>> surname_options("Варданяна")
    [('masc', 'gent'), ('masc', 'accs')]
    """
    options = [(g, c) for g, c, _ in sorted(readings(surname, "Surn"), key=lambda o: -o[2])]
    low = surname.lower().split("-")[-1]
    if low.endswith(("ой", "ей")):
        options += [("femn", c) for c in ("gent", "datv", "ablt", "loct")]
    if low.endswith(("ову", "еву", "ину", "ую", "юю")):
        options += [("femn", "accs")]
    if low.endswith(("ова", "ева", "ёва", "ина", "ына")):
        options += [("femn", "nomn"), ("masc", "gent"), ("masc", "accs")]
        if _common_feminine_noun(surname):
            options += [("masc", "nomn")]  # "Иван Щербина": a noun's form, a man's too
    elif low.endswith("яна"):
        # "Варданяна": a surname in -ян declines for a man only (Розенталь § 172)
        options += [("masc", "gent"), ("masc", "accs")]
    elif low.endswith(("а", "я")):
        options += [("femn", "nomn"), ("masc", "nomn"), ("masc", "gent"), ("masc", "accs")]
    if low.endswith(("ого", "его")):
        options += [("masc", "gent"), ("masc", "accs")]
    if low.endswith(("ому", "ему", "у", "ю")) and low[-2:-1] not in _VOWELS:
        options += [("masc", "datv")]
    if low.endswith(("ым", "ом", "ем")):
        options += [("masc", "ablt")]
    if low.endswith(("ий", "ый")) or low.endswith("ой") and not _possessive_feminine(low[:-2]):
        options += [("masc", "nomn")]
    if low.endswith(("ая", "яя")):
        options += [("femn", "nomn")]
    if low[-1:] not in _VOWELS + "йь":
        options += [("masc", "nomn")] + [("femn", c) for c in CASES]
    if low.endswith("е") and low[-2:-1] not in _VOWELS:
        options += [("masc", "loct"), ("femn", "datv"), ("femn", "loct"), ("masc", "datv")]
    if low.endswith(("и", "ы")):
        options += [("femn", "gent"), ("masc", "gent")]
    return list(dict.fromkeys(options))


def surname_reading(
    surname: str, case_hint: str | None = None, gender_hint: str | None = None
) -> tuple[str | None, str | None]:
    """The gender and case of a surname seen without a first name ("Сёмина В. П.").

    The hints (the case natasha's tagger gave the word in its sentence, the case of an
    appositive position) choose among the readings the surname's own form allows: the
    dictionary's, and the paradigms' (-овой is feminine; -а after -ов/-ин is a masculine
    genitive or a feminine nominative).
    """
    options = surname_options(surname)
    if not options:
        return gender_hint, case_hint if case_hint else None
    if case_hint:
        fit = [o for o in options if o[1] == case_hint]
        if gender_hint:
            fit = [o for o in fit if o[0] == gender_hint] or fit
        if fit:
            return fit[0]
    if gender_hint:
        fit = [o for o in options if o[0] == gender_hint]
        if fit:
            options = fit
    options.sort(key=lambda o: CASE_PREFERENCE.index(o[1]))
    return options[0]


# --------------------------------------------------------------------------- persons


def _is_initial(tok: str) -> bool:
    return bool(_INITIAL.match(tok))


def split_initials(text: str) -> str:
    """ "И.В.Петрова" -> "И. В. Петрова": one space after each initial."""
    return re.sub(r"(?<![А-Яа-яЁё])([А-ЯЁ])\.\s*", r"\1. ", text).strip()


def normalize_person(text: str, case: str | None = None, gender: str | None = None) -> str:
    """A person's name as written, in any case and order -> "Фамилия Имя Отчество" in the
    nominative; initials forms -> "Фамилия И. О." (`case`, `gender`: hints from the context
    for a surname with initials).

    >>> normalize_person("Ярошевичу Андрею Павловичу"), normalize_person("Анне Толстой")
    ('Ярошевич Андрей Павлович', 'Толстая Анна')
    >>> normalize_person("Сёмина В.П.", case="gent")
    'Сёмин В. П.'
    """
    return read_person(text, case, gender)[0]


@lru_cache(maxsize=50_000)  # a pure function of its arguments, called per mention
def read_person(
    text: str, case: str | None = None, gender: str | None = None
) -> tuple[str, str | None]:
    """(the name in the nominative, the case it was written in), as `normalize_person`."""
    text = re.sub(r"\s+", " ", text).strip(" ,;()")
    if not re.search(r"(?<![А-Яа-яЁё])[А-ЯЁ]\.$", text):
        text = text.rstrip(".")
    if re.search(r"[А-ЯЁ]\.", text):
        return _normalize_initials(text, case, gender)
    words = text.split(" ")
    if len(words) < 2:
        return (words[0] if words else text), case
    first_i, patr_i, surname_i = _name_order(words)
    first = words[first_i]
    patronymic = words[patr_i] if patr_i is not None else None
    name_gender, name_case = name_gender_case(first, patronymic)
    if surname_i is not None and name_gender is not None:
        # The surname's own form may rule out the first name's reading ("Анне Толстой": the
        # dative, not the locative; "Елене Ярошевич": the indeclinable feminine).
        name_case = _case_with_surname(first, patronymic, words[surname_i], name_gender, name_case)
    gender, case = name_gender or gender, name_case or case
    first_n = (_inflect_tagged(first, "Name", gender, case) if gender and case else None) or first
    parts = []
    if surname_i is not None:
        parts.append(surname_nominative(words[surname_i], gender, case))
    parts.append(first_n)
    if patronymic:
        patr_n = _inflect_tagged(patronymic, "Patr", gender, case) if gender and case else None
        parts.append(patr_n or patronymic)
    return " ".join(parts), case


def _name_order(words: list[str]) -> tuple[int, int | None, int | None]:
    """(first name, patronymic, surname) positions in a two- or three-word name."""
    patr_i = next((i for i, w in enumerate(words) if i > 0 and is_patronymic(w)), None)
    if patr_i is not None:
        first_i = patr_i - 1
        rest = [i for i in range(len(words)) if i not in (first_i, patr_i)]
        return first_i, patr_i, rest[0] if rest else None
    # "Фамилия Имя" or "Имя Фамилия": the word that is a first name and not a surname.
    names = [is_first_name(w) and not readings(w, "Surn") for w in words[:2]]
    if names[0] and not names[1]:
        return 0, None, 1
    if names[1] and not names[0]:
        return 1, None, 0
    if is_first_name(words[1]) and not is_first_name(words[0]):
        return 1, None, 0
    if is_first_name(words[0]):
        return 0, None, 1
    return 1, None, 0


def _case_with_surname(
    first: str, patronymic: str | None, surname: str, gender: str, case: str | None
) -> str | None:
    """Among the cases the first name (and patronymic) allow, one the surname's form
    allows too; the first name's own preference otherwise."""
    allowed = {c for g, c, _ in readings(first, "Name") if g == gender}
    if patronymic:
        allowed &= {c for g, c, _ in readings(patronymic, "Patr") if g == gender} or allowed
    if case in allowed and len(allowed) == 1:
        return case
    for c in sorted(allowed, key=CASE_PREFERENCE.index):
        if c == "nomn" or surname_nominative(surname, gender, c) != surname:
            if c == "nomn" and _looks_oblique(surname, gender):
                continue
            return c
    return case


def _looks_oblique(surname: str, gender: str) -> bool:
    """A surname form that cannot be a nominative of `gender` ("Толстой" for a woman)."""
    low = surname.lower()
    if gender == "femn":
        return low.endswith(("ой", "ую", "ову", "еву", "ину"))
    return low.endswith(("ому", "ему", "ого", "ову", "еву", "ину", "ым"))


def _normalize_initials(text: str, case: str | None, gender: str | None) -> tuple[str, str | None]:
    text = split_initials(text)
    toks = text.split(" ")
    initials = [t for t in toks if _is_initial(t)]
    others = [t for t in toks if not _is_initial(t)]
    if not others:
        return text, case
    surname = others[0]
    gender, case = surname_reading(surname, case, gender)
    return " ".join([surname_nominative(surname, gender, case), *initials]), case
