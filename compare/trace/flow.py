"""Within one event: who carries whose text (provenance edges), read from the compared pairs, and the
order of publication that follows from them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from compare.group.order import publication_order
from compare.model import COPY_RELATIONS, Article, Event, PairResult


@dataclass(frozen=True)
class FlowEdge:
    """``target`` carries text of ``source`` (or both carry a third text when ``common``)."""

    source: str
    target: str
    relation: str
    confidence: float
    evidence: tuple[str, ...] = ()
    common: bool = False

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "target": self.target,
            "relation": self.relation,
            "confidence": round(self.confidence, 4),
            "evidence": list(self.evidence),
            "common": self.common,
        }


@dataclass(frozen=True)
class Flow:
    """Articles in order of publication (undated last) and the provenance edges between them."""

    order: tuple[Article, ...]
    edges: tuple[FlowEdge, ...]

    @property
    def roots(self) -> tuple[str, ...]:
        """Ids of articles that carry nobody else's text: the likely originals."""
        carried = {e.target for e in self.edges if not e.common}
        return tuple(a.id for a in self.order if a.id not in carried)

    def to_dict(self) -> dict[str, object]:
        return {
            "order": [a.id for a in self.order],
            "edges": [e.to_dict() for e in self.edges],
            "roots": list(self.roots),
        }


def provenance_edges(results: Iterable[PairResult]) -> tuple[FlowEdge, ...]:
    """Edges from the direction verdicts of pairs whose relation means one carries the other."""
    edges: list[FlowEdge] = []
    for r in results:
        if r.relation not in COPY_RELATIONS or r.direction.source is None:
            continue
        source, target = (r.b, r.a) if r.direction.source == "b" else (r.a, r.b)
        edges.append(
            FlowEdge(
                source=source.id,
                target=target.id,
                relation=r.relation,
                confidence=r.direction.confidence,
                evidence=r.direction.evidence,
                common=r.direction.source == "common",
            )
        )
    return tuple(sorted(edges, key=lambda e: (e.source, e.target)))


def event_flow(event: Event, results: Sequence[PairResult]) -> Flow:
    """The flow of one event from the pair results (pairs outside the event are ignored)."""
    ids = {a.id for a in event.articles}
    inside = [r for r in results if r.a.id in ids and r.b.id in ids]
    edges = provenance_edges(inside)
    carriers = frozenset(e.target for e in edges if not e.common)
    return Flow(publication_order(event.articles, carriers), edges)
