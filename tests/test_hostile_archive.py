"""Hand edits and a tampered archive (issue 14, the list in ../shared/hostile/README.md):
each case tampers with a copy of `data/` (three reviewed records), runs the real CLI in a
subprocess under a memory cap and a time limit, and asserts the one line it prints, its
exit code, that the other records still answer (or, for ingest, that the good file was
stored), and that nothing outside the archive changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import sources

ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP = 1024**3  # read commands: 1 GB of address space
INGEST_CAP = 2 * 1024**3  # ingest's parent (its fenced workers hold themselves to 1 GB)
TIME_LIMIT = 60
TARGET = "2021-11-24-biblioteka-onlain"  # the record a case tampers with
OTHERS = [
    "2014-05-20-biblioteki-i-sotsialnye-media",
    "2022-06-08-ezhegodnoe-zasedanie-kluba-delovykh-vstrech",
]
RAW = "001_fe5bbd2357ca2a43.txt"  # its raw file
ALL = [OTHERS[0], TARGET, OTHERS[1]]  # what `query` lists when the target still parses


def run(archive: Path | str, *args: str, cap: int = MEMORY_CAP, fsize: int | None = None):
    """The CLI in a subprocess, capped; (exit code, stdout, stderr)."""

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        if fsize is not None:  # a disk that fills: writes past it fail (EFBIG)
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "resarchive", "--archive", str(archive), *args],
        capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=limits,
        env={**os.environ, "COLUMNS": "200", "LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": ""},
    )  # fmt: skip
    assert time.monotonic() - started < TIME_LIMIT
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below `folder` (links not followed): what it is and holds."""
    found = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        if path.is_symlink():
            found[str(path)] = "link " + os.readlink(path)
        elif path.is_file():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest() + f" {st.st_mtime_ns}"
        else:
            found[str(path)] = f"mode {st.st_mode:o}"
    return found


def edit(archive: Path, old: str, new: str) -> None:
    path = archive / "structured" / f"{TARGET}.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def other_db(outside: Path) -> Path:
    path = outside / "precious.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE precious (x)")
    con.execute("INSERT INTO precious VALUES (42)")
    con.commit()
    con.close()
    return path


def trigger_in_index(archive: Path, outside: Path) -> None:
    assert run(archive, "query")[0] == 0  # build the index
    con = sqlite3.connect(archive / ".index.sqlite")
    con.execute(
        "CREATE TRIGGER hang AFTER INSERT ON records BEGIN SELECT count(*) FROM (WITH "
        "RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT i FROM r); END"
    )
    con.commit()
    con.close()
    # A changed record makes the next command write to the index (and fire the trigger).
    edit(archive, "reviewed: true", "reviewed: true\n")


def link_raw_out(archive: Path, outside: Path) -> None:
    (archive / "raw" / RAW).rename(outside / RAW)
    (archive / "raw" / RAW).symlink_to(outside / RAW)


def link_raw_folder_out(archive: Path, outside: Path) -> None:
    (archive / "raw").rename(outside / "raw")
    (archive / "raw").symlink_to(outside / "raw")


@dataclass
class Case:
    name: str
    tamper: Callable[[Path, Path], None]
    args: list[str]
    code: int
    line: str  # the line it prints ({rec}: the tampered record, {a}: the archive, {o}: outside)
    answers: list[str] = field(default_factory=lambda: OTHERS)  # ids `query` still lists
    archive: str = "{a}"  # what --archive points at


