"""Invariants of the shared records."""

from __future__ import annotations

import pytest

from compare.model import Direction, Passage, Span


def test_span_rejects_reversed_range() -> None:
    with pytest.raises(ValueError, match="bad span"):
        Span(5, 2)


def test_passage_similarity_must_be_a_share() -> None:
    with pytest.raises(ValueError, match="similarity must lie in"):
        Passage("verbatim", Span(0, 1), Span(0, 1), 1.5)


def test_copied_passage_needs_both_sides() -> None:
    with pytest.raises(ValueError, match="needs spans on both sides"):
        Passage("edited", Span(0, 1), None, 0.5)


def test_unique_passage_serialises_missing_side_as_null() -> None:
    data = Passage("unique", None, Span(3, 9), 0.0).to_dict()
    assert data["a"] is None and data["b"] == [3, 9] and data["kind"] == "unique"


def test_direction_confidence_is_checked() -> None:
    with pytest.raises(ValueError):
        Direction("a", -0.1)
