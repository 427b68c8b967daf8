"""Event types and formats as a person names them: shown in the interface's language,
accepted in Russian or English.

Records keep the English codes (the contract: `round_table`, `hybrid`); their names are
catalog messages ("round table" -> "круглый стол"). `--type` takes a code, its English
name, its Russian name from the catalog, or a word the extractor reads as that type
(`data/event_types.txt`: "вебинар", "совещание"), in any letter case and, through
pymorphy3's lemmas, any grammatical form ("семинары", "круглого стола"), whatever the
interface's language. Exact names are looked up first, so pymorphy3 loads only for an
inflected word.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .i18n import N_, _, catalog

EVENT_TYPES = {
    "conference": N_("conference"),
    "seminar": N_("seminar"),
    "round_table": N_("round table"),
    "meeting": N_("meeting"),
    "congress": N_("congress"),
    "forum": N_("forum"),
    "other": N_("other event"),
}
EVENT_FORMATS = {
    "offline": N_("in person"),
    "online": N_("online"),
    "hybrid": N_("in person and online"),
}
_VOCABULARY = Path(__file__).with_name("data") / "event_types.txt"


def type_name(code: str) -> str:
    """An event type's name in the interface's language ("семинар"); an unknown code as is."""
    return _(EVENT_TYPES[code]) if code in EVENT_TYPES else code


def format_name(code: str) -> str:
    """An event format's name in the interface's language ("очно")."""
    return _(EVENT_FORMATS[code]) if code in EVENT_FORMATS else code


def type_names() -> str:
    """The event types a person may give, for help and error texts: "конференция, семинар,
    …" in Russian, "conference, seminar, round_table, …" in English."""
    names = [type_name(code) for code in EVENT_TYPES]
    if names == [EVENT_TYPES[code] for code in EVENT_TYPES]:  # English: the codes to type
        names = list(EVENT_TYPES)
    return ", ".join(names)


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").replace("_", " ").split())


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Every accepted name, folded, -> its code."""
    russian = catalog("ru")
    found: dict[str, str] = {}
    for text in _VOCABULARY.read_text(encoding="utf-8").splitlines():
        phrase, sep, rest = text.partition("=")
        if sep and not text.startswith("#") and rest.split()[0] in EVENT_TYPES:
            found[_fold(phrase)] = rest.split()[0]
    for code, english in EVENT_TYPES.items():
        for name in (code, english, russian.gettext(english)):
            found[_fold(name)] = code
    return found


def parse_event_type(value: str) -> str:
    """The code of an event type a person named, in Russian or English, in any form.

    Raises ValueError (its message in the interface's language, listing the valid names)
    for a name of no type.
    """
    folded = _fold(value)
    names = _names()
    if folded in names:
        return names[folded]
    from .lemmas import lemmas

    wanted = lemmas(folded)
    if wanted:
        for name, code in names.items():
            if lemmas(name) == wanted:
                return code
    raise ValueError(
        _("unknown event type {value}; use one of: {names}").format(
            value=f"«{value}»", names=type_names()
        )
    )
