"""Plain-text account of events grouped in topics, for terminals."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from compare.model import Event


def date_text(date_range: tuple[str | None, str | None]) -> str:
    """A date range in words: one day, a span, or undated."""
    first, last = date_range
    if first is None:
        return "undated"
    return first if first == last else f"{first} to {last}"


def topic_numbers(events: list[Event]) -> dict[str, int]:
    """Each topic id's number, 1 on, in the order the events come (group_events: by date)."""
    numbers: dict[str, int] = {}
    for event in events:
        numbers.setdefault(event.topic, len(numbers) + 1)
    return numbers


def topic_names(events: list[Event]) -> dict[str, str]:
    """A readable name for each topic id: "Topic N", with its event count when it holds several
    (the ids stay in the JSON)."""
    counts = Counter(event.topic for event in events)
    return {
        topic: f"Topic {number}" + (f" · {counts[topic]} events" if counts[topic] > 1 else "")
        for topic, number in topic_numbers(events).items()
    }


def events_text(events: list[Event]) -> str:
    """Topics, their events, each event's articles and why each joined."""
    lines: list[str] = []
    numbers = topic_numbers(events)
    ordered = sorted(events, key=lambda e: numbers[e.topic])
    for topic, members in groupby(ordered, key=lambda e: e.topic):
        group = list(members)
        size = sum(len(e.articles) for e in group)
        lines.append(
            f"Topic {numbers[topic]} ({topic}): {len(group)} event{'s' if len(group) != 1 else ''}, "
            f"{size} article{'s' if size != 1 else ''}"
        )
        for event in sorted(group, key=lambda e: (e.date_range[0] or "9999", e.id)):
            lines.append(f"  Event {event.id} ({date_text(event.date_range)}): {event.label}")
            if event.key_terms:
                lines.append(f"    key terms: {', '.join(event.key_terms)}")
            for article in event.articles:
                lines.append(
                    f"    - {article.location} ({article.date or 'undated'})"
                )
                lines.extend(f"        {reason}" for reason in event.reasons.get(article.id, ()))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else "No events.\n"
