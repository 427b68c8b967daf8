"""Property-based tests: readers and the extractor never crash, and spans stay in the text.

Whatever bytes a conference secretary saved, reading them either gives text or raises an
InputError subclass (a one-line message and an exit code), never anything else; the
cleaner and the extractor take any text; every offset they return points into it.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from resarchive.archive import safe_file_name
from resarchive.clean import clean
from resarchive.errors import InputError
from resarchive.read import detect_format, extract_text, read_source, text_of
from resarchive.read.decode import decode

from .conftest import SEEDS
from .helpers import zip_bytes
from .test_formats import needs_extraction

# Heads that send bytes down each reader's path: BOMs, PDF, zip/.docx, RTF, OLE2.
HEADS = [
    b"",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"{\\rtf1\\ansi\\ansicpg1251 ",
    b"{\\rtf1 \\u1056?\\'c0",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
]


russian = st.text(
    alphabet=st.sampled_from("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЕКМНОПРСТ .,-\n\r\t«»1"),
    max_size=200,
)
source_bytes = st.one_of(
    st.binary(max_size=600),
    st.tuples(st.sampled_from(HEADS), st.binary(max_size=400)).map(b"".join),
    # Text in each supported encoding, sometimes cut mid-character.
    st.tuples(
        russian, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]), st.integers(0, 3)
    ).map(lambda t: t[0].encode(t[1])[: len(t[0].encode(t[1])) - t[2]]),
    # A zip that looks like a .docx, with garbage for its body.
    st.binary(max_size=200).map(lambda b: zip_bytes({"word/document.xml": b})),
)

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(source_bytes)
def test_decode_raises_only_input_errors(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except InputError:
        return
    assert text.strip()
    assert text_of(data, encoding, "txt") == text  # what is re-derived from the raw copy


@FAST
@given(source_bytes, st.sampled_from(["a.txt", "a.md", "a.docx", "a.pdf", "", "a.rtf"]))
def test_formats_raise_only_input_errors(data: bytes, name: str) -> None:
    try:
        fmt = detect_format(data, name)
        text, _ = extract_text(data, fmt, name)
    except InputError:
        return
    assert isinstance(text, str) and text.strip()


@settings(max_examples=100, deadline=None)
@given(source_bytes, st.integers(1, 700))
def test_reader_raises_only_input_errors(data: bytes, max_size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "source.txt"
        path.write_bytes(data)
        try:
            doc = read_source(path, max_size)
        except InputError as exc:
            assert exc.path == str(path)  # every message names the file
            return
        assert doc.data == data and len(data) <= max_size


texts = st.one_of(
    st.text(max_size=300),
    # Debris the cleaner handles: hyphenated breaks, bold, bullets, page breaks, CRLF.
    st.lists(
        st.one_of(
            st.sampled_from(
                ["ве-\nдущих", "**", "\n\n", "\r\n", "- ", "1. ", "а) ", "•", "\f", "\u00ad", " "]
            ),
            st.sampled_from(["Резолюция", "участники", "библиотек", "г. Тверь", "2021 г."]),
            st.text(max_size=8),
        ),
        max_size=40,
    ).map("".join),
)


@FAST
@given(texts)
def test_clean_maps_every_char_back_to_the_source(source: str) -> None:
    cleaned = clean(source)
    assert len(cleaned.offsets) == len(cleaned.text)
    for i, ch in enumerate(cleaned.text):
        assert 0 <= cleaned.offsets[i] < len(source)
        if not ch.isspace():  # straight quotes that pair up read as «» (clean's docstring)
            written = source[cleaned.offsets[i]]
            assert written == ch or (written == '"' and ch in "«»"), (i, ch)
    for start in range(len(cleaned.text) + 1):
        for end in (start, min(start + 3, len(cleaned.text)), len(cleaned.text)):
            s, e = cleaned.source_span(start, end)
            assert 0 <= s <= e <= len(source)


@FAST
@given(texts)
def test_clean_with_a_dictionary_never_raises(source: str) -> None:
    cleaned = clean(source, is_word=lambda w: len(w) % 2 == 0)
    assert len(cleaned.offsets) == len(cleaned.text)


@FAST
@given(st.text(min_size=0, max_size=400))
def test_safe_file_name_stays_in_its_folder(name: str) -> None:
    safe = safe_file_name(name)
    assert safe and len(safe.encode("utf-8")) <= 180
    assert not safe.startswith(".") and "/" not in safe and "\\" not in safe
    assert "\x00" not in safe and safe not in (".", "..")
    root = Path("/archive/raw")
    assert (root / safe).parent == root and Path(safe).name == safe
    assert safe_file_name(safe) == safe  # stable: `raw_path` accepts what it gives


# Lines of the real seeds, whole or cut, shuffled among junk: the genre's own words in
# orders no document has. This found a crash on a text ending in a bare legal form.
SEED_LINES = [line for path in SEEDS for line in path.read_text(encoding="utf-8").splitlines()]
seedish = st.lists(
    st.one_of(
        st.sampled_from(SEED_LINES),
        st.sampled_from(SEED_LINES).map(lambda line: line[: len(line) // 2]),
        st.text(max_size=5),
    ),
    max_size=25,
).map("\n".join)


@needs_extraction
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(texts, seedish))
@example(" Рабочая группа \nМуниципальное бюджетное учреждение культуры")
def test_extractor_never_raises_and_spans_lie_in_the_text(text: str) -> None:
    from resarchive.extract import extract_record
    from resarchive.record.models import Record, Source
    from resarchive.record.parse import parse_record
    from resarchive.record.yamlio import render_record

    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    record = extract_record(text, Source(file="x.txt", sha256=sha, encoding="utf-8"))
    for field, (start, end) in record.spans():
        assert 0 <= start <= end <= len(text), (field, start, end, len(text))
    # The record survives its own YAML: what ingest writes, validate reads back.
    back = parse_record(Path("x.yaml"), render_record(record))
    assert isinstance(back, Record), back
    assert back == record


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/etc/passwd", "a\x00b.txt", "...", "..", ".", "", "..\\..\\x.txt"],
)
def test_safe_file_name_examples(name: str) -> None:
    safe = safe_file_name(name)
    assert safe in {"passwd", "a_b.txt", "document", "x.txt"}


# Each reader on any bytes, whatever the sniffer says: a tampered record may name any
# format for any raw file (`source.format: docx` on a .txt), and validate reads it so.
READERS = ["docx", "odt", "pdf", "rtf", "txt", "md"]
odt_like = st.binary(max_size=200).map(
    lambda b: zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b})
)


@FAST
@given(st.one_of(source_bytes, odt_like), st.sampled_from(READERS))
def test_every_reader_on_any_bytes_raises_only_input_errors(data: bytes, fmt: str) -> None:
    try:
        text = text_of(data, "utf-8", fmt)
    except InputError:
        return
    except (UnicodeDecodeError, ValueError):  # plain text in the wrong encoding
        assert fmt in ("txt", "md")
        return
    assert isinstance(text, str)


VALID_RECORD = (Path(__file__).resolve().parent.parent / "data" / "structured").glob("*.yaml")
RECORD_TEXT = sorted(VALID_RECORD)[0].read_text("utf-8")
YAML_BITS = [
    *["\n", ": ", "- ", "  ", "&a ", "*a", "!!python/name:os.system ", "'", '"', "#", "?"],
    *["[", "]", "{", "}", "2021-02-30", "9" * 30, "\t", "---\n", "\x1b", "<<: "],
]
record_texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.tuples(st.integers(0, len(RECORD_TEXT)), st.sampled_from(YAML_BITS)),
             max_size=6).map(
        lambda edits: _mangle(RECORD_TEXT, edits)
    ),
)  # fmt: skip


def _mangle(text: str, edits: list[tuple[int, str]]) -> str:
    for position, bit in edits:
        text = text[:position] + bit + text[position:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_texts)
def test_any_record_text_is_a_record_or_problems_never_an_exception(text: str) -> None:
    """What a hand edit (or an attacker) leaves in a record file: read as data, bounded,
    each problem placed on a line of the file."""
    from resarchive.record.models import Record
    from resarchive.record.parse import read_record

    found = read_record(Path("x.yaml"), text)
    if isinstance(found, Record):
        return
    assert found and all(p.message for p in found)
    lines = text.count("\n") + 1
    for problem in found:
        assert problem.line is None or 1 <= problem.line <= lines + 1, (problem, lines)
        assert "Traceback" not in problem.message and "Input should" not in problem.message
