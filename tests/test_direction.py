"""Direction: dates, credits, datelines, chrome and containment vote; a third text gives common."""

from __future__ import annotations

from dataclasses import replace

from compare.model import Article, Attribution, Removed
from compare.pipeline import compare_pair

WIRE = (
    "VELMORA, March 3. The harbour council voted on Tuesday to close the old ferry pier for repairs "
    "that engineers say will take at least three months. Fishermen who moor beside the pier will move "
    "to the northern basin, where the council promised temporary berths and a new fuel pump by spring."
)
EXTRA = " Local shops fear a quiet summer without the ferry crowds, the chamber of commerce said."


def test_unrelated_pairs_have_no_source() -> None:
    result = compare_pair(
        Article("a", WIRE), Article("b", "A choir sang in the old town hall all evening long.")
    )
    assert result.direction.source is None


def test_earlier_date_and_a_credit_point_at_the_source() -> None:
    wire = Article("a", WIRE, outlet="Harbour Wire", date="2024-03-03")
    copy = Article(
        "b",
        WIRE + EXTRA,
        outlet="Daily Gull",
        date="2024-03-04",
        attribution=(Attribution("credit", "Source: Harbour Wire", "Harbour Wire"),),
    )
    direction = compare_pair(wire, copy).direction
    assert direction.source == "a" and direction.confidence > 0.5
    assert any("dated earlier" in e for e in direction.evidence)
    assert any("credits" in e for e in direction.evidence)
    swapped = compare_pair(copy, wire).direction
    assert swapped.source == "b"


def test_two_aggregators_of_one_wire_story_share_a_common_source() -> None:
    notice = Attribution(
        "republication_notice", "This article was originally published by Harbour Wire", "Harbour Wire"
    )
    one = Article("a", WIRE, outlet="Gull Aggregator", attribution=(notice,))
    two = replace(
        one,
        id="b",
        text=WIRE + EXTRA,
        outlet="Pelican Feeds",
        removed=(Removed("Share this", "share prompt"),),
    )
    direction = compare_pair(one, two).direction
    assert direction.source == "common"
    assert "Harbour Wire" in direction.evidence[0]


def test_containment_asymmetry_is_evidence() -> None:
    direction = compare_pair(Article("a", WIRE + EXTRA), Article("b", WIRE)).direction
    assert direction.source == "a"
    assert any("cut down" in e for e in direction.evidence)


def test_a_republication_of_a_third_outlet_does_not_make_the_other_the_source() -> None:
    notice = Attribution("republication_notice", "Originally published by Harbour Wire", "Harbour Wire")
    aggregator = Article("a", WIRE, outlet="Gull Aggregator", attribution=(notice,))
    other = Article("b", WIRE + EXTRA, outlet="Daily Gull")
    direction = compare_pair(aggregator, other).direction
    assert any("republishes" in e and "not B" in e for e in direction.evidence)
    assert not any("says it is a republication" in e for e in direction.evidence)
