"""View model of a scan's index.html: the match table and the per-outlet summary, ready to print."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compare.scan.matching import Match


@dataclass(frozen=True)
class MatchRow:
    """One row of the match table; shares formatted, the raw figure kept for sorting."""

    href: str  # the pair page, or "" when none was rendered
    page: str
    original: str
    original_outlet: str
    page_copied: str
    page_copied_sort: str
    original_reused: str
    original_reused_sort: str
    verbatim: str
    edited: str
    relation: str
    attributed: str
    evidence: str
    page_date: str
    original_date: str
    has_link: bool


@dataclass(frozen=True)
class OutletRow:
    """How many pages copy one source outlet: credited or not, verbatim or reworded."""

    outlet: str
    pages: int
    credited: int
    uncredited: int
    verbatim: int
    reworded: int


@dataclass(frozen=True)
class ScanPage:
    """Context of templates/scan.html."""

    title: str
    summary: str
    rows: list[MatchRow]
    outlets: list[OutletRow]
    skipped: list[str]
    has_rows: bool
    has_skipped: bool
    csv_href: str
    jsonl_href: str


def _pct(value: float) -> str:
    return f"{round(value * 100)}%"


def outlet_rows(matches: Sequence[Match]) -> list[OutletRow]:
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
        OutletRow(
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


def scan_page(
    matches: Sequence[Match], links: dict[tuple[str, str], str], skipped: Sequence[str], pages: int
) -> ScanPage:
    """The index page of a scan; ``links`` maps (page id, original id) to a pair page."""
    rows = [
        MatchRow(
            href=links.get((m.page_id, m.original_id), ""),
            page=m.page_title or m.page_id,
            original=m.original_title or m.original_id,
            original_outlet=m.original_outlet,
            page_copied=_pct(m.share_of_page_copied),
            page_copied_sort=f"{m.share_of_page_copied:.4f}",
            original_reused=_pct(m.share_of_original_reused),
            original_reused_sort=f"{m.share_of_original_reused:.4f}",
            verbatim=_pct(m.page_verbatim),
            edited=_pct(m.page_edited),
            relation=m.relation,
            attributed=m.attributed,
            evidence=m.attribution_evidence,
            page_date=m.page_date,
            original_date=m.original_date,
            has_link=(m.page_id, m.original_id) in links,
        )
        for m in matches
    ]
    copying = len({m.page_id for m in matches})
    summary = (
        f"{pages} page{'s' if pages != 1 else ''} scanned; {copying} copy from indexed originals "
        f"({len(matches)} page–original match{'es' if len(matches) != 1 else ''})."
    )
    return ScanPage(
        title="Scan: pages copying indexed originals",
        summary=summary,
        rows=rows,
        outlets=outlet_rows(matches),
        skipped=list(skipped),
        has_rows=bool(rows),
        has_skipped=bool(skipped),
        csv_href="matches.csv",
        jsonl_href="matches.jsonl",
    )
