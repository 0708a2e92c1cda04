"""Bulk alignment of candidate pairs: the copied passages only, on hashed words, fast.

It reuses the merging and selection of ``compare.align.seeds``; seeding is the same algorithm
vectorised with numpy (``vector_seed_runs``, tested equal to ``seed_runs``). The word diff of an
edited passage is read off its seeds (the exact runs inside it, chained in order, with equal
words trimmed off the gaps) instead of ``difflib``: on copies with one word in ten changed it
gives the edits ``compare.align.diff.copied_passage`` gives, at a fraction of the cost. The
paraphrase step (a TF-IDF model per pair) is skipped: a scan of many pages cannot afford it,
and the pair pages rendered for matches still show it. Words are the 64-bit hashes of
``compare.scan.fingerprint.tokenize_many``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np

from compare.align.seeds import Run, merge_runs, select_runs
from compare.measure.relation import decide_relation
from compare.model import Edit, Overlap, Passage, Relation, Span
from compare.scan.fingerprint import MULTIPLIER, WordTokens
from compare.settings import AlignSettings, RelationSettings

VERBATIM, EDITED = 1, 2


@dataclass(frozen=True)
class Words:
    """One text ready for bulk alignment: the text, its word hashes as ints, and word offsets."""

    text: str
    hashes: np.ndarray
    start_offsets: np.ndarray
    end_offsets: np.ndarray
    # Caches filled on first use (the dataclass is frozen, the dicts are not).
    grams: dict[int, np.ndarray] = field(default_factory=dict, compare=False, repr=False)
    sorted_grams: dict[int, tuple[np.ndarray, np.ndarray, bool]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, text: str, tokens: WordTokens) -> Words:
        """Wrap a text and its tokens from ``tokenize_many``."""
        return cls(text, tokens.hashes, tokens.starts, tokens.ends)

    def __len__(self) -> int:
        return len(self.hashes)

    def sorted_ngrams(self, n: int) -> tuple[np.ndarray, np.ndarray, bool]:
        """The n-gram hashes in sorted order, the position of each, and whether any repeats (cached)."""
        if n not in self.sorted_grams:
            grams = self.ngrams(n)
            order = np.argsort(grams, kind="stable")
            ordered = grams[order]
            self.sorted_grams[n] = (ordered, order, bool(np.any(ordered[1:] == ordered[:-1])))
        return self.sorted_grams[n]

    def ngrams(self, n: int) -> np.ndarray:
        """Hashes of every word n-gram, in order (cached)."""
        if n not in self.grams:
            count = max(len(self.hashes) - n + 1, 0)
            combined = self.hashes[:count].copy()
            with np.errstate(over="ignore"):
                for offset in range(1, n):
                    combined = combined * MULTIPLIER + self.hashes[offset : offset + count]
            self.grams[n] = combined
        return self.grams[n]

    def span(self, start: int, stop: int, limit: int) -> Span:
        """Characters of words ``[start, stop)``; an empty range sits where an insertion goes."""
        if start < stop:
            return Span(int(self.start_offsets[start]), int(self.end_offsets[stop - 1]))
        at = int(self.start_offsets[start] if start < limit else self.end_offsets[limit - 1])
        return Span(at, at)


@dataclass(frozen=True)
class BulkAlignment:
    """The copied passages of an (original, page) pair and the word counts derived from them.

    Side ``a`` of every passage is the original, side ``b`` the page. The counts are computed
    at once from the merged runs; the passages (with their word edits) only when asked for,
    because a scan's match rows need the counts alone.
    """

    page_words: int
    original_words: int
    page_verbatim: int
    page_edited: int
    original_copied: int
    longest_verbatim: int
    runs: tuple[Run, ...] = ()
    exact: tuple[bool, ...] = ()
    seeds: tuple[Run, ...] = field(default=(), compare=False, repr=False)
    original: Words | None = field(default=None, compare=False, repr=False)
    page: Words | None = field(default=None, compare=False, repr=False)

    @cached_property
    def passages(self) -> tuple[Passage, ...]:
        """The copied passages in the original's order: verbatim, or edited with their word edits."""
        if self.original is None or self.page is None:
            return ()
        seeds = list(self.seeds)
        starts = [s.a0 for s in seeds]
        return tuple(
            _verbatim(self.original, self.page, run)
            if exact
            else edited_passage(self.original, self.page, run, seeds, starts)
            for run, exact in zip(self.runs, self.exact, strict=True)
        )

    def page_spans(self) -> list[Span]:
        """Character ranges of the page inside copied passages (the passages' ``b`` spans)."""
        if self.page is None:
            return []
        page = self.page
        return [page.span(run.b0, run.b1, run.b1) for run in self.runs]

    @property
    def page_copied(self) -> int:
        """Words of the page inside copied passages."""
        return self.page_verbatim + self.page_edited

    def shares(self) -> tuple[float, float, float, float]:
        """Share of the page copied, of the original reused, of the page verbatim and edited."""
        page = max(self.page_words, 1)
        return (
            self.page_copied / page,
            self.original_copied / max(self.original_words, 1),
            self.page_verbatim / page,
            self.page_edited / page,
        )

    def relation(self, settings: RelationSettings) -> Relation:
        """The relation of the pair (``decide_relation``) from the copied shares alone."""
        page_copy, original_copy, page_verbatim, page_edited = self.shares()
        original_verbatim = original_copy * (page_verbatim / page_copy if page_copy else 0.0)
        union = self.page_words + self.original_words - self.page_copied
        overlap = Overlap(
            containment_a_in_b=min(1.0, original_copy),
            containment_b_in_a=min(1.0, page_copy),
            jaccard=min(1.0, self.page_copied / union) if union > 0 else 0.0,
            longest_common_words=self.longest_verbatim,
            share_a=_shares(original_verbatim, original_copy - original_verbatim),
            share_b=_shares(page_verbatim, page_edited),
            string_measures={},
        )
        return decide_relation(overlap, 0.0, settings)


