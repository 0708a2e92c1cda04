"""Target sentiment under the held-out protocol (benchmarks/heldout.py) on NewsMTSC.

NewsMTSC's train.jsonl and dev.jsonl rows are pooled and grouped by article (the id up to its
third underscore); articles whose hash falls in the untouched quarter are scored only. The
shipped recipe (compare.measure.stance.sentiment.fit_sentiment, word vectors from the training
sentences and FNC-1 bodies) and the plain baseline (word 1-2-gram TF-IDF of the sentence with the
target marked, logistic regression, balanced classes) are fitted on the other articles and scored
on the untouched ones, then refitted REFITS times on random four fifths of those articles (grouped)
for the spread. Macro-F1 over negative / neutral / positive.
Usage: python benchmarks/sentiment_heldout.py -> benchmarks/results/sentiment_heldout.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
DATA = ROOT.parent / "shared" / "corpora" / "newsmtsc-dev"
FNC = ROOT.parent / "shared" / "corpora" / "fnc-1-train"

from heldout import SEED, is_untouched, spread  # noqa: E402

from compare.measure.stance import sentiment as S  # noqa: E402

REFITS = 3
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


def fit_shipped(rows: Rows, news: list[str]) -> Predictor:
    """The shipped recipe, as `compare train sentiment` fits it."""
    model = S.fit_sentiment(rows[0], rows[1], rows[2], news=news)
    return model.predict


def macro_f1(predict: Predictor, rows: Rows) -> float:
    from sklearn.metrics import f1_score

    return round(float(f1_score(rows[2], predict(rows[0], rows[1]), average="macro")), 4)


def main() -> None:
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
    figures: dict[str, object] = {
        "rows": {"development": len(dev_index), "untouched": len(held_index)},
        "articles": {
            "development": len({groups[i] for i in dev_index}),
            "untouched": len({groups[i] for i in held_index}),
        },
        "untouched": {
            "shipped_recipe": macro_f1(fit_shipped(development, news), held),
            "baseline": macro_f1(fit_baseline(development), held),
        },
    }
    articles = sorted({groups[i] for i in dev_index})
    shipped, baseline = [], []
    for refit in range(REFITS):
        keep = set(np.random.default_rng(SEED + refit).permutation(articles)[: int(0.8 * len(articles))])
        part = subset(development, [k for k, i in enumerate(dev_index) if groups[i] in keep])
        shipped.append(macro_f1(fit_shipped(part, news), held))
        baseline.append(macro_f1(fit_baseline(part), held))
    figures["untouched_refits_on_four_fifths"] = {"shipped_recipe": spread(shipped), "baseline": spread(baseline)}
    print(json.dumps(figures, indent=2))
    (ROOT / "benchmarks" / "results" / "sentiment_heldout.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
