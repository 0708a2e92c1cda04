"""Locally learned word vectors (LSA) and the sentiment model's dense context features."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from compare.align.encoder import encoder_available
from compare.cli import app
from compare.measure.stance import sentiment
from compare.measure.stance.wordvectors import WordVectors, fit_word_vectors

# Fiction: "slammed" and "attacked" share contexts, "praised" and "thanked" share others.
DOCS = [
    s.split()
    for s in [
        "critics slammed the mayor over the flood",
        "critics attacked the mayor over the flood",
        "voters praised the mayor for the new bridge",
        "voters thanked the mayor for the new bridge",
    ] * 6
]


def test_words_sharing_contexts_get_close_vectors() -> None:
    vectors = fit_word_vectors(DOCS, dim=4, window=2, min_count=2)
    v = {w: vectors.vectors[vectors.index[w]] for w in ("slammed", "attacked", "praised", "thanked")}
    assert float(v["slammed"] @ v["attacked"]) > float(v["slammed"] @ v["praised"]) + 0.3
    assert float(v["praised"] @ v["thanked"]) > float(v["praised"] @ v["attacked"]) + 0.3
    np.testing.assert_allclose(np.linalg.norm(vectors.vectors, axis=1), 1.0, atol=1e-5)


def test_vectors_round_trip_and_mean_of_unknown_words() -> None:
    vectors = fit_word_vectors(DOCS, dim=3, window=2, min_count=2)
    again = WordVectors.from_arrays(vectors.to_arrays("v_"), "v_")
    assert again.words == vectors.words
    np.testing.assert_allclose(again.vectors, vectors.vectors, atol=1e-3)  # stored as float16
    assert not again.mean(["zebra", "okapi"]).any()
    np.testing.assert_allclose(again.mean(["mayor", "zebra"]), again.vectors[again.index["mayor"]])


def test_too_little_text_gives_empty_but_usable_vectors() -> None:
    vectors = fit_word_vectors([["one"]], min_count=1)
    assert vectors.vectors.shape == (1, 1)
    assert vectors.mean(["two"]).shape == (1,)


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=60), st.integers(-5, 70), st.integers(-5, 70))
def test_context_vectors_have_a_fixed_shape_for_any_span(text: str, start: int, end: int) -> None:
    vectors = WordVectors(("mayor", "flood"), np.eye(2, dtype=np.float32))
    out = sentiment.context_vectors(text, start, end, vectors)
    assert out.shape == (10,) and np.isfinite(out).all()


def test_context_vectors_read_the_target_and_its_sides() -> None:
    vectors = WordVectors(("flood", "mayor", "slammed"), np.eye(3, dtype=np.float32))
    text = "Critics slammed Mayor Ott over the flood."
    out = sentiment.context_vectors(text, text.index("Mayor"), text.index("Mayor") + 9, vectors)
    left, right, clause, whole, target = out.reshape(5, 3)
    assert left.tolist() == [0.0, 0.0, 1.0] and target.tolist() == [0.0, 1.0, 0.0]  # known words only
    assert right[0] > 0 and clause[0] > 0 and whole[2] > 0


def test_train_sentiment_cli_with_news_text(tmp_path: Path) -> None:
    rows = [
        ("Critics slammed Mayor Ott over the flood.", -1),
        ("Voters praised Mayor Ott for the bridge.", 1),
        ("Mayor Ott met the council on Monday.", 0),
    ]
    data = tmp_path / "mtsc"
    data.mkdir()
    (data / "train.jsonl").write_text("".join(
        json.dumps({"sentence": s.replace("Ott", name), "from": s.index("Ott"), "to": s.index("Ott") + 3,
                    "polarity": p}) + "\n"
        for name in ("Ott", "Ada", "Bex", "Coe") for s, p in rows), encoding="utf-8")
    news = tmp_path / "fnc-1-train"
    news.mkdir()
    (news / "train_bodies.csv").write_text(
        "Body ID,articleBody\n1,Critics slammed and attacked the mayor over the flood.\n", encoding="utf-8")
    (news / "train_stances.csv").write_text("Headline,Body ID,Stance\nA flood,1,discuss\n", encoding="utf-8")
    out = tmp_path / "s.npz"
    result = CliRunner().invoke(app, ["train", "sentiment", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    model = sentiment.SentimentModel.load(out)
    assert model.vectors is not None and "slammed" in model.vectors.index  # read from the news
    assert model.nb is not None and model.nb_dense is not None and model.nb_mix == sentiment.NB_MIX
    if encoder_available():  # the sentence encoder's embeddings are dense columns too
        assert model.sentence_scale == sentiment.SENTENCE_SCALE and model.sentence_mean is not None
        assert model.dense_coef is not None and model.dense_coef.shape[1] == 5 * model.vectors.dim + 384
    first = rows[0][0]
    assert model.predict([first], [(first.index("Ott"), first.index("Ott") + 3)]) == ["negative"]
    assert model.predict([], []) == []


def test_the_nb_view_is_averaged_into_the_plain_models_probabilities() -> None:
    plain = sentiment.get_model()
    alone = replace(plain, nb=None, nb_dense=None, nb_mix=0.0)
    sentences = [
        "Critics slammed Mayor Ott over the flood.",
        "Voters praised Mayor Ott for the new bridge.",
        "Mayor Ott met the council on Monday.",
    ]
    spans = [(s.index("Ott"), s.index("Ott") + 3) for s in sentences]
    assert plain.nb is not None and 0.0 < plain.nb_mix < 1.0
    mixed = plain.predict(sentences, spans)
    assert set(mixed) <= set(sentiment.LABELS) and len(mixed) == 3
    nb_only = replace(plain, nb_mix=1.0)
    # The mix agrees with one of its two views wherever those two agree.
    for m, a, b in zip(mixed, alone.predict(sentences, spans), nb_only.predict(sentences, spans), strict=True):
        assert a != b or m == a


def test_without_the_encoder_the_training_mean_embedding_stands_in(monkeypatch: pytest.MonkeyPatch) -> None:
    import compare.align.encoder as encoder

    model = sentiment.get_model()
    assert model.sentence_scale > 0 and model.sentence_mean is not None
    sentences = ["Critics slammed Mayor Ott over the flood.", "Voters praised Mayor Ott for the new bridge."]
    spans = [(s.index("Ott"), s.index("Ott") + 3) for s in sentences]
    monkeypatch.setattr(encoder, "encoder_available", lambda: False)
    dense = model.dense(sentences, spans)
    assert dense is not None and dense.shape[1] == model.dense_coef.shape[1]  # type: ignore[union-attr]
    np.testing.assert_allclose(dense[:, -384:], model.sentence_scale * np.tile(model.sentence_mean, (2, 1)))
    assert set(model.predict(sentences, spans)) <= set(sentiment.LABELS)
