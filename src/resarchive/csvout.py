"""CSV for Excel and for people: `query --format csv` and `export --format csv`.

- UTF-8 with a byte order mark: Excel opens Cyrillic text correctly only with it.
- The formula guard, as OWASP recommends against CSV injection
  (https://owasp.org/www-community/attacks/CSV_Injection): a cell beginning with `=`,
  `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that Excel and
  LibreOffice show it as text instead of running it as a formula (`=HYPERLINK(…)`,
  `+cmd|…`, `@SUM(…)` in a document's title). `guard=False` (`--no-formula-guard`) writes
  values as they are, for programs that read the CSV.
- Values as a person reads them: yes/no (in the interface's language) for booleans, a
  list as its items joined by "; ", a mapping as "key: value" pairs, nothing for null.
- `delimiter`: "," by default; ";" for Excel with Russian regional settings, where the
  comma is the decimal separator and Excel splits columns on ";".
- Rows end in CRLF, as RFC 4180 and Excel write them.

The quoting is the standard library's `csv` module's.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from .i18n import _

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t"}


@dataclass(frozen=True)
class CsvOptions:
    delimiter: str = ","
    guard: bool = True  # the formula guard
    bom: bool = True


def parse_delimiter(value: str) -> str:
    """`--delimiter`: ",", ";" or "tab". Raises ValueError (translated) for anything else."""
    if value in DELIMITERS:
        return DELIMITERS[value]
    raise ValueError(_("{value} is not a delimiter: use , or ; or tab").format(value=repr(value)))


def cell(value: Any, *, guard: bool = True) -> str:
    """One value as a CSV cell a person reads.

    >>> cell(None), cell(3), cell(["РБА", None, "РГБ"])
    ('', '3', 'РБА; РГБ')
    >>> cell("=HYPERLINK(\\"http://x\\")"), cell("-1", guard=False)
    ('\\'=HYPERLINK("http://x")', '-1')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        text = "; ".join(cell(v, guard=False) for v in value if v not in (None, ""))
    elif isinstance(value, dict):
        text = "; ".join(
            f"{k}: {cell(v, guard=False)}" for k, v in value.items() if v not in (None, "", [])
        )
    else:
        text = str(value)
    if guard and text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    out: IO[str],
    options: CsvOptions = CsvOptions(),
) -> None:
    """Write a header and rows to `out` (a text stream opened with newline="")."""
    if options.bom:
        out.write(BOM)
    writer = csv.writer(out, delimiter=options.delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v, guard=options.guard) for v in row])
