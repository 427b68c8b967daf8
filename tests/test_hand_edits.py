"""A person's work is never lost: hand edits kept, new versions of a file offered as a
replacement (never a silent `-2`), versions reported by validate, warnings that follow the
record. Through the CLI, on the seed documents."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from resarchive.cli import app

from .archive_factory import add_record
from .conftest import SEEDS

runner = CliRunner()
SEMINAR = SEEDS[1]  # 001_…: the seminar in Petropavlovsk-Kamchatsky; its place is not stated
SEMINAR_ID = "2021-11-24-biblioteka-onlain"


def run(archive: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--archive", str(archive), *args])
    return result.exit_code, result.stdout, result.stderr


def record_file(archive: Path, record_id: str = SEMINAR_ID) -> Path:
    return archive / "structured" / f"{record_id}.yaml"


def fill_place(archive: Path) -> str:
    """What a methodist does: types the place the extractor did not find."""
    path = record_file(archive)
    edited = path.read_text(encoding="utf-8").replace(
        "  place: null", "  place: Петропавловск-Камчатский", 1
    )
    assert "Петропавловск-Камчатский" in edited
    path.write_text(edited, encoding="utf-8")
    return edited


def test_a_hand_edit_is_kept_unless_forced(copy_archive: Path) -> None:
    edited = fill_place(copy_archive)
    code, stdout, stderr = run(copy_archive, "ingest", str(SEMINAR))
    assert code == 0, stderr
    assert f"{SEMINAR_ID} ← {SEMINAR} (kept)" in stdout
    assert "kept: the record was edited by hand since ingest wrote it; --force overwrites it" in (
        stdout
    )
    assert record_file(copy_archive).read_text(encoding="utf-8") == edited
    code, stdout, _ = run(copy_archive, "ingest", "--force", str(SEMINAR))
    assert code == 0 and "(written)" in stdout
    assert "  place: null" in record_file(copy_archive).read_text(encoding="utf-8")
    # Written by ingest again: the next ingest knows it as its own.
    code, stdout, _ = run(copy_archive, "ingest", str(SEMINAR))
    assert code == 0 and "(unchanged)" in stdout


def test_a_record_ingest_has_no_note_of_is_kept_when_it_differs(copy_archive: Path) -> None:
    """An archive written by an older resarchive: no note of what ingest wrote."""
    shutil.rmtree(copy_archive / ".extracted")
    code, stdout, _ = run(copy_archive, "ingest", str(SEMINAR))
    assert code == 0 and "(unchanged)" in stdout  # the same bytes: noted now
    assert (copy_archive / ".extracted" / f"{SEMINAR_ID}.json").is_file()
    shutil.rmtree(copy_archive / ".extracted")
    edited = fill_place(copy_archive)
    code, stdout, _ = run(copy_archive, "ingest", str(SEMINAR))
    assert code == 0
    assert "ingest has no note of writing it (edited by hand?); --force overwrites it" in stdout
    assert record_file(copy_archive).read_text(encoding="utf-8") == edited


def test_a_record_broken_by_hand_is_kept_not_duplicated(copy_archive: Path) -> None:
    path = record_file(copy_archive)
    text = path.read_text(encoding="utf-8")
    broken = text.replace("title: ", "title: Резолюция: ", 1)  # an unquoted colon
    path.write_text(broken, encoding="utf-8")
    code, stdout, stderr = run(copy_archive, "ingest", str(SEMINAR))
    assert code == 0, stderr
    assert "kept: the record was edited by hand" in stdout
    assert sorted(p.name for p in (copy_archive / "structured").iterdir()) == sorted(
        p.name for p in (copy_archive / "structured").glob("*.yaml")
    )
    assert not record_file(copy_archive, SEMINAR_ID + "-2").exists()
    assert path.read_text(encoding="utf-8") == broken


def new_version(tmp_path: Path) -> Path:
    """The seminar's resolution sent again, corrected, under the same file name."""
    folder = tmp_path / "corrected"
    folder.mkdir()
    path = folder / SEMINAR.name
    path.write_bytes(SEMINAR.read_bytes() + "\nИсправлено 25.11.2021.\n".encode())
    return path


def test_a_new_version_is_offered_as_a_replacement(copy_archive: Path, tmp_path: Path) -> None:
    version = new_version(tmp_path)
    before = sorted(p.name for p in (copy_archive / "structured").glob("*.yaml"))
    code, stdout, stderr = run(copy_archive, "ingest", str(version))
    assert code == 18
    assert stderr.strip() == (
        f"error: {version}: another version of {SEMINAR.name} is in the archive "
        f"(structured/{SEMINAR_ID}.yaml): --replace replaces it, or rename the file to keep both"
    )
    assert sorted(p.name for p in (copy_archive / "structured").glob("*.yaml")) == before
    assert len(list((copy_archive / "raw").iterdir())) == 3

    code, stdout, stderr = run(copy_archive, "ingest", "--replace", str(version))
    assert code == 0, stderr
    assert f"{SEMINAR_ID} ← {version} (replaced the old version)" in stdout
    assert sorted(p.name for p in (copy_archive / "structured").glob("*.yaml")) == before
    assert (copy_archive / "raw" / SEMINAR.name).read_bytes() == version.read_bytes()
    record = json.loads(run(copy_archive, "query", "--type", "seminar", "--format", "json")[1])
    assert record[0]["source"]["sha256"] == hashlib.sha256(version.read_bytes()).hexdigest()
    code, stdout, stderr = run(copy_archive, "validate")
    assert code == 0, stderr


