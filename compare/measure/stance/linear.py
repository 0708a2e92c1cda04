"""A linear classifier over named sparse features, stored as arrays (no pickle)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from compare.artefacts import load_model, pack_strings, save_model, unpack_strings


@dataclass(frozen=True)
class LinearModel:
    """Feature names, a weight matrix (classes x features), intercepts and class labels."""

    features: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray
    labels: tuple[str, ...]

    @cached_property
    def index(self) -> dict[str, int]:
        """Feature name -> column."""
        return {name: i for i, name in enumerate(self.features)}

    def matrix(self, rows: Sequence[dict[str, float]]) -> sparse.csr_matrix:
        """Sparse rows for feature dicts; unknown features are dropped."""
        # One C-level map over every name of every row: a Python loop per feature was the
        # slowest step of predicting sentiment for an article's actor mentions.
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        names = [name for row in rows for name in row]
        cols = np.fromiter(map(self.index.get, names, repeat(-1)), dtype=np.int64, count=len(names))
        vals = np.fromiter((v for row in rows for v in row.values()), dtype=np.float64, count=len(names))
        known = cols >= 0
        row_of = np.repeat(np.arange(len(rows)), lengths)[known]
        indptr = np.concatenate(([0], np.cumsum(np.bincount(row_of, minlength=len(rows)))))
        return sparse.csr_matrix(
            (vals[known], cols[known], indptr), shape=(len(rows), len(self.features))
        )

    def decision(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        """Raw class scores (rows x classes; one column for two classes)."""
        scores: np.ndarray = np.asarray(self.matrix(rows) @ self.coef.T) + self.intercept[None, :]
        return scores

    def predict_proba(self, rows: Sequence[dict[str, float]]) -> np.ndarray:
        """Class probabilities (logistic for two classes, softmax for more)."""
        scores = self.decision(rows)
        if scores.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.stack([1.0 - p, p], axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]

    def predict(self, rows: Sequence[dict[str, float]]) -> list[str]:
        """The most probable label of each row."""
        if not rows:
            return []
        return [self.labels[i] for i in self.predict_proba(rows).argmax(axis=1)]

    @classmethod
    def from_sklearn(
        cls, vectorizer: Any, estimator: Any, labels: Sequence[str], min_weight: float = 1e-6
    ) -> LinearModel:
        """Take names from a fitted DictVectorizer and weights from a fitted linear estimator."""
        names = vectorizer.get_feature_names_out()
        coef = np.asarray(estimator.coef_, dtype=np.float64)
        # Features whose weights are all tiny change no prediction; dropping them keeps the file
        # small and the load fast.
        keep = np.flatnonzero(np.abs(coef).max(axis=0) > min_weight)
        return cls(
            tuple(str(names[i]) for i in keep),
            coef[:, keep].astype(np.float32),
            np.asarray(estimator.intercept_, dtype=np.float64),
            tuple(labels),
        )

    def save(
        self, path: str | Path, kind: str, meta: dict[str, Any],
        extra: dict[str, np.ndarray] | None = None,
    ) -> Path:
        """Write as a non-pickle model file of the given kind (plus any ``extra`` arrays)."""
        arrays = {
            **(extra or {}),
            **pack_strings(self.features, "features"),
            "coef": self.coef,
            "intercept": self.intercept,
        }
        return save_model(path, kind, arrays, {**meta, "labels": list(self.labels)})

    @classmethod
    def load(cls, path: str | Path, kind: str) -> tuple[LinearModel, dict[str, Any]]:
        """Read a file written by :meth:`save`, with its header (extra arrays under "arrays")."""
        arrays, header = load_model(path, kind)
        model = cls(
            tuple(unpack_strings(arrays, "features")),
            arrays["coef"].astype(np.float64),
            arrays["intercept"],
            tuple(header["labels"]),
        )
        return model, {**header, "arrays": arrays}


def frequent_features(rows: Sequence[dict[str, float]], min_rows: int) -> list[dict[str, float]]:
    """The rows restricted to features present in at least ``min_rows`` rows."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    return [{k: v for k, v in row.items() if counts[k] >= min_rows} for row in rows]
