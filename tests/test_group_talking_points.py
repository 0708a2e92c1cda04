"""Talking points: phrasings recurring across different events, not copies within one."""

from __future__ import annotations

from compare.group.talking_points import talking_points
from compare.model import Article, Event

LINE = "we must weigh every factor, offensive and defensive, nuclear and conventional alike"
SPRING = Article(id="spring", text=f"At the spring summit the minister said {LINE}. Talks went on.")
AUTUMN = Article(id="autumn", text=f"In autumn the minister repeated that {LINE}, to nobody's surprise.")
AUTUMN_COPY = Article(
    id="autumn-copy", text=f"In autumn the minister repeated that {LINE}, to nobody's surprise."
)
OTHER = Article(id="other", text="A cheese fair opened in the hills with three hundred wheels on show.")


def events(*groups: tuple[Article, ...]) -> list[Event]:
    return [Event(f"e{k}", "label", "t", group) for k, group in enumerate(groups)]


def test_a_line_repeated_in_two_events_is_a_talking_point() -> None:
    (point,) = talking_points(events((SPRING,), (AUTUMN, AUTUMN_COPY), (OTHER,)))
    assert "offensive and defensive" in point.text
    assert point.events == ("e0", "e1")
    assert {o.article for o in point.occurrences} == {"spring", "autumn", "autumn-copy"}
    source = {a.id: a.text for a in (SPRING, AUTUMN, AUTUMN_COPY)}
    for o in point.occurrences:
        assert source[o.article][o.start : o.end] == o.text


def test_copies_within_one_event_are_not_talking_points() -> None:
    assert talking_points(events((AUTUMN, AUTUMN_COPY), (OTHER,))) == []


def test_short_stock_phrases_do_not_count() -> None:
    a = Article(id="a", text="He said that it was in the end of the day a thing.")
    b = Article(id="b", text="She said that it was in the end of the week.")
    assert talking_points(events((a,), (b,))) == []


def test_no_events_no_points() -> None:
    assert talking_points([]) == []
