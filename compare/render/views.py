"""View models: one documented dataclass per page, every value ready to print.

Templates receive these and only loop, branch on booleans and print; numbers arrive formatted
and links precomputed. ``tests/test_render.py`` checks each page's context against these fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from compare.measure.overlap import STRING_MEASURE_HELP
from compare.model import Article, PairResult, Span
from compare.render.charts import Bar, share_bar
from compare.render.names import article_key
from compare.render.panels import PanelTable, panel_tables
from compare.render.segments import Piece, Segment, diff_pieces, elide, passage_ids, side_segments

RELATION_HELP: dict[str, str] = {
    "duplicate": "The same text, word for word (trivial differences aside).",
    "copy-with-edits": "Most of one text is copied into the other, with words changed, added or cut.",
    "partial-copy": "Some passages are copied; the rest is different.",
    "rewrite": "The same content reworded: few shared phrases, many paraphrased sentences.",
    "translation": "Most of one text is a translation of the other.",
    "partial-translation": "Some sentences of one text are translated in the other; the rest is different.",
    "same-event": "Independent accounts of the same event: reworded quotes and facts, no copying.",
    "different-event": "No shared passages: the articles report different things.",
}
KIND_HELP: dict[str, str] = {
    "verbatim": "Same words on both sides",
    "edited": "Copied, then words changed (changed words underlined)",
    "paraphrase": "Same content in other words",
    "translation": "Same sentences in another language",
    "unique": "Only on this side",
}


# The string measures as a reader names them (the JSON keeps the keys).
MEASURE_TEXT: dict[str, str] = {
    "cosine_words": "Shared vocabulary (word-count cosine)",
    "sorensen_dice_words": "Shared words, counted (Sørensen–Dice)",
    "ncd_similarity": "Recurring strings (compression similarity)",
}

# The passage table shows the first few edits of a passage; the texts above show every one.
DIFF_EDITS = 4


@dataclass(frozen=True)
class Row:
    """A labelled figure with its explanation.

    Fields:
        label: what the figure is.
        value: the figure as printed.
        help: its explanation, shown as a tooltip (empty when none).
    """

    label: str
    value: str
    help: str = ""


@dataclass(frozen=True)
class ArticleView:
    """One side of a pair page.

    Fields:
        letter: "A" or "B".
        heading: the title, or a statement that it has none.
        href: link to the article's own page in a report (empty for a pair page alone).
        path: file, URL or id the article was read from.
        outlet: outlet name, or "unknown outlet".
        date: publication date, or "undated".
        words: word count, formatted.
        text_key: the article's key in the page's texts (the script fills the segments from it).
        segments: the text cut into Segment runs covering all of it.
        metadata: Row per metadata field: value and how it was found.
        attribution: Row per piece of attribution evidence (kind, text, outlet named).
        removed: Row per line the cleaner removed (reason, text).
        removed_summary: "3 lines" style count for the fold's summary.
        has_attribution: whether any attribution evidence was found.
        has_removed: whether the cleaner removed anything.
        shares: Bar list, the stacked bar of this side's words by passage kind.
        share_text: the same shares in words, e.g. "87% edited, 13% unique".
        lang: the text's language code for its ``lang`` attribute, empty when unknown.
    """

    letter: str
    heading: str
    href: str
    path: str
    outlet: str
    date: str
    words: str
    text_key: str
    segments: list[Segment]
    metadata: list[Row]
    attribution: list[Row]
    removed: list[Row]
    removed_summary: str
    has_attribution: bool
    has_removed: bool
    shares: list[Bar]
    share_text: str
    lang: str


@dataclass(frozen=True)
class PassageRow:
    """One row of the passage table.

    Fields:
        pid: the passage id and permalink (p1, p2 …).
        href: link to the passage in the text ("#p3"; B's partner of a shared passage is "#p3-b").
        kind: verbatim, edited, paraphrase, translation or unique.
        kind_label: the kind as printed, e.g. "edited (quote)".
        similarity: percentage, empty for unique passages.
        a_excerpt: A's text of the passage, shortened (unique text to its start and length).
        b_excerpt: B's text of the passage, shortened likewise.
        diff: word-level diff Piece list (text, css in same/del/ins) for edited passages.
        has_diff: whether ``diff`` is shown.
        is_quote: whether the passage is a quotation.
    """

    pid: str
    href: str
    kind: str
    kind_label: str
    similarity: str
    a_excerpt: str
    b_excerpt: str
    diff: list[Piece]
    has_diff: bool
    is_quote: bool


@dataclass(frozen=True)
class QuoteRow:
    """A quotation as each side gives it.

    Fields:
        pid: the passage id. href: link to it. kind: passage kind. similarity: percentage.
        a_text: A's wording. b_text: B's wording.
    """

    pid: str
    href: str
    kind: str
    similarity: str
    a_text: str
    b_text: str


@dataclass(frozen=True)
class PairPage:
    """Context of ``pair.html``: two articles side by side with their passages and verdicts.

    Fields:
        title: the page title, saying it is a pair report and naming both articles.
        a: ArticleView of the first article.
        b: ArticleView of the second article.
        relation: the relation name.
        relation_help: what the relation means.
        source_text: the direction verdict in words.
        confidence: the verdict's confidence as a percentage.
        evidence: strings, the evidence for the verdict.
        has_evidence: whether any evidence is listed.
        overlap: Row list of overlap figures with their explanations.
        passages: PassageRow list in reading order.
        passage_summary: counts of passages per kind in words.
        quotes: QuoteRow list of quotations as each side words them.
        has_quotes: whether any quotation passages were matched.
        panels: PanelTable list (stance, bias), each a table with a column for A and one for B.
        has_panels: whether stance was measured (else ``panels_missing`` is shown).
        panels_missing: the statement shown instead when stance was not measured.
        legend: Row list of passage kinds and what they mean.
        has_passages: whether any non-unique passage exists.
        empty_text: the plain statement shown when nothing is shared.
        json_href: link to the JSON beside the page.
        index_href: link back to the index, empty for a lone pair.
        event_href: link to the event page the pair belongs to, empty when none.
        event_label: that event's label.
        text_scripts: links to the scripts holding the articles' texts (a report writes each once).
        inline_texts: {text key: article text}, carried in the page itself when it stands alone.
        has_inline_texts: whether ``inline_texts`` is used.
    """

    title: str
    a: ArticleView
    b: ArticleView
    relation: str
    relation_help: str
    source_text: str
    confidence: str
    evidence: list[str]
    has_evidence: bool
    overlap: list[Row]
    passages: list[PassageRow]
    passage_summary: str
    quotes: list[QuoteRow]
    has_quotes: bool
    panels: list[PanelTable]
    has_panels: bool
    panels_missing: str
    legend: list[Row]
    has_passages: bool
    empty_text: str
    json_href: str
    index_href: str
    event_href: str
    event_label: str
    text_scripts: list[str]
    inline_texts: dict[str, str]
    has_inline_texts: bool


def when(article: Article) -> str:
    """The publication date, with the time of day in UTC when known: "2026-03-03 18:05 UTC"."""
    from compare.group.order import utc_moment

    if not article.date:
        return "undated"
    moment = utc_moment(article)
    if moment and moment[:10] == article.date[:10]:
        return f"{article.date[:10]} {moment[11:16]} UTC"
    return article.date


def pct(value: float) -> str:
    """A share as a whole percentage, e.g. ``42%``."""
    return f"{value * 100:.0f}%"


def plural(count: int, word: str, many: str = "") -> str:
    """``1 line``, ``3 lines``: a count with its noun."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def article_view(
    article: Article, letter: str, segments: list[Segment], shares: dict[str, float], href: str = ""
) -> ArticleView:
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
    if article.published_at:
        metadata.insert(3, Row("Time", article.published_at, _how(provenance.get("time"))))
    return ArticleView(
        letter=letter,
        heading=article.title or "(no title found)",
        href=href,
        path=article.location,
        outlet=article.outlet or "unknown outlet",
        date=article.date or "undated",
        words=plural(len(article.text.split()), "word"),
        text_key=article_key(article),
        segments=segments,
        metadata=metadata,
        attribution=[
            Row(a.kind.replace("_", " "), a.text, f"names {a.outlet}" if a.outlet else "")
            for a in article.attribution
        ],
        removed=[Row(r.reason, r.text) for r in article.removed],
        removed_summary=plural(len(article.removed), "line"),
        has_attribution=bool(article.attribution),
        has_removed=bool(article.removed),
        shares=share_bar(shares),
        share_text=", ".join(f"{pct(v)} {k}" for k, v in shares.items() if v > 0) or "no words",
        lang=article.language or "",
    )


