"""Bar charts drawn at build time: this module computes the geometry, a template draws the SVG.

Every chart is horizontal bars with the label on its own line above them, so the picture
stays readable when a 360 px phone scales the fixed view box down. Bars carry classes, not
colours: the stylesheet colours them with the theme's variables (light, dark and print).
The numbers always appear as text too (on the bar and in the table beside the chart).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dutch import number_nl, percent_nl

WIDTH = 400
"""Width of the view box; font sizes are chosen for it (16 units ≈ 14 px on a 360 px phone)."""
VALUE_SPACE = 120
"""Room right of the longest bar for its value text."""
LABEL_HEIGHT = 22
BAR_HEIGHT = 16
BAR_GAP = 4
ROW_GAP = 12
LEGEND_HEIGHT = 30


@dataclass(frozen=True)
class Bar:
    """One bar: where it is and the text written after it."""

    series: int
    x: float
    y: float
    width: float
    height: float
    text: str
    text_x: float
    text_y: float
    text_anchor: str
    """``start`` (after the bar) or ``end`` (right-aligned on the label's line, for tracks)."""
    track: float = 0.0
    """Width of a background track (for shares of a whole), 0 for none."""


@dataclass(frozen=True)
class ChartRow:
    """A label and its bars."""

    label: str
    label_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    """Everything the SVG template needs; ``title`` and ``description`` are the text alternative."""

    id: str
    title: str
    description: str
    width: int
    height: float
    rows: tuple[ChartRow, ...]
    legend: tuple[tuple[int, str, float], ...]
    """``(series, name, x)`` of each legend entry; empty for a single series."""




def grouped_bars(chart_id: str, title: str, description: str, labels: list[str], series: list[str],
                 values: list[list[float]], texts: list[list[str]], whole: float | None = None) -> Chart:
    """Bars for ``values[row][series]``, scaled to the largest value (or to ``whole`` for shares)."""
    # A share bar runs on a full-width track, its text right-aligned on the label's line;
    # a count bar leaves room for its text after it.
    plot = WIDTH if whole else WIDTH - VALUE_SPACE
    top = float(LEGEND_HEIGHT if len(series) > 1 else 0)
    scale_to = whole or max((v for row in values for v in row), default=0) or 1
    rows, y = [], top
    for label, row_values, row_texts in zip(labels, values, texts):
        label_y = y + LABEL_HEIGHT - 6
        y += LABEL_HEIGHT
        bars = []
        for index, (value, text) in enumerate(zip(row_values, row_texts)):
            width = round(plot * value / scale_to, 2)
            if whole:
                bar = Bar(index, 0.0, y, width, BAR_HEIGHT, text, WIDTH, label_y, "end", track=plot)
            else:
                bar = Bar(index, 0.0, y, width, BAR_HEIGHT, text, width + 6, y + BAR_HEIGHT - 3, "start")
            bars.append(bar)
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP - BAR_GAP
        rows.append(ChartRow(label, label_y, tuple(bars)))
    legend = tuple((i, name, i * WIDTH / 2) for i, name in enumerate(series)) if len(series) > 1 else ()
    return Chart(chart_id, title, description, WIDTH, y, tuple(rows), legend)


def bar_chart(table) -> Chart:
    """The chart of a published table (``validate.figures.FigureTable``).

    Per-column tables show one bar per year (a sum column is left out: it would dwarf the
    years); ratio tables show each row's share of the whole as a bar on a 100 % track.
    """
    labels = [row["label"] for row in table.rows]
    if table.shares == "verhouding":
        values = [[row["percents"][0]] for row in table.rows]
        texts = [[f"{number_nl(row['counts'][-1])} van {number_nl(row['counts'][0])} ({percent_nl(row['percents'][0], 2)})"]
                 for row in table.rows]
        return grouped_bars(f"grafiek-{table.slug}", table.title, table.get("description", table.title), labels,
                            [table.columns[-1]], values, texts, whole=100)
    count = len(table.columns) - (1 if table.get("sum_column") else 0)
    values = [row["counts"][:count] for row in table.rows]
    texts = [[number_nl(v) for v in row["counts"][:count]] for row in table.rows]
    return grouped_bars(f"grafiek-{table.slug}", table.title, table.get("description", table.title), labels,
                        list(table.columns[:count]), values, texts)


def share_chart(coverage) -> Chart:
    """Per province, the share of its current municipalities with an academy (``catalog.coverage``)."""
    labels = [p.name for p in coverage.provinces]
    values = [[p.percent] for p in coverage.provinces]
    texts = [[f"{len(p.covered)} van {p.total} ({percent_nl(p.percent)})"] for p in coverage.provinces]
    description = ("Per provincie en Brussel het aandeel van de huidige gemeenten met een actieve STEM-academie: "
                   + "; ".join(f"{p.name} {len(p.covered)} van {p.total}" for p in coverage.provinces) + ".")
    return grouped_bars("grafiek-dekking", "Gemeenten met een STEM-academie, per provincie", description,
                        labels, ["Met een STEM-academie"], values, texts, whole=100)