REC = "{rec}"
CASES = [
    # ---- hand edits: a problem of the record at its line and column, the others answer
    Case("impossible date", lambda a, o: edit(a, "start: '2021-11-24'", "start: 2021-02-30"),
         ["validate"], 1, REC + ":17:10: event.start: there is no such date: 2021-02-30"),
    Case("date 0000-00-00", lambda a, o: edit(a, "start: '2021-11-24'", "start: 0000-00-00"),
         ["validate"], 1, REC + ":17:10: event.start: there is no such date: 0000-00-00"),
    Case("date in another form", lambda a, o: edit(a, "start: '2021-11-24'", "start: 24.11.2021"),
         ["validate"], 1,
         REC + ":17:10: event.start: a date must be written as YYYY-MM-DD, e.g. 2021-11-24"),
    Case("5000-digit integer", lambda a, o: edit(a, "total: null", "total: " + "9" * 5000),
         ["validate"], 1, REC + ":24:12: event.participants.total: a number of more than 18 "
         "digits"),
    Case("5000-digit span", lambda a, o: edit(a, "span: [4, 63]", f"span: [4, {'7' * 5000}]"),
         ["validate"], 1,
         REC + ":31:13: organizations[1].span[2]: a number of more than 18 digits"),
    Case("source.format docx on a .txt", lambda a, o: edit(a, "format: txt", "format: docx"),
         ["validate"], 1, REC + f":8:11: source.format: «docx», but raw/{RAW} is a txt file",
         answers=ALL),
    Case("a retyped title with a colon",
         lambda a, o: edit(a, "title: 'Резолюция по итогам", "title: Резолюция: по итогам"),
         ["validate"], 1, REC + ":11:19: document.title: a colon in a value: put the value in "
         "quotes (title: 'Библиотека-онлайн: опыт'), or check the line's indentation"),
    Case("a misspelt key", lambda a, o: edit(a, "    total: null", "    totl: null"),
         ["validate"], 1,
         REC + ":24:5: event.participants.totl: unknown field «totl»; did you mean «total»?"),
    Case("an alias bomb", lambda a, o: edit(a, "id: ", "b0: &a0 [x, x]\nb1: [*a0, *a0]\nid: "),
         ["validate"], 1, REC + ":1:5: b0: YAML anchors and aliases (&name, *name) are not "
         "allowed in a record"),
    Case("the alias bomb of the hostile inputs",
         lambda a, o: (a / "structured" / f"{TARGET}.yaml").write_text(alias_bomb(), "utf-8"),
         ["query", "--format", "json"], 0, "skipped: " + REC + ":1:5: b0: YAML anchors and "
         "aliases (&name, *name) are not allowed in a record"),
    Case("a tab for indentation", lambda a, o: edit(a, "\n  file: ", "\n\tfile: "),
         ["validate"], 1, REC + ":5:1: a tab or a character that cannot start a value: indent "
         "with spaces"),
    # ---- the index
    Case("the index a link to another database",
         lambda a, o: (a / ".index.sqlite").symlink_to(other_db(o)),
         ["query", "--format", "json"], 0, "", answers=ALL),
    Case("a trigger in the index", trigger_in_index, ["query", "--format", "json"], 0, "",
         answers=ALL),
    # ---- record files that are not files
    Case("a FIFO as a record", lambda a, o: os.mkfifo(a / "structured" / "f.yaml"),
         ["validate"], 1, "{a}/structured/f.yaml: a FIFO, not a record file: never opened",
         answers=ALL),
    Case("a link to /dev/zero as a record",
         lambda a, o: (a / "structured" / "z.yaml").symlink_to("/dev/zero"),
         ["query", "--format", "json"], 0, "skipped: {a}/structured/z.yaml: a symbolic link to "
         "/dev/zero, not a record file: never opened", answers=ALL),
    # ---- raw files
    Case("a raw file linked outside", link_raw_out, ["text", TARGET], 10,
         "error: {a}/raw/" + RAW + ": a symbolic link to {o}/" + RAW + ", outside the "
         "archive: not read", answers=ALL),
    Case("a raw file linked outside (validate)", link_raw_out, ["validate"], 1,
         REC + ":5:9: source.file: a symbolic link to {o}/" + RAW + ", outside the archive: "
         "not read", answers=ALL),
    Case("a raw file replaced", lambda a, o: (a / "raw" / RAW).write_text("подмена", "utf-8"),
         ["text", TARGET], 10, "error: {a}/raw/" + RAW + ": does not match the sha256 in the "
         "record " + TARGET + ": the raw file was changed or replaced (resarchive validate)",
         answers=ALL),
    Case("raw/ linked outside", link_raw_folder_out, ["validate"], 10,
         "error: {a}/raw: a symbolic link to {o}/raw, outside the archive: not used",
         answers=[]),
    Case("eval with a missing raw file", lambda a, o: (a / "raw" / RAW).unlink(), ["eval"], 10,
         "skipped: {a}/raw/" + RAW + ": raw/" + RAW + " does not exist", answers=ALL),
    # ---- the archive folder
    Case("--archive pointing at a file", lambda a, o: (o / "file.txt").write_text("x"),
         ["query"], 10, "error: {o}/file.txt: a regular file, not an archive folder",
         answers=[], archive="{o}/file.txt"),
    Case("--archive pointing at a folder that is not an archive",
         lambda a, o: (o / "home" / "notes").mkdir(parents=True), ["query"], 10,
         "error: {o}/home: not an archive: the folder holds neither raw/ nor structured/",
         answers=[], archive="{o}/home"),
]  # fmt: skip


