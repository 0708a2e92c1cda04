"""Relation of a pair: how far one text is derived from the other, then which kind of relation.

A small logistic regression (coefficients in ``compare/data/relation_model.json``, fitted on
counter-dev, clough-stevenson-2011 and not-derived English news pairs from FNC-1 by
SHIPPED_RECIPE — ``benchmarks/reuse_heldout.py`` chooses and measures it, ``compare train relation``
fits it on labelled pairs) reads order-free overlap figures, each also scaled by the pair's letters per word
(the scale of chance overlap in its language), and says whether the pair is wholly, partially or
not derived. A model fitted with the sentence cosines (compare.measure.sentence_cosines, the
sentence encoder's) reads them too; the shipped one does not (their cost, benchmarks/README.md).
The alignment then names the relation inside that level: duplicate or copy-with-edits,
partial-copy or rewrite, same-event or different-event (settings.RelationSettings says how each threshold was calibrated).
"""

from __future__ import annotations

import json
import math
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from compare.errors import InputError
from compare.measure.sentence_cosines import reads_sentences
from compare.model import Overlap, Passage, Relation
from compare.normalise import CONTENT_WORD_CHARS, Token
from compare.settings import RelationSettings

WORD_NGRAMS = (1, 2, 3, 5)
CHAR_NGRAMS = (4, 6, 8)
CONTENT_NGRAMS = (1, 2, 3)
# The pair's most frequent words, left out of the content n-grams: in any language they are its
# function words (and the event's one or two key names), which independent accounts share by chance.
FREQUENT_WORDS = 30
LEVELS = ("wholly", "partially", "non")
# Letters per word where the model's plain slopes apply (English news is about 4.7-5, Urdu 3.7).
WORD_LENGTH_CENTRE = 5.0
BY_WORD_LENGTH = "_by_word_length"


def content_cosine(
    a_tokens: list[Token], b_tokens: list[Token], stopwords: frozenset[str] = frozenset()
) -> float:
    """Cosine of content-word counts: do the texts talk about the same things.

    Content words are those not in ``stopwords`` (the languages' function words); with no stoplist,
    words of CONTENT_WORD_CHARS or more characters stand in for them.
    """
    if stopwords:
        a = Counter(t.norm for t in a_tokens if t.norm not in stopwords)
        b = Counter(t.norm for t in b_tokens if t.norm not in stopwords)
    else:
        a = Counter(t.norm for t in a_tokens if len(t.norm) >= CONTENT_WORD_CHARS)
        b = Counter(t.norm for t in b_tokens if len(t.norm) >= CONTENT_WORD_CHARS)
    dot = sum(count * b[word] for word, count in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return min(1.0, dot / norm) if norm else 0.0


def relation_features(a_tokens: list[Token], b_tokens: list[Token]) -> dict[str, float]:
    """Containment of word and character n-grams, the smaller and the larger of the two ways.

    Taking min and max keeps the figures the same when A and B swap. Content n-grams are word
    n-grams once the pair's most frequent words are left out (no stoplist, so any language).
    Character n-grams of the letters alone survive the spacing slips of Urdu newspapers
    ("کےآ خری") that split words.
    N-grams are compared as 64-bit rolling hashes in numpy, so long texts stay cheap.
    """
    import numpy as np

    ids: dict[str, int] = {}
    a_words = np.array([ids.setdefault(t.norm, len(ids)) for t in a_tokens], dtype=np.uint64)
    b_words = np.array([ids.setdefault(t.norm, len(ids)) for t in b_tokens], dtype=np.uint64)
    a_chars, b_chars = _code_points(a_tokens), _code_points(b_tokens)
    frequent = np.array(_most_frequent(a_tokens, b_tokens, ids), dtype=np.uint64)
    a_content, b_content = (words[~np.isin(words, frequent)] for words in (a_words, b_words))
    features: dict[str, float] = {}
    for name, a_seq, b_seq, sizes in (
        ("word", a_words, b_words, WORD_NGRAMS),
        ("char", a_chars, b_chars, CHAR_NGRAMS),
        ("content", a_content, b_content, CONTENT_NGRAMS),
    ):
        for n in sizes:
            low, high = _min_max(_gram_hashes(a_seq, n), _gram_hashes(b_seq, n))
            features[f"{name}{n}_min"], features[f"{name}{n}_max"] = low, high
    features.update(order_features([t.norm for t in a_tokens], [t.norm for t in b_tokens]))
    features["letters_per_word"] = letters_per_word(a_tokens, b_tokens)
    return features


def model_inputs(features: dict[str, float]) -> dict[str, float]:
    """The relation features plus each one times the pair's letters per word (less WORD_LENGTH_CENTRE).

    A shared 6-character n-gram or a 20% word overlap means more in a language of short words than
    in one of long words; these products let one linear model move each feature's slope with the
    word length instead of drawing one line through English and Urdu pairs alike. Idempotent:
    inputs already carrying the products come back unchanged.
    """
    shift = features["letters_per_word"] - WORD_LENGTH_CENTRE
    products = {
        f"{name}{BY_WORD_LENGTH}": value * shift
        for name, value in features.items()
        if name != "letters_per_word" and not name.endswith(BY_WORD_LENGTH)
    }
    return {**features, **products}


def _most_frequent(a_tokens: list[Token], b_tokens: list[Token], ids: dict[str, int]) -> list[int]:
    """Ids of the pair's FREQUENT_WORDS most frequent words (ties by the word, so A and B may swap)."""
    counts = Counter(t.norm for t in a_tokens)
    counts.update(t.norm for t in b_tokens)
    ranked = sorted(counts, key=lambda word: (-counts[word], word))
    return [ids[word] for word in ranked[:FREQUENT_WORDS]]


def letters_per_word(a_tokens: list[Token], b_tokens: list[Token]) -> float:
    """Mean word length of the pair in characters: the scale of its chance character overlap.

    Character n-grams of the same size mean different things in different languages: an English
    6-gram is mostly one word (two accounts of one event share many), an Urdu 6-gram spans two or
    three short words (a shared one is a shared phrase). The model reads this to set its chance level.
    """
    count = len(a_tokens) + len(b_tokens)
    return sum(len(t.norm) for tokens in (a_tokens, b_tokens) for t in tokens) / count if count else 0.0


def _code_points(tokens: list[Token]) -> Any:
    import numpy as np

    letters = "".join(unicodedata.normalize("NFC", t.norm) for t in tokens)
    return np.frombuffer(letters.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def _gram_hashes(sequence: Any, n: int) -> Any:
    """The distinct n-grams of an integer sequence as 64-bit polynomial hashes (wrapping)."""
    import numpy as np

    count = len(sequence) - n + 1
    if count <= 0:
        # A text shorter than n is one (short) n-gram, as in normalise.shingles.
        count, n = (1, len(sequence)) if len(sequence) else (0, 0)
    hashes = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(n):
            hashes = hashes * np.uint64(1_000_003) + sequence[k : k + count] + np.uint64(1)
    # Sort and drop repeats: numpy's hash-based unique is slower on large uint64 arrays.
    hashes.sort()
    return hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))] if len(hashes) else hashes


