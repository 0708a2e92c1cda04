"""The held-out protocol every benchmark follows (benchmarks/README.md).

1. A fixed part of the development data is untouched: the groups (source document, event, article)
   whose stable hash falls in the first ``UNTOUCHED_SHARE`` of the hash range. No choice (feature,
   threshold, model, setting) ever sees it; the rule is written here, not drawn at random, so every
   run and every benchmark holds out the same groups.
2. Every choice is made by cross-validation on the rest, grouped the same way, repeated over
   ``REPEATS`` shuffles so its spread shows.
3. On the untouched part the shipped component and a plain baseline are scored side by side.
"""

from __future__ import annotations

import statistics
import zlib
from collections.abc import Callable, Hashable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np

UNTOUCHED_SHARE = 0.25
REPEATS = 5
FOLDS = 5
SEED = 20261202

T = TypeVar("T")


def is_untouched(group: Hashable) -> bool:
    """Whether ``group`` (a document name, event key or article id) belongs to the untouched part."""
    return zlib.crc32(str(group).encode("utf-8")) % 1000 < UNTOUCHED_SHARE * 1000


def split_untouched(items: Sequence[T], group_of: Callable[[T], Hashable]) -> tuple[list[T], list[T]]:
    """``items`` as (development part, untouched part) by their group."""
    dev: list[T] = []
    held: list[T] = []
    for item in items:
        (held if is_untouched(group_of(item)) else dev).append(item)
    return dev, held


def grouped_folds(
    groups: Sequence[Hashable], folds: int = FOLDS, repeats: int = REPEATS, seed: int = SEED
) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """(repeat, train indices, test indices) of ``repeats`` shuffled ``folds``-fold splits by group."""
    keys = sorted({str(g) for g in groups})
    labels = np.array([str(g) for g in groups])
    for repeat in range(repeats):
        order = np.random.default_rng(seed + repeat).permutation(len(keys))
        fold_of = {keys[k]: position % folds for position, k in enumerate(order)}
        assigned = np.array([fold_of[g] for g in labels])
        for fold in range(folds):
            yield repeat, np.flatnonzero(assigned != fold), np.flatnonzero(assigned == fold)


def spread(values: Sequence[float]) -> dict[str, float]:
    """Mean, standard deviation, minimum and maximum of repeated figures, rounded for printing."""
    return {
        "mean": round(statistics.fmean(values), 4),
        "sd": round(statistics.pstdev(values), 4) if len(values) > 1 else 0.0,
        "min": round(min(values), 4),
        "max": round(max(values), 4),
        "n": len(values),
    }


def grouped_bootstrap(
    gold: Sequence[T], pred: Sequence[T], groups: Sequence[Hashable],
    score: Callable[[list[T], list[T]], float], runs: int = 200,
) -> dict[str, float]:
    """Spread of ``score`` over resamplings of the untouched groups (articles), with replacement."""
    by_group: dict[Hashable, list[int]] = {}
    for i, g in enumerate(groups):
        by_group.setdefault(g, []).append(i)
    keys = sorted(by_group, key=str)
    rng = np.random.default_rng(SEED)
    scores = []
    for _ in range(runs):
        rows = [i for k in rng.choice(len(keys), len(keys)) for i in by_group[keys[k]]]
        scores.append(score([gold[i] for i in rows], [pred[i] for i in rows]))
    return spread(scores)


def per_repeat_means(scores: Sequence[tuple[int, float]]) -> dict[str, float]:
    """The spread over repeats of each repeat's mean fold score (``scores``: (repeat, score))."""
    by_repeat: dict[int, list[float]] = {}
    for repeat, score in scores:
        by_repeat.setdefault(repeat, []).append(score)
    return spread([statistics.fmean(v) for _, v in sorted(by_repeat.items())])


def side_by_side(shipped: dict[str, float], baseline: dict[str, float], key: str) -> dict[str, object]:
    """The untouched figures of the shipped component and the baseline, and which wins on ``key``."""
    return {"shipped": shipped, "baseline": baseline, "shipped_beats_baseline": shipped[key] > baseline[key]}


def load_embeddings(path: Path) -> None:
    """Preload the shipped encoder's cache with the embeddings ``save_embeddings`` kept (if any)."""
    from compare.align.encoder import default_encoder

    if path.exists():
        with np.load(path) as stored:
            default_encoder().preload(dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True)))


def save_embeddings(path: Path) -> None:
    """Keep every embedding in the shipped encoder's cache in ``path`` (.npz) for the next run."""
    from compare.align.encoder import default_encoder

    cached = default_encoder().cached()
    np.savez(path, texts=np.array(list(cached)), vectors=np.stack(list(cached.values())))
