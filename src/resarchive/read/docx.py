""".docx to text: python-docx, with Word's automatic list numbering rendered."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ..errors import CorruptDocumentError
from .paragraphs import join_paragraphs


def docx_text(data: bytes, name: str | Path = "<bytes>") -> str:
    """Paragraphs, list items and table rows of a .docx in document order.

    python-docx does not render Word's automatic list numbering, so it is rendered
    here from numbering.xml ("1.", "2)", "а)", bullets as "•"): resolutions number
    their recommendations that way, and the number belongs to the item. Table rows
    become one line each, cells joined by " | ". Headers, footers and footnotes are
    left out: they repeat on every page and hold no resolution content.
    """
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, lxml errors, zip errors…
        raise CorruptDocumentError(f"cannot read the .docx file: {exc}", name) from exc
    numbering = _Numbering(document)
    parts: list[str] = []
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                parts.extend(_table_rows(block))
            else:
                label = numbering.label(block)
                parts.append(
                    f"{label} {block.text}" if label and block.text.strip() else block.text
                )
    except Exception as exc:
        raise CorruptDocumentError(f"cannot read the .docx file: {exc}", name) from exc
    return join_paragraphs(parts)


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            # A merged cell appears once per grid column it spans: keep it once.
            if not cells or text != cells[-1] or not text:
                cells.append(text)
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
_RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"  # Word's russianLower skips ё, й, ъ, ы, ь


def _roman(n: int) -> str:
    out = ""
    for value, digits in _ROMAN:
        while n >= value:
            out, n = out + digits, n - value
    return out


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("russianLower", "russianUpper"):
        s = _RU_LETTERS[(n - 1) % len(_RU_LETTERS)] * ((n - 1) // len(_RU_LETTERS) + 1)
        return s.upper() if fmt == "russianUpper" else s
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal and anything exotic


class _Numbering:
    """Word's automatic list numbering, counted the way Word counts it: per list
    (numId), a level's counter restarting when a higher level advances."""

    def __init__(self, document) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        abstract = {}
        for node in root.iter(f"{w}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{w}lvl"):
                fmt = lvl.find(f"{w}numFmt")
                text = lvl.find(f"{w}lvlText")
                start = lvl.find(f"{w}start")
                levels[int(lvl.get(f"{w}ilvl", "0"))] = (
                    fmt.get(f"{w}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{w}val", "") if text is not None else "",
                    int(start.get(f"{w}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{w}abstractNumId")] = levels
        for num in root.iter(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{w}val"), {}).items():
                self._levels[(num.get(f"{w}numId"), ilvl)] = spec

    def label(self, paragraph) -> str:
        """The rendered number of a list paragraph ("3.", "б)", "•"), or ""."""
        if not self._levels:
            return ""
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        spec = self._levels.get((num_id, ilvl))
        if spec is None or num_id == "0":
            return ""
        fmt, text, _ = spec
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""
        counters = self._counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            level_spec = self._levels.get((num_id, len(counters)), ("decimal", "", 1))
            counters.append(level_spec[2] - 1)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = self._levels.get((num_id, deeper), ("decimal", "", 1))[2] - 1
        label = text or f"%{ilvl + 1}."

        def level_value(m: re.Match) -> str:
            level = int(m.group(1)) - 1
            value = counters[level] if level < len(counters) else 1
            level_fmt = self._levels.get((num_id, level), (fmt, "", 1))[0]
            return _format_number(max(value, 1), level_fmt)

        return re.sub(r"%(\d)", level_value, label).strip()


def _num_pr(paragraph) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph's numbering, set directly or by its style."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    p_pr = paragraph._p.pPr
    num_pr = p_pr.find(f"{w}numPr") if p_pr is not None else None
    style = paragraph.style if num_pr is None else None
    while num_pr is None and style is not None:
        s_pr = style.element.find(f"{w}pPr")
        num_pr = s_pr.find(f"{w}numPr") if s_pr is not None else None
        style = style.base_style
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{w}numId")
    ilvl = num_pr.find(f"{w}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{w}val"), int(ilvl.get(f"{w}val", "0")) if ilvl is not None else 0
