"""The Jinja2 environment of the web pages and the report, in the interface's language.

Templates live in `templates/`; every string in them is marked for the catalog
(`{{ _("…") }}`, extracted by `make messages` with Babel's Jinja2 extractor) and shown
through the same gettext catalog as the CLI (`i18n.translation()`). Autoescaping is on
for every template: document text, names and anything else from a record is escaped
wherever it is printed; only `highlight()`'s output, which escapes every piece itself,
and our own SVG charts enter as Markup.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import i18n
from . import labels

TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")


def warning(stored: str) -> str:
    """A stored warning ("event.place: not stated") with the field as the form names it
    ("Место: не указан" in Russian)."""
    field, sep, message = stored.partition(": ")
    if sep and field in labels.WARNING_FIELDS:
        return f"{i18n._(labels.WARNING_FIELDS[field])}: {i18n._(message)}"
    return i18n.warning(stored)


def format_date(value: object) -> str:
    """An ISO date as a person reads it: 24.11.2021 in Russian, 2021-11-24 otherwise."""
    if not value:
        return ""
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return day.strftime("%d.%m.%Y") if i18n.language() == "ru" else day.isoformat()


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(i18n.translation(), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        date=format_date,
        event_type=labels.event_type,
        document_kind=labels.document_kind,
        event_format=labels.event_format,
        warning=warning,
        tr=i18n._,
    )
    env.globals.update(
        language=i18n.language(),
        EVENT_TYPES=labels.EVENT_TYPES,
        DOCUMENT_KINDS=labels.DOCUMENT_KINDS,
        EVENT_FORMATS=labels.EVENT_FORMATS,
        KINDS=labels.KINDS,
        LIST_TITLES=labels.LIST_TITLES,
        FIELDS=labels.FIELDS,
    )
    return env


def render(template: str, **context: object) -> str:
    """The page `template` (a file of `templates/`) filled with `context`."""
    return environment().get_template(template).render(**context)


def stylesheet() -> str:
    """The pages' CSS, for the report to inline."""
    return (STATIC / "style.css").read_text(encoding="utf-8")
