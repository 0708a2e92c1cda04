"""The pages a scan matched, kept in its output folder so any row's pair page can be made later.

A scan reads its pages as a stream and keeps none of them in memory; the pages with at least
one match are written here (SQLite, compressed JSON of the article, one transaction per batch),
so the top pair pages are rendered after the scan, and ``compare serve`` renders any other
row's page when it is opened. ``scan.json`` beside it names the index the rows came from.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from compare.errors import UsageError
from compare.model import Article, Attribution, Provenance, Removed

PAGES = ".scan-pages.sqlite"
MANIFEST = "scan.json"


def article_from_dict(data: dict[str, Any]) -> Article:
    """An article back from ``Article.to_dict``."""
    return Article(
        id=data["id"],
        text=data["text"],
        path=data.get("path"),
        url=data.get("url"),
        title=data.get("title"),
        outlet=data.get("outlet"),
        date=data.get("date"),
        date_inferred=bool(data.get("date_inferred", False)),
        author=data.get("author"),
        language=data.get("language"),
        removed=tuple(Removed(**r) for r in data.get("removed", ())),
        attribution=tuple(Attribution(**a) for a in data.get("attribution", ())),
        provenance=tuple(Provenance(**p) for p in data.get("provenance", ())),
    )


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE IF NOT EXISTS pages (id TEXT PRIMARY KEY, body BLOB NOT NULL)")
    return conn


def page_blob(page: Article) -> bytes:
    """A page as the page store holds it: its ``to_dict`` as compressed JSON."""
    return zlib.compress(json.dumps(page.to_dict(), ensure_ascii=False).encode("utf-8"), 3)


def keep_pages(out_dir: Path, pages: Iterable[Article]) -> None:
    """Store (or replace) the given pages in the folder's page store, in one transaction."""
    keep_blobs(out_dir, [(p.id, page_blob(p)) for p in pages])


def keep_blobs(out_dir: Path, rows: Sequence[tuple[str, bytes]]) -> None:
    """Store (or replace) pages given as (id, ``page_blob``) in the page store, in one transaction."""
    if not rows:
        return
    conn = _connect(out_dir / PAGES)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?)", rows)
        conn.execute("COMMIT")
    finally:
        conn.close()


def stored_pages(out_dir: Path, ids: Sequence[str]) -> dict[str, Article]:
    """The stored pages among ``ids``, by id (pages without matches are not stored)."""
    path = out_dir / PAGES
    if not path.is_file():
        return {}
    conn = _connect(path)
    found: dict[str, Article] = {}
    try:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = conn.execute(f"SELECT body FROM pages WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            for (body,) in rows:
                article = article_from_dict(json.loads(zlib.decompress(body)))
                found[article.id] = article
    finally:
        conn.close()
    return found


def read_manifest(out_dir: Path) -> dict[str, Any]:
    """What a scan folder records about its scan (index path, settings), or a clear error."""
    path = out_dir / MANIFEST
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UsageError(f"{out_dir}: not a scan folder (no readable {MANIFEST})") from None
    return data
