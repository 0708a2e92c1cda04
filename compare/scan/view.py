"""View model of a scan's index.html: the match table and the per-outlet summary, ready to print."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from compare.render.views import pct
from compare.scan.matching import Match
from compare.scan.outputs import pair_href


@dataclass(frozen=True)
class SourceOutletRow:
    """How many pages copy one source outlet.

    Fields:
        outlet: the source outlet.
        pages: how many pages copy it.
        credited: how many of those credit it.
        uncredited: how many do not.
        verbatim: how many copy it mostly word for word.
        reworded: how many reword what they take.
    """

    outlet: str
    pages: int
    credited: int
    uncredited: int
    verbatim: int
    reworded: int


@dataclass(frozen=True)
class ScanPage:
    """Context of ``scan.html``.

    Fields:
        title: the page title.
        summary: one sentence of counts.
        on_demand: how to open the pair pages not written by the scan.
        rows_html: the match table's rows, markup built in Python (thousands of rows).
        outlets: SourceOutletRow list, per source outlet.
        skipped: the inputs that could not be read.
        has_rows: whether any page copies an original.
        has_skipped: whether any input was skipped.
        csv_href: link to matches.csv.
        jsonl_href: link to matches.jsonl.
    """

    title: str
    summary: str
    on_demand: str
    rows_html: Markup
    outlets: list[SourceOutletRow]
    skipped: list[str]
    has_rows: bool
    has_skipped: bool
    csv_href: str
    jsonl_href: str


def outlet_rows(matches: Sequence[Match]) -> list[SourceOutletRow]:
    """Per source outlet: distinct pages copying it, by credit and by how the text was taken.

    A page counts as verbatim for an outlet when its copied words from it are mostly verbatim.
    """
    by_outlet: dict[str, dict[str, tuple[bool, bool]]] = {}
    for m in matches:
        outlet = m.original_outlet or "(unknown outlet)"
        credited, verbatim = by_outlet.setdefault(outlet, {}).get(m.page_id, (False, False))
        by_outlet[outlet][m.page_id] = (
            credited or m.attributed == "yes",
            verbatim or m.page_verbatim >= m.page_edited,
        )
    rows = [
        SourceOutletRow(
            outlet=outlet,
            pages=len(pages),
            credited=sum(c for c, _ in pages.values()),
            uncredited=sum(not c for c, _ in pages.values()),
            verbatim=sum(v for _, v in pages.values()),
            reworded=sum(not v for _, v in pages.values()),
        )
        for outlet, pages in by_outlet.items()
    ]
    return sorted(rows, key=lambda r: (-r.pages, r.outlet))


ON_DEMAND = "made when opened through compare serve"


def rows_html(matches: Sequence[Match], rendered: set[str]) -> Markup:
    """The ``<tr>`` elements of the match table, every value escaped; shares sort by their raw figure.

    Every row links to its pair page: written already when in ``rendered``, otherwise made on
    demand by ``compare serve`` (the link says so). Built here rather than in a template loop:
    a scan can match 100k pairs, and jinja spends about ten times as long per row as this.
    """

    def e(value: str) -> str:
        return escape(value, quote=True)

    out: list[str] = []
    for m in matches:
        href = pair_href(m.page_id, m.compared_with or m.original_id)
        page = e(m.page_title or m.page_id)
        link = (
            f'<a href="{e(href)}">{page}</a>'
            if href in rendered
            else f'<a class="on-demand" href="{e(href)}" title="{ON_DEMAND}">{page}</a>'
        )
        discounted = (
            f'<td data-sort="{m.discounted_words}" title="{e(m.reason)}">{m.discounted_words}</td>'
            if m.discounted_words
            else '<td data-sort="0"></td>'
        )
        out.append(
            f"<tr><td>{link}</td><td>{e(m.original_title or m.original_id)}</td><td>{e(m.original_outlet)}</td>"
            f'<td data-sort="{m.share_of_page_copied:.4f}">{pct(m.share_of_page_copied)}</td>'
            f'<td data-sort="{m.share_of_original_reused:.4f}">{pct(m.share_of_original_reused)}</td>'
            f"<td>{pct(m.page_verbatim)}</td><td>{pct(m.page_edited)}</td><td>{e(m.relation)}</td>"
            f"<td>{e(m.attributed)}</td><td>{e(m.attribution_evidence)}</td><td>{e(m.page_date)}</td>"
            f"<td>{e(m.original_date)}</td>{discounted}<td>{e(m.syndicated_copies)}</td></tr>"
        )
    return Markup("\n".join(out))


def scan_page(
    matches: Sequence[Match], rendered: set[str], skipped: Sequence[str], pages: int, folder: str
) -> ScanPage:
    """The index page of a scan; ``rendered`` holds the hrefs of the pair pages already written."""
    copying = len({m.page_id for m in matches})
    summary = (
        f"{pages} page{'s' if pages != 1 else ''} scanned; {copying} copy from indexed originals "
        f"({len(matches)} page–original match{'es' if len(matches) != 1 else ''})."
    )
    on_demand = (
        f"Pair pages are written for the {len(rendered)} most copied matches; run "
        f"`compare serve {folder}` and every other row's page is made when you open it."
        if len(rendered) < len(matches)
        else ""
    )
    return ScanPage(
        title="Scan: pages copying indexed originals",
        summary=summary,
        on_demand=on_demand,
        rows_html=rows_html(matches, rendered),
        outlets=outlet_rows(matches),
        skipped=list(skipped),
        has_rows=bool(matches),
        has_skipped=bool(skipped),
        csv_href="matches.csv",
        jsonl_href="matches.jsonl",
    )
