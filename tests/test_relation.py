"""Relation: the shipped model, its features, and the six relations on hand-made pairs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.ingest.language import stoplist
from compare.measure.relation import (
    LEVELS,
    SHIPPED_RECIPE,
    WORD_LENGTH_CENTRE,
    content_cosine,
    derivation_level,
    letters_per_word,
    load_model,
    model_features,
    model_inputs,
    order_features,
    relation_features,
)
from compare.measure.sentence_cosines import sentence_feature_names
from compare.model import Article
from compare.normalise import tokenize
from compare.pipeline import compare_pair

STORY = (
    "The harbour council of Velmora voted on Tuesday to close the old ferry pier for repairs that "
    "engineers say will take at least three months. Fishermen who moor beside the pier will move to "
    "the northern basin, where the council promised temporary berths and a new fuel pump by spring. "
    "Critics argued the repairs had been postponed for a decade and had cost the town its ferry."
)
OTHER = (
    "A touring orchestra from the capital played to a full hall in Dunmore on Saturday night, "
    "closing its season with a programme of waltzes and a new piece by a local composer."
)
WORDS = st.lists(
    st.sampled_from(
        ["harbour", "pier", "ferry", "council", "storm", "boat", "town", "said", "the", "a", "of"]
    ),
    max_size=30,
)


def test_shipped_model_is_plain_json_over_the_features() -> None:
    model = load_model()
    assert model["classes"] == list(LEVELS)
    inputs = [*model_inputs(relation_features(tokenize(STORY), tokenize(OTHER))), *sentence_feature_names()]
    assert model["features"] == SHIPPED_RECIPE.names(inputs)
    assert set(model["features"]) <= set(inputs) and model["C"] == SHIPPED_RECIPE.regularisation
    assert len(model["coef"]) == 3 and all(len(row) == len(model["features"]) for row in model["coef"])


@settings(max_examples=30, deadline=None)
@given(WORDS, WORDS)
def test_features_are_in_unit_range_and_symmetric(a_words: list[str], b_words: list[str]) -> None:
    a_text, b_text = " ".join(a_words), " ".join(b_words)
    a, b = tokenize(a_text), tokenize(b_text)
    one, two = relation_features(a, b), relation_features(b, a)
    assert all(0.0 <= v <= 1.0 for k, v in one.items() if k != "letters_per_word")
    longest = max((len(w) for w in a_words + b_words), default=0)
    assert 0.0 <= one["letters_per_word"] <= longest
    assert {k: v for k, v in one.items() if k != "order_shared"} == {
        k: v for k, v in two.items() if k != "order_shared"
    }
    modelled = model_features(a_text, b_text, a, b)
    if modelled is not None:
        level, probability = derivation_level(modelled)
        assert level in LEVELS and 0.0 < probability <= 1.0


def test_order_features_see_a_shuffle() -> None:
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    assert order_features(words, words)["order_shared"] == 1.0
    assert order_features(words, words[::-1])["order_shared"] < 0.2


def _relation(a: str, b: str) -> str:
    return compare_pair(Article("a", a), Article("b", b)).relation


def test_relations_of_hand_made_pairs() -> None:
    assert _relation(STORY, STORY) == "duplicate"
    edited = STORY.replace("three months", "four months").replace("Critics argued", "Some critics said")
    assert _relation(STORY, edited) == "copy-with-edits"
    assert _relation(STORY, OTHER) == "different-event"
    assert _relation("", STORY) == "different-event"
    assert _relation("pier", STORY) == "different-event"


def test_model_inputs_scale_each_feature_by_the_word_length() -> None:
    features = {"word1_min": 0.5, "char6_max": 0.25, "letters_per_word": 3.0}
    inputs = model_inputs(features)
    assert inputs == {
        **features,
        "word1_min_by_word_length": 0.5 * (3.0 - WORD_LENGTH_CENTRE),
        "char6_max_by_word_length": 0.25 * (3.0 - WORD_LENGTH_CENTRE),
    }
    assert model_inputs(inputs) == inputs


def test_letters_per_word_is_the_mean_word_length_of_the_pair() -> None:
    assert letters_per_word(tokenize("ab abcd"), tokenize("abcdef")) == 4.0
    assert letters_per_word([], []) == 0.0


def test_content_ngrams_leave_out_the_pairs_most_frequent_words() -> None:
    # 30 function words, ten times each in both texts, then 20 content words (10 shared).
    function = " ".join(" ".join(f"fw{k}" for k in range(30)) for _ in range(10))
    a = tokenize(function + " " + " ".join(f"cw{k}" for k in range(20)))
    b = tokenize(function + " " + " ".join([f"cw{k}" for k in range(10)] + [f"dw{k}" for k in range(10)]))
    features = relation_features(a, b)
    assert features["word1_min"] == features["word1_max"] == 0.8
    assert features["content1_min"] == features["content1_max"] == 0.5


def test_without_features_the_copied_shares_decide() -> None:
    from compare.align import align
    from compare.measure.overlap import measure_overlap
    from compare.measure.relation import decide_relation
    from compare.settings import DEFAULT_SETTINGS

    half = STORY[: len(STORY) // 2]
    tokens_a, tokens_b = tokenize(STORY), tokenize(half + " " + OTHER)
    overlap = measure_overlap(tokens_a, tokens_b, align(STORY, half + " " + OTHER), 3)
    assert decide_relation(overlap, 0.0, DEFAULT_SETTINGS.relation) == "partial-copy"


def test_content_cosine_leaves_out_the_languages_function_words() -> None:
    english = stoplist("en")
    # Sharing only function words ("the", "of", "with", "from") is no shared subject.
    a = tokenize("The mayor of the town spoke with the press from the harbour office")
    b = tokenize("The choir of the school sang with the band from the capital")
    assert content_cosine(a, b) > 0.1  # "with" and "from" pass the four-letter rule
    assert content_cosine(a, b, english) == 0.0
    # Urdu function words are short (کے، میں، کی): the four-letter rule keeps some, the stoplist all.
    urdu = stoplist("ur")
    cricket = tokenize("لاہور میں کرکٹ میچ کے بعد کپتان نے کہا کہ ٹیم نے محنت کی ہے")
    flood = tokenize("گاؤں میں سیلاب کے بعد انتظامیہ نے کہا کہ لوگوں کو سکول میں منتقل کیا گیا ہے")
    assert content_cosine(cricket, flood, urdu) < 0.1
    same = tokenize("کرکٹ میچ میں لاہور کی ٹیم کے کپتان نے محنت کی بات کی")
    assert content_cosine(cricket, same, urdu) > 0.5


def test_without_the_sentence_encoder_the_copied_shares_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    from compare.align import encoder

    monkeypatch.setattr(encoder, "encoder_available", lambda: False)
    tokens = tokenize(STORY)
    reads_sentences = {"features": ["word1_min", *sentence_feature_names()]}
    assert model_features(STORY, OTHER, tokens, tokenize(OTHER), reads_sentences) is None
    edited = STORY.replace("three months", "four months")
    assert _relation(STORY, edited) == "copy-with-edits"
    assert _relation(STORY, OTHER) == "different-event"
