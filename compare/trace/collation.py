"""An N-way passage table for one event, built from its pairwise alignments (a collation table).

Each article's sentences are nodes; a passage aligned between two articles links the sentences
it covers on both sides (a sentence of A maps to the part of B's passage at the same relative
position) when it covers at least ``TraceSettings.collation_min_coverage`` of each. Linked sentences form one
row: which articles carry that passage and how — the passage kind covering most of the cell's
characters, so a cell is ``verbatim`` only where most of it is the same words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from compare.model import Article, PairResult, Span
from compare.normalise import sentence_spans
from compare.settings import DEFAULT_SETTINGS, TraceSettings

# How strongly two texts share a passage: a verbatim link outranks an edited one, and so on
# (this breaks ties between kinds covering as much of a cell).
RANK = {"translation": 1, "paraphrase": 2, "edited": 3, "verbatim": 4}

Node = tuple[int, int]  # (article position, sentence position)


@dataclass(frozen=True)
class Cell:
    """One article's text in a row: how it carries the passage, and where."""

    article: str
    how: str
    span: Span
    text: str


@dataclass(frozen=True)
class CollationRow:
    """One passage across the event: a cell per article (None where an article lacks it)."""

    cells: tuple[Cell | None, ...]

    @property
    def carriers(self) -> int:
        return sum(cell is not None for cell in self.cells)


@dataclass(frozen=True)
class Collation:
    """Rows of passages shared by two or more of ``articles`` (columns in this order)."""

    articles: tuple[Article, ...]
    rows: tuple[CollationRow, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "articles": [a.id for a in self.articles],
            "rows": [
                [None if c is None else {"how": c.how, "span": c.span.to_list()} for c in row.cells]
                for row in self.rows
            ],
        }


class _Sets:
    """Union-find over sentence nodes."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, x: Node) -> Node:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: Node, y: Node) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def _overlapping(spans: list[tuple[int, int]], start: float, end: float) -> list[int]:
    """Positions of the sentences that overlap ``[start, end)``."""
    return [k for k, (s, e) in enumerate(spans) if s < end and e > start]


def _covered(span: tuple[int, int], start: float, end: float) -> float:
    """Characters of the sentence ``span`` inside ``[start, end)``."""
    return max(0.0, min(span[1], end) - max(span[0], start))


def collate(
    articles: Sequence[Article], results: Sequence[PairResult], settings: TraceSettings = DEFAULT_SETTINGS.trace
) -> Collation:
    """The N-way passage table of ``articles`` (in the given column order) from pair results."""
    position = {a.id: k for k, a in enumerate(articles)}
    sentences = [sentence_spans(a.text) for a in articles]
    sets = _Sets()
    # Characters of each sentence covered by each kind of passage, per other article it links to.
    coverage: dict[Node, dict[tuple[int, str], float]] = defaultdict(lambda: defaultdict(float))
    for r in results:
        if r.a.id not in position or r.b.id not in position:
            continue
        pa, pb = position[r.a.id], position[r.b.id]
        for p in r.passages:
            if p.kind == "unique" or p.a is None or p.b is None or not len(p.a):
                continue
            scale = len(p.b) / len(p.a)
            for k in _overlapping(sentences[pa], p.a.start, p.a.end):
                s, e = sentences[pa][k]
                lo = p.b.start + (max(s, p.a.start) - p.a.start) * scale
                hi = p.b.start + (min(e, p.a.end) - p.a.start) * scale
                in_a = _covered((s, e), p.a.start, p.a.end)
                for j in _overlapping(sentences[pb], lo, max(hi, lo + 1)):
                    in_b = _covered(sentences[pb][j], p.b.start, p.b.end)
                    length_b = sentences[pb][j][1] - sentences[pb][j][0]
                    if min(in_a / max(1, e - s), in_b / max(1, length_b)) < settings.collation_min_coverage:
                        continue
                    sets.union((pa, k), (pb, j))
                    coverage[(pa, k)][(pb, p.kind)] += in_a
                    coverage[(pb, j)][(pa, p.kind)] += _covered(sentences[pb][j], lo, hi)
    groups: dict[Node, list[Node]] = defaultdict(list)
    for node in sorted(sets.parent):
        groups[sets.find(node)].append(node)
    rows = [_row(articles, sentences, nodes, coverage) for nodes in groups.values()]
    shared = [row for row in rows if row.carriers >= 2]
    return Collation(tuple(articles), tuple(sorted(shared, key=_row_key)))


def _row(
    articles: Sequence[Article],
    sentences: list[list[tuple[int, int]]],
    nodes: list[Node],
    coverage: dict[Node, dict[tuple[int, str], float]],
) -> CollationRow:
    """One row: per article, the span from its first to its last linked sentence, and how it
    carries the passage (see ``_how``)."""
    by_article: dict[int, list[Node]] = defaultdict(list)
    for node in nodes:
        by_article[node[0]].append(node)
    cells: list[Cell | None] = []
    first = min(by_article)
    for k, article in enumerate(articles):
        mine = by_article.get(k)
        if not mine:
            cells.append(None)
            continue
        start = min(sentences[k][j][0] for _, j in mine)
        end = max(sentences[k][j][1] for _, j in mine)
        how = "first" if k == first else _how(k, [coverage[node] for node in mine])
        cells.append(Cell(article.id, how, Span(start, end), article.text[start:end]))
    return CollationRow(tuple(cells))


def _how(column: int, covered: list[dict[tuple[int, str], float]]) -> str:
    """How a cell carries its passage: toward each earlier column it links to, the kind covering
    most of its characters; of those, the strongest (a copy of an earlier carrier shows as one
    even when the first carrier only reworded it). With no earlier link, toward any column."""
    per_column: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for node in covered:
        for (other, kind), chars in node.items():
            per_column[other][kind] += chars
    earlier = [c for c in per_column if c < column] or list(per_column)
    kinds = [max(per_column[c], key=lambda kind: (per_column[c][kind], RANK[kind])) for c in earlier]
    return max(kinds, key=lambda kind: RANK[kind])


def _row_key(row: CollationRow) -> tuple[int, int]:
    """Rows in the order of the first column that carries them, then by position there."""
    for k, cell in enumerate(row.cells):
        if cell is not None:
            return (k, cell.span.start)
    return (len(row.cells), 0)
