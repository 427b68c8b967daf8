"""Edges a new user and an adversary found (issue 13's review): where ingest may make an
archive, links out of a folder, spans that point nowhere, impossible date ranges, output
paths of `report`, file names with line breaks. Through the CLI."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from resarchive.cli import app

from .conftest import SEEDS

runner = CliRunner()
SEMINAR_ID = "2021-11-24-biblioteka-onlain"


def run(archive: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--archive", str(archive), *args])
    return result.exit_code, result.stdout, result.stderr


def test_ingest_never_makes_an_archive_in_a_folder_of_other_things(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "notes.txt").write_text("мои заметки", encoding="utf-8")
    code, _, stderr = run(home, "ingest", str(SEEDS[0]))
    assert code == 10
    assert stderr.strip().endswith("not an archive: the folder holds neither raw/ nor structured/")
    assert sorted(p.name for p in home.iterdir()) == ["notes.txt"]


def test_an_ingest_that_stores_nothing_leaves_no_new_archive(tmp_path: Path) -> None:
    typo = tmp_path / "typo" / "archive"
    code, stdout, _ = run(typo, "ingest", str(tmp_path / "missing.txt"))
    assert code == 4
    assert f"Nothing was stored: the new archive {typo} was removed again" in stdout
    assert not (tmp_path / "typo").exists()
    code, _, stderr = run(typo, "query")
    assert code == 10 and "no archive here" in stderr


def test_a_link_in_a_folder_is_followed_only_inside_it(tmp_path: Path) -> None:
    folder, outside = tmp_path / "in", tmp_path / "secret.txt"
    folder.mkdir()
    outside.write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    (folder / "same.txt").symlink_to(folder / "real.txt")
    (folder / "real.txt").write_text(SEEDS[1].read_text(encoding="utf-8"), encoding="utf-8")
    code, _, stderr = run(tmp_path / "archive", "ingest", str(folder))
    assert code == 4
    assert f"{folder / 'link.txt'}: a symbolic link to {outside}, outside the folder: not read" in (
        stderr
    )
    raw = sorted(p.name for p in (tmp_path / "archive" / "raw").iterdir())
    assert raw == ["real.txt"]  # the link inside the folder is the same file, stored once


def test_validate_names_a_backwards_and_an_empty_span(copy_archive: Path) -> None:
    path = copy_archive / "structured" / f"{SEMINAR_ID}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    first, second = data["persons"][0]["span"], data["persons"][1]["span"]
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"span: [{first[0]}, {first[1]}]", f"span: [{first[1]}, {first[0]}]", 1)
    text = text.replace(f"span: [{second[0]}, {second[1]}]", f"span: [{second[0]}, {second[0]}]")
    path.write_text(text, encoding="utf-8")
    code, _, stderr = run(copy_archive, "validate")
    assert code == 1
    assert f"persons[1].span: [{first[1]}, {first[0]}] ends before it starts" in stderr
    assert f"persons[2].span: [{second[0]}, {second[0]}] is empty: it points to no text" in stderr


def test_a_date_range_that_ends_before_it_starts_is_a_usage_error(copy_archive: Path) -> None:
    code, stdout, stderr = run(copy_archive, "query", "--from", "2022-01-01", "--to", "2021-01-01")
    assert (code, stdout) == (2, "")
    assert "invalid value for --from: 2022-01-01 is after --to 2021-01-01" in stderr


def test_report_into_a_missing_folder_fails_like_export(copy_archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "report.html"
    code, _, stderr = run(copy_archive, "report", SEMINAR_ID, "-o", str(target))
    assert code == 10, stderr
    assert str(target) in stderr and not target.parent.exists()
    assert run(copy_archive, "export", "--format", "jsonl", "-o", str(target))[0] == 10


@pytest.mark.skipif(os.name != "posix", reason="a line break in a file name")
def test_a_file_name_with_a_line_break_is_shown_on_one_line(tmp_path: Path) -> None:
    source = tmp_path / "два\nфайла.txt"
    source.write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    code, stdout, _ = run(tmp_path / "archive", "ingest", str(source))
    assert code == 0
    (line,) = [line for line in stdout.splitlines() if " ← " in line]
    assert "два\\x0aфайла.txt" in line


def test_a_folder_of_dot_files_is_no_place_for_an_archive(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bashrc").write_text("alias ll='ls -l'\n", encoding="utf-8")
    code, _, stderr = run(home, "ingest", str(SEEDS[0]))
    assert code == 10 and "not an archive" in stderr
    assert [p.name for p in home.iterdir()] == [".bashrc"]


def test_a_record_broken_by_hand_without_notes_is_kept_not_duplicated(copy_archive: Path) -> None:
    # An archive from before ingest's notes (data/ has none): the sha256 in the file tells
    # which source the broken record is of.
    path = copy_archive / "structured" / f"{SEMINAR_ID}.yaml"
    edited = path.read_text(encoding="utf-8").replace("  type: seminar", "  type: семинар", 1)
    path.write_text(edited, encoding="utf-8")
    shutil.rmtree(copy_archive / ".extracted", ignore_errors=True)
    code, stdout, _ = run(copy_archive, "ingest", str(SEEDS[1]))
    assert code == 0 and "(kept)" in stdout
    assert path.read_text(encoding="utf-8") == edited
    assert not (copy_archive / "structured" / f"{SEMINAR_ID}-2.yaml").exists()


def test_a_closed_stdout_does_not_stop_the_batch(tmp_path: Path) -> None:
    import subprocess
    import sys

    archive = tmp_path / "archive"
    proc = subprocess.Popen(
        [sys.executable, "-m", "resarchive", "--archive", str(archive), "ingest", "--jobs", "1",
         *map(str, SEEDS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.close()  # `| head -0`: nobody reads the summaries
    assert proc.wait(timeout=300) == 0
    assert len(list((archive / "structured").glob("*.yaml"))) == len(SEEDS)


def test_the_largest_size_limit_reads_a_small_file(tmp_path: Path) -> None:
    code, stdout, stderr = run(tmp_path / "a", "ingest", "--dry-run", "--max-size", "1GB",
                               str(SEEDS[0]))  # fmt: skip
    assert code == 0, stderr
    assert stdout.startswith("id: ")
