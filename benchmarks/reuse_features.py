"""Candidate relation features on counter-dev: what do alignment, coverage and sentence figures add?

Computes, per COUNTER dev pair, the shipped relation features plus candidates (alignment class
shares, longest copied run, passage counts, word n-gram coverage n=2..8 as greedy-tiling
stand-in, character n-gram containment and coverage n=3..20, per-sentence best TF-IDF match
quantiles, length ratio, textdistance measures), each made order-free as min/max of the two
ways. Then, with logistic regression (the shipped model's recipe):
1. the shipped 17 features, 5-fold stratified CV (repeated);
2. all candidates at once;
3. nested forward selection: features chosen inside each training fold only (inner 5-fold),
   scored on the outer fold, so the figure is held-out; confusion matrices are printed.
Usage: python benchmarks/reuse_features.py  -> benchmarks/results/reuse_features.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from reuse_bench import CORPORA, load_corpora, measure  # noqa: E402

from compare.align.paraphrase import (  # noqa: E402
    _dot,
    _tfidf,
    candidate_pairs,
    char_counts,
    sentence_units,
    word_counts,
)
from compare.measure.relation import (  # noqa: E402
    _code_points,
    _gram_hashes,
    relation_estimator,
    relation_features,
)
from compare.normalise import tokenize  # noqa: E402

SHIPPED = list(relation_features(tokenize("a b c"), tokenize("a b c")))
LEVELS = ["wholly", "partially", "non"]
REPEATS = 3


def _hashes(seq: np.ndarray, n: int) -> np.ndarray:
    count = len(seq) - n + 1
    out = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            out = out * np.uint64(1_000_003) + seq[k : k + count] + np.uint64(1)
    return out


def coverage(a: np.ndarray, b: np.ndarray, n: int) -> float:
    """Share of A's positions inside some n-gram that B also has (linear; a tiling stand-in)."""
    if len(a) < n or len(b) < n:
        return 0.0
    hit = np.nonzero(np.isin(_hashes(a, n), _hashes(b, n)))[0]
    marks = np.zeros(len(a) + 1, dtype=np.int64)
    np.add.at(marks, hit, 1)
    np.add.at(marks, hit + n, -1)
    return float((np.cumsum(marks)[: len(a)] > 0).mean())


def sentence_best(a_text: str, b_text: str) -> tuple[np.ndarray, np.ndarray]:
    """Each sentence's best word+char TF-IDF cosine to the other text's sentences (candidates only)."""
    au, bu = sentence_units(a_text, 3), sentence_units(b_text, 3)
    if not au or not bu:
        return np.zeros(1), np.zeros(1)
    aw, bw = _tfidf(
        [word_counts(a_text[u.start : u.end]) for u in au], [word_counts(b_text[u.start : u.end]) for u in bu]
    )
    ac, bc = _tfidf(
        [char_counts(a_text[u.start : u.end]) for u in au], [char_counts(b_text[u.start : u.end]) for u in bu]
    )

    def best(x: list, y: list, xc: list, yc: list) -> np.ndarray:
        out = np.zeros(len(x))
        for i, j in candidate_pairs(x, y, top_k=4):
            out[i] = max(out[i], (_dot(x[i], y[j]) + _dot(xc[i], yc[j])) / 2)
        return out

    return best(aw, bw, ac, bc), best(bw, aw, bc, ac)


