""".docx to text: python-docx opens the package, its oxml layer gives the body's XML.

python-docx's own text API (`paragraph.text`, `document.paragraphs`) stops short of what
secretaries save: text boxes, content controls (`w:sdt`), tracked insertions and fields'
cached results are skipped or half-read, and `row.cells` expands a cell's `gridSpan` into
one object per grid column (a span of 10^8 never returns). So the body is walked here,
element by element, on the lxml tree python-docx parsed, and python-docx still gives the
package, its parts and the styles. docx2python 3.7 was measured as the alternative on
`../shared/cases/x0*.docx` and the test resolution: it too reads text boxes, content
controls and tracked changes, but it left out the list numbers of x01 (numbering set by
a style), wrote hyperlinks as `<a href=...>` markup into the text, and was no faster
(4-11 ms against 9 ms per document, both dominated by opening the package).

Reading order: body paragraphs and tables as they come, a text box's paragraphs right
after the paragraph that anchors it, then footnotes and endnotes. Tracked insertions are
kept and deletions dropped (the text as the author accepted it). Headers and footers are
left out: they repeat on every page and hold no resolution content.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorruptDocumentError, TooLargeError
from .paragraphs import join_paragraphs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"

# Bounds for hostile files (a resolution has a few hundred paragraphs, three list levels).
MAX_UNPACKED = 100 * 1024 * 1024  # declared size of all zip members together
MAX_PARAGRAPHS = 50_000
MAX_LEVEL = 8  # Word's list levels are 0..8
MAX_NUMBER = 32_767  # Word's largest list start value
MAX_STYLE_DEPTH = 32  # basedOn chains (a style may name itself)

# Containers whose children are read as if they stood in their parent.
_INLINE_WRAPPERS = {
    W + name for name in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple",
                          "dir", "bdo")
}  # fmt: skip
_SKIPPED = {W + "del", W + "moveFrom"}  # tracked deletions: not in the accepted text
_RUN_TEXT = {W + "t": None, W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n",
             W + "noBreakHyphen": "-", W + "softHyphen": ""}  # fmt: skip


def check_zip(data: bytes, name: str | Path, kind: str) -> None:
    """Refuse a zip that unpacks to more than MAX_UNPACKED (a zip bomb) before reading it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise CorruptDocumentError(f"damaged zip/{kind} file: {exc}", name) from exc
    if unpacked > MAX_UNPACKED:
        raise TooLargeError(
            f"unpacks to {unpacked / 1024**2:.0f} MB, over the "
            f"{MAX_UNPACKED // 1024**2} MB limit for a {kind} file",
            name,
        )


