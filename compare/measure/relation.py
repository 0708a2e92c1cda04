"""Relation of a pair, from how much of each text is copied, reworded, or only on-topic."""

from __future__ import annotations

import math
from collections import Counter

from compare.model import Overlap, Relation
from compare.normalise import Token
from compare.settings import RelationSettings

CONTENT_WORD_CHARS = 4


def content_cosine(a_tokens: list[Token], b_tokens: list[Token]) -> float:
    """Cosine of content-word counts (words of 4+ characters): do the texts talk about the same things."""
    a = Counter(t.norm for t in a_tokens if len(t.norm) >= CONTENT_WORD_CHARS)
    b = Counter(t.norm for t in b_tokens if len(t.norm) >= CONTENT_WORD_CHARS)
    dot = sum(count * b[word] for word, count in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def decide_relation(overlap: Overlap, topical: float, settings: RelationSettings) -> Relation:
    """Duplicate, copy-with-edits, partial-copy, rewrite, same-event or different-event.

    Coverage is the share of a text's words in verbatim or edited passages; the smaller text's
    coverage decides how much was taken, so an original quoted in part by a longer page still
    reads as a partial copy.
    """
    cov_a = overlap.share_a["verbatim"] + overlap.share_a["edited"]
    cov_b = overlap.share_b["verbatim"] + overlap.share_b["edited"]
    para = max(overlap.share_a["paraphrase"], overlap.share_b["paraphrase"])
    verbatim_low = min(overlap.share_a["verbatim"], overlap.share_b["verbatim"])
    if min(
        cov_a, cov_b
    ) >= settings.duplicate_coverage and verbatim_low >= settings.duplicate_similarity * min(cov_a, cov_b):
        return "duplicate"
    copied = max(cov_a, cov_b)
    if copied >= settings.copy_with_edits_coverage:
        return "copy-with-edits"
    if copied + para >= settings.copy_with_edits_coverage and para >= settings.rewrite_share:
        return "rewrite"
    if copied >= settings.partial_copy_coverage:
        return "partial-copy"
    if para >= settings.rewrite_share:
        return "rewrite"
    if copied + para >= settings.same_event_shared or topical >= settings.same_event_cosine:
        return "same-event"
    return "different-event"
