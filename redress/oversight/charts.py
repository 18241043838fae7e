"""The dashboard's charts: SVG drawn by matplotlib from the same table the page prints.

Each chart is a new `matplotlib.figure.Figure` with its own SVG canvas, so no
pyplot state is shared between requests. The SVG is deterministic (a fixed hash
salt, no date in its metadata), uses DejaVu Sans (shipped with matplotlib) and
draws its text as paths, so it looks the same without any font on the reader's
machine. Bars of this period are solid; the previous period's are hatched and
outlined, and every bar carries its number, so colour never tells them apart
alone. The table beneath each chart on the page is its accessible equivalent;
the SVG also names itself with role="img", a <title> and a <desc>.

matplotlib is imported by `svg`, when a chart is drawn, not with this module: the URLs
load it (through the dashboard's views), and every process would otherwise pay for
matplotlib, and its font cache, before serving anything.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from .dashboard import Table

FONT = {"family": ["DejaVu Sans", "Liberation Sans"], "size": 12}
# GOV.UK blue on white is 5.2:1; the near-black outline and hatch are 19:1.
SERIES = (
    {"color": "#1d70b8", "edgecolor": "#0b0c0c", "hatch": ""},
    {"color": "#ffffff", "edgecolor": "#0b0c0c", "hatch": "///"},
    {"color": "#ffffff", "edgecolor": "#0b0c0c", "hatch": "..."},
)
STYLES = ("solid bars", "bars hatched with diagonal lines", "dotted bars")
TEXT = "#0b0c0c"


def describe(table: Table) -> str:
    if table.compares:
        return (
            f"Bar chart: {table.heading.lower()}, this period (solid bars) against the previous"
            " period (hatched bars). The figures are in the table below the chart."
        )
    _, series = table.chart()
    names = ", ".join(f"{name} ({style})" for (name, _), style in zip(series, STYLES, strict=False))
    return f"Bar chart: {table.heading.lower()}: {names}. The figures are in the table below."


def svg(table: Table) -> str:
    """The table as a horizontal bar chart, as SVG text."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    # Read when the SVG is written; constants, so charts are byte-for-byte stable.
    matplotlib.rcParams["svg.hashsalt"] = "redress-dashboard"
    matplotlib.rcParams["svg.fonttype"] = "path"
    labels, series = table.chart()
    height = 1.4 + 0.36 * max(len(labels), 1) * len(series)
    figure = Figure(figsize=(8, height), dpi=72)
    FigureCanvasSVG(figure)
    axes = figure.add_subplot()
    count = len(series)
    thickness = 0.8 / count
    top = max((max(values, default=0) for _, values in series), default=0) or 1
    for index, (name, values) in enumerate(series):
        positions = [i + (index - (count - 1) / 2) * thickness for i in range(len(labels))]
        bars = axes.barh(
            positions, values, height=thickness, label=name, linewidth=0.8, **SERIES[index]
        )
        axes.bar_label(bars, labels=[f"{v:,}" for v in values], padding=3, color=TEXT, **_font())
    axes.set_yticks(range(len(labels)), labels=labels, **_font())
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.15)
    axes.tick_params(axis="x", labelcolor=TEXT, labelfontfamily=FONT["family"][0])
    axes.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.02),
        ncols=len(series),
        frameon=False,
        prop={"family": FONT["family"], "size": FONT["size"]},
    )
    figure.tight_layout()
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return _named(out.getvalue(), table.heading, describe(table))


def _font() -> dict:
    return {"fontfamily": FONT["family"], "fontsize": FONT["size"]}


def _named(text: str, title: str, description: str) -> str:
    """Give the SVG root role="img" and a <title> and <desc> it is labelled by."""
    start = text.index("<svg")
    end = text.index(">", start)
    opening = text[start:end] + ' role="img" aria-labelledby="chart-title chart-desc">'
    names = (
        f'<title id="chart-title">{escape(title)}</title>'
        f'<desc id="chart-desc">{escape(description)}</desc>'
    )
    return text[:start] + opening + names + text[end + 1 :]
