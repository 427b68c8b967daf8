"""Several `resarchive ingest` processes on one archive, and processes killed mid-write.

These run the real CLI in subprocesses (`python -m resarchive ingest --jobs 1`), with the
real extractor, on small generated resolutions.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from filelock import FileLock
from typer.testing import CliRunner

from resarchive.archive import Archive
from resarchive.cli import app

CITIES = ["Вологде", "Твери", "Петрозаводске", "Перми", "Омске"]


def resolution(i: int, tag: str = "") -> str:
    """A short resolution; documents i and i + 20 share a date and an event name, so
    their ids collide and one of them must get a `-2` suffix."""
    day, name = 1 + i % 4, f"Библиотека и чтение {i % 5}"
    return (
        f"РЕЗОЛЮЦИЯ\n\nсеминара «{name}»\n\n"
        f"{day} марта 2023 года в г. {CITIES[i % 5]} состоялся семинар для специалистов "
        f"муниципальных библиотек. В работе семинара приняли участие {20 + i} человек.\n\n"
        "Участники семинара рекомендуют:\n\n"
        f"1. Муниципальным библиотекам развивать партнёрство со школами ({tag}{i}).\n\n"
        "2. Опубликовать материалы семинара на сайте библиотеки.\n"
    )


def write_docs(folder: Path, n: int, tag: str = "") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"{tag}doc{i:02d}.txt"
        path.write_text(resolution(i, tag), encoding="utf-8")
        paths.append(path)
    return paths


def ingest_cmd(archive: Path, *args: str | Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "resarchive",
        "--archive",
        str(archive),
        "ingest",
        "--jobs",
        "1",
        *map(str, args),
    ]


def validate(archive: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--archive", str(archive), "validate", "--full"])
    return result.exit_code, result.stderr


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_four_processes_over_the_same_40_files(tmp_path: Path) -> None:
    docs = write_docs(tmp_path / "in", 40)
    archive = tmp_path / "archive"
    orders = [docs, docs[::-1], docs[10:] + docs[:10], random.Random(5).sample(docs, len(docs))]
    procs = [
        subprocess.Popen(
            ingest_cmd(archive, *order), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        for order in orders
    ]
    for proc in procs:
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr.decode()
    records = [record for _, record in Archive(archive).records()]
    assert len(records) == 40
    assert len({r.id for r in records}) == 40
    assert len(list((archive / "structured").glob("*.yaml"))) == 40
    raw = sorted((archive / "raw").iterdir())
    assert [p.name for p in raw] == [p.name for p in docs]  # no -sha copies
    assert all(p.read_bytes() == (tmp_path / "in" / p.name).read_bytes() for p in raw)
    assert {r.source.sha256 for r in records} == {sha(p) for p in docs}  # one record each
    assert any(r.id.endswith("-2") for r in records)  # colliding ids were told apart
    code, stderr = validate(archive)
    assert code == 0, stderr


def test_a_held_lock_times_out_with_a_clear_message(tmp_path: Path) -> None:
    (doc,) = write_docs(tmp_path / "in", 1)
    archive = tmp_path / "archive"
    archive.mkdir()
    with FileLock(str(archive / ".lock")):
        done = subprocess.run(
            ingest_cmd(archive, "--lock-timeout", "0.3", doc),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 11, done.stderr
    assert done.stderr.splitlines() == [
        f"error: could not lock the archive: another resarchive process holds "
        f"{archive / '.lock'} (waited 0.3 s; --lock-timeout waits longer)"
    ]
    assert not any((archive / "raw").glob("*")) and not any((archive / "structured").glob("*"))


RUNS = 50  # ingest processes, two at a time on one archive, most of them killed
DOCS_PER_RUN = 3


class _Run:
    """One ingest process and when to SIGKILL it.

    Half the runs die at a blind moment (0.2–1.6 s: starting up, loading the models,
    extracting or writing); the other half once their first raw file appears, within
    the next 30 ms — amid the writes of the record and of the following documents.
    """

    def __init__(self, archive: Path, docs: list[Path], rng: random.Random) -> None:
        self.proc = subprocess.Popen(
            ingest_cmd(archive, *docs), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        now = time.monotonic()
        self.first_raw = archive / "raw" / docs[0].name
        self.in_write = rng.random() < 0.5
        self.deadline = None if self.in_write else now + rng.uniform(0.2, 1.6)
        self.jitter = rng.uniform(0.0, 0.03)
        self.give_up = now + 30
        self.outcome: str | None = None  # finished | killed

    def step(self) -> None:
        now = time.monotonic()
        if self.proc.poll() is not None:
            assert self.proc.returncode == 0, self.proc.returncode
            self.outcome = "finished"
        elif self.deadline is None and self.first_raw.exists():
            self.deadline = now + self.jitter
        elif (self.deadline is not None and now >= self.deadline) or now > self.give_up:
            self.proc.kill()
            self.proc.wait()
            self.outcome = "killed"


def test_killed_ingests_never_leave_a_truncated_file(tmp_path: Path) -> None:
    """SIGKILL at random moments, 50 times. Afterwards every record parses and
    validates, every raw file holds its source's exact bytes, and a new ingest
    completes the archive without duplicates."""
    rng = random.Random(20240501)
    archive = tmp_path / "archive"
    sources: dict[str, Path] = {}
    batches = []
    for run in range(RUNS):
        docs = write_docs(tmp_path / "in" / f"r{run:02d}", DOCS_PER_RUN, tag=f"r{run:02d}-")
        sources.update((p.name, p) for p in docs)
        batches.append(docs)
    outcomes = []
    for pair in range(0, RUNS, 2):
        runs = [_Run(archive, docs, rng) for docs in batches[pair : pair + 2]]
        while any(run.outcome is None for run in runs):
            for run in runs:
                if run.outcome is None:
                    run.step()
            time.sleep(0.002)
        outcomes += [(run.outcome, run.in_write) for run in runs]
    killed_writing = outcomes.count(("killed", True))
    assert killed_writing >= 15 and outcomes.count(("killed", False)) >= 5, outcomes

    records = [record for _, record in Archive(archive).records()]
    assert records, "no run got as far as writing a record"
    code, stderr = validate(archive)
    assert code == 0, stderr
    for raw in (archive / "raw").iterdir():
        if raw.name.startswith("."):
            continue  # a temporary file of a killed write: readers skip it
        assert raw.read_bytes() == sources[raw.name].read_bytes(), raw.name
    assert {r.source.file for r in records} <= {p.name for p in (archive / "raw").iterdir()}

    # Recovery: age what killed writers left behind, then ingest a few batches again.
    for path in archive.rglob(".*.tmp"):
        os.utime(path, (1, 1))
    again = [p for docs in batches[-4:] for p in docs]
    done = subprocess.run(ingest_cmd(archive, *again), capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert not any(archive.rglob(".*.tmp"))
    records = [record for _, record in Archive(archive).records()]
    assert {p.name for p in again} <= {r.source.file for r in records}
    assert len({r.source.sha256 for r in records}) == len(records)  # no duplicates
    assert validate(archive)[0] == 0