def docx_text(data: bytes, name: str | Path = "<bytes>") -> str:
    """The text of a .docx: one line per paragraph, list item or table row (cells joined
    by " | "), Word's automatic list numbers rendered ("1.", "2)", "а)", "•")."""

    check_zip(data, name, ".docx")
    try:
        document = _open(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx raises KeyError, lxml errors, zip errors…
        raise CorruptDocumentError(f"cannot read the .docx file: {exc}", name) from exc
    paragraphs = sum(1 for _ in body.iter(W + "p"))
    if paragraphs > MAX_PARAGRAPHS:
        raise TooLargeError(
            f"holds {paragraphs:,} paragraphs, over the {MAX_PARAGRAPHS:,} limit for one document",
            name,
        )
    reader = _Reader(document)
    try:
        parts = list(reader.blocks(body))
        for note in _notes(document):
            parts.extend(reader.blocks(note))
    except (TooLargeError, CorruptDocumentError):
        raise
    except Exception as exc:
        raise CorruptDocumentError(f"cannot read the .docx file: {exc}", name) from exc
    return join_paragraphs(parts)


def _open(stream: io.BytesIO):
    """python-docx's Document, its styles part left unparsed (read by `_Numbering` only for
    a paragraph whose style sets numbering), through python-docx's own `part_class_selector`
    hook, restored after. Measured: the styles part of python-docx's default template
    (349 KB) takes 5.9 ms of the 9.4 ms a one-page .docx took to read."""
    import docx
    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.part import Part, PartFactory

    chained = PartFactory.__dict__.get("part_class_selector")

    def selector(content_type: str, reltype: str):
        if content_type == CONTENT_TYPE.WML_STYLES:
            return Part
        return chained(content_type, reltype) if chained is not None else None

    PartFactory.part_class_selector = selector
    try:
        return docx.Document(stream)
    finally:
        PartFactory.part_class_selector = chained


def _styles_root(document):
    """The styles part's root element, parsed on first need (see `_open`)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml

    return parse_xml(document.part.part_related_by(RELATIONSHIP_TYPE.STYLES).blob)


def _notes(document) -> Iterator:
    """Footnotes, then endnotes (their separators left out), from python-docx's parts."""
    from docx.oxml import parse_xml

    rels = document.part.rels.values()
    for kind in ("footnote", "endnote"):
        for rel in rels:
            if rel.is_external or not rel.reltype.endswith(f"/{kind}s"):
                continue
            root = parse_xml(rel.target_part.blob)
            for note in root.iterchildren(W + kind):
                if note.get(W + "type") in (None, "normal"):
                    yield note


class _Reader:
    def __init__(self, document) -> None:
        from docx.text.paragraph import Paragraph

        self._document = document
        self._paragraph = Paragraph
        self.numbering = _Numbering(document)

    def blocks(self, container) -> Iterator[str]:
        """Paragraph and table-row lines of a body, cell, text box or note, in order."""
        for child in container.iterchildren():
            tag = child.tag
            if tag == W + "p":
                yield from self._paragraph_lines(child)
            elif tag == W + "tbl":
                yield from self._table_rows(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from self.blocks(content)
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                yield from self.blocks(child)
            elif tag == MC + "AlternateContent":
                yield from self.blocks(_chosen(child))

    def _paragraph_lines(self, p) -> Iterator[str]:
        text: list[str] = []
        boxes: list = []
        self._inline(p, text, boxes)
        line = "".join(text)
        label = self.numbering.label(self._paragraph(p, self._document)) if line.strip() else ""
        yield f"{label} {line}" if label else line
        for box in boxes:  # a text box reads after the paragraph that anchors it
            yield from self.blocks(box)

    def _inline(self, element, out: list[str], boxes: list) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == W + "r":
                self._run(child, out, boxes)
            elif tag in _INLINE_WRAPPERS:
                self._inline(child, out, boxes)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._inline(content, out, boxes)
            elif tag == MC + "AlternateContent":
                self._inline(_chosen(child), out, boxes)
            elif tag in (M + "oMath", M + "oMathPara"):
                out.append("".join(t.text or "" for t in child.iter(M + "t")))
            # w:del, w:moveFrom (deleted), w:pPr, bookmarks, comments: no text

    def _run(self, run, out: list[str], boxes: list) -> None:
        for child in run.iterchildren():
            tag = child.tag
            if tag in _RUN_TEXT:
                fixed = _RUN_TEXT[tag]
                out.append(child.text or "" if fixed is None else fixed)
            elif tag == W + "sym":
                code = child.get(W + "char", "")
                if re.fullmatch(r"[0-9A-Fa-f]{4}", code) and int(code, 16) < 0xF000:
                    out.append(chr(int(code, 16)))  # F0xx: a Symbol-font glyph, no letter
            elif tag == MC + "AlternateContent":
                boxes.extend(_text_boxes(_chosen(child)))
            elif tag in (W + "drawing", W + "pict", W + "object"):
                boxes.extend(_text_boxes(child))
            # w:delText, w:instrText (a field's code, not its result), w:fldChar: no text

    def _table_rows(self, table) -> Iterator[str]:
        for row in _unwrapped(table, W + "tr"):
            cells = []
            for cell in _unwrapped(row, W + "tc"):
                props = cell.find(W + "tcPr")
                merged = props.find(W + "vMerge") if props is not None else None
                if merged is not None and merged.get(W + "val", "continue") == "continue":
                    cells.append("")  # the cell above holds the merged text
                    continue
                cells.append(" ".join(" ".join(self.blocks(cell)).split()))
            if any(cells):
                yield " | ".join(cells)


def _unwrapped(parent, tag: str) -> Iterator:
    """Rows of a table or cells of a row, also those wrapped in content controls."""
    for child in parent.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            inner = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if inner is not None:
                yield from _unwrapped(inner, tag)


def _chosen(alternate):
    """The branch of mc:AlternateContent to read: the first Choice, else the Fallback
    (both hold the same text box; reading both would double it)."""
    for branch in alternate.iterchildren(MC + "Choice", MC + "Fallback"):
        return branch
    return alternate


def _text_boxes(element) -> Iterator:
    """The outermost w:txbxContent elements in a drawing (nested ones are read with it)."""
    for child in element.iterchildren():
        if child.tag == W + "txbxContent":
            yield child
        elif child.tag == MC + "AlternateContent":
            yield from _text_boxes(_chosen(child))
        elif isinstance(child.tag, str):
            yield from _text_boxes(child)


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
_RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"  # Word's russianLower skips ё, й, ъ, ы, ь


def _roman(n: int) -> str:
    out = ""
    for value, digits in _ROMAN:
        while n >= value:
            out, n = out + digits, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """Word's number formats. Letters repeat ("aa", "bbb") and Roman numerals grow with
    the number, so past Word's own ranges a number is written in digits."""
    if fmt in ("lowerLetter", "upperLetter") and n <= 780:
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("russianLower", "russianUpper") and n <= 28 * 30:
        s = _RU_LETTERS[(n - 1) % len(_RU_LETTERS)] * ((n - 1) // len(_RU_LETTERS) + 1)
        return s.upper() if fmt == "russianUpper" else s
    if fmt in ("lowerRoman", "upperRoman") and n < 4000:
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal, and anything exotic or out of range


def _int(value: str | None, default: int, low: int, high: int) -> int:
    """An integer attribute, clamped; a non-number ("abc") gives the default."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return max(low, min(number, high))


class _Numbering:
    """Word's automatic list numbering, counted the way Word counts it: per list
    (numId), a level's counter restarting when a higher level advances. Levels beyond
    Word's 0..8 and start values beyond its 32 767 are clamped."""

    def __init__(self, document) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        self._document = document
        self._style_elements: dict | None = None  # styleId -> w:style, built when needed
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{W}abstractNum"):
            abstract[node.get(f"{W}abstractNumId")] = _levels_of(node)
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            num_id = num.get(f"{W}numId")
            levels = dict(abstract.get(ref.get(f"{W}val"), {}))
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0, 0, MAX_LEVEL)
                start = override.find(f"{W}startOverride")
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int(start.get(f"{W}val"), 1, 0, MAX_NUMBER))
            for ilvl, spec in levels.items():
                self._levels[(num_id, ilvl)] = spec

    def label(self, paragraph) -> str:
        """The rendered number of a list paragraph ("3.", "б)", "•"), or ""."""
        if not self._levels:
            return ""
        num_pr = self._num_pr(paragraph)
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
        while len(counters) <= ilvl:  # ilvl <= MAX_LEVEL: at most nine counters
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
            return format_number(max(value, 1), level_fmt)

        return re.sub(r"%(\d)", level_value, label[:64]).strip()

    def _styles(self) -> dict:
        """The styles part's w:style elements by id (python-docx's own style objects
        cost a third of reading a small document, and only list paragraphs need this)."""
        if self._style_elements is None:
            try:
                root = _styles_root(self._document)
                self._style_elements = {
                    e.get(f"{W}styleId"): e for e in root.iterchildren(f"{W}style")
                }
            except Exception:  # a damaged styles part: direct numbering still counts
                self._style_elements = {}
        return self._style_elements

    def _num_pr(self, paragraph) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph's numbering, set directly or by its style chain
        (followed at most MAX_STYLE_DEPTH steps: a style may be based on itself)."""
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
        if num_pr is None and p_pr is not None:
            style_ref = p_pr.find(f"{W}pStyle")
            styles = self._styles() if style_ref is not None else {}
            style = styles.get(style_ref.get(f"{W}val")) if style_ref is not None else None
            for _ in range(MAX_STYLE_DEPTH):
                if style is None:
                    break
                s_pr = style.find(f"{W}pPr")
                num_pr = s_pr.find(f"{W}numPr") if s_pr is not None else None
                if num_pr is not None:
                    break
                based = style.find(f"{W}basedOn")
                style = styles.get(based.get(f"{W}val")) if based is not None else None
        if num_pr is None:
            return None
        num_id = num_pr.find(f"{W}numId")
        ilvl = num_pr.find(f"{W}ilvl")
        if num_id is None:
            return None
        level = _int(ilvl.get(f"{W}val") if ilvl is not None else None, 0, 0, MAX_LEVEL + 1)
        return num_id.get(f"{W}val"), level


def _levels_of(abstract_num) -> dict[int, tuple[str, str, int]]:
    levels = {}
    for lvl in abstract_num.iter(f"{W}lvl"):
        ilvl = _int(lvl.get(f"{W}ilvl"), 0, 0, MAX_LEVEL + 1)
        if ilvl > MAX_LEVEL:
            continue  # no such level in Word: never numbered
        fmt = lvl.find(f"{W}numFmt")
        text = lvl.find(f"{W}lvlText")
        start = lvl.find(f"{W}start")
        levels[ilvl] = (
            fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
            text.get(f"{W}val", "") if text is not None else "",
            _int(start.get(f"{W}val") if start is not None else None, 1, 0, MAX_NUMBER),
        )
    return levels
