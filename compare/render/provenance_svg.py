"""The provenance graph of one event as inline SVG, drawn in Python (no script, no network).

Articles sit left to right in order of publication; an arc goes from the source of a text to each
article that carries it, above the line, arrow at the carrier, in its relation's colour (the index
timeline's palette). A shared third source is a dashed grey arc with no arrow. Every label is escaped.
"""

from __future__ import annotations

from html import escape

from compare.normalise import shorten
from compare.render.charts import RELATION_COLOURS, LegendKey, relation_keys
from compare.trace.flow import Flow, FlowEdge

NODE_GAP = 170
MARGIN = 100
BASELINE = 40
NODE_RADIUS = 9
LABEL_CHARS = 24


def _name(edge: FlowEdge) -> str:
    """The palette entry of an edge: its relation, or "common" for a shared third source."""
    return "common" if edge.common or edge.relation not in RELATION_COLOURS else edge.relation


def _names(flow: Flow) -> set[str]:
    return {_name(edge) for edge in flow.edges}


def graph_legend(flow: Flow) -> list[LegendKey]:
    """The legend of the relations the graph draws, one colour and line style each."""
    return relation_keys(_names(flow))[0]


def provenance_svg(flow: Flow, names: dict[str, str]) -> str:
    """SVG markup of ``flow``; ``names`` maps article ids to the labels shown under the nodes."""
    count = len(flow.order)
    x = {a.id: MARGIN + k * NODE_GAP for k, a in enumerate(flow.order)}
    span = max((abs(x[e.target] - x[e.source]) for e in flow.edges), default=0)
    lift = min(span / 2.5, 160.0)
    baseline = BASELINE + lift
    width = MARGIN * 2 + max(count - 1, 0) * NODE_GAP
    height = int(baseline + 86)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="provenance" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="Provenance graph: '
        f'{count} articles, {len(flow.edges)} links">',
        "<defs>",
        *(
            f'<marker id="prov-{m.id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{m.colour}"/>'
            "</marker>"
            for m in relation_keys(_names(flow))[1]
        ),
        "</defs>",
        f'<line x1="{MARGIN - 30}" y1="{baseline:.0f}" x2="{width - MARGIN + 30}" y2="{baseline:.0f}" '
        'stroke="currentColor" stroke-opacity="0.25"/>',
    ]
    for edge in flow.edges:
        if edge.source not in x or edge.target not in x:
            continue
        x1, x2 = x[edge.source], x[edge.target]
        top = baseline - min(abs(x2 - x1) / 2.5, 160.0) - 12
        name = _name(edge)
        dash = ' stroke-dasharray="5 4"' if edge.common else f' marker-end="url(#prov-arrow-{name})"'
        what = "share a common source" if edge.common else "carries text of"
        tip = f"{names.get(edge.target, edge.target)} {what} {names.get(edge.source, edge.source)}: {edge.relation}, confidence {edge.confidence:.0%}"
        parts.append(
            f'<path class="edge {escape(edge.relation)}" d="M{x1},{baseline - NODE_RADIUS:.0f} '
            f'Q{(x1 + x2) / 2:.0f},{top:.0f} {x2},{baseline - NODE_RADIUS:.0f}" fill="none" '
            f'stroke="{RELATION_COLOURS[name]}" stroke-width="{1 + 2 * edge.confidence:.1f}"{dash}>'
            f"<title>{escape(tip)}</title></path>"
        )
    for k, article in enumerate(flow.order):
        cx = x[article.id]
        # Every other label sits lower so long neighbouring labels do not overlap.
        drop = 30 if k % 2 else 0
        label = escape(shorten(names.get(article.id, article.id), LABEL_CHARS))
        date = escape(article.date[:10] if article.date else "undated")
        root = " root" if article.id in flow.roots else ""
        parts.append(
            f'<g class="node{root}"><circle cx="{cx}" cy="{baseline:.0f}" r="{NODE_RADIUS}" '
            f'fill="{"currentColor" if root else "none"}" stroke="currentColor"/>'
            f'<text x="{cx}" y="{baseline + 26 + drop:.0f}" text-anchor="middle" font-size="12" fill="currentColor">{label}</text>'
            f'<text x="{cx}" y="{baseline + 42 + drop:.0f}" text-anchor="middle" font-size="11" fill="currentColor" '
            f'fill-opacity="0.7">{date}</text><title>{escape(names.get(article.id, article.id))}</title></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
