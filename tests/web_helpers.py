"""Reading the web app's pages in tests: the record form's fields as a browser would post them."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

from starlette.testclient import TestClient

from resarchive.web.app import create_app
from resarchive.web.sources import WebArchive

DATA = Path(__file__).resolve().parent.parent / "data"
UNREVIEWED = "2014-05-20-biblioteki-i-sotsialnye-media"


class _FormFields(HTMLParser):
    """What a browser submits from the page's record form: inputs with their values
    (checkboxes only when checked), text areas, the selected option of each select;
    nothing inside <template>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self._in_template = 0
        self._textarea: str | None = None
        self._select: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "template":
            self._in_template += 1
        if self._in_template or "name" not in a and tag != "option":
            return
        if tag == "input":
            if a.get("type") == "checkbox" and "checked" not in a:
                return
            if a.get("type") == "submit":
                return
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
            self._first_option = None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
                self.fields.setdefault(self._select, self._first_option)
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._in_template -= 1
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea and not self._in_template:
            self.fields[self._textarea] += data


def form_fields(html: str) -> dict[str, str]:
    """The fields of the page's form(s), as a browser would post them without a click."""
    parser = _FormFields()
    parser.feed(html)
    # A text area's first newline after its tag is not part of its value (HTML's rule).
    return {k: v[1:] if v.startswith("\n") else v for k, v in parser.fields.items()}


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the source text as the page's segments hold it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.segments: list[tuple[int, str]] = []  # (data-o, text)
        self._open: list[bool] = []  # per open <span>: is it a segment

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag == "span":
            is_segment = "data-o" in a
            self._open.append(is_segment)
            if is_segment:
                self.segments.append((int(a["data-o"]), "\r" if a.get("class") == "cr" else ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1]:
            offset, text = self.segments[-1]
            self.segments[-1] = (offset, text + data)


def parse_page(html: str) -> _Tags:
    """The page's tags and source-text segments."""
    parser = _Tags()
    parser.feed(html)
    return parser


def client(root: Path, **options: object) -> TestClient:
    """A test client of the web app over the archive at `root` (a loopback Host)."""
    return TestClient(create_app(WebArchive(root)), base_url="http://127.0.0.1", **options)


def data_copy(target: Path) -> Path:
    """A copy of the committed archive data/, its record UNREVIEWED set not yet reviewed."""
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns(".*"))
    first = target / "structured" / f"{UNREVIEWED}.yaml"
    first.write_text(
        first.read_text("utf-8").replace("reviewed: true", "reviewed: false", 1), "utf-8"
    )
    return target
