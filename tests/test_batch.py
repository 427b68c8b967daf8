"""Batch ingest: folders, --glob, worker processes, input-order writes, progress lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resarchive.archive import Archive
from resarchive.errors import InputError
from resarchive.ingest import KnownRecords, collect_sources, ingest
from resarchive.record.models import DocumentInfo, Event, Record, Source

from . import sources
from .conftest import SEEDS
from .test_formats import needs_extraction


def title_extract(text: str, source: Source) -> Record:
    """A stand-in extractor (no NLP): the id is the slug of the first line, so files
    that share a first line collide and get -2, -3 suffixes."""
    from slugify import slugify

    title = text.strip().splitlines()[0]
    return Record(
        id=f"undated-{slugify(title, max_length=40)}",
        source=source,
        document=DocumentInfo(kind="other", title=title),
        event=Event(type="other"),
    )


def make_batch(root: Path, n: int = 12) -> Path:
    """`n` distinct texts in nested folders; several share a title (colliding ids)."""
    for i in range(n):
        folder = root / f"part{i % 3}" / ("sub" if i % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        title = f"Резолюция семинара {i % 4}"
        (folder / f"doc{i:02d}.txt").write_text(f"{title}\n\nТекст номер {i}.\n", encoding="utf-8")
    (root / "notes.xlsx").write_bytes(b"PK\x03\x04")
    (root / ".hidden.txt").write_text("скрытый", encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_folders_are_walked_recursively_and_glob_filters(tmp_path: Path) -> None:
    root = make_batch(tmp_path / "in")
    found = list(collect_sources([root]))
    assert len(found) == 12 and all(isinstance(p, Path) for p in found)
    assert found == sorted(found)  # a stable order, whatever the file system gives
    subs = list(collect_sources([root], glob="part1/sub/*.txt"))
    assert [p.name for p in subs] == ["doc01.txt", "doc07.txt"]
    assert [p.name for p in collect_sources([root], glob="doc1?.txt")] == ["doc10.txt", "doc11.txt"]
    (none,) = collect_sources([root], glob="*.pdf")
    assert isinstance(none, InputError) and "no files matching '*.pdf'" in str(none)


def test_jobs_2_writes_the_same_archive_as_jobs_1(tmp_path: Path) -> None:
    root = make_batch(tmp_path / "in")
    archives = {}
    for jobs in (1, 2):
        archive = Archive(tmp_path / f"jobs{jobs}")
        results = list(ingest(archive, [root], jobs=jobs, extract=title_extract))
        assert [r.status for r in results] == ["written"] * 12
        archives[jobs] = snapshot(archive.root)
        ids = [(r.source, r.record.id) for r in results]
    assert archives[1] == archives[2]
    # Ids follow input order, not the order workers finish in: the k-th file (in
    # path order) with a given title gets the suffix -k.
    seen: dict[str, int] = {}
    for path, record_id in ids:
        base = "undated-rezoliutsiia-seminara-" + path.read_text(encoding="utf-8").split()[2]
        seen[base] = seen.get(base, 0) + 1
        assert record_id == (base if seen[base] == 1 else f"{base}-{seen[base]}")
    assert set(seen.values()) == {3}


def test_reingest_and_duplicates_in_one_batch(tmp_path: Path) -> None:
    root = make_batch(tmp_path / "in", n=4)
    copy = root / "part0" / "copy-of-doc00.txt"
    shutil.copy(root / "part0" / "doc00.txt", copy)
    archive = Archive(tmp_path / "archive")
    first = list(ingest(archive, [root], jobs=2, extract=title_extract))
    by_name = {r.source.name: r for r in first}
    # The same bytes under another name are one record, not two (the first in path
    # order gives the raw name).
    assert by_name["copy-of-doc00.txt"].status == "written"
    assert by_name["doc00.txt"].status == "unchanged"
    assert by_name["doc00.txt"].record == by_name["copy-of-doc00.txt"].record
    assert len(list(archive.structured.glob("*.yaml"))) == 4
    before = snapshot(archive.root)
    again = list(ingest(archive, [root], jobs=2, extract=title_extract))
    assert {r.status for r in again} == {"unchanged"}
    assert snapshot(archive.root) == before


def test_known_records_sees_other_writers(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    src = tmp_path / "a.txt"
    src.write_text("Резолюция\n\nТекст.\n", encoding="utf-8")
    known = KnownRecords(archive)
    known.refresh()
    assert known.by_id("undated-rezoliutsiia") is None
    # Another process ingests the same file between our lock holds.
    (result,) = list(ingest(archive, [src], extract=title_extract))
    known.refresh()
    held = known.by_sha(result.record.source.sha256)
    assert held is not None and held.id == result.record.id
    (archive.structured / f"{held.id}.yaml").unlink()
    known.refresh()
    assert known.by_id(held.id) is None


def test_a_bad_file_in_a_pool_batch_fails_alone(tmp_path: Path) -> None:
    root = make_batch(tmp_path / "in", n=4)
    (root / "part0" / "empty.txt").write_bytes(b"")
    results = list(ingest(Archive(tmp_path / "a"), [root], jobs=2, extract=title_extract))
    failed = [r for r in results if not r.ok]
    assert [r.source.name for r in failed] == ["empty.txt"]
    assert failed[0].error.path == str(root / "part0" / "empty.txt")
    assert len(results) == 5


def test_cli_prints_plain_progress_lines_off_a_terminal(tmp_path: Path) -> None:
    from resarchive.cli import app

    src = tmp_path / "in"
    src.mkdir()
    sources.write_docx(src / "a.docx")
    sources.write_rtf(src / "b.rtf")
    # --dry-run with a stand-in-free path is slow; a scan fails before extraction.
    (src / "c.txt").write_bytes(b"")
    (src / "d.txt").write_bytes(b"")
    result = CliRunner().invoke(
        app, ["--archive", str(tmp_path / "a"), "ingest", str(src), "--glob", "[cd].*", "-j", "1"]
    )
    assert result.exit_code == 5
    assert "[2/2]" in result.stderr and "files/s, 0:00:00 left" in result.stderr
    assert "[1/2]" not in result.stdout
    # A single file gets no progress line: its error line says all.
    result = CliRunner().invoke(
        app, ["--archive", str(tmp_path / "a"), "ingest", str(src / "c.txt")]
    )
    assert result.exit_code == 5 and "[1/1]" not in result.stderr


@needs_extraction
def test_real_extraction_jobs_2_equals_jobs_1(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, inputs / seed.name)
    sources.write_docx(inputs / "rezoljucija.docx")
    sources.write_rtf(inputs / "rezoljucija.rtf")
    archives = {}
    for jobs in (1, 2):
        archive = Archive(tmp_path / f"jobs{jobs}")
        results = list(ingest(archive, [inputs], jobs=jobs))
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]
        archives[jobs] = snapshot(archive.root)
    assert archives[1] == archives[2]


@pytest.mark.parametrize("jobs", [1, 2])
def test_dry_run_writes_nothing(tmp_path: Path, jobs: int) -> None:
    root = make_batch(tmp_path / "in", n=3)
    archive = Archive(tmp_path / "archive")
    results = list(ingest(archive, [root], jobs=jobs, dry_run=True, extract=title_extract))
    assert [r.status for r in results] == ["dry-run"] * 3
    assert not archive.root.exists()
