"""How far an organization's name runs: the tails a name takes after its head noun.

"г. X", "им. X.Y. Z", "№ 7", a «name», an adjacent place, a genitive name ("Экономический
совет Содружества Независимых Государств"), a lower-case genitive ("Централизованная система
детских библиотек"), "для …"/"по …" phrases, a ministry's list of fields and its region.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lemmas
from ..rules import gazetteer
from ..rules.words import is_entry, word_set
from .morph import parses
from .names import is_patronymic
from .org_names import ABBR, close_quote, is_adjective_parse, title_in_quotes

CAP = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)*"


def _head_lemma(name: str) -> str | None:
    for w in re.findall(r"[А-Яа-яЁё]+", name):
        lem = lemmas.lemma(w)
        if lem in word_set("org_heads"):
            return lem
        if not any(is_adjective_parse(p) for p in parses(w)):
            return lem
    return None


_FULL_EPONYM = re.compile(r"\s(?:им\.|имени)\s+[А-ЯЁ][а-яё]+\s+([А-ЯЁ][а-яё]+)\s+[А-ЯЁ][а-яё]+")


def _full_eponym(rest: str) -> re.Match | None:
    """ "имени Евгения Павловича Смургиса": an eponym's name, patronymic and surname."""
    m = _FULL_EPONYM.match(rest)
    return m if m and is_patronymic(m.group(1)) else None


# "г. Орла", "пос. Мирный", "ж.д. ст. Просница": a settlement that a name ends with.
_TOWN_PREFIX = r"(?:г\.|гор\.|города|пос\.|поселка|с\.|(?:ж\.\s?д\.\s?)?ст\.)"


def extend_right(text: str, end: int, loc_spans, start: int | None = None) -> int:
    """Absorb a name's tails: "г. X", "им. X.Y. Z", "№ 7", «name», an adjacent place
    ("Клуб ... методистов" + "Кузбасса"), "для детей и юношества", "по ... деятельности"."""
    phrase_head = _head_lemma(text[start:end]) if start is not None else None
    while True:
        rest = text[end : end + 200]
        head = _last_head(text, end)
        m = (
            re.match(rf"\s?{_TOWN_PREFIX}\s?{CAP}", rest)
            # "имени Евгения Павловича Смургиса": an eponym's name and patronymic in full
            or _full_eponym(rest)
            or re.match(rf"\s(?:им\.|имени)\s?(?:[А-ЯЁ]\.\s?){{0,2}}{CAP}", rest)
            or re.match(r"(?:\s?[№N]\s?\d+|-филиал\s?[№N]\s?\d+)", rest)
        )
        if m:
            end += m.end()
            continue
        if rest.startswith(" «") and head is not None:
            q_end = close_quote(text, end + 1)
            if q_end and not title_in_quotes(text[end + 2 : q_end - 1]):
                end = q_end
                continue
        # An adjacent place natasha read apart: after an organization's head, or a region
        # in the genitive after any name ("Кабинет Министров" + "Чувашской Республики").
        if (
            rest.startswith(" ")
            and end + 1 in loc_spans
            and (head is not None or REGION_TAIL.match(text, end))
        ):
            end = loc_spans[end + 1]
            continue
        noun = phrase_head or head
        subunit = noun in word_set("org_subunits")
        if head is not None and not subunit and (tail_end := _genitive_name(text, end, noun)):
            end = tail_end  # "Экономический совет Содружества Независимых Государств"
            continue
        if head not in (None, "abbr", "tail") and (tail_end := genitive_tail(text, end)):
            end = tail_end  # "Централизованная система детских библиотек"
            continue
        noun_head = phrase_head if phrase_head in word_set("org_heads") else head
        if noun_head not in (None, "abbr") and (region := _BY_REGION.match(rest)):
            end += region.end()  # "Управление Роскомнадзора по Оренбургской области"
            continue
        m = re.match(r"\s(для|по)\s", rest)
        if (
            m
            and noun_head not in (None, "abbr")
            and (
                (m.group(1) == "для" and noun_head != "tail" and not _purpose(text, end + m.end()))
                or noun_head in word_set("org_po_heads")
            )
        ):
            tail_end = _lower_tail(text, end + m.end())
            if tail_end:
                end = tail_end
                continue
        return end


# The region a territorial body serves, in the dative after "по": "по Оренбургской
# области", "по Краснодарскому краю", "по Республике Коми", "по г. Москве".
_BY_REGION = re.compile(
    r"\sпо\s(?:[А-ЯЁ][а-яё-]+(?:ой|ому)\s+(?:автономному\s+)?(?:области|краю|округу|району)"
    r"|Республике\s+[А-ЯЁ][а-яё-]+(?:\s\([А-ЯЁ][а-яё]+\))?|[А-ЯЁ][а-яё]+\s+Республике"
    r"|(?:г\.|городу)\s?[А-ЯЁ][а-яё-]+)(?![А-Яа-яЁё])"
)


_NAME_WORD = re.compile(
    r"([ \t]+и)?[ \t]([А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*|[А-ЯЁ]{2,6}[а-яё]*)(?=[\s,.;:»)]|$)"
)


