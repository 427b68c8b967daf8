"""`stats` and `export`: counts from the index, JSON Lines and CSV with a BOM."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resarchive.archive import Archive
from resarchive.cli import app
from resarchive.export import export
from resarchive.stats import archive_stats

from .archive_factory import add_record, sample_archive

runner = CliRunner()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = sample_archive(tmp_path_factory.mktemp("stats") / "archive")
    # The same organization spelled in another case, and another record in 2022.
    add_record(
        root, "2022-10-10-rba-again", start="2022-10-10", type_="seminar",
        orgs=["Российской библиотечной ассоциации"], places=["Рязань"],
        recs=[("Муниципальные библиотеки", "Вести страницы в социальных сетях.")],
    )  # fmt: skip
    return root


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--archive", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_stats_counts(root: Path) -> None:
    stats = archive_stats(Archive(root))
    assert stats.records == 5
    assert stats.recommendations == 7
    assert stats.per_year == [("2014", 1), ("2021", 1), ("2022", 2), ("2023", 1)]
    assert stats.per_type[0] == ("seminar", 2)
    assert dict(stats.per_type) == {"seminar": 2, "round_table": 1, "meeting": 1, "conference": 1}
    # inflected spellings count as one organization, shown in its most frequent spelling
    assert stats.organizations[0][1] == 2
    assert "библиотечн" in stats.organizations[0][0]
    assert stats.places[0] == ("Рязань", 2)
    assert stats.addressees[0] == ("Муниципальным библиотекам", 3)


def test_stats_cli_json_and_table(root: Path) -> None:
    code, stdout, _ = cli(root, "stats", "--format", "json")
    assert code == 0
    data = json.loads(stdout)
    assert data["records"] == 5
    assert {"name": "2022", "count": 2} in data["per_year"]
    assert data["places"][0] == {"name": "Рязань", "count": 2}
    code, stdout, _ = cli(root, "stats")
    assert code == 0
    assert "Records per year" in stdout and "Most frequent addressees" in stdout


def test_export_jsonl_one_record_a_line(root: Path) -> None:
    code, stdout, _ = cli(root, "export", "--format", "jsonl")
    assert code == 0
    lines = stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 5
    assert records[0]["id"] == "2014-05-20-rba"
    assert records[0]["organizations"][0]["name"] == "Российская библиотечная ассоциация"


def test_export_csv_has_bom_and_cyrillic(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.csv"
    code, _, stderr = cli(root, "export", "--format", "csv", "-o", str(out))
    assert code == 0 and "5 records" in stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(table) == 5
    row = table[0]
    assert row["id"] == "2014-05-20-rba"
    assert row["organizations"] == "Российская библиотечная ассоциация"
    assert row["place"] == "Рязань" and row["recommendations"] == "2"


def test_export_csv_per_recommendation(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "recs.csv"
    code, _, _ = cli(root, "export", "--format", "csv", "--rows", "recommendations", "-o", str(out))
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert len(table) == 7
    assert table[0]["addressee"] == "Муниципальным библиотекам"
    assert table[0]["text"] == "Продолжить работу в социальных сетях."
    assert table[0]["date"] == "2014-05-20"


def test_export_to_stdout_keeps_the_bom(root: Path) -> None:
    result = runner.invoke(app, ["--archive", str(root), "export", "--format", "csv"])
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert "Рязань" in result.stdout_bytes.decode("utf-8-sig")


def test_export_library_function(root: Path) -> None:
    buffer = io.StringIO()
    assert export(Archive(root), "jsonl", buffer, rows="recommendations") == 7
    first = json.loads(buffer.getvalue().splitlines()[0])
    assert first["id"] == "2014-05-20-rba" and first["number"] == 1
