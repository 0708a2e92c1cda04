"""The report index's view model: outlets, dates, articles, pairs, heat map and provenance timeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from compare.model import COPY_RELATIONS, Article, PairResult
from compare.render.article_view import article_href
from compare.render.charts import Heatmap, Link, Timeline, TimelineItem, heatmap, timeline
from compare.render.views import pct, plural, when
from compare.trace.flow import provenance_edges


@dataclass(frozen=True)
class PairLink:
    """A row of the index's pair table.

    Fields:
        href: link to the pair page. a_name, b_name: the two articles.
        relation: relation name. source: who looks like the source, or "—".
        containment: "A in B / B in A" percentages. containment_sort: the larger, for sorting.
        jaccard: two decimals.
    """

    href: str
    a_name: str
    b_name: str
    relation: str
    source: str
    containment: str
    containment_sort: str
    jaccard: str


@dataclass(frozen=True)
class ArticleRow:
    """A row of the index's article table.

    Fields:
        anchor: the row's id (a1, a2 …), the number used in the charts.
        number: the article's number in the charts. name: title or file name.
        href: link to the article's own page.
        path: where it was read from. outlet, date: as known, else "unknown"/"undated".
        date_sort: ISO date or empty, for sorting. words: word count. words_sort: the same, raw.
    """

    anchor: str
    number: str
    name: str
    href: str
    path: str
    outlet: str
    date: str
    date_sort: str
    words: str
    words_sort: str


@dataclass(frozen=True)
class OutletRow:
    """A row of the outlet table.

    Fields:
        name: outlet, or "(no outlet named)". articles: how many articles. first, last: date range.
    """

    name: str
    articles: str
    first: str
    last: str


@dataclass(frozen=True)
class IndexPage:
    """Context of ``index.html``.

    Fields:
        title: says it is a comparison report and how many articles it covers.
        summary: one sentence of counts.
        date_range: the publication dates covered, in words.
        outlets: OutletRow list, sorted by name.
        articles: ArticleRow list in input order.
        pairs: PairLink list.
        has_pairs: whether any pair was compared.
        empty_pairs: the statement shown when there are no pairs.
        heatmap: Heatmap of containment between articles, or None.
        has_heatmap: whether the heat map is drawn.
        heatmap_empty: the statement shown instead of an empty heat map.
        provenance: Timeline of who carries whose text, or None.
        has_provenance: whether the timeline is drawn.
        provenance_empty: the statement shown instead of an empty timeline.
        skipped: strings, each an input and why it was skipped.
        has_skipped: whether any input was skipped.
        extra: named extra sections other stages add (name to text), printed in order.
    """

    title: str
    summary: str
    date_range: str
    outlets: list[OutletRow]
    articles: list[ArticleRow]
    pairs: list[PairLink]
    has_pairs: bool
    empty_pairs: str
    heatmap: Heatmap | None
    has_heatmap: bool
    heatmap_empty: str
    provenance: Timeline | None
    has_provenance: bool
    provenance_empty: str
    skipped: list[str]
    has_skipped: bool
    extra: dict[str, str] = field(default_factory=dict)


def date_range(articles: tuple[Article, ...]) -> str:
    """The first and last publication date in words."""
    dates = sorted(a.date[:10] for a in articles if a.date)
    if not dates:
        return "No publication dates known."
    undated = sum(1 for a in articles if not a.date)
    tail = f" ({plural(undated, 'article')} undated)" if undated else ""
    span = dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
    return f"Published {span}{tail}."


def count_text(articles: tuple[Article, ...]) -> str:
    """ "5 articles from 3 outlets (2 with no outlet named)": an unknown outlet is not an outlet."""
    known = {a.outlet for a in articles if a.outlet}
    unknown = sum(1 for a in articles if not a.outlet)
    text = f"{plural(len(articles), 'article')} from {plural(len(known), 'outlet')}"
    if unknown:
        text += f" ({unknown} with no outlet named)"
    return text


def outlet_rows(articles: tuple[Article, ...]) -> list[OutletRow]:
    """One row per outlet with its article count and date range."""
    by_outlet: dict[str, list[Article]] = {}
    for article in articles:
        by_outlet.setdefault(article.outlet or "(no outlet named)", []).append(article)
    rows = []
    for name in sorted(by_outlet, key=str.lower):
        dates = sorted(a.date[:10] for a in by_outlet[name] if a.date)
        rows.append(
            OutletRow(
                name,
                str(len(by_outlet[name])),
                dates[0] if dates else "undated",
                dates[-1] if dates else "undated",
            )
        )
    return rows


def _source_name(result: PairResult) -> str:
    return {"a": result.a.credited_name, "b": result.b.credited_name, "common": "common source", None: "—"}[
        result.direction.source
    ]


def _likeliest_sources(articles: tuple[Article, ...], pairs: list[tuple[str, PairResult]]) -> list[Link]:
    """One arrow per article, from its likeliest source (a provenance edge of ``trace.flow``): with
    twenty copies of one story, all 190 pairs drawn at once would hide who took from whom."""
    position = {a.id: i for i, a in enumerate(articles)}
    by_ids = {(r.a.id, r.b.id): (href, r) for href, r in pairs if r.a.id in position and r.b.id in position}
    best: dict[int, tuple[tuple[float, float], Link]] = {}
    for edge in provenance_edges(r for _, r in by_ids.values()):
        href, r = by_ids.get((edge.source, edge.target)) or by_ids[(edge.target, edge.source)]
        source, target = position[edge.source], position[edge.target]
        names = [articles[k].credited_name for k in (source, target)]
        title = f"{names[0]} → {names[1]}: {r.relation}, confidence {pct(edge.confidence)}"
        if edge.common:
            title = f"{names[0]} and {names[1]} carry a common source ({r.relation})"
        carried = r.overlap.containment_a_in_b if edge.target == r.a.id else r.overlap.containment_b_in_a
        weight = (0.0 if edge.common else 1.0, edge.confidence + carried)
        if target not in best or weight > best[target][0]:
            best[target] = (weight, Link(source, target, r.relation, title, href, edge.common))
    return [best[target][1] for target in sorted(best)]


def _charts(
    articles: tuple[Article, ...], pairs: list[tuple[str, PairResult]]
) -> tuple[Heatmap | None, Timeline | None]:
    position = {a.id: i for i, a in enumerate(articles)}
    values: dict[tuple[int, int], float] = {}
    hrefs: dict[tuple[int, int], str] = {}
    for href, r in pairs:
        i, j = position.get(r.a.id), position.get(r.b.id)
        if i is None or j is None:
            continue
        values[(i, j)], values[(j, i)] = r.overlap.containment_a_in_b, r.overlap.containment_b_in_a
        hrefs[(i, j)] = hrefs[(j, i)] = href
    labels = [a.credited_name for a in articles]
    chart = (
        heatmap(
            labels,
            values,
            hrefs,
            "Share of the row's article found in the column's article; click a square to open the pair.",
        )
        if any(values.values())
        else None
    )
    items = [TimelineItem(a.credited_name, a.date, f"#a{i + 1}") for i, a in enumerate(articles)]
    links = _likeliest_sources(articles, pairs)
    caption = "Each arrow runs from an article's likeliest source to it; every pair is in the table and the heat map."
    graph = timeline(items, links, caption)
    return chart, graph


def index_page(
    articles: tuple[Article, ...], pairs: list[tuple[str, PairResult]], skipped: list[str]
) -> IndexPage:
    """Build the index's view model: outlets, dates, articles, pair links, charts, skipped inputs."""
    copies = sum(1 for _, r in pairs if r.relation in COPY_RELATIONS)
    summary = (
        f"{plural(len(articles), 'article')}, {plural(len(pairs), 'pair')} compared, {copies} with copied or reworded text"
        + (f", {plural(len(skipped), 'input')} skipped." if skipped else ".")
    )
    outlets = outlet_rows(articles)
    chart, graph = _charts(articles, pairs)
    return IndexPage(
        title=f"Comparison report: {count_text(articles)}",
        summary=summary,
        date_range=date_range(articles),
        outlets=outlets,
        articles=[
            ArticleRow(
                anchor=f"a{i}",
                number=str(i),
                name=a.credited_name,
                href=article_href(a),
                path=a.location,
                outlet=a.outlet or "unknown",
                date=when(a),
                date_sort=a.date or "",
                words=str(len(a.text.split())),
                words_sort=str(len(a.text.split())),
            )
            for i, a in enumerate(articles, start=1)
        ],
        pairs=[
            PairLink(
                href=href,
                a_name=r.a.credited_name,
                b_name=r.b.credited_name,
                relation=r.relation,
                source=_source_name(r),
                containment=f"{pct(r.overlap.containment_a_in_b)} / {pct(r.overlap.containment_b_in_a)}",
                containment_sort=f"{max(r.overlap.containment_a_in_b, r.overlap.containment_b_in_a):.4f}",
                jaccard=f"{r.overlap.jaccard:.2f}",
            )
            for href, r in pairs
        ],
        has_pairs=bool(pairs),
        empty_pairs="No pairs were compared: a report needs at least two articles.",
        heatmap=chart,
        has_heatmap=chart is not None,
        heatmap_empty="No similarity to map: the articles share no text, or there are fewer than two.",
        provenance=graph,
        has_provenance=graph is not None,
        provenance_empty="No article carries another's text, so there is no provenance to draw.",
        skipped=skipped,
        has_skipped=bool(skipped),
    )