def test_replacing_a_reviewed_or_edited_record_needs_force(
    copy_archive: Path, tmp_path: Path
) -> None:
    version = new_version(tmp_path)
    fill_place(copy_archive)
    code, _, stderr = run(copy_archive, "ingest", "--replace", str(version))
    assert code == 18
    assert "and that record was edited by hand: --replace --force replaces it" in stderr
    path = record_file(copy_archive)
    path.write_text(path.read_text("utf-8").replace("reviewed: false", "reviewed: true"), "utf-8")
    code, _, stderr = run(copy_archive, "ingest", "--replace", str(version))
    assert code == 18 and "and that record is reviewed: --replace --force replaces it" in stderr
    code, stdout, stderr = run(copy_archive, "ingest", "--replace", "--force", str(version))
    assert code == 0 and "(replaced the old version)" in stdout, stderr


def test_validate_reports_two_records_from_versions_of_one_file(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    first = "Резолюция семинара, первая версия.\n" * 30
    second = "Резолюция семинара, исправленная версия.\n" * 30
    sha = hashlib.sha256(second.encode()).hexdigest()
    add_record(root, "2021-11-24-seminar", raw_name="res.txt", raw_text=first)
    add_record(root, "2021-11-24-seminar-2", raw_name=f"res-{sha[:12]}.txt", raw_text=second)
    # The same name on another day: another resolution, not a version.
    other = "Резолюция другого семинара.\n" * 30
    other_sha = hashlib.sha256(other.encode()).hexdigest()
    add_record(root, "2022-03-01-seminar", raw_name=f"res-{other_sha[:12]}.txt", raw_text=other)
    code, _, stderr = run(root, "validate")
    assert code == 1
    problems = [line for line in stderr.splitlines() if "another version" in line]
    assert problems == [
        f"{root / 'structured' / '2021-11-24-seminar-2.yaml'}:5:9: source.file: another version "
        f"of res.txt is recorded in {root / 'structured' / '2021-11-24-seminar.yaml'}: keep one "
        "of them (ingest --replace puts a new version in place of the old one)"
    ]


def test_a_warning_goes_when_a_person_fills_its_field(copy_archive: Path) -> None:
    code, stdout, _ = run(copy_archive, "show", SEMINAR_ID)
    assert "event.place: not stated" in stdout
    fill_place(copy_archive)
    assert "event.place: not stated" in record_file(copy_archive).read_text("utf-8")
    code, stdout, _ = run(copy_archive, "show", SEMINAR_ID)
    assert code == 0
    assert "event.place: not stated" not in stdout
    assert "event.participants: not stated" in stdout  # still empty: still warned
    code, stdout, _ = run(copy_archive, "query", "--type", "seminar", "--format", "json")
    (record,) = json.loads(stdout)
    assert record["event"]["place"] == "Петропавловск-Камчатский"
    assert "event.place: not stated" not in record["warnings"]
    assert "event.participants: not stated" in record["warnings"]
    code, _, stderr = run(copy_archive, "validate")
    assert code == 0, stderr
    code, stdout, _ = run(copy_archive, "ingest", str(SEMINAR))  # kept: shown as it is now
    assert "warning: event.place: not stated" not in stdout
    assert "warning: event.participants: not stated" in stdout


def test_a_linked_notes_folder_is_never_followed(copy_archive: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(copy_archive / ".extracted")
    (copy_archive / ".extracted").symlink_to(outside, target_is_directory=True)
    code, stdout, _ = run(copy_archive, "ingest", "--force", str(SEMINAR))
    assert code == 0 and "(unchanged)" in stdout
    assert list(outside.iterdir()) == []
    edited = fill_place(copy_archive)
    code, stdout, _ = run(copy_archive, "ingest", str(SEMINAR))  # no note: kept, to be safe
    assert "(kept)" in stdout and record_file(copy_archive).read_text("utf-8") == edited
    assert list(outside.iterdir()) == []


def test_a_corrected_date_is_a_new_version_not_a_second_record(tmp_path: Path) -> None:
    root, folder = tmp_path / "archive", tmp_path / "v2"
    folder.mkdir()
    text = SEMINAR.read_text(encoding="utf-8")
    assert "24 ноября" in text
    (folder / SEMINAR.name).write_text(text.replace("24 ноября", "25 ноября", 1), "utf-8")
    assert run(root, "ingest", str(SEMINAR))[0] == 0
    code, _, stderr = run(root, "ingest", str(folder / SEMINAR.name))
    assert code == 18, stderr
    assert f"another version of {SEMINAR.name} is in the archive" in stderr
    assert sorted(p.name for p in (root / "structured").glob("*.yaml")) == [f"{SEMINAR_ID}.yaml"]
