"""The event page's view model and its provenance SVG (escaped, offline, deterministic)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from compare.group import group_events
from compare.measure.republication import article_role
from compare.model import (
    Article,
    ArticleStance,
    Claim,
    Direction,
    Event,
    EventStance,
    Omission,
    Omissions,
    Overlap,
    PairResult,
)
from compare.pipeline import EventReport
from compare.render.charts import RELATION_COLOURS
from compare.render.event_view import EventPage, event_page
from compare.render.html import render
from compare.render.provenance_svg import graph_legend, provenance_svg
from compare.trace.collation import collate
from compare.trace.flow import event_flow
from tests.group_fixtures import BRIDGE_1, BRIDGE_2
from tests.stance_fixtures import stance_profile

ROLES = {a.id: article_role(a) for a in (BRIDGE_1, BRIDGE_2)}


def copy_result(a: Article, b: Article) -> PairResult:
    overlap = Overlap(0.9, 0.8, 0.7, 30, {}, {}, {})
    return PairResult(a, b, (), overlap, "copy-with-edits", Direction("a", 0.9, ("A is older",)))


def event_report(event: Event, results: list[PairResult], stance: EventStance | None = None) -> EventReport:
    flow = event_flow(event, results)
    return EventReport(event, tuple(results), flow, collate(flow.order, results), (), stance)


def bridge_event() -> Event:
    (event,) = group_events([BRIDGE_1, BRIDGE_2])
    return event


def test_page_has_timeline_edges_links_and_reasons() -> None:
    event = bridge_event()
    result = copy_result(BRIDGE_1, BRIDGE_2)
    page = event_page(
        event_report(event, [result]), [("../pairs/x.html", result)], ROLES, "../index.html", "e.json"
    )
    assert [row.role for row in page.timeline] == ["original", f"carries text of {BRIDGE_1.title}"]
    assert page.has_edges and page.edges[0].href == "../pairs/x.html"
    assert page.edges[0].confidence == "90%"
    assert page.members[1].reasons[0].startswith("closest:")
    assert not page.has_rows and page.has_pairs
    html = render("event.html", page)
    assert (
        html.count("<svg") == 1
        and "../pairs/x.html" in html
        and "http"
        not in html.split("<svg", 1)[1].split("</svg>")[0].replace("http://www.w3.org/2000/svg", "")
    )


def test_every_documented_field_is_in_the_docstring() -> None:
    doc = EventPage.__doc__ or ""
    assert all(f.name in doc for f in fields(EventPage))


def test_svg_escapes_titles_and_draws_one_node_per_article() -> None:
    hostile = Article(id="h", text="x", title='<script>alert("x")</script> & co', date="2024-03-01")
    event = Event("e", "label", "t", (hostile, BRIDGE_2))
    flow = event_flow(event, [copy_result(hostile, BRIDGE_2)])
    svg = provenance_svg(flow, {a.id: a.name for a in event.articles})
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    relation = flow.edges[0].relation
    assert svg.count("<circle") == 2 and svg.count(f'marker-end="url(#prov-arrow-{relation})"') == 1
    assert f'stroke="{RELATION_COLOURS[relation]}"' in svg and f'id="prov-arrow-{relation}"' in svg
    assert [k.text for k in graph_legend(flow)] == [relation]
    assert svg == provenance_svg(flow, {a.id: a.name for a in event.articles})


def test_a_lone_article_page_says_there_is_no_pair(tmp_path: Path) -> None:
    (event,) = group_events([BRIDGE_1])
    html = render("event.html", event_page(event_report(event, []), [], ROLES, "../index.html", "e.json"))
    assert "One article alone: there is no pair to compare." in html
    assert "No article of this event carries another" in html


def test_event_stance_section_shows_claim_stance_voices_and_terms() -> None:
    event = bridge_event()
    result = copy_result(BRIDGE_1, BRIDGE_2)
    flow = event_flow(event, [result])
    first, second = flow.order
    missing = Omission("quote", "“Soon,” said Ada Quill.", "Ada Quill", ((first.id, 0, 22),))
    section = EventStance(
        Claim(first.title or "", first.id),
        (
            ArticleStance(stance_profile(first.id, speaker_shares={"Ada Quill": 0.2}), Omissions()),
            ArticleStance(
                stance_profile(
                    second.id, speaker_shares={"Ada Quill": 0.1, "Bo Renn": 0.05}, claim_stance="agree"
                ),
                Omissions((missing,)),
            ),
        ),
        {"Outlet B": (("ferry", 2.54),), "Outlet A": ()},
    )
    page = event_page(event_report(event, [result], section), [], ROLES, "../index.html", "e.json")
    stance = page.stance
    assert stance.available and stance.claim_from == first.name
    assert [r.claim_stance for r in stance.rows] == ["the claim's source", "agree"]
    assert [r.left_out for r in stance.rows] == [
        "0 quotes, 0 facts",
        "1 quote, 0 facts (quotes of Ada Quill)",
    ]
    assert stance.voices is not None
    assert [label.text for label in stance.voices.rows] == ["Ada Quill", "Bo Renn"]
    assert sorted(c.text for c in stance.voices.cells) == ["10", "20", "5"]
    assert [(t.outlet, t.terms) for t in stance.terms] == [("Outlet B", "ferry (z 2.5)")]
    html = render("event.html", page)
    assert 'id="stance-table"' in html and "Ada Quill: 20% of the words of" in html


def test_event_without_stance_or_quotes_says_so() -> None:
    event = bridge_event()
    flow = event_flow(event, [])
    bare = event_page(event_report(event, []), [], ROLES, "../index.html", "e.json")
    assert not bare.stance.available
    assert "Stance figures were not measured for this report." in render("event.html", bare)
    quiet = EventStance(Claim("x", flow.order[0].id))
    page = event_page(event_report(event, [], quiet), [], ROLES, "../index.html", "e.json")
    html = render("event.html", page)
    assert not page.stance.has_voices and "No article of this event quotes anyone by name." in html
    assert "No outlet uses terms distinctive enough to list" in html


def test_topics_get_readable_names_in_the_order_events_come() -> None:
    from dataclasses import replace

    from compare.render.event_text import topic_names

    event = bridge_event()
    first, second, third = (replace(event, id=f"e{k}", topic=t) for k, t in enumerate(("t-b", "t-a", "t-b")))
    assert topic_names([first, second, third]) == {"t-b": "Topic 1 · 2 events", "t-a": "Topic 2"}
    assert topic_names([]) == {}
