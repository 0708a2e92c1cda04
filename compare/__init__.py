"""compare: where news text came from, and how outlets' accounts of an event differ.

The public Python API mirrors the CLI::

    import compare
    a = compare.load("wire.txt")
    b = compare.load("aggregator.html")
    result = compare.compare_pair(a, b)
    print(result.relation, result.direction.source, result.to_dict()["overlap"])
    events = compare.group_events(compare.load_many(["articles/"]).articles)
    for item in compare.iter_articles(["feed.jsonl"]):  # a corpus of any size, as a stream
        ...  # an Article, or an InputError naming a skipped file or record

Stages are imported on first use, so ``import compare`` and the CLI start quickly.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from compare.errors import CompareError, InputError, UsageError
from compare.model import Article, Direction, Event, Overlap, PairResult, Passage, Span
from compare.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from compare.group import group_events
    from compare.ingest import FetchSettings, LoadResult, iter_articles, load, load_many
    from compare.measure.stance import (
        StanceProfile,
        distinctive_terms,
        predict_bias,
        predict_stance,
        predict_target_sentiment,
        stance_features,
    )
    from compare.pipeline import Report, build_report, compare_pair
    from compare.render.html import write_report
    from compare.scan import add_articles, build_index, index_info, remove_ids, scan_inputs, scan_pages

_LAZY: dict[str, str] = {
    "FetchSettings": "compare.ingest",
    "LoadResult": "compare.ingest",
    "iter_articles": "compare.ingest",
    "load": "compare.ingest",
    "load_many": "compare.ingest",
    "compare_pair": "compare.pipeline",
    "Report": "compare.pipeline",
    "build_report": "compare.pipeline",
    "write_report": "compare.render.html",
    "group_events": "compare.group",
    "StanceProfile": "compare.measure.stance",
    "distinctive_terms": "compare.measure.stance",
    "predict_bias": "compare.measure.stance",
    "predict_stance": "compare.measure.stance",
    "predict_target_sentiment": "compare.measure.stance",
    "stance_features": "compare.measure.stance",
    "add_articles": "compare.scan",
    "build_index": "compare.scan",
    "index_info": "compare.scan",
    "remove_ids": "compare.scan",
    "scan_inputs": "compare.scan",
    "scan_pages": "compare.scan",
}


def __getattr__(name: str) -> Any:
    """Import a public function's stage the first time it is asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'compare' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_SETTINGS",
    "Article",
    "CompareError",
    "Direction",
    "Event",
    "InputError",
    "Overlap",
    "PairResult",
    "Passage",
    "Settings",
    "Span",
    "UsageError",
    "FetchSettings",
    "LoadResult",
    "Report",
    "StanceProfile",
    "add_articles",
    "build_index",
    "build_report",
    "compare_pair",
    "distinctive_terms",
    "group_events",
    "index_info",
    "iter_articles",
    "load",
    "load_many",
    "predict_bias",
    "predict_stance",
    "predict_target_sentiment",
    "remove_ids",
    "scan_inputs",
    "scan_pages",
    "stance_features",
    "write_report",
]
