"""Loaded language: the probability that a sentence is worded with bias.

The shipped default is a lexicon score, because the data this task is usually learned from
(BABE) may not be shipped, nor a model trained on it. The score counts loaded/subjective words
(``lexicon.LOADED``) and the wording lexicons' loaded attribution verbs, intensifiers and
labelling terms, and maps the weighted count through a logistic curve whose constants
(``settings.StanceSettings``) were set by hand, not fitted.

``compare train bias --data CSV --out FILE`` fits a logistic regression on a BABE-style CSV
(``;``-separated, columns ``text`` and ``label_bias``) the user supplies; pass the file to
``predict_bias(sentences, model=FILE)``.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import regex

from compare.artefacts import load_once, pack_strings, unpack_strings
from compare.errors import InputError, ModelError
from compare.measure.stance.lexicon import LOADED, NEGATIVE, POSITIVE, in_lexicon
from compare.measure.stance.linear import LinearModel, frequent_features
from compare.measure.stance.sentiment import VADER_SCALE
from compare.measure.stance.wording import find_wording
from compare.model import WordingMatch
from compare.normalise import tokenize
from compare.settings import DEFAULT_SETTINGS, StanceSettings

MODEL_KIND = "sentence-bias"
LABELS: tuple[str, ...] = ("non-biased", "biased")
# The kinds of wording-lexicon hit the score counts (besides loaded and polar words).
WORDING_KINDS = frozenset({"attribution_loaded", "labelling", "intensifier"})


def lexicon_hits(sentence: str, wording: Sequence[WordingMatch] | None = None) -> dict[str, float]:
    """Counts of loaded, polar and wording-lexicon words in one sentence.

    ``wording`` may pass the sentence's wording matches when they are already known.
    """
    words = [t.norm for t in tokenize(sentence)]
    hits = {"loaded": float(sum(in_lexicon(w, LOADED) for w in words)),
            "polar": float(sum(in_lexicon(w, POSITIVE) or in_lexicon(w, NEGATIVE) for w in words))}
    for m in find_wording(sentence) if wording is None else wording:
        if m.category in WORDING_KINDS:
            hits[m.category] = hits.get(m.category, 0.0) + 1.0
    return hits


def lexicon_score(
    sentence: str, wording: Sequence[WordingMatch] | None = None,
    settings: StanceSettings = DEFAULT_SETTINGS.stance,
) -> float:
    """The shipped, hand-set probability that ``sentence`` uses loaded language."""
    weights = settings.hit_weights()
    total = sum(weights[k] * v for k, v in lexicon_hits(sentence, wording).items())
    return 1.0 / (1.0 + math.exp(-(settings.bias_slope * total + settings.bias_offset)))


def bias_features(
    sentence: str,
    valence: Mapping[str, float] | None = None,
    marked: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Sparse features of a trained bias model: words, word pairs, lexicon counts, valence,
    and (``marked``) how often annotators marked each word as biased in the training data."""
    words = [t.norm for t in tokenize(sentence)]
    feats: dict[str, float] = {}
    if valence:
        values = [valence.get(w, 0.0) for w in words]
        feats["val:abs"] = sum(abs(v) for v in values) / VADER_SCALE
        feats["val:max"] = max((abs(v) for v in values), default=0.0) / VADER_SCALE
        feats["val:pos"] = sum(v for v in values if v > 0) / VADER_SCALE
        feats["val:neg"] = -sum(v for v in values if v < 0) / VADER_SCALE
    if marked:
        rates = sorted((marked.get(w, 0.0) for w in set(words)), reverse=True)
        feats["mk:max"] = rates[0] if rates else 0.0
        feats["mk:top2"] = sum(rates[:2])
        feats["mk:n"] = float(sum(r >= DEFAULT_SETTINGS.stance.marked_rate for r in rates))
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


def marked_rates(texts: Sequence[str], marked_words: Sequence[Sequence[str]]) -> dict[str, float]:
    """Per word: share of its training occurrences that annotators marked biased (smoothed)."""
    seen: dict[str, int] = {}
    hits: dict[str, int] = {}
    for text, marks in zip(texts, marked_words, strict=True):
        words = {t.norm for t in tokenize(text)}
        for w in words:
            seen[w] = seen.get(w, 0) + 1
        for w in {t.norm for m in marks for t in tokenize(m)} & words:
            hits[w] = hits.get(w, 0) + 1
    # Add-one-style smoothing toward 0 so a word marked once in one sentence is not certain.
    return {w: h / (seen[w] + DEFAULT_SETTINGS.stance.marked_prior) for w, h in hits.items()}


_CACHE: dict[str, BiasModel] = {}


def _load(path: str | Path) -> BiasModel:
    return load_once(_CACHE, path, BiasModel.load)


def predict_bias(sentences: list[str], model: str | Path | None = None) -> list[float]:
    """Probability that each sentence is biased (lexicon score, or a model file you trained)."""
    if model is None:
        return [lexicon_score(s) for s in sentences]
    if not sentences:
        return []
    return _load(model).predict_proba(sentences)


