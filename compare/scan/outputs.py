"""The scan's outputs: matches.csv, matches.jsonl, scan.json, pair pages and index.html, each written atomically."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from compare.model import Article
from compare.scan.engines import Engine, run_batches
from compare.scan.index import open_index
from compare.scan.matching import ROW_FIELDS, Match
from compare.settings import ScanSettings, with_min_words

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


def pair_href(page_id: str, original_id: str) -> str:
    """Where the pair page of a match row lives in the scan folder (made now or on demand)."""
    return f"pairs/{scan_pair_name(page_id, original_id)}.html"


def scan_pair_name(page_id: str, original_id: str) -> str:
    """File stem of a match row's pair page: both ids, shortened, and a hash that keeps it unique."""
    from compare.render.names import SLUG

    def short(value: str) -> str:
        return SLUG.sub("-", value).strip("-").lower()[:40] or "article"

    digest = hashlib.sha1(f"{original_id}\x00{page_id}".encode()).hexdigest()[:8]
    return f"{short(original_id)}--{short(page_id)}-{digest}"


def render_pair_pages(
    out_dir: Path,
    index_path: str,
    pairs: Sequence[tuple[str, str]],
    settings: ScanSettings,
    stance: bool,
) -> list[str]:
    """Write the pair pages of (page id, original id) rows from the stored pages and the index.

    Returns the hrefs written; a row whose page or original is gone is left out. The pairs are
    compared by the pipeline (``pipeline.compare_pairs``) and their pages written by the renderer.
    """
    from compare.pipeline import compare_pairs
    from compare.render.html import write_pair, write_texts
    from compare.scan.store import stored_pages
    from compare.settings import DEFAULT_SETTINGS

    if not pairs:
        return []
    pages = stored_pages(out_dir, [p for p, _ in pairs])
    originals = originals_by_id(index_path, sorted({o for _, o in pairs}))
    found = [(originals[o], pages[p]) for p, o in pairs if p in pages and o in originals]
    pipeline = replace(DEFAULT_SETTINGS, align=settings.align)
    written: list[str] = []
    for result in compare_pairs(found, pipeline, stance=stance):
        stem = scan_pair_name(result.b.id, result.a.id)
        write_pair(result, out_dir / "pairs", stem, "../index.html", "../assets/", text_scripts="../articles/")
        written.append(pair_href(result.b.id, result.a.id))
    # An original copied by many pages is shown on many pair pages: its text is written once.
    write_texts(list({a.id: a for pair in found for a in pair}.values()), out_dir)
    return written


def write_outputs(
    result: ScanResult,
    index_path: str,
    settings: ScanSettings,
    pair_pages: int | None,
    stance: bool,
    engine: Engine | None = None,
) -> None:
    """Write every output of a scan into its folder; index.html last.

    The pair pages are shared among the ``engine``'s workers (each writes the pages it makes).
    """
    from compare.render.files import write_atomic
    from compare.render.html import render, write_assets
    from compare.scan.store import MANIFEST
    from compare.scan.view import scan_page

    write_atomic(result.out_dir / "matches.csv", matches_csv(result.matches))
    write_atomic(result.out_dir / "matches.jsonl", result.jsonl or matches_jsonl(result.matches))
    manifest = {
        "index": str(Path(index_path).resolve()),
        "stamp": result.stamp,
        "settings": {"min_words": settings.align.min_passage_words},
        "stance": stance,
    }
    write_atomic(result.out_dir / MANIFEST, json.dumps(manifest, indent=2) + "\n")
    # Translated rows copy no words; their pages (a sentence encoder over both texts) are made
    # when opened through `compare serve`, like the rows past ``pair_pages``.
    copies = [m for m in result.matches if m.translated != "yes"]
    chosen = sorted(copies, key=lambda m: (-m.copied_words, m.page_id, m.original_id))
    chosen = chosen if pair_pages is None else chosen[:pair_pages]
    pairs = [(m.page_id, m.compared_with or m.original_id) for m in chosen]
    engine = engine or Engine()
    share = -(-len(pairs) // max(engine.workers, 1)) if pairs else 1
    chunks = [
        (result.out_dir, index_path, pairs[i : i + share], settings, stance) for i in range(0, len(pairs), share)
    ]
    rendered = {href for _, written in run_batches(engine, render_pair_pages, chunks) for href in written}
    page = scan_page(result.matches, rendered, result.skipped, result.pages, str(result.out_dir))
    write_assets(result.out_dir)
    write_atomic(result.out_dir / "index.html", render("scan.html", page, "assets/"))


def make_pair_page(out_dir: Path, href: str) -> bool:
    """Write the pair page ``href`` (``pairs/<stem>.html``) of a scan folder's row, if it has one.

    What ``compare serve`` calls for a pair page not written by the scan: the row is looked up
    in matches.jsonl, the page text in the folder's page store and the original in the index
    named by scan.json. Returns whether the page now exists.
    """
    from compare.scan.store import read_manifest

    if not (out_dir / "matches.jsonl").is_file():
        return False
    wanted = href.removesuffix(".json") + ".html" if href.endswith(".json") else href
    pair = None
    with (out_dir / "matches.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            original = row.get("compared_with") or row["original_id"]
            if pair_href(row["page_id"], original) == wanted:
                pair = (row["page_id"], original)
                break
    if pair is None:
        return False
    manifest = read_manifest(out_dir)
    settings = with_min_words(ScanSettings(), manifest["settings"]["min_words"])
    return bool(render_pair_pages(out_dir, manifest["index"], [pair], settings, bool(manifest.get("stance"))))
