"""Charts as SVG, drawn at build time with matplotlib and embedded in the report's HTML.

Text stays text in the SVG (svg.fonttype "none"), so WeasyPrint sets it in the report's font and
the PDF stays small; every chart carries a title and a description for screen readers, and the
same figures are always in a table beside it, so nothing is said by the picture alone.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("svg")

from matplotlib import rcParams  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from .sections import Chart  # noqa: E402

# Colours with at least 4.5:1 contrast on white, told apart by hatching as well as colour.
PALETTE = ["#1d4f91", "#b34700", "#2f6b2f", "#6b3fa0"]
HATCHES = ["", "//", "..", "xx"]
rcParams.update({
    "svg.fonttype": "none",
    "svg.hashsalt": "partneriaeth",  # stable ids: the same data draws the same file
    "font.family": "sans-serif",
    "font.sans-serif": ["Liberation Sans", "DejaVu Sans", "Arial", "sans-serif"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
})


def _svg(figure: Figure, title: str, description: str) -> str:
    buffer = io.StringIO()
    # No metadata title: the accessible <title> and <desc> are added below, once.
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML prolog and doctype: it is inlined in HTML
    accessible = f'<title>{escape(title)}</title><desc>{escape(description)}</desc>'
    return re.sub(r"(<svg\b[^>]*>)", rf'\1{accessible}', svg, count=1).replace(
        "<svg ", '<svg role="img" ', 1)


def bar_chart(*, key: str, title: str, description: str, labels: list[str], series: list[tuple[str, list[float]]],
              reference: tuple[str, float] | None = None, horizontal: bool = False, percent: bool = False) -> Chart:
    """Grouped bars; `reference` draws a labelled line (a minimum or a target)."""
    count = max(len(labels), 1)
    height = max(2.0, 0.28 * count + 0.8) if horizontal else 2.4
    figure = Figure(figsize=(6.3, min(height, 9.0)))
    axes = figure.add_subplot()
    width = 0.8 / max(len(series), 1)
    positions = list(range(len(labels)))
    for index, (name, values) in enumerate(series):
        offsets = [p + (index - (len(series) - 1) / 2) * width for p in positions]
        draw = axes.barh if horizontal else axes.bar
        draw(offsets, values, width, label=name, color=PALETTE[index % len(PALETTE)],
             hatch=HATCHES[index % len(HATCHES)], edgecolor="white")
    if reference is not None:
        name, value = reference
        line = axes.axvline if horizontal else axes.axhline
        line(value, color="#222222", linestyle="--", linewidth=1.2, label=name)
    if horizontal:
        axes.set_yticks(positions, labels)
        axes.invert_yaxis()
    else:
        axes.set_xticks(positions, labels)
    value_axis = axes.xaxis if horizontal else axes.yaxis
    set_limits = axes.set_xlim if horizontal else axes.set_ylim
    if percent:
        set_limits(0, 100)
    else:
        value_axis.set_major_locator(MaxNLocator(integer=True))
        highest = max([0, *(v for _name, values in series for v in values), reference[1] if reference else 0])
        set_limits(0, max(highest * 1.3, 1))
    if len(series) > 1 or reference is not None:
        axes.legend(frameon=False, loc="upper left", ncols=2, fontsize=8)
    figure.tight_layout()
    return Chart(key=key, title=title, description=description, svg=_svg(figure, title, description))
