"""How closely two texts' sentences say the same things: the relation model's meaning inputs.

Each sentence of both texts is embedded by the shipped sentence encoder (compare.align.encoder,
the one translation passages use; its cache keeps each distinct sentence's embedding, so a report
embeds an article's sentences once however many pairs it is in). For each sentence of one text,
its best cosine to any sentence of the other: a copied or reworded sentence finds its source
(0.9 and up), a sentence telling the same event in other words finds a near one (0.85-0.9).
The figures are summed up per text (the mean, the shares at or above SHARE_CUTS), then made
order-free as the smaller and the larger of the two texts' figures, as the overlap figures are;
the cosine of the two texts' mean embeddings says whether they are about the same thing at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compare.align.encoder import SentenceEncoder, Vectors

# Best cosines at or above these count a sentence as found in the other text.
SHARE_CUTS = (0.85, 0.90, 0.95)
PREFIX = "sentence_"
TEXT_COSINE = f"{PREFIX}text_cosine"


def sentence_feature_names() -> tuple[str, ...]:
    """The names ``sentence_cosine_features`` returns, in order."""
    figures = ["mean", *(_share_name(cut) for cut in SHARE_CUTS)]
    return (*(f"{PREFIX}{figure}_{side}" for figure in figures for side in ("min", "max")), TEXT_COSINE)


def reads_sentences(names: Sequence[str]) -> bool:
    """Whether model inputs named ``names`` include a sentence cosine figure (or its product)."""
    return any(name.startswith(PREFIX) for name in names)


def sentence_cosine_features(
    a_text: str, b_text: str, encoder: SentenceEncoder | None = None, min_words: int = 3
) -> dict[str, float]:
    """Order-free summaries of each sentence's best cosine to the other text's sentences (sentences
    of at least ``min_words`` words, as translation passages read them); all 0 when either text has
    none. ``encoder``: default the shipped one (its model is loaded on first use)."""
    from compare.align.crosslingual import embedded, mean_cosine, sentences

    encoder = encoder or default_encoder()
    a = embedded(sentences(a_text, min_words), encoder).vectors
    b = embedded(sentences(b_text, min_words), encoder).vectors
    if not len(a) or not len(b):
        return dict.fromkeys(sentence_feature_names(), 0.0)
    one, two = (_summaries(best) for best in best_cosines(a, b))
    features: dict[str, float] = {}
    for figure in one:
        low, high = sorted((one[figure], two[figure]))
        features[f"{PREFIX}{figure}_min"], features[f"{PREFIX}{figure}_max"] = low, high
    features[TEXT_COSINE] = mean_cosine(a, b)
    return features


def best_cosines(a: Vectors, b: Vectors) -> tuple[Vectors, Vectors]:
    """Each row of ``a``'s best cosine to a row of ``b``, and each row of ``b``'s to a row of ``a``
    (BLOCK_ROWS rows of the cosine matrix at a time)."""
    import numpy as np

    from compare.align.crosslingual import BLOCK_ROWS

    a_best = np.empty(len(a), dtype=np.float32)
    b_best = np.full(len(b), -1.0, dtype=np.float32)
    for start in range(0, len(a), BLOCK_ROWS):
        block = a[start : start + BLOCK_ROWS] @ b.T
        a_best[start : start + len(block)] = block.max(axis=1)
        np.maximum(b_best, block.max(axis=0), out=b_best)
    return a_best, b_best


def default_encoder() -> SentenceEncoder:
    """The shipped sentence encoder (compare.align.encoder), imported on first use."""
    from compare.align.encoder import default_encoder as shipped

    return shipped()


def _share_name(cut: float) -> str:
    return f"share{round(cut * 100)}"


def _summaries(best: Vectors) -> dict[str, float]:
    """One text's best cosines summed up: their mean and the shares at or above SHARE_CUTS."""
    figures = {"mean": float(best.mean())}
    figures.update({_share_name(cut): float((best >= cut).mean()) for cut in SHARE_CUTS})
    return figures
