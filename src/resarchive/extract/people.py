"""Person mentions: every place a person is named, in any of the orders Russian texts use.

A mention is found by token rules over the clean text with pymorphy3, natasha's PER spans
and its morphology only as evidence (natasha splits "Короткову" / "Ирину Александровну",
swallows "(Ижморская ЦБС" and misses names outright):

- "И. О. Фамилия", "И.О.Фамилия" and "Фамилия И. О." (one or two initials);
- "Имя Отчество" with the surname before or after it ("Фамилия Имя Отчество", "Имя
  Отчество Фамилия"); "Имя Отчество" alone is kept to be merged into a person named with
  those initials ("М. В. Паскуль … Марина Владимировна");
- "Имя Фамилия" and "Фамилия Имя": a first name beside a word that can be a surname (a
  surname analysis, a word the dictionary does not know, or natasha's PER span), the two
  agreeing in gender where both show it.
Not actors, so no mentions: names inside «…» (titles of talks and books), eponyms and
authors ("им. В. Кручины", "имени С. М. Голицына", "книги И. Иванова": `data/
not_actor_before.txt`).

Each mention carries its normalized name (`names.normalize_person`), with the case and
gender natasha's tagger gave the surname in its sentence as hints for a surname with
initials ("Сёмина В. П., директора" is a man in the genitive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lemmas
from ..rules.words import is_entry, word_set
from .context import Context
from .morph import only_a_place, parses
from .name_case import CaseHints
from .names import is_first_name, is_patronymic, read_person, readings, surname_options

# A word, an initial, or a word in capitals (a surname beside initials only: "В.Н.КАШИРСКИЙ"
# under a signature; elsewhere capitals are abbreviations and headings).
_TOKEN = re.compile(
    r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ]\.|[А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})?\b"
    # a second initial that lost its dot, before the surname ("И. Ю Перченко"); not a
    # one-letter preposition or conjunction ("Иванов И. И. К Смирновой обратились")
    r"|(?<=[А-ЯЁ]\.\s)[БГДЕЁЖЗЙЛМНПРТФХЦЧШЩЭЮ](?=\s[А-ЯЁ][а-яё])"
)


@dataclass(frozen=True)
class PersonMention:
    start: int  # clean-text offsets of the name as written
    end: int
    name: str  # "Фамилия Имя Отчество" / "Фамилия И. О." in the nominative
    case: str | None = None  # the grammatical case the name is written in
    complete: bool = True  # False: "Имя Отчество" without a surname


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def initial(self) -> bool:
        return self.text.endswith(".") or len(self.text) == 1

    @property
    def capitals(self) -> bool:
        return not self.initial and len(self.text) > 1 and self.text.isupper()


def find_people(ctx: Context) -> list[PersonMention]:
    """Every person mention of the document, in text order, without overlaps."""
    text = ctx.text
    toks = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    per = [(s.start, s.stop) for s in ctx.doc.spans if s.type == "PER"]
    hints = CaseHints(ctx)
    quoted = _quoted_regions(text)
    found: list[PersonMention] = []
    i = 0
    while i < len(toks):
        match = _match_at(text, toks, i, per)
        if match is None:
            i += 1
            continue
        n, kind = match
        start, end = toks[i].start, toks[i + n - 1].end
        if _not_an_actor(text, start) and not _named_in_full_nominative(text, toks, i, n, kind):
            # "имени А. С. Пушкина" is the eponym whole; in "библиотеки имени Курбатова Вера
            # Ивановна Павлова" the eponym is one word and the words after it are read again
            i += 1 if kind == "full" and not toks[i + 1].initial else n
            continue
        i += n
        if _inside(quoted, start):
            continue
        written = _CAPITALS.sub(lambda m: m.group().capitalize(), text[start:end])
        written = _DOTLESS_INITIAL.sub(r"\1.", written)  # "И. Ю Перченко"
        hint, gender = None, None
        if kind == "initials":
            # The subject of the finite verb after it is a nominative of the verb's gender
            # ("заведующая отделом … Белова Н. В. рассказала": Белова, not Белов's genitive),
            # if its surname can be one ("Доклад Смирнова А. А. вызвал": the report did).
            gender = hints.gender_of_verb_after(end)
            if gender:
                surname = next(t.text for t in toks[i - n : i] if not t.initial).capitalize()
                if (gender, "nomn") not in surname_options(surname):
                    gender = None
            hint = "nomn" if gender else hints.case_of(start, end)
        name, case = read_person(written, hint, gender)
        found.append(PersonMention(start, end, name, case, complete=kind != "first_patronymic"))
    return found


_DOTLESS_INITIAL = re.compile(r"(?<![А-Яа-яЁё])([А-ЯЁ])(?=\s)")


def _adjacent(text: str, a: _Tok, b: _Tok) -> bool:
    """Two tokens of one name: one space apart, or glued after an initial's dot."""
    gap = text[a.end : b.start]
    return gap == " " or (a.initial and gap in ("", "\u00a0"))


