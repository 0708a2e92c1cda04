"""Charts as inline SVG drawn from Python: every shape arrives in the template with its coordinates.

No JavaScript library and no network: a chart is a dataclass of positioned primitives (cells,
nodes, edges, labels) with numbers already formatted, so ``templates/_chart_*.html`` only loops and
prints, the output is deterministic and every label is escaped by jinja2 like any other text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from compare.normalise import shorten

# Sequential single-hue ramp (light to dark blue, ColorBrewer "Blues"): readable with every common
# colour-vision deficiency because it varies in lightness, not hue.
RAMP: tuple[str, ...] = (
    "#f7fbff",
    "#deebf7",
    "#c6dbef",
    "#9ecae1",
    "#6baed6",
    "#4292c6",
    "#2171b5",
    "#08519c",
    "#08306b",
)
# Okabe–Ito hues for the provenance edges, one per relation, distinguishable for colour-blind readers.
RELATION_COLOURS: dict[str, str] = {
    "duplicate": "#0072b2",
    "copy-with-edits": "#e69f00",
    "partial-copy": "#d55e00",
    "rewrite": "#009e73",
    "translation": "#cc79a7",
    "partial-translation": "#56b4e9",
    "common": "#999999",
}
CELL = 24
NUMBERED_CELLS = 12
LABEL_WIDTH = 210


def f1(value: float) -> str:
    """A coordinate with one decimal, the fixed format that keeps SVG output byte-stable."""
    return f"{value:.1f}"


def relation_keys(names: set[str]) -> tuple[list[LegendKey], list[Marker]]:
    """The legend entries and arrow heads of the relations drawn, in the palette's order."""
    shown = [name for name in RELATION_COLOURS if name in names]
    legend = [LegendKey("common source" if n == "common" else n, f"rel-{n}", n == "common") for n in shown]
    markers = [Marker(f"arrow-{n}", RELATION_COLOURS[n]) for n in shown if n != "common"]
    return legend, markers


def ramp_colour(value: float) -> str:
    """The ramp colour of a share in [0, 1]."""
    step = min(len(RAMP) - 1, max(0, round(value * (len(RAMP) - 1))))
    return RAMP[step]


@dataclass(frozen=True)
class Cell:
    """One square of a heat map.

    Fields:
        x, y: top-left corner. fill: ramp colour. text: the percentage printed in the square.
        text_x, text_y: where it is printed. dark: whether the fill needs light text.
        title: tooltip. href: the pair page, empty when the pair was not compared.
    """

    x: str
    y: str
    fill: str
    text: str
    text_x: str
    text_y: str
    dark: bool
    title: str
    href: str


@dataclass(frozen=True)
class Label:
    """A positioned text label.

    Fields:
        x, y: position. text: the label, shortened. title: the full text. anchor: SVG text-anchor.
    """

    x: str
    y: str
    text: str
    title: str
    anchor: str = "start"


@dataclass(frozen=True)
class LegendKey:
    """A legend entry drawn in HTML beside a chart.

    Fields:
        text: the name. css: the class that gives its colour. dashed: whether its line is dashed.
    """

    text: str
    css: str
    dashed: bool


@dataclass(frozen=True)
class Heatmap:
    """A square matrix chart.

    Fields:
        width, height: the drawing's size in px. size: a square's side.
        show_numbers: print each percentage in its square (few articles; else tooltips only, which
        also keeps large reports small). cells: Cell list. rows, columns: Label lists.
        caption: what a square means.
    """

    width: str
    height: str
    size: str
    show_numbers: bool
    cells: list[Cell]
    rows: list[Label]
    columns: list[Label]
    caption: str


def _share_of(row: int, col: int, value: float) -> str:
    return f"{value * 100:.0f}% of article {row + 1} is found in article {col + 1}"


# Room above the heat map's first row for the column numbers.
HEATMAP_TOP = 28


