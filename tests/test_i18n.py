"""The Russian interface: the catalog covers every marked message, the compiled .mo is the
.po's, and the CLI speaks the locale's language."""

from __future__ import annotations

import ast
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .helpers import resarchive

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


# ------------------------------------------------------------------ messages made elsewhere

PACKAGE = ROOT / "src" / "resarchive"
CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def error_classes() -> set[str]:
    from resarchive import errors

    return {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, errors.ResarchiveError)
    }


def literal_messages() -> list[tuple[str, str]]:
    """(where, message) of every error and warning a module writes as a literal or an
    f-string: the f-string's parts in braces replaced by a sample value."""
    classes = error_classes()
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in classes and name != "warn":
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                text = arg.value
            elif isinstance(arg, ast.JoinedStr):
                text = "".join(v.value if isinstance(v, ast.Constant) else "X1" for v in arg.values)
            else:
                continue  # a message made elsewhere (str(exc)): checked where it is made
            found.append((f"{path.relative_to(ROOT)}:{node.lineno}", text))
    return found


def test_the_source_check_sees_messages() -> None:
    found = dict((text, where) for where, text in literal_messages())
    assert "empty file (0 bytes)" in found
    assert "file of X1 is over the X1 limit (--max-size)" in found
    assert "event.X1: not stated" in found


def test_every_error_and_warning_a_module_writes_is_translated(russian: None) -> None:
    from resarchive.i18n import message

    untranslated = [
        f"{where}: {text!r}"
        for where, text in literal_messages()
        if message(text) == text or not CYRILLIC.search(message(text).replace("X1", ""))
    ]
    assert untranslated == [], "add a template to messages.py and its Russian to the catalog"


def test_stored_warnings_are_shown_translated_with_their_variable_parts(russian: None) -> None:
    from resarchive.i18n import warning
    from resarchive.read.decode import cut_warning
    from resarchive.read.ocr import WARNING

    assert warning("event.place: not stated") == "event.place: в тексте не указано"
    assert warning("document: does not read as a resolution: not Russian text (3% Cyrillic "
                   "letters)") == ("document: текст не похож на резолюцию: текст не на "
                               "русском языке (кириллических букв: 3%)")  # fmt: skip
    cut = cut_warning("Резолюция".encode()[:-1], "utf-8")
    assert cut is not None and warning(cut) == (
        "файл обрывается посреди символа UTF-8 (обрезан?): последние байты (1) отброшены"
    )
    assert CYRILLIC.search(warning(WARNING))


def readme_table() -> dict[str, list[str]]:
    """Exit code -> the messages of the README's "When things go wrong" table."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text[text.index("## When things go wrong") :]
    rows = {}
    for line in section.splitlines():
        cells = line.split(" | ")
        if line.startswith("| ") and len(cells) == 3 and cells[0][2:].isdigit():
            rows[cells[0][2:]] = re.findall(r"`([^`]+)`", cells[2])
    return rows


def test_every_message_of_the_readme_table_is_russian(russian: None) -> None:
    from resarchive.i18n import message

    rows = readme_table()
    assert set(rows) >= {"2", "4", "5", "8", "10", "13", "16", "17", "18"}
    english = [
        (code, text)
        for code, texts in rows.items()
        if code != "2"  # usage errors: worded by the CLI, run below
        for text in texts
        if not CYRILLIC.search(message(text).split(": ")[0] + message(text))
        or message(text) == text
    ]
    assert english == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["ingest", "--max-size", "lots", "x"], "неверное значение --max-size: 'lots' — не размер"),
        (["query", "--orgg", "x"], "нет такого параметра: --orgg; возможно, имелось в виду"),
        (["ingest"], "не указан аргумент ФАЙЛ_ИЛИ_ПАПКА..."),
        (["query", "--type", "банкет"], "неверное значение --type: неизвестный вид мероприятия"),
        (["query", "--from", "24.11.2021"], "неверное значение --from: '24.11.2021' — не дата"),
    ],
)
def test_usage_errors_are_russian_in_a_russian_locale(
    tmp_path: Path, args: list[str], expected: str
) -> None:
    (tmp_path / "data" / "structured").mkdir(parents=True)
    done = resarchive(*args, lang="ru_RU.UTF-8", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("ошибка: " + expected), done.stderr
    assert done.stderr.endswith(f"(справка: resarchive {args[0]} --help)\n")
    assert not re.search(r"\b(invalid|missing|option|error|unknown)\b", done.stderr)


def test_a_russian_session(tmp_path: Path) -> None:
    """What a methodist sees with LANG=ru_RU.UTF-8: help, summaries, errors, totals."""
    from .conftest import SEEDS

    help_text = resarchive("ingest", "--help", lang="ru_RU.UTF-8").stdout
    assert "Использование: resarchive ingest [ПАРАМЕТРЫ] ФАЙЛ_ИЛИ_ПАПКА..." in help_text
    assert "Показать эту справку и выйти." in help_text and "Примеры:" in help_text
    assert "Show this" not in help_text and "Usage" not in help_text
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(SEEDS[0].read_bytes())
    (inbox / "b.txt").write_bytes(b"")
    archive = tmp_path / "archive"
    done = resarchive(
        "--archive", str(archive), "ingest", "-j", "1", str(inbox), lang="ru_RU.UTF-8"
    )
    assert done.returncode == 5
    assert done.stdout.startswith(f"Создан новый архив: {archive}\n")
    assert "(записана)" in done.stdout and "круглый стол, 2014-05-20, Рязань; 4 организации" in (
        done.stdout
    )
    assert "предупреждение: event.format: в тексте не указано" in done.stdout
    assert f"ошибка: {inbox / 'b.txt'}: пустой файл (0 байтов)" in done.stderr
    assert done.stderr.splitlines()[-1].startswith("Готово: 2 файла; записано: 1,")
    done = resarchive("--archive", str(archive), "validate", lang="ru_RU.UTF-8")
    assert done.stdout == "1 запись без ошибок\n"
