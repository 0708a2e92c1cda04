"""One batch of pages against the index: fingerprints, candidates, bulk alignment, match rows.

``scan_batch`` is what every engine runs; it opens the index once per process (the inverted
table is cached until the index changes) and returns plain records, cheap to send back.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from compare.model import Article
from compare.scan.bulk import BulkAlignment, Words, bulk_align
from compare.scan.candidates import Postings, build_postings, find_candidates
from compare.scan.fingerprint import fingerprint_tokens, tokenize_many
from compare.scan.index import generation, open_index, read_fingerprint_table, read_originals, read_settings
from compare.settings import DEFAULT_SETTINGS, ScanSettings, Settings

ROW_FIELDS: tuple[str, ...] = (
    "page_id",
    "original_id",
    "page_url",
    "original_url",
    "page_outlet",
    "original_outlet",
    "page_title",
    "original_title",
    "share_of_page_copied",
    "share_of_original_reused",
    "page_verbatim",
    "page_edited",
    "page_paraphrase",
    "copied_words",
    "longest_verbatim_words",
    "shared_fingerprints",
    "relation",
    "attributed",
    "attribution_evidence",
    "page_date",
    "original_date",
)


@dataclass(frozen=True)
class Match:
    """One (page, original) row: how much of each was copied, how, and whether it was credited.

    Shares are of words; ``page_verbatim``/``page_edited``/``page_paraphrase`` split the page's
    words by passage kind (bulk alignment finds no paraphrase: it is always 0 here, and the
    pair pages show paraphrased sentences).
    """

    page_id: str
    original_id: str
    page_url: str
    original_url: str
    page_outlet: str
    original_outlet: str
    page_title: str
    original_title: str
    share_of_page_copied: float
    share_of_original_reused: float
    page_verbatim: float
    page_edited: float
    page_paraphrase: float
    copied_words: int
    longest_verbatim_words: int
    shared_fingerprints: int
    relation: str
    attributed: str
    attribution_evidence: str
    page_date: str
    original_date: str

    def to_row(self) -> dict[str, Any]:
        """The record written to matches.csv and matches.jsonl."""
        return {name: getattr(self, name) for name in ROW_FIELDS}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Match:
        """Read a record back (from the scan's state file)."""
        return cls(**{name: row[name] for name in ROW_FIELDS})


def attribution_evidence(page: Article, original: Article) -> str | None:
    """The page's text crediting the original: a notice naming its outlet, or a generic one."""
    outlet = (original.outlet or "").casefold()
    if outlet:
        for item in page.attribution:
            if item.outlet and item.outlet.casefold() == outlet:
                return item.text
        for item in page.attribution:
            if outlet in item.text.casefold():
                return item.text
    for item in page.attribution:
        if item.kind == "republication_notice" and item.outlet is None:
            return item.text
    return None


def make_match(
    page: Article, original: Article, aligned: BulkAlignment, shared: int, settings: Settings
) -> Match:
    """The row of a matched pair."""
    page_copy, original_copy, verbatim, edited = aligned.shares()
    evidence = attribution_evidence(page, original)
    return Match(
        page_id=page.id,
        original_id=original.id,
        page_url=page.url or page.path or "",
        original_url=original.url or original.path or "",
        page_outlet=page.outlet or "",
        original_outlet=original.outlet or "",
        page_title=page.title or "",
        original_title=original.title or "",
        share_of_page_copied=round(page_copy, 4),
        share_of_original_reused=round(original_copy, 4),
        page_verbatim=round(verbatim, 4),
        page_edited=round(edited, 4),
        page_paraphrase=0.0,
        copied_words=aligned.page_copied,
        longest_verbatim_words=aligned.longest_verbatim,
        shared_fingerprints=shared,
        relation=aligned.relation(settings.relation),
        attributed="yes" if evidence else "no",
        attribution_evidence=evidence or "",
        page_date=page.date or "",
        original_date=original.date or "",
    )


_POSTINGS: dict[str, tuple[str, ScanSettings, Postings]] = {}


def opened_index(path: str, settings: ScanSettings) -> tuple[sqlite3.Connection, ScanSettings, Postings]:
    """A connection to the index, the settings it was built with, and its inverted table.

    The table is built once per process and index version; the connection is new for each
    batch, because an engine may run batches on different threads.
    """
    conn = open_index(path)
    stamp = generation(conn)
    settings = replace(settings, fingerprint=read_settings(conn))
    cached = _POSTINGS.get(path)
    if cached is not None and cached[0] == stamp and cached[1] == settings:
        return conn, settings, cached[2]
    docs, values, sizes, ids = read_fingerprint_table(conn)
    postings = build_postings(docs, values, sizes, ids, settings)
    _POSTINGS[path] = (stamp, settings, postings)
    return conn, settings, postings


def scan_batch(
    index_path: str, pages: list[Article], settings: ScanSettings, pipeline: Settings = DEFAULT_SETTINGS
) -> list[tuple[str, list[dict[str, Any]], list[str]]]:
    """Match a batch of pages against the index: for each page, its id, match rows and their JSON.

    The rows are encoded here, in the workers, so the process collecting them need not: it
    writes the same lines to the state file and to matches.jsonl.
    """
    conn, settings, postings = opened_index(index_path, settings)
    try:
        return _match(conn, postings, pages, settings, pipeline)
    finally:
        conn.close()


def _match(
    conn: sqlite3.Connection,
    postings: Postings,
    pages: list[Article],
    settings: ScanSettings,
    pipeline: Settings,
) -> list[tuple[str, list[dict[str, Any]], list[str]]]:
    page_tokens = tokenize_many([p.text for p in pages])
    candidates = find_candidates(postings, fingerprint_tokens(page_tokens, settings.fingerprint), settings)
    wanted = sorted({int(postings.docs[i]) for found in candidates for i, _ in found})
    originals = read_originals(conn, wanted)
    order = list(originals)
    page_words = [Words.of(p.text, t) for p, t in zip(pages, page_tokens, strict=True)]
    original_tokens = tokenize_many([originals[d].text for d in order])
    original_words = {d: Words.of(originals[d].text, t) for d, t in zip(order, original_tokens, strict=True)}
    out: list[tuple[str, list[dict[str, Any]], list[str]]] = []
    for page, words, found in zip(pages, page_words, candidates, strict=True):
        rows: list[dict[str, Any]] = []
        for position, shared in found:
            doc = int(postings.docs[position])
            aligned = bulk_align(original_words[doc], words, pipeline.align)
            if (
                aligned.page_copied >= settings.min_copied_words
                or aligned.shares()[1] >= settings.whole_original_share
            ):
                rows.append(make_match(page, originals[doc], aligned, shared, pipeline).to_row())
        rows.sort(key=lambda r: r["original_id"])
        out.append((page.id, rows, [json.dumps(r, ensure_ascii=False) for r in rows]))
    return out
