"""Wording lexicons, per-1,000-word rates and distinctive terms (hand-written fiction)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.measure.stance.terms import distinctive_terms
from compare.measure.stance.wording import LEXICONS, find_wording, wording_rates

TEXT = (
    "The regime claimed the vote was fair, but observers said the war-ravaged province was "
    "reportedly under occupation. Officials insisted, very loudly, that militants had fled."
)


def test_categories_and_spans() -> None:
    found = {(m.category, m.text) for m in find_wording(TEXT)}
    assert ("attribution_loaded", "claimed") in found
    assert ("attribution_neutral", "said") in found
    assert ("labelling", "war-ravaged") in found
    assert ("labelling", "militants") in found
    assert ("hedge", "reportedly") in found
    assert ("intensifier", "very") in found
    for m in find_wording(TEXT):
        assert TEXT[m.start : m.end] == m.text


def test_phrases_and_case_are_matched() -> None:
    text = "They call it a Special Military Operation; critics call it AN INVASION."
    terms = [m.term for m in find_wording(text)]
    assert "special military operation" in terms
    assert "invasion" in terms


def test_rates_per_thousand_words() -> None:
    matches = find_wording("He claimed it. She claimed it.")
    rates = wording_rates(matches, 500)
    assert rates["attribution_loaded"] == 4.0
    assert set(rates) == set(LEXICONS)
    assert wording_rates(matches, 0)["attribution_loaded"] == 0.0


def test_empty_text() -> None:
    assert find_wording("") == []


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_spans_slice_back(text: str) -> None:
    for m in find_wording(text):
        assert text[m.start : m.end] == m.text


def test_distinctive_terms_favour_each_outlets_own_words() -> None:
    texts = {
        "North Post": ["the annexation of the valley was condemned, annexation again"] * 3,
        "South Daily": ["the reunification of the valley was celebrated, reunification"] * 3,
    }
    terms = distinctive_terms(texts)
    assert terms["North Post"][0][0] == "annexation"
    assert terms["South Daily"][0][0] == "reunification"
    assert all(z > 0 for _, z in terms["North Post"])
    assert "valley" not in [t for t, _ in terms["North Post"]]


def test_distinctive_terms_degenerate_inputs() -> None:
    assert distinctive_terms({}) == {}
    assert distinctive_terms({"Only": ["one outlet"]}) == {"Only": []}
    assert distinctive_terms({"A": [""], "B": [""]}) == {"A": [], "B": []}


@settings(max_examples=30, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "c"]),
                       st.lists(st.text(alphabet="xyz w", max_size=30), max_size=3)))
def test_distinctive_terms_are_positive_and_sorted(texts: dict[str, list[str]]) -> None:
    for terms in distinctive_terms(texts).values():
        zs = [z for _, z in terms]
        assert zs == sorted(zs, reverse=True)
        assert all(z > 0 for z in zs)
