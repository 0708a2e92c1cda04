"""Target sentiment under the held-out protocol (benchmarks/heldout.py) on NewsMTSC.

NewsMTSC's train.jsonl and dev.jsonl rows are pooled and grouped by article (the id up to its
third underscore); articles whose hash falls in the untouched quarter are scored only. The
shipped recipe (compare.measure.stance.sentiment.fit_sentiment, word vectors from the training
sentences and FNC-1 bodies, the sentence encoder's embeddings), the former recipe without the
sentence encoder (untouched part only) and the plain baseline (word 1-2-gram TF-IDF of the sentence with the
target marked, logistic regression, balanced classes) are fitted on the other articles and scored
on the untouched ones, with the spread over BOOTSTRAPS resamplings of the untouched articles; and
both are cross-validated on the other articles (FOLDS folds x REPEATS shuffles, grouped by
article, the word vectors refitted in each fold), since one split moves by about 0.02.
Macro-F1 over negative / neutral / positive.
Usage: nice -n 5 python benchmarks/sentiment_heldout.py [--repeats 2] [--embeddings FILE]
    -> benchmarks/results/sentiment_heldout.json (a fit takes 1-3 minutes on a busy core; the
    first also embeds every sentence once, about 0.05 CPU s each)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
DATA = ROOT.parent / "shared" / "corpora" / "newsmtsc-dev"
FNC = ROOT.parent / "shared" / "corpora" / "fnc-1-train"

import numpy as np  # noqa: E402
from heldout import FOLDS, grouped_bootstrap, grouped_folds, is_untouched, per_repeat_means  # noqa: E402

from compare.align.encoder import default_encoder  # noqa: E402
from compare.measure.stance import sentiment as S  # noqa: E402

BOOTSTRAPS = 200
Rows = tuple[list[str], list[tuple[int, int]], list[str]]
Predictor = Callable[[list[str], list[tuple[int, int]]], list[str]]


def rows_of(path: Path) -> tuple[Rows, list[str]]:
    """A NewsMTSC file's rows and the article of each row."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return S.read_newsmtsc(path), ["_".join(str(r["id"]).split("_")[:3]) for r in records]


def subset(rows: Rows, index: Sequence[int]) -> Rows:
    return [rows[0][i] for i in index], [rows[1][i] for i in index], [rows[2][i] for i in index]


def marked(sentences: Sequence[str], spans: Sequence[tuple[int, int]]) -> list[str]:
    """The sentence with the target replaced by a marker word, so the baseline knows whose sentiment."""
    return [f"{s[:a]} TARGETMARK {s[b:]}" for s, (a, b) in zip(sentences, spans, strict=True)]


def fit_baseline(rows: Rows) -> Predictor:
    """Plain TF-IDF (word 1-2-grams) + logistic regression on the target-marked sentence."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        LogisticRegression(max_iter=3000, class_weight="balanced"),
    ).fit(marked(rows[0], rows[1]), rows[2])
    return lambda sentences, spans: list(model.predict(marked(sentences, spans)))


def fit_shipped(rows: Rows, news: list[str], sentence_scale: float | None = None) -> Predictor:
    """The shipped recipe, as `compare train sentiment` fits it (``sentence_scale`` 0: without
    the sentence encoder)."""
    model = S.fit_sentiment(rows[0], rows[1], rows[2], news=news, sentence_scale=sentence_scale)
    return model.predict


def macro_f1(predict: Predictor, rows: Rows) -> float:
    return f1_of(rows[2], predict(rows[0], rows[1]))


def f1_of(gold: Sequence[str], pred: Sequence[str]) -> float:
    from sklearn.metrics import f1_score

    return round(float(f1_score(gold, pred, average="macro")), 4)


def untouched(fit: Callable[[Rows], Predictor], development: Rows, held: Rows, groups: Sequence[str]) -> dict[str, object]:
    """Macro-F1 on the untouched rows of a model fitted on the development rows, and its spread
    over resamplings of the untouched articles (with replacement)."""
    pred = fit(development)(held[0], held[1])
    return {"macro_f1": f1_of(held[2], pred), "spread": grouped_bootstrap(held[2], pred, groups, f1_of, BOOTSTRAPS)}


def cross_validated(fit: Callable[[Rows], Predictor], rows: Rows, groups: Sequence[str], repeats: int) -> dict[str, float]:
    """Spread over repeats of the mean fold macro-F1, folds grouped by article."""
    scores = []
    for repeat, train, test in grouped_folds(groups, folds=FOLDS, repeats=repeats):
        scores.append((repeat, macro_f1(fit(subset(rows, list(train))), subset(rows, list(test)))))
        print(repeat, scores[-1], flush=True)
    return per_repeat_means(scores)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--embeddings", type=Path,
                        help="keep the sentences' embeddings in this .npz between runs (same encoder, same vectors)")
    args = parser.parse_args()
    if args.embeddings and args.embeddings.exists():
        with np.load(args.embeddings) as stored:
            default_encoder().preload(dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True)))
    if not DATA.is_dir():
        print(f"skipped: {DATA} is not present")
        return
    train, train_groups = rows_of(DATA / "train.jsonl")
    dev, dev_groups = rows_of(DATA / "dev.jsonl")
    rows: Rows = (train[0] + dev[0], train[1] + dev[1], train[2] + dev[2])
    groups = train_groups + dev_groups
    held_index = [i for i, g in enumerate(groups) if is_untouched(g)]
    dev_index = [i for i, g in enumerate(groups) if not is_untouched(g)]
    held, development = subset(rows, held_index), subset(rows, dev_index)
    news = S.read_news_bodies(FNC) if FNC.is_dir() else []

    def shipped(part: Rows) -> Predictor:
        return fit_shipped(part, news)

    def former(part: Rows) -> Predictor:
        return fit_shipped(part, news, sentence_scale=0.0)

    held_groups, dev_groups = [groups[i] for i in held_index], [groups[i] for i in dev_index]
    figures: dict[str, object] = {
        "rows": {"development": len(dev_index), "untouched": len(held_index)},
        "articles": {"development": len(set(dev_groups)), "untouched": len(set(held_groups))},
        "untouched": {
            "shipped_recipe": untouched(shipped, development, held, held_groups),
            "former_recipe_without_sentence_encoder": untouched(former, development, held, held_groups),
            "baseline": untouched(fit_baseline, development, held, held_groups),
        },
        "cv_on_development": {
            "folds": FOLDS,
            "repeats": args.repeats,
            "baseline": cross_validated(fit_baseline, development, dev_groups, args.repeats),
            "shipped_recipe": cross_validated(shipped, development, dev_groups, args.repeats),
        },
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    if args.embeddings:
        cached = default_encoder().cached()
        np.savez(args.embeddings, texts=np.array(list(cached)), vectors=np.stack(list(cached.values())))
    print(json.dumps(figures, indent=2))
    (ROOT / "benchmarks" / "results" / "sentiment_heldout.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