def _heat_cell(row: int, col: int, value: float, scale: float, title: str, href: str) -> Cell:
    """One square of the heat map, shaded by ``value`` against ``scale``."""
    x, y = LABEL_WIDTH + col * CELL, HEATMAP_TOP + row * CELL
    shade = min(1.0, value / scale) if scale > 0 else 0.0
    return Cell(
        x=f1(x),
        y=f1(y),
        fill=ramp_colour(shade),
        text=f"{value * 100:.0f}",
        text_x=f1(x + CELL / 2),
        text_y=f1(y + CELL / 2 + 4),
        dark=shade >= 0.5,
        title=title,
        href=href,
    )


def heatmap(
    labels: Sequence[str],
    values: dict[tuple[int, int], float],
    hrefs: dict[tuple[int, int], str],
    caption: str,
    columns: Sequence[str] | None = None,
    describe: Callable[[int, int, float], str] = _share_of,
    scale: float = 1.0,
) -> Heatmap | None:
    """Matrix of ``values[(row, col)]`` in [0, 1]; None when there is nothing to draw.

    By default rows and columns are the same articles (numbered); ``columns`` gives other column
    names (numbered too, full name in the tooltip). Colours run from 0 to ``scale``, so small shares
    such as a speaker's part of an article still spread over the ramp; squares print the value.
    """
    names = list(labels if columns is None else columns)
    if not labels or not names or (columns is None and len(labels) < 2) or not values:
        return None
    top = HEATMAP_TOP
    cells = [
        _heat_cell(row, col, value, scale, describe(row, col, value), hrefs.get((row, col), ""))
        for (row, col), value in sorted(values.items())
    ]
    numbered = columns is None
    rows = [
        Label(
            f1(LABEL_WIDTH - 6),
            f1(top + i * CELL + CELL / 2 + 4),
            f"{i + 1}. {shorten(t, 27)}" if numbered else shorten(t, 30),
            t,
            "end",
        )
        for i, t in enumerate(labels)
    ]
    heads = [
        Label(f1(LABEL_WIDTH + i * CELL + CELL / 2), f1(top - 8), str(i + 1), t, "middle")
        for i, t in enumerate(names)
    ]
    return Heatmap(
        width=f1(LABEL_WIDTH + len(names) * CELL + 4),
        height=f1(top + len(labels) * CELL + 4),
        size=f1(CELL - 2),
        show_numbers=max(len(names), len(labels)) <= NUMBERED_CELLS,
        cells=cells,
        rows=rows,
        columns=heads,
        caption=caption,
    )


@dataclass(frozen=True)
class Node:
    """An article on the provenance timeline.

    Fields:
        x, y: the dot. label: number and short name. label_x: where the label starts.
        title: the full name. href: the article's row in the index.
    """

    x: str
    y: str
    label: str
    label_x: str
    title: str
    href: str


@dataclass(frozen=True)
class Edge:
    """A curved arrow from source to copy.

    Fields:
        path: SVG path data. colour: the relation's hue. dashed: a shared third source (no head).
        marker: url() of the arrow head, empty for none. title: tooltip. href: the pair page.
    """

    path: str
    colour: str
    dashed: bool
    marker: str
    title: str
    href: str


@dataclass(frozen=True)
class Marker:
    """An arrow head definition in one colour.

    Fields:
        id: the marker's element id. colour: its fill.
    """

    id: str
    colour: str


@dataclass(frozen=True)
class Tick:
    """A date on the time axis and its guide line.

    Fields:
        x: position. text: the date, or "undated".
    """

    x: str
    text: str


@dataclass(frozen=True)
class Timeline:
    """Provenance graph on a time axis.

    Fields:
        width, height: the drawing's size in px. axis_y: where the dates are printed.
        nodes: Node list, one row per article. edges: Edge list. markers: Marker list.
        ticks: Tick list. legend: LegendKey list. caption: how to read it.
    """

    width: str
    height: str
    axis_y: str
    nodes: list[Node]
    edges: list[Edge]
    markers: list[Marker]
    ticks: list[Tick]
    legend: list[LegendKey]
    caption: str