def _match_at(text: str, toks: list[_Tok], i: int, per) -> tuple[int, str] | None:
    """(number of tokens, kind) of a name starting at token i, longest shape first."""
    if toks[i].capitals and not _capitals_surname(toks[i].text):
        return None
    run = [toks[i]]
    for t in toks[i + 1 : i + 4]:
        if not _adjacent(text, run[-1], t) or t.capitals and not _capitals_surname(t.text):
            break
        run.append(t)
    shape = "".join("I" if t.initial else "W" for t in run)
    words = [t.text.capitalize() if t.capitals else t.text for t in run]
    # Initials before or after a surname.
    for pattern, n in (("IIW", 3), ("IW", 2)):
        if shape.startswith(pattern) and _surname_like(words[n - 1], strict=n == 2):
            return n, "initials"
    if run[0].capitals:
        return None  # "БАЕ Л. Ю. Гафуровой", "МБУК Л.В. Торокова": capitals before initials
    if shape.startswith("WII") and _surname_like(words[0]) and not _followed_by_word(text, run[2]):
        return 3, "initials"
    if (
        shape.startswith("WI")
        and _surname_like(words[0], strict=True)
        and not _followed_by_word(text, run[1])
    ):
        return 2, "initials"
    if any(t.capitals for t in run[:3]):
        return None  # capitals beside no initials: an abbreviation, a heading
    # Name + patronymic, with the surname before or after.
    if (
        shape.startswith("WWW")
        and _name_patr(words[1], words[2])
        and _surname_before(text, run[0], per)
        and not _surname_after(words, run[0], per)
    ):
        return 3, "full"
    if shape.startswith("WWW") and _name_patr(words[0], words[1]) and _surname_like(words[2]):
        return 3, "full"
    if shape.startswith("WW") and _name_patr(words[0], words[1]):
        return 2, "first_patronymic"
    # First name and surname, in either order.
    if shape.startswith("WW") and _name_and_surname(words[0], words[1], run, per):
        return 2, "first_last"
    # "школы №1 Зубцова Валентина Индеева": a town's genitive, then "Имя Фамилия"
    town = (
        shape.startswith("WWW")
        and only_a_place(words[0])
        and _name_and_surname(words[1], words[2], run[1:], per)
    )
    if shape.startswith("WW") and not town and _name_and_surname(words[1], words[0], run, per):
        return 2, "last_first"
    return None


def _surname_before(text: str, word: _Tok, per) -> bool:
    """The capitalized word before "Имя Отчество" is its surname: it can be one, natasha
    reads it as part of a person, or it stands mid-sentence (a capital there is a name's)."""
    if is_entry(word.text, "not_surnames") or _after_settlement_prefix(text, word.start):
        return False  # "д. Ульянино Надежда Владимировна Макарова": a village's name
    if _surname_like(word.text, strict=True) or any(s <= word.start < e for s, e in per):
        return True
    prev = text[max(0, word.start - 3) : word.start].rstrip(" ")
    return bool(prev) and (prev[-1].isalpha() and prev[-1].islower() or prev[-1] in ",;:(")


