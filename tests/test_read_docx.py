"""The .docx reader: what secretaries save beyond plain paragraphs, and hostile numbering.

Every document is built here with python-docx, its body written as raw WordprocessingML.
"""

from __future__ import annotations

import io

import pytest

from resarchive.errors import TooLargeError
from resarchive.read.docx import MAX_PARAGRAPHS, docx_text

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def docx_with(body: str, *, numbering: str | None = None, styles: str = "") -> bytes:
    """A python-docx document whose body is `body` (WordprocessingML elements)."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    element = document.element.body
    for child in list(element):
        if not child.tag.endswith("sectPr"):
            element.remove(child)
    for child in parse_xml(f"<w:body {NS}>{body}</w:body>"):
        element.insert(len(element) - 1, child)
    if styles:
        root = document.styles.element
        for style in parse_xml(f"<w:styles {NS}>{styles}</w:styles>"):
            root.append(style)
    if numbering is not None:
        part = document.part.numbering_part
        part._element = parse_xml(f"<w:numbering {NS}>{numbering}</w:numbering>")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def lines(data: bytes) -> list[str]:
    return [line for line in docx_text(data).splitlines() if line]


def test_text_box_reads_after_its_anchor() -> None:
    box = (
        "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        + p("г. Тамбов, 14 марта 2023 г.")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    assert lines(docx_with(p("РЕЗОЛЮЦИЯ") + box + p("Участники"))) == [
        "РЕЗОЛЮЦИЯ",
        "г. Тамбов, 14 марта 2023 г.",
        "Участники",
    ]


def test_alternate_content_text_box_is_read_once() -> None:
    inner = "<w:txbxContent>" + p("14 марта 2023 г.") + "</w:txbxContent>"
    box = (
        "<w:p><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing>{inner}</w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{inner}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    assert lines(docx_with(box)) == ["14 марта 2023 г."]


def test_tracked_insertions_are_kept_and_deletions_dropped() -> None:
    body = (
        "<w:p>" + r("г. Тамбов, 1")
        + '<w:del w:id="1" w:author="A"><w:r><w:delText>2 марта</w:delText></w:r></w:del>'
        + '<w:ins w:id="2" w:author="A">' + r("4 марта") + "</w:ins>"
        + r(" 2023 г.") + "</w:p>"
        + "<w:p>" + r("выступила ") + '<w:ins w:id="3" w:author="A">'
        + r("Дроздова Анна Сергеевна, ") + "</w:ins>" + r("заведующая") + "</w:p>"
        + '<w:p><w:moveFrom w:id="4" w:author="A">' + r("старое место") + "</w:moveFrom>"
        + '<w:moveTo w:id="5" w:author="A">' + r("новое место") + "</w:moveTo></w:p>"
    )  # fmt: skip
    assert lines(docx_with(body)) == [
        "г. Тамбов, 14 марта 2023 г.",
        "выступила Дроздова Анна Сергеевна, заведующая",
        "новое место",
    ]


def test_fields_keep_their_cached_result_not_their_code() -> None:
    body = (
        "<w:p>" + r("Дата: ")
        + '<w:fldSimple w:instr=" DATE \\@ &quot;d MMMM yyyy&quot; ">' + r("14 марта 2023")
        + "</w:fldSimple></w:p>"
        + "<w:p>" + r("Страница ")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )  # fmt: skip
    assert lines(docx_with(body)) == ["Дата: 14 марта 2023", "Страница 3"]


def test_content_controls_block_and_inline() -> None:
    body = (
        '<w:sdt><w:sdtPr><w:alias w:val="Дата"/></w:sdtPr><w:sdtContent>'
        + p("г. Тамбов, 14 марта 2023 г.") + "</w:sdtContent></w:sdt>"
        + "<w:p>" + r("выступила ")
        + "<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>" + r("Дроздова Анна Сергеевна")
        + "</w:sdtContent></w:sdt>" + r(", заведующая") + "</w:p>"
    )  # fmt: skip
    assert lines(docx_with(body)) == [
        "г. Тамбов, 14 марта 2023 г.",
        "выступила Дроздова Анна Сергеевна, заведующая",
    ]


def test_hyperlink_text_is_kept() -> None:
    body = (
        "<w:p>" + r("Организатор: ") + "<w:hyperlink w:anchor=\"x\">"
        + r("Тамбовская областная детская библиотека") + "</w:hyperlink>" + r(".") + "</w:p>"
    )  # fmt: skip
    assert lines(docx_with(body)) == ["Организатор: Тамбовская областная детская библиотека."]


def test_footnotes_and_endnotes_follow_the_body_headers_are_left_out() -> None:
    import docx

    document = docx.Document(io.BytesIO(docx_with(p("Тело резолюции."))))
    document.sections[0].header.paragraphs[0].text = "Колонтитул на каждой странице"
    buffer = io.BytesIO()
    document.save(buffer)
    data = _with_notes(buffer.getvalue())
    assert lines(data) == ["Тело резолюции.", "Сноска: текст сноски.", "Концевая сноска."]


def _with_notes(data: bytes) -> bytes:
    """Add footnotes.xml and endnotes.xml parts (python-docx cannot write them)."""
    import zipfile

    notes = {
        "footnotes": ("footnote", "Сноска: текст сноски."),
        "endnotes": ("endnote", "Концевая сноска."),
    }
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                extra = "".join(
                    f'<Relationship Id="rIdN{kind}" Target="{kind}.xml" Type="http://schemas.'
                    f'openxmlformats.org/officeDocument/2006/relationships/{kind}"/>'
                    for kind in notes
                )
                content = content.replace(b"</Relationships>", extra.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                extra = "".join(
                    f'<Override PartName="/word/{kind}.xml" ContentType="application/vnd.'
                    f'openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>'
                    for kind in notes
                )
                content = content.replace(b"</Types>", extra.encode() + b"</Types>")
            target.writestr(item, content)
        for kind, (tag, text) in notes.items():
            xml = (
                f"<w:{kind} {NS}>"
                f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                f'</w:{tag}><w:{tag} w:id="1">{p(text)}</w:{tag}></w:{kind}>'
            )
            target.writestr(f"word/{kind}.xml", xml.encode())
    return out.getvalue()


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
    '<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)


def numbered(text: str, ilvl: str = "0") -> str:
    return (
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        f"{r(text)}</w:p>"
    )


@pytest.mark.parametrize(
    ("ilvl", "start", "fmt", "expected"),
    [
        ("0", "1", "decimal", ["1. Один", "2. Два"]),
        ("0", "1", "russianLower", ["а. Один", "б. Два"]),
        ("0", "1000000000", "decimal", ["32767. Один", "32768. Два"]),  # Word's largest start
        ("0", "1000000000", "russianLower", ["32767. Один", "32768. Два"]),  # no letter runs
        ("0", "abc", "decimal", ["1. Один", "2. Два"]),
        ("100000000", "1", "decimal", ["Один", "Два"]),  # no such level in Word
    ],
)
def test_hostile_numbering_is_bounded(ilvl: str, start: str, fmt: str, expected) -> None:
    numbering = NUMBERING.format(ilvl=ilvl, start=start, fmt=fmt)
    body = numbered("Один", ilvl) + numbered("Два", ilvl)
    assert lines(docx_with(body, numbering=numbering)) == expected


def test_long_lists_keep_counting() -> None:
    numbering = NUMBERING.format(ilvl="0", start="1", fmt="decimal")
    body = "".join(numbered(f"Пункт {i}") for i in range(1, 1203))
    got = lines(docx_with(body, numbering=numbering))
    assert got[-1] == "1202. Пункт 1202" and len(got) == 1202


def test_a_style_based_on_itself_ends() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/>'
        '<w:basedOn w:val="Loop"/></w:style>'
    )
    body = '<w:p><w:pPr><w:pStyle w:val="Loop"/></w:pPr>' + r("Резолюция") + "</w:p>"
    numbering = NUMBERING.format(ilvl="0", start="1", fmt="decimal")
    assert lines(docx_with(body, styles=styles, numbering=numbering)) == ["Резолюция"]


def test_a_huge_grid_span_is_one_cell() -> None:
    body = (
        "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"100000000\"/></w:tcPr>"
        + p("Секция") + "</w:tc><w:tc>" + p("24") + "</w:tc></w:tr>"
        + "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>" + p("") + "</w:tc><w:tc>" + p("25")
        + "</w:tc></w:tr></w:tbl>"
    )  # fmt: skip
    assert lines(docx_with(body)) == ["Секция | 24", "| 25"]


def test_too_many_paragraphs_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_PARAGRAPHS == 50_000
    monkeypatch.setattr("resarchive.read.docx.MAX_PARAGRAPHS", 100)  # a quicker build
    assert len(lines(docx_with(p("x") * 100))) == 100
    with pytest.raises(TooLargeError, match="holds 101 paragraphs, over the 100 limit"):
        docx_text(docx_with(p("x") * 101))
