"""Candidates: the originals that share enough fingerprints with each page, found with numpy.

The inverted table is built in memory when a scan opens the index: all fingerprints are sorted
once (argsort), fingerprints posted by too many originals are dropped as stock phrases, and a
batch of pages is looked up with one ``searchsorted``; shared fingerprints are counted per
(page, original) with ``np.unique``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from compare.settings import ScanSettings

# The arrays of an inverted table, by name (what is written to disk to be memory-mapped).
POSTING_ARRAYS = ("keys", "starts", "counts", "postings", "sizes", "docs")


@dataclass(frozen=True)
class Postings:
    """The inverted table: sorted distinct fingerprints, and for each, the originals posting it.

    Originals are numbered by their position in id order (``docs[i]`` is the index's internal
    number, ``ids[i]`` the article id), so the answer does not depend on insertion order.
    """

    keys: np.ndarray
    starts: np.ndarray
    counts: np.ndarray
    postings: np.ndarray
    sizes: np.ndarray
    docs: np.ndarray
    ids: tuple[str, ...]

    @property
    def memory_bytes(self) -> int:
        """Bytes held by the arrays."""
        return sum(a.nbytes for a in self.arrays().values())

    def arrays(self) -> dict[str, np.ndarray]:
        """The table's arrays by name (``POSTING_ARRAYS``)."""
        return {name: getattr(self, name) for name in POSTING_ARRAYS}

    @classmethod
    def of(cls, arrays: dict[str, np.ndarray], ids: Sequence[str]) -> Postings:
        """The table from its arrays by name (memory-mapped ones included) and the ids of its originals."""
        a = arrays
        return cls(a["keys"], a["starts"], a["counts"], a["postings"], a["sizes"], a["docs"], tuple(ids))


def mapped_arrays(folder: Path, arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The arrays written once into ``folder`` (a ``.npy`` file each, renamed into place once
    whole) and memory-mapped from there: the processes of a machine that map them share one
    copy (the page cache) instead of holding one each."""
    folder.mkdir(parents=True, exist_ok=True)
    mapped: dict[str, np.ndarray] = {}
    for key, array in arrays.items():
        path = folder / f"{key}.npy"
        if not path.is_file():
            part = folder / f"{key}.{os.getpid()}.part"
            with part.open("wb") as stream:
                np.save(stream, np.ascontiguousarray(array))
            os.replace(part, path)
        mapped[key] = np.load(path, mmap_mode="r")
    return mapped


def build_postings(
    docs: np.ndarray,
    values: np.ndarray,
    sizes: np.ndarray,
    ids: Sequence[str],
    settings: ScanSettings,
    boilerplate: np.ndarray | None = None,
) -> Postings:
    """The inverted table of the originals' fingerprints (``values``: ``sizes[i]`` of them for each, in id order).

    ``boilerplate`` marks the values that are boilerplate shingles of the index: they make no
    candidates (a shared footer or stock phrase is no reason to align two texts). The order of
    originals under one fingerprint does not matter (pairs are counted with ``np.unique``), so
    the sort need not be stable.
    """
    owners = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)
    if boilerplate is not None:
        values, owners = values[~boilerplate], owners[~boilerplate]
    order = np.argsort(values)
    values, owners = values[order], owners[order]
    del order
    first = np.ones(len(values), dtype=bool)
    first[1:] = values[1:] != values[:-1]
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(values)))
    common = counts <= settings.max_postings
    # Positions fit in 32 bits below 2**31 fingerprints (25M originals): a third less memory.
    position = np.int32 if len(values) < 2**31 else np.int64
    return Postings(
        keys=values[starts[common]],
        starts=starts[common].astype(position),
        counts=counts[common].astype(np.int32),
        postings=owners,
        sizes=np.asarray(sizes, dtype=np.int64),
        docs=docs,
        ids=tuple(ids),
    )


def find_candidates(
    postings: Postings, pages: Sequence[np.ndarray], settings: ScanSettings
) -> list[list[tuple[int, int]]]:
    """For each page's fingerprints, its candidate originals as (position, shared count) pairs.

    Most shared first, then id order; at most ``settings.max_candidates`` per page.
    """
    result: list[list[tuple[int, int]]] = [[] for _ in pages]
    if not len(postings.keys) or not pages:
        return result
    lengths = np.fromiter((len(p) for p in pages), dtype=np.int64, count=len(pages))
    values = np.concatenate(pages) if len(pages) else np.zeros(0, dtype=np.uint64)
    owners = np.repeat(np.arange(len(pages), dtype=np.int64), lengths)
    # Looked up in ascending order: each search starts where the last ended, so the key table
    # (millions of keys, memory-mapped) is read mostly forward; four times faster at 100k.
    ascending = np.argsort(values)
    values, owners = values[ascending], owners[ascending]
    where = np.searchsorted(postings.keys, values)
    where[where == len(postings.keys)] = 0
    hit = postings.keys[where] == values
    where, owners = where[hit], owners[hit]
    counts = postings.counts[where]
    total = int(counts.sum())
    if not total:
        return result
    # Expand each hit into its posting list without a Python loop.
    first = np.repeat(postings.starts[where] - np.cumsum(counts) + counts, counts)
    originals = postings.postings[first + np.arange(total)].astype(np.int64)
    page_of = np.repeat(owners, counts)
    pairs, shared = np.unique(page_of * len(postings.sizes) + originals, return_counts=True)
    page_of, originals = pairs // len(postings.sizes), pairs % len(postings.sizes)
    needed = np.minimum(settings.min_shared, np.maximum(postings.sizes[originals], 1))
    keep = shared >= needed
    for page, original, count in zip(
        page_of[keep].tolist(), originals[keep].tolist(), shared[keep].tolist(), strict=True
    ):
        result[page].append((original, count))
    for found in result:
        found.sort(key=lambda item: (-item[1], item[0]))
        del found[settings.max_candidates :]
    return result
