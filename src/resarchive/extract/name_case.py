"""The case and gender a name with initials is written in, as its sentence shows them
through natasha's tagger: the position beside it, the noun that governs it, the verb it
is the subject of (`people.find_people` asks, `names.read_person` inflects)."""

from __future__ import annotations

import bisect
import re

from .. import nlp
from .affiliation import is_position_word
from .context import Context
from .morph import is_animate_noun, parses

_CASE = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}


class CaseHints:
    """The case a name is written in, as its context shows it through natasha's tagger.

    The case of a position standing by the name decides first: after it and a comma
    ("Сёмина В. П., директора ЦБС" — genitive) or right before it ("директор библиотеки
    Н. В. Зуева" — nominative: the tagger reads "Зуева" as a genitive of the chain there);
    else none: the tagger's own case for a surname after a genitive chain is unreliable,
    and the surname's form decides (the nominative first).
    """

    def __init__(self, ctx: Context) -> None:
        self.tokens = ctx.doc.tokens
        self.starts = [t.start for t in self.tokens]
        self.places = [(s.start, s.stop) for s in ctx.doc.spans if s.type == "LOC"]

    def _index(self, pos: int) -> int:
        return bisect.bisect_left(self.starts, pos)

    def case_of(self, start: int, end: int) -> str | None:
        tokens, i = self.tokens, self._index(end)
        if i + 1 < len(tokens) and tokens[i].text == "," and _is_position(tokens[i + 1]):
            return _CASE.get(tokens[i + 1].feats.get("Case"))
        # The head of a position before the name is its first animate noun
        # ("заместитель директора А. Н. Маслова": "заместитель", nominative).
        head = None
        for k in range(self._index(start) - 1, max(-1, self._index(start) - 12), -1):
            tok = tokens[k]
            if tok.text == "." and k and tokens[k - 1].text.lower() in _ABBREVIATED_POSITIONS:
                return None  # "зам. директора Прибыткова": the head is abbreviated, no case
            if tok.text == "-" and k > 0 and tokens[k - 1].stop == tok.start:
                continue  # "инновационно-методическим": a hyphen inside a word
            if tok.pos == "PROPN" and any("Subx" in p.tag for p in parses(tok.text.lower())):
                head = tok  # "Заведующая отделом Ю. А. Малышева": tagged a name, opening
                continue  # a sentence
            if tok.pos == "PROPN" and any(a <= tok.start < b for a, b in self.places):
                continue  # "вице-губернатора Санкт-Петербурга Кириллова В.В.": a place
            if tok.pos in ("PUNCT", "CCONJ", "PROPN") or _finite(tok):
                break
            if _is_position(tok):
                head = tok
        if head is not None:
            return _own_case(head.text) or _CASE.get(head.feats.get("Case"))
        return self._after_a_noun(self._index(start) - 1)

    def gender_of_verb_after(self, end: int) -> str | None:
        """The gender of a finite past-tense verb in the singular right after a name
        ("Белова Н. В. рассказала": "femn"), whose subject the name then is; else None."""
        i = self._index(end)
        while i < len(self.tokens) and self.tokens[i].text == ".":
            i += 1  # the initial's own dot
        if i == len(self.tokens) or self.tokens[i].start > end + 2:
            return None
        tok = self.tokens[i]
        feats = tok.feats or {}
        if tok.pos != "VERB" or feats.get("VerbForm") != "Fin" or feats.get("Number") != "Sing":
            return None
        return {"Fem": "femn", "Masc": "masc"}.get(feats.get("Gender"))

    def _after_a_noun(self, k: int) -> str | None:
        """ "юбилеях К. Д. Ушинского, С. В. Рахманинова и Р. Гамзатова": names (a list of
        them) right after a common noun that is no position are its genitive complement."""
        tokens = self.tokens
        while k >= 0 and (
            tokens[k].pos == "PROPN"
            or tokens[k].text in (",", "и")
            or _INITIAL.fullmatch(tokens[k].text)
            or (tokens[k].text == "." and k and _INITIAL.fullmatch(tokens[k - 1].text))
        ):
            k -= 1
        if k < 0 or tokens[k].pos != "NOUN" or _is_position(tokens[k]):
            return None
        if "-" in tokens[k].text and not nlp.is_known_word(tokens[k].text.lower()):
            return None  # "(кл.рук-ль Шамкова Л.Г.)": an abbreviated post, no noun to govern
        # "заведующая сектором А. Н. Котова", "заместитель Председателя Комитета Госдумы по
        # образованию и науке О. Смолин": the noun is a position's complement
        for tok in tokens[max(0, k - 15) : k][::-1]:
            if tok.pos in ("PUNCT", "VERB", "AUX"):
                break
            if tok.pos != "PROPN" and is_position_word(tok.text):
                return None
        return "gent"


_INITIAL = re.compile(r"[А-ЯЁ]")
_ABBREVIATED_POSITIONS = frozenset({"зам", "зав", "гл", "вед", "нач", "пред", "рук"})


def _is_position(tok) -> bool:
    """An animate common noun: a position ("директор", "библиотекарь"), also where the
    tagger reads it as inanimate after a verb ("объявила методист Н. В. Егорова")."""
    return tok.pos == "NOUN" and (
        (tok.feats or {}).get("Animacy") == "Anim" or is_animate_noun(tok.text)
    )


def _own_case(word: str) -> str | None:
    """The case of a position word when its animate readings allow one only: "методист"
    (an animate accusative would be "методиста") is nominative, "библиографом"
    instrumental; the tagger reads such a word after a verb as an accusative object.

    >>> _own_case("методист"), _own_case("библиографом"), _own_case("заведующей")
    ('nomn', 'ablt', None)
    """
    cases = {
        p.tag.case
        for p in parses(word)
        if p.tag.POS == "NOUN" and "anim" in p.tag and p.score >= 0.05
    }
    return cases.pop() if len(cases) == 1 else None


def _finite(tok) -> bool:
    return tok.pos in ("VERB", "AUX") and (tok.feats or {}).get("VerbForm") == "Fin"
