""".odt (OpenDocument text) to text: odfdo opens the package, its elements are walked here.

odfdo (maintained, LibreOffice's format as its only subject) parses the package and finds
list styles in content.xml and styles.xml alike; odfpy, the other candidate, has had no
release since 2020. odfdo's own `get_formatted_text` writes every list item as "- " and
a table as one cell per line, so the body is walked here: paragraphs and headings in
order, list items with the numbers their list style gives ("1.", "а)", "2.1."), table
rows with cells joined by " | " (as the .docx reader does), text boxes after their
anchor, footnotes and endnotes after the body. Tracked deletions (kept apart in
`text:tracked-changes`) and comments are left out.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorruptDocumentError, TooLargeError
from .docx import MAX_LEVEL, MAX_NUMBER, MAX_PARAGRAPHS, check_zip, format_number
from .paragraphs import join_paragraphs

_BLOCK_WRAPPERS = {"text:section", "text:index-body", "text:table-of-content",
                   "text:alphabetical-index", "text:illustration-index", "office:text",
                   "text:change-region", "draw:text-box"}  # fmt: skip
_SKIPPED = {"text:tracked-changes", "office:annotation", "office:annotation-end",
            "text:note-citation", "text:sequence-decls", "text:variable-decls",
            "text:user-field-decls", "office:forms", "svg:title", "svg:desc",
            "text:index-title-template", "text:table-of-content-source",
            "text:alphabetical-index-source", "text:illustration-index-source"}  # fmt: skip
_ROWS = {"table:table-header-rows", "table:table-rows", "table:table-row-group"}
# ODF number formats to Word's names, which the .docx reader renders.
_NUM_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
                "I": "upperRoman", "а": "russianLower", "А": "russianUpper"}  # fmt: skip


def odt_text(data: bytes, name: str | Path = "<bytes>") -> str:
    """Paragraphs, list items (numbered) and table rows of an .odt, one per line."""
    from odfdo import Document

    check_zip(data, name, ".odt")
    try:
        document = Document(io.BytesIO(data))
        body = document.body
    except Exception as exc:  # odfdo raises KeyError, lxml errors, zip errors…
        raise CorruptDocumentError(f"cannot read the .odt file: {exc}", name) from exc
    paragraphs = len(body.xpath("//text:p|//text:h"))
    if paragraphs > MAX_PARAGRAPHS:
        raise TooLargeError(
            f"holds {paragraphs:,} paragraphs, over the {MAX_PARAGRAPHS:,} limit for one document",
            name,
        )
    reader = _Reader(document)
    try:
        parts = list(reader.blocks(body))
        for note in reader.notes:
            parts.extend(reader.blocks(note))
    except Exception as exc:
        raise CorruptDocumentError(f"cannot read the .odt file: {exc}", name) from exc
    return join_paragraphs(parts)


class _Reader:
    def __init__(self, document) -> None:
        self._document = document
        self._styles: dict[str, dict[int, tuple[str, str, str, int, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        self.notes: list = []

    def blocks(self, container) -> Iterator[str]:
        for child in container.children:
            tag = child.tag
            if tag in ("text:p", "text:h"):
                yield from self._paragraph(child, "")
            elif tag == "text:list":
                yield from self._list(child, None, 0)
            elif tag == "table:table":
                yield from self._table(child)
            elif tag in _BLOCK_WRAPPERS or tag == "text:note-body":
                yield from self.blocks(child)

    def _paragraph(self, p, label: str) -> Iterator[str]:
        out: list[str] = []
        boxes: list = []
        self._inline(p, out, boxes)
        line = "".join(out)
        yield f"{label} {line}" if label and line.strip() else line
        for box in boxes:
            yield from self.blocks(box)

    def _inline(self, element, out: list[str], boxes: list) -> None:
        out.append(element.text or "")
        for child in element.children:
            tag = child.tag
            if tag == "text:s":
                out.append(" " * min(child.get_attribute_integer("text:c") or 1, 100))
            elif tag == "text:tab":
                out.append("\t")
            elif tag == "text:line-break":
                out.append("\n")
            elif tag in ("text:note", "text:endnote"):
                self.notes.extend(c for c in child.children if c.tag == "text:note-body")
            elif tag == "draw:frame":
                boxes.extend(c for c in child.children if c.tag == "draw:text-box")
            elif tag not in _SKIPPED:  # spans, links, fields (their shown value), bookmarks
                self._inline(child, out, boxes)
            out.append(child.tail or "")

    def _list(self, lst, style: str | None, level: int) -> Iterator[str]:
        style = lst.get_attribute_string("text:style-name") or style
        if style is None:
            style = self._paragraph_list_style(lst)
        key = style or ""
        if level == 0 and not (
            lst.get_attribute("text:continue-numbering") in (True, "true")
            or lst.get_attribute("text:continue-list")
        ):
            self._counters[key] = []
        counters = self._counters.setdefault(key, [])
        for item in lst.children:
            if item.tag not in ("text:list-item", "text:list-header"):
                continue
            own = [c for c in item.children if c.tag in ("text:p", "text:h")]
            label = ""
            if item.tag == "text:list-item" and own and level <= MAX_LEVEL:
                label = self._next_label(key, counters, level, item)
            for child in item.children:
                if child.tag in ("text:p", "text:h"):
                    yield from self._paragraph(child, label)
                    label = ""  # the number goes with the item's first paragraph
                elif child.tag == "text:list":
                    yield from self._list(child, style, level + 1)
                elif child.tag == "table:table":
                    yield from self._table(child)

    def _next_label(self, key: str, counters: list[int], level: int, item) -> str:
        levels = self._list_levels(key)
        fmt, prefix, suffix, start, shown = levels.get(level + 1, ("1", "", ".", 1, 1))
        if fmt == "bullet":
            return "•"
        while len(counters) <= level:
            counters.append(levels.get(len(counters) + 1, ("1", "", "", 1, 1))[3] - 1)
        override = item.get_attribute_integer("text:start-value")
        counters[level] = (
            min(max(override, 0), MAX_NUMBER) if override is not None else counters[level] + 1
        )
        del counters[level + 1 :]
        if not fmt:
            return ""
        first = max(0, level + 1 - shown)
        numbers = [
            format_number(
                max(counters[i], 1), _NUM_FORMATS.get(levels.get(i + 1, ("1",))[0], "decimal")
            )
            for i in range(first, level + 1)
        ]
        return f"{prefix}{'.'.join(numbers)}{suffix}".strip()

    def _list_levels(self, key: str) -> dict[int, tuple[str, str, str, int, int]]:
        """Per level: (num-format or "bullet", prefix, suffix, start, levels shown)."""
        if key in self._styles:
            return self._styles[key]
        levels: dict[int, tuple[str, str, str, int, int]] = {}
        style = self._document.get_style("list", key) if key else None
        for child in style.children if style is not None else []:
            level = child.get_attribute_integer("text:level") or 1
            if child.tag == "text:list-level-style-bullet":
                levels[level] = ("bullet", "", "", 1, 1)
            elif child.tag == "text:list-level-style-number":
                start = child.get_attribute_integer("text:start-value")
                shown = child.get_attribute_integer("text:display-levels") or 1
                levels[level] = (
                    child.get_attribute_string("style:num-format") or "",
                    child.get_attribute_string("style:num-prefix") or "",
                    child.get_attribute_string("style:num-suffix") or "",
                    min(max(start if start is not None else 1, 0), MAX_NUMBER),
                    min(max(shown, 1), MAX_LEVEL + 1),
                )
        self._styles[key] = levels
        return levels

    def _paragraph_list_style(self, lst) -> str | None:
        """A list without a style of its own takes its paragraphs' style's list style."""
        for p in lst.xpath(".//text:p|.//text:h")[:1]:
            name = p.get_attribute_string("text:style-name")
            style = self._document.get_style("paragraph", name) if name else None
            if style is not None:
                return style.get_attribute_string("style:list-style-name")
        return None

    def _table(self, table) -> Iterator[str]:
        for row in _rows(table):
            cells = []
            for cell in row.children:
                if cell.tag == "table:table-cell":
                    cells.append(" ".join(" ".join(self.blocks(cell)).split()))
                elif cell.tag == "table:covered-table-cell":
                    cells.append("")  # merged into the cell before it
            while cells and not cells[-1]:
                cells.pop()  # trailing empty (often repeated) cells
            if any(cells):
                yield " | ".join(cells)


def _rows(table) -> Iterator:
    for child in table.children:
        if child.tag == "table:table-row":
            yield child
        elif child.tag in _ROWS:
            yield from _rows(child)
