"""Overlap measures: ranges, symmetry, identity (property tests) and the longest common passage."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align import align
from compare.measure.overlap import measure_overlap
from compare.normalise import tokenize

WORDS = st.lists(
    st.sampled_from(
        ["harbour", "pier", "ferry", "council", "storm", "repair", "boat", "town", "said", "the", "a"]
    ),
    max_size=40,
)


def _overlap(a: str, b: str):  # type: ignore[no-untyped-def]
    return measure_overlap(tokenize(a), tokenize(b), align(a, b), 3)


@settings(max_examples=40, deadline=None)
@given(WORDS, WORDS)
def test_measures_lie_in_unit_range_and_swap_with_the_texts(a_words: list[str], b_words: list[str]) -> None:
    a, b = " ".join(a_words), " ".join(b_words)
    one, two = _overlap(a, b), _overlap(b, a)
    for value in (one.containment_a_in_b, one.containment_b_in_a, one.jaccard, *one.string_measures.values()):
        assert 0.0 <= value <= 1.0
    assert one.jaccard == two.jaccard
    assert one.containment_a_in_b == two.containment_b_in_a
    for share in (one.share_a, one.share_b):
        assert abs(sum(share.values()) - 1.0) < 1e-9 or sum(share.values()) == 0.0


@settings(max_examples=25, deadline=None)
@given(WORDS.filter(lambda w: len(w) >= 3))
def test_identity_gives_full_overlap(words: list[str]) -> None:
    text = " ".join(words)
    overlap = _overlap(text, text)
    assert overlap.containment_a_in_b == overlap.containment_b_in_a == overlap.jaccard == 1.0
    assert overlap.share_a["verbatim"] == 1.0
    assert overlap.longest_common_words == len(words)


def test_longest_common_passage_stops_at_an_edit() -> None:
    a = "one two three four five six seven eight nine ten eleven twelve"
    b = "one two three four five six sevens eight nine ten eleven twelve"
    assert _overlap(a, b).longest_common_words == 6
