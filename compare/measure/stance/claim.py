"""Stance of a body text toward a claim (FNC-1 labels: agree, disagree, discuss, unrelated).

Features are hand-built and cheap: word and character n-gram overlap between claim and body,
TF-IDF cosine (vocabulary and idf learned from training text only), the body sentences closest
to the claim and the refuting, hedging and confirming words inside them, negation, position of
the claim's words in the body. A gradient-boosted tree ensemble over them is shipped as flat
arrays (``compare/data/stance.npz``) with one decision offset per label, added to the trees'
log-probabilities: the trees alone rarely say "disagree" (the rarest label), and the offsets,
chosen out of fold on the training pairs, trade a little FNC score for macro-F1.
``compare train stance --data DIR`` rebuilds it from fnc-1-train.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from compare.artefacts import DATA_DIR, TreeEnsemble, load_model, load_once, save_model
from compare.errors import InputError, ModelError
from compare.measure.stance.vectors import STOPWORDS, Tfidf, words
from compare.normalise import sentence_spans

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
MODEL_KIND = "claim-stance"
DEFAULT_MODEL = DATA_DIR / "stance.npz"
# Decision offsets: folds by body event for the out-of-fold probabilities, the grid of values
# tried per label, and the coordinate-ascent sweeps (the label unrelated keeps offset 0).
OFFSET_FOLDS = 3
OFFSET_GRID: tuple[float, ...] = tuple(round(-1.0 + 0.25 * i, 2) for i in range(17))
OFFSET_SWEEPS = 2

# Words that deny or debunk (after the FNC-1 baseline's list, extended by hand).
REFUTE = (
    "fake", "fraud", "hoax", "false", "deny", "denies", "denied", "denying", "refute", "refutes",
    "debunk", "debunked", "bogus", "nope", "doubt", "doubts", "retract", "retracted", "untrue",
    "myth", "rumour", "rumor", "rumours", "rumors", "prank", "pranks", "satire", "satirical",
    "misleading", "incorrect", "wrong", "never", "not", "no", "nothing", "dismissed", "rejected",
    "contrary", "insisted", "spokesperson", "spokesman", "despite",
)
# Words that report without endorsing.
HEDGE = (
    "allegedly", "reportedly", "claim", "claims", "claimed", "according", "unconfirmed",
    "unverified", "purportedly", "apparently", "supposedly", "may", "might", "could", "possibly",
    "perhaps", "appears", "appear", "believed", "suggest", "suggests", "seems", "if", "report",
    "reports", "reported", "say", "says", "said", "sources", "speculation", "whether",
)
# Words that assert or confirm.
CONFIRM = (
    "confirmed", "confirms", "confirm", "official", "officially", "announced", "revealed",
    "shows", "showed", "proved", "proof", "evidence", "indeed", "true", "video", "footage",
    "photos", "admitted", "verified", "actually",
)
NEGATION = frozenset({"not", "no", "never", "none", "nothing", "neither", "nor", "cannot", "n't"})
REFUTE_SET, HEDGE_SET, CONFIRM_SET = frozenset(REFUTE), frozenset(HEDGE), frozenset(CONFIRM)


@dataclass(frozen=True)
class _Body:
    """A body prepared once, reused for every claim paired with it."""

    tokens: list[str]
    token_set: frozenset[str]
    sentences: list[list[str]]
    first_pos: dict[str, int]
    bigrams: frozenset[tuple[str, str]]
    trigrams: frozenset[tuple[str, str, str]]
    chargrams: frozenset[str]
    lead: frozenset[str]
    vectors: sparse.csr_matrix  # row 0: whole body, then one row per sentence


def _chargrams(text: str, n: int = 5) -> frozenset[str]:
    flat = " ".join(text.casefold().split())
    return frozenset(flat[i : i + n] for i in range(max(0, len(flat) - n + 1)))


def _prepare_body(body: str, tfidf: Tfidf) -> _Body:
    sentences = [words(body[s:e]) for s, e in sentence_spans(body)] or [[]]
    tokens = [w for sent in sentences for w in sent]
    first: dict[str, int] = {}
    for i, w in enumerate(tokens):
        first.setdefault(w, i)
    return _Body(
        tokens=tokens,
        token_set=frozenset(tokens),
        sentences=sentences,
        first_pos=first,
        bigrams=frozenset(zip(tokens, tokens[1:], strict=False)),
        trigrams=frozenset(zip(tokens, tokens[1:], tokens[2:], strict=False)),
        chargrams=_chargrams(body),
        lead=frozenset(tokens[:80]),
        vectors=tfidf.transform([[w for w in tokens if w not in STOPWORDS], *sentences]),
    )


def _lex_rates(tokens: Sequence[str]) -> list[float]:
    n = max(1, len(tokens))
    ref = sum(t in REFUTE_SET for t in tokens)
    hed = sum(t in HEDGE_SET for t in tokens)
    con = sum(t in CONFIRM_SET for t in tokens)
    neg = sum(t in NEGATION for t in tokens)
    return [ref / n, hed / n, con / n, neg / n, float(ref), float(hed), float(con), float(neg)]


N_FEATURES = 40


def pair_features(claim: str, body: _Body, tfidf: Tfidf) -> np.ndarray:
    """The feature vector of one claim/body pair (length ``N_FEATURES``)."""
    h = words(claim)
    hc = [w for w in h if w not in STOPWORDS] or h
    hset = frozenset(hc)
    nb = max(1, len(body.tokens))
    inter = hset & body.token_set
    jacc = len(inter) / max(1, len(hset | body.token_set))
    cover = len(inter) / max(1, len(hset))
    lead_cover = len(hset & body.lead) / max(1, len(hset))
    h_bi = set(zip(h, h[1:], strict=False))
    h_tri = set(zip(h, h[1:], h[2:], strict=False))
    bi = len(h_bi & body.bigrams) / max(1, len(h_bi))
    tri = len(h_tri & body.trigrams) / max(1, len(h_tri))
    hch = _chargrams(claim)
    ch = len(hch & body.chargrams) / max(1, len(hch))
    positions = [body.first_pos[w] / nb for w in hset if w in body.first_pos]
    first_hit = min(positions) if positions else 1.0
    mean_hit = float(np.mean(positions)) if positions else 1.0
    cos_all = np.asarray((body.vectors @ tfidf.transform([hc]).T).todense()).ravel()
    cos_body, sent_cos = float(cos_all[0]), cos_all[1:]
    order = np.argsort(-sent_cos, kind="stable")
    best = order[:3]
    top_cos = float(sent_cos[order[0]]) if len(order) else 0.0
    top3 = float(sent_cos[best].mean()) if len(best) else 0.0
    lead_cos = float(sent_cos[:2].mean()) if len(sent_cos) else 0.0
    near = [w for i in best for w in body.sentences[i]]
    near_rates = _lex_rates(near)
    body_rates = _lex_rates(body.tokens)
    claim_rates = _lex_rates(h)
    n_sent_hit = float((sent_cos > 0.2).sum()) / max(1, len(sent_cos))
    feats = [
        jacc, cover, lead_cover, bi, tri, ch, first_hit, mean_hit, cos_body, top_cos, top3,
        lead_cos, n_sent_hit, math.log1p(len(body.tokens)), float(len(h)),
        float("?" in claim), float(len(inter)), float(claim_rates[4] % 2), float(body_rates[4] % 2),
        float(near_rates[4] % 2), *near_rates, *body_rates, *claim_rates[:4],
    ]
    return np.array(feats, dtype=np.float64)


def featurize(
    claims: Sequence[str], bodies: Sequence[str], tfidf: Tfidf
) -> np.ndarray:
    """Feature matrix for aligned lists of claims and bodies (each distinct body prepared once)."""
    cache: dict[str, _Body] = {}
    rows = []
    for claim, body in zip(claims, bodies, strict=True):
        prepared = cache.get(body)
        if prepared is None:
            prepared = cache[body] = _prepare_body(body, tfidf)
        rows.append(pair_features(claim, prepared, tfidf))
    return np.vstack(rows) if rows else np.zeros((0, N_FEATURES))


@dataclass(frozen=True)
class StanceModel:
    """A fitted claim-stance model: TF-IDF vocabulary plus a tree ensemble over pair features."""

    tfidf: Tfidf
    trees: TreeEnsemble
    offsets: np.ndarray = field(default_factory=lambda: np.zeros(len(LABELS)))
    labels: tuple[str, ...] = LABELS

    def predict(self, claims: Sequence[str], bodies: Sequence[str]) -> list[str]:
        """One label per claim/body pair."""
        if not claims:
            return []
        probs = self.trees.predict_proba(featurize(claims, bodies, self.tfidf))
        return [self.labels[i] for i in decide(probs, self.offsets)]

    def save(self, path: str | Path) -> Path:
        """Write the model as a non-pickle ``.npz``."""
        arrays = {
            **self.tfidf.to_arrays("tfidf_"), **self.trees.to_arrays("trees_"),
            "offsets": np.asarray(self.offsets, dtype=np.float64),
        }
        meta = {"labels": list(self.labels), "n_features": N_FEATURES,
                "trained_on": "FNC-1 training data (FakeNewsChallenge/fnc-1; Emergent)"}
        return save_model(path, MODEL_KIND, arrays, meta)

    @classmethod
    def load(cls, path: str | Path) -> StanceModel:
        """Read a model written by :meth:`save`."""
        arrays, header = load_model(path, MODEL_KIND)
        if header.get("n_features") != N_FEATURES:
            raise ModelError(f"{path}: built for another feature set; rebuild with `compare train stance`")
        labels = tuple(header["labels"])
        return cls(
            Tfidf.from_arrays(arrays, "tfidf_"),
            TreeEnsemble.from_arrays(arrays, "trees_"),
            arrays.get("offsets", np.zeros(len(labels))),
            labels,
        )


_CACHE: dict[str, StanceModel] = {}


def get_model(path: str | Path | None = None) -> StanceModel:
    """The stance model at ``path`` (default: the shipped one), loaded once and cached."""
    return load_once(_CACHE, Path(path) if path else DEFAULT_MODEL, StanceModel.load)


def predict_stance(claims: list[str], bodies: list[str]) -> list[str]:
    """Stance of each body toward its claim: agree, disagree, discuss or unrelated."""
    if len(claims) != len(bodies):
        raise ValueError(f"{len(claims)} claims but {len(bodies)} bodies")
    return get_model().predict(claims, bodies)


def read_fnc(data_dir: str | Path) -> tuple[list[str], list[str], list[str], list[int]]:
    """Claims, bodies, labels and body ids of an FNC-1 folder (train_stances/train_bodies.csv)."""
    root = Path(data_dir)
    stances, bodies_csv = root / "train_stances.csv", root / "train_bodies.csv"
    for f in (stances, bodies_csv):
        if not f.is_file():
            raise InputError(str(f), "missing: an FNC-1 folder holds train_stances.csv and train_bodies.csv")
    with bodies_csv.open(encoding="utf-8") as fh:
        body_text = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(fh)}
    claims, bodies, labels, ids = [], [], [], []
    with stances.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            bid = int(row["Body ID"])
            if bid not in body_text or row["Stance"] not in LABELS:
                raise InputError(str(stances), f"bad row for body {bid}: stance {row['Stance']!r}")
            claims.append(row["Headline"])
            bodies.append(body_text[bid])
            labels.append(row["Stance"])
            ids.append(bid)
    return claims, bodies, labels, ids


def fit_tfidf(claims: Sequence[str], bodies: Sequence[str]) -> Tfidf:
    """TF-IDF over the distinct training claims and bodies."""
    docs = [words(t) for t in sorted(set(claims)) + sorted(set(bodies))]
    return Tfidf.fit(([w for w in d if w not in STOPWORDS] for d in docs), min_df=2)


def fit_stance(
    claims: Sequence[str], bodies: Sequence[str], labels: Sequence[str], body_ids: Sequence[int],
    random_state: int = 0,
) -> StanceModel:
    """Fit the TF-IDF vocabulary, the tree ensemble and its decision offsets on training pairs.

    ``body_ids`` group the pairs into events (``body_events``) for the out-of-fold offsets.
    """
    tfidf = fit_tfidf(claims, bodies)
    x = featurize(claims, bodies, tfidf)
    y = np.array([LABELS.index(lab) for lab in labels])
    event = body_events(body_ids, claims, labels)
    trees, offsets = fit_recipe(x, y, [event[b] for b in body_ids], random_state)
    return StanceModel(tfidf, trees, offsets)


def fit_recipe(
    x: np.ndarray, y: np.ndarray, groups: Sequence[int], random_state: int = 0
) -> tuple[TreeEnsemble, np.ndarray]:
    """Trees fitted on all pairs and offsets chosen on out-of-fold probabilities (folds by ``groups``)."""
    from sklearn.model_selection import GroupKFold

    out_of_fold = np.zeros((len(y), len(LABELS)))
    for train, test in GroupKFold(n_splits=OFFSET_FOLDS).split(x, y, groups):
        # The trees' columns are the labels present in the fold's training part, in order.
        present = np.unique(y[train])
        out_of_fold[np.ix_(test, present)] = fit_trees(x[train], y[train], random_state).predict_proba(x[test])
    return fit_trees(x, y, random_state), decision_offsets(out_of_fold, y)


def decide(probs: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The label index of each row: the largest log-probability plus the label's offset."""
    return np.asarray(np.argmax(np.log(np.clip(probs, 1e-9, 1.0)) + offsets, axis=1))