def _surname_after(words: list[str], before: _Tok, per) -> bool:
    """ "министр культуры Удмуртской Республики Владимир Михайлович Соловьев": a surname
    after "Имя Отчество" wins over a word before it that is no surname of its own."""
    return (
        len(words) > 3
        and _surname_like(words[3])
        and not _surname_like(before.text, strict=True)
        and not any(s <= before.start < e for s, e in per)
    )


def _after_settlement_prefix(text: str, pos: int) -> bool:
    from ..rules.settlements import settlement_prefix

    return bool(re.search(settlement_prefix() + r"\s?$", text[max(0, pos - 12) : pos]))


def _followed_by_word(text: str, initial: _Tok) -> bool:
    """ "Петрова И. Сидорова": the initial belongs to the next surname; not before a new
    sentence's pronoun or adverb ("Кузьмина С.В. Она рассказала", "… Т.Т. Далее")."""
    after = text[initial.end : initial.end + 60]
    m = re.match(r"\s?([А-ЯЁ][а-яё]+|[А-ЯЁ]{2,}\b)(?:\s+([А-ЯЁ][а-яё]+))?", after)
    if m and m.group(2) and is_patronymic(m.group(2)):
        return False  # "Котельникова О.А. Ольга Анатольевна смогла …": her name in full next
    return bool(m) and _surname_like(m.group(1).capitalize())


def _name_patr(first: str, patronymic: str) -> bool:
    """A first name and patronymic: the patronymic decides, and the first name is one of
    its gender, or one the dictionary does not know ("Бахытжамал Каирбековна", "Ипполита
    Сергеевна" — pymorphy3 knows only the masculine Ипполит)."""
    if not is_patronymic(patronymic):
        return False
    if not is_first_name(first):
        return not _known(first)
    pg = {g for g, _, _ in readings(patronymic, "Patr")} or {"femn", "masc"}
    agree = pg & {g for g, _, _ in readings(first, "Name")}
    return bool(agree) or first.endswith(("а", "я")) or not _known(first)


def _name_and_surname(first: str, surname: str, run: list[_Tok], per) -> bool:
    """A first name with a surname beside it ("Людмила Канушина", "Балацкая Надежда"):
    the two agree in gender and case, and the surname reads as one or natasha reads the
    two as a person ("Елена Гросс")."""
    start, end = run[0].start, run[1].end
    # natasha reading the two as one person lets a first name that is a common word first
    # ("Любовь Зенкова рассказала …") be one.
    in_per = any(s <= start and end <= e for s, e in per)
    good = _good_first_name(first) or in_per and is_first_name(first) and not first.isupper()
    if not good or is_first_name(surname) and not readings(surname, "Surn"):
        return False
    if is_patronymic(surname):
        return False
    if not {(g, c) for g, c, _ in readings(first, "Name")} & set(surname_options(surname)):
        return False  # "Степана Щипачёва" agree; "Щипачёва Ксения" (masculine genitive) do not
    if in_per:
        return not is_entry(surname, "not_surnames")
    return _surname_like(surname, strict=True)


def _good_first_name(word: str) -> bool:
    """A first name that is not first of all a common word ("Вера" is, "Надежда" is too,
    but a capitalized word in a sentence with a surname beside it still reads as a name)."""
    if not is_first_name(word) or word.isupper():
        return False
    best = max(parses(word), key=lambda p: p.score)
    return "Name" in best.tag or best.score < 0.6


# Endings Russian surnames take in the nominative (Ивано́в, Петро́ва, Бе́лый, Шевче́нко, …).
_SURNAME_SHAPE = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|цкий|цкая|ой|ая|ий|ый|ых|их|ко|ук|юк|"
    r"ич|ян|ец|ель|ман|берг)$"
)


