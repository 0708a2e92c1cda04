"""Target-dependent sentiment on NewsMTSC: train on train.jsonl, score dev.jsonl.

Run: python benchmarks/sentiment_bench.py [--data ../shared/corpora/newsmtsc-dev] [--cv]
``--cv`` adds 5-fold cross-validation on train grouped by article (GroupKFold over the id prefix
source_batch_article, fixed folds), each fold fitted with ``fit_sentiment`` itself, so word
vectors and vocabulary are re-learned without the held-out fold (2-5 minutes).
Word vectors are learned from the train sentences plus the FNC-1 bodies of a sibling
fnc-1-train folder when present (never from dev). Prints macro-F1 over negative/neutral/positive
(the paper's F1m) and accuracy, for the model ``compare train sentiment`` builds and for the
shipped file, and writes benchmarks/results/sentiment_bench.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare.measure.stance import sentiment as S  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT / ".." / "shared" / "corpora" / "newsmtsc-dev"))
    parser.add_argument("--save", action="store_true",
                        help="Also write the fitted model as the shipped one (what `compare train "
                        "sentiment` would write).")
    parser.add_argument("--cv", action="store_true", help="Also run grouped 5-fold CV on train.")
    args = parser.parse_args()
    from sklearn.metrics import accuracy_score, f1_score

    train = S.read_newsmtsc(Path(args.data) / "train.jsonl")
    dev = S.read_newsmtsc(Path(args.data) / "dev.jsonl")
    t0 = time.perf_counter()
    fnc = Path(args.data) / ".." / "fnc-1-train"
    news = S.read_news_bodies(fnc) if fnc.is_dir() else []
    model = S.fit_sentiment(*train, news=news)
    fit_s = time.perf_counter() - t0
    if args.save:
        model.save(S.DEFAULT_MODEL)
        S._CACHE.clear()
    pred = model.predict(dev[0], dev[1])
    shipped = None
    if S.DEFAULT_MODEL.is_file():
        t_load = time.perf_counter()
        shipped_model = S.get_model()
        load_s = time.perf_counter() - t_load
        shipped = shipped_model.predict(dev[0], dev[1])
    t1 = time.perf_counter()
    model.predict(dev[0], dev[1])
    ms = (time.perf_counter() - t1) / len(dev[0]) * 1000
    result = {
        "data": "newsmtsc-dev: fit on train.jsonl, scored on dev.jsonl",
        "word_vector_text": "NewsMTSC train sentences + FNC-1 train bodies" if news else "NewsMTSC train sentences",
        "train_rows": len(train[0]),
        "dev_rows": len(dev[0]),
        "macro_f1": round(float(f1_score(dev[2], pred, average="macro")), 4),
        "accuracy": round(float(accuracy_score(dev[2], pred)), 4),
        "shipped_macro_f1": round(float(f1_score(dev[2], shipped, average="macro")), 4)
        if shipped else None,
        "fit_seconds": round(fit_s, 1),
        "shipped_load_seconds": round(load_s, 3) if shipped else None,
        "predict_ms_per_target": round(ms, 3),
        "shipped_model_mb": round(S.DEFAULT_MODEL.stat().st_size / 1e6, 2)
        if S.DEFAULT_MODEL.is_file() else None,
    }
    if args.cv:
        result["grouped_cv_macro_f1"] = grouped_cv(Path(args.data) / "train.jsonl", news)
    print(json.dumps(result, indent=2))
    (ROOT / "benchmarks" / "results" / "sentiment_bench.json").write_text(json.dumps(result, indent=2) + "\n")


def article_groups(path: Path) -> list[str]:
    """The article of each NewsMTSC row: its id up to the third underscore (source_batch_article)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return ["_".join(str(row["id"]).split("_")[:3]) for row in rows]


def grouped_cv(path: Path, news: list[str]) -> float:
    """Macro-F1 of 5-fold CV grouped by article, every fold fitted by ``fit_sentiment``."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    sentences, spans, labels = S.read_newsmtsc(path)
    pred = [""] * len(labels)
    for tr, te in GroupKFold(n_splits=5).split(sentences, labels, article_groups(path)):
        model = S.fit_sentiment([sentences[i] for i in tr], [spans[i] for i in tr],
                                [labels[i] for i in tr], news=news)
        for i, label in zip(te, model.predict([sentences[i] for i in te], [spans[i] for i in te]),
                            strict=True):
            pred[i] = label
    return round(float(f1_score(labels, pred, average="macro")), 4)


if __name__ == "__main__":
    main()
