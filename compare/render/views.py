"""View models: one documented dataclass per page, every value ready to print.

Templates receive these and only loop, branch on booleans and print; numbers arrive formatted
and links precomputed. ``tests/test_render.py`` checks each page's context against these fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compare.measure.overlap import STRING_MEASURE_HELP
from compare.model import Article, PairResult
from compare.render.segments import Segment, passage_ids, side_segments

RELATION_HELP: dict[str, str] = {
    "duplicate": "The same text, word for word (trivial differences aside).",
    "copy-with-edits": "Most of one text is copied into the other, with words changed, added or cut.",
    "partial-copy": "Some passages are copied; the rest is different.",
    "rewrite": "The same content reworded: few shared phrases, many paraphrased sentences.",
    "same-event": "Independent accounts of the same event: reworded quotes and facts, no copying.",
    "different-event": "No shared passages: the articles report different things.",
}
KIND_HELP: dict[str, str] = {
    "verbatim": "Same words on both sides",
    "edited": "Copied, then words changed (changed words underlined)",
    "paraphrase": "Same content in other words",
    "unique": "Only on this side",
}


@dataclass(frozen=True)
class Row:
    """A labelled figure with its explanation (shown as a tooltip)."""

    label: str
    value: str
    help: str = ""


@dataclass(frozen=True)
class ArticleView:
    """One side of a pair page: header facts, metadata provenance, removed lines, text segments."""

    letter: str
    heading: str
    path: str
    outlet: str
    date: str
    segments: list[Segment]
    metadata: list[Row]
    removed: list[Row]
    attribution: list[Row]
    has_removed: bool


@dataclass(frozen=True)
class PassageRow:
    """One row of the passage table: id link, kind, similarity, and both excerpts."""

    pid: str
    kind: str
    similarity: str
    a_excerpt: str
    b_excerpt: str
    is_quote: bool


@dataclass(frozen=True)
class PairPage:
    """Context of ``pair.html``: two articles side by side with their passages and verdicts.

    Fields: title (page title), a/b (ArticleView), relation and relation_help, source_text (the
    direction verdict in words), confidence (percentage), evidence (strings), overlap (Row list),
    passages (PassageRow list), legend (Row list of kinds), has_passages (bool), json_href, index_href.
    """

    title: str
    a: ArticleView
    b: ArticleView
    relation: str
    relation_help: str
    source_text: str
    confidence: str
    evidence: list[str]
    overlap: list[Row]
    passages: list[PassageRow]
    legend: list[Row]
    has_passages: bool
    json_href: str
    index_href: str


@dataclass(frozen=True)
class PairLink:
    """A row of the index's pair table."""

    href: str
    a_name: str
    b_name: str
    relation: str
    source: str
    containment: str
    jaccard: str


@dataclass(frozen=True)
class ArticleRow:
    """A row of the index's article table."""

    name: str
    path: str
    outlet: str
    date: str
    words: str


@dataclass(frozen=True)
class IndexPage:
    """Context of ``index.html``: the articles, the compared pairs and the skipped inputs.

    Fields: title, summary (one sentence), articles (ArticleRow list), pairs (PairLink list),
    skipped (strings: input and reason), has_pairs, has_skipped.
    """

    title: str
    summary: str
    articles: list[ArticleRow]
    pairs: list[PairLink]
    skipped: list[str]
    has_pairs: bool
    has_skipped: bool
    extra: dict[str, str] = field(default_factory=dict)


def pct(value: float) -> str:
    """A share as a whole percentage, e.g. ``42%``."""
    return f"{value * 100:.0f}%"


def article_view(article: Article, letter: str, segments: list[Segment]) -> ArticleView:
    """The header, metadata and text of one side of a pair page."""
    provenance = {p.field: p for p in article.provenance}
    metadata = [
        Row(name, value or "unknown", _how(provenance.get(name.lower())))
        for name, value in (
            ("Title", article.title),
            ("Outlet", article.outlet),
            ("Date", (article.date or "") + (" (inferred)" if article.date_inferred else "")),
            ("Author", article.author),
            ("Language", article.language),
        )
    ]
    return ArticleView(
        letter=letter,
        heading=article.title or "(no title)",
        path=article.path or article.url or article.id,
        outlet=article.outlet or "unknown outlet",
        date=article.date or "undated",
        segments=segments,
        metadata=metadata,
        removed=[Row(r.reason, r.text) for r in article.removed],
        attribution=[Row(a.kind, a.text, a.outlet or "") for a in article.attribution],
        has_removed=bool(article.removed),
    )


