"""Paraphrase: sentences and quotes that say the same in other words (TF-IDF cosine).

Word and character n-gram TF-IDF are fitted on the two texts' own sentences, so nothing is
learned from outside the pair; the mean of the two cosines is compared with a calibrated
threshold (settings.AlignSettings.paraphrase_threshold).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from compare.model import Passage, Span
from compare.normalise import WORD, sentence_spans

QUOTE = regex.compile(r"“[^”“\n]{3,}”|«[^»«\n]{3,}»|\"[^\"\n]{3,}\"|„[^“„\n]{3,}“")


@dataclass(frozen=True)
class Unit:
    """A sentence or quote of one text, as a candidate for paraphrase matching."""

    start: int
    end: int
    is_quote: bool


def quote_units(text: str, min_words: int) -> list[Unit]:
    """Quoted stretches of at least ``min_words`` words (partial quotes are too short)."""
    return [
        Unit(m.start(), m.end(), True)
        for m in QUOTE.finditer(text)
        if len(WORD.findall(m.group())) >= min_words
    ]


def sentence_units(text: str, min_words: int) -> list[Unit]:
    """Sentences of at least ``min_words`` words."""
    return [Unit(s, e, False) for s, e in sentence_spans(text) if len(WORD.findall(text[s:e])) >= min_words]


def match_units(
    a_text: str, a_units: list[Unit], b_text: str, b_units: list[Unit], threshold: float
) -> list[Passage]:
    """One-to-one pairs of units whose similarity reaches ``threshold``, best pairs first."""
    if not a_units or not b_units:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [a_text[u.start : u.end] for u in a_units] + [b_text[u.start : u.end] for u in b_units]
    split = len(a_units)
    scores = None
    for vectorizer in (
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
    ):
        matrix = vectorizer.fit_transform(texts)
        cosine = (matrix[:split] @ matrix[split:].T).toarray()
        scores = cosine if scores is None else (scores + cosine) / 2.0
    assert scores is not None
    pairs = sorted(
        ((float(scores[i, j]), i, j) for i, j in zip(*(scores >= threshold).nonzero(), strict=True)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
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
