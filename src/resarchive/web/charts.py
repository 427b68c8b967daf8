"""Bar charts of the archive's counts as plain SVG, drawn on the server.

Why not a charting library: every chart here is one series of counts with a label each,
which is a few rectangles and texts; a library (pygal, matplotlib, a JavaScript one)
would add a dependency for that, and pygal's and the JavaScript ones' interactivity is
script that the pages' Content-Security-Policy (no inline script) and the self-contained
report (no script at all) leave out anyway. Plain SVG inline in the page needs no
request, prints, scales, is deterministic (tests compare it) and escapes like all HTML.

>>> svg = bar_chart("Записи", [Bar("2021", 3), Bar("<b>", 1, "/?type=x&y=1")])
>>> svg.count("<rect"), "&lt;b&gt;" in svg, 'href="/?type=x&amp;y=1"' in svg
(2, True, True)
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 720
LABEL_WIDTH = 320
ROW = 24
LABEL_CHARS = 38  # longer labels are cut with "…"; the whole one is the bar's tooltip


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str | None = None  # the records behind the bar


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(title: str, bars: list[Bar]) -> Markup:
    """A horizontal bar chart: one row per bar, its label left, its value after the bar.

    Sizes are SVG user units (the chart is `WIDTH` wide and scales to its container).
    """
    top = max((b.value for b in bars), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 60
    height = ROW * len(bars) + 8
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}"'
        f' role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, bar in enumerate(bars):
        y = i * ROW + 4
        width = max(1, round(room * bar.value / top)) if bar.value else 0
        row = (
            f"<g><title>{escape(bar.label)}: {bar.value}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" class="chart-label">'
            f"{escape(_short(bar.label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{ROW - 8}" rx="2"'
            f' fill="#4a78b0" class="chart-bar"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 16}" class="chart-value">'
            f"{bar.value}</text></g>"
        )
        if bar.href:
            row = f'<a href="{escape(bar.href)}">{row}</a>'
        out.append(row)
    out.append("</svg>")
    return Markup("".join(out))
