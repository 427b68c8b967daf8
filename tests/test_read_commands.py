"""Read commands never re-extract sources: only `validate` hashes and decodes raw files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import resarchive.archive
import resarchive.read
from resarchive.archive import Archive
from resarchive.cli import app
from resarchive.read import extract_text

from . import sources
from .archive_factory import make_record, sample_archive

runner = CliRunner()


def docx_archive(root: Path) -> Path:
    """The sample archive plus a record made from a .docx, its raw copy in raw/."""
    sample_archive(root)
    data = sources.write_docx(root / "source.docx").read_bytes()
    (root / "source.docx").unlink()
    record, _, _ = make_record(
        "2023-03-14-docx", start="2023-03-14", orgs=["Вологодская областная библиотека"],
        recs=[("Муниципальным библиотекам", "Развивать партнёрство с музеями.")],
        raw_name="source.docx", raw_text="",
    )  # fmt: skip
    record.source.format = "docx"
    import hashlib

    record.source.sha256 = hashlib.sha256(data).hexdigest()
    (root / "raw" / "source.docx").write_bytes(data)
    Archive(root).write_record(record)
    return root


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every call of the format readers and of the raw-file hash, by name."""
    seen: list[str] = []

    def counting_extract(data: bytes, fmt: str, name: object = "<bytes>") -> tuple[str, str]:
        seen.append(f"extract_text {fmt}")
        return extract_text(data, fmt, name)

    real_sha = resarchive.archive.sha256_bytes

    def counting_sha(data: bytes) -> str:
        seen.append("sha256")
        return real_sha(data)

    monkeypatch.setattr(resarchive.read, "extract_text", counting_extract)
    monkeypatch.setattr(resarchive.archive, "sha256_bytes", counting_sha)
    return seen


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--archive", str(root), *args])
    return result.exit_code, result.stdout


def test_read_commands_never_read_sources(tmp_path: Path, calls: list[str]) -> None:
    root = docx_archive(tmp_path / "archive")
    code, stdout = cli(root, "query", "--org", "Вологодской областной библиотеки")
    assert code == 0 and "2023-03-14-docx" in stdout
    for fmt in ("json", "yaml", "csv"):
        code, stdout = cli(root, "query", "--text", "партнёрство", "--format", fmt)
        assert code == 0 and "2023-03-14-docx" in stdout
    code, stdout = cli(root, "query", "--addressee", "муниципальные", "--rows", "recommendations")
    assert code == 0 and "музеями" in stdout
    assert cli(root, "stats")[0] == 0
    code, stdout = cli(root, "export", "--format", "jsonl")
    assert code == 0 and len(stdout.splitlines()) == 5
    code, stdout = cli(root, "show", "2023-03-14-docx")
    assert code == 0 and "source.docx" in stdout
    assert calls == []
    # validate is the one command that checks raw files and spans
    assert cli(root, "validate")[0] == 0
    assert "extract_text docx" in calls and "sha256" in calls


def test_records_a_query_parsed_are_checked_by_the_next_validate(
    tmp_path: Path, calls: list[str]
) -> None:
    root = docx_archive(tmp_path / "archive")
    assert cli(root, "validate")[0] == 0
    path = root / "structured" / "2023-03-14-docx.yaml"
    path.write_text(path.read_text("utf-8").replace("span: [10, 40]", "span: [10, 99999]"), "utf-8")
    calls.clear()
    code, stdout = cli(root, "query", "--org", "Вологодская", "--format", "json")
    assert code == 0 and json.loads(stdout)[0]["recommendations"][0]["span"] == [10, 99999]
    assert calls == []  # the query re-read the edited record, but did not check it
    result = runner.invoke(app, ["--archive", str(root), "validate"])
    assert result.exit_code == 1 and "[10, 99999] is outside the text" in result.stderr
    assert calls.count("extract_text docx") == 1  # the one changed record, nothing else
