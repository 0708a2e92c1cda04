"""The learned line classifier of page dumps: which paragraphs are the article.

Each paragraph of a dump (``clean.join_wrapped``) is described by its own shape (length,
punctuation, sentence end, capitals, digits, function words, separators), where it sits in the
page, what the rule cleaner decided about it and why, and the same few facts about its
neighbours; gradient-boosted trees (``compare/data/dump_lines.npz``, fitted and scored beside
the rule cleaner by ``benchmarks/dump_classifier.py``) keep the paragraphs they score at or
above the model's threshold. The rule cleaner's headline, byline and timestamp stand.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from compare.artefacts import DATA_DIR, TreeEnsemble, load_model, load_once, save_model
from compare.errors import ModelError
from compare.ingest.clean import SENTENCE_END, Cleaned, Paragraph, join_wrapped, normalise_line
from compare.ingest.language import stoplist, words_of
from compare.model import Removed

MODEL_KIND = "dump-lines"
DEFAULT_MODEL = DATA_DIR / "dump_lines.npz"
NOT_BODY = "not the article (line classifier)"
# The rule cleaner's removals the model may undo: those its context pass made. A line a chrome
# rule named (share prompt, byline, timestamp, teaser, repeat...) stays removed.
CONTEXT_REASONS = frozenset(
    {
        "before the article text",
        "short line outside the body",
        "below the end of the article",
        "few function words: not prose",
    }
)

# The rule cleaner's reasons, grouped: each group is one 0/1 feature.
REASON_GROUPS = (
    ("kept",),
    ("headline (kept as title)",),
    ("before the article text",),
    ("short line outside the body",),
    ("below the end of the article",),
    ("few function words: not prose",),
    ("repeated within the page", "repeated across pages of the site", "duplicate paragraph"),
    ("timestamp (metadata)", "byline (metadata)"),
)
SEPARATORS = frozenset("|•·»›/")
PUNCTUATION = frozenset(".,;:!?…\"'“”«»()")
# The same character classes as bytes, for text that is all ASCII (bytes.translate counts in C).
ASCII_CLASSES = tuple(
    chars.encode()
    for chars in (
        string.ascii_letters,
        string.digits,
        string.ascii_uppercase,
        "".join(sorted(c for c in PUNCTUATION if c.isascii())),
    )
)
# Neighbours described beside each paragraph: this many above and below.
NEIGHBOURS = 2
OWN_FEATURES = (
    "log_chars",
    "log_words",
    "sentence_end",
    "colon_end",
    "opens_upper",
    "digit_share",
    "upper_share",
    "punctuation_share",
    "separator_count",
    "stopword_share",
    "mean_word_chars",
    "capitalised_word_share",
    "repeats_in_page",
    "has_address",
    "log_sentences",
    "teaser_end",
    "bulleted",
)
# How far the window reaches (paragraphs each side) for the share the rules kept around a paragraph.
WINDOW = 3
URLISH = ("http", "www.", ".com", "@")
# A mark ending a sentence: ``regex``'s \s is Unicode's White_Space, without \x1c-\x1f (``re`` counts faster).
SENTENCE_MARK = re.compile(r"[.!?…](?:[^\S\x1c-\x1f]|$)")
SHARED_FEATURES = ("log_chars", "sentence_end", "stopword_share", "kept")


def rule_decisions(paragraphs: Sequence[Paragraph], reasons: dict[tuple[int, ...], str]) -> list[int]:
    """The rule cleaner's reason group of each paragraph (0 for one it kept), from ``rule_reasons``."""
    other = len(REASON_GROUPS)
    return [
        next((g for g, names in enumerate(REASON_GROUPS) if reasons.get(p.lines, "kept") in names), other)
        for p in paragraphs
    ]


def char_counts(text: str) -> tuple[int, int, int, int]:
    """Letters, digits, upper-case letters and punctuation marks in ``text`` (by ``map`` when it
    is not all ASCII: a generator costs three times as much)."""
    if text.isascii():
        raw = text.encode()
        letters, digits, upper, marks = (len(raw) - len(raw.translate(None, chars)) for chars in ASCII_CLASSES)
        return letters, digits, upper, marks
    return (
        sum(map(str.isalpha, text)),
        sum(map(str.isdigit, text)),
        sum(map(str.isupper, text)),
        sum(map(PUNCTUATION.__contains__, text)),
    )


