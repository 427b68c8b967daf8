"""End to end through the CLI on the real seed documents."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resarchive.cli import app

from .conftest import SEEDS

runner = CliRunner()


def run(archive: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--archive", str(archive), *args])
    return result.exit_code, result.stdout, result.stderr


def query_ids(archive: Path, *args: str) -> list[str]:
    code, stdout, _ = run(archive, "query", *args, "--format", "json")
    assert code == 0
    return [r["id"] for r in json.loads(stdout)]


def record_for(archive: Path, seed_name: str) -> dict:
    code, stdout, _ = run(archive, "query", "--format", "json")
    assert code == 0
    (found,) = [r for r in json.loads(stdout) if r["source"]["file"] == seed_name]
    return found


def test_ingest_writes_three_valid_records(seed_archive: Path) -> None:
    records = sorted((seed_archive / "structured").glob("*.yaml"))
    assert len(records) == 3
    assert sorted(p.name for p in (seed_archive / "raw").iterdir()) == [p.name for p in SEEDS]
    for seed in SEEDS:
        assert (seed_archive / "raw" / seed.name).read_bytes() == seed.read_bytes()
    code, stdout, stderr = run(seed_archive, "validate")
    assert code == 0, stderr
    assert "3 records valid" in stdout


def test_records_hold_the_seed_content(seed_archive: Path) -> None:
    seminar = record_for(seed_archive, "001_fe5bbd2357ca2a43.txt")
    assert seminar["id"].startswith("2021-11-24-")
    assert seminar["event"]["type"] == "seminar"
    assert seminar["event"]["start"] == "2021-11-24"
    assert seminar["document"]["kind"] == "resolution"
    club = record_for(seed_archive, "002_95cac53fc379ce0a.txt")
    assert (club["event"]["start"], club["event"]["end"]) == ("2022-06-08", "2022-06-09")
    assert "Чернов Владимир Николаевич" in [p["name"] for p in club["persons"]]


def test_spans_point_at_the_source(seed_archive: Path) -> None:
    for path in (seed_archive / "structured").glob("*.yaml"):
        code, stdout, _ = run(seed_archive, "show", path.stem)
        assert code == 0
    club = record_for(seed_archive, "002_95cac53fc379ce0a.txt")
    source = (seed_archive / "raw" / "002_95cac53fc379ce0a.txt").read_text(encoding="utf-8")
    for person in club["persons"]:
        start, end = person["span"]
        surname = person["name"].split()[0]
        # The mention is in the source's own case: compare the first four letters of the stem.
        assert source[start:end].startswith(surname[:4])


def test_reingest_is_byte_identical(copy_archive: Path) -> None:
    before = {p.name: p.read_bytes() for p in (copy_archive / "structured").glob("*.yaml")}
    code, stdout, _ = run(copy_archive, "ingest", str(SEEDS[1]))
    assert code == 0
    assert "unchanged" in stdout
    after = {p.name: p.read_bytes() for p in (copy_archive / "structured").glob("*.yaml")}
    assert after == before


def test_dry_run_prints_yaml_and_writes_nothing(archive_dir: Path) -> None:
    code, stdout, _ = run(archive_dir, "ingest", "--dry-run", str(SEEDS[2]))
    assert code == 0
    assert "id: 2022-06-08-" in stdout
    assert "recommendations:" in stdout
    assert not list((archive_dir / "structured").iterdir())
    assert not list((archive_dir / "raw").iterdir())


def test_broken_record_fails_validate_naming_the_file(copy_archive: Path) -> None:
    path = sorted((copy_archive / "structured").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type: ", "type: banquet-", 1), encoding="utf-8")
    code, _, stderr = run(copy_archive, "validate")
    assert code == 1
    assert path.name in stderr
    assert "event.type" in stderr


@pytest.mark.parametrize(
    ("option", "value", "seed"),
    [
        ("--org", "Камчатской краевой детской библиотеки", "001_fe5bbd2357ca2a43.txt"),
        ("--org", "Российскую библиотечную ассоциацию", "000_b5dfb76866879744.txt"),
        ("--person", "Чернова", "002_95cac53fc379ce0a.txt"),
        ("--person", "абрамкиной", "001_fe5bbd2357ca2a43.txt"),
        ("--place", "Рязани", "000_b5dfb76866879744.txt"),
        ("--place", "Петропавловском-Камчатском", "001_fe5bbd2357ca2a43.txt"),
        ("--text", "социальных сетей", "000_b5dfb76866879744.txt"),
    ],
)
def test_query_matches_inflected_forms(
    seed_archive: Path, option: str, value: str, seed: str
) -> None:
    want = record_for(seed_archive, seed)["id"]
    assert want in query_ids(seed_archive, option, value)


def test_query_filters_combine_with_and(seed_archive: Path) -> None:
    club = record_for(seed_archive, "002_95cac53fc379ce0a.txt")["id"]
    assert query_ids(seed_archive, "--from", "2022-01-01") == [club]
    assert query_ids(seed_archive, "--to", "2014-12-31", "--person", "Чернова") == []
    assert query_ids(seed_archive, "--from", "2022-06-09", "--to", "2022-06-09") == [club]
    assert query_ids(seed_archive, "--type", "seminar", "--place", "Рязань") == []


def test_query_formats(seed_archive: Path) -> None:
    code, stdout, _ = run(seed_archive, "query", "--person", "Чернова", "--format", "csv")
    assert code == 0
    assert stdout.splitlines()[0].startswith("\ufeffid,")  # a BOM: Excel reads UTF-8
    assert len(stdout.splitlines()) == 2
    code, stdout, _ = run(seed_archive, "query", "--person", "Чернова", "--format", "yaml")
    assert code == 0 and "recommendations:" in stdout


def test_bad_date_is_a_usage_error(seed_archive: Path) -> None:
    code, _, stderr = run(seed_archive, "query", "--from", "24.11.2021")
    assert code == 2
    assert "is not a date like 2021-11-24 (year-month-day)" in stderr


def test_schema_lists_the_contract() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert {"id", "source", "document", "event", "recommendations"} <= set(schema["properties"])


def test_help_and_query_do_not_load_natasha(seed_archive: Path) -> None:
    code = (
        "import sys; from resarchive.cli import app\n"
        "try:\n    app(['--archive', sys.argv[1], 'query', '--org', 'РБА', '--format', 'json'])\n"
        "except SystemExit:\n    pass\n"
        "assert 'natasha' not in sys.modules and 'slovnet' not in sys.modules, 'natasha loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code, str(seed_archive)], check=True, capture_output=True)


def test_make_run_archive_is_valid(tmp_path: Path) -> None:
    """The committed archive validates (CI runs the same)."""
    root = Path(__file__).resolve().parent.parent / "data"
    shutil.copytree(
        root, tmp_path / "data", ignore=shutil.ignore_patterns(".index.sqlite*", ".lock")
    )
    code, stdout, stderr = run(tmp_path / "data", "validate")
    assert code == 0, stderr
