"""Text that is not evidence of copying: word shingles found in many originals of the index.

An outlet's footer, a byline, a share prompt, a "related stories" list and stock phrases
("said in a statement on") are carried by many unrelated originals. The index counts, for
every word shingle (``FingerprintSettings.shingle_words`` words, all of them, not only the
sampled fingerprints), how many originals hold it, counting a syndication group (originals that
are copies of each other) once, so a wire story carried by twenty outlets stays evidence. The
shingles held by at least ``BoilerplateSettings.min_originals`` are kept in the index; a scan
marks the page words they cover and does not count them as copied.

Shingles are keyed by the top 32 bits of their 64-bit hash: 4 bytes each while counting
millions, and a chance collision only ever makes one rare shingle look as common as another.

Syndication groups come from the sampled fingerprints: two originals are copies of each other
when, leaving out common fingerprints, most of the shorter one's fingerprints are in the other.
The earliest (by date, then id) is the group's source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from compare.scan.fingerprint import WordTokens, shingle_hashes, window_hashes
from compare.settings import BoilerplateSettings

SHIFT = np.uint64(32)
# Keys counted in two threads from this many on (``held_often``).
PARALLEL_KEYS = 4_000_000


@dataclass(frozen=True)
class Common:
    """Shingle keys (sorted uint32) held by many originals, and how many originals hold each."""

    keys: np.ndarray
    counts: np.ndarray

    @classmethod
    def empty(cls) -> Common:
        return cls(np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.uint32))

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """For each key, how many originals hold it (0 when it is not common)."""
        if not len(self.keys) or not len(keys):
            return np.zeros(len(keys), dtype=np.int64)
        where = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where(self.keys[where] == keys, self.counts[where], 0).astype(np.int64)


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by sorting: numpy 2's hashing ``unique`` is many times slower on integers."""
    ordered = np.sort(values)
    keep = np.ones(len(ordered), dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]


def shingle_key(hashes: np.ndarray) -> np.ndarray:
    """The key of each 64-bit shingle hash (or fingerprint): its top 32 bits."""
    return (hashes >> SHIFT).astype(np.uint32)


def position_keys(hashes: np.ndarray, n: int) -> np.ndarray:
    """The key of the shingle starting at each word position of one text (uint32)."""
    owner = np.zeros(len(hashes), dtype=np.int64)
    shingles, _ = shingle_hashes(hashes, owner, n)
    return shingle_key(shingles)


