"""Talking points: phrasings recurring across different events, not copies within one."""

from __future__ import annotations

from pathlib import Path

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


def test_the_seeds_repeat_the_nuclear_and_non_nuclear_line_across_events(seeds: Path) -> None:
    from compare.group import group_events
    from compare.ingest import load_many

    names = sorted(p.name for p in seeds.glob("00*.txt"))
    found = talking_points(group_events(load_many([str(seeds / n) for n in names]).articles))
    line = next(p for p in found if "offensive and defensive" in p.text)
    carriers = {Path(o.article).name[:3] for o in line.occurrences}
    assert {"000", "002"} <= carriers
    assert "nuclear and non-nuclear" in line.text