@dataclass(frozen=True)
class TimelineItem:
    """Input of ``timeline``: one article.

    Fields:
        label: the article's name.
        date: its ISO date, or None when undated.
        href: link to its page (empty for none).
    """

    label: str
    date: str | None
    href: str = ""


@dataclass(frozen=True)
class Link:
    """Input of ``timeline``: ``source`` carries text that ``target`` also carries.

    Fields:
        source: the source article's position among the items.
        target: the carrier's position.
        relation: the pair's relation (it colours the arrow).
        title: the arrow's tooltip.
        href: link to the pair page (empty for none).
        common: whether both carry a third text rather than one the other's.
    """

    source: int
    target: int
    relation: str
    title: str
    href: str = ""
    common: bool = False


def timeline(items: Sequence[TimelineItem], links: Sequence[Link], caption: str) -> Timeline | None:
    """Articles placed by date (undated last), arrows from each source to the text that copies it."""
    if not items or not links:
        return None
    dates = sorted({item.date[:10] for item in items if item.date})
    columns = [*dates, "undated"] if any(not item.date for item in items) else dates
    left, gap, row_h, top = 90.0, 130.0, 26.0, 34.0
    x_of = {d: left + 10 + i * gap for i, d in enumerate(columns)}
    order = sorted(range(len(items)), key=lambda i: (items[i].date or "9999", items[i].label))
    y_of = {i: top + rank * row_h for rank, i in enumerate(order)}

    def pos(i: int) -> tuple[float, float]:
        return x_of[(items[i].date or "undated")[:10] if items[i].date else "undated"], y_of[i]

    nodes = []
    for i in order:
        x, y = pos(i)
        label = shorten(items[i].label, 42)
        nodes.append(Node(f1(x), f1(y), f"{i + 1}. {label}", f1(x + 9), items[i].label, items[i].href))
    edges = []
    for link in sorted(links, key=lambda k: (k.source, k.target)):
        (x1, y1), (x2, y2) = pos(link.source), pos(link.target)
        # Arcs bulge left so that edges between articles on the same date stay visible.
        bend = 18.0 + abs(y2 - y1) * 0.35
        cx = min(x1, x2) - bend
        path = f"M{f1(x1)},{f1(y1)} Q{f1(cx)},{f1((y1 + y2) / 2)} {f1(x2)},{f1(y2)}"
        name = "common" if link.common else link.relation
        marker = "" if link.common else f"url(#arrow-{name})"
        edges.append(Edge(path, RELATION_COLOURS[name], link.common, marker, link.title, link.href))
    legend, markers = relation_keys({"common" if link.common else link.relation for link in links})
    return Timeline(
        width=f1(left + 10 + (len(columns) - 1) * gap + 330),
        height=f1(top + len(items) * row_h),
        axis_y=f1(top - 18),
        nodes=nodes,
        edges=edges,
        markers=markers,
        ticks=[Tick(f1(x_of[d]), d) for d in columns],
        legend=legend,
        caption=caption,
    )


@dataclass(frozen=True)
class Bar:
    """One stretch of a stacked share bar.

    Fields:
        x, width: position and length. kind: the passage kind (its CSS class). title: tooltip.
    """

    x: str
    width: str
    kind: str
    title: str


def share_bar(shares: dict[str, float], width: float = 300.0) -> list[Bar]:
    """A stacked bar of a text's words by passage kind, in the order of the legend."""
    bars = []
    x = 0.0
    for kind in ("verbatim", "edited", "paraphrase", "translation", "unique"):
        share = shares.get(kind, 0.0)
        if share <= 0:
            continue
        bars.append(Bar(f1(x), f1(share * width), kind, f"{kind}: {share * 100:.0f}% of the words"))
        x += share * width
    return bars
