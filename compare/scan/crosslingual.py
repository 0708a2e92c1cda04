"""Scan across languages: the originals a page translates, found without comparing every pair.

Fingerprints of words never match across languages, so the index also keeps each original's
language and anchors (numbers, dates, transliterated names: compare.align.anchors), hashed. A page
in a language some originals are not in is looked up by its anchors first: originals in other
languages sharing the most anchor weight (rarer anchors weigh more) are its candidates, a few at
most. Only then does the multilingual encoder run, on the page's lead (its first sentences, where
news states its story) against each candidate's sentences: enough sentences in common make a
translated match, and the row's share is that of the lead. Pages in the index's only
language never read the anchors, so same-language scans keep their speed.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
from dataclasses import dataclass

import numpy as np

from compare.align.anchors import anchors
from compare.align.crosslingual import Sentence, embedded, link_sentences, sentences
from compare.align.encoder import default_encoder
from compare.ingest.language import detect_language, stoplist
from compare.model import Article
from compare.normalise import WORD
from compare.settings import CrosslingualSettings

SCHEMA = "CREATE TABLE IF NOT EXISTS anchors (doc INTEGER PRIMARY KEY, language TEXT, keys BLOB NOT NULL);"


def language_of(article: Article) -> str | None:
    """The article's language, detected when it does not say."""
    return article.language or detect_language(article.text)


def anchor_hashes(article: Article, language: str | None) -> np.ndarray:
    """The article's anchors (title and text) as sorted distinct 64-bit hashes."""
    words = stoplist(language) if language else frozenset()
    keys = anchors(f"{article.title or ''}\n{article.text}", words)
    hashes = {int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little") for key in keys}
    return np.array(sorted(hashes), dtype=np.uint64)


# An original's language and its anchors as stored (little-endian uint64 hashes).
AnchorRow = tuple[str | None, bytes]


def anchor_row(article: Article) -> AnchorRow:
    """What the index keeps of an original for cross-language lookups (computed in its workers)."""
    language = language_of(article)
    return language, anchor_hashes(article, language).astype("<u8").tobytes()


def store_anchors(conn: sqlite3.Connection, doc: int, row: AnchorRow) -> None:
    """Store an original's language and anchors (called as the index adds it)."""
    conn.execute(SCHEMA)
    conn.execute("INSERT OR REPLACE INTO anchors VALUES (?, ?, ?)", (doc, *row))



def delete_anchors(conn: sqlite3.Connection, doc: int) -> None:
    """Forget an original's anchors (called as the index removes it)."""
    conn.execute(SCHEMA)
    conn.execute("DELETE FROM anchors WHERE doc = ?", (doc,))


def index_languages(conn: sqlite3.Connection) -> frozenset[str]:
    """The languages of the index's originals (empty for an index built before anchors were kept)."""
    conn.execute(SCHEMA)
    return frozenset(row[0] for row in conn.execute("SELECT DISTINCT language FROM anchors") if row[0])


@dataclass(frozen=True)
class AnchorTable:
    """The index's anchors inverted: for each anchor hash, the originals holding it and its weight."""

    holders: dict[int, list[int]]
    weights: dict[int, float]
    languages: dict[int, str | None]


def read_anchor_table(conn: sqlite3.Connection) -> AnchorTable:
    """The inverted anchor table of the whole index (built when a scan first needs it)."""
    conn.execute(SCHEMA)
    holders: dict[int, list[int]] = {}
    languages: dict[int, str | None] = {}
    for doc, language, blob in conn.execute("SELECT doc, language, keys FROM anchors ORDER BY doc"):
        languages[doc] = language
        for key in np.frombuffer(blob, dtype="<u8").tolist():
            holders.setdefault(key, []).append(doc)
    total = len(languages)
    weights = {key: math.log((1 + total) / len(docs)) for key, docs in holders.items()}
    return AnchorTable(holders, weights, languages)


def anchor_candidates(
    table: AnchorTable, page: np.ndarray, language: str | None, settings: CrosslingualSettings
) -> list[tuple[int, float]]:
    """Originals in another language sharing the most anchor weight with the page, best first."""
    shared: dict[int, float] = {}
    for key in page.tolist():
        docs = table.holders.get(key)
        if docs is None or len(docs) > settings.scan_max_holders:
            continue
        for doc in docs:
            if table.languages[doc] != language:
                shared[doc] = shared.get(doc, 0.0) + table.weights[key]
    ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < settings.scan_anchor_weight:
        return []
    top = ranked[0][1]
    return [(doc, w) for doc, w in ranked[: settings.scan_candidates] if w >= settings.scan_runner_up * top]


@dataclass(frozen=True)
class Translated:
    """A page's lead found translated in an original: linked sentences, the share of the lead's
    words in them, and their number."""

    links: int
    page_share: float
    page_words: int


def lead_translation(page: Article, original: Article, settings: CrosslingualSettings) -> Translated | None:
    """Align the page's first ``scan_lead_sentences`` sentences with the whole original (whose
    embeddings are cached for the next page that translates it); None when too few of the
    page's lead sentences are found translated."""
    words = stoplist(page.language or "") | stoplist(original.language or "")
    page_lead = sentences(page.text, settings.min_words, words)[: settings.scan_lead_sentences]
    original_lead = sentences(original.text, settings.min_words, words)
    if not page_lead or not original_lead:
        return None
    encoder = default_encoder()
    links = link_sentences(embedded(page_lead, encoder), embedded(original_lead, encoder), settings, encoder)
    if len(links) < min(settings.scan_links, len(page_lead)):
        return None

    page_share, page_words = _share(page_lead, {k for link in links for k in link.a})
    return Translated(len(links), page_share, page_words)


def _share(lead: list[Sentence], linked: set[int]) -> tuple[float, int]:
    """The share of a lead's words in the linked sentences, and their number."""
    counts = [len(WORD.findall(s.text)) for s in lead]
    total = sum(counts)
    words = sum(counts[k] for k in linked)
    return (words / total if total else 0.0), words
