"""Loaded-language detection on BABE (babe-dev): the shipped lexicon score and a trained model.

Run: python benchmarks/bias_bench.py [--data ../shared/corpora/babe-dev/babe_dev.csv]
Macro-F1 with 5-fold GroupKFold by article (news_link) and by outlet, for the logistic
regression that ``compare train bias`` builds, and for the shipped lexicon score (threshold 0.5,
no fitting). Writes benchmarks/results/bias_bench.json. BABE may not be shipped, nor a model
trained on it: this only measures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare.measure.stance import bias as B  # noqa: E402


def grouped_f1(texts: list[str], labels: list[int], groups: list[str], c: float) -> float:
    """Pooled macro-F1 of out-of-fold predictions, 5 folds grouped by ``groups``."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    pred = [0] * len(texts)
    for tr, te in GroupKFold(n_splits=5).split(texts, labels, groups):
        model = B.fit_bias([texts[i] for i in tr], [labels[i] for i in tr], c=c)
        probs = model.predict_proba([texts[i] for i in te])
        for i, p in zip(te, probs, strict=True):
            pred[i] = int(p >= 0.5)
    return float(f1_score(labels, pred, average="macro"))


def main() -> None:
    parser = argparse.ArgumentParser()
    default = ROOT / ".." / "shared" / "corpora" / "babe-dev" / "babe_dev.csv"
    parser.add_argument("--data", default=str(default))
    parser.add_argument("--c", type=float, default=0.3)
    args = parser.parse_args()
    from sklearn.metrics import f1_score

    texts, labels, links, outlets = B.read_babe(args.data)
    t0 = time.perf_counter()
    lexicon = [int(p >= 0.5) for p in B.predict_bias(texts)]
    lex_ms = (time.perf_counter() - t0) / len(texts) * 1000
    result = {
        "data": "babe-dev (BABE, Spinde et al. 2021), 5-fold GroupKFold",
        "sentences": len(texts),
        "trained_macro_f1_articles_held_out": round(grouped_f1(texts, labels, links, args.c), 4),
        "trained_macro_f1_outlets_held_out": round(grouped_f1(texts, labels, outlets, args.c), 4),
        "shipped_lexicon_macro_f1": round(float(f1_score(labels, lexicon, average="macro")), 4),
        "shipped_lexicon_ms_per_sentence": round(lex_ms, 3),
        "c": args.c,
    }
    print(json.dumps(result, indent=2))
    (ROOT / "benchmarks" / "results" / "bias_bench.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
