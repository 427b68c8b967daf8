"""Whole output (show, tables, text --span) and CSV for Excel (BOM, formula guard, yes/no,
delimiter), through the CLI."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resarchive.cli import app

from .archive_factory import add_record

runner = CliRunner()
LONG_TITLE = (
    "Резолюция межрегионального семинара «Библиотека-онлайн: опыт дистанционного "
    "обслуживания пользователей в современных условиях и новые формы работы с читателями "
    "Камчатской краевой детской библиотеки им. В. Кручины и библиотек им. И. В. Бабушкина»"
)
LONG_ID = "2021-11-24-biblioteka-onlain-opyt-distantsionnogo-obsluzhivaniia-polzovatelei"
RAW = (
    "РЕЗОЛЮЦИЯ семинара. Участники: Абрамкина Ольга Ивановна, Чернов Владимир Николаевич.\n"
    "Рекомендовать библиотекам осваивать дистанционные формы обслуживания.\n"
) * 5
ABRAMKINA = (RAW.index("Абрамкина"), RAW.index("Абрамкина") + len("Абрамкина Ольга Ивановна"))


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--archive", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def narrow(root: Path, *args: str, columns: int = 40) -> str:
    """The CLI's stdout in a process of its own, on a narrow screen."""
    env = {**os.environ, "COLUMNS": str(columns), "LANGUAGE": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "resarchive", "--archive", str(root), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("output") / "archive"
    record = add_record(
        root, LONG_ID, title=LONG_TITLE, event_name=LONG_TITLE, raw_text=RAW,
        persons=["Абрамкина Ольга Ивановна"],
        recs=[("=HYPERLINK(\"http://evil.example\",\"ссылка\")", "+cmd|' /C calc'!A0"),
              ("@SUM(1+1)", "-2+3"), ("\tтабуляция", "\rвозврат каретки")],
    )  # fmt: skip
    # A span of each kind to print back: the second person's name, a recommendation.
    persons = [p.model_copy(update={"span": (RAW.index("Чернов"), RAW.index(".\n"))})
               for p in record.persons * 2]  # fmt: skip
    persons[0] = persons[0].model_copy(update={"span": ABRAMKINA})
    first = RAW.index("Рекомендовать")
    recs = [r.model_copy(update={"span": (first, RAW.index("\n", first))})
            for r in record.recommendations]  # fmt: skip
    from resarchive.archive import Archive

    Archive(root).write_record(
        record.model_copy(update={"persons": persons, "recommendations": recs, "reviewed": True})
    )
    add_record(root, "2022-01-01-short", title="Короткая резолюция")
    return root


def test_show_prints_every_value_whole(root: Path) -> None:
    import yaml

    out = narrow(root, "show", LONG_ID)
    assert "…" not in out
    shown = yaml.safe_load(out)  # the YAML as the record holds it, whatever the screen
    assert shown["document"]["title"] == shown["event"]["name"] == LONG_TITLE
    assert shown["recommendations"][0]["addressee"].startswith("=HYPERLINK(")
    assert max(len(line) for line in out.splitlines()) > 40  # not cut to the screen


def test_tables_never_cut_ids_or_values(root: Path) -> None:
    for columns in (40, 100, 200):
        out = narrow(root, "query", columns=columns)
        assert LONG_ID in out and "…" not in out
        assert "2022-01-01-short" in out
    out = narrow(root, "query", "--rows", "recommendations", columns=60)
    assert LONG_ID in out and "…" not in out
    out = narrow(root, "stats", columns=30)
    assert "…" not in out and "Most frequent addressees" in out


def test_text_span_prints_exactly_what_a_span_points_to(root: Path) -> None:
    code, stdout, _ = cli(root, "text", LONG_ID, "--span", "persons.1")
    assert (code, stdout) == (0, RAW[ABRAMKINA[0] : ABRAMKINA[1]])
    assert stdout == "Абрамкина Ольга Ивановна"  # into a pipe: not even a line end added
    code, stdout, _ = cli(root, "text", LONG_ID, "--span", "persons[2]")
    assert stdout == "Чернов Владимир Николаевич"
    first = RAW.index("Рекомендовать")
    end = RAW.index("\n", first)
    code, stdout, _ = cli(root, "text", LONG_ID, "--span", "recommendations.3")
    assert stdout == RAW[first:end]
    for spec in (f"{first}:{end}", f"[{first}, {end}]", f"{first}-{end}"):
        assert cli(root, "text", LONG_ID, "--span", spec)[1] == RAW[first:end]
    code, stdout, _ = cli(root, "text", LONG_ID, "--span", "persons.1", "--span", "persons.2")
    assert stdout == "Абрамкина Ольга Ивановна\nЧернов Владимир Николаевич"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("persons.3", "persons.3: the record has no such item (persons: 2)"),
        ("persons.0", "persons.0: the record has no such item (persons: 2)"),
        ("people.1", "'people.1' names no span: give a field and an item number (persons.2)"),
        ("20:10", "20:10: the start is after the end"),
        ("1:999999", f"1:999999: the text ends at {len(RAW)}, before 999999"),
    ],
)
def test_a_span_that_is_not_there_is_one_line(root: Path, spec: str, message: str) -> None:
    code, stdout, stderr = cli(root, "text", LONG_ID, "--span", spec)
    assert code == 2 and stdout == ""
    assert stderr.startswith(f"error: invalid value for --span: {message}")
    assert len(stderr.splitlines()) == 1


