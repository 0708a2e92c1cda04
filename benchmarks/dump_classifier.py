"""A learned line classifier for text dumps beside the rule cleaner, on trafilatura-eval dumps.

Run from the repository root: ``python benchmarks/dump_classifier.py [--write]``. Needs
``../shared/corpora/trafilatura-eval``. Prints the figures and writes them to
``benchmarks/results/dump_classifier.json``; with ``--write`` it also writes the model fitted
on the development part to ``compare/data/dump_lines.npz``.

Data: every page rendered to text as a browser saves it (``extract_bench.dump_text``), split
into paragraphs as the cleaner splits them. A paragraph holding a snippet the main text must
contain is labelled body, one holding only snippets it must not contain is labelled chrome;
the rest carry no label and no weight. The model decides only the paragraphs the rules kept or
removed for their context (``compare.ingest.lines.open_to_model``). Features: ``compare.ingest.lines``.

Split (written here, as in ``extract_bench.py``): a page is untouched when the SHA-256 of its
file name is 0-2 modulo 10. Everything (model family, its settings, the keep threshold) is
chosen by cross-validation on the other pages, folds grouped by site (the URL's host); the
untouched pages are scored once, the rule cleaner (``clean_text``) beside the classifier.
Scores are score.py's: snippet precision, recall and F1 of each page's kept text.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from extract_bench import CORPUS, dump_text, held_out, pages  # noqa: E402

from compare.artefacts import TreeEnsemble  # noqa: E402
from compare.ingest.clean import Paragraph, clean_text, join_wrapped  # noqa: E402
from compare.ingest.language import stoplist  # noqa: E402
from compare.ingest.lines import (  # noqa: E402
    DEFAULT_MODEL,
    LineModel,
    classify_dump,
    line_features,
    open_to_model,
    rule_reasons,
)

RESULTS = ROOT / "benchmarks" / "results" / "dump_classifier.json"
FOLDS = 5
THRESHOLDS = np.round(np.arange(0.2, 0.81, 0.05), 2)


@dataclass
class Dump:
    """One page's dump: paragraphs, features, labels (1 body, 0 chrome, -1 none) and snippets."""

    name: str
    site: str
    paragraphs: list[Paragraph]
    rules_text: str
    decidable: list[bool]
    dump: str
    features: np.ndarray
    labels: np.ndarray
    with_: list[str]
    without: list[str]


def squash(text: str) -> str:
    return " ".join(text.split())


def build(url: str, name: str, dump: str, with_: list[str], without: list[str]) -> Dump:
    paragraphs = join_wrapped(dump)
    cleaned = clean_text(dump)
    stopwords = stoplist(cleaned.language) if cleaned.language else frozenset()
    reasons = rule_reasons(paragraphs, cleaned)
    features = line_features(paragraphs, reasons, stopwords)
    good, bad = [squash(s) for s in with_], [squash(s) for s in without]
    labels = []
    for paragraph in paragraphs:
        text = squash(paragraph.text)
        labels.append(1 if any(s in text for s in good) else 0 if any(s in text for s in bad) else -1)
    return Dump(
        name,
        urlsplit(url).netloc,
        paragraphs,
        cleaned.text,
        open_to_model(paragraphs, reasons),
        dump,
        features,
        np.array(labels),
        with_,
        without,
    )


def snippet_counts(text: str, dump: Dump) -> tuple[int, int, int]:
    """(found, missed, wrongly found) snippets of a page's kept text, score.py's rule."""
    flat = squash(text)
    found = sum(squash(s) in flat for s in dump.with_)
    return found, len(dump.with_) - found, sum(squash(s) in flat for s in dump.without)


def prf(counts: list[tuple[int, int, int]]) -> dict[str, float]:
    tp, fn, fp = (sum(c[i] for c in counts) for i in range(3))
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def kept_text(dump: Dump, probabilities: np.ndarray, threshold: float) -> str:
    """The paragraphs the model decides and scores at or above the threshold; the rule cleaner's
    text when none is (``compare.ingest.lines.classify_dump``'s choice)."""
    if not len(probabilities):
        return dump.rules_text
    kept = [
        p.text
        for p, prob, decidable in zip(dump.paragraphs, probabilities, dump.decidable, strict=True)
        if prob >= threshold and decidable
    ]
    return "\n\n".join(kept) if kept else dump.rules_text