def distinct_keys(tokens: Sequence[WordTokens], n: int) -> list[np.ndarray]:
    """For each text, its distinct shingle keys, sorted (what the document counts are made of)."""
    if not tokens:
        return []
    lengths = np.fromiter((len(t.hashes) for t in tokens), dtype=np.int64, count=len(tokens))
    owner = np.repeat(np.arange(len(tokens), dtype=np.int64), lengths)
    shingles, shingle_owner = shingle_hashes(np.concatenate([t.hashes for t in tokens]), owner, n)
    combined = sorted_distinct((shingle_owner.astype(np.uint64) << SHIFT) | (shingles >> SHIFT))
    keys = (combined & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    bounds = np.searchsorted(combined >> SHIFT, np.arange(len(tokens) + 1, dtype=np.uint64))
    return [keys[bounds[i] : bounds[i + 1]] for i in range(len(tokens))]


def common_shingles(
    per_doc: Sequence[np.ndarray],
    group_of: np.ndarray,
    settings: BoilerplateSettings,
    apart: Common | None = None,
) -> Common:
    """The shingle keys held by at least ``settings.min_originals`` groups of originals.

    ``per_doc[i]`` are document i's distinct keys; ``group_of[i]`` its syndication group (the
    position of the group's source). Members of one group are counted once. ``apart``: the
    counts of every document on its own, when the caller has them.
    """
    if not per_doc:
        return Common.empty()
    if apart is None:
        apart = held_often(np.concatenate(per_doc), settings.min_originals)
    return _grouped(apart, per_doc, group_of, settings.min_originals)


def _grouped(apart: Common, per_doc: Sequence[np.ndarray], group_of: np.ndarray, least: int) -> Common:
    """The counts of ``apart`` with each group counted once: a key held by k members of a group
    counts k - 1 less. Counts only fall, so only keys already held ``least`` times can stay."""
    grouped = group_of != np.arange(len(per_doc))
    members = np.flatnonzero(grouped | np.isin(np.arange(len(per_doc)), group_of[grouped]))
    by_group: dict[int, list[np.ndarray]] = {}
    for i in members.tolist():
        by_group.setdefault(int(group_of[i]), []).append(per_doc[i])
    repeats = [np.zeros(0, dtype=np.uint32)]
    for arrays in by_group.values():
        held = np.sort(np.concatenate(arrays))
        held = held[apart.lookup(held) > 0]
        repeats.append(held[1:][held[1:] == held[:-1]])  # each key once less than its holders
    extra = np.sort(np.concatenate(repeats))
    counts = apart.counts.astype(np.int64)
    np.subtract.at(counts, np.searchsorted(apart.keys, extra), 1)
    keep = counts >= least
    return Common(apart.keys[keep], counts[keep].astype(np.uint32))


def held_often(keys: np.ndarray, least: int) -> Common:
    """The keys found at least ``least`` times among ``keys``, with their counts (``keys`` may be
    reordered). A large array is split at the middle of the key range and its halves counted
    in two threads (numpy sorts without holding the interpreter lock): equal keys fall in one half."""
    if len(keys) < PARALLEL_KEYS:
        return _held_often(keys, least)
    from concurrent.futures import ThreadPoolExecutor

    high = keys >= np.uint32(1 << 31)
    with ThreadPoolExecutor(2) as pool:
        low_part, high_part = pool.map(lambda part: _held_often(part, least), (keys[~high], keys[high]))
    return Common(
        np.concatenate((low_part.keys, high_part.keys)), np.concatenate((low_part.counts, high_part.counts))
    )


def _held_often(keys: np.ndarray, least: int) -> Common:
    """The keys found at least ``least`` times among ``keys`` (sorted in place), with their counts.

    What ``np.unique(keys, return_counts=True)`` filtered by count gives, without its arrays of
    every distinct key's position and count (eight bytes each for each of the corpus's shingles,
    most of them held once): a key starting a run of ``least`` equal sorted keys is kept.
    """
    keys.sort()
    step = max(least, 1) - 1
    starts = keys[: len(keys) - step][keys[step:] == keys[: len(keys) - step]] if len(keys) > step else keys[:0]
    found = sorted_distinct(starts)
    counts = np.searchsorted(keys, found, side="right") - np.searchsorted(keys, found, side="left")
    return Common(found.astype(np.uint32), counts.astype(np.uint32))


def covered_words(tokens: Sequence[WordTokens], common: Common, n: int) -> list[np.ndarray]:
    """For each word of each text, how many originals hold the most common shingle covering it (0: none)."""
    if not tokens:
        return []
    lengths = np.fromiter((len(t.hashes) for t in tokens), dtype=np.int64, count=len(tokens))
    owner = np.repeat(np.arange(len(tokens), dtype=np.int64), lengths)
    windows, inside = window_hashes(np.concatenate([t.hashes for t in tokens]), owner, n)
    held = np.zeros(len(windows), dtype=np.int64)
    held[inside] = common.lookup(shingle_key(windows[inside]))
    out = np.zeros(len(owner), dtype=np.int64)
    for offset in range(n):
        np.maximum(out[offset : offset + len(held)], held, out=out[offset : offset + len(held)])
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    return [out[bounds[i] : bounds[i + 1]] for i in range(len(tokens))]


def syndication_groups(
    values: np.ndarray,
    sizes: np.ndarray,
    order_keys: Sequence[str],
    common: Common,
    settings: BoilerplateSettings,
) -> np.ndarray:
    """For each original, the position of its syndication group's source (itself when alone).

    ``values`` are every original's sampled fingerprints end to end (``sizes[i]`` each);
    ``order_keys`` sort the originals by age (date, then id): the first of a group is its source.
    Fingerprints held by many originals (``common``, counted without groups) are left out, so a
    shared footer does not make two stories of one outlet copies of each other.
    """
    count = len(sizes)
    group_of = np.arange(count)
    if not count or not len(values):
        return group_of
    owners = np.repeat(np.arange(count), sizes)
    rare = common.lookup(shingle_key(values)) == 0
    values, owners = values[rare], owners[rare]
    kept = np.bincount(owners, minlength=count)
    order = np.argsort(values, kind="stable")
    values, owners = values[order], owners[order]
    firsts: list[np.ndarray] = []
    seconds: list[np.ndarray] = []
    # Rare fingerprints are held by fewer than min_originals originals: pair each holder with the
    # ones after it under the same value.
    for step in range(1, max(settings.min_originals, 2)):
        same = np.flatnonzero(values[step:] == values[:-step])
        firsts.append(owners[same])
        seconds.append(owners[same + step])
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    distinct = a != b
    a, b = np.minimum(a[distinct], b[distinct]), np.maximum(a[distinct], b[distinct])
    pairs, shared = np.unique(a * count + b, return_counts=True)
    a, b = pairs // count, pairs % count
    smaller = np.minimum(kept[a], kept[b])
    copies = (shared >= settings.syndication_min_shared) & (shared >= settings.syndication_share * smaller)
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for x, y in zip(a[copies].tolist(), b[copies].tolist(), strict=True):
        rx, ry = root(x), root(y)
        if rx != ry:
            parent[max(rx, ry, key=lambda r: (order_keys[r], r))] = min(
                rx, ry, key=lambda r: (order_keys[r], r)
            )
    return np.array([root(i) for i in range(count)], dtype=np.int64)
