"""`validate` through the index: incremental, --full, schema-version bump, every check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resarchive.archive import Archive
from resarchive.cli import app
from resarchive.record import models
from resarchive.record.parse import RecordProblem
from resarchive.validate import check_across, check_record, validate

from .archive_factory import add_record, sample_archive

runner = CliRunner()


def age(*paths: Path) -> None:
    """Backdate files out of the index's "racily clean" window, as if written long ago."""
    for path in paths:
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10**10))


def age_all(root: Path) -> None:
    age(*(root / "structured").iterdir(), *(root / "raw").iterdir())


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = sample_archive(tmp_path / "archive")
    age_all(root)
    return root


def lines(root: Path, *, full: bool = False) -> list[str]:
    return [str(p) for p in validate(Archive(root), full=full).problems]


def scan_lines(root: Path) -> list[str]:
    """The same checks without the index: every record read and checked."""
    archive = Archive(root)
    problems, valid = [], {}
    for path, found in archive.records():
        if isinstance(found, RecordProblem):
            problems.append(found)
        else:
            valid[path] = found
            problems += check_record(archive, path, found)
    entries = [(p, r.id, r.source.sha256) for p, r in valid.items()]
    return [str(p) for p in problems + check_across(entries)]


def test_clean_archive(root: Path) -> None:
    result = validate(Archive(root))
    assert result.problems == [] and result.records == 4 and result.checked == 4
    code = runner.invoke(app, ["--archive", str(root), "validate"])
    assert code.exit_code == 0 and "4 records valid" in code.stdout


def test_incremental_reads_only_what_changed(root: Path) -> None:
    archive = Archive(root)
    assert validate(archive).checked == 4
    assert validate(archive).checked == 0
    add_record(root, "2024-02-02-new", orgs=["Новая библиотека"])
    age(root / "structured" / "2024-02-02-new.yaml", root / "raw" / "2024-02-02-new.txt")
    assert validate(archive).checked == 1
    path = root / "structured" / "2022-06-08-club.yaml"
    path.write_text(path.read_text("utf-8").replace("type: meeting", "type: party"), "utf-8")
    age(path)
    result = validate(archive)
    assert result.checked == 1
    (problem,) = result.problems
    # Unchanged next time: the problem comes from the index, not from a re-read.
    again = validate(archive)
    assert again.checked == 0 and [str(p) for p in again.problems] == [str(problem)]
    assert validate(archive, full=True).checked == 5


def test_problem_lines_name_file_line_and_field(root: Path) -> None:
    path = root / "structured" / "2022-06-08-club.yaml"
    path.write_text(path.read_text("utf-8").replace("type: meeting", "type: party"), "utf-8")
    result = runner.invoke(app, ["--archive", str(root), "validate"])
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    line_no = next(
        i + 1
        for i, line in enumerate(path.read_text("utf-8").splitlines())
        if line == "  type: party"
    )
    # The value itself, in the nested field (not the `event:` line), its column 1-based.
    assert first == (
        f"{path}:{line_no}:9: event.type: «party» is not one of: conference, seminar, "
        "round_table, meeting, congress, forum, other"
    )


def test_full_recheck_matches_a_plain_scan(root: Path) -> None:
    """Every kind of problem, and the index reports exactly what reading everything does."""
    archive = Archive(root)
    validate(archive)
    (root / "structured" / "broken.yaml").write_text("id: x\nsource: [\n", "utf-8")
    (root / "raw" / "2023-03-01-pushkin.txt").unlink()  # missing raw file
    (root / "raw" / "2014-05-20-rba.txt").write_text("другой текст", "utf-8")  # sha mismatch
    # a copy under another name: id mismatch, duplicate id, same source
    club = root / "structured" / "2022-06-08-club.yaml"
    (root / "structured" / "copy-of-club.yaml").write_text(club.read_text("utf-8"), "utf-8")
    # a span outside the text
    kam = root / "structured" / "2021-11-24-kamchatka.yaml"
    kam.write_text(kam.read_text("utf-8").replace("span: [10, 40]", "span: [10, 99999]"), "utf-8")
    want = sorted(scan_lines(root))
    assert len(want) == 7
    assert sorted(lines(root)) == want  # incremental
    assert sorted(lines(root)) == want  # warm
    assert sorted(lines(root, full=True)) == want
    text = "\n".join(want)
    for expected in (
        "broken.yaml:3:1: a bracket [ or { is never closed, or a comma is missing",
        "2023-03-01-pushkin.yaml:5:9: source.file: raw/2023-03-01-pushkin.txt does not exist",
        "2014-05-20-rba.yaml:6:11: source.sha256: does not match raw/2014-05-20-rba.txt",
        "copy-of-club.yaml:1:5: id: «2022-06-08-club» does not match the file name",
        "copy-of-club.yaml:1:5: id: «2022-06-08-club» is also the id in ",
        "copy-of-club.yaml:6:11: source.sha256: the same source is recorded in ",
        # recommendations counted from 1, as a person counts them; the line of the span
        "2021-11-24-kamchatka.yaml:46:9: recommendations[1].span: [10, 99999] is outside",
    ):
        assert expected in text, expected


def test_raw_change_under_an_unchanged_record_is_noticed(root: Path) -> None:
    archive = Archive(root)
    assert lines(root) == []
    raw = root / "raw" / "2014-05-20-rba.txt"
    raw.write_bytes(raw.read_bytes() + b"!")
    result = validate(archive)
    assert result.checked == 1
    assert [p.field for p in result.problems] == ["source.sha256"]
    raw.write_bytes(raw.read_bytes()[:-1])
    assert validate(archive).problems == []


def test_schema_version_bump_rechecks_everything(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = Archive(root)
    assert validate(archive).checked == 4
    assert validate(archive).checked == 0
    monkeypatch.setattr(models, "SCHEMA_VERSION", models.SCHEMA_VERSION + 1)
    assert validate(archive).checked == 4
    assert validate(archive).checked == 0


def test_cli_full_flag(root: Path) -> None:
    runner.invoke(app, ["--archive", str(root), "validate"])
    result = runner.invoke(app, ["--archive", str(root), "validate", "--full"])
    assert result.exit_code == 0 and "4 records valid" in result.stdout


def test_empty_or_missing_archive(tmp_path: Path) -> None:
    result = validate(Archive(tmp_path / "missing"))
    assert result.problems == [] and result.records == 0


def test_validate_and_stats_never_load_natasha(root: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from resarchive.cli import app\n"
        "for args in (['validate', '--full'], ['stats']):\n"
        "    try:\n        app(['--archive', sys.argv[1], *args])\n"
        "    except SystemExit as exc:\n        assert not exc.code, exc.code\n"
        "assert 'natasha' not in sys.modules and 'slovnet' not in sys.modules, 'natasha loaded'\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_web_form_takes_check_record_fields_counted_from_one() -> None:
    """check_record names items as a person counts them; the review form maps them back."""
    from resarchive.web.form import _problem_field

    keys = {"persons": ["k0", "k1"]}
    assert _problem_field("persons[1].span", keys) == "persons-k0-span"
    assert _problem_field("persons[2].span", keys) == "persons-k1-span"
    assert _problem_field("persons[3].span", keys) == ""
    assert _problem_field("persons[0].span", keys) == ""