def candidates() -> dict[str, object]:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    models: dict[str, object] = {
        "logistic": make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000)),
    }
    for leaves, rounds in ((7, 100), (15, 200)):
        models[f"trees {leaves} leaves x {rounds}"] = HistGradientBoostingClassifier(
            max_leaf_nodes=leaves, max_iter=rounds, learning_rate=0.08, l2_regularization=1.0, random_state=0
        )
    return models


def fit(model: Any, dumps: list[Dump]) -> Any:
    """The model fitted on the labelled paragraphs of ``dumps``."""
    x = np.vstack([d.features for d in dumps])
    y = np.concatenate([d.labels for d in dumps])
    return model.fit(x[y >= 0], y[y >= 0])


def out_of_fold(dumps: list[Dump], model: object) -> list[np.ndarray]:
    """Each development page's probabilities from a model fitted on the other folds (by site)."""
    from sklearn.base import clone
    from sklearn.model_selection import GroupKFold

    sites = [d.site for d in dumps]
    result: list[np.ndarray] = [np.zeros(0)] * len(dumps)
    for train, test in GroupKFold(FOLDS).split(dumps, groups=sites):
        fitted = fit(clone(model), [dumps[i] for i in train])
        for i in test:
            result[i] = probabilities(fitted, dumps[i])
    return result


def probabilities(model: object, dump: Dump) -> np.ndarray:
    if not len(dump.features):
        return np.zeros(0)
    return np.asarray(model.predict_proba(dump.features)[:, 1])  # type: ignore[attr-defined]


def best_threshold(dumps: list[Dump], probabilities: list[np.ndarray]) -> tuple[float, dict[str, float]]:
    scored = []
    for threshold in THRESHOLDS:
        counts = [
            snippet_counts(kept_text(d, p, threshold), d) for d, p in zip(dumps, probabilities, strict=True)
        ]
        scored.append((prf(counts)["f1"], float(threshold), prf(counts)))
    f1, threshold, figures = max(scored)
    return threshold, figures


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} not found")
    development: list[Dump] = []
    untouched: list[Dump] = []
    for url, name, raw, with_, without in pages():
        dump = build(url, name, dump_text((url, name, raw, with_, without)), with_, without)
        (untouched if held_out(name) else development).append(dump)
    results: dict[str, object] = {
        "split": "untouched when sha256(file name) % 10 < 3; CV folds grouped by site on the rest",
        "development_pages": len(development),
        "untouched_pages": len(untouched),
        "rule cleaner (development)": prf([snippet_counts(d.rules_text, d) for d in development]),
    }
    cv: dict[str, object] = {}
    for label, model in candidates().items():
        threshold, figures = best_threshold(development, out_of_fold(development, model))
        cv[label] = {"threshold": threshold, **figures}
        print(label, cv[label], flush=True)
    results["cross-validated (development)"] = cv
    chosen = max(cv, key=lambda k: cv[k]["f1"])  # type: ignore[index]
    threshold = float(cv[chosen]["threshold"])  # type: ignore[index]
    model = candidates()[chosen]
    fit(model, development)
    shipped = LineModel(TreeEnsemble.from_sklearn(model), threshold)
    results["chosen"] = {"model": chosen, "threshold": threshold}
    results["untouched"] = {
        "rule cleaner": prf([snippet_counts(d.rules_text, d) for d in untouched]),
        "classifier": prf(
            [snippet_counts(classify_dump(d.dump, clean_text(d.dump), shipped).text, d) for d in untouched]
        ),
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if "--write" in sys.argv[1:]:
        meta = {"trained_on": "trafilatura-eval development part", "model": chosen}
        print("wrote", shipped.save(DEFAULT_MODEL, meta))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
