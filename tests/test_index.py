"""The index stays in step with structured/: added, edited, deleted records; lost index."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from resarchive.archive import Archive
from resarchive.index import INDEX_NAME, Index
from resarchive.query import Filters, find_records
from resarchive.record.fastload import fast_load
from resarchive.record.yamlio import load

from .archive_factory import add_record, sample_archive


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return sample_archive(tmp_path / "archive")


def ids(root: Path, **filters) -> list[str]:
    with Index(Archive(root)) as index:
        index.refresh()
        return [r["id"] for r in find_records(index, Filters(**filters))]


def age(path: Path) -> None:
    """Backdate a file out of the index's "racily clean" window, as if written long ago."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10**10))


def age_all(root: Path) -> None:
    for path in (root / "structured").glob("*.yaml"):
        age(path)
    age(root / "structured")  # the folder too: its mtime tells whether files came or went


def test_first_refresh_reads_all_then_nothing(root: Path) -> None:
    age_all(root)
    with Index(Archive(root)) as index:
        assert index.refresh().read == 4
        assert index.refresh().read == 0
    assert (root / INDEX_NAME).exists()
    with Index(Archive(root)) as index:  # a new process: still nothing to read
        assert index.refresh().read == 0


def test_a_warm_query_only_reads(root: Path) -> None:
    """Nothing changed: refreshing and searching run no write, not even a transaction."""
    age_all(root)
    ids(root)
    statements: list[str] = []
    with Index(Archive(root)) as index:
        index.con.set_trace_callback(statements.append)
        assert index.refresh().read == 0
        assert [r["id"] for r in find_records(index, Filters(org="РБА"))] == [
            "2014-05-20-rba",
            "2021-11-24-kamchatka",
        ]
    verbs = {s.split()[0].upper() for s in statements}
    assert "SELECT" in verbs
    assert not verbs & {"BEGIN", "INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP"}


def test_recently_written_file_is_read_again(root: Path) -> None:
    with Index(Archive(root)) as index:
        index.refresh()
        # Written within the mtime tick: an edit of the same size could hide, so re-read.
        assert index.refresh().read == 4
        age_all(root)
        index.refresh()
        assert index.refresh().read == 0


def test_added_record_is_found(root: Path) -> None:
    age_all(root)
    assert ids(root, org="Российской государственной библиотеки") == []
    add_record(root, "2024-01-01-rgb", orgs=["Российская государственная библиотека"])
    assert ids(root, org="Российской государственной библиотеки") == ["2024-01-01-rgb"]
    with Index(Archive(root)) as index:
        report = index.refresh()
    assert report.files == ["2024-01-01-rgb.yaml"]  # only the new (still racy) file


def test_edited_record_is_read_again(root: Path) -> None:
    age_all(root)
    assert ids(root, person="Чернова") == ["2022-06-08-club"]
    path = root / "structured" / "2022-06-08-club.yaml"
    path.write_text(path.read_text("utf-8").replace("Чернов", "Белов"), "utf-8")
    with Index(Archive(root)) as index:
        assert index.refresh().files == ["2022-06-08-club.yaml"]
        assert [r["id"] for r in find_records(index, Filters(person="Белова"))] == [
            "2022-06-08-club"
        ]
        assert find_records(index, Filters(person="Чернова")) == []


def test_deleted_record_is_dropped(root: Path) -> None:
    age_all(root)
    ids(root)
    (root / "structured" / "2022-06-08-club.yaml").unlink()
    with Index(Archive(root)) as index:
        report = index.refresh()
        assert report.removed == 1
        assert find_records(index, Filters(person="Чернова")) == []
        assert index.count() == 3


def test_deleted_index_is_rebuilt(root: Path) -> None:
    before = ids(root, text="социальные сети")
    for path in root.glob(INDEX_NAME + "*"):
        path.unlink()
    assert ids(root, text="социальные сети") == before == ["2014-05-20-rba", "2022-06-08-club"]


@pytest.mark.parametrize("garbage", [b"not a database at all" * 100, b""])
def test_corrupt_index_is_rebuilt_silently(root: Path, garbage: bytes) -> None:
    before = ids(root, org="РБА")
    (root / INDEX_NAME).write_bytes(garbage)
    for suffix in ("-wal", "-shm"):
        Path(f"{root / INDEX_NAME}{suffix}").unlink(missing_ok=True)
    assert ids(root, org="РБА") == before


def test_index_with_a_missing_table_is_rebuilt(root: Path) -> None:
    before = ids(root, person="Чернова")
    import sqlite3

    con = sqlite3.connect(root / INDEX_NAME)
    con.execute("DROP TABLE name_lemmas")
    con.commit()
    con.close()
    assert ids(root, person="Чернова") == before


