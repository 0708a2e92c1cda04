"""Order of publication and provenance edges from the pairs' direction verdicts."""

from __future__ import annotations

from compare.group.order import publication_order
from compare.model import Article, Direction, Event, Overlap, PairResult
from compare.trace.flow import event_flow, provenance_edges


def article(id_: str, date: str | None) -> Article:
    return Article(id=id_, text=f"Text of {id_}.", date=date)


def result(a: Article, b: Article, relation: str, source: str | None) -> PairResult:
    overlap = Overlap(0.5, 0.5, 0.3, 10, {}, {}, {})
    return PairResult(a, b, (), overlap, relation, Direction(source, 0.8, ("dates",)))  # type: ignore[arg-type]


WIRE, COPY, LATE, UNDATED = (
    article("wire", "2024-03-01"),
    article("copy", "2024-03-02"),
    article("late", "2024-03-05"),
    article("undated", None),
)


def test_publication_order_puts_undated_last() -> None:
    order = publication_order([UNDATED, LATE, WIRE, COPY])
    assert [a.id for a in order] == ["wire", "copy", "late", "undated"]


def test_edges_point_from_source_to_carrier_both_ways() -> None:
    edges = provenance_edges(
        [result(WIRE, COPY, "copy-with-edits", "a"), result(LATE, WIRE, "partial-copy", "b")]
    )
    assert [(e.source, e.target) for e in edges] == [("wire", "copy"), ("wire", "late")]


def test_independent_accounts_and_unknown_direction_draw_no_edge() -> None:
    edges = provenance_edges([result(WIRE, COPY, "same-event", "a"), result(WIRE, LATE, "duplicate", None)])
    assert edges == ()


def test_a_common_source_is_marked_and_does_not_make_a_carrier() -> None:
    edges = provenance_edges([result(COPY, LATE, "rewrite", "common")])
    assert edges[0].common
    flow = event_flow(Event("e", "label", "t", (COPY, LATE)), [result(COPY, LATE, "rewrite", "common")])
    assert flow.roots == ("copy", "late")


def test_event_flow_ignores_pairs_outside_the_event_and_finds_the_roots() -> None:
    event = Event("e", "label", "t", (WIRE, COPY, LATE))
    flow = event_flow(
        event,
        [result(WIRE, COPY, "duplicate", "a"), result(WIRE, UNDATED, "duplicate", "a")],
    )
    assert [(e.source, e.target) for e in flow.edges] == [("wire", "copy")]
    assert flow.roots == ("wire", "late")
    assert flow.to_dict()["order"] == ["wire", "copy", "late"]


def test_on_the_same_day_a_copy_follows_its_source() -> None:
    aggregator = article("a-aggregator", "2024-03-01")
    wire = article("z-wire", "2024-03-01")
    flow = event_flow(
        Event("e", "l", "t", (aggregator, wire)), [result(aggregator, wire, "copy-with-edits", "b")]
    )
    assert [a.id for a in flow.order] == ["z-wire", "a-aggregator"]
    assert [a.id for a in publication_order([aggregator, wire])] == ["a-aggregator", "z-wire"]
