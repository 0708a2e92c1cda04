"""The scan's outputs: matches.csv, matches.jsonl, pair pages and index.html, each written atomically."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from compare.model import Article
from compare.scan.index import open_index
from compare.scan.matching import ROW_FIELDS, Match

if TYPE_CHECKING:
    from compare.scan.scan import ScanResult


def matches_csv(matches: Sequence[Match]) -> str:
    """The match rows as CSV with a header line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ROW_FIELDS)
    writer.writerows([getattr(m, name) for name in ROW_FIELDS] for m in matches)
    return buffer.getvalue()


def matches_jsonl(matches: Sequence[Match]) -> str:
    """The match rows as JSON lines."""
    return "".join(json.dumps(m.to_row(), ensure_ascii=False) + "\n" for m in matches)


def originals_by_id(index_path: str, ids: Sequence[str]) -> dict[str, Article]:
    """Indexed articles by their ids."""
    from compare.scan.index import read_originals

    conn = open_index(index_path)
    try:
        wanted: list[int] = []
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rows = conn.execute(f"SELECT doc FROM docs WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            wanted.extend(doc for (doc,) in rows)
        return {a.id: a for a in read_originals(conn, wanted).values()}
    finally:
        conn.close()


def write_pair_pages(
    matches: Sequence[Match], pages: Sequence[Article], index_path: str, result: ScanResult, limit: int | None
) -> dict[tuple[str, str], str]:
    """Render a pair page (full alignment) for the most copied matches; links by (page, original)."""
    from compare.pipeline import compare_pair
    from compare.render.html import write_pair, write_texts
    from compare.render.names import pair_name

    chosen = sorted(matches, key=lambda m: (-m.share_of_page_copied, m.page_id, m.original_id))
    chosen = chosen if limit is None else chosen[:limit]
    if not chosen:
        return {}
    by_id = {p.id: p for p in pages}
    originals = originals_by_id(index_path, sorted({m.original_id for m in chosen}))
    links: dict[tuple[str, str], str] = {}
    shown: dict[str, Article] = {}
    for match in chosen:
        page, original = by_id.get(match.page_id), originals.get(match.original_id)
        if page is None or original is None:
            continue
        pair = compare_pair(original, page)
        stem = pair_name(pair)
        write_pair(
            pair, result.out_dir / "pairs", stem, "../index.html", "../assets/", text_scripts="../articles/"
        )
        shown |= {original.id: original, page.id: page}
        links[(match.page_id, match.original_id)] = f"pairs/{stem}.html"
    # An original copied by many pages is shown on many pair pages: its text is written once.
    write_texts(list(shown.values()), result.out_dir)
    return links


def write_outputs(
    result: ScanResult, pages: Sequence[Article], index_path: str, pair_pages: int | None
) -> None:
    """Write every output of a scan into its folder; index.html last."""
    from compare.render.files import write_atomic
    from compare.render.html import render, write_assets
    from compare.render.scan_view import scan_page

    write_atomic(result.out_dir / "matches.csv", matches_csv(result.matches))
    write_atomic(result.out_dir / "matches.jsonl", result.jsonl or matches_jsonl(result.matches))
    links = write_pair_pages(result.matches, pages, index_path, result, pair_pages)
    page = scan_page(result.matches, links, result.skipped, result.pages)
    write_assets(result.out_dir)
    write_atomic(result.out_dir / "index.html", render("scan.html", page, "assets/"))
