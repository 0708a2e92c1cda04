"""Where the sentence cosines' gain on the reuse level comes from (COUNTER development pairs only).

Plain logistic regression (the relation estimator, C 1) on word 1-3-gram containment, 5 x 5-fold
CV grouped by source document on the counter-dev pairs outside the untouched quarter (the split of
reuse_heldout.py; the untouched pairs are never read), the classifier's own predictions (no
product guards), with added to it:
- ``order_free``: the sentence cosines as compare_pair can read them
  (compare.measure.sentence_cosines: min and max of the two texts' figures);
- ``derived_text``: the same figures of the derived text's sentences only (their best cosine to
  the source's), and the texts' cosine: this needs to know which text is derived, which the
  labels say and compare_pair does not;
- ``shorter_text``: the shorter text's figures and the longer one's, a direction compare_pair
  could read (``shorter_is_derived`` says how often the shorter text is the derived one).
Usage: python benchmarks/reuse_sentence_cosines.py [--embeddings FILE.npz]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from heldout import grouped_folds, is_untouched, load_embeddings, spread  # noqa: E402
from reuse_bench import CORPORA, load_corpora  # noqa: E402
from reuse_heldout import WORD, scores, source_groups  # noqa: E402

from compare.align.crosslingual import embedded, mean_cosine, sentences  # noqa: E402
from compare.align.encoder import Vectors, default_encoder  # noqa: E402
from compare.measure.relation import relation_estimator, relation_features  # noqa: E402
from compare.measure.sentence_cosines import SHARE_CUTS, best_cosines, sentence_cosine_features  # noqa: E402
from compare.normalise import tokenize  # noqa: E402

Pair = dict[str, str]


def vectors(text: str) -> Vectors:
    return embedded(sentences(text, 3), default_encoder()).vectors


def summary(best: Vectors) -> list[float]:
    return [float(best.mean()), *(float((best >= cut).mean()) for cut in SHARE_CUTS)]


def derived_text(pair: Pair) -> list[float]:
    source, derived = vectors(pair["a"]), vectors(pair["b"])
    return [*summary(best_cosines(derived, source)[0]), mean_cosine(source, derived)]


def shorter_text(pair: Pair) -> list[float]:
    short, long = sorted((pair["a"], pair["b"]), key=len)
    short_best, long_best = best_cosines(vectors(short), vectors(long))
    return [*summary(short_best), *summary(long_best), mean_cosine(vectors(short), vectors(long))]


def order_free(pair: Pair) -> list[float]:
    return list(sentence_cosine_features(pair["a"], pair["b"]).values())


def containment(pair: Pair) -> list[float]:
    features = relation_features(tokenize(pair["a"]), tokenize(pair["b"]))
    return [features[name] for name in WORD]


def cross_validated(x: np.ndarray, levels: np.ndarray, groups: list[str]) -> dict[str, object]:
    predicted: dict[int, np.ndarray] = {}
    for repeat, train, test in grouped_folds(groups):
        fitted = relation_estimator(1.0).fit(x[train], levels[train])
        predicted.setdefault(repeat, np.empty(len(levels), dtype=object))[test] = fitted.predict(x[test])
    runs = [scores(list(levels), list(p)) for p in predicted.values()]
    return {k: spread([run[k] for run in runs]) for k in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embeddings", type=Path, help="sentence embeddings kept by reuse_heldout.py --embeddings")
    args = parser.parse_args()
    if not CORPORA.is_dir():
        print(f"skipped: {CORPORA} is not present")
        return
    if args.embeddings:
        load_embeddings(args.embeddings)
    counter = load_corpora()["counter"]
    groups = source_groups(counter)
    dev = [i for i, group in enumerate(groups) if not is_untouched(group)]
    pairs, dev_groups = [counter[i] for i in dev], [groups[i] for i in dev]
    levels = np.array([p["level"] for p in pairs])
    words = np.array([containment(p) for p in pairs])
    added: dict[str, Callable[[Pair], list[float]]] = {
        "order_free": order_free, "derived_text": derived_text, "shorter_text": shorter_text
    }
    figures: dict[str, object] = {"word_containment": cross_validated(words, levels, dev_groups)}
    for name, columns in added.items():
        x = np.hstack([words, np.array([columns(p) for p in pairs])])
        figures[f"word_containment + {name}"] = cross_validated(x, levels, dev_groups)
    figures["shorter_is_derived"] = round(float(np.mean([len(p["b"]) <= len(p["a"]) for p in pairs])), 3)
    print(json.dumps(figures, indent=2))
    (REPO / "benchmarks" / "results" / "reuse_sentence_cosines.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
