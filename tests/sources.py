"""One short resolution, written out as .txt, .docx, .doc, .odt, .pdf (text and scan) and
.rtf for format tests."""

from __future__ import annotations

from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

TITLE = "РЕЗОЛЮЦИЯ"
INTRO = [
    "областного семинара «Библиотека и местное сообщество: новые практики»",
    "14–15 марта 2023 года в г. Вологде в Вологодской областной универсальной научной "
    "библиотеке им. И. В. Бабушкина состоялся областной семинар для специалистов "
    "муниципальных библиотек. Организатор семинара – Департамент культуры и туризма "
    "Вологодской области.",
    "В работе семинара приняли участие 86 человек. С докладом выступила директор "
    "библиотеки Соколова Марина Андреевна.",
    "Участники семинара рекомендуют:",
]
RECOMMENDATIONS = [
    "Муниципальным библиотекам области развивать партнёрство с местными "
    "краеведческими музеями и школами.",
    "Вологодской областной универсальной научной библиотеке провести в 2024 году "
    "цикл обучающих вебинаров по работе с местным сообществом.",
    "Опубликовать материалы семинара на сайте библиотеки до 1 мая 2023 года.",
]


def paragraphs() -> list[str]:
    """Every paragraph as it reads, the recommendations numbered "1." "2." …"""
    numbered = [f"{i}. {text}" for i, text in enumerate(RECOMMENDATIONS, 1)]
    return [TITLE, *INTRO, *numbered]


def write_txt_bytes() -> bytes:
    return ("\n\n".join(paragraphs()) + "\n").encode("utf-8")


def write_txt(path: Path) -> Path:
    path.write_bytes(write_txt_bytes())
    return path


def write_docx(path: Path, *, auto_numbering: bool = True, table: bool = False) -> Path:
    """Word's own numbered list ("List Number"), whose numbers are not in the text."""
    import docx

    document = docx.Document()
    for text in [TITLE, *INTRO]:
        document.add_paragraph(text)
    for i, text in enumerate(RECOMMENDATIONS, 1):
        if auto_numbering:
            document.add_paragraph(text, style="List Number")
        else:
            document.add_paragraph(f"{i}. {text}")
    if table:
        grid = document.add_table(rows=2, cols=2)
        for r, row in enumerate([("Секция", "Участники"), ("Краеведение", "24")]):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        document.add_paragraph("Принято единогласно.")
    document.save(path)
    return path


def write_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    for text in paragraphs():
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A page with a drawing and no text, like a scan without OCR."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(200, 200, 200)
    pdf.rect(20, 20, 170, 250, style="F")
    pdf.output(str(path))
    return path


def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            try:  # as Russian Word writes it: \'hh in the ANSI code page
                out.append(f"\\'{ch.encode('cp1251')[0]:02x}")
            except UnicodeEncodeError:
                out.append(f"\\u{ord(ch)}?")
    return "".join(out)


def write_rtf(path: Path) -> Path:
    body = "".join(f"\\pard {_rtf_escape(p)}\\par\n" for p in paragraphs())
    path.write_bytes(
        (
            "{\\rtf1\\ansi\\ansicpg1251\\deff0"
            "{\\fonttbl{\\f0\\fswiss\\fcharset204 Arial;}}\n"
            f"\\f0\\fs24 {body}}}"
        ).encode("ascii")
    )
    return path


def write_odt(path: Path) -> Path:
    """LibreOffice's format, built with odfdo: a numbered list style, like Writer's."""
    from odfdo import Document, Element, List, Paragraph

    document = Document("text")
    body = document.body
    body.clear()
    document.insert_style(
        Element.from_tag(
            '<text:list-style style:name="Numbered"><text:list-level-style-number '
            'text:level="1" style:num-suffix="." style:num-format="1"/></text:list-style>'
        ),
        automatic=True,
    )
    for text in [TITLE, *INTRO]:
        body.append(Paragraph(text))
    body.append(List(RECOMMENDATIONS, style="Numbered"))
    document.save(path)
    return path


def soffice() -> str | None:
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def write_doc(path: Path) -> Path:
    """Word 97-2003, saved by LibreOffice from the .docx (Word's own list numbering)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        docx_path = write_docx(Path(tmp) / f"{path.stem}.docx")
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run(
            [soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore",
             "--convert-to", "doc", "--outdir", str(path.parent), str(docx_path)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    return path


def write_scan(path: Path, dpi: int = 200) -> Path:
    """The text PDF printed and scanned: each page rendered to a greyscale image and put
    into a PDF of images, with no text layer."""
    import tempfile

    import pypdfium2 as pdfium
    from fpdf import FPDF

    with tempfile.TemporaryDirectory() as tmp:
        printed = pdfium.PdfDocument(write_pdf(Path(tmp) / "printed.pdf").read_bytes())
        scan = FPDF(unit="pt")
        for index in range(len(printed)):
            page = printed[index]
            width, height = page.get_size()
            image = page.render(scale=dpi / 72, grayscale=True).to_pil()
            scan.add_page(format=(width, height))
            scan.image(image, x=0, y=0, w=width, h=height)
        printed.close()
    scan.output(str(path))
    return path
