"""Scan: a persistent fingerprint index of originals, and many pages matched against it."""

from compare.scan.engines import Engine
from compare.scan.index import Change, IndexInfo, add_articles, build_index, index_info, remove_ids
from compare.scan.matching import Match
from compare.scan.scan import ScanResult, scan_inputs, scan_pages
from compare.settings import ScanSettings

__all__ = [
    "Change",
    "Engine",
    "IndexInfo",
    "Match",
    "ScanResult",
    "ScanSettings",
    "add_articles",
    "build_index",
    "index_info",
    "remove_ids",
    "scan_inputs",
    "scan_pages",
]