def _own(text: str, stopwords: frozenset[str], repeats: int) -> list[float]:
    """A paragraph's own features."""
    words = words_of(text)
    letters, digits, upper, marks = char_counts(text)
    letters = letters or 1
    tokens = text.split()
    size, count = len(text), len(words)
    return [
        math.log1p(size),
        math.log1p(count),
        float(SENTENCE_END.search(text) is not None),
        float(text.endswith(":")),
        float(text[:1].isupper()),
        digits / size,
        upper / letters,
        marks / size,
        float(min(5, sum(map(SEPARATORS.__contains__, tokens)))),
        sum(map(stopwords.__contains__, words)) / count if count else 0.0,
        sum(map(len, words)) / count if count else 0.0,
        sum(map(str.isupper, [t[0] for t in tokens])) / len(tokens) if tokens else 0.0,
        float(min(5, repeats - 1)),
        float(any(mark in text for mark in URLISH)),
        math.log1p(len(SENTENCE_MARK.findall(text))),
        float(text.endswith(("...", "…", "»", "›", ">", "→"))),
        float(text[:1] in "-*•·–—"),
    ]


def line_features(
    paragraphs: Sequence[Paragraph], reasons: dict[tuple[int, ...], str], stopwords: frozenset[str]
) -> np.ndarray:
    """One row per paragraph: its own features, its position, the rule cleaner's decision (its
    ``rule_reasons``), the page's share kept by the rules, and its neighbours' main features."""
    count = len(paragraphs)
    if not count:
        return np.zeros((0, len(feature_names())))
    keys = [normalise_line(p.text) for p in paragraphs]
    repeats = Counter(keys)
    own = np.array([_own(p.text, stopwords, repeats[k]) for p, k in zip(paragraphs, keys, strict=True)])
    groups = rule_decisions(paragraphs, reasons)
    decided = np.zeros((count, len(REASON_GROUPS) + 1))
    decided[np.arange(count), groups] = 1.0
    chars = np.array([len(p.text) for p in paragraphs], dtype=float)
    kept = decided[:, 0]
    above = np.cumsum(chars) - chars
    kept_chars = float((chars * kept).sum())
    page = np.column_stack(
        [
            np.arange(count) / max(1, count - 1),
            above / chars.sum(),
            np.full(count, kept_chars / chars.sum()),
            np.full(count, math.log1p(count)),
            _distance_to_kept(kept),
            np.log1p(chars) - math.log1p(float(np.median(chars))),
            _edges_of_kept(kept),
            _windowed(kept),
        ]
    )
    shared = np.column_stack([own[:, 0], own[:, 2], own[:, 9], kept])
    around = [_shifted(shared, step) for step in range(-NEIGHBOURS, NEIGHBOURS + 1) if step]
    return np.hstack([own, decided, page, *around])


def _distance_to_kept(kept: np.ndarray) -> np.ndarray:
    """Paragraphs to the nearest one the rules kept (capped at 10; 10 when none was kept)."""
    cap = 10.0
    distance = np.full(len(kept), cap)
    last = -1e9
    for i, k in enumerate(kept):
        last = i if k else last
        distance[i] = min(cap, i - last)
    last = 1e9
    for i in range(len(kept) - 1, -1, -1):
        last = i if kept[i] else last
        distance[i] = min(distance[i], last - i)
    return distance


def _edges_of_kept(kept: np.ndarray) -> np.ndarray:
    """Where a paragraph sits against the rules' body: -1 above it, 0 inside, 1 below (0 with none kept)."""
    found = np.flatnonzero(kept)
    if not len(found):
        return np.zeros(len(kept))
    index = np.arange(len(kept))
    return np.where(index < found[0], -1.0, np.where(index > found[-1], 1.0, 0.0))


def _windowed(kept: np.ndarray) -> np.ndarray:
    """The share of the paragraphs within WINDOW each side (itself left out) the rules kept."""
    padded = np.concatenate([np.zeros(WINDOW), kept, np.zeros(WINDOW)])
    sums = np.convolve(padded, np.ones(2 * WINDOW + 1), mode="valid") - kept
    return np.asarray(sums / (2 * WINDOW), dtype=float)