def candidates(a_text: str, b_text: str) -> dict[str, float]:
    """All candidate features of one pair, order-free (min and max of the two ways)."""
    ta, tb = tokenize(a_text), tokenize(b_text)
    measured = measure(a_text, b_text)
    f = {name: measured.inputs[name] for name in SHIPPED}
    passages, ov = measured.passages, measured.overlap
    two: dict[str, tuple[float, float]] = {}
    for kind in ("verbatim", "edited", "paraphrase"):
        two[f"share_{kind}"] = (ov.share_a[kind], ov.share_b[kind])
    two["share_copied"] = tuple(s["verbatim"] + s["edited"] for s in (ov.share_a, ov.share_b))  # type: ignore[assignment]
    two["longest"] = (ov.longest_common_words / max(1, len(ta)), ov.longest_common_words / max(1, len(tb)))
    ids: dict[str, int] = {}
    aw = np.array([ids.setdefault(t.norm, len(ids)) for t in ta], dtype=np.uint64)
    bw = np.array([ids.setdefault(t.norm, len(ids)) for t in tb], dtype=np.uint64)
    for n in range(2, 9):
        two[f"wordcov{n}"] = (coverage(aw, bw, n), coverage(bw, aw, n))
    ac, bc = _code_points(ta), _code_points(tb)
    for n in (3, 5, 7, 10, 15, 20):
        ha, hb = _gram_hashes(ac, n), _gram_hashes(bc, n)
        shared = len(np.intersect1d(ha, hb, assume_unique=True))
        two[f"char{n}"] = (shared / max(1, len(ha)), shared / max(1, len(hb)))
        two[f"charcov{n}"] = (coverage(ac, bc, n), coverage(bc, ac, n))
    sa, sb = sentence_best(a_text, b_text)
    for name, fn in (("mean", np.mean), ("max", np.max)):
        two[f"sent_{name}"] = (float(fn(sa)), float(fn(sb)))
    for q in (25, 50, 75, 90):
        two[f"sent_q{q}"] = (float(np.percentile(sa, q)), float(np.percentile(sb, q)))
    for t in (0.3, 0.5, 0.7):
        two[f"sent_ge{t}"] = (float((sa >= t).mean()), float((sb >= t).mean()))
    for key, (x, y) in two.items():
        f.setdefault(f"{key}_min", min(x, y))
        f.setdefault(f"{key}_max", max(x, y))
    copied = [p for p in passages if p.kind in ("verbatim", "edited")]
    f["copied_passages_log"] = float(np.log1p(len(copied)))
    f["paraphrase_passages_log"] = float(np.log1p(sum(p.kind == "paraphrase" for p in passages)))
    f["length_ratio"] = min(len(ta), len(tb)) / max(1, len(ta), len(tb))
    f.update(ov.string_measures)
    return f


def _scores(y: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    from sklearn.metrics import f1_score

    return (
        float(f1_score(y != "non", pred != "non", average="macro")),
        float(f1_score(y, pred, average="macro")),
    )


def _fit_predict(X: np.ndarray, y: np.ndarray, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    return relation_estimator().fit(X[train], y[train]).predict(X[test])


def cross_validate(X: np.ndarray, y: np.ndarray, seed: int) -> np.ndarray:
    """Out-of-fold predictions of 5-fold stratified CV."""
    from sklearn.model_selection import StratifiedKFold

    pred = np.empty(len(y), dtype=object)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(X, y):
        pred[test] = _fit_predict(X, y, train, test)
    return pred


def forward_select(X: np.ndarray, y: np.ndarray, steps: int = 4) -> list[int]:
    """Greedy forward selection by inner-CV binary + 3-class macro-F1 (training data only)."""
    chosen: list[int] = []
    best = 0.0
    for _ in range(steps):
        score, column = max(
            (sum(_scores(y, cross_validate(X[:, chosen + [j]], y, 1))), j)
            for j in range(X.shape[1])
            if j not in chosen
        )
        if score <= best + 0.005:
            break
        best, chosen = score, chosen + [column]
    return chosen


def _summary(runs: list[tuple[float, float]], y: np.ndarray, pred: np.ndarray) -> dict[str, object]:
    from sklearn.metrics import confusion_matrix

    return {
        "macro_f1_binary": round(float(np.mean([r[0] for r in runs])), 4),
        "macro_f1_3class": round(float(np.mean([r[1] for r in runs])), 4),
        "confusion_rows_true_cols_pred_wholly_partially_non": confusion_matrix(
            y, pred, labels=LEVELS
        ).tolist(),
    }


def main() -> None:
    if not CORPORA.is_dir():
        print(f"skipped: {CORPORA} is not present")
        return
    from sklearn.model_selection import StratifiedKFold

    pairs = load_corpora()["counter"]
    rows = [candidates(p["a"], p["b"]) for p in pairs]
    names = list(rows[0])
    X = np.array([[r[k] for k in names] for r in rows])
    y = np.array([p["level"] for p in pairs])
    figures: dict[str, object] = {"pairs": len(y), "candidate_features": len(names), "repeats": REPEATS}
    for label, columns in (
        ("shipped_17", [names.index(k) for k in SHIPPED]),
        ("all_candidates", list(range(len(names)))),
    ):
        preds = [cross_validate(X[:, columns], y, seed) for seed in range(REPEATS)]
        figures[label] = _summary([_scores(y, p) for p in preds], y, preds[0])
    runs, chosen = [], []
    for seed in range(REPEATS):
        pred = np.empty(len(y), dtype=object)
        for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(X, y):
            columns = forward_select(X[train], y[train])
            chosen.append([names[j] for j in columns])
            pred[test] = _fit_predict(X[:, columns], y, train, test)
        runs.append(_scores(y, pred))
    figures["nested_forward_selection"] = {**_summary(runs, y, pred), "chosen_per_fold": chosen}
    print(json.dumps(figures, indent=1))
    out = REPO / "benchmarks" / "results" / "reuse_features.json"
    out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