def _how(provenance: object) -> str:
    if provenance is None:
        return "not found"
    method = getattr(provenance, "method", "")
    evidence = getattr(provenance, "evidence", "")
    return f"{method}: {evidence}" if evidence else str(method)


def excerpt(text: str, limit: int = 60) -> str:
    """Text on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _side_excerpt(text: str, span: Span | None, kind: str) -> str:
    """A passage's text for the table: unique text briefly (it reads in full beside its context)."""
    if span is None:
        return ""
    words = text[span.start : span.end]
    if kind == "unique":
        return f"{excerpt(words, 24)} ({plural(len(words.split()), 'word')})"
    return excerpt(words)


def _passage_rows(result: PairResult) -> list[PassageRow]:
    rows = []
    for pid, p in zip(passage_ids(result.passages), result.passages, strict=True):
        diff = elide(diff_pieces(p, result.a.text, DIFF_EDITS), 10) if p.kind == "edited" and p.edits else []
        rows.append(
            PassageRow(
                pid=pid,
                href=f"#{pid}",
                kind=p.kind,
                kind_label=p.kind + (" (quote)" if p.is_quote else ""),
                similarity=pct(p.similarity) if p.kind != "unique" else "",
                a_excerpt=_side_excerpt(result.a.text, p.a, p.kind),
                b_excerpt=_side_excerpt(result.b.text, p.b, p.kind),
                diff=diff,
                has_diff=bool(diff),
                is_quote=p.is_quote,
            )
        )
    return rows