def _surname_like(word: str, strict: bool = False) -> bool:
    """Whether a capitalized word can be a surname.

    Beside initials (`strict` False: "Т. А. Швед", "М. И. Бедова", "А. И. Груши") any word
    can, unless it is a known place without a surname's ending, or a title word ("Глава").
    Beside one initial or a first name alone (`strict`) it needs more: a surname analysis,
    a word the dictionary does not know, or a surname's ending. pymorphy3 guesses a place
    for unknown words ("Кидиекова"): only a known word's place reading counts.
    """
    if is_entry(word, "not_surnames") or lemmas.fold(word) in word_set("not_surnames"):
        return False
    first, _, last = word.partition("-")
    if last and last[:1].isupper() and _surname_like(last, strict):
        return True  # "Тер-Варданян", "Петров-Водкин": the last part tells
    head = first
    ps = parses(head)
    known = _known(head)
    if any("Surn" in p.tag for p in ps):
        return not (known and any("Geox" in p.tag and p.score > 0.3 for p in ps))
    if known and any({"Geox", "Orgn", "Abbr"} & set(p.tag.grammemes) for p in ps[:1]):
        # Beside two initials a surname's ending outweighs a place of that name
        # ("Грибова С.С.", "Кирова А. М."; the villages Грибов, Киров).
        return not strict and "Geox" in ps[0].tag and bool(_SURNAME_SHAPE.search(head.lower()))
    if known and ps[0].tag.POS not in ("NOUN", "ADJF", "ADJS", "PRTF", None):
        return False  # "Выступили Т. Г. Орлова": a verb is no surname
    if not strict or not known:
        return True
    return bool(_SURNAME_SHAPE.search(head.lower())) and not is_first_name(head)


def _capitals_surname(word: str) -> bool:
    """A word in capitals that can be a surname: a surname's analysis or ending
    ("КАШИРСКИЙ", "ГАЛУШКО"), not an abbreviation without one ("ЦБС", "СОШ"; "МБУК" ends
    as "Ковальчук" does: capitals count only after initials, `_match_at`).

    >>> _capitals_surname("НАСОНОВ"), _capitals_surname("ЦБС"), _capitals_surname("СОШ")
    (True, False, False)
    """
    lower = word.lower()  # pymorphy3 guesses a surname for unknown words ("мбук"): not those
    return bool(_SURNAME_SHAPE.search(lower)) or (
        _known(lower) and any("Surn" in p.tag for p in parses(lower))
    )


def _known(word: str) -> bool:
    from .. import nlp

    return nlp.is_known_word(word.lower())


_CAPITALS = re.compile(r"[А-ЯЁ]{2,}")


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    """«...» regions, line by line; nested quotes count as one. On a line whose quotes
    do not balance («Книга «Название», докладчик ...) every » closes all open quotes."""
    regions = []
    pos = 0
    for line in text.split("\n"):
        nested = line.count("«") == line.count("»")
        depth = 0
        start = 0
        for i, ch in enumerate(line):
            if ch == "«":
                if depth == 0:
                    start = i
                depth += 1
            elif ch == "»" and depth:
                depth = depth - 1 if nested else 0
                if depth == 0:
                    regions.append((pos + start, pos + i + 1))
        if depth:
            regions.append((pos + start, pos + len(line)))
        pos += len(line) + 1
    return regions


def _inside(regions: list[tuple[int, int]], pos: int) -> bool:
    return any(s < pos < e for s, e in regions)


# A name of a list with its separator: "К. Д Ушинского, ", "Рахманинова С. В. и ".
_LIST_ITEM = re.compile(
    r"(?:[А-ЯЁ][а-яё-]+|[А-ЯЁ]\.?)(?:\s*(?:[А-ЯЁ][а-яё-]+|[А-ЯЁ]\.?))*\s*(?:,\s*и|,|\sи)\s+$"
)


