"""compare: where news text came from, and how outlets' accounts of an event differ.

The public Python API mirrors the CLI::

    import compare
    a = compare.load("wire.txt")
    b = compare.load("aggregator.html")
    result = compare.compare_pair(a, b)
    print(result.relation, result.direction.source, result.to_dict()["overlap"])
    events = compare.group_events(compare.load_many(["articles/"]).articles)
"""

from compare.errors import CompareError, InputError, UsageError
from compare.group import group_events
from compare.ingest import LoadResult, load, load_many
from compare.model import Article, Direction, Event, Overlap, PairResult, Passage, Span
from compare.pipeline import compare_pair
from compare.settings import DEFAULT_SETTINGS, Settings

__all__ = [
    "DEFAULT_SETTINGS",
    "Article",
    "CompareError",
    "Direction",
    "Event",
    "InputError",
    "LoadResult",
    "Overlap",
    "PairResult",
    "Passage",
    "Settings",
    "Span",
    "UsageError",
    "compare_pair",
    "group_events",
    "load",
    "load_many",
]