def _quote_rows(result: PairResult, rows: list[PassageRow]) -> list[QuoteRow]:
    """Each quote matched across the pair, whole on both sides, linked to the passage of A where
    it starts."""
    out = []
    for quote in result.quotes:
        a, b = quote.a or Span(0, 0), quote.b or Span(0, 0)
        at = next(
            (
                row
                for row, p in zip(rows, result.passages, strict=True)
                if p.a and p.a.start <= a.start < p.a.end
            ),
            None,
        )
        out.append(
            QuoteRow(
                at.pid if at else "",
                at.href if at else "",
                quote.kind,
                pct(quote.similarity),
                " ".join(result.a.text[a.start : a.end].split()),
                " ".join(result.b.text[b.start : b.end].split()),
            )
        )
    return out


def _overlap_rows(result: PairResult) -> list[Row]:
    o = result.overlap
    return [
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
            plural(o.longest_common_words, "word"),
            "The longest stretch copied without a single word changed.",
        ),
    ] + [
        Row(MEASURE_TEXT.get(name, name.replace("_", " ")), f"{value:.2f}", STRING_MEASURE_HELP.get(name, ""))
        for name, value in o.string_measures.items()
    ]


def _summary(result: PairResult) -> str:
    counts = {kind: sum(1 for p in result.passages if p.kind == kind) for kind in KIND_HELP}
    shown = [plural(n, kind, kind) for kind, n in counts.items() if n]
    return ", ".join(shown) if shown else "no passages"


# The direction verdict in words; ``a`` and ``b`` are the pair's articles.
SOURCE_TEXT: dict[str | None, str] = {
    "a": "A looks like the source: {a.credited_name}",
    "b": "B looks like the source: {b.credited_name}",
    "common": "Both carry a common source that is not in this pair",
    None: "No source can be told",
}


def _side(result: PairResult, side: Literal["a", "b"], texts_href: str) -> ArticleView:
    """One side's article view: its text cut by the pair's passages, its shares, its page link."""
    article = result.a if side == "a" else result.b
    shares = result.overlap.share_a if side == "a" else result.overlap.share_b
    href = f"{texts_href}{article_key(article)}.html" if texts_href else ""
    return article_view(article, side.upper(), side_segments(article.text, result.passages, side), shares, href)


def pair_page(
    result: PairResult,
    json_href: str,
    index_href: str,
    texts_href: str = "",
    event: tuple[str, str] = ("", ""),
) -> PairPage:
    """Build the pair page's view model from a comparison result.

    ``texts_href`` is the folder of the report's text scripts (e.g. ``"../articles/"``); empty
    carries both texts inside the page. ``event`` is the (href, label) of the pair's event page.
    """
    rows = _passage_rows(result)
    quotes = _quote_rows(result, rows)
    panels = panel_tables(result.stance)
    keys = {article_key(article): article.text for article in (result.a, result.b)}
    return PairPage(
        title=f"Pair report: {result.a.credited_name} ↔ {result.b.credited_name} ({result.relation})",
        a=_side(result, "a", texts_href),
        b=_side(result, "b", texts_href),
        relation=result.relation,
        relation_help=RELATION_HELP[result.relation],
        source_text=SOURCE_TEXT[result.direction.source].format(a=result.a, b=result.b),
        confidence=pct(result.direction.confidence),
        evidence=list(result.direction.evidence),
        has_evidence=bool(result.direction.evidence),
        overlap=_overlap_rows(result),
        passages=rows,
        passage_summary=_summary(result),
        quotes=quotes,
        has_quotes=bool(quotes),
        panels=panels,
        has_panels=bool(panels),
        panels_missing="Stance and bias figures are not available for these articles.",
        legend=[
            Row(kind, help_)
            for kind, help_ in KIND_HELP.items()
            if kind != "translation" or "translation" in result.overlap.share_a
        ],
        has_passages=any(p.kind != "unique" for p in result.passages),
        empty_text="These articles share no passages: nothing is copied or reworded from one to the other.",
        json_href=json_href,
        index_href=index_href,
        event_href=event[0],
        event_label=event[1],
        text_scripts=[f"{texts_href}{key}.js" for key in keys] if texts_href else [],
        inline_texts={} if texts_href else keys,
        has_inline_texts=not texts_href,
    )
