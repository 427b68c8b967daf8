"""The Russian interface: the catalog covers every marked message, the compiled .mo is the
.po's, and the CLI speaks the locale's language."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = ROOT / "src" / "resarchive" / "locale" / "ru" / "LC_MESSAGES"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def catalog():
    with open(MESSAGES / "resarchive.po", "rb") as f:
        return read_po(f)


def marked_messages() -> set:
    """What `make messages` extracts: babel.cfg's sources (Python and the web templates)."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, "babel.cfg")
    found = extract_from_dir(
        str(ROOT), method_map=method_map, options_map=options_map, keywords=KEYWORDS
    )
    return {message for _, _, message, _, _ in found}


def test_the_templates_strings_are_extracted() -> None:
    marked = marked_messages()
    assert "Save and mark reviewed" in marked  # record.html
    assert ("%(num)d record found", "%(num)d records found") in marked  # records.html
    assert "Serving the archive {folder} at http://{host}:{port}/ (Ctrl+C stops)" in marked


def test_every_marked_message_has_its_russian() -> None:
    po = catalog()
    translated = {m.id for m in po if m.id and m.string and all(m.string)}
    assert marked_messages() - translated == set()


def test_the_compiled_catalog_is_the_po() -> None:
    buf = io.BytesIO()
    write_mo(buf, catalog())
    assert (MESSAGES / "resarchive.mo").read_bytes() == buf.getvalue(), "run: make messages"


def run_help(lang: str) -> str:
    env = {**os.environ, "LANG": lang, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    env.update(COLUMNS="100", NO_COLOR="1")
    done = subprocess.run(
        [sys.executable, "-m", "resarchive", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return done.stdout


def test_help_is_russian_in_a_russian_locale_and_english_otherwise() -> None:
    ru = run_help("ru_RU.UTF-8")
    assert "Параметры" in ru and "Структурированный архив резолюций" in ru
    en = run_help("C.UTF-8")
    assert "Options" in en and "A structured archive" in en