def _genitive_name(text: str, end: int, head: str) -> int | None:
    """Capitalized words in the genitive and abbreviations that go on a name: "Содружества
    Независимых Государств", "Евразии", "БГУ", "Урала и Западной Сибири"; not a legal form
    (the next organization) nor a person's name. Not after a department ("Методический
    отдел МЦБ", "Отдел … Государственной научной библиотеки"): a department is named
    within its institution, which is an organization of its own."""
    found = None
    while m := _NAME_WORD.match(text, end):
        word = m.group(2)
        if word.isupper():
            if gazetteer.is_legal_form(word) or m.group(1):
                break
        elif not _genitive_proper(word) or m.group(1) and found is None:
            break
        elif re.match(r"\s?[А-ЯЁ]\.\s?[А-ЯЁ]\.", text[m.end() : m.end() + 6]):
            break  # "МКУК «ЦБС» Воробьевой Н.Н.": a person's surname with initials
        end = found = m.end()
    return found


@lru_cache(maxsize=50_000)
def _genitive_proper(word: str) -> bool:
    """A capitalized word in the genitive that is not part of a person's name, nor a
    function word opening the next sentence ("При цитировании …": "при" has an archaic
    genitive noun reading).

    >>> _genitive_proper("Евразии"), _genitive_proper("При")
    (True, False)
    """
    ps = parses(word)
    if any({"Name", "Patr", "Surn"} & set(p.tag.grammemes) for p in ps[:2]):
        return False
    if ps and ps[0].tag.POS in ("PREP", "CONJ", "PRCL", "INTJ", "NPRO"):
        return False
    return any("gent" in p.tag and p.tag.POS in ("NOUN", "ADJF") for p in ps)


def _last_head(text: str, end: int) -> str | None:
    """The organization head of the phrase ending at `end`, if it ends with one."""
    m = re.search(r"([А-Яа-яЁё]+)»?$", text[max(0, end - 40) : end])
    if not m:
        return None
    w = m.group(1)
    if re.fullmatch(ABBR, w):
        return "abbr"
    lem = lemmas.lemma(w)
    if lem in word_set("org_heads"):
        return lem
    # "Клуб деловых встреч методистов" + "Кузбасса": a genitive tail of an org phrase.
    line_start = text.rfind("\n", 0, end) + 1
    prefix = text[max(line_start, end - 120) : end]
    words = re.findall(r"[А-Яа-яЁё]+", prefix)
    return "tail" if any(is_entry(x, "org_heads") for x in words[-6:]) else None


def _purpose(text: str, at: int) -> bool:
    """ "для реализации Программы", "для подписания": an action's noun after "для" says
    what a body is to do, not whom an institution serves ("для детей и юношества").

    >>> _purpose("для реализации Программы", 4), _purpose("для детей", 4)
    (True, False)
    """
    m = re.match(r"[а-яё]+", text[at:])
    return bool(m) and m.group().endswith(("ния", "ции", "тия", "вки", "нию", "цию"))


def _lower_tail(text: str, at: int) -> int | None:
    """Lower-case adjectives and nouns (joined by "и") from `at`: "детей и юношества"; not
    "по данному вопросу" (`data/not_field_nouns.txt`)."""
    end = None
    for m in re.finditer(r"[а-яё]+(?:-[а-яё]+)*|\S", text[at : at + 200]):
        w = m.group()
        if w == "и":
            continue
        if not w[0].isalpha() or is_entry(w, "not_field_nouns"):
            if w[0].isalpha():
                return None
            break
        ps = parses(w)
        best = max(ps, key=lambda p: p.score)
        if not str(best.tag).startswith(("NOUN", "ADJF", "PRTF")) or "Apro" in str(best.tag):
            break
        end = at + m.end()
    return end


_GEN_LIST = re.compile(r",((?:\s[а-яё]+){1,4})(?:,((?:\s[а-яё]+){1,4}))*\sи((?:\s[а-яё]+){1,4})")


# The region a government body belongs to: "… Ярославской области", "… Республики Мордовия".
REGION_TAIL = re.compile(
    r"\s(?:[А-ЯЁ][а-яё-]+\s+(?:области|края|округа|района|Федерации|Республики)|"
    r"Республики\s+[А-ЯЁ][а-яё]+|России|г\.\s?[А-ЯЁ][а-яё-]+)(?![а-яё])"
)


def ministry_list(text: str, end: int, loc_spans, start: int) -> int:
    """ "Министерство культуры, национальной политики и архивного дела Республики
    Мордовия": the fields of a ministry listed with commas and "и", all genitive."""
    m = _GEN_LIST.match(text, end)
    if not m:
        return end
    words = re.findall(r"[а-яё]+", m.group(0))
    words = [w for w in words if w != "и"]
    if not all(
        any("gent" in p.tag and p.tag.POS in ("NOUN", "ADJF") for p in parses(w)) for w in words
    ):
        return end
    region = REGION_TAIL.match(text, m.end())
    return region.end() if region else end


def genitive_tail(text: str, at: int) -> int | None:
    """Lower-case genitive words (and "и") after a head noun: "прогнозирования и развития"."""
    end = None
    pos = at
    for m in re.finditer(r"\s+(?:и\s+)?([а-яё]+(?:-[а-яё]+)*)", text[at : at + 200]):
        if at + m.start() != pos:
            break
        ps = parses(m.group(1))
        if not any(
            "gent" in str(p.tag) and str(p.tag).startswith(("NOUN", "ADJF", "PRTF")) for p in ps
        ):
            break
        best = max(ps, key=lambda p: p.score)
        if str(best.tag).startswith(("VERB", "INFN", "ADVB", "PREP", "CONJ", "PRTS", "GRND")):
            break
        if any("Subx" in p.tag for p in ps):
            break  # "грамоты областной Думы заведующей … библиотеки": a person's post next
        pos = at + m.end()
        end = pos
    # a trailing adjective without its noun is not a tail's end
    return end
