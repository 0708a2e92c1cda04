"""Seeding, merging and selecting runs of shared n-grams (pure functions on token lists)."""

from __future__ import annotations

from compare.align.seeds import Run, merge_runs, seed_runs, select_runs
from compare.settings import AlignSettings

SETTINGS = AlignSettings()


def test_seed_runs_follow_diagonals() -> None:
    a = ["a", "b", "c", "d", "e", "f", "g"]
    b = ["x", "a", "b", "c", "d", "y", "e", "f", "g"]
    runs = seed_runs(a, b, SETTINGS)
    assert Run(0, 4, 1, 5) in runs and Run(4, 7, 6, 9) in runs


def test_frequent_ngrams_are_not_seeds() -> None:
    settings = AlignSettings(max_seed_occurrences=2)
    a = ["p", "q", "r"]
    b = ["p", "q", "r", "p", "q", "r", "p", "q", "r"]
    assert seed_runs(a, b, settings) == []


def test_merge_bridges_a_small_edit_but_not_a_long_gap() -> None:
    near = merge_runs([Run(0, 10, 0, 10), Run(11, 20, 12, 21)], SETTINGS)
    assert near == [Run(0, 20, 0, 21)]
    far = merge_runs([Run(0, 10, 0, 10), Run(40, 50, 40, 50)], SETTINGS)
    assert len(far) == 2


def test_merge_picks_the_closest_chain_among_chance_runs() -> None:
    chance = [Run(12 + k, 15 + k, 500 + 7 * k, 503 + 7 * k) for k in range(20)]
    merged = merge_runs([Run(0, 10, 0, 10), *chance, Run(11, 30, 11, 30)], SETTINGS)
    assert Run(0, 30, 0, 30) in merged


def test_select_keeps_repeats_and_drops_crossing_duplicates() -> None:
    runs = [Run(0, 10, 0, 10), Run(0, 10, 50, 60), Run(2, 8, 3, 9), Run(30, 33, 30, 33)]
    kept = select_runs(runs, min_words=5)
    assert kept == [Run(0, 10, 0, 10), Run(0, 10, 50, 60)]
