"""An N-way passage table for one event, built from its pairwise alignments (a collation table).

Each article's sentences are nodes; a passage aligned between two articles links the sentences
it covers on both sides (a sentence of A maps to the part of B's passage at the same relative
position). Linked sentences form one row: which articles carry that passage and how.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from compare.model import Article, PairResult, Span
from compare.normalise import sentence_spans

# How strongly two texts share a passage: a verbatim link outranks an edited one, and so on.
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


def collate(articles: Sequence[Article], results: Sequence[PairResult]) -> Collation:
    """The N-way passage table of ``articles`` (in the given column order) from pair results."""
    position = {a.id: k for k, a in enumerate(articles)}
    sentences = [sentence_spans(a.text) for a in articles]
    sets = _Sets()
    best: dict[Node, int] = defaultdict(int)
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
                for j in _overlapping(sentences[pb], lo, max(hi, lo + 1)):
                    sets.union((pa, k), (pb, j))
                    for node in ((pa, k), (pb, j)):
                        best[node] = max(best[node], RANK[p.kind])
    groups: dict[Node, list[Node]] = defaultdict(list)
    for node in sorted(sets.parent):
        groups[sets.find(node)].append(node)
    rows = [_row(articles, sentences, nodes, best) for nodes in groups.values()]
    shared = [row for row in rows if row.carriers >= 2]
    return Collation(tuple(articles), tuple(sorted(shared, key=_row_key)))


def _row(
    articles: Sequence[Article],
    sentences: list[list[tuple[int, int]]],
    nodes: list[Node],
    best: dict[Node, int],
) -> CollationRow:
    """One row: per article, the span from its first to its last linked sentence."""
    by_article: dict[int, list[Node]] = defaultdict(list)
    for node in nodes:
        by_article[node[0]].append(node)
    cells: list[Cell | None] = []
    first = min(by_article)
    names = {rank: kind for kind, rank in RANK.items()}
    for k, article in enumerate(articles):
        mine = by_article.get(k)
        if not mine:
            cells.append(None)
            continue
        start = min(sentences[k][j][0] for _, j in mine)
        end = max(sentences[k][j][1] for _, j in mine)
        how = "first" if k == first else names[max(best[n] for n in mine)]
        cells.append(Cell(article.id, how, Span(start, end), article.text[start:end]))
    return CollationRow(tuple(cells))


def _row_key(row: CollationRow) -> tuple[int, int]:
    """Rows in the order of the first column that carries them, then by position there."""
    for k, cell in enumerate(row.cells):
        if cell is not None:
            return (k, cell.span.start)
    return (len(row.cells), 0)