def read_csv(data: str, delimiter: str = ",") -> list[list[str]]:
    assert data.startswith("\ufeff"), "no BOM: Excel would read the Cyrillic as mojibake"
    return list(csv.reader(io.StringIO(data[1:], newline=""), delimiter=delimiter))


def test_query_csv_is_for_excel(root: Path) -> None:
    code, stdout, _ = cli(root, "query", "--rows", "recommendations", "--format", "csv")
    assert code == 0
    rows = read_csv(stdout)
    assert rows[0] == ["id", "date", "event", "number", "section", "addressee", "text"]
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","ссылка")' in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'@SUM(1+1)" in cells and "'-2+3" in cells
    assert "'\tтабуляция" in cells and "'\rвозврат каретки" in cells
    assert not any(cell[:1] in "=+-@\t\r" for cell in cells if cell)


def test_csv_guard_can_be_turned_off_and_excel_delimiter(root: Path) -> None:
    args = ("query", "--rows", "recommendations", "--format", "csv", "--no-formula-guard")
    cells = [c for row in read_csv(cli(root, *args)[1])[1:] for c in row]
    assert '=HYPERLINK("http://evil.example","ссылка")' in cells and "@SUM(1+1)" in cells
    code, stdout, _ = cli(root, "query", "--format", "csv", "--delimiter", ";")
    rows = read_csv(stdout, ";")
    assert rows[0][:4] == ["id", "start", "end", "type"]
    assert len(rows) == 3 and all(len(row) == len(rows[0]) for row in rows)
    code, _, stderr = cli(root, "query", "--format", "csv", "--delimiter", "|")
    assert code == 2 and "'|' is not a delimiter: use , or ; or tab" in stderr


def test_export_csv_reads_as_a_person_reads(root: Path, tmp_path: Path, russian: None) -> None:
    out = tmp_path / "archive.csv"
    code, _, stderr = cli(root, "export", "--format", "csv", "--delimiter", ";", "-o", str(out))
    assert code == 0 and stderr == f"2 записи записаны в {out}\n"
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    rows = read_csv(data.decode("utf-8"), ";")
    header, *records = rows
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in records}
    assert by_id[LONG_ID]["reviewed"] == "да" and by_id["2022-01-01-short"]["reviewed"] == "нет"
    assert by_id[LONG_ID]["persons"] == "Абрамкина Ольга Ивановна; Абрамкина Ольга Ивановна"
    assert by_id[LONG_ID]["title"] == LONG_TITLE
    assert "True" not in data.decode() and "[" not in by_id[LONG_ID]["persons"]
