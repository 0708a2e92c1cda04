"""Independent accounts of one event are `same-event`, copies stay copies (seeds and the bundled sample)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from compare.ingest import load, load_many
from compare.model import Article
from compare.pipeline import compare_pair

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@lru_cache(maxsize=1)
def _sample() -> dict[str, Article]:
    """The bundled sample's articles by file name (JSON Lines records by their id)."""
    return {Path(a.id).name: a for a in load_many([EXAMPLES]).articles}


def _relation(a: str, b: str) -> str:
    sample = _sample()
    return compare_pair(sample[a], sample[b], stance=False).relation


def test_two_outlets_reporting_one_speech_are_the_same_event(seeds: Path) -> None:
    a = load(seeds / "000_2b789904169a3f38.txt")
    b = load(seeds / "003_bcf33ebb3281a79a.txt")
    assert compare_pair(a, b, stance=False).relation == "same-event"
    assert compare_pair(b, a, stance=False).relation == "same-event"


@pytest.mark.parametrize(
    "copy", ["nordpress-original.txt", "newshub-aggregator.html", "dailyfeed-copy.txt"]
)
def test_the_rival_account_is_the_same_event_as_the_wire_story_and_its_copies(copy: str) -> None:
    assert _relation(copy, "harbor-daily-account.html") == "same-event"


@pytest.mark.parametrize(
    ("a", "b", "relations"),
    [
        ("nordpress-original.txt", "newshub-aggregator.html", {"duplicate"}),
        ("nordpress-original.txt", "dailyfeed-copy.txt", {"copy-with-edits"}),
        ("newshub-aggregator.html", "dailyfeed-copy.txt", {"copy-with-edits"}),
        # The 102-word brief is four fifths wire text: the alignment's coverage rule names it.
        ("event2-wire.txt", "coastwatch-orsa-brief", {"partial-copy", "copy-with-edits"}),
    ],
)
def test_the_sample_copies_keep_their_relations(a: str, b: str, relations: set[str]) -> None:
    assert _relation(a, b) in relations


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("nordpress-original.txt", "event2-wire.txt"),
        ("nordpress-original.txt", "unrelated-story.txt"),
        ("event2-wire.txt", "unrelated-story.txt"),
    ],
)
def test_unrelated_sample_stories_are_different_events(a: str, b: str) -> None:
    assert _relation(a, b) == "different-event"