def _min_max(a: Any, b: Any) -> tuple[float, float]:
    import numpy as np

    shared = len(np.intersect1d(a, b, assume_unique=True))
    one = shared / len(a) if len(a) else 0.0
    two = shared / len(b) if len(b) else 0.0
    return min(one, two), max(one, two)


def order_features(a: list[str], b: list[str]) -> dict[str, float]:
    """Do the words both texts use once appear in the same order? (a rewrite keeps the order).

    The longest increasing run of B-positions of A's once-used words, found in n log n, against
    the number of such words on the smaller and larger side and of those shared.
    """
    a_counts, b_counts = Counter(a), Counter(b)
    b_position = {w: i for i, w in enumerate(b) if b_counts[w] == 1}
    sequence = [b_position[w] for w in a if a_counts[w] == 1 and w in b_position]
    tails: list[int] = []
    for value in sequence:
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
        else:
            tails[k] = value
    once_a = sum(1 for c in a_counts.values() if c == 1)
    once_b = sum(1 for c in b_counts.values() if c == 1)
    ordered = len(tails)
    return {
        "order_min": ordered / max(1, min(once_a, once_b)),
        "order_max": ordered / max(1, max(once_a, once_b)),
        "order_shared": ordered / max(1, len(sequence)),
    }


MODEL_FILE = "data/relation_model.json"


@dataclass(frozen=True)
class RelationRecipe:
    """How the relation model is fitted: which model inputs it reads and how strongly it is
    regularised. With the same labelled, weighted pairs it gives the same model, so
    `compare train relation` rebuilds the shipped file from the pairs benchmarks/reuse_heldout.py
    writes; that script chooses the recipe under the held-out protocol."""

    name: str
    # Model inputs read (model_inputs names); None: every one.
    columns: tuple[str, ...] | None = None
    # Inverse strength of the logistic regression's L2 penalty (scikit-learn's C).
    regularisation: float = 1.0

    def names(self, every: Sequence[str]) -> list[str]:
        """The input columns the recipe reads, out of ``every`` model input."""
        return list(every) if self.columns is None else list(self.columns)


