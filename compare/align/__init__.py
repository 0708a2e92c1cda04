"""Align: every passage two texts share (verbatim, edited, paraphrase) and what each has alone."""

from __future__ import annotations

from bisect import bisect_left

from compare.align.diff import copied_passage
from compare.align.paraphrase import Unit, match_units, quote_units, sentence_units
from compare.align.seeds import Run, merge_runs, seed_runs, select_runs
from compare.model import Passage, Span
from compare.normalise import Token, tokenize
from compare.settings import DEFAULT_SETTINGS, AlignSettings

__all__ = ["align", "copied_passages"]


def align(a_text: str, b_text: str, settings: AlignSettings = DEFAULT_SETTINGS.align) -> tuple[Passage, ...]:
    """All passages of A and B: copied, paraphrased, and unique to one side, in reading order."""
    if a_text == b_text and a_text.strip():
        whole = Span(0, len(a_text))
        return (Passage("verbatim", whole, whole, 1.0),)
    a_tokens, b_tokens = tokenize(a_text), tokenize(b_text)
    copied = copied_passages(a_text, b_text, a_tokens, b_tokens, settings)
    reworded = paraphrases(a_text, b_text, copied, settings)
    matched = copied + reworded
    unique = unique_passages(a_tokens, [p.a for p in matched if p.a], "a") + unique_passages(
        b_tokens, [p.b for p in matched if p.b], "b"
    )
    return tuple(sorted(matched + unique, key=_reading_order))


def _reading_order(p: Passage) -> tuple[int, int]:
    return (p.a.start if p.a else 1 << 62, p.b.start if p.b else 0)


def copied_passages(
    a_text: str, b_text: str, a_tokens: list[Token], b_tokens: list[Token], settings: AlignSettings
) -> list[Passage]:
    """Verbatim and edited passages, seeded on shared word n-grams."""
    a_norm = [t.norm for t in a_tokens]
    b_norm = [t.norm for t in b_tokens]
    runs = select_runs(merge_runs(seed_runs(a_norm, b_norm, settings), settings), settings.min_passage_words)
    passages: list[Passage] = []
    for run in runs:
        for piece in _bounded(run, settings.max_diff_words):
            passages.append(
                copied_passage(a_text, b_text, a_tokens[piece.a0 : piece.a1], b_tokens[piece.b0 : piece.b1])
            )
    return passages


def _bounded(run: Run, limit: int) -> list[Run]:
    """Cut a very long run into pieces so the word diff inside each stays small."""
    if run.length <= limit:
        return [run]
    pieces: list[Run] = []
    a0, b0 = run.a0, run.b0
    while a0 < run.a1 and b0 < run.b1:
        a1, b1 = min(a0 + limit, run.a1), min(b0 + limit, run.b1)
        if a1 == run.a1 or b1 == run.b1:
            a1, b1 = run.a1, run.b1
        pieces.append(Run(a0, a1, b0, b1))
        a0, b0 = a1, b1
    return pieces


def paraphrases(a_text: str, b_text: str, copied: list[Passage], settings: AlignSettings) -> list[Passage]:
    """Quotes first, then sentences, that no copied passage covers and that say the same."""
    covered_a = _merge([p.a for p in copied if p.a])
    covered_b = _merge([p.b for p in copied if p.b])
    min_words = settings.paraphrase_min_words
    a_quotes = _uncovered(quote_units(a_text, min_words), covered_a)
    b_quotes = _uncovered(quote_units(b_text, min_words), covered_b)
    quotes = match_units(a_text, a_quotes, b_text, b_quotes, settings.paraphrase_threshold)
    taken_a = _merge(covered_a + [p.a for p in quotes if p.a])
    taken_b = _merge(covered_b + [p.b for p in quotes if p.b])
    a_sentences = _uncovered(sentence_units(a_text, min_words), taken_a)
    b_sentences = _uncovered(sentence_units(b_text, min_words), taken_b)
    return quotes + match_units(a_text, a_sentences, b_text, b_sentences, settings.paraphrase_threshold)


def _uncovered(units: list[Unit], covered: list[Span]) -> list[Unit]:
    """Units less than half covered by the given spans, trimmed of covered ends."""
    kept: list[Unit] = []
    for unit in units:
        if _covered_chars(unit.start, unit.end, covered) * 2 >= unit.end - unit.start:
            continue
        start, end = unit.start, unit.end
        for span in covered:
            if span.start <= start < span.end:
                start = span.end
            if span.start < end <= span.end:
                end = span.start
        if end > start:
            kept.append(Unit(start, end, unit.is_quote))
    return kept


def _covered_chars(start: int, end: int, covered: list[Span]) -> int:
    index = max(0, bisect_left([s.end for s in covered], start))
    total = 0
    while index < len(covered) and covered[index].start < end:
        total += max(0, min(end, covered[index].end) - max(start, covered[index].start))
        index += 1
    return total


def _merge(spans: list[Span]) -> list[Span]:
    """Sorted, non-overlapping union of spans."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def unique_passages(tokens: list[Token], matched: list[Span], side: str) -> list[Passage]:
    """Stretches of words that no matched passage covers, as ``unique`` passages of one side."""
    covered = _merge(matched)
    passages: list[Passage] = []
    run: list[Token] = []
    index = 0
    for token in tokens:
        while index < len(covered) and covered[index].end <= token.start:
            index += 1
        inside = index < len(covered) and covered[index].start <= token.start
        if inside:
            if run:
                passages.append(_unique(run, side))
                run = []
        else:
            run.append(token)
    if run:
        passages.append(_unique(run, side))
    return passages


def _unique(run: list[Token], side: str) -> Passage:
    span = Span(run[0].start, run[-1].end)
    return Passage("unique", span if side == "a" else None, span if side == "b" else None, 0.0)
