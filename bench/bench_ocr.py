"""OCR and converter speed (issue 12): seconds per scanned page, and per legacy .doc file.

    .venv/bin/python bench/bench_ocr.py [--pages 6] [--write]

Sets the three seed resolutions in DejaVu Sans with fpdf2 (about 6 A4 pages), renders
each page at 200 dpi into a PDF of images (a scan without a text layer), and times
`read_source(scan, ocr=True)`: pdfium renders each page at 300 dpi, Tesseract (rus+eng,
one thread) recognizes it. Also times reading a .doc that LibreOffice saved from a .docx
(LibreOffice headless back to .docx, then the .docx reader) and through antiword.
`--write` puts the table under "## OCR and .doc speed (issue 12)" in bench/results.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results.md"
SECTION = "## OCR and .doc speed (issue 12)"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def seed_paragraphs() -> list[str]:
    out = []
    for seed in sorted((ROOT / "data" / "raw").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        out += [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    return out


def text_pdf(path: Path, paragraphs: list[str], pages: int) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        if pdf.page_no() > pages:
            break
    pdf.output(str(path))
    return path


def scan_of(printed: Path, path: Path, pages: int, dpi: int = 200) -> int:
    import pypdfium2 as pdfium
    from fpdf import FPDF

    source = pdfium.PdfDocument(printed.read_bytes())
    scan = FPDF(unit="pt")
    count = min(pages, len(source))
    for index in range(count):
        page = source[index]
        width, height = page.get_size()
        scan.add_page(format=(width, height))
        scan.image(page.render(scale=dpi / 72, grayscale=True).to_pil(), 0, 0, width, height)
    scan.output(str(path))
    return count


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, " ".join(a.split()), " ".join(b.split())).ratio()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    from resarchive.read import read_source
    from resarchive.read.doc import doc_text

    tmp = Path(tempfile.mkdtemp(prefix="bench-ocr-"))
    printed = text_pdf(tmp / "printed.pdf", seed_paragraphs(), args.pages)
    pages = scan_of(printed, tmp / "scan.pdf", args.pages)
    started = time.perf_counter()
    cpu = time.process_time(), os.times()
    doc = read_source(tmp / "scan.pdf", ocr=True)
    ocr_seconds = time.perf_counter() - started
    after = os.times()
    child_cpu = after.children_user + after.children_system
    child_cpu -= cpu[1].children_user + cpu[1].children_system
    truth = read_source(printed).text
    rows = [
        (
            f"scanned PDF, {pages} pages (200 dpi scan, OCR at 300 dpi)",
            f"{ocr_seconds:.1f} s",
            f"{ocr_seconds / pages:.2f} s",
            f"Tesseract CPU {child_cpu / pages:.2f} s/page; text similarity to the text "
            f"layer {similarity(doc.text, truth):.3f}",
        )
    ]

    import docx

    document = docx.Document()
    for paragraph in seed_paragraphs():
        document.add_paragraph(paragraph)
    document.save(tmp / "seeds.docx")
    office = subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp / 'p').as_uri()}", "--headless",
         "--convert-to", "doc", "--outdir", str(tmp), str(tmp / "seeds.docx")],
        capture_output=True, check=True,
    )  # fmt: skip
    del office
    data = (tmp / "seeds.doc").read_bytes()
    for converter, label in (("doc", "LibreOffice"), ("doc-antiword", "antiword")):
        times = []
        for _ in range(3):
            started = time.perf_counter()
            text = doc_text(data, "seeds.doc", converter=converter)
            times.append(time.perf_counter() - started)
        rows.append(
            (
                f".doc of the 3 seeds ({len(data) // 1024} KB) through {label}",
                f"{min(times):.2f} s",
                "",
                f"best of 3; {len(text)} characters",
            )
        )
    lines = [
        SECTION,
        "",
        f"`.venv/bin/python bench/bench_ocr.py --pages {args.pages} --write` — "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average when done {os.getloadavg()[0]:.1f}.",
        "",
        "| input | wall time | per page | notes |",
        "|---|---:|---:|---|",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        text = RESULTS.read_text(encoding="utf-8")
        pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
        if pattern.search(text):
            text = pattern.sub(lambda _: table + "\n", text, count=1)
        else:
            text = text.rstrip("\n") + "\n\n" + table + "\n"
        RESULTS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
