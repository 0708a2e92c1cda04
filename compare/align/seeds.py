"""Copied passages from shared word n-grams: seed, chain along diagonals, merge across small gaps.

Seeding is linear in the length of both texts: each n-gram of A is looked up in a hash table of
B's n-grams, and n-grams frequent in B are skipped. Every chain is kept, so repeated and
reordered paragraphs each become their own passage.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from compare.settings import AlignSettings


@dataclass(frozen=True)
class Run:
    """A stretch of tokens ``a[a0:a1]`` that corresponds to ``b[b0:b1]`` (token indices)."""

    a0: int
    a1: int
    b0: int
    b1: int

    @property
    def length(self) -> int:
        return max(self.a1 - self.a0, self.b1 - self.b0)


def seed_runs(a: list[str], b: list[str], settings: AlignSettings) -> list[Run]:
    """Maximal diagonal runs of shared n-grams between token lists ``a`` and ``b``."""
    n = settings.seed_ngram
    if len(a) < n or len(b) < n:
        return [Run(0, len(a), 0, len(b))] if a and a == b else []
    where: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b) - n + 1):
        where[tuple(b[j : j + n])].append(j)
    open_runs: dict[int, Run] = {}  # keyed by diagonal j - i, the run that ends at i - 1
    runs: list[Run] = []
    for i in range(len(a) - n + 1):
        positions = where.get(tuple(a[i : i + n]))
        if not positions or len(positions) > settings.max_seed_occurrences:
            continue
        for j in positions:
            diagonal = j - i
            run = open_runs.get(diagonal)
            if run is not None and run.a1 >= i + n - 1:
                open_runs[diagonal] = Run(run.a0, i + n, run.b0, j + n)
            else:
                if run is not None:
                    runs.append(run)
                open_runs[diagonal] = Run(i, i + n, j, j + n)
    runs.extend(open_runs.values())
    return sorted(runs, key=lambda r: (r.a0, r.b0))


def merge_runs(runs: list[Run], settings: AlignSettings) -> list[Run]:
    """Join runs that follow each other in both texts across small gaps (edits between them).

    Runs are visited in A order; only chains ending within a gap of the current run are open, so
    the work stays linear however many short chance runs lie in between. Each run joins the open
    chain it continues most closely.
    """
    closed: list[Run] = []
    open_chains: list[Run] = []
    reach = settings.merge_gap_words
    for run in sorted(runs, key=lambda r: (r.a0, r.b0)):
        still_open: list[Run] = []
        for chain in open_chains:
            (still_open if chain.a1 + reach >= run.a0 else closed).append(chain)
        open_chains = still_open
        best = _closest(open_chains, run, settings)
        if best is None:
            open_chains.append(run)
        else:
            chain = open_chains[best]
            open_chains[best] = Run(chain.a0, max(chain.a1, run.a1), chain.b0, max(chain.b1, run.b1))
    return sorted(closed + open_chains, key=lambda r: (r.a0, r.b0))


def _closest(chains: list[Run], run: Run, settings: AlignSettings) -> int | None:
    """The chain this run continues with the smallest gap, if any may absorb it."""
    best: tuple[int, int] | None = None
    for index, chain in enumerate(chains):
        gap_a = run.a0 - chain.a1
        gap_b = run.b0 - chain.b1
        if gap_a < -settings.seed_ngram or gap_b < -settings.seed_ngram or run.b0 < chain.b0:
            continue
        gap = max(gap_a, gap_b, 0)
        if gap > settings.merge_gap_words:
            continue
        size = chain.length + run.length + gap
        if gap > settings.merge_gap_share * size:
            continue
        cost = gap_a + gap_b if gap_a >= 0 and gap_b >= 0 else gap + abs(gap_a - gap_b)
        if best is None or cost < best[0]:
            best = (cost, index)
    return best[1] if best else None


def select_runs(runs: list[Run], min_words: int) -> list[Run]:
    """Keep the longest runs first; drop one that overlaps kept ones on both sides at once.

    A run that overlaps a kept run on one side only is a repeated paragraph and is kept. Kept
    runs are indexed by their start in A, so each check looks only at runs near it.
    """
    kept: list[Run] = []
    starts: list[int] = []
    longest = 0
    for run in sorted(runs, key=lambda r: (-r.length, r.a0, r.b0)):
        if run.length < min_words:
            continue
        lo = bisect_left(starts, run.a0 - longest)
        hi = bisect_left(starts, run.a1)
        clash = any(run.a0 < k.a1 and k.a0 < run.a1 and run.b0 < k.b1 and k.b0 < run.b1 for k in kept[lo:hi])
        if not clash:
            index = bisect_left(starts, run.a0)
            starts.insert(index, run.a0)
            kept.insert(index, run)
            longest = max(longest, run.a1 - run.a0)
    return sorted(kept, key=lambda r: (r.a0, r.b0))
