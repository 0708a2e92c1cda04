"""Thresholds of the scan: finding candidates in the index and deciding what counts as a match.

Each value is re-measured with ``python benchmarks/scan_bench.py`` (recall per kind of copy,
precision, pairs aligned per second); change one here only with the figures it prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compare.scan.fingerprint import FingerprintSettings


@dataclass(frozen=True)
class ScanSettings:
    """How pages are matched against the index of originals."""

    fingerprint: FingerprintSettings = field(default_factory=FingerprintSettings)
    # A fingerprint posted by more originals than this is a stock phrase or an outlet footer:
    # it is ignored, so it neither makes candidates nor costs time.
    max_postings: int = 50
    # An original becomes a candidate for a page when they share at least this many (non-stock)
    # fingerprints: a 60-word digest paragraph shares about 12 at modulo 5, chance matches 0-1.
    min_shared: int = 3
    # At most this many candidates (most shared fingerprints first) are aligned per page.
    max_candidates: int = 50
    # A candidate is reported when the copied passages hold at least this many of the page's
    # words: one digest paragraph (40+ words) passes, a shared stock sentence does not.
    min_copied_words: int = 30
    # ... or when this share of the original's words is copied (a short original taken whole).
    whole_original_share: float = 0.8
    # Pages are sent to workers this many at a time; results are saved after each batch.
    batch_pages: int = 500
