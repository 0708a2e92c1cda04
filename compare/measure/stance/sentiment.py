"""Sentiment toward a target in a sentence (negative, neutral, positive), target-aware.

Features look at the target's context rather than the whole sentence: words left and right of
the target, weighted by distance; bigrams around it; character n-grams of a window around it
with the target masked (so the model learns the context, not the person); polarity-lexicon hits
near the target; and the whole sentence's words at a lower weight. A logistic regression over
them is trained on NewsMTSC (``compare train sentiment --data DIR``) and shipped as arrays.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

from compare.errors import InputError
from compare.measure.stance.artefacts import DATA_DIR
from compare.measure.stance.lexicon import NEGATIVE, POSITIVE, in_lexicon
from compare.measure.stance.linear import LinearModel
from compare.normalise import tokenize

LABELS: tuple[str, ...] = ("negative", "neutral", "positive")
MODEL_KIND = "target-sentiment"
DEFAULT_MODEL = DATA_DIR / "sentiment.npz"
# Words on each side of the target whose identity is a feature; weight 1 / (1 + d / DECAY).
WINDOW = 8
DECAY = 3.0
# Characters on each side of the target for the character n-gram features.
CHAR_WINDOW = 40
TARGET = "<t>"


def target_features(sentence: str, start: int, end: int) -> dict[str, float]:
    """Sparse features of the sentiment expressed toward ``sentence[start:end]``."""
    start, end = max(0, min(start, len(sentence))), max(0, min(end, len(sentence)))
    toks = tokenize(sentence)
    left = [t.norm for t in toks if t.end <= start]
    right = [t.norm for t in toks if t.start >= end]
    feats: dict[str, float] = {}

    def add(name: str, value: float) -> None:
        feats[name] = feats.get(name, 0.0) + value

    for d, w in enumerate(reversed(left[-WINDOW:])):
        add(f"l:{w}", 1.0 / (1.0 + d / DECAY))
    for d, w in enumerate(right[:WINDOW]):
        add(f"r:{w}", 1.0 / (1.0 + d / DECAY))
    seq = [*left[-3:], TARGET, *right[:3]]
    for a, b in zip(seq, seq[1:], strict=False):
        add(f"b:{a}_{b}", 1.0)
    for w in (*left, *right):
        add(f"w:{w}", 0.3)
    for a, b in zip((*left, TARGET, *right), (*left, TARGET, *right)[1:], strict=False):
        add(f"s:{a}_{b}", 0.2)
    window = (sentence[max(0, start - CHAR_WINDOW) : start] + " # " + sentence[end : end + CHAR_WINDOW]).casefold()
    for n in (3, 4, 5):
        for i in range(len(window) - n + 1):
            add(f"c:{window[i : i + n]}", 0.1)
    _polarity(add, left[::-1][:WINDOW], "l")
    _polarity(add, right[:WINDOW], "r")
    _polarity(add, [*left, *right], "all")
    add("target_first", float(not left))
    add("bias", 1.0)
    return feats


def _polarity(add: object, words: Sequence[str], side: str) -> None:
    pos = sum(1.0 / (1.0 + d / DECAY) for d, w in enumerate(words) if in_lexicon(w, POSITIVE))
    neg = sum(1.0 / (1.0 + d / DECAY) for d, w in enumerate(words) if in_lexicon(w, NEGATIVE))
    neg_words = {"not", "no", "never", "without", "n't"}
    flip = any(w in neg_words for w in words[:4])
    assert callable(add)
    add(f"pos:{side}", pos)
    add(f"neg:{side}", neg)
    add(f"net:{side}", (neg - pos) if flip else (pos - neg))


_LOCK = threading.Lock()
_CACHE: dict[str, LinearModel] = {}


def get_model(path: str | Path | None = None) -> LinearModel:
    """The sentiment model at ``path`` (default: the shipped one), loaded once and cached."""
    key = str(Path(path) if path else DEFAULT_MODEL)
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = LinearModel.load(key, MODEL_KIND)[0]
        return _CACHE[key]


def predict_target_sentiment(sentences: list[str], spans: list[tuple[int, int]]) -> list[str]:
    """Sentiment each sentence expresses toward its target span: negative, neutral or positive."""
    if len(sentences) != len(spans):
        raise ValueError(f"{len(sentences)} sentences but {len(spans)} spans")
    rows = [target_features(s, a, b) for s, (a, b) in zip(sentences, spans, strict=True)]
    return get_model().predict(rows)


def read_newsmtsc(path: str | Path) -> tuple[list[str], list[tuple[int, int]], list[str]]:
    """Sentences, target spans and labels of a NewsMTSC ``.jsonl`` file."""
    source = Path(path)
    if not source.is_file():
        raise InputError(str(source), "missing: expected a NewsMTSC .jsonl file")
    sentences, spans, labels = [], [], []
    for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            sentences.append(row["sentence"])
            spans.append((int(row["from"]), int(row["to"])))
            labels.append(LABELS[int(row["polarity"]) + 1])
        except (ValueError, KeyError, IndexError) as exc:
            raise InputError(f"{source}:{n}", f"not a NewsMTSC row ({exc})") from exc
    return sentences, spans, labels


def fit_sentiment(
    sentences: Sequence[str], spans: Sequence[tuple[int, int]], labels: Sequence[str], c: float = 0.5
) -> LinearModel:
    """Fit the target-aware logistic regression on training rows."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [target_features(s, a, b) for s, (a, b) in zip(sentences, spans, strict=True)]
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=0)
    clf.fit(x, [LABELS.index(lab) for lab in labels])
    return LinearModel.from_sklearn(vec, clf, LABELS)


def train_sentiment(data_dir: str | Path, out: str | Path | None = None) -> Path:
    """Rebuild the shipped sentiment model from a NewsMTSC folder (its ``train.jsonl``)."""
    sentences, spans, labels = read_newsmtsc(Path(data_dir) / "train.jsonl")
    model = fit_sentiment(sentences, spans, labels)
    meta = {"trained_on": "NewsMTSC train (Hamborg & Donnay 2021, MIT)"}
    return model.save(out or DEFAULT_MODEL, MODEL_KIND, meta)