def _shares(verbatim: float, edited: float) -> dict[str, float]:
    return {
        "verbatim": verbatim,
        "edited": edited,
        "paraphrase": 0.0,
        "unique": max(0.0, 1.0 - verbatim - edited),
    }


def _covered(ranges: list[tuple[int, int]]) -> int:
    """How many positions the half-open ranges cover together."""
    total = reach = 0
    for start, stop in sorted(ranges):
        if stop > reach:
            total += stop - max(start, reach)
            reach = stop
    return total


def bulk_align(original: Words, page: Words, settings: AlignSettings) -> BulkAlignment:
    """Copied passages between an original (side a) and a page (side b), with word counts."""
    a, b = original.hashes, page.hashes
    seeds = vector_seed_runs(original, page, settings)
    if not seeds:
        return BulkAlignment(len(b), len(a), 0, 0, 0, 0)
    runs = select_runs(merge_runs(seeds, settings), settings.min_passage_words)
    # A page word is edited when an edited passage covers it, else verbatim when a verbatim one does.
    exact = [
        run.a1 - run.a0 == run.b1 - run.b0 and bool(np.array_equal(a[run.a0 : run.a1], b[run.b0 : run.b1]))
        for run in runs
    ]
    edited = _covered([(r.b0, r.b1) for r, same in zip(runs, exact, strict=True) if not same])
    copied = _covered([(r.b0, r.b1) for r in runs])
    return BulkAlignment(
        page_words=len(b),
        original_words=len(a),
        page_verbatim=copied - edited,
        page_edited=edited,
        original_copied=_covered([(r.a0, r.a1) for r in runs]),
        longest_verbatim=max(s.a1 - s.a0 for s in seeds),
        runs=tuple(runs),
        exact=tuple(exact),
        seeds=tuple(seeds),
        original=original,
        page=page,
    )


def vector_seed_runs(a: Words, b: Words, settings: AlignSettings) -> list[Run]:
    """``compare.align.seeds.seed_runs`` on hashed words, vectorised: the same runs, in the same order."""
    n = settings.seed_ngram
    if len(a) < n or len(b) < n:
        same = len(a) > 0 and len(a) == len(b) and bool(np.array_equal(a.hashes, b.hashes))
        return [Run(0, len(a), 0, len(b))] if same else []
    a_grams = a.ngrams(n)
    ordered, order, repeats = b.sorted_ngrams(n)
    left = np.searchsorted(ordered, a_grams, side="left")
    if not repeats and settings.max_seed_occurrences >= 1:
        # Every n-gram of B is distinct (the usual case): one lookup, at most one seed per
        # position of A, so in A order a run goes on exactly while both positions step by 1.
        i = np.flatnonzero(ordered[np.minimum(left, len(ordered) - 1)] == a_grams)
        if not len(i):
            return []
        j = order[left[i]]
        breaks = np.flatnonzero((np.diff(i) != 1) | (np.diff(j) != 1)) + 1
        return _runs(i, j, breaks, n)
    counts = np.searchsorted(ordered, a_grams, side="right") - left
    # A seed found too often in B is skipped, as seed_runs does.
    counts[counts > settings.max_seed_occurrences] = 0
    total = int(counts.sum())
    if not total:
        return []
    i = np.repeat(np.arange(len(a_grams)), counts)
    first = np.repeat(left - np.cumsum(counts) + counts, counts)
    j = order[first + np.arange(total)]
    # Sort by (diagonal, i) with one integer key; a run goes on while the next seed is on the
    # same diagonal at the next position of A, which is exactly a key step of 1 (the diagonal
    # weight exceeds any position, so a change of diagonal steps the key by at least 2).
    key = (j - i + len(a)) * (len(a) + 2) + i
    by_diagonal = np.argsort(key, kind="stable")
    i, j, key = i[by_diagonal], j[by_diagonal], key[by_diagonal]
    breaks = np.flatnonzero(np.diff(key) != 1) + 1
    return sorted(_runs(i, j, breaks, n), key=lambda r: (r.a0, r.b0))