def alias_bomb() -> str:
    """alias_bomb8.yaml of the hostile inputs: 10^8 "lol"s if the aliases expanded."""
    lines = ['b0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"b{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    data = (ROOT / "data" / "structured" / f"{TARGET}.yaml").read_text("utf-8")
    return "\n".join(lines) + "\n" + data


@pytest.fixture
def place(tmp_path: Path) -> tuple[Path, Path]:
    """(a copy of data/ as the archive, a folder outside it holding what links point at)."""
    archive, outside = tmp_path / "archive", tmp_path / "outside"
    outside.mkdir()
    for folder in ("raw", "structured"):
        shutil.copytree(ROOT / "data" / folder, archive / folder)
    return archive, outside


def answering(archive: Path) -> list[str]:
    code, stdout, _ = run(archive, "query", "--format", "json")
    assert code == 0
    return [r["id"] for r in json.loads(stdout)]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hand_edit_or_tampering_is_one_line_and_the_rest_answers(
    place: tuple[Path, Path], case: Case
) -> None:
    archive, outside = place
    case.tamper(archive, outside)
    before = snapshot(outside)
    names = {"a": archive, "o": outside, "rec": archive / "structured" / f"{TARGET}.yaml"}
    code, stdout, stderr = run(case.archive.format(**names), *case.args)
    assert code == case.code, stderr
    lines = stderr.splitlines()
    if case.line:
        assert case.line.format(**names) in lines, stderr
    else:
        assert [line for line in lines if line.startswith(("error", "skipped"))] == []
    if case.answers:
        assert answering(archive) == case.answers
    assert snapshot(outside) == before  # nothing outside the archive read-written or linked


def test_a_symlinked_index_leaves_the_other_database_whole(place: tuple[Path, Path]) -> None:
    archive, outside = place
    db = other_db(outside)
    (archive / ".index.sqlite").symlink_to(db)
    assert run(archive, "validate")[0] == 0
    assert run(archive, "validate", "--full")[0] == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT type, name FROM sqlite_master").fetchall() == [("table", "precious")]
    assert con.execute("SELECT x FROM precious").fetchall() == [(42,)]
    index = archive / ".index.sqlite"
    assert index.is_file() and not index.is_symlink()  # rebuilt beside it, a file of its own


def test_a_trigger_never_runs_and_is_gone(place: tuple[Path, Path]) -> None:
    archive, outside = place
    trigger_in_index(archive, outside)
    assert run(archive, "validate")[0] == 0
    con = sqlite3.connect(archive / ".index.sqlite")
    assert con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall() == []


def test_a_fifo_and_dev_zero_never_hang_ingest_holding_the_lock(
    place: tuple[Path, Path], tmp_path: Path
) -> None:
    archive, outside = place
    os.mkfifo(archive / "structured" / "f.yaml")
    (archive / "structured" / "z.yaml").symlink_to("/dev/zero")
    good = sources.write_txt(tmp_path / "good.txt")
    code, _, stderr = run(archive, "ingest", "--jobs", "1", str(good), cap=INGEST_CAP)
    assert code == 0, stderr
    assert (archive / "raw" / "good.txt").read_bytes() == good.read_bytes()
    assert len(answering(archive)) == 4


def test_raw_linked_outside_is_never_written_through(
    place: tuple[Path, Path], tmp_path: Path
) -> None:
    archive, outside = place
    link_raw_folder_out(archive, outside)
    before = snapshot(outside)
    good = sources.write_txt(tmp_path / "good.txt")
    code, _, stderr = run(archive, "ingest", "--jobs", "1", str(good), cap=INGEST_CAP)
    assert code == 10
    assert stderr.splitlines() == [
        f"error: {archive}/raw: a symbolic link to {outside}/raw, outside the archive: not used"
    ]
    assert snapshot(outside) == before


def test_a_lock_folder_is_a_clear_line(place: tuple[Path, Path], tmp_path: Path) -> None:
    archive, _ = place
    (archive / ".lock").mkdir()
    good = sources.write_txt(tmp_path / "good.txt")
    code, _, stderr = run(archive, "ingest", "--jobs", "1", str(good), cap=INGEST_CAP)
    assert code == 10
    assert stderr.splitlines() == [
        f"error: {archive}/.lock: the archive's lock file is a folder: remove it (no "
        "resarchive may run)"
    ]


def test_the_root_is_never_given_an_index() -> None:
    existed = os.path.lexists("/.index.sqlite")
    code, _, stderr = run("/", "query")
    assert code == 10
    assert stderr.splitlines() == [
        "error: /: not an archive: the folder holds neither raw/ nor structured/"
    ]
    assert os.path.lexists("/.index.sqlite") == existed


def test_a_full_disk_during_query_still_answers(place: tuple[Path, Path]) -> None:
    archive, _ = place
    # Files may not grow past 64 KB: the index cannot be written (EFBIG, as on a full disk).
    code, stdout, stderr = run(archive, "query", "--format", "json", fsize=64 * 1024)
    assert code == 0, stderr
    assert len(json.loads(stdout)) == 3
    code, _, stderr = run(archive, "validate", fsize=64 * 1024)
    assert (code, stderr) == (0, "")


def test_a_full_disk_during_export_leaves_the_old_file(place: tuple[Path, Path]) -> None:
    archive, outside = place
    out = outside / "archive.jsonl"
    out.write_text("old\n")
    code, _, stderr = run(archive, "export", "--format", "jsonl", "-o", str(out), fsize=8 * 1024)
    assert code == 10
    assert stderr.splitlines() == [
        f"error: {out}: cannot write the file: the file is over the file system's (or the "
        "process's) size limit (an existing file is left as it was)"
    ]
    assert out.read_text() == "old\n"
    assert [p.name for p in outside.iterdir()] == ["archive.jsonl"]  # no temporary left


def test_an_export_killed_midway_leaves_the_old_file(place: tuple[Path, Path]) -> None:
    archive, outside = place
    out = outside / "archive.csv"
    out.write_text("old\n")
    # The export writes half its rows, then its process is killed (SIGKILL: no cleanup).
    code = (
        "import os, signal, sys\n"
        "from resarchive import export\n"
        "real = export.write\n"
        "def half(found, fmt, out, **kw):\n"
        "    real(found[:1], fmt, out, **kw); out.flush(); os.kill(os.getpid(), signal.SIGKILL)\n"
        "export.write = half\n"
        "from resarchive.cli import app\n"
        "app(['--archive', sys.argv[1], 'export', '--format', 'csv', '-o', sys.argv[2]])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(archive), str(out)], capture_output=True, timeout=60
    )
    assert done.returncode == -signal.SIGKILL
    assert out.read_text() == "old\n"
    code, _, stderr = run(archive, "export", "--format", "csv", "-o", str(out))
    assert code == 0, stderr
    assert out.read_text("utf-8-sig").splitlines()[0].startswith("id,start,end")


def read_only(archive: Path) -> list[str] | None:
    """A command prefix running with `archive` read-only: as root in a mount namespace
    (a read-only bind mount), otherwise through permissions. None if neither works."""
    if os.geteuid() != 0:
        for path in [archive, *archive.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
        return []
    if shutil.which("unshare") is None:
        return None
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        return None
    mount = f"mount --bind {archive} {archive} && mount -o remount,bind,ro {archive} && exec"
    return ["unshare", "-m", "sh", "-c", f'{mount} "$@"', "sh"]


@pytest.mark.parametrize(
    ("args", "code", "line"),
    [
        (["validate"], 0, None),
        (["query", "--format", "json"], 0, None),
        (["stats"], 0, None),
        (["show", TARGET], 0, None),
        (["ingest", "GOOD"], 10, "error: {a}/.lock: cannot write to the archive: "),
    ],
    ids=["validate", "query", "stats", "show", "ingest"],
)
def test_a_read_only_archive(
    place: tuple[Path, Path], tmp_path: Path, args: list[str], code: int, line: str | None
) -> None:
    archive, _ = place
    good = sources.write_txt(tmp_path / "good.txt")
    prefix = read_only(archive)
    if prefix is None:
        pytest.skip("cannot make a read-only folder here")
    command = [sys.executable, "-m", "resarchive", "--archive", str(archive)]
    command += [str(good) if a == "GOOD" else a for a in args]
    done = subprocess.run(
        [*prefix, *command], capture_output=True, text=True, timeout=TIME_LIMIT,
        env={**os.environ, "COLUMNS": "200", "LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": ""},
    )  # fmt: skip
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    if line is not None:
        (printed,) = done.stderr.splitlines()
        assert printed.startswith(line.format(a=archive)), printed
        assert printed.endswith(("the file system is read-only", "permission denied"))
    assert not (archive / "raw" / "good.txt").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", "--max-size", "999999999999999999999", "x.txt"],
        ["ingest", "--max-size", "1e9", "x.txt"],
        ["ingest", "--timeout", "nan", "x.txt"],
        ["ingest", "--timeout", "inf", "x.txt"],
        ["ingest", "--lock-timeout", "1e400", "x.txt"],
        ["ingest", "--jobs", "99999999999999999999", "x.txt"],
        ["stats", "--top", "99999999999999999999"],
    ],
    ids=["max-size-huge", "max-size-float", "timeout-nan", "timeout-inf", "lock-timeout-inf",
         "jobs-huge", "top-huge"],
)  # fmt: skip
def test_bad_numbers_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    code, _, stderr = run(tmp_path / "archive", *args, cap=INGEST_CAP)
    assert code == 2, stderr
    (line,) = stderr.splitlines()
    assert line.startswith(f"error: invalid value for {args[1]}: "), line
