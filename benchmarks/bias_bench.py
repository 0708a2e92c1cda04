"""Loaded language on BABE (babe-dev) under the held-out protocol (benchmarks/heldout.py).

Run: nice -n 5 python benchmarks/bias_bench.py [--data ../shared/corpora/babe-dev/babe_dev.csv]
- Sentences are grouped by article (news_link); articles whose hash falls in the untouched
  quarter are only scored.
- On the rest, the regularisation C of the model ``compare train bias`` builds is chosen among
  CANDIDATE_C by repeated grouped cross-validation (REPEATS x FOLDS, by article); the plain
  baseline (word 1-2-gram TF-IDF, logistic regression, balanced classes) is cross-validated the
  same way. Macro-F1 over biased / non-biased, each fold's predictions at probability 0.5.
- On the untouched articles: the trained model at the chosen C and the baseline, both fitted on
  the whole rest, with the spread over BOOTSTRAPS resamplings of the untouched articles, and the
  shipped lexicon score (threshold 0.5, nothing fitted).
- As the data's notes advise, the trained model is also scored with whole outlets held out
  (5-fold GroupKFold on all rows, at the chosen C).
Writes benchmarks/results/bias_bench.json. BABE may not be shipped, nor a model trained on it:
this only measures what a user who trains one locally gets.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from heldout import grouped_bootstrap, grouped_folds, is_untouched, per_repeat_means  # noqa: E402

from compare.measure.stance import bias as B  # noqa: E402

CANDIDATE_C = (0.1, 0.3, 1.0)
REPEATS = 3
BOOTSTRAPS = 200
Predictor = Callable[[Sequence[str]], list[int]]


def fit_trained(data: B.BiasData, c: float) -> Predictor:
    """The model `compare train bias` builds, at regularisation ``c``."""
    model = B.fit_bias(data, c=c)
    return lambda texts: [int(p >= 0.5) for p in model.predict_proba(list(texts))]


def fit_baseline(data: B.BiasData) -> Predictor:
    """Plain TF-IDF (word 1-2-grams) + logistic regression, balanced classes."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        LogisticRegression(max_iter=3000, class_weight="balanced"),
    ).fit(data.texts, data.labels)
    return lambda texts: [int(p) for p in model.predict(list(texts))]


def macro_f1(gold: Sequence[int], pred: Sequence[int]) -> float:
    from sklearn.metrics import f1_score

    return round(float(f1_score(gold, pred, average="macro")), 4)


def cross_validated(data: B.BiasData, fit: Callable[[B.BiasData], Predictor]) -> dict[str, float]:
    """Spread over repeats of the mean fold macro-F1, folds grouped by article."""
    scores = []
    for repeat, train, test in grouped_folds(data.links, repeats=REPEATS):
        predict = fit(B.subset(data, list(train)))
        scores.append((repeat, macro_f1([data.labels[i] for i in test], predict([data.texts[i] for i in test]))))
    return per_repeat_means(scores)


def outlets_held_out(data: B.BiasData, c: float) -> float:
    """Pooled macro-F1 of out-of-fold predictions, 5 folds grouped by outlet."""
    from sklearn.model_selection import GroupKFold

    pred = [0] * len(data.texts)
    for tr, te in GroupKFold(n_splits=5).split(data.texts, data.labels, data.outlets):
        predict = fit_trained(B.subset(data, list(tr)), c)
        for i, p in zip(te, predict([data.texts[i] for i in te]), strict=True):
            pred[i] = p
    return macro_f1(data.labels, pred)


def untouched_figures(dev: B.BiasData, held: B.BiasData, c: float) -> dict[str, object]:
    out: dict[str, object] = {}
    fits: tuple[tuple[str, Callable[[B.BiasData], Predictor]], ...] = (
        ("trained", partial(fit_trained, c=c)), ("baseline", fit_baseline)
    )
    for name, fit in fits:
        pred = fit(dev)(held.texts)
        out[name] = {"macro_f1": macro_f1(held.labels, pred), "spread": grouped_bootstrap(held.labels, pred, held.links, macro_f1, BOOTSTRAPS)}
    started = time.perf_counter()
    lexicon = [int(p >= 0.5) for p in B.predict_bias(held.texts)]
    out["shipped_lexicon"] = {
        "macro_f1": macro_f1(held.labels, lexicon),
        "ms_per_sentence": round((time.perf_counter() - started) / len(held.texts) * 1000, 3),
    }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    default = ROOT / ".." / "shared" / "corpora" / "babe-dev" / "babe_dev.csv"
    parser.add_argument("--data", default=str(default))
    args = parser.parse_args()
    if not Path(args.data).is_file():
        print(f"skipped: {args.data} is not present")
        return
    data = B.read_babe(args.data)
    dev_rows = [i for i, link in enumerate(data.links) if not is_untouched(link)]
    held_rows = [i for i, link in enumerate(data.links) if is_untouched(link)]
    dev, held = B.subset(data, dev_rows), B.subset(data, held_rows)
    cv: dict[str, dict[str, float]] = {
        f"trained C={c}": cross_validated(dev, partial(fit_trained, c=c)) for c in CANDIDATE_C
    }
    chosen = max(CANDIDATE_C, key=lambda c: cv[f"trained C={c}"]["mean"])
    cv["baseline"] = cross_validated(dev, fit_baseline)
    result = {
        "data": "babe-dev (BABE, Spinde et al. 2021), grouped by article; untouched: heldout.py's quarter",
        "sentences": {"development": len(dev_rows), "untouched": len(held_rows)},
        "articles": {"development": len(set(dev.links)), "untouched": len(set(held.links))},
        "cv_on_development": cv,
        "chosen_c": chosen,
        "untouched": untouched_figures(dev, held, chosen),
        "trained_macro_f1_outlets_held_out": outlets_held_out(data, chosen),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(result, indent=2))
    (ROOT / "benchmarks" / "results" / "bias_bench.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