def _how(provenance: object) -> str:
    if provenance is None:
        return "not found"
    method = getattr(provenance, "method", "")
    evidence = getattr(provenance, "evidence", "")
    return f"{method}: {evidence}" if evidence else str(method)


def _excerpt(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def pair_page(result: PairResult, json_href: str, index_href: str) -> PairPage:
    """Build the pair page's view model from a comparison result."""
    passages = result.passages
    ids = passage_ids(passages)
    rows = [
        PassageRow(
            pid=pid,
            kind=p.kind,
            similarity=pct(p.similarity) if p.kind != "unique" else "",
            a_excerpt=_excerpt(result.a.text[p.a.start : p.a.end]) if p.a else "",
            b_excerpt=_excerpt(result.b.text[p.b.start : p.b.end]) if p.b else "",
            is_quote=p.is_quote,
        )
        for pid, p in zip(ids, passages, strict=True)
    ]
    o = result.overlap
    overlap = (
        [
            Row(
                "Share of A found in B",
                pct(o.containment_a_in_b),
                "Containment: share of A's 3-word shingles that also occur in B.",
            ),
            Row(
                "Share of B found in A",
                pct(o.containment_b_in_a),
                "Containment: share of B's 3-word shingles that also occur in A.",
            ),
            Row(
                "Jaccard (3-word shingles)",
                f"{o.jaccard:.2f}",
                "Shared shingles divided by all distinct shingles of both texts.",
            ),
            Row(
                "Longest common passage",
                f"{o.longest_common_words} words",
                "The longest stretch copied without a single word changed.",
            ),
        ]
        + [
            Row(name.replace("_", " "), f"{value:.2f}", STRING_MEASURE_HELP.get(name, ""))
            for name, value in o.string_measures.items()
        ]
        + [
            Row(f"A {kind}", pct(o.share_a[kind]), f"Share of A's words in {kind} passages.")
            for kind in o.share_a
        ]
        + [
            Row(f"B {kind}", pct(o.share_b[kind]), f"Share of B's words in {kind} passages.")
            for kind in o.share_b
        ]
    )
    d = result.direction
    source_text = {
        "a": f"A looks like the source: {result.a.name}",
        "b": f"B looks like the source: {result.b.name}",
        "common": "Both carry a common source that is not in this pair",
        None: "No source can be told",
    }[d.source]
    return PairPage(
        title=f"Pair: {result.a.name} ↔ {result.b.name} ({result.relation})",
        a=article_view(result.a, "A", side_segments(result.a.text, passages, "a")),
        b=article_view(result.b, "B", side_segments(result.b.text, passages, "b")),
        relation=result.relation,
        relation_help=RELATION_HELP[result.relation],
        source_text=source_text,
        confidence=pct(d.confidence),
        evidence=list(d.evidence),
        overlap=overlap,
        passages=rows,
        legend=[Row(kind, help_) for kind, help_ in KIND_HELP.items()],
        has_passages=any(p.kind != "unique" for p in passages),
        json_href=json_href,
        index_href=index_href,
    )


def index_page(
    articles: tuple[Article, ...], pairs: list[tuple[str, PairResult]], skipped: list[str]
) -> IndexPage:
    """Build the index's view model: articles, links to pair pages, skipped inputs."""
    copies = sum(
        1 for _, r in pairs if r.relation in ("duplicate", "copy-with-edits", "partial-copy", "rewrite")
    )
    summary = (
        f"{len(articles)} article{'s' if len(articles) != 1 else ''}, {len(pairs)} pair"
        f"{'s' if len(pairs) != 1 else ''} compared, {copies} with copied or reworded text"
        + (f", {len(skipped)} input{'s' if len(skipped) != 1 else ''} skipped." if skipped else ".")
    )
    return IndexPage(
        title="compare report: " + summary.split(",")[0],
        summary=summary,
        articles=[
            ArticleRow(
                a.name,
                a.path or a.url or a.id,
                a.outlet or "unknown",
                a.date or "undated",
                str(len(a.text.split())),
            )
            for a in articles
        ],
        pairs=[
            PairLink(
                href=href,
                a_name=r.a.name,
                b_name=r.b.name,
                relation=r.relation,
                source={"a": r.a.name, "b": r.b.name, "common": "common source", None: "—"}[
                    r.direction.source
                ],
                containment=f"{pct(r.overlap.containment_a_in_b)} / {pct(r.overlap.containment_b_in_a)}",
                jaccard=f"{r.overlap.jaccard:.2f}",
            )
            for href, r in pairs
        ],
        skipped=skipped,
        has_pairs=bool(pairs),
        has_skipped=bool(skipped),
    )