def _not_an_actor(text: str, start: int) -> bool:
    """Whether the word before a name makes it an eponym or an author ("им.", "книги"),
    the word before the list the name ends ("юбилеи К. Д. Ушинского и Р. Гамзатова") too."""
    before = text[max(0, start - 200) : start]
    while item := _LIST_ITEM.search(before):
        before = before[: item.start()]
    m = re.search(r"([А-Яа-яЁё]+)\.?\s*$", before[-40:])
    if not m:
        return False
    word = m.group(1).lower()
    if _animate_nominative(word):
        return False  # "писатель Ч. Айтматов": the writer himself, not one's work
    return (
        word in word_set("not_actor_before")
        or is_entry(word, "not_actor_before")
        or lemmas.lemma(word).endswith("летие")
    )


def _named_in_full_nominative(text: str, toks: list[_Tok], i: int, n: int, kind: str) -> bool:
    """A full name whose first name and patronymic can only be nominatives, no other name
    word after it: in apposition, not a work's author or an eponym, whose name is a
    genitive ("Автор книги Егерева Татьяна Александровна рассказала" is the author
    herself; "книги Петрова Ивана Сергеевича" and "имени Курбатова Вера Ивановна Павлова"
    stay as they are)."""
    if kind != "full":
        return False
    words = [t.text for t in toks[i : i + n]]
    given = words[1:3] if _name_patr(words[1], words[2]) else words[0:2]
    if any(not _only_nominative(w) for w in given):
        return False
    after = toks[i + n] if i + n < len(toks) else None
    return after is None or not _adjacent(text, toks[i + n - 1], after)


def _only_nominative(word: str) -> bool:
    """A first name or patronymic read only as a nominative.

    >>> _only_nominative("Татьяна"), _only_nominative("Ивановича")
    (True, False)
    """
    cases = {c for tag in ("Name", "Patr") for _, c, _ in readings(word, tag)}
    return cases == {"nomn"}


def _animate_nominative(word: str) -> bool:
    """ "писатель", "поэт" (an apposition), not "писателя", "поэта" (whose work)."""
    ps = parses(word)
    return bool(ps) and {"NOUN", "anim", "nomn"} <= ps[0].tag.grammemes


def completes(name: str, first_patronymic: str) -> bool:
    """ "Паскуль М. В." or "Крутакова Ксения", then "Марина Владимировна" / "Ксения
    Юрьевна": the later first name and patronymic complete the earlier name."""
    given = name.split()[1:]
    words = first_patronymic.split()
    if len(given) == 2 and all(_is_initial(i) for i in given):
        return all(i[0] == w[0] for i, w in zip(given, words, strict=True))
    if len(given) == 2:  # "Шелленберг Вероника Владимировна", then "Вероника Владимировна"
        return [lemmas.fold(g) for g in given] == [lemmas.fold(w) for w in words]
    return len(given) == 1 and lemmas.fold(given[0]) == lemmas.fold(words[0])


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def same_person(a: str, b: str) -> bool:
    """Two normalized names of one person: the same surname, and first names and
    patronymics that agree where both are given, initials matching full words.

    >>> same_person("Усова Н. Н.", "Усова Наталья Николаевна")
    True
    >>> same_person("Крутакова Ксения", "Крутакова Ксения Юрьевна")
    True
    >>> same_person("Иванова А.", "Иванова Б.")
    False
    """
    wa, wb = a.split(), b.split()
    if not wa or not wb or lemmas.fold(wa[0]) != lemmas.fold(wb[0]):
        return False
    for x, y in zip(wa[1:], wb[1:], strict=False):
        x, y = lemmas.fold(x).rstrip("."), lemmas.fold(y).rstrip(".")
        if not (x == y or (len(x) == 1 or len(y) == 1) and x[0] == y[0]):
            return False
    return True


def fuller(a: str, b: str) -> str:
    """Of two names of one person, the one that says more ("Усова Наталья Николаевна")."""

    def weight(name: str) -> tuple[int, int]:
        words = name.split()
        return sum(not _is_initial(w) for w in words), len(words)

    return a if weight(a) >= weight(b) else b
