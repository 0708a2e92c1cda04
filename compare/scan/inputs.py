"""Pages read and matched in the same worker process.

``compare scan`` on a local engine sends each worker a chunk of input records, not yet read
(lines of a JSONL file, files of a folder): ``ingest_batch_articles`` of them, the batch the
reader's corpus passes (site template, dates) see when articles are read alone. The worker reads
them into articles, matches those against the index ``batch_pages`` at a time and sends back,
per page, its key and rows, with the page compressed for the page store when it has a row.
The articles never travel between processes: the process collecting the rows reads the inputs
and records what comes back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from compare.errors import InputError
from compare.ingest.assemble import Draft
from compare.ingest.formats import Record
from compare.ingest.load import build_record, input_items, settle
from compare.model import Article
from compare.scan.matching import scan_batch
from compare.scan.store import page_blob
from compare.settings import ScanSettings

Item = Record | InputError


@dataclass(frozen=True)
class PageOutcome:
    """What a worker sends back for one page: its id and key (``page_key``), whether it has any
    word, its rows (none when an earlier run scanned it), their JSON lines and the page for the
    page store (None when it has no row)."""

    page_id: str
    key: str
    has_words: bool
    rows: list[dict[str, Any]]
    encoded: list[str]
    stored: bytes | None


Outcome = PageOutcome | InputError


def page_key(page: Article) -> str:
    """The content hash a re-run uses to recognise a page it already scanned."""
    return hashlib.sha1(f"{page.id}\x00{page.text}".encode()).hexdigest()


def has_words(page: Article) -> bool:
    """Whether the page holds a letter or digit (a page without is not scanned)."""
    return any(ch.isalnum() for ch in page.text)


def record_chunks(paths: Iterable[str | Path], size: int) -> Iterator[list[Item]]:
    """The inputs' records in chunks of ``size`` records (each with the unreadable inputs met
    before its last record), in input order."""
    items = input_items(paths, True, None)
    chunk: list[Item] = []
    records = 0
    for item in items:
        chunk.append(item)
        records += isinstance(item, Record)
        if records == size:
            yield chunk
            chunk, records = [], 0
    if chunk:
        yield chunk


def first_readable(chunks: Iterator[list[Item]]) -> tuple[list[InputError], Iterator[list[Item]] | None]:
    """The unreadable inputs before the first record that reads into an article, and the chunks
    from that record on (None when no record reads). That record is read here and again where
    its chunk is matched; no other is read here."""
    skipped: list[InputError] = []
    for chunk in chunks:
        for at, item in enumerate(chunk):
            found = item if isinstance(item, InputError) else build_record(item)
            if isinstance(found, Draft):
                return skipped, chain([chunk[at:]], chunks)
            skipped.append(found)
    return skipped, None


def read_chunk(chunk: Sequence[Item]) -> list[Article | InputError]:
    """A chunk of records read into articles (the reader's corpus passes over them as one
    batch), or each record's reason for being skipped, in input order."""
    built = [item if isinstance(item, InputError) else build_record(item) for item in chunk]
    articles = iter(settle([d for d in built if isinstance(d, Draft)], True))
    return [item if isinstance(item, InputError) else next(articles) for item in built]


def read_and_match(
    index_path: str, chunk: Sequence[Item], settings: ScanSettings, done: frozenset[str]
) -> list[Outcome]:
    """What a worker runs: a chunk of records read into pages and matched, each page's outcome
    (or its record's reason for being skipped) in input order. Pages whose key is in ``done``
    are not matched."""
    pages = read_chunk(chunk)
    keys = [page_key(p) if isinstance(p, Article) else "" for p in pages]
    wanted = [
        (n, page)
        for n, (page, key) in enumerate(zip(pages, keys, strict=True))
        if isinstance(page, Article) and has_words(page) and key not in done
    ]
    found: dict[int, tuple[list[dict[str, Any]], list[str]]] = {}
    for start in range(0, len(wanted), settings.batch_pages):
        part = wanted[start : start + settings.batch_pages]
        matched = scan_batch(index_path, [page for _, page in part], settings)
        found.update((n, (rows, encoded)) for (n, _), (_, rows, encoded) in zip(part, matched, strict=True))
    return [_outcome(page, key, found.get(n)) for n, (page, key) in enumerate(zip(pages, keys, strict=True))]


def _outcome(
    page: Article | InputError, key: str, found: tuple[list[dict[str, Any]], list[str]] | None
) -> Outcome:
    if isinstance(page, InputError):
        return page
    rows, encoded = found or ([], [])
    stored = page_blob(page) if rows else None
    return PageOutcome(page.id, key, has_words(page), rows, encoded, stored)
