"""Plain-text account of events grouped in topics, for terminals."""

from __future__ import annotations

from itertools import groupby

from compare.model import Event


def date_text(date_range: tuple[str | None, str | None]) -> str:
    """A date range in words: one day, a span, or undated."""
    first, last = date_range
    if first is None:
        return "undated"
    return first if first == last else f"{first} to {last}"


def topic_names(events: list[Event]) -> dict[str, str]:
    """A readable name for each topic id: "Topic N" numbered in the order the events come, with its
    event count when it holds several (the ids stay in the JSON)."""
    counts: dict[str, int] = {}
    for event in events:
        counts[event.topic] = counts.get(event.topic, 0) + 1
    names: dict[str, str] = {}
    for event in events:
        if event.topic not in names:
            count = counts[event.topic]
            names[event.topic] = f"Topic {len(names) + 1}" + (f" · {count} events" if count > 1 else "")
    return names


def events_text(events: list[Event]) -> str:
    """Topics, their events, each event's articles and why each joined."""
    lines: list[str] = []
    ordered = sorted(events, key=lambda e: e.topic)
    for topic, members in groupby(ordered, key=lambda e: e.topic):
        group = list(members)
        size = sum(len(e.articles) for e in group)
        lines.append(
            f"Topic {topic}: {len(group)} event{'s' if len(group) != 1 else ''}, {size} article{'s' if size != 1 else ''}"
        )
        for event in sorted(group, key=lambda e: (e.date_range[0] or "9999", e.id)):
            lines.append(f"  Event {event.id} ({date_text(event.date_range)}): {event.label}")
            if event.key_terms:
                lines.append(f"    key terms: {', '.join(event.key_terms)}")
            for article in event.articles:
                lines.append(
                    f"    - {article.path or article.url or article.id} ({article.date or 'undated'})"
                )
                lines.extend(f"        {reason}" for reason in event.reasons.get(article.id, ()))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else "No events.\n"
