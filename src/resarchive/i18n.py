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
Stored warnings are shown translated (`warning()`).
"""

from __future__ import annotations

import gettext
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


def install() -> None:
    """Make the catalog gettext's global domain (typer's and click's own texts)."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it here (gettext_noop)."""
    return message


# The texts typer prints through gettext's global domain (its vendored click prints its
# own in English), for the catalog.
TYPER_MESSAGES = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Error"),
    N_("Aborted."),
    N_("Aborted!"),
    N_("[default: {}]"),
    N_("[env var: {}]"),
    N_("[required]"),
    N_("(deprecated) "),
    N_("(dynamic)"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("Try [blue]'{command_path} {help_option}'[/] for help."),
    N_("Missing command."),
    N_("No such command {name!r}."),
)


def warning(stored: str) -> str:
    """A stored warning ("event.format: not stated") for a person to read: the field as it is,
    the message translated."""
    field, sep, message = stored.partition(": ")
    if not sep:
        return _(stored)
    return f"{field}: {_(message)}"
