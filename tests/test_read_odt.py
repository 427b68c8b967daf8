"""The .odt reader: list numbers from list styles, tables, text boxes, notes, tracked
changes. Every document is built here with odfdo."""

from __future__ import annotations

import io

from resarchive.read.odt import odt_text

LIST_STYLE = (
    '<text:list-style style:name="L1">'
    '<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>'
    '<text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="а"/>'
    '<text:list-level-style-number text:level="3" style:num-suffix="." style:num-format="1" '
    'text:display-levels="3"/></text:list-style>'
)


def odt_with(*elements: str) -> bytes:
    """An odfdo text document whose body holds `elements` (ODF XML)."""
    from odfdo import Document, Element

    document = Document("text")
    document.body.clear()
    document.insert_style(Element.from_tag(LIST_STYLE), automatic=True)
    for xml in elements:
        document.body.append(Element.from_tag(xml))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def lines(data: bytes) -> list[str]:
    return [line for line in odt_text(data).splitlines() if line]


def items(*texts: str, attrs: str = "") -> str:
    inner = "".join(f"<text:list-item><text:p>{t}</text:p></text:list-item>" for t in texts)
    return f'<text:list text:style-name="L1"{attrs}>{inner}</text:list>'


def test_lists_have_their_numbers_and_levels() -> None:
    nested = (
        '<text:list text:style-name="L1"><text:list-item><text:p>Первый.</text:p>'
        "<text:list><text:list-item><text:p>вложенный</text:p>"
        "<text:list><text:list-item><text:p>глубже</text:p></text:list-item></text:list>"
        "</text:list-item><text:list-item><text:p>второй вложенный</text:p></text:list-item>"
        "</text:list></text:list-item>"
        "<text:list-item><text:p>Второй.</text:p></text:list-item></text:list>"
    )
    assert lines(odt_with("<text:p>Рекомендовать:</text:p>", nested)) == [
        "Рекомендовать:",
        "1. Первый.",
        "а) вложенный",
        "1.а.1. глубже",  # each level in its own format, as Writer shows it
        "б) второй вложенный",
        "2. Второй.",
    ]


def test_a_list_continued_after_a_paragraph_keeps_counting() -> None:
    body = [
        items("Один.", "Два."),
        "<text:p>Абзац между списками.</text:p>",
        items("Три.", attrs=' text:continue-numbering="true"'),
        items("Снова один."),
    ]
    assert lines(odt_with(*body)) == [
        "1. Один.",
        "2. Два.",
        "Абзац между списками.",
        "3. Три.",
        "1. Снова один.",
    ]


def test_tables_rows_text_boxes_notes_and_tracked_changes() -> None:
    table = (
        '<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/>'
        "<table:table-row><table:table-cell><text:p>Секция</text:p></table:table-cell>"
        "<table:table-cell><text:p>Участники</text:p></table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell table:number-columns-spanned="2">'
        "<text:p>Краеведение, 24</text:p></table:table-cell><table:covered-table-cell/>"
        "</table:table-row></table:table>"
    )
    frame = (
        '<text:p>Якорь<draw:frame draw:name="f"><draw:text-box>'
        "<text:p>г. Тамбов, 14 марта 2023 г.</text:p></draw:text-box></draw:frame></text:p>"
    )
    note = (
        '<text:p>Текст<text:note text:note-class="footnote"><text:note-citation>1'
        "</text:note-citation><text:note-body><text:p>Сноска.</text:p></text:note-body>"
        '</text:note> и дальше<text:s text:c="2"/>конец.</text:p>'
    )
    changes = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
        "<office:change-info><dc:creator>A</dc:creator></office:change-info>"
        "<text:p>удалённый текст</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
    )
    assert lines(odt_with(changes, table, frame, note)) == [
        "Секция | Участники",
        "Краеведение, 24",
        "Якорь",
        "г. Тамбов, 14 марта 2023 г.",
        "Текст и дальше конец.",
        "Сноска.",
    ]