def _runs(i: np.ndarray, j: np.ndarray, breaks: np.ndarray, n: int) -> list[Run]:
    """Runs of seeds ``(i, j)`` cut before each index in ``breaks``, in the order given."""
    heads = np.concatenate(([0], breaks))
    tails = np.concatenate((breaks - 1, [len(i) - 1]))
    a0, a1 = i[heads].tolist(), (i[tails] + n).tolist()
    b0, b1 = j[heads].tolist(), (j[tails] + n).tolist()
    return list(map(Run, a0, a1, b0, b1))


def _verbatim(original: Words, page: Words, run: Run) -> Passage:
    return Passage(
        "verbatim",
        original.span(run.a0, run.a1, run.a1),
        page.span(run.b0, run.b1, run.b1),
        1.0,
    )


def edited_passage(
    a: Words, b: Words, run: Run, seeds: list[Run], seed_starts: list[int] | None = None
) -> Passage:
    """The passage of a merged run, with its word edits read off the exact seeds inside it.

    ``seeds`` are sorted by ``a0`` (as ``vector_seed_runs`` returns them); ``seed_starts``, their
    ``a0`` values, narrows the search when given.
    """
    starts = seed_starts if seed_starts is not None else [s.a0 for s in seeds]
    window = seeds[bisect_left(starts, run.a0) : bisect_left(starts, run.a1)]
    inside = [s for s in window if s.a1 <= run.a1 and run.b0 <= s.b0 and s.b1 <= run.b1]
    chain = inside if _in_order(inside) else _longest_first_chain(inside)
    edits: list[Edit] = []
    matched = sum(s.a1 - s.a0 for s in chain)
    a_at, b_at = run.a0, run.b0
    for stop in [*chain, Run(run.a1, run.a1, run.b1, run.b1)]:
        same, edit = _gap(a, b, a_at, stop.a0, b_at, stop.b0, run)
        matched += same
        if edit is not None:
            edits.append(edit)
        a_at, b_at = stop.a1, stop.b1
    total = (run.a1 - run.a0) + (run.b1 - run.b0)
    return Passage(
        kind="edited" if edits else "verbatim",
        a=a.span(run.a0, run.a1, run.a1),
        b=b.span(run.b0, run.b1, run.b1),
        similarity=min(1.0, 2.0 * matched / total) if total else 1.0,
        edits=tuple(edits),
    )


def _in_order(seeds: list[Run]) -> bool:
    """Whether the seeds (sorted by ``a0``) follow each other without overlap on both sides.

    Then every seed is compatible with every other and ``_longest_first_chain`` keeps them all.
    """
    return all(s.a0 >= r.a1 and s.b0 >= r.b1 for r, s in zip(seeds, seeds[1:], strict=False))


def _longest_first_chain(seeds: list[Run]) -> list[Run]:
    """Seeds taken longest first while in order with those taken on both sides; in ``a0`` order."""
    chain: list[Run] = []
    for seed in sorted(seeds, key=lambda s: (-s.length, s.a0, s.b0)):
        if all((seed.a0 >= k.a1 and seed.b0 >= k.b1) or (seed.a1 <= k.a0 and seed.b1 <= k.b0) for k in chain):
            chain.append(seed)
    chain.sort(key=lambda s: s.a0)
    return chain


def _gap(a: Words, b: Words, a0: int, a1: int, b0: int, b1: int, run: Run) -> tuple[int, Edit | None]:
    """Equal words trimmed off both ends of a gap between seeds, and the edit left in between."""
    same = 0
    while a0 < a1 and b0 < b1 and a.hashes[a0] == b.hashes[b0]:
        a0, b0, same = a0 + 1, b0 + 1, same + 2
    while a0 < a1 and b0 < b1 and a.hashes[a1 - 1] == b.hashes[b1 - 1]:
        a1, b1, same = a1 - 1, b1 - 1, same + 2
    if a0 == a1 and b0 == b1:
        return same // 2, None
    op: Literal["replace", "insert", "delete"] = (
        "replace" if a0 < a1 and b0 < b1 else ("delete" if a0 < a1 else "insert")
    )
    a_span, b_span = a.span(a0, a1, run.a1), b.span(b0, b1, run.b1)
    edit = Edit(op, a_span, b_span, a.text[a_span.start : a_span.end], b.text[b_span.start : b_span.end])
    return same // 2, edit
