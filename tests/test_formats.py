"""Formats: detection by content, text extraction, and the same record whatever the format."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resarchive.clean import clean
from resarchive.errors import (
    BinaryInputError,
    CorruptDocumentError,
    NoTextLayerError,
    NotFoundError,
)
from resarchive.read import detect_format, read_source, text_of
from resarchive.read.docx import docx_text

from . import sources
from .helpers import zip_bytes
from .sources import FONT, RECOMMENDATIONS

needs_font = pytest.mark.skipif(
    not FONT.exists(),
    reason=f"no Cyrillic font at {FONT} to build test PDFs (apt-get install fonts-dejavu-core)",
)


def _extraction_available() -> bool:
    try:
        import resarchive.extract  # noqa: F401
    except ImportError:
        return False
    return True


needs_extraction = pytest.mark.skipif(
    not _extraction_available(), reason="resarchive.extract does not import yet (being written)"
)
# .ci/run installs these (Debian's libreoffice-writer-nogui, tesseract-ocr, tesseract-ocr-rus).
needs_soffice = pytest.mark.skipif(
    sources.soffice() is None,
    reason="no LibreOffice to write a .doc (apt-get install libreoffice-writer-nogui)",
)


def _tesseract_with_russian() -> bool:
    from resarchive.errors import MissingToolError
    from resarchive.read.ocr import tesseract

    try:
        tesseract()
    except MissingToolError:
        return False
    return True


needs_tesseract = pytest.mark.skipif(
    not _tesseract_with_russian(),
    reason="no Tesseract with Russian (apt-get install tesseract-ocr tesseract-ocr-rus)",
)
WRITERS = {
    "docx": sources.write_docx,
    "doc": sources.write_doc,
    "odt": sources.write_odt,
    "rtf": sources.write_rtf,
    "pdf": sources.write_pdf,
}
FORMAT_CASES = [
    pytest.param(
        fmt, marks=[needs_soffice] if fmt == "doc" else [needs_font] if fmt == "pdf" else []
    )
    for fmt in WRITERS
]


@pytest.fixture
def txt(tmp_path: Path) -> Path:
    return sources.write_txt(tmp_path / "rezoljucija.txt")


@pytest.mark.parametrize("fmt", FORMAT_CASES)
def test_each_format_reads_as_the_text_version(fmt: str, tmp_path: Path, txt: Path) -> None:
    path = WRITERS[fmt](tmp_path / f"rezoljucija.{fmt}")
    doc = read_source(path)
    assert (doc.format, doc.encoding) == (fmt, "utf-8")
    assert doc.data == path.read_bytes()
    # What extraction reads is the same; the source texts differ only in line breaks.
    assert clean(doc.text).text == clean(read_source(txt).text).text
    # The raw bytes give the same text again: spans stay checkable from raw/.
    assert text_of(doc.data, doc.encoding, doc.format) == doc.text


def test_docx_renders_word_numbering_and_tables(tmp_path: Path) -> None:
    auto = docx_text(sources.write_docx(tmp_path / "a.docx", table=True).read_bytes())
    typed = docx_text(sources.write_docx(tmp_path / "b.docx", auto_numbering=False).read_bytes())
    for i, text in enumerate(RECOMMENDATIONS, 1):
        assert f"\n{i}. {text}\n" in auto
    assert typed in auto  # the typed-in numbers read the same as Word's own
    # Each paragraph and table row on its own line, a blank line between them.
    assert auto.endswith("\n\nСекция | Участники\n\nКраеведение | 24\n\nПринято единогласно.\n")


def test_format_is_recognized_by_content_not_name(tmp_path: Path) -> None:
    pdf_named_txt = tmp_path / "really-a-pdf.txt"
    docx_named_pdf = tmp_path / "really-a-docx.pdf"
    rtf_named_md = tmp_path / "really-rtf.md"
    if FONT.exists():
        pdf_named_txt.write_bytes(sources.write_pdf(tmp_path / "x.pdf").read_bytes())
        assert read_source(pdf_named_txt).format == "pdf"
    docx_named_pdf.write_bytes(sources.write_docx(tmp_path / "x.docx").read_bytes())
    rtf_named_md.write_bytes(sources.write_rtf(tmp_path / "x.rtf").read_bytes())
    assert read_source(docx_named_pdf).format == "docx"
    assert read_source(rtf_named_md).format == "rtf"
    # The extension only tells the plain-text formats apart.
    assert detect_format("# Резолюция".encode(), "a.md") == "md"
    assert detect_format("Резолюция".encode(), "a.docx") == "txt"


@needs_font
def test_scanned_pdf_asks_for_ocr(tmp_path: Path) -> None:
    path = sources.write_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(NoTextLayerError, match="OCR it first") as caught:
        read_source(path)
    assert caught.value.path == str(path)


@pytest.mark.parametrize(
    ("name", "data", "error", "message"),
    [
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 40, CorruptDocumentError, "damaged zip"),
        ("cut.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", CorruptDocumentError, "PDF"),
        ("sheet.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, BinaryInputError, "OLE2"),
    ],
)
def test_corrupt_documents_name_the_file(
    tmp_path: Path, name: str, data: bytes, error: type, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(error, match=message) as caught:
        read_source(path)
    assert caught.value.path == str(path)


def test_docx_with_a_broken_body_and_a_plain_zip(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(zip_bytes({"word/document.xml": b"<not xml"}))
    with pytest.raises(CorruptDocumentError, match="cannot read the .docx"):
        read_source(broken)
    plain = tmp_path / "photos.docx"
    plain.write_bytes(zip_bytes({"photo.jpg": b"\xff\xd8\xff"}))
    with pytest.raises(BinaryInputError, match="not a Word"):
        read_source(plain)


def test_errors_survive_pickling_with_their_path() -> None:
    # Worker processes send errors back to the parent by pickle.
    exc = pickle.loads(pickle.dumps(NoTextLayerError("no text layer", "/tmp/a.pdf")))
    assert (type(exc), str(exc), exc.path, exc.exit_code) == (
        NoTextLayerError,
        "no text layer",
        "/tmp/a.pdf",
        12,
    )
    assert pickle.loads(pickle.dumps(NotFoundError("gone"))).path is None


def test_cli_reports_a_scan_with_its_exit_code(tmp_path: Path) -> None:
    if not FONT.exists():
        pytest.skip(f"no Cyrillic font at {FONT}")
    from resarchive.cli import app

    scan = sources.write_scanned_pdf(tmp_path / "scan.pdf")
    result = CliRunner().invoke(app, ["--archive", str(tmp_path / "a"), "ingest", str(scan)])
    assert result.exit_code == NoTextLayerError.exit_code
    assert "scan.pdf: no text layer in the PDF" in result.stderr
    assert "OCR it first" in result.stderr


# ------------------------------------------------------------ whole records


def _fields(record) -> dict:
    """What must not depend on the format: everything but spans and the source."""
    data = record.model_dump(mode="json", exclude={"source", "id"})

    def drop_spans(value):
        if isinstance(value, dict):
            return {k: drop_spans(v) for k, v in value.items() if k != "span"}
        if isinstance(value, list):
            return [drop_spans(v) for v in value]
        return value

    return drop_spans(data)


@needs_extraction
@pytest.mark.parametrize("fmt", FORMAT_CASES)
def test_same_record_whatever_the_format(fmt: str, tmp_path: Path, txt: Path) -> None:
    from resarchive.archive import Archive
    from resarchive.ingest import ingest

    other = WRITERS[fmt](tmp_path / f"rezoljucija.{fmt}")
    archive = Archive(tmp_path / "archive")
    (from_txt,) = list(ingest(archive, [txt]))
    (from_other,) = list(ingest(archive, [other]))
    assert from_txt.ok and from_other.ok, (from_txt.error, from_other.error)
    assert from_other.record.source.format == fmt
    expected = _fields(from_txt.record)
    got = _fields(from_other.record)
    for field in ("event", "organizations", "persons", "recommendations", "document"):
        assert got[field] == expected[field], field
    assert len(got["recommendations"]) == len(RECOMMENDATIONS)
    # Spans point into the extracted text, which `resarchive text ID` prints.
    from resarchive.cli import app

    result = CliRunner().invoke(app, ["--archive", str(archive.root), "text", from_other.record.id])
    assert result.exit_code == 0, result.stderr
    shown = result.stdout
    assert shown == read_source(other).text
    for rec in from_other.record.recommendations:
        start, end = rec.span
        assert " ".join(shown[start:end].split()).endswith(rec.text.split()[-1])


def _similar(a: str, b: str) -> float:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, " ".join(a.split()), " ".join(b.split())).ratio()


@needs_extraction
@needs_font
@needs_tesseract
def test_a_scan_read_by_ocr_gives_the_same_event_and_recommendations(
    tmp_path: Path, txt: Path
) -> None:
    from resarchive.archive import Archive
    from resarchive.ingest import ingest
    from resarchive.read.ocr import WARNING

    scan = sources.write_scan(tmp_path / "scan.pdf")
    archive = Archive(tmp_path / "archive")
    (from_txt,) = list(ingest(archive, [txt]))
    (from_scan,) = list(ingest(archive, [scan], ocr=True))
    assert from_scan.ok, from_scan.error
    record, expected = from_scan.record, from_txt.record
    assert record.source.format == "pdf-ocr"
    assert record.warnings[0] == WARNING  # spans point into recognized text
    event, want = record.event, expected.event
    assert (event.start, event.end, event.place) == (want.start, want.end, want.place)
    texts = [r.text for r in expected.recommendations]
    got = [r.text for r in record.recommendations]
    matched = sum(any(_similar(t, g) >= 0.9 for g in got) for t in texts)
    assert matched >= 0.9 * len(texts), (texts, got)
    # The raw copy gives the same recognized text again.
    assert archive.source_text(record) == read_source(scan, ocr=True).text


@needs_font
def test_without_tesseract_a_scan_names_the_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resarchive.errors import MissingToolError

    monkeypatch.setattr("resarchive.read.ocr.shutil.which", lambda name: None)
    scan = sources.write_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(MissingToolError, match="apt-get install tesseract-ocr tesseract-ocr-rus"):
        read_source(scan, ocr=True)


def test_without_a_converter_a_doc_names_the_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resarchive.errors import MissingToolError

    monkeypatch.setattr("resarchive.read.doc.shutil.which", lambda name: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    with pytest.raises(MissingToolError, match="libreoffice-writer-nogui.*antiword") as caught:
        read_source(path)
    assert caught.value.path == str(path) and caught.value.exit_code == 17


@needs_soffice
def test_antiword_reads_the_cyrillic_of_a_doc(tmp_path: Path) -> None:
    import shutil

    if not shutil.which("antiword"):
        pytest.skip("no antiword (apt-get install antiword)")
    from resarchive.read.doc import doc_text

    doc = sources.write_doc(tmp_path / "r.doc")
    text = doc_text(doc.read_bytes(), doc, converter="doc-antiword")
    # antiword leaves Word's automatic list numbers out; the words come through.
    for paragraph in [sources.TITLE, *sources.INTRO, *RECOMMENDATIONS]:
        assert paragraph in text
