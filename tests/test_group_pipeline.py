"""pairs_to_compare: pairs within events, within topics on request, all pairs without events."""

from __future__ import annotations

from compare.model import Event
from compare.pipeline import pairs_to_compare
from tests.group_fixtures import ALL, BRIDGE_1, BRIDGE_2, FESTIVAL, MINE_1, MINE_2

EVENTS = [
    Event("e1", "bridge", "t1", (BRIDGE_2, BRIDGE_1)),
    Event("e2", "mine", "t2", (MINE_1, MINE_2)),
    Event("e3", "festival", "t1", (FESTIVAL,)),
]


def test_without_events_every_pair_is_compared() -> None:
    assert len(pairs_to_compare(ALL)) == 10


def test_with_events_only_pairs_within_an_event() -> None:
    assert pairs_to_compare(ALL, EVENTS) == [(0, 1), (2, 3)]


def test_by_topic_pairs_span_the_events_of_a_topic() -> None:
    assert pairs_to_compare(ALL, EVENTS, by_topic=True) == [(0, 1), (0, 4), (1, 4), (2, 3)]


def test_articles_missing_from_the_list_are_ignored() -> None:
    assert pairs_to_compare((BRIDGE_1,), EVENTS) == []
