"""View model of the event page: timeline, provenance graph, N-way passage table, members, pairs.

The template only loops and prints; every string here is ready to show, the SVG is drawn in
Python and handed over as markup (its labels escaped where it is drawn).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from compare.measure.republication import Role
from compare.model import Article, Event, PairResult
from compare.render.article_view import article_href
from compare.render.charts import LegendKey
from compare.render.event_stance_view import EventStanceView, event_stance_view
from compare.render.provenance_svg import graph_legend, provenance_svg
from compare.render.views import excerpt, when

if TYPE_CHECKING:
    from compare.pipeline import EventReport
from compare.trace.collation import Collation
from compare.trace.flow import Flow

# Longest passage text shown in a cell of the passages-across-articles table.
CELL_CHARS = 220
HOW_HELP: dict[str, str] = {
    "first": "The earliest article (in this table's column order) that carries the passage.",
    "verbatim": "Most of it in the same words as an earlier article of this table.",
    "edited": "Copied from an earlier article of this table, then words changed.",
    "paraphrase": "The same content as an earlier article of this table, in other words.",
    "translation": "The same content as an earlier article of this table, in another language.",
}


@dataclass(frozen=True)
class TimelineRow:
    """One article in order of publication.

    Fields:
        position: its number in order of publication (from 1).
        name: the article's name.
        href: link to the article's page.
        outlet: its outlet, or "unknown outlet".
        date: its date (and time), or "undated".
        role: "original", "carries text of …" or "independent", then its attribution role.
    """

    position: str
    name: str
    href: str
    outlet: str
    date: str
    role: str


@dataclass(frozen=True)
class EdgeRow:
    """One provenance link.

    Fields:
        source: the source article's name.
        target: the carrier's name.
        relation: the pair's relation ("(common source)" added when both carry a third text).
        confidence: the direction verdict's confidence, a percentage.
        evidence: the evidence for it, in one line.
        href: link to the pair page.
    """

    source: str
    target: str
    relation: str
    confidence: str
    evidence: str
    href: str


@dataclass(frozen=True)
class CellView:
    """One cell of the passage table (empty text when the article lacks the passage).

    Fields:
        how: how the article carries it (first, verbatim, edited, paraphrase, translation, absent), its css class.
        text: the article's text of the passage, shortened.
        help: what ``how`` means.
    """

    how: str
    text: str
    help: str


@dataclass(frozen=True)
class MemberRow:
    """An article of the event and why it joined.

    Fields:
        name: the article's name.
        href: link to its page.
        path: the file, URL or id it was read from.
        outlet: its outlet, or "unknown outlet".
        date: its date (and time), or "undated".
        reasons: why it joined the event, as sentences.
    """

    name: str
    href: str
    path: str
    outlet: str
    date: str
    reasons: list[str]


@dataclass(frozen=True)
class PairRow:
    """A compared pair of this event.

    Fields:
        href: link to the pair page.
        a_name: article A's name.
        b_name: article B's name.
        relation: the pair's relation.
    """

    href: str
    a_name: str
    b_name: str
    relation: str


@dataclass(frozen=True)
class EventPage:
    """Context of ``event.html``.

    Fields:
        title: the page title.
        label: the event's label.
        topic: its topic's readable name.
        dates: its dates in words.
        key_terms: its key terms, comma separated.
        index_href: link back to the report index.
        json_href: link to the event's JSON.
        timeline: TimelineRow list, the articles in order of publication.
        graph_svg: the provenance graph, SVG markup.
        graph_legend: LegendKey list of the graph's relations.
        has_edges: whether any article carries another's text.
        edges: EdgeRow list, the provenance links.
        columns: the article names heading the passage table.
        rows: the passage table, lists of CellView.
        has_rows: whether any passage is shared.
        members: MemberRow list, the articles and why each joined.
        pairs: PairRow list, the pairs compared.
        has_pairs: whether any pair was compared.
        talking_points: the event's talking points, as sentences.
        has_talking_points: whether it has any.
        stance: EventStanceView, claim stance, voices, omissions and distinctive terms.
    """

    title: str
    label: str
    topic: str
    dates: str
    key_terms: str
    index_href: str
    json_href: str
    timeline: list[TimelineRow]
    graph_svg: object
    graph_legend: list[LegendKey]
    has_edges: bool
    edges: list[EdgeRow]
    columns: list[str]
    rows: list[list[CellView]]
    has_rows: bool
    members: list[MemberRow]
    pairs: list[PairRow]
    has_pairs: bool
    talking_points: list[str]
    has_talking_points: bool
    stance: EventStanceView


def _role(article: Article, own: Role, sources: Mapping[str, list[str]], linked: set[str]) -> str:
    """Its place in the event's flow of text, then, for a republication or a credited text, whose."""
    if article.id in sources:
        flow_role = "carries text of " + ", ".join(sources[article.id])
    else:
        flow_role = "original" if article.id in linked else "independent of the others here"
    return f"{flow_role}; {own.text}" if own.kind in ("republication", "credits") else flow_role


