"""Dense word vectors learned locally from news text (LSA), stored as plain arrays.

No pretrained vectors can be shipped or downloaded, so the vectors are learned from the text we
may ship a derivative of: positive pointwise mutual information of words within a few words of
each other (context counts smoothed to the power 0.75), reduced by truncated SVD, rows
L2-normalised. Words that share contexts ("slammed", "attacked") get nearby vectors, which a
linear model over sparse word features cannot know from the labelled rows alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from compare.artefacts import pack_strings, unpack_strings

# Calibrated by 5-fold CV on NewsMTSC train (see benchmarks/results/sentiment_experiments.json).
MIN_COUNT = 5
WINDOW = 5
DIM = 200
CONTEXT_SMOOTHING = 0.75


@dataclass(frozen=True)
class WordVectors:
    """Words and their vectors (one L2-normalised row per word)."""

    words: tuple[str, ...]
    vectors: np.ndarray

    @cached_property
    def index(self) -> dict[str, int]:
        """Word -> row."""
        return {name: i for i, name in enumerate(self.words)}

    @property
    def dim(self) -> int:
        """Length of a vector."""
        return int(self.vectors.shape[1])

    def mean(self, words: Iterable[str]) -> np.ndarray:
        """Mean vector of the known words (zeros when none is known)."""
        index = self.index
        rows = [index[w] for w in words if w in index]
        if not rows:
            return np.zeros(self.dim, dtype=self.vectors.dtype)
        return self.vectors[rows].mean(axis=0)  # type: ignore[no-any-return]

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """Arrays to store in a model file (vectors as float16: half the size, same predictions)."""
        return {
            **pack_strings(self.words, f"{prefix}words"),
            f"{prefix}vectors": self.vectors.astype(np.float16),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> WordVectors:
        """Rebuild from :meth:`to_arrays`."""
        words = tuple(unpack_strings(arrays, f"{prefix}words"))
        return cls(words, arrays[f"{prefix}vectors"].astype(np.float32))


def fit_word_vectors(
    docs: Sequence[Sequence[str]], dim: int = DIM, window: int = WINDOW, min_count: int = MIN_COUNT
) -> WordVectors:
    """LSA vectors of the words seen at least ``min_count`` times in tokenised ``docs``."""
    from sklearn.utils.extmath import randomized_svd

    counts = Counter(w for doc in docs for w in doc)
    words = tuple(sorted(w for w, c in counts.items() if c >= min_count))
    if len(words) < 2:  # nothing to factorise: one zero column keeps the shapes valid
        return WordVectors(words, np.zeros((len(words), 1), dtype=np.float32))
    ppmi = _ppmi(_cooccurrence(docs, {w: i for i, w in enumerate(words)}, window))
    u, s, _ = randomized_svd(ppmi, min(dim, len(words) - 1), n_iter=5, random_state=0)
    vectors = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return WordVectors(words, vectors.astype(np.float32))


def _cooccurrence(docs: Sequence[Sequence[str]], index: dict[str, int], window: int) -> sparse.csr_matrix:
    """Symmetric word-word counts within ``window`` words, weighted 1 / distance."""
    # One flat id sequence with ``window`` gaps (-1) between documents: pairs never cross them.
    seq: list[int] = []
    for doc in docs:
        seq.extend(index.get(w, -1) for w in doc)
        seq.extend([-1] * window)
    ids = np.array(seq, dtype=np.int64)
    rows, cols, vals = [], [], []
    for k in range(1, window + 1):
        a, b = ids[:-k], ids[k:]
        ok = (a >= 0) & (b >= 0)
        rows += [a[ok], b[ok]]
        cols += [b[ok], a[ok]]
        vals.append(np.full(2 * int(ok.sum()), 1.0 / k))
    n = len(index)
    m = sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    )
    m.sum_duplicates()
    return m


def _ppmi(m: sparse.csr_matrix) -> sparse.csr_matrix:
    """Positive PMI of a co-occurrence matrix, with smoothed context probabilities."""
    total = float(m.sum())
    word_p = np.asarray(m.sum(axis=1)).ravel() / total
    context = np.asarray(m.sum(axis=0)).ravel() ** CONTEXT_SMOOTHING
    context_p = context / context.sum()
    coo = m.tocoo()
    pmi = np.log(coo.data / total / word_p[coo.row] / context_p[coo.col])
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
