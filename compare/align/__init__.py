"""Align: every passage two texts share (verbatim, edited, paraphrase) and what each has alone."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from compare.align.diff import copied_passage
from compare.align.paraphrase import Unit, match_units, quote_units, sentence_units
from compare.align.seeds import Run, merge_runs, seed_runs, select_runs
from compare.model import Passage, Span
from compare.normalise import WORD, Token, tokenize
from compare.settings import DEFAULT_SETTINGS, AlignSettings

__all__ = ["align", "align_tokens", "copied_passages", "quote_variants", "reading_order", "unique_passages"]


def align(a_text: str, b_text: str, settings: AlignSettings = DEFAULT_SETTINGS.align) -> tuple[Passage, ...]:
    """All passages of A and B: copied, paraphrased, and unique to one side, in reading order."""
    return align_tokens(a_text, b_text, tokenize(a_text), tokenize(b_text), settings)


def align_tokens(
    a_text: str,
    b_text: str,
    a_tokens: list[Token],
    b_tokens: list[Token],
    settings: AlignSettings = DEFAULT_SETTINGS.align,
) -> tuple[Passage, ...]:
    """``align`` for texts already tokenised (the pipeline tokenises once for every stage)."""
    if a_text == b_text and a_text.strip():
        whole = Span(0, len(a_text))
        return (Passage("verbatim", whole, whole, 1.0),)
    copied = copied_passages(a_text, b_text, a_tokens, b_tokens, settings)
    reworded = paraphrases(a_text, b_text, copied, settings) if settings.paraphrase else []
    matched = copied + reworded
    unique = unique_passages(a_tokens, [p.a for p in matched if p.a], "a") + unique_passages(
        b_tokens, [p.b for p in matched if p.b], "b"
    )
    return tuple(sorted(matched + unique, key=reading_order))


def reading_order(p: Passage) -> tuple[int, int]:
    """Sort key of passages: by their start in A, passages only B has last (by their start in B)."""
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
    a_quotes = _uncovered(a_text, quote_units(a_text, min_words), covered_a, settings)
    b_quotes = _uncovered(b_text, quote_units(b_text, min_words), covered_b, settings)
    quotes = match_units(a_text, a_quotes, b_text, b_quotes, settings.paraphrase_threshold)
    taken_a = _merge(covered_a + [p.a for p in quotes if p.a])
    taken_b = _merge(covered_b + [p.b for p in quotes if p.b])
    a_sentences = _uncovered(a_text, sentence_units(a_text, min_words), taken_a, settings)
    b_sentences = _uncovered(b_text, sentence_units(b_text, min_words), taken_b, settings)
    sentences = match_units(a_text, a_sentences, b_text, b_sentences, settings.paraphrase_threshold)
    return [p for p in quotes + sentences if not _short_copy(a_text, b_text, p, settings.edited_quote_similarity)]


def _short_copy(a_text: str, b_text: str, passage: Passage, copied_similarity: float) -> bool:
    """A matched unit whose words mostly survive in order: a copy shorter than the passage
    minimum (``--min-words``), which is not reported as copied, so its text stays unique rather
    than becoming a paraphrase."""
    assert passage.a is not None and passage.b is not None
    a_tokens, b_tokens = _tokens_in(a_text, passage.a), _tokens_in(b_text, passage.b)
    if not a_tokens or not b_tokens:
        return False
    return copied_passage(a_text, b_text, a_tokens, b_tokens).similarity >= copied_similarity


def quote_variants(
    a_text: str, b_text: str, settings: AlignSettings = DEFAULT_SETTINGS.align
) -> list[Passage]:
    """Each quote of A paired with the same quote in B, copied or worded differently (is_quote).

    Quotes are matched whether or not a copied passage already holds them, so a report can list
    every shared quote's two wordings side by side.
    """
    min_words = settings.quote_min_words
    a_quotes, b_quotes = quote_units(a_text, min_words), quote_units(b_text, min_words)
    exact, a_rest, b_rest = _same_quotes(a_text, a_quotes, b_text, b_quotes)
    pairs = match_units(a_text, a_rest, b_text, b_rest, settings.paraphrase_threshold)
    return sorted(exact + [_quote_kind(a_text, b_text, p, settings.edited_quote_similarity) for p in pairs], key=reading_order)


def _same_quotes(
    a_text: str, a_quotes: list[Unit], b_text: str, b_quotes: list[Unit]
) -> tuple[list[Passage], list[Unit], list[Unit]]:
    """Quotes with the same normalised words on both sides (the usual case in a copy), paired
    without any vector work; the rest are returned for similarity matching."""
    b_by_words: dict[tuple[str, ...], list[tuple[Unit, list[Token]]]] = {}
    for unit in b_quotes:
        tokens = _tokens_in(b_text, Span(unit.start, unit.end))
        b_by_words.setdefault(tuple(t.norm for t in tokens), []).append((unit, tokens))
    exact: list[Passage] = []
    a_rest: list[Unit] = []
    paired_b: set[int] = set()
    for unit in a_quotes:
        tokens = _tokens_in(a_text, Span(unit.start, unit.end))
        partners = b_by_words.get(tuple(t.norm for t in tokens))
        if tokens and partners:
            b_unit, b_tokens = partners.pop(0)
            paired_b.add(b_unit.start)
            a_span = Span(tokens[0].start, tokens[-1].end)
            b_span = Span(b_tokens[0].start, b_tokens[-1].end)
            exact.append(Passage("verbatim", a_span, b_span, 1.0, is_quote=True))
        else:
            a_rest.append(unit)
    return exact, a_rest, [u for u in b_quotes if u.start not in paired_b]


def _quote_kind(a_text: str, b_text: str, passage: Passage, edited_similarity: float) -> Passage:
    """Verbatim or edited (with its word diff) when most words survive in order, else paraphrase."""
    assert passage.a is not None and passage.b is not None
    a_tokens = _tokens_in(a_text, passage.a)
    b_tokens = _tokens_in(b_text, passage.b)
    if not a_tokens or not b_tokens:
        return passage
    copied = copied_passage(a_text, b_text, a_tokens, b_tokens)
    if copied.similarity >= edited_similarity:
        return replace(copied, is_quote=True)
    return passage


def _tokens_in(text: str, span: Span) -> list[Token]:
    return [
        Token(t.norm, t.start + span.start, t.end + span.start) for t in tokenize(text[span.start : span.end])
    ]


def _uncovered(text: str, units: list[Unit], covered: list[Span], settings: AlignSettings) -> list[Unit]:
    """The stretches of each unit outside the (merged, sorted) covered spans, for units covered
    less than ``settings.paraphrase_max_covered``; stretches under ``paraphrase_min_words`` words
    are left out. A paraphrase passage thus never overlaps a copied one on the same side."""
    kept: list[Unit] = []
    ends = [s.end for s in covered]
    min_words = settings.paraphrase_min_words
    for unit in units:
        covered_chars = _covered_chars(unit.start, unit.end, covered, ends)
        if covered_chars >= settings.paraphrase_max_covered * (unit.end - unit.start):
            continue
        pieces: list[tuple[int, int]] = []
        start = unit.start
        index = bisect_left(ends, start + 1)
        while index < len(covered) and covered[index].start < unit.end:
            pieces.append((start, covered[index].start))
            start = max(start, covered[index].end)
            index += 1
        pieces.append((start, unit.end))
        for start, end in pieces:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start and len(WORD.findall(text, start, end)) >= min_words:
                kept.append(Unit(start, end, unit.is_quote))
    return kept


def _covered_chars(start: int, end: int, covered: list[Span], ends: list[int]) -> int:
    """Characters of ``[start, end)`` inside the merged spans (``ends`` are their sorted ends)."""
    index = bisect_left(ends, start + 1)
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
