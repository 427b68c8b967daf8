"""The PDF reader: soft hyphens, ligatures, columns drawn row by row, running headers.

Every PDF is drawn here with fpdf2 in DejaVu Sans (Cyrillic).
"""

from __future__ import annotations

import pytest

from resarchive.clean import clean
from resarchive.read.pdf import pdf_text

from .sources import FONT

pytestmark = pytest.mark.skipif(
    not FONT.exists(), reason=f"no Cyrillic font at {FONT} (apt-get install fonts-dejavu-core)"
)


def new_pdf():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.set_auto_page_break(False)
    return pdf


FILLER = "Участники семинара обсудили вопросы работы библиотек с местным сообществом."


def test_soft_hyphens_vanish_mid_line_and_join_at_the_line_end() -> None:
    pdf = new_pdf()
    pdf.add_page()
    pdf.text(20, 30, "заведующая отделом обслу\u00adживания читателей")
    pdf.text(20, 36, "1. Муници\u00ad")  # a soft hyphen that pdfium joins with the next line
    pdf.text(20, 42, "пальным библиотекам области")
    pdf.text(20, 48, "северо-")  # a hard hyphen at a line end: a compound
    pdf.text(20, 54, "западного региона.")
    pdf.text(20, 70, FILLER)
    text = pdf_text(bytes(pdf.output()))
    assert "обслуживания" in text and "\u00ad" not in text
    assert "обслу-живания" not in text and "Муници-пальным" not in text
    # pdfium marks any hyphen at a line end alike: the printed line break comes back and
    # the cleaner joins the word, as for a text file.
    assert "1. Муници-\nпальным библиотекам" in text and "северо-\nзападного" in text
    assert "1. Муниципальным библиотекам" in clean(text).text


def test_ligatures_are_expanded() -> None:
    pdf = new_pdf()
    pdf.add_page()
    pdf.text(20, 30, "Библиотека \ufb01нансирует оﬄайн и ﬂеш-карты. " + FILLER[:40])
    text = pdf_text(bytes(pdf.output()))
    assert "финансирует" not in text  # (Cyrillic ф is not a ligature)
    assert "fiнансирует оfflайн и flеш-карты" in text


def test_two_columns_drawn_row_by_row_are_read_column_by_column() -> None:
    left = ["1. Муниципальным библиотекам", "области проводить семейные", "праздники."]
    right = ["2. Областной детской библиотеке", "подготовить методические", "рекомендации."]
    pdf = new_pdf()
    pdf.add_page()
    pdf.text(20, 20, "РЕЗОЛЮЦИЯ семинара «Библиотека и семья», г. Тамбов, 14 марта 2023 г.")
    pdf.text(20, 30, "Участники семинара рекомендуют:")
    for row, (a, b) in enumerate(zip(left, right, strict=True)):
        pdf.text(20, 40 + 6 * row, a)  # each row drawn across both columns
        pdf.text(110, 40 + 6 * row, b)
    pdf.text(20, 70, "Принято единогласно на заседании всех участников семинара.")
    lines = [line for line in pdf_text(bytes(pdf.output())).splitlines() if line]
    body = lines[lines.index("Участники семинара рекомендуют:") + 1 :]
    assert body == [*left, *right, "Принято единогласно на заседании всех участников семинара."]


def test_a_flush_right_date_keeps_its_line() -> None:
    pdf = new_pdf()
    pdf.add_page()
    pdf.text(20, 20, "г. Тамбов")
    pdf.text(150, 20, "14 марта 2023 г.")
    pdf.text(20, 30, FILLER)
    assert pdf_text(bytes(pdf.output())).startswith("г. Тамбов 14 марта 2023 г.\n")


def test_running_headers_footers_and_page_numbers_are_dropped() -> None:
    pdf = new_pdf()
    for page in range(1, 4):
        pdf.add_page()
        pdf.text(20, 12, "Вологодская областная библиотека · Резолюция семинара 2023")
        # The same words in the middle of a page are body text.
        pdf.text(20, 70, "Вологодская областная библиотека · Резолюция семинара 2023 (в тексте)")
        for line in (0, 1, 2, 5, 6, 7):
            pdf.text(20, 50 + 6 * line, f"Текст страницы {page}, строка {line}: {FILLER[:50]}")
        pdf.text(100, 285, f"- {page} -")
    text = pdf_text(bytes(pdf.output()))
    assert text.count("Вологодская областная библиотека · Резолюция семинара 2023\n") == 0
    assert text.count("(в тексте)") == 3  # a line in the body is kept
    assert "- 2 -" not in text
    assert [f"Текст страницы {n}" in text for n in (1, 2, 3)] == [True] * 3
