"""The N-way passage table built from pairwise alignments."""

from __future__ import annotations

from compare.model import Article, Direction, Overlap, PairResult, Passage, Span
from compare.trace.collation import collate

WIRE = Article(id="wire", text="The bridge closed on Friday. Divers will inspect it. Ferries run hourly.")
COPY = Article(id="copy", text="The bridge closed on Friday. Divers will inspect it. Our own comment.")
REWORD = Article(id="reword", text="Ferries now run every hour. Traffic is calm.")


def span_of(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def pair(a: Article, b: Article, passages: tuple[Passage, ...]) -> PairResult:
    overlap = Overlap(0.5, 0.5, 0.3, 5, {}, {}, {})
    return PairResult(a, b, passages, overlap, "partial-copy", Direction("a", 0.7))


COPIED = "The bridge closed on Friday. Divers will inspect it."
RESULTS = [
    pair(WIRE, COPY, (Passage("verbatim", span_of(WIRE.text, COPIED), span_of(COPY.text, COPIED), 1.0),)),
    pair(
        WIRE,
        REWORD,
        (
            Passage(
                "paraphrase",
                span_of(WIRE.text, "Ferries run hourly."),
                span_of(REWORD.text, "Ferries now run every hour."),
                0.6,
            ),
        ),
    ),
]


def test_rows_follow_sentences_and_mark_how_each_article_carries_them() -> None:
    table = collate([WIRE, COPY, REWORD], RESULTS)
    assert [a.id for a in table.articles] == ["wire", "copy", "reword"]
    hows = [[None if c is None else c.how for c in row.cells] for row in table.rows]
    assert hows == [
        ["first", "verbatim", None],
        ["first", "verbatim", None],
        ["first", None, "paraphrase"],
    ]
    texts = [[c.text for c in row.cells if c is not None] for row in table.rows]
    assert texts[0] == ["The bridge closed on Friday.", "The bridge closed on Friday."]
    assert texts[2] == ["Ferries run hourly.", "Ferries now run every hour."]


def test_cell_spans_slice_back_to_their_text() -> None:
    table = collate([WIRE, COPY, REWORD], RESULTS)
    by_id = {a.id: a for a in (WIRE, COPY, REWORD)}
    for row in table.rows:
        for cell in row.cells:
            if cell is not None:
                assert by_id[cell.article].text[cell.span.start : cell.span.end] == cell.text


def test_column_order_decides_who_is_first() -> None:
    table = collate([COPY, WIRE], RESULTS[:1])
    assert [row.cells[0].how for row in table.rows if row.cells[0]] == ["first", "first"]
    assert [row.cells[1].how for row in table.rows if row.cells[1]] == ["verbatim", "verbatim"]


def test_no_shared_passages_give_no_rows_and_outside_pairs_are_ignored() -> None:
    assert collate([WIRE], RESULTS).rows == ()
    assert collate([COPY, REWORD], RESULTS).rows == ()
    assert collate([], []).to_dict() == {"articles": [], "rows": []}