def test_index_of_an_archive_without_structured(tmp_path: Path) -> None:
    assert ids(tmp_path / "nowhere") == []


def test_broken_record_is_kept_as_unreadable(root: Path) -> None:
    (root / "structured" / "broken.yaml").write_text("id: [unclosed\n", "utf-8")
    with Index(Archive(root)) as index:
        index.refresh()
        (problem,) = index.unreadable()
        assert problem.path.name == "broken.yaml"
        assert problem.message == "a bracket [ or { is never closed, or a comma is missing"
        assert len(find_records(index, Filters())) == 4


def test_fast_load_equals_the_safe_loader(root: Path) -> None:
    text = (root / "structured" / "2014-05-20-rba.yaml").read_text("utf-8")
    assert fast_load(text) == load(text)
    odd = "a: 0x1F\nb: 1_000\nc: yes\nd: ~\ne: 2021-01-02\nf: '12'\ng: 1.5\nh: [1, -2]\n"
    assert fast_load(odd) == load(odd)


def test_warm_query_loads_neither_natasha_nor_pymorphy(root: Path) -> None:
    """Words the index has seen are lemmatized from the index: a warm query is SQL only."""
    age_all(root)
    ids(root)
    code = (
        "import sys; from resarchive.cli import app\n"
        "try:\n    app(['--archive', sys.argv[1], 'query', '--org', 'библиотека имени "
        "Маяковского', '--format', 'json'])\n"
        "except SystemExit:\n    pass\n"
        "assert 'natasha' not in sys.modules, 'natasha loaded'\n"
        "assert 'pymorphy3' not in sys.modules, 'pymorphy3 loaded'\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "2022-06-08-club" in done.stdout


def test_warm_query_in_another_case_loads_no_heavy_module(root: Path) -> None:
    """The index knows every inflection of a name's words, and prints records from their
    YAML without PyYAML or pydantic: a warm JSON query loads none of them, nor rich."""
    age_all(root)
    ids(root)
    code = (
        "import sys; from resarchive.cli import app\n"
        "try:\n    app(['--archive', sys.argv[1], 'query', '--org', 'Камчатской краевой "
        "детской библиотеки', '--format', 'json'])\n"
        "except SystemExit:\n    pass\n"
        "heavy = {'pymorphy3', 'pydantic', 'yaml', 'rich', 'natasha'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert '"id":"2021-11-24-kamchatka"' in done.stdout


def test_two_processes_refreshing_at_once(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    for i in range(40):
        add_record(root, f"2020-01-{i % 28 + 1:02d}-r{i}", orgs=[f"Библиотека номер {i}"])
    age_all(root)
    code = (
        "import sys; from resarchive.archive import Archive; from resarchive.index import Index\n"
        "with Index(Archive(sys.argv[1]), workers=1) as index:\n"
        "    print(index.refresh().read)\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(root)], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate()[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    # One built the index; the other waited for the lock and found the work done (or both
    # read everything, when neither saw the other): never a broken or doubled index.
    assert sorted(int(o) for o in outputs) in ([0, 40], [40, 40])
    with Index(Archive(root)) as index:
        assert index.refresh().read == 0
        assert index.count() == 40
        assert len(find_records(index, Filters(org="библиотека"))) == 40


def test_rechecking_an_edited_record_needs_no_pymorphy(root: Path) -> None:
    """Words the index has met are lemmatized from its `forms` table, texts included."""
    age_all(root)
    ids(root)
    path = root / "structured" / "2022-06-08-club.yaml"
    path.write_text(path.read_text("utf-8").replace("type: meeting", "type: seminar"), "utf-8")
    code = (
        "import sys; from resarchive.archive import Archive; from resarchive.index import Index\n"
        "with Index(Archive(sys.argv[1])) as index:\n"
        "    assert index.refresh().files == ['2022-06-08-club.yaml']\n"
        "assert 'pymorphy3' not in sys.modules, 'pymorphy3 loaded'\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert ids(root, type="seminar", text="социальные сети") == ["2022-06-08-club"]


def test_files_other_than_records_are_ignored(root: Path) -> None:
    age_all(root)
    ids(root)
    (root / "structured" / "notes.txt").write_text("not a record", "utf-8")
    (root / "structured" / ".hidden.yaml").write_text("id: [", "utf-8")
    with Index(Archive(root)) as index:
        assert index.refresh().read == 0
        assert index.count() == 4
