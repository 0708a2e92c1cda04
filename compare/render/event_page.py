"""Event pages and the index's list of events: JSON and HTML per event, written atomically."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.model import Event, EventStance
from compare.render.event_view import event_page
from compare.render.files import write_atomic
from compare.render.index_view import IndexPage
from compare.render.names import pair_name

if TYPE_CHECKING:
    from compare.measure.republication import Role
    from compare.pipeline import EventReport


@dataclass(frozen=True)
class EventLink:
    """A row of the index's event table.

    Fields:
        href: link to the event page.
        label: the event's label.
        topic: its topic's readable name.
        dates: its dates in words.
        articles: how many articles it holds.
        key_terms: its key terms, comma separated.
    """

    href: str
    label: str
    topic: str
    dates: str
    articles: str
    key_terms: str


@dataclass(frozen=True)
class EventsIndexPage(IndexPage):
    """Context of ``index_events.html``: the index (IndexPage's fields) plus its events.

    Fields:
        events: EventLink list, a row per event.
        has_events: whether there is any event.
    """

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


def write_events(events: Sequence[EventReport], roles: Mapping[str, Role], out_dir: Path) -> list[EventLink]:
    """Write ``events/<id>.html`` and ``.json`` for every event; return the index rows.

    ``roles`` are the articles' roles by id (own story, republication, credited text)."""
    from compare.render.event_text import topic_names

    topics = topic_names([e.event for e in events])
    return [write_event(report, topics[report.event.topic], roles, out_dir) for report in events]


def write_event(report: EventReport, topic: str, roles: Mapping[str, Role], out_dir: Path) -> EventLink:
    """Write one event's page and JSON; return its row of the index."""
    from compare.render.event_text import date_text
    from compare.render.html import render, to_json

    event, stem = report.event, event_stem(report.event)
    pairs = [(f"../pairs/{pair_name(r)}.html", r) for r in report.pairs]
    data = event.to_dict() | {
        "flow": report.flow.to_dict(),
        "collation": report.collation.to_dict(),
        "pairs": [href for href, _ in pairs],
        "talking_points": [p.to_dict() for p in report.talking_points],
        "stance": _stance_json(report.stance),
    }
    write_atomic(out_dir / "events" / f"{stem}.json", to_json(data, compact=True))
    page = event_page(report, pairs, roles, "../index.html", f"{stem}.json", topic)
    write_atomic(out_dir / "events" / f"{stem}.html", render("event.html", page, "../assets/"))
    return EventLink(
        href=f"events/{stem}.html",
        label=event.label,
        topic=topic,
        dates=date_text(event.date_range),
        articles=str(len(event.articles)),
        key_terms=", ".join(event.key_terms),
    )
