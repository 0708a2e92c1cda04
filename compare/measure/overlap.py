"""Overlap figures of an aligned pair: containment, Jaccard, longest common passage, class shares.

The textdistance measures are chosen because each says something the shingle measures do not,
and each is linear in the texts' length (no quadratic edit distance over whole documents):
- ``cosine_words``: cosine of word-count vectors, order-free: high for two accounts of one event
  that share vocabulary but no phrasing;
- ``sorensen_dice_words``: Sørensen–Dice of word multisets, the same idea weighted by counts and
  more forgiving of length differences than Jaccard;
- ``ncd_similarity``: 1 - normalised compression distance (zlib): shared long strings compress
  together, so it rises with copied text whatever its position, including reordered paragraphs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from compare.model import Overlap, Passage
from compare.normalise import Token, shingles

STRING_MEASURE_HELP: dict[str, str] = {
    "cosine_words": "Cosine of word counts (textdistance.cosine): shared vocabulary, order ignored.",
    "sorensen_dice_words": "Sørensen–Dice of word multisets (textdistance.sorensen_dice): shared words, counted.",
    "ncd_similarity": "1 − normalised compression distance (textdistance.zlib_ncd): high when long strings recur, in any order.",
}


def measure_overlap(
    a_tokens: list[Token], b_tokens: list[Token], passages: Sequence[Passage], shingle_words: int
) -> Overlap:
    """All overlap figures of a pair from its tokens and passages."""
    a_shingles = shingles(a_tokens, shingle_words)
    b_shingles = shingles(b_tokens, shingle_words)
    shared = len(a_shingles & b_shingles)
    union = len(a_shingles | b_shingles)
    return Overlap(
        containment_a_in_b=shared / len(a_shingles) if a_shingles else 0.0,
        containment_b_in_a=shared / len(b_shingles) if b_shingles else 0.0,
        jaccard=shared / union if union else 0.0,
        longest_common_words=_longest_verbatim(a_tokens, b_tokens, passages),
        share_a=class_shares(a_tokens, passages, "a"),
        share_b=class_shares(b_tokens, passages, "b"),
        string_measures=string_measures([t.norm for t in a_tokens], [t.norm for t in b_tokens]),
    )


def class_shares(tokens: list[Token], passages: Sequence[Passage], side: str) -> dict[str, float]:
    """The share of a text's words inside passages of each kind (words outside all count as unique)."""
    counts = {"verbatim": 0, "edited": 0, "paraphrase": 0, "unique": 0}
    # Only pairs in two languages have translation passages, and only theirs list the share.
    counts.update({p.kind: 0 for p in passages if p.kind not in counts})
    spans = sorted(
        (
            (span.start, span.end, p.kind)
            for p in passages
            if p.kind != "unique" and (span := getattr(p, side))
        ),
    )
    index = 0
    for token in tokens:
        while index < len(spans) and spans[index][1] <= token.start:
            index += 1
        kind = "unique"
        probe = index
        while probe < len(spans) and spans[probe][0] <= token.start:
            if token.start < spans[probe][1]:
                kind = spans[probe][2]
                break
            probe += 1
        counts[kind] += 1
    total = len(tokens)
    return {k: (v / total if total else 0.0) for k, v in counts.items()}


def _longest_verbatim(a_tokens: list[Token], b_tokens: list[Token], passages: Sequence[Passage]) -> int:
    """Words in the longest stretch copied without any edit."""
    best = 0
    starts = [t.start for t in a_tokens]
    ends = [t.end for t in a_tokens]
    for p in passages:
        if p.kind not in ("verbatim", "edited") or p.a is None:
            continue
        start = p.a.start
        for edit in sorted(p.edits, key=lambda e: e.a.start):
            best = max(best, _words_between(starts, ends, start, edit.a.start))
            start = edit.a.end
        best = max(best, _words_between(starts, ends, start, p.a.end))
    return best


def _words_between(starts: list[int], ends: list[int], start: int, end: int) -> int:
    """Tokens lying wholly inside ``[start, end)``, by binary search on their sorted offsets."""
    return max(0, bisect_right(ends, end) - bisect_left(starts, start))


def string_measures(a_words: list[str], b_words: list[str]) -> dict[str, float]:
    """Order-free and compression-based similarities from textdistance, each in [0, 1]."""
    import textdistance

    if not a_words or not b_words:
        return dict.fromkeys(STRING_MEASURE_HELP, 0.0)
    ncd = textdistance.ZLIBNCD()
    return {
        "cosine_words": float(textdistance.cosine.normalized_similarity(a_words, b_words)),
        "sorensen_dice_words": float(textdistance.sorensen_dice.normalized_similarity(a_words, b_words)),
        "ncd_similarity": max(0.0, min(1.0, 1.0 - float(ncd.distance(" ".join(a_words), " ".join(b_words))))),
    }
