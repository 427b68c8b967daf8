"""Bad input, names that try to escape the archive, hand edits and unsafe YAML.

Every bad file is built here from bytes; each must give one line on stderr naming the
file and the cause, and its own exit code (README, "When things go wrong").
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resarchive import errors
from resarchive.archive import Archive, atomic_write, safe_file_name
from resarchive.cli import app
from resarchive.ingest import ingest
from resarchive.read import parse_size

from . import sources
from .conftest import SEEDS
from .helpers import zip_bytes
from .test_batch import title_extract

runner = CliRunner()

RESOLUTION = "\n\n".join(sources.paragraphs()) + "\n"
ENGLISH_PAGE = (
    "Welcome to our website! We sell the best coffee machines in town. "
    "Free delivery on orders over $50. Subscribe to our newsletter for weekly deals.\n"
) * 5
SHOPPING_LIST = "Список покупок:\n\nмолоко\nхлеб\nяйца, десяток\nсыр\nяблоки 2 кг\n"


def run(archive: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--archive", str(archive), *args])
    return result.exit_code, result.stdout, result.stderr


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02" + bytes(64)

# name, bytes (None: do not create), extra ingest options, exit code, message fragment
BAD_INPUTS = [
    ("empty.txt", b"", [], 5, "empty file (0 bytes)"),
    ("blank.txt", b" \r\n\t\n   \n", [], 5, "file holds only whitespace"),
    ("blank-utf16.txt", "  \n\n".encode("utf-16"), [], 5, "file holds only whitespace"),
    ("image.txt", PNG, [], 6, "binary file"),
    ("photo.png", PNG, [], 6, "binary file"),
    ("archive.zip", zip_bytes({"a.txt": b"hello"}), [], 6, "a zip archive, not a Word .docx"),
    ("sheet.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), [], 6, "not a Word .doc"),
    ("broken.docx", b"PK\x03\x04" + b"\x07" * 100, [], 13, "damaged zip/.docx file"),
    ("broken.pdf", b"%PDF-1.4\n%%garbage, no objects\n", [], 13, "cannot read the PDF"),
    (
        "latin1.txt",
        "Über die Größe der Bücher, Grüße aus Köln.\n".encode("latin-1") * 3,
        [],
        7,
        "not UTF-8, UTF-16 or Windows-1251 text",
    ),
    ("odd-utf16.txt", "Резолюция".encode("utf-16") + b"\x00", [], 7, "cannot decode as utf-16"),
    (
        "big.txt",
        RESOLUTION.encode("utf-8") * 200,
        ["--max-size", "200KB"],
        8,
        "over the 200 KB limit (--max-size)",
    ),
    ("page.txt", ENGLISH_PAGE.encode(), ["--strict"], 9, "not Russian text"),
    ("shopping.txt", SHOPPING_LIST.encode(), ["--strict"], 9, "no wording of a resolution"),
    ("missing.txt", None, [], 4, "no such file or folder"),
]


@pytest.mark.parametrize(
    "name,data,options,code,message", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS]
)
def test_bad_input_gets_one_line_and_its_exit_code(
    tmp_path: Path, name: str, data: bytes | None, options: list[str], code: int, message: str
) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    archive = tmp_path / "archive"
    exit_code, stdout, stderr = run(archive, "ingest", *options, str(path))
    assert exit_code == code, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0] == f"error: {path}: {lines[0].split(': ', 2)[2]}"
    assert message in lines[0]
    assert "Traceback" not in stderr + stdout
    # Nothing was stored for a refused file.
    assert not list((archive / "structured").glob("*.yaml"))
    assert not list((archive / "raw").glob("*"))


def test_exit_codes_are_distinct() -> None:
    classes = [
        errors.NotFoundError,
        errors.EmptyInputError,
        errors.BinaryInputError,
        errors.EncodingError,
        errors.TooLargeError,
        errors.NotResolutionError,
        errors.ArchiveError,
        errors.LockTimeoutError,
        errors.NoTextLayerError,
        errors.CorruptDocumentError,
        errors.NoSourcesError,
        errors.ExtractionFailedError,
    ]
    codes = [cls.exit_code for cls in classes]
    assert len(set(codes)) == len(codes) and not {0, 1, 2} & set(codes)


def test_folder_with_no_readable_files(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04")
    (folder / ".hidden.txt").write_text(RESOLUTION, encoding="utf-8")
    code, _, stderr = run(tmp_path / "archive", "ingest", str(folder))
    assert code == errors.NoSourcesError.exit_code
    assert stderr.splitlines() == [f"error: {folder}: folder holds no readable source files"]


@pytest.mark.parametrize(
    "data,encoding",
    [
        (RESOLUTION.encode("utf-16"), "utf-16"),  # little endian, with BOM
        (b"\xfe\xff" + RESOLUTION.encode("utf-16-be"), "utf-16"),
        (RESOLUTION.replace("\n", "\r\n").encode("cp1251"), "cp1251"),
        (b"\xef\xbb\xbf" + RESOLUTION.encode("utf-8"), "utf-8-sig"),
    ],
    ids=["utf-16-le", "utf-16-be", "cp1251-crlf", "utf-8-bom"],
)
def test_other_encodings_are_read(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "rezoljucija.txt"
    path.write_bytes(data)
    archive = tmp_path / "archive"
    code, stdout, stderr = run(archive, "ingest", str(path))
    assert code == 0, stderr
    (record,) = Archive(archive).records()
    assert record[1].source.encoding == encoding
    assert record[1].event.place == "Вологда"
    assert (archive / "raw" / path.name).read_bytes() == data
    assert run(archive, "validate")[0] == 0


def test_not_a_resolution_is_stored_with_a_warning_unless_strict(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(ENGLISH_PAGE, encoding="utf-8")
    code, stdout, stderr = run(tmp_path / "archive", "ingest", str(path))
    assert code == 0, stderr
    assert "warning: document: does not read as a resolution: not Russian text" in stdout
    assert len(list((tmp_path / "archive" / "structured").glob("*.yaml"))) == 1


def test_strict_refuses_before_the_models_load(tmp_path: Path) -> None:
    path = tmp_path / "shopping.txt"
    path.write_text(SHOPPING_LIST, encoding="utf-8")
    script = (
        "import sys\n"
        "from resarchive.cli import app\n"
        "try:\n"
        f"    app(['--archive', {str(tmp_path / 'a')!r}, 'ingest', '--strict', {str(path)!r}])\n"
        "except SystemExit as exc:\n"
        "    print(exc.code, 'natasha' in sys.modules, 'pymorphy3' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.splitlines()[-1].split() == ["9", "False", "False"], done.stderr
    assert "shopping.txt: does not read as a resolution" in done.stderr


def test_a_batch_stores_the_good_files_and_lists_the_bad(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = sources.write_txt(inbox / "good.txt")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "image.txt").write_bytes(PNG)
    archive = tmp_path / "archive"
    code, stdout, stderr = run(archive, "ingest", "--jobs", "1", str(inbox))
    assert code == 1, stderr  # two kinds of failure: exit 1
    assert "(written)" in stdout
    assert (archive / "raw" / "good.txt").read_bytes() == good.read_bytes()
    summary = stderr[stderr.index("2 of 3 files failed:") :].splitlines()
    assert summary[1:] == [
        f"  {inbox / 'empty.txt'}: empty file (0 bytes)",
        f"  {inbox / 'image.txt'}: binary file (NUL bytes), not text",
        "Done: 3 files; written: 1, unchanged: 0, kept as reviewed: 0, "
        "kept as edited by hand: 0, with warnings: 1, failed: 2.",
    ]
    # Failures of one kind: the exit code is that kind's.
    (inbox / "empty.txt").unlink()
    (inbox / "image2.txt").write_bytes(PNG)
    code, _, stderr = run(archive, "ingest", "--jobs", "1", str(inbox))
    assert code == errors.BinaryInputError.exit_code, stderr


def _exploding_extract(text: str, source):
    if "BOOM" in text:
        raise RuntimeError("the extractor tripped")
    return title_extract(text, source)


@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_in_extraction_fails_that_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, debug: bool
) -> None:
    import functools

    import resarchive.ingest

    # The extractor runs in a worker process, where a monkeypatch does not reach: the
    # exploding stand-in is handed to ingest itself.
    real = resarchive.ingest.ingest_sources
    monkeypatch.setattr(
        resarchive.ingest, "ingest_sources", functools.partial(real, extract=_exploding_extract)
    )
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Резолюция BOOM семинара\n", encoding="utf-8")
    (inbox / "b.txt").write_text("Резолюция семинара\n", encoding="utf-8")
    args = ["--debug"] if debug else []
    result = runner.invoke(
        app, [*args, "--archive", str(tmp_path / "ar"), "ingest", "-j", "1", str(inbox)]
    )
    assert result.exit_code == errors.ExtractionFailedError.exit_code
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert lines == [
        f"error: {inbox / 'a.txt'}: unexpected error while reading or extracting: "
        "RuntimeError: the extractor tripped (a bug: please report it; --debug shows the "
        "traceback)"
    ]
    assert ("Traceback" in result.stderr) is debug
    assert (tmp_path / "ar" / "raw" / "b.txt").exists()  # the batch went on


def test_an_unexpected_error_crosses_from_a_worker_with_its_traceback() -> None:
    import pickle

    exc = errors.ExtractionFailedError("unexpected error", "/in/a.txt", "Traceback ...")
    back = pickle.loads(pickle.dumps(exc))
    assert (back.line(), back.detail, back.exit_code) == (
        "/in/a.txt: unexpected error",
        "Traceback ...",
        15,
    )


def test_an_unwritable_archive_fails_each_file_with_code_10(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "raw").write_text("not a folder")
    path = sources.write_txt(tmp_path / "good.txt")
    code, _, stderr = run(archive, "ingest", str(path))
    assert code == errors.ArchiveError.exit_code
    # The archive is checked before the first write: one line names what is wrong.
    (line,) = stderr.splitlines()
    assert line == f"error: {archive / 'raw'}: a regular file, not a folder"


def test_file_names_with_markup_brackets_are_printed_as_is(tmp_path: Path) -> None:
    path = tmp_path / "[red]x[b].txt"
    path.write_bytes(b"")
    _, _, stderr = run(tmp_path / "archive", "ingest", str(path))
    assert stderr.splitlines() == [f"error: {path}: empty file (0 bytes)"]


@pytest.mark.parametrize(
    "text,size",
    [("5MB", 5 * 1024**2), ("200KB", 200 * 1024), ("300000", 300000), ("1.5m", 1536 * 1024)],
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "5XB", "-1", "0", "5 M B"])
def test_parse_size_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_bad_max_size_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = run(tmp_path / "a", "ingest", "--max-size", "lots", str(tmp_path))
    assert code == 2 and "5MB, 200KB or 300000" in stderr


# ------------------------------------------------------------------ ids and names


@pytest.mark.parametrize(
    "record_id", ["../x", "/etc/passwd", "a\x00b", "..", "", "x" * 121, "A", "a/b", "-a"]
)
def test_record_ids_cannot_escape(tmp_path: Path, record_id: str) -> None:
    with pytest.raises(errors.ArchiveError):
        Archive(tmp_path).record_path(record_id)


@pytest.mark.parametrize("name", ["../x.txt", "/etc/passwd", "a\x00.txt", "..", ".hidden", "a/b"])
def test_raw_names_cannot_escape(tmp_path: Path, name: str) -> None:
    with pytest.raises(errors.ArchiveError):
        Archive(tmp_path).raw_path(name)


def test_long_and_odd_source_names_stay_inside(tmp_path: Path) -> None:
    long_name = "Резолюция " * 13 + ".txt"  # 251 bytes: near the file system limit
    odd = os.fsdecode(b"\xd0\xe5\xe7\xee\xeb\xfe\xf6\xe8\xff.txt")  # a cp1251 name on disk
    assert safe_file_name(long_name).endswith(".txt")
    assert len(safe_file_name(long_name).encode()) <= 180
    paths = []
    for i, name in enumerate([long_name, odd, "...", "..txt"]):
        folder = tmp_path / "inbox" / str(i)
        folder.mkdir(parents=True)
        paths.append(folder / name)  # named explicitly: a folder walk skips dot-files
        paths[-1].write_text(f"Резолюция семинара {i}\n", encoding="utf-8")
    archive = Archive(tmp_path / "archive")
    results = list(ingest(archive, paths, extract=title_extract))
    assert all(r.ok for r in results), [r.error for r in results]
    raw = sorted(p.name for p in archive.raw.iterdir())
    assert len(raw) == 4 and all(len(n.encode()) <= 180 for n in raw)
    assert {p.parent for p in archive.raw.iterdir()} == {archive.raw}
    assert run(archive.root, "validate")[0] == 0


@pytest.mark.parametrize("name", ["rezoljucija.txt", "Резолюция " * 13 + ".txt"])
def test_same_name_in_two_folders_keeps_both(tmp_path: Path, name: str) -> None:
    for i in (1, 2):
        (tmp_path / f"in{i}").mkdir()
        (tmp_path / f"in{i}" / name).write_text(f"Резолюция семинара {i}\n", encoding="utf-8")
    archive = Archive(tmp_path / "archive")
    for i in (1, 2):  # two separate runs, as two methodists would
        (result,) = ingest(archive, [tmp_path / f"in{i}" / name], extract=title_extract)
        assert result.status == "written"
    raws = sorted(archive.raw.iterdir())
    assert len(raws) == 2
    assert {p.read_bytes() for p in raws} == {
        (tmp_path / f"in{i}" / name).read_bytes() for i in (1, 2)
    }
    records = [r for _, r in archive.records()]
    assert len({r.source.file for r in records}) == 2
    assert run(archive.root, "validate")[0] == 0


def test_the_same_file_twice_gives_one_record(tmp_path: Path) -> None:
    path = sources.write_txt(tmp_path / "a.txt")
    (tmp_path / "copy").mkdir()
    copy = tmp_path / "copy" / "renamed.txt"
    copy.write_bytes(path.read_bytes())
    archive = Archive(tmp_path / "archive")
    statuses = [r.status for r in ingest(archive, [path, path, copy], extract=title_extract)]
    assert statuses == ["written", "unchanged", "unchanged"]
    assert len(archive.record_files()) == 1 and len(list(archive.raw.iterdir())) == 1


# ------------------------------------------------------------------ atomic writes


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "rec.yaml"
    atomic_write(path, b"old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["rec.yaml"]  # no temporary file left behind


def test_written_files_get_normal_permissions(tmp_path: Path) -> None:
    path = tmp_path / "rec.yaml"
    atomic_write(path, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


def test_leftover_temp_files_are_ignored_and_swept(copy_archive: Path) -> None:
    structured, raw = copy_archive / "structured", copy_archive / "raw"
    stale = [
        structured / ".2021-x.yaml.abcd1234.tmp",
        raw / ".seed.txt.abcd1234.tmp",
    ]
    for path in stale:
        path.write_bytes(b"id: 2021-x\nsource: {fi")  # a truncated write
        os.utime(path, (1, 1))
    fresh = structured / ".new.yaml.efgh5678.tmp"  # a write in progress elsewhere
    fresh.write_bytes(b"id: ne")
    assert run(copy_archive, "validate")[0] == 0
    code, stdout, _ = run(copy_archive, "query", "--format", "json")
    assert code == 0 and stdout.count('"id"') == 3
    list(ingest(Archive(copy_archive), [SEEDS[0]], extract=title_extract))
    assert not any(p.exists() for p in stale)
    assert fresh.exists()


# ------------------------------------------------------------------ hand edits


def _record_file(archive: Path, seed: Path) -> Path:
    for path, record in Archive(archive).records():
        if record.source.file == seed.name:
            return path
    raise AssertionError(seed)


def test_a_reviewed_record_is_kept_unless_forced(copy_archive: Path) -> None:
    seed = SEEDS[0]
    path = _record_file(copy_archive, seed)
    edited = path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true")
    edited = edited.replace("\n  title: ", "\n  title: Проверено вручную. ", 1)
    path.write_text(edited, encoding="utf-8")
    code, stdout, stderr = run(copy_archive, "ingest", str(seed))
    assert code == 0, stderr
    assert "(kept)" in stdout and "kept: the record is reviewed; --force overwrites it" in stdout
    assert path.read_text(encoding="utf-8") == edited
    code, stdout, _ = run(copy_archive, "ingest", "--force", str(seed))
    assert code == 0 and "(written)" in stdout
    assert "Проверено вручную" not in path.read_text(encoding="utf-8")


def _break(archive: Path, seed: Path, old: str, new: str) -> tuple[Path, int]:
    path = _record_file(archive, seed)
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path, text[: text.index(new)].count("\n") + 1


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("\n  type: ", "\n  type: [unclosed\n  x: ", "a bracket [ or { is never closed"),
        ("\n  type: ", "\n  type: banquet\n  wrong: ", "event.type: «banquet» is not one of"),
        (
            "\nrecommendations:",
            "\nrecomendations:",
            "recomendations: unknown field «recomendations»; did you mean «recommendations»?",
        ),
    ],
    ids=["syntax", "schema-value", "schema-key"],
)
def test_a_broken_record_is_reported_with_file_and_line(
    copy_archive: Path, old: str, new: str, message: str
) -> None:
    path, line = _break(copy_archive, SEEDS[1], old, new)
    code, _, stderr = run(copy_archive, "validate")
    assert code == 1
    problem = next(p for p in stderr.splitlines() if str(path) in p)
    assert message in problem
    where = problem.split(": ", 1)[0]  # FILE:LINE:COLUMN
    assert where.startswith(f"{path}:"), problem
    assert abs(int(where.rsplit(":", 2)[1]) - line) <= 2, (problem, line)
    # query still answers from the other two records and names the broken one.
    code, stdout, stderr = run(copy_archive, "query", "--format", "json")
    assert code == 0
    assert stdout.count('"sha256"') == 2
    assert f"skipped: {path}:" in stderr


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        "!!python/name:os.system",
    ],
    ids=["apply", "new", "name"],
)
def test_python_tags_are_rejected_never_run(copy_archive: Path, payload: str) -> None:
    marker = copy_archive.parent / "pwned"
    path = _record_file(copy_archive, SEEDS[2])
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("\n  title: ", "\n  title: " + payload.format(marker=marker) + "\n  x: ", 1),
        encoding="utf-8",
    )
    code, _, stderr = run(copy_archive, "validate")
    assert code == 1 and str(path) in stderr
    code, stdout, stderr = run(copy_archive, "query", "--format", "json")
    assert code == 0 and stdout.count('"sha256"') == 2
    assert f"skipped: {path}" in stderr
    assert run(copy_archive, "show", path.stem)[0] == errors.ArchiveError.exit_code
    assert not marker.exists()