def decision_offsets(probs: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per-label offsets that maximise the macro-F1 of ``decide(probs, offsets)`` against ``y``.

    Coordinate ascent over OFFSET_GRID, disagree first (the label the trees miss most), then
    agree and discuss; ties go to the smaller offset. Unrelated stays 0 (only differences count).
    """
    from sklearn.metrics import f1_score

    def macro(offsets: np.ndarray) -> float:
        return float(f1_score(y, decide(probs, offsets), labels=range(len(LABELS)), average="macro"))

    offsets = np.zeros(len(LABELS))
    for _ in range(OFFSET_SWEEPS):
        for label in ("disagree", "agree", "discuss"):
            k = LABELS.index(label)
            tried = {value: macro(np.where(np.arange(len(LABELS)) == k, value, offsets)) for value in OFFSET_GRID}
            offsets[k] = max(tried, key=lambda value: (tried[value], -abs(value)))
    return offsets


def body_events(body_ids: Sequence[int], claims: Sequence[str], labels: Sequence[str]) -> dict[int, int]:
    """Each body's event: bodies related (not unrelated) to one claim are one event (union-find)."""
    parent = {b: b for b in body_ids}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, int] = {}
    for body, claim, label in zip(body_ids, claims, labels, strict=True):
        if label != "unrelated":
            parent[find(body)] = find(first.setdefault(claim, body))
    return {b: find(b) for b in body_ids}


