"""The CLI's conventions: global options anywhere, -h, --version, completion, help without
jargon, one translated line per usage error, no silent success on a missing archive, the
progress bar, the closing totals, event types in both languages, quiet broken pipes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resarchive.cli import app

from .archive_factory import add_record, sample_archive
from .conftest import SEEDS
from .helpers import resarchive

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_archive(tmp_path_factory.mktemp("ux") / "archive")


# ------------------------------------------------------------------ global options, archive


def test_global_options_go_before_or_after_the_command(root: Path) -> None:
    before = cli("--archive", str(root), "query", "--type", "seminar", "--format", "json")
    after = cli("query", "--type", "seminar", "--format", "json", "--archive", str(root))
    assert before[0] == after[0] == 0
    assert before[1] == after[1] and '"2021-11-24-kamchatka"' in after[1]
    code, stdout, _ = cli("validate", "--archive", str(root), "--debug")
    assert code == 0 and "4 records valid" in stdout


@pytest.mark.parametrize("command", [["validate"], ["query"], ["stats"], ["show", "x"],
                                     ["export", "--format", "jsonl"], ["text", "x"]])  # fmt: skip
def test_a_missing_archive_is_an_error_not_an_empty_success(
    tmp_path: Path, command: list[str]
) -> None:
    typo = tmp_path / "archve"
    code, stdout, stderr = cli("--archive", str(typo), *command)
    assert code == 10
    assert stdout == ""
    assert stderr == (
        f"error: {typo}: no archive here: the folder does not exist "
        "(--archive DIR or RESARCHIVE_ARCHIVE)\n"
    )
    assert not typo.exists()  # nothing made where nobody asked
    (tmp_path / "notes").mkdir()
    code, _, stderr = cli(*command, "--archive", str(tmp_path / "notes"))
    assert code == 10 and "not an archive: it has no structured/ folder" in stderr


def test_ingest_says_where_it_writes(tmp_path: Path) -> None:
    done = resarchive("ingest", "--dry-run", str(SEEDS[1]), cwd=tmp_path)
    assert done.returncode == 0 and not (tmp_path / "data").exists()  # a dry run makes nothing
    done = resarchive("ingest", str(SEEDS[1]), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first == (
        f"New archive made in the current folder: {tmp_path / 'data'} "
        "(--archive FOLDER for another)"
    )
    assert len(list((tmp_path / "data" / "structured").glob("*.yaml"))) == 1
    done = resarchive("--archive", str(tmp_path / "mine"), "ingest", str(SEEDS[1]))
    assert done.stdout.splitlines()[0] == f"New archive made: {tmp_path / 'mine'}"
    done = resarchive("ingest", str(SEEDS[1]), "--archive", str(tmp_path / "mine"))
    assert done.stdout.splitlines()[0] == f"Archive: {tmp_path / 'mine'}"


# ------------------------------------------------------------------ help, version, completion


def test_version_and_short_help() -> None:
    from resarchive import __version__

    assert cli("--version") == (0, f"resarchive {__version__}\n", "")
    code, stdout, _ = cli("query", "-h")
    assert code == 0 and "--org" in stdout and "-h" in stdout


def test_help_speaks_plainly_with_examples_and_defaults() -> None:
    done = resarchive("ingest", "--help")
    text = done.stdout
    for jargon in ("<list[Path]>", "range", "x>=1", "<bool>", "<path>", "<str>", "<int", "{"):
        assert jargon not in text, jargon
    assert "Usage: resarchive ingest [OPTIONS] FILE_OR_FOLDER..." in text
    assert "Examples:" in text and "resarchive ingest --replace" in text
    assert re.search(r"--max-size +SIZE .*\n(.*\n)*? *│? *\[default: 5MB\]", text)
    assert re.search(r"--jobs +-j +N ", text)
    assert re.search(r"--dry-run +Print the records as YAML", text)
    assert "--archive" in text and "Global options" in text  # taken after the command too
    assert "Exit status:" in resarchive("--help").stdout


def test_shell_completion() -> None:
    code, stdout, _ = cli("completion", "bash")
    assert code == 0 and "_RESARCHIVE_COMPLETE=complete_bash" in stdout
    done = resarchive(
        "--archive", "x", _RESARCHIVE_COMPLETE="complete_bash", COMP_WORDS="resarchive qu",
        COMP_CWORD="1",
    )  # fmt: skip
    assert done.returncode == 0 and "query" in done.stdout.split()


# ------------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["query", "--orgg", "x"], "error: no such option: --orgg; did you mean --org, --to?"),
        (["ingest"], "error: missing argument FILE_OR_FOLDER..."),
        (["stats", "--top", "x"], "error: invalid value for --top: x is not a whole number"),
        (["ingest", "-j", "0", "x"], "error: invalid value for --jobs: must be at least 1, not 0"),
        (["query", "--format", "xml"], "error: invalid value for --format: 'xml' is not one of"),
    ],
)
def test_a_usage_error_is_one_line(root: Path, args: list[str], line: str) -> None:
    code, stdout, stderr = cli("--archive", str(root), *args)
    assert code == 2
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith(line)
    assert f"(help: resarchive {args[0]} --help)" in stderr


# ------------------------------------------------------------------ event types


@pytest.mark.parametrize(
    "value", ["seminar", "семинар", "Семинары", "семинаре", "SEMINAR", "вебинар"]
)
def test_event_types_in_russian_or_english(root: Path, value: str) -> None:
    code, stdout, _ = cli("--archive", str(root), "query", "--type", value, "--format", "json")
    assert code == 0 and '"2021-11-24-kamchatka"' in stdout and "2014-05-20" not in stdout


@pytest.mark.parametrize("value", ["круглый стол", "Круглого стола", "round table", "round_table"])
def test_a_two_word_type(root: Path, value: str) -> None:
    code, stdout, _ = cli("--archive", str(root), "query", "--type", value, "--format", "json")
    assert code == 0 and '"2014-05-20-rba"' in stdout and "kamchatka" not in stdout


def test_an_unknown_type_lists_the_valid_ones(root: Path, russian: None) -> None:
    code, stdout, stderr = cli("--archive", str(root), "query", "--type", "банкет")
    assert code == 2 and stdout == ""
    assert stderr == (
        "ошибка: неверное значение --type: неизвестный вид мероприятия «банкет»; допустимые: "
        "конференция, семинар, круглый стол, заседание, съезд, форум, другое мероприятие "
        "(справка: resarchive query --help)\n"
    )


def test_tables_show_types_in_the_interface_language(root: Path, russian: None) -> None:
    code, stdout, stderr = cli("--archive", str(root), "query", "--type", "круглый стол")
    assert code == 0 and "круглый стол" in stdout and "round_table" not in stdout
    assert stderr == "1 запись\n"
    code, stdout, _ = cli("--archive", str(root), "stats")
    assert "Записи по видам мероприятий" in stdout and "семинар" in stdout
    assert stdout.startswith("4 записи, 6 рекомендаций\n")


# ------------------------------------------------------------------ batches


def test_a_batch_ends_with_totals_in_correct_plurals(tmp_path: Path, russian: None) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in SEEDS[1:]:
        (inbox / seed.name).write_bytes(seed.read_bytes())
    (inbox / "zz-empty.txt").write_bytes(b"")
    archive = tmp_path / "archive"
    code, stdout, stderr = cli("--archive", str(archive), "ingest", "-j", "1", str(inbox))
    assert code == 5
    assert "семинар, очно и онлайн, 2021-11-24, место не указано; 14 организаций, " in stdout
    assert "12 человек, 12 докладчиков, 6 рекомендаций" in stdout
    assert "предупреждение: event.place: в тексте не указано" in stdout
    assert stderr.splitlines()[-1] == (
        "Готово: 3 файла; записано: 2, без изменений: 0, оставлено проверенных: 0, "
        "оставлено исправленных вручную: 0, с предупреждениями: 2, с ошибками: 1."
    )
    assert "не загружено 1 из 3 файлов:" in stderr
    code, _, stderr = cli("--archive", str(archive), "ingest", "-j", "1", str(inbox))
    assert stderr.splitlines()[-1].startswith("Готово: 3 файла; записано: 0, без изменений: 2,")


def test_the_progress_bar_is_never_written_over(tmp_path: Path) -> None:
    """On a terminal, with the last file failing: every message starts a line of its own,
    the bar reaches the end, and the totals follow."""
    import pty

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(SEEDS[1].read_bytes())
    (inbox / "b.txt").write_bytes(SEEDS[2].read_bytes())
    (inbox / "zz.txt").write_bytes(b"")  # the last file fails
    env = {**os.environ, "COLUMNS": "120", "LINES": "40", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    command = [sys.executable, "-m", "resarchive", "--archive", str(tmp_path / "a"), "ingest",
               "-j", "1", str(inbox)]  # fmt: skip
    pid, fd = pty.fork()
    if pid == 0:  # the child: the CLI on a terminal
        os.execve(sys.executable, command, env)
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 5, screen
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    lines = [line.rstrip("\r").split("\r")[-1] for line in plain.split("\n")]
    errors = [line for line in lines if "error:" in line]
    assert errors and all(line.startswith("error: ") for line in errors), screen
    summaries = [line for line in lines if "(written)" in line]
    assert len(summaries) == 2 and all(line.startswith("20") for line in summaries)
    assert "3/3" in plain  # the bar counted the failed last file too
    assert any(line.startswith("Done: 3 files; written: 2") for line in lines), lines


# ------------------------------------------------------------------ broken pipes


def test_a_closed_pipe_ends_quietly_with_exit_0(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    recs = [("Муниципальным библиотекам", f"Пункт {i}: " + "очень длинный текст " * 20)
            for i in range(2000)]  # fmt: skip
    add_record(root, "2021-11-24-long", recs=recs)
    for args in (["query", "--rows", "recommendations", "--format", "csv"], ["query"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "resarchive", "--archive", str(root), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "LANGUAGE": "en"},
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()  # `| head -1`
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == 0, stderr
        assert "Error" not in stderr and "Traceback" not in stderr, stderr
