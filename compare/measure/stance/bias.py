"""Loaded language: the probability that a sentence is worded with bias.

The shipped default is a lexicon score, because the data this task is usually learned from
(BABE) may not be shipped, nor a model trained on it. The score counts loaded/subjective words
(``lexicon.LOADED``) and the wording lexicons' loaded attribution verbs, intensifiers and
labelling terms, and maps the weighted count through a logistic curve whose two constants were
set by hand (one hit ~ 0.5, two ~ 0.8, none ~ 0.2), not fitted.

``compare train bias --data CSV --out FILE`` fits a logistic regression on a BABE-style CSV
(``;``-separated, columns ``text`` and ``label_bias``) the user supplies; pass the file to
``predict_bias(sentences, model=FILE)``.
"""

from __future__ import annotations

import csv
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from compare.errors import InputError, ModelError
from compare.measure.stance.artefacts import pack_strings, unpack_strings
from compare.measure.stance.lexicon import LOADED, NEGATIVE, POSITIVE, in_lexicon
from compare.measure.stance.linear import LinearModel, frequent_features
from compare.measure.stance.wording import WordingMatch, find_wording
from compare.normalise import tokenize

MODEL_KIND = "sentence-bias"
LABELS: tuple[str, ...] = ("non-biased", "biased")
# Hand-set curve of the lexicon score: p = 1 / (1 + exp(-(SLOPE * hits + OFFSET))).
SLOPE = 1.4
OFFSET = -1.4
# Weights of each kind of hit in the lexicon score.
WEIGHTS = {"loaded": 1.0, "attribution_loaded": 0.7, "labelling": 0.7, "intensifier": 0.5,
           "polar": 0.25}


def lexicon_hits(sentence: str, wording: Sequence[WordingMatch] | None = None) -> dict[str, float]:
    """Counts of loaded, polar and wording-lexicon words in one sentence.

    ``wording`` may pass the sentence's wording matches when they are already known.
    """
    words = [t.norm for t in tokenize(sentence)]
    hits = {"loaded": float(sum(in_lexicon(w, LOADED) for w in words)),
            "polar": float(sum(in_lexicon(w, POSITIVE) or in_lexicon(w, NEGATIVE) for w in words))}
    for m in find_wording(sentence) if wording is None else wording:
        if m.category in WEIGHTS:
            hits[m.category] = hits.get(m.category, 0.0) + 1.0
    return hits


def lexicon_score(sentence: str, wording: Sequence[WordingMatch] | None = None) -> float:
    """The shipped, hand-set probability that ``sentence`` uses loaded language."""
    hits = lexicon_hits(sentence, wording)
    total = sum(WEIGHTS[k] * v for k, v in hits.items())
    return 1.0 / (1.0 + math.exp(-(SLOPE * total + OFFSET)))


def bias_features(sentence: str, valence: Mapping[str, float] | None = None) -> dict[str, float]:
    """Sparse features of a trained bias model: words, word pairs, lexicon counts, valence."""
    words = [t.norm for t in tokenize(sentence)]
    feats: dict[str, float] = {}
    if valence:
        values = [valence.get(w, 0.0) for w in words]
        feats["val:abs"] = sum(abs(v) for v in values) / 4.0
        feats["val:max"] = max((abs(v) for v in values), default=0.0) / 4.0
        feats["val:pos"] = sum(v for v in values if v > 0) / 4.0
        feats["val:neg"] = -sum(v for v in values if v < 0) / 4.0
    for w in words:
        feats[f"w:{w}"] = 1.0
    for a, b in zip(words, words[1:], strict=False):
        feats[f"b:{a}_{b}"] = 1.0
    for k, v in lexicon_hits(sentence).items():
        feats[f"lex:{k}"] = v
        feats[f"lexany:{k}"] = float(v > 0)
    feats["len"] = math.log1p(len(words))
    feats["quote"] = float(any(c in sentence for c in "\"“”"))
    return feats


