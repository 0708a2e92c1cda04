"""Paraphrase: sentences and quotes that say the same in other words (TF-IDF cosine).

Word (1-2-gram) and character (3-5-gram within words) TF-IDF are weighed on the two texts' own
sentences, so nothing is learned from outside the pair; the mean of the two cosines is compared
with a calibrated threshold (settings.AlignSettings.paraphrase_threshold). The vectors are plain
sparse dicts (no scikit-learn fit per pair, which cost most of a pair's time), and only the top
candidates sharing rarer words are scored, so long texts never build a sentences x sentences matrix.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from compare.align.quotes import QUOTE_MARKS, whole_quotes
from compare.model import Passage, Span
from compare.normalise import WORD, normalise_word, sentence_spans


@dataclass(frozen=True)
class Unit:
    """A sentence or quote of one text, as a candidate for paraphrase matching."""

    start: int
    end: int
    is_quote: bool


def quote_units(text: str, min_words: int) -> list[Unit]:
    """Quoted stretches of at least ``min_words`` words (partial quotes are too short), with
    the marks next to them; a quote resumed after a dash is one with the quote it continues."""
    return [
        Unit(start - (text[start - 1 : start] in QUOTE_MARKS), end + (text[end : end + 1] in QUOTE_MARKS), True)
        for start, end in whole_quotes(text)
        if len(WORD.findall(text, start, end)) >= min_words
    ]


def sentence_units(text: str, min_words: int) -> list[Unit]:
    """Sentences of at least ``min_words`` words."""
    return [
        Unit(start, end, False)
        for start, end in sentence_spans(text)
        if len(WORD.findall(text, start, end)) >= min_words
    ]


def match_units(
    a_text: str, a_units: list[Unit], b_text: str, b_units: list[Unit], threshold: float
) -> list[Passage]:
    """One-to-one pairs of units whose similarity reaches ``threshold``, best pairs first."""
    if not a_units or not b_units:
        return []
    a_words = [word_counts(a_text[u.start : u.end]) for u in a_units]
    b_words = [word_counts(b_text[u.start : u.end]) for u in b_units]
    words = _tfidf(a_words, b_words)
    candidates = candidate_pairs(words[0], words[1])
    # Character n-grams (the costly part) only for units that have a candidate partner.
    a_keep = sorted({i for i, _ in candidates})
    b_keep = sorted({j for _, j in candidates})
    a_weighted, b_weighted = _tfidf(*_char_lists(a_text, a_units, a_keep, b_text, b_units, b_keep))
    a_chars = dict(zip(a_keep, a_weighted, strict=True))
    b_chars = dict(zip(b_keep, b_weighted, strict=True))
    pairs = []
    for i, j in candidates:
        score = (_dot(words[0][i], words[1][j]) + _dot(a_chars[i], b_chars[j])) / 2.0
        if score >= threshold:
            pairs.append((score, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    passages: list[Passage] = []
    for score, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        ua, ub = a_units[i], b_units[j]
        passages.append(
            Passage(
                kind="paraphrase",
                a=Span(ua.start, ua.end),
                b=Span(ub.start, ub.end),
                similarity=min(1.0, score),
                is_quote=ua.is_quote and ub.is_quote,
            )
        )
    return passages


Vector = dict[str, float]


def word_counts(text: str) -> Counter[str]:
    """Raw counts of a unit's normalised word unigrams and bigrams."""
    norms = [normalise_word(w) for w in WORD.findall(text)]
    words: Counter[str] = Counter(norms)
    words.update(f"{x} {y}" for x, y in zip(norms, norms[1:], strict=False))
    return words


def char_counts(text: str) -> Counter[str]:
    """Raw counts of the character 3-5-grams inside each normalised word (padded with spaces)."""
    chars: Counter[str] = Counter()
    for word in WORD.findall(text):
        padded = f" {normalise_word(word)} "
        for n in (3, 4, 5):
            chars.update(padded[k : k + n] for k in range(max(1, len(padded) - n + 1)))
    return chars


def _char_lists(
    a_text: str, a_units: list[Unit], a_keep: list[int], b_text: str, b_units: list[Unit], b_keep: list[int]
) -> tuple[list[Counter[str]], list[Counter[str]]]:
    return (
        [char_counts(a_text[a_units[i].start : a_units[i].end]) for i in a_keep],
        [char_counts(b_text[b_units[j].start : b_units[j].end]) for j in b_keep],
    )


def _tfidf(a: list[Counter[str]], b: list[Counter[str]]) -> tuple[list[Vector], list[Vector]]:
    """Sublinear TF-IDF (smoothed IDF over the pair's own units), L2-normalised, like scikit-learn's."""
    df: Counter[str] = Counter()
    for counts in a + b:
        df.update(counts.keys())
    total = len(a) + len(b)
    idf = {term: math.log((1 + total) / (1 + n)) + 1.0 for term, n in df.items()}

    def weigh(counts: Counter[str]) -> Vector:
        vector = {t: (1.0 + math.log(c)) * idf[t] for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items()}

    return [weigh(c) for c in a], [weigh(c) for c in b]


def candidate_pairs(
    a: list[Vector], b: list[Vector], top_k: int = 4, max_df: int = 50
) -> list[tuple[int, int]]:
    """For each unit of A, the ``top_k`` units of B sharing the most weight in rarer terms.

    Terms found in more than ``max_df`` units of B are left out of the search (not of the score),
    so the work grows with the number of units, not with their square.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for j, vector in enumerate(b):
        for term in vector:
            postings[term].append(j)
    pairs: list[tuple[int, int]] = []
    for i, vector in enumerate(a):
        partial: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            hits = postings.get(term)
            if hits and len(hits) <= max_df:
                for j in hits:
                    partial[j] += weight * b[j][term]
        best = sorted(partial.items(), key=lambda t: (-t[1], t[0]))[:top_k]
        pairs.extend((i, j) for j, _ in best)
    return pairs


def _dot(x: Vector, y: Vector) -> float:
    if len(x) > len(y):
        x, y = y, x
    return sum(v * y.get(t, 0.0) for t, v in x.items())