def _dates(event: Event) -> str:
    first, last = event.date_range
    if first is None:
        return "undated"
    return first if first == last else f"{first} to {last}"


def _timeline(flow: Flow, names: Mapping[str, str], roles: Mapping[str, Role]) -> list[TimelineRow]:
    """The articles in order of publication, each with its place in the flow of text."""
    sources: dict[str, list[str]] = {}
    for e in flow.edges:
        if not e.common:
            sources.setdefault(e.target, []).append(names.get(e.source, e.source))
    linked = {e.source for e in flow.edges} | {e.target for e in flow.edges}
    return [
        TimelineRow(
            position=str(k),
            name=a.name,
            href="../" + article_href(a),
            outlet=a.outlet or "unknown outlet",
            date=when(a),
            role=_role(a, roles[a.id], sources, linked),
        )
        for k, a in enumerate(flow.order, start=1)
    ]


def _edges(flow: Flow, names: Mapping[str, str], pairs: Sequence[tuple[str, PairResult]]) -> list[EdgeRow]:
    """The provenance links, each linked to its pair page."""
    href_of = {frozenset((r.a.id, r.b.id)): href for href, r in pairs}
    return [
        EdgeRow(
            source=names.get(e.source, e.source),
            target=names.get(e.target, e.target),
            relation=e.relation + (" (common source)" if e.common else ""),
            confidence=f"{e.confidence:.0%}",
            evidence=" ".join(e.evidence),
            href=href_of.get(frozenset((e.source, e.target)), ""),
        )
        for e in flow.edges
    ]


def _collation_rows(collation: Collation) -> list[list[CellView]]:
    """The passage table's cells, shortened and explained."""
    return [
        [
            CellView("absent", "", "Not in this article.")
            if cell is None
            else CellView(cell.how, excerpt(cell.text, CELL_CHARS), HOW_HELP.get(cell.how, ""))
            for cell in row.cells
        ]
        for row in collation.rows
    ]


def _members(event: Event) -> list[MemberRow]:
    """The event's articles with why each joined."""
    return [
        MemberRow(
            name=a.name,
            href="../" + article_href(a),
            path=a.location,
            outlet=a.outlet or "unknown outlet",
            date=when(a),
            reasons=list(event.reasons.get(a.id, ())),
        )
        for a in event.articles
    ]


def event_page(
    report: EventReport,
    pairs: Sequence[tuple[str, PairResult]],
    roles: Mapping[str, Role],
    index_href: str,
    json_href: str,
    topic: str = "",
) -> EventPage:
    """Build the event page's view model from the event's report; ``pairs`` are its pairs with
    their page links, ``roles`` its articles' roles by id, ``topic`` the topic's readable name (the
    topic id when empty)."""
    import markupsafe

    event, flow = report.event, report.flow
    names = {a.id: a.credited_name for a in event.articles}
    edges = _edges(flow, names, pairs)
    rows = _collation_rows(report.collation)
    points = [f"“{p.text}” — in {len(p.events)} events" for p in report.talking_points]
    return EventPage(
        title=f"Event: {event.label}",
        label=event.label,
        topic=topic or event.topic,
        dates=_dates(event),
        key_terms=", ".join(event.key_terms),
        index_href=index_href,
        json_href=json_href,
        timeline=_timeline(flow, names, roles),
        graph_svg=markupsafe.Markup(provenance_svg(flow, names)),
        graph_legend=graph_legend(flow),
        has_edges=bool(edges),
        edges=edges,
        columns=[a.credited_name for a in report.collation.articles],
        rows=rows,
        has_rows=bool(rows),
        members=_members(event),
        pairs=[PairRow(href, r.a.credited_name, r.b.credited_name, r.relation) for href, r in pairs],
        has_pairs=bool(pairs),
        talking_points=points,
        has_talking_points=bool(points),
        stance=event_stance_view(report.stance, flow.order),
    )
