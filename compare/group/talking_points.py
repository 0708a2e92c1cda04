"""Talking points: phrasings that recur across different events (not copies within one event).

A phrase shared by two accounts of one event is copying or quoting; the same phrase in reports
of different happenings is a line a speaker or outlet repeats ("all factors ... offensive and
defensive"). Word n-grams found in two or more events are joined into runs per article, and
runs that share an n-gram become one talking point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from compare.model import Event
from compare.normalise import tokenize

# A shared run needs this many content words (4+ letters, not a stop word) to be a talking point
# rather than a stock phrase ("the United States and Russia").
STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "have",
        "been",
        "were",
        "will",
        "would",
        "said",
        "says",
        "also",
        "their",
        "there",
        "they",
        "them",
        "about",
        "which",
        "when",
        "what",
        "into",
        "than",
        "then",
        "over",
        "only",
        "such",
        "other",
        "more",
        "most",
        "some",
        "these",
        "those",
        "being",
        "after",
        "before",
        "between",
        "where",
        "while",
        "very",
        "just",
        "like",
    ]
)


@dataclass(frozen=True)
class Occurrence:
    """Where one article carries a talking point: the article, its event and the characters."""

    article: str
    event: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TalkingPoint:
    """A phrasing found in articles of two or more different events."""

    text: str
    events: tuple[str, ...]
    occurrences: tuple[Occurrence, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "events": list(self.events),
            "occurrences": [
                {"article": o.article, "event": o.event, "span": [o.start, o.end]} for o in self.occurrences
            ],
        }


def _content_words(norms: Sequence[str]) -> int:
    return sum(1 for w in norms if len(w) >= 4 and w not in STOP)


def talking_points(events: Sequence[Event], n: int = 5, min_content_words: int = 3) -> list[TalkingPoint]:
    """Phrasings (runs of shared word ``n``-grams) that occur in two or more different events."""
    texts = {a.id: a.text for e in events for a in e.articles}
    tokens = {article_id: tokenize(text) for article_id, text in texts.items()}
    event_of = {a.id: e.id for e in events for a in e.articles}
    seen: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for article_id, toks in tokens.items():
        norms = [t.norm for t in toks]
        for i in range(len(norms) - n + 1):
            seen[tuple(norms[i : i + n])].add(event_of[article_id])
    recurring = {gram for gram, evs in seen.items() if len(evs) >= 2}
    runs: list[Run] = []
    for article_id in sorted(tokens):
        toks = tokens[article_id]
        norms = [t.norm for t in toks]
        hits = [i for i in range(len(norms) - n + 1) if tuple(norms[i : i + n]) in recurring]
        for first, last in _runs(hits):
            if _content_words(norms[first : last + n]) >= min_content_words:
                grams = frozenset(tuple(norms[i : i + n]) for i in range(first, last + 1))
                start, end = toks[first].start, toks[last + n - 1].end
                occurrence = Occurrence(
                    article_id, event_of[article_id], start, end, texts[article_id][start:end]
                )
                runs.append(Run(occurrence, grams))
    return _merge(runs)


@dataclass(frozen=True)
class Run:
    """A stretch of one article made of recurring n-grams."""

    occurrence: Occurrence
    grams: frozenset[tuple[str, ...]]


def _runs(hits: list[int]) -> list[tuple[int, int]]:
    """Consecutive n-gram starts joined into (first, last) runs."""
    out: list[tuple[int, int]] = []
    for i in hits:
        if out and i == out[-1][1] + 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _merge(runs: list[Run]) -> list[TalkingPoint]:
    """Runs that share an n-gram become one talking point, shown by its longest occurrence."""
    owner: dict[tuple[str, ...], int] = {}
    parent = list(range(len(runs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k, run in enumerate(runs):
        for gram in sorted(run.grams):
            if gram in owner:
                parent[find(k)] = find(owner[gram])
            else:
                owner[gram] = k
    groups: dict[int, list[Occurrence]] = defaultdict(list)
    for k, run in enumerate(runs):
        groups[find(k)].append(run.occurrence)
    points = []
    for occurrences in groups.values():
        events = tuple(sorted({o.event for o in occurrences}))
        if len(events) < 2:
            continue  # the n-grams recur elsewhere, but this stretch links only one event
        longest = max(occurrences, key=lambda o: (o.end - o.start, o.article))
        points.append(TalkingPoint(" ".join(longest.text.split()), events, tuple(occurrences)))
    return sorted(points, key=lambda p: (-len(p.events), -len(p.text), p.text))
