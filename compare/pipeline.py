"""The one place that wires the stages together: ingest -> normalise -> align -> measure."""

from __future__ import annotations

from itertools import combinations

from compare.align import align_tokens, quote_variants
from compare.measure.direction import decide_direction
from compare.measure.overlap import measure_overlap
from compare.measure.relation import content_cosine, decide_relation, relation_features
from compare.model import Article, PairResult
from compare.normalise import tokenize
from compare.settings import DEFAULT_SETTINGS, Settings


def compare_pair(a: Article, b: Article, settings: Settings = DEFAULT_SETTINGS) -> PairResult:
    """Align two articles and measure their overlap, relation and direction."""
    a_tokens, b_tokens = tokenize(a.text), tokenize(b.text)
    passages = align_tokens(a.text, b.text, a_tokens, b_tokens, settings.align)
    overlap = measure_overlap(a_tokens, b_tokens, passages, settings.shingle_words)
    features = relation_features(a_tokens, b_tokens)
    relation = decide_relation(overlap, content_cosine(a_tokens, b_tokens), settings.relation, features)
    direction = decide_direction(a, b, overlap, relation, settings.direction)
    quotes = [
        {**q.to_dict(), "a_text": a.text[q.a.start : q.a.end], "b_text": b.text[q.b.start : q.b.end]}
        for q in quote_variants(a.text, b.text, settings.align)
        if q.a is not None and q.b is not None
    ]
    return PairResult(a, b, passages, overlap, relation, direction, {"quotes": quotes})


def pairs_to_compare(articles: tuple[Article, ...]) -> list[tuple[int, int]]:
    """Index pairs of the articles to compare (all pairs for now; events narrow this down)."""
    return list(combinations(range(len(articles)), 2))


def compare_all(articles: tuple[Article, ...], settings: Settings = DEFAULT_SETTINGS) -> list[PairResult]:
    """Compare every pair chosen by ``pairs_to_compare``."""
    return [compare_pair(articles[i], articles[j], settings) for i, j in pairs_to_compare(articles)]