def _shifted(values: np.ndarray, step: int) -> np.ndarray:
    """``values`` of the paragraph ``step`` away (-1 where there is none)."""
    out = np.full_like(values, -1.0)
    if step < 0:
        out[-step:] = values[:step]
    else:
        out[:-step] = values[step:]
    return out


def feature_names() -> list[str]:
    """Names of the columns of ``line_features``, in order."""
    decided = [f"rule_{names[0].split(' ')[0]}" for names in REASON_GROUPS] + ["rule_other"]
    page = [
        "position",
        "chars_above_share",
        "page_kept_share",
        "log_paragraphs",
        "distance_to_kept",
        "relative_length",
        "against_body",
        "kept_around",
    ]
    around = [
        f"{name}@{step:+d}" for step in range(-NEIGHBOURS, NEIGHBOURS + 1) if step for name in SHARED_FEATURES
    ]
    return [*OWN_FEATURES, *decided, *page, *around]


@dataclass(frozen=True)
class LineModel:
    """Trees scoring a paragraph's features, and the score from which a paragraph is kept."""

    trees: TreeEnsemble
    threshold: float

    @classmethod
    def load(cls, path: str) -> LineModel:
        arrays, header = load_model(path, MODEL_KIND)
        if header.get("features") != feature_names():
            raise ModelError(f"{path}: the model reads other features than this version of compare computes")
        return cls(TreeEnsemble.from_arrays(arrays, "trees_"), float(header["threshold"]))

    def save(self, path: str | Path, meta: dict[str, object]) -> Path:
        meta = {**meta, "threshold": self.threshold, "features": feature_names()}
        return save_model(path, MODEL_KIND, self.trees.to_arrays("trees_"), meta)


_CACHE: dict[str, LineModel] = {}


def line_model(path: str | Path | None = None) -> LineModel:
    """The shipped line model (or the one at ``path``), read once."""
    return load_once(_CACHE, path or DEFAULT_MODEL, LineModel.load)


def classify_dump(raw: str, cleaned: Cleaned, model: LineModel | None = None) -> Cleaned:
    """``cleaned`` (the rule cleaner's reading of ``raw``) with the body the line model keeps.

    The model decides only what ``open_to_model`` opens to it (the headline stays the title);
    when it keeps nothing, the rules' body stands (a short item whose one or two sentences the
    rules kept stays an article)."""
    model = model or line_model()
    paragraphs = join_wrapped(raw)
    stopwords = stoplist(cleaned.language) if cleaned.language else frozenset()
    reasons = rule_reasons(paragraphs, cleaned)
    features = line_features(paragraphs, reasons, stopwords)
    if not len(features):
        return cleaned
    scores = model.trees.predict_proba(features)[:, 1]
    keep = [
        bool(score >= model.threshold) and decidable
        for score, decidable in zip(scores, open_to_model(paragraphs, reasons), strict=True)
    ]
    if not any(keep):
        return cleaned
    kept = tuple(p for p, k in zip(paragraphs, keep, strict=True) if k)
    removed = tuple(
        Removed(p.text, reasons.get(p.lines) or NOT_BODY)
        for p, k in zip(paragraphs, keep, strict=True)
        if not k
    )
    return replace(cleaned, paragraphs=kept, removed=removed)


def open_to_model(paragraphs: Sequence[Paragraph], reasons: dict[tuple[int, ...], str]) -> list[bool]:
    """Which paragraphs the model decides: those the rules kept or removed for their context
    (``CONTEXT_REASONS``); not the headline, nor a line a chrome rule named."""
    return [p.lines not in reasons or reasons[p.lines] in CONTEXT_REASONS for p in paragraphs]


def rule_reasons(paragraphs: Sequence[Paragraph], cleaned: Cleaned) -> dict[tuple[int, ...], str]:
    """The rule cleaner's reason for each paragraph it removed, by the paragraph's lines."""
    kept = {p.lines for p in cleaned.paragraphs}
    removed = iter(cleaned.removed)
    return {p.lines: next(removed).reason for p in paragraphs if p.lines not in kept}
