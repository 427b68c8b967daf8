"""The interface's language: Russian where the locale is Russian, English otherwise.

Messages are written in English in the code and marked with `_()` (or `ngettext()` for
counts); their Russian lives in the gettext catalog `locale/ru/LC_MESSAGES/resarchive.po`,
compiled to the `.mo` beside it (`make messages` extracts, updates and compiles with Babel;
`tests/test_i18n.py` holds the catalog complete and the `.mo` current). The language is
the locale's, as gettext reads it: LANGUAGE, LC_ALL, LC_MESSAGES, LANG
(`LANG=ru_RU.UTF-8` -> Russian; `C.UTF-8` or unset -> English).

`install()` also makes the catalog gettext's global domain, so the texts typer and click
print through the stdlib `gettext.gettext` ("Options", "Usage:", "Missing argument …")
come out in the same language; the CLI calls it before importing typer.

Record keys, values and stored warnings stay English: they are the archive's contract.
Texts made elsewhere in English — stored warnings, the messages of errors raised in ingest's
worker processes, the texts typer's vendored click prints without gettext — are translated
where they are printed (`message()`): each is matched against the templates of
`messages.py` ("file of {size} is over the {limit} limit (--max-size)"), whose Russian is
in the same catalog, and the parts in braces are put into the Russian template, translated
in turn when they are messages themselves.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from pathlib import Path

DOMAIN = "resarchive"
LOCALE_DIR = Path(__file__).with_name("locale")


@lru_cache(maxsize=1)
def translation() -> gettext.NullTranslations:
    """The catalog of the locale's language; English (the messages as written) without one."""
    return gettext.translation(DOMAIN, LOCALE_DIR, fallback=True)


def _(message: str) -> str:
    """`message` in the interface's language."""
    return translation().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for `n` (Russian has three: 1 запись, 2 записи, 5 записей)."""
    return translation().ngettext(singular, plural, n)


def language() -> str:
    """ "ru" when the interface speaks Russian, else "en"."""
    info = translation().info()
    return info.get("language", "en")[:2] if info else "en"


@lru_cache(maxsize=4)
def catalog(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang` ("ru") whatever the locale: Russian words a command accepts in
    any locale (`--type семинар`) come from it. English (no catalog) gives the messages."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def install() -> None:
    """Make the catalog gettext's global domain (typer's and click's own texts)."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it here (gettext_noop)."""
    return message


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=1)
def _templates() -> list[tuple[re.Pattern[str], str, list[str]]]:
    """(pattern, template, placeholder names) for every template with a variable part,
    the longest fixed text first, so that the most specific template wins."""
    from .messages import TEMPLATES

    found = []
    for template in TEMPLATES:
        parts = _PLACEHOLDER.split(template)
        if len(parts) == 1:
            continue  # a fixed message: gettext finds it as it is
        regex = "".join(re.escape(p) if i % 2 == 0 else "(.+?)" for i, p in enumerate(parts))
        fixed = sum(len(p) for p in parts[::2])
        found.append((fixed, re.compile(regex, re.DOTALL), template, parts[1::2]))
    found.sort(key=lambda item: -item[0])
    return [(pattern, template, names) for _, pattern, template, names in found]


def message(text: str, *, _depth: int = 0) -> str:
    """An English message made elsewhere (a stored warning, an error's message, a text of
    click's) in the interface's language; `text` itself when no template matches it.

    >>> message("no such file or folder")  # English interface: as it is
    'no such file or folder'
    """
    catalog_ = translation()
    if not isinstance(catalog_, gettext.GNUTranslations):
        return text  # English: the messages are written in it
    direct = catalog_.gettext(text)
    if direct != text or not text:
        return direct
    for pattern, template, names in _templates():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        translated = catalog_.gettext(template)
        if translated == template:
            return text
        values = match.groups()
        if _depth < 2:  # a part may be a message of its own ("…: {reason}")
            values = tuple(message(v, _depth=_depth + 1) for v in values)
        return translated.format(**dict(zip(names, values, strict=True)))
    return text


def warning(stored: str) -> str:
    """A stored warning ("event.format: not stated") for a person to read, translated;
    the field path, a record key, stays as it is."""
    return message(stored)