def with_word_length(columns: Sequence[str]) -> tuple[str, ...]:
    """``columns`` and each one times the pair's letters per word (see model_inputs)."""
    return (*columns, *(f"{name}{BY_WORD_LENGTH}" for name in columns))


WORD_CHAR_CONTAINMENT = tuple(f"word{n}_{side}" for n in WORD_NGRAMS for side in ("min", "max")) + tuple(
    f"char{n}_{side}" for n in CHAR_NGRAMS for side in ("min", "max")
)
# Word 1-5-gram and character 4-8-gram containment, each also times letters per word.
SHIPPED_RECIPE = RelationRecipe(
    "word 1-5 + char 4-8 x letters per word", with_word_length(WORD_CHAR_CONTAINMENT)
)


@dataclass(frozen=True)
class LabelledPair:
    """Two texts, how far one derives from the other (a LEVELS entry) and the pair's training weight."""

    a: str
    b: str
    level: str
    weight: float = 1.0


def relation_estimator(regularisation: float = 1.0) -> Any:
    """The model's estimator: standardised features, multinomial logistic regression (inverse
    regularisation strength ``regularisation``)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=regularisation, max_iter=5000))


def pair_features(
    a_text: str, b_text: str, a_tokens: list[Token], b_tokens: list[Token], sentences: bool
) -> dict[str, float]:
    """relation_features of a pair and, with ``sentences``, its sentence cosine figures
    (compare.measure.sentence_cosines, which embeds the sentences): what the model is fitted on
    (pair_inputs) and what compare_pair gives it (model_features)."""
    features = relation_features(a_tokens, b_tokens)
    if sentences:
        from compare.measure.sentence_cosines import sentence_cosine_features

        features.update(sentence_cosine_features(a_text, b_text))
    return features


def model_features(
    a_text: str, b_text: str, a_tokens: list[Token], b_tokens: list[Token], model: dict[str, Any] | None = None
) -> dict[str, float] | None:
    """The features the relation model (default: the shipped one) reads of a pair, the sentence
    cosines only if it reads them; None where it reads them and the sentence encoder is not
    installed (then the copied shares alone decide, as in bulk scans)."""
    from compare.align.encoder import encoder_available

    sentences = reads_sentences((model or load_model())["features"])
    if sentences and not encoder_available():
        return None
    return pair_features(a_text, b_text, a_tokens, b_tokens, sentences)


def pair_inputs(a: str, b: str, sentences: bool = True) -> dict[str, float]:
    """Every model input of a pair of texts (model_inputs of pair_features); without ``sentences``
    the sentence cosine figures are left out (and no encoder runs)."""
    from compare.normalise import tokenize

    return model_inputs(pair_features(a, b, tokenize(a), tokenize(b), sentences))


def fit_relation_model(
    pairs: Sequence[LabelledPair], about: str, recipe: RelationRecipe = SHIPPED_RECIPE
) -> dict[str, Any]:
    """Fit ``recipe`` on labelled pairs, each counted its weight; returned as the plain JSON
    record ``derivation_level`` reads."""
    sentences = recipe.columns is None or reads_sentences(recipe.columns)
    rows = [pair_inputs(pair.a, pair.b, sentences) for pair in pairs]
    return fit_relation_rows(rows, [p.level for p in pairs], recipe, about, [p.weight for p in pairs])


def fit_relation_rows(
    rows: Sequence[dict[str, float]],
    levels: Sequence[str],
    recipe: RelationRecipe,
    about: str,
    weights: Sequence[float] | None = None,
) -> dict[str, Any]:
    """Fit ``recipe`` on model-input rows (see pair_inputs) and their levels, each row counted
    ``weights`` times (default once): the JSON record."""
    import numpy as np

    names = recipe.names(list(rows[0]))
    fitted = relation_estimator(recipe.regularisation).fit(
        np.array([[row[name] for name in names] for row in rows], dtype=float),
        np.array(levels),
        logisticregression__sample_weight=weights,
    )
    scaler, regression = fitted[0], fitted[1]
    order = [list(regression.classes_).index(level) for level in LEVELS]
    return {
        "about": about,
        "features": names,
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scaler.scale_],
        "classes": list(LEVELS),
        "coef": [[round(float(v), 6) for v in regression.coef_[i]] for i in order],
        "intercept": [round(float(regression.intercept_[i]), 6) for i in order],
        "C": recipe.regularisation,
    }


def read_labelled_pairs(path: Path) -> list[LabelledPair]:
    """Labelled pairs from JSON Lines: ``{"a": text, "b": text, "level": "wholly"|"partially"|"non"}``,
    with an optional training ``"weight"`` (default 1)."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            pair = LabelledPair(
                str(record["a"]), str(record["b"]), str(record["level"]), float(record.get("weight", 1.0))
            )
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise InputError(
                str(path), f"line {number} is not a pair with a, b and level ({error})"
            ) from None
        if pair.level not in LEVELS:
            raise InputError(str(path), f"line {number}: level {pair.level!r} is not one of {', '.join(LEVELS)}")
        if not pair.weight > 0:
            raise InputError(str(path), f"line {number}: weight {pair.weight} is not above 0")
        pairs.append(pair)
    if len({pair.level for pair in pairs}) < 2:
        raise InputError(str(path), "needs labelled pairs of at least two levels")
    return pairs


