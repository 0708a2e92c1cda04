"""Event pages and the index's list of events: JSON and HTML per event, written atomically."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from compare.group.talking_points import TalkingPoint, talking_points
from compare.model import Event, EventStance, PairResult
from compare.render.event_view import event_page
from compare.render.files import write_atomic
from compare.render.index_view import IndexPage
from compare.trace.collation import collate
from compare.trace.flow import event_flow


@dataclass(frozen=True)
class EventLink:
    """A row of the index's event table.

    Fields: href (event page), label, topic (its readable name), dates (in words), articles (count), key_terms.
    """

    href: str
    label: str
    topic: str
    dates: str
    articles: str
    key_terms: str


@dataclass(frozen=True)
class EventsIndexPage(IndexPage):
    """Context of ``index_events.html``: the index plus its events (``events``, ``has_events``)."""

    events: list[EventLink] = field(default_factory=list)
    has_events: bool = False


def with_events(page: IndexPage, links: list[EventLink]) -> EventsIndexPage:
    """The index page's view model with the event table added."""
    values = {f.name: getattr(page, f.name) for f in fields(IndexPage)}
    return EventsIndexPage(**values, events=links, has_events=bool(links))


def event_stem(event: Event) -> str:
    """File stem of an event page: its stable id."""
    return event.id


def _stance_json(section: EventStance | None) -> dict[str, Any] | None:
    """The section for the event JSON: each article's claim stance and omissions (by span) and the
    outlets' distinctive terms; the full profiles are in the report's ``index.json``."""
    from compare.render.html import omissions_by_span

    if section is None:
        return None
    data = section.to_dict()
    return {
        "claim": data["claim"],
        "articles": {
            s.profile.article_id: {
                "claim_stance": s.profile.claim_stance,
                "omissions": omissions_by_span(s.omissions),
            }
            for s in section.articles
        },
        "distinctive_terms": data["distinctive_terms"],
    }


def write_events(
    events: Sequence[Event],
    links: Sequence[tuple[str, PairResult]],
    out_dir: Path,
    stances: Mapping[str, EventStance] | None = None,
) -> list[EventLink]:
    """Write ``events/<id>.html`` and ``.json`` for every event; return the index rows.

    ``stances`` (by event id, from ``pipeline.compare_collection``) add each event's stance section
    (claim stance, voices, omissions, distinctive terms).
    """
    from compare.render.event_text import date_text, topic_names
    from compare.render.html import render, to_json

    points: list[TalkingPoint] = talking_points(events)
    rows: list[EventLink] = []
    topics = topic_names(list(events))
    for event in events:
        ids = {a.id for a in event.articles}
        mine = [(f"../{href}", r) for href, r in links if r.a.id in ids and r.b.id in ids]
        results = [r for _, r in mine]
        flow = event_flow(event, results)
        collation = collate(flow.order, results)
        section = (stances or {}).get(event.id)
        stem = event_stem(event)
        data = event.to_dict() | {
            "flow": flow.to_dict(),
            "collation": collation.to_dict(),
            "pairs": [href for href, _ in mine],
            "talking_points": [p.to_dict() for p in points if event.id in p.events],
            "stance": _stance_json(section),
        }
        write_atomic(out_dir / "events" / f"{stem}.json", to_json(data, compact=True))
        page = replace(
            event_page(event, flow, collation, mine, points, "../index.html", f"{stem}.json", section),
            topic=topics[event.topic],
        )
        write_atomic(out_dir / "events" / f"{stem}.html", render("event.html", page, "../assets/"))
        rows.append(
            EventLink(
                href=f"events/{stem}.html",
                label=event.label,
                topic=topics[event.topic],
                dates=date_text(event.date_range),
                articles=str(len(event.articles)),
                key_terms=", ".join(event.key_terms),
            )
        )
    return rows