def fit_trees(x: np.ndarray, y: np.ndarray, random_state: int = 0) -> TreeEnsemble:
    """Gradient-boosted trees over pair features, on one thread (the machine may be shared)."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        clf = HistGradientBoostingClassifier(
            max_iter=300, learning_rate=0.08, max_leaf_nodes=31, min_samples_leaf=20,
            l2_regularization=1.0, random_state=random_state, early_stopping=False,
        ).fit(x, y)
    return TreeEnsemble.from_sklearn(clf)


def train_stance(data_dir: str | Path, out: str | Path | None = None) -> Path:
    """Rebuild the shipped stance model from an FNC-1 folder; returns the file written."""
    claims, bodies, labels, ids = read_fnc(data_dir)
    model = fit_stance(claims, bodies, labels, ids)
    return model.save(out or DEFAULT_MODEL)


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> float:
    """The official FNC-1 score as a share of the best possible (0.25 related, +0.75 exact)."""
    def points(g: str, p: str) -> float:
        s = 0.25 if (g == "unrelated") == (p == "unrelated") else 0.0
        return s + (0.75 if g != "unrelated" and g == p else 0.0)

    best = sum(points(g, g) for g in gold)
    return sum(points(g, p) for g, p in zip(gold, pred, strict=True)) / best if best else 0.0