@dataclass(frozen=True)
class BiasData:
    """Labelled sentences of a BABE-style CSV."""

    texts: list[str]
    labels: list[int]  # 1 = biased
    links: list[str]
    outlets: list[str]
    marked: list[list[str]]  # the words annotators marked as biased (may be empty)


def _marked_words(cell: str | None) -> list[str]:
    return [str(w) for w in regex.findall(r"['\"]([^'\"]+)['\"]", cell or "")]


def read_babe(path: str | Path) -> BiasData:
    """The labelled sentences of a BABE-style ';'-separated CSV (text, label_bias, ...)."""
    source = Path(path)
    if not source.is_file():
        raise InputError(str(source), "missing: expected a ';'-separated CSV with text and label_bias")
    data = BiasData([], [], [], [], [])
    with source.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=";")
        if not reader.fieldnames or not {"text", "label_bias"} <= set(reader.fieldnames):
            raise InputError(str(source), "needs ';'-separated columns 'text' and 'label_bias'")
        for row in reader:
            label = (row["label_bias"] or "").strip().casefold()
            if label not in {"biased", "non-biased"}:
                continue
            data.texts.append(row["text"])
            data.labels.append(int(label == "biased"))
            data.links.append(row.get("news_link") or "")
            data.outlets.append(row.get("outlet") or "")
            data.marked.append(_marked_words(row.get("biased_words")))
    if not data.texts or len(set(data.labels)) < 2:
        raise InputError(str(source), "needs rows of both labels 'Biased' and 'Non-biased'")
    return data


@dataclass(frozen=True)
class BiasModel:
    """A trained bias model: logistic regression plus the word tables its features read."""

    linear: LinearModel
    valence: dict[str, float]
    marked: dict[str, float]

    def predict_proba(self, sentences: Sequence[str]) -> list[float]:
        """Probability that each sentence is biased."""
        if not sentences:
            return []
        rows = [bias_features(s, self.valence, self.marked) for s in sentences]
        return [float(p) for p in self.linear.predict_proba(rows)[:, 1]]

    def save(self, path: str | Path, meta: dict[str, Any]) -> Path:
        """Write as a non-pickle ``.npz``."""
        extra: dict[str, np.ndarray] = {}
        for name, table in (("valence", self.valence), ("marked", self.marked)):
            words = sorted(table)
            extra.update(pack_strings(words, f"{name}_words"))
            extra[f"{name}_values"] = np.array([table[w] for w in words], dtype=np.float64)
        return self.linear.save(path, MODEL_KIND, meta, extra)

    @classmethod
    def load(cls, path: str | Path) -> BiasModel:
        """Read a file written by :meth:`save`."""
        linear, header = LinearModel.load(path, MODEL_KIND)
        arrays = header["arrays"]
        tables = [
            dict(zip(unpack_strings(arrays, f"{n}_words"), arrays[f"{n}_values"].tolist(), strict=True))
            for n in ("valence", "marked")
        ]
        return cls(linear, tables[0], tables[1])


def fit_bias(data: BiasData, c: float = DEFAULT_SETTINGS.stance.bias_model_c, folds: int = 5) -> BiasModel:
    """Fit the logistic regression on labelled sentences, regularised by ``c`` (how it was chosen:
    ``settings.StanceSettings.bias_model_c``).

    The marked-word feature of each training sentence is computed from the other folds only
    (cross-fitting), so the model cannot learn to trust a sentence's own annotation.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    from compare.measure.stance.sentiment import vader_valence

    valence = vader_valence()
    n = len(data.texts)
    rows: list[dict[str, float]] = [{} for _ in range(n)]
    for k in range(folds):
        held = [i for i in range(n) if i % folds == k]
        rest = [i for i in range(n) if i % folds != k]
        table = marked_rates([data.texts[i] for i in rest], [data.marked[i] for i in rest])
        for i in held:
            rows[i] = bias_features(data.texts[i], valence, table)
    vec = DictVectorizer()
    x = vec.fit_transform(frequent_features(rows, 2))
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=0)
    with threadpool_limits(limits=1):  # the machine may be shared: one core
        clf.fit(x, list(data.labels))
    marked = marked_rates(data.texts, data.marked)
    return BiasModel(LinearModel.from_sklearn(vec, clf, LABELS), valence, marked)


def subset(data: BiasData, rows: Sequence[int]) -> BiasData:
    """The given rows of ``data``."""
    return BiasData(*([getattr(data, f)[i] for i in rows] for f in
                      ("texts", "labels", "links", "outlets", "marked")))


def train_bias(data: str | Path, out: str | Path) -> Path:
    """Train a bias model from a BABE-style CSV you supply and write it to ``out``."""
    target = Path(out)
    if target.suffix != ".npz":
        raise ModelError(f"{target}: a bias model file must end in .npz")
    return fit_bias(read_babe(data)).save(target, {"trained_on": str(Path(data).name)})
