"""Reuse classification on counter-dev (Urdu news) and clough-stevenson-2011 (short answers).

1. Computes the relation features (compare.measure.relation.relation_features) of every pair.
2. Baseline: logistic regression on plain word 1-3-gram containment (both ways).
3. Cross-validates the shipped model's recipe (standardised features, multinomial logistic
   regression, C below) with 5 repeats of stratified 5-fold CV on each corpus, training on the
   other folds of that corpus plus all of the other corpus (the shipped model sees both).
4. Fits the model on both corpora (compare.measure.relation.fit_relation_model) and writes
   compare/data/relation_model.json (plain JSON).
5. Scores compare_pair's relation on every pair (in-sample: the model was fitted on them).
Levels: COUNTER wholly/partially/non derived; Clough cut+light -> wholly, heavy -> partially,
non -> non. Binary = derived (wholly+partially) vs non. Usage: python benchmarks/reuse_bench.py
Writes benchmarks/results/reuse_bench.json.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPORA = REPO.parent / "shared" / "corpora"

from compare.measure.relation import (  # noqa: E402
    REGULARISATION,
    fit_relation_model,
    load_model,
    relation_estimator,
    relation_features,
)
from compare.model import Article  # noqa: E402
from compare.normalise import tokenize  # noqa: E402

C = REGULARISATION
COUNTER_LEVEL = {"wholly_derived": "wholly", "partially_derived": "partially", "non_derived": "non"}
CLOUGH_LEVEL = {"cut": "wholly", "light": "wholly", "heavy": "partially", "non": "non"}
RELATION_LEVEL = {
    "duplicate": "wholly",
    "copy-with-edits": "wholly",
    "partial-copy": "partially",
    "rewrite": "partially",
    "same-event": "non",
    "different-event": "non",
}
MODEL_PATH = REPO / "compare" / "data" / "relation_model.json"


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"corpus_{path.parent.name}".replace("-", "_"), path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_corpora() -> dict[str, list[dict]]:
    """Pairs of both corpora as dicts: source text, derived text, level, original label."""
    counter = _module(CORPORA / "counter-dev" / "load.py")
    clough = _module(CORPORA / "clough-stevenson-2011" / "load.py")
    return {
        "counter": [
            {
                "a": p["source"]["body"],
                "b": p["derived"]["body"],
                "level": COUNTER_LEVEL[p["label"]],
                "label": p["label"],
            }
            for p in counter.load_pairs("dev")
        ],
        "clough": [
            {"a": p["source_text"], "b": p["text"], "level": CLOUGH_LEVEL[p["label"]], "label": p["label"]}
            for p in clough.load_pairs()
        ],
    }


def _scores(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import f1_score

    return {
        "macro_f1_3class": round(float(f1_score(y, pred, average="macro")), 4),
        "macro_f1_binary": round(float(f1_score(y != "non", pred != "non", average="macro")), 4),
    }


def cross_validate(
    data: dict[str, tuple[np.ndarray, np.ndarray]], name: str, pooled: bool
) -> dict[str, float]:
    """Mean figures over 5 x stratified 5-fold CV on one corpus (optionally adding the other corpus)."""
    from sklearn.model_selection import StratifiedKFold

    X, y = data[name]
    others = [data[k] for k in data if k != name] if pooled else []
    runs = []
    for seed in range(5):
        pred = np.empty(len(y), dtype=object)
        for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(X, y):
            Xt = np.vstack([X[train]] + [o[0] for o in others])
            yt = np.concatenate([y[train]] + [o[1] for o in others])
            pred[test] = relation_estimator().fit(Xt, yt).predict(X[test])
        runs.append(_scores(y, pred))
    return {k: round(float(np.mean([r[k] for r in runs])), 4) for k in runs[0]}


def baseline(texts: list[dict]) -> dict[str, float]:
    """Plain word 1-3-gram containment both ways, logistic regression, same CV."""
    from compare.normalise import shingles

    rows = []
    for pair in texts:
        a, b = tokenize(pair["a"]), tokenize(pair["b"])
        row = []
        for n in (1, 2, 3):
            sa, sb = shingles(a, n), shingles(b, n)
            row += [len(sa & sb) / len(sa) if sa else 0.0, len(sa & sb) / len(sb) if sb else 0.0]
        rows.append(row)
    data = {"x": (np.array(rows), np.array([p["level"] for p in texts]))}
    return cross_validate(data, "x", pooled=False)


def main() -> None:
    if not CORPORA.is_dir():
        print(f"skipped: {CORPORA} is not present")
        return
    corpora = load_corpora()
    names: list[str] = []
    data: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for corpus, pairs in corpora.items():
        rows = [relation_features(tokenize(p["a"]), tokenize(p["b"])) for p in pairs]
        names = list(rows[0])
        data[corpus] = (
            np.array([[r[k] for k in names] for r in rows]),
            np.array([p["level"] for p in pairs]),
        )
    figures: dict[str, object] = {"baseline_plain_ngrams_counter": baseline(corpora["counter"])}
    for corpus in data:
        figures[f"cv_{corpus}_alone"] = cross_validate(data, corpus, pooled=False)
        figures[f"cv_{corpus}_pooled"] = cross_validate(data, corpus, pooled=True)
    pairs = [(p["a"], p["b"], p["level"]) for corpus in corpora.values() for p in corpus]
    model = fit_relation_model(
        pairs, "Derivation level of a pair; fitted by benchmarks/reuse_bench.py on counter-dev + clough-stevenson-2011."
    )
    assert model["features"] == names and model["C"] == C
    MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    load_model.cache_clear()
    figures.update(product_figures(corpora))
    print(json.dumps(figures, indent=2))
    (REPO / "benchmarks" / "results" / "reuse_bench.json").write_text(json.dumps(figures, indent=2) + "\n")


def product_figures(corpora: dict[str, list[dict]]) -> dict[str, object]:
    """compare_pair's relation on every pair, folded to levels (in-sample for the model)."""
    from collections import Counter

    from sklearn.metrics import f1_score

    from compare.pipeline import compare_pair

    out: dict[str, object] = {}
    for corpus, pairs in corpora.items():
        results = [compare_pair(Article("a", p["a"]), Article("b", p["b"])) for p in pairs]
        y = np.array([p["level"] for p in pairs])
        pred = np.array([RELATION_LEVEL[r.relation] for r in results])
        out[f"product_{corpus}_in_sample"] = _scores(y, pred)
        out[f"product_{corpus}_relations"] = {
            label: dict(
                Counter(r.relation for r, p in zip(results, pairs, strict=True) if p["label"] == label)
            )
            for label in sorted({p["label"] for p in pairs})
        }
        if corpus == "clough":
            out["clough_4class_in_sample"] = _clough_four(pairs, results, f1_score)
    return out


def _clough_four(pairs: list[dict], results: list, f1_score) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """cut vs light inside the wholly level by the answer's verbatim share, best cut-off reported."""
    y = [p["label"] for p in pairs]
    best = (0.0, 0.0)
    for cut in np.arange(0.3, 0.95, 0.05):
        pred = []
        for r in results:
            level = RELATION_LEVEL[r.relation]
            verbatim = r.overlap.share_b["verbatim"]
            pred.append(
                {"wholly": "cut" if verbatim >= cut else "light", "partially": "heavy", "non": "non"}[level]
            )
        best = max(best, (float(f1_score(y, pred, average="macro")), float(cut)))
    return {"macro_f1_4class": round(best[0], 4), "verbatim_share_cut": round(best[1], 2)}


if __name__ == "__main__":
    main()