def write_labelled_pairs(pairs: Sequence[LabelledPair], path: Path) -> Path:
    """``pairs`` as the JSON Lines read_labelled_pairs reads (the weight only where it is not 1)."""
    lines = []
    for pair in pairs:
        record: dict[str, object] = {"a": pair.a, "b": pair.b, "level": pair.level}
        if pair.weight != 1.0:
            record["weight"] = pair.weight
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def train_relation(data: Path, out: Path | None = None, recipe: RelationRecipe = SHIPPED_RECIPE) -> Path:
    """Fit ``recipe`` (default: the shipped one) on the labelled pairs in ``data`` and write the
    model (default: the shipped file)."""
    target = out or Path(str(resources.files("compare").joinpath(MODEL_FILE)))
    about = f"Derivation level of a pair ({recipe.name}); fitted by `compare train relation` on {data.name}."
    model = fit_relation_model(read_labelled_pairs(data), about, recipe)
    target.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    load_model.cache_clear()
    return target


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any]:
    """The shipped relation model: feature names, scaling, coefficients, classes (plain JSON)."""
    text = resources.files("compare").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    model: dict[str, Any] = json.loads(text)
    return model


def derivation_level(features: dict[str, float], model: dict[str, Any] | None = None) -> tuple[str, float]:
    """The most probable level (wholly, partially, non) and its probability (``features`` from
    relation_features, or their model_inputs)."""
    model = model or load_model()
    inputs = model_inputs(features)
    x = [
        (inputs[name] - mean) / scale
        for name, mean, scale in zip(model["features"], model["mean"], model["scale"], strict=True)
    ]
    logits = [
        intercept + sum(w * v for w, v in zip(weights, x, strict=True))
        for weights, intercept in zip(model["coef"], model["intercept"], strict=True)
    ]
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    best = max(range(len(exps)), key=exps.__getitem__)
    return model["classes"][best], exps[best] / sum(exps)


def copies_shown(passages: Sequence[Passage]) -> bool:
    """Whether any verbatim or edited passage is reported (the alignment shows copying)."""
    return any(p.kind in ("verbatim", "edited") for p in passages)


def decide_relation(
    overlap: Overlap,
    topical: float,
    settings: RelationSettings,
    features: dict[str, float] | None = None,
    model: dict[str, Any] | None = None,
) -> Relation:
    """Duplicate, copy-with-edits, partial-copy, rewrite, same-event or different-event.

    With ``features`` (relation_features of the pair) the model (default: the shipped one) gives
    the derivation level; without them (bulk scans that keep no tokens) the copied shares alone decide.
    """
    cov_a = overlap.share_a["verbatim"] + overlap.share_a["edited"]
    cov_b = overlap.share_b["verbatim"] + overlap.share_b["edited"]
    para = max(overlap.share_a["paraphrase"], overlap.share_b["paraphrase"])
    verbatim_low = min(overlap.share_a["verbatim"], overlap.share_b["verbatim"])
    copied = max(cov_a, cov_b)
    low = min(cov_a, cov_b)
    if low >= settings.duplicate_coverage and verbatim_low >= settings.duplicate_similarity * low:
        return "duplicate"
    level = _level(features, model, copied, para, settings)
    if level == "wholly":
        return "copy-with-edits"
    if level == "partially":
        return "rewrite" if para > copied else "partial-copy"
    if copied + para >= settings.same_event_shared or topical >= settings.same_event_cosine:
        return "same-event"
    return "different-event"


def _level(
    features: dict[str, float] | None,
    model: dict[str, Any] | None,
    copied: float,
    para: float,
    settings: RelationSettings,
) -> str:
    """Wholly, partially or not derived: the model's verdict, unless most of a text was copied."""
    if copied >= settings.copy_with_edits_coverage:
        return "wholly"
    if features is None:
        partial = copied >= settings.partial_copy_coverage or para >= settings.rewrite_share
        return "partially" if partial else "non"
    return derivation_level(features, model)[0]