_LOCK = threading.Lock()
_CACHE: dict[str, tuple[LinearModel, dict[str, float]]] = {}


def _load(path: str | Path) -> tuple[LinearModel, dict[str, float]]:
    key = str(path)
    with _LOCK:
        if key not in _CACHE:
            linear, header = LinearModel.load(key, MODEL_KIND)
            arrays = header["arrays"]
            words = unpack_strings(arrays, "valence_words")
            _CACHE[key] = (linear, dict(zip(words, arrays["valence_values"].tolist(), strict=True)))
        return _CACHE[key]


def predict_bias(sentences: list[str], model: str | Path | None = None) -> list[float]:
    """Probability that each sentence is biased (lexicon score, or a model file you trained)."""
    if model is None:
        return [lexicon_score(s) for s in sentences]
    if not sentences:
        return []
    fitted, valence = _load(model)
    rows = [bias_features(s, valence) for s in sentences]
    return [float(p) for p in fitted.predict_proba(rows)[:, 1]]


def read_babe(path: str | Path) -> tuple[list[str], list[int], list[str], list[str]]:
    """Sentences, labels (1 = biased), article links and outlets of a BABE-style CSV."""
    source = Path(path)
    if not source.is_file():
        raise InputError(str(source), "missing: expected a ';'-separated CSV with text and label_bias")
    texts, labels, links, outlets = [], [], [], []
    with source.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=";")
        if not reader.fieldnames or not {"text", "label_bias"} <= set(reader.fieldnames):
            raise InputError(str(source), "needs ';'-separated columns 'text' and 'label_bias'")
        for row in reader:
            label = (row["label_bias"] or "").strip().casefold()
            if label not in {"biased", "non-biased"}:
                continue
            texts.append(row["text"])
            labels.append(int(label == "biased"))
            links.append(row.get("news_link") or "")
            outlets.append(row.get("outlet") or "")
    if not texts or len(set(labels)) < 2:
        raise InputError(str(source), "needs rows of both labels 'Biased' and 'Non-biased'")
    return texts, labels, links, outlets


@dataclass(frozen=True)
class BiasModel:
    """A trained bias model: logistic regression plus the valence lexicon its features read."""

    linear: LinearModel
    valence: dict[str, float]

    def predict_proba(self, sentences: Sequence[str]) -> list[float]:
        """Probability that each sentence is biased."""
        if not sentences:
            return []
        rows = [bias_features(s, self.valence) for s in sentences]
        return [float(p) for p in self.linear.predict_proba(rows)[:, 1]]

    def save(self, path: str | Path, meta: dict[str, Any]) -> Path:
        """Write as a non-pickle ``.npz``."""
        words = sorted(self.valence)
        extra = {**pack_strings(words, "valence_words"),
                 "valence_values": np.array([self.valence[w] for w in words])}
        return self.linear.save(path, MODEL_KIND, meta, extra)


def fit_bias(texts: Sequence[str], labels: Sequence[int], c: float = 0.3) -> BiasModel:
    """Fit the logistic regression on labelled sentences."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    from compare.measure.stance.sentiment import vader_valence

    valence = vader_valence()
    vec = DictVectorizer()
    x = vec.fit_transform(frequent_features([bias_features(t, valence) for t in texts], 2))
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=0)
    with threadpool_limits(limits=1):  # the machine may be shared: one core
        clf.fit(x, list(labels))
    return BiasModel(LinearModel.from_sklearn(vec, clf, LABELS), valence)


def train_bias(data: str | Path, out: str | Path) -> Path:
    """Train a bias model from a BABE-style CSV you supply and write it to ``out``."""
    texts, labels, _, _ = read_babe(data)
    target = Path(out)
    if target.suffix != ".npz":
        raise ModelError(f"{target}: a bias model file must end in .npz")
    return fit_bias(texts, labels).save(target, {"trained_on": str(Path(data).name)})
