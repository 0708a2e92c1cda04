"""Scan across languages: the originals a page translates, found without comparing every pair.

Fingerprints of words never match across languages, so the index also keeps each original's
language and anchors (numbers, dates, transliterated names: compare.align.anchors), hashed. A page
in a language some originals are not in is looked up by its anchors first: originals in other
languages sharing the most anchor weight (rarer anchors weigh more) are its candidates, a few at
most. Only then does the multilingual encoder run, on the page's lead (its first sentences, where
news states its story): a probe encodes the few sentences of each candidate sharing the most
anchors with the lead, and the candidates whose probe finds the lead translated are aligned
whole with it (their sentences encoded once per process): enough sentences in common, whose
best links stand out from the sentences around them (a story on the same subject links a few
lead sentences as closely, among others nearly as close), make a translated match, and the
row's share is that of the lead. Pages in the index's only
language never read the anchors, so same-language scans keep their speed.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from compare.align.anchors import anchors
from compare.align.crosslingual import Sentence, Side, embedded, one_to_one_links, sentences
from compare.align.encoder import default_encoder
from compare.ingest.language import LANGUAGE_SAMPLE_CHARS, detect_language, stoplist
from compare.model import Article
from compare.normalise import WORD
from compare.settings import CrosslingualSettings

SCHEMA = "CREATE TABLE IF NOT EXISTS anchors (doc INTEGER PRIMARY KEY, language TEXT, keys BLOB NOT NULL);"


def language_of(article: Article) -> str | None:
    """The article's language, detected when it does not say."""
    return article.language or detect_language(article.text)


def anchor_hashes(article: Article, language: str | None) -> np.ndarray:
    """The article's anchors (title and text) as sorted distinct 64-bit hashes."""
    return _anchor_hashes(article.title, article.text, language)


def _anchor_hashes(title: str | None, text: str, language: str | None) -> np.ndarray:
    words = stoplist(language) if language else frozenset()
    keys = anchors(f"{title or ''}\n{text}", words)
    return np.array(sorted({_hash(key) for key in keys}), dtype=np.uint64)


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


# An original's language and its anchors as stored (little-endian uint64 hashes).
AnchorRow = tuple[str | None, bytes]


def anchor_row(text: str, title: str | None, language: str | None) -> AnchorRow:
    """What the index keeps of an original (its text, title and stated language) for
    cross-language lookups (computed in its workers).

    An original that does not say its language gets the one its start tells, the sample the
    reader tells a plain text's language from (``LANGUAGE_SAMPLE_CHARS``); reading 4,000
    characters again for a language the reader could not tell cost a tenth of a build."""
    language = language or detect_language(text[:LANGUAGE_SAMPLE_CHARS])
    return language, _anchor_hashes(title, text, language).astype("<u8").tobytes()


def store_anchors(conn: sqlite3.Connection, rows: Iterable[tuple[int, AnchorRow]]) -> None:
    """Store originals' languages and anchors by internal number (called as the index adds them)."""
    conn.execute(SCHEMA)
    conn.executemany("INSERT OR REPLACE INTO anchors VALUES (?, ?, ?)", ((doc, *row) for doc, row in rows))


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

    @property
    def rarest(self) -> float:
        """The weight of an anchor only one original holds (weights are ln of originals over holders)."""
        return math.log(1 + len(self.languages))


def read_anchor_table(conn: sqlite3.Connection) -> AnchorTable:
    """The inverted anchor table of the whole index (built when a scan first needs it)."""
    conn.execute(SCHEMA)
    return anchor_table(conn.execute("SELECT doc, language, keys FROM anchors ORDER BY doc"))


def anchor_table(rows: Iterable[tuple[int, str | None, bytes]]) -> AnchorTable:
    """The inverted anchor table of the originals stored as ``rows`` (doc, language, anchors)."""
    holders: dict[int, list[int]] = {}
    languages: dict[int, str | None] = {}
    for doc, language, blob in rows:
        languages[doc] = language
        for key in np.frombuffer(blob, dtype="<u8").tolist():
            holders.setdefault(key, []).append(doc)
    total = len(languages)
    weights = {key: math.log((1 + total) / len(docs)) for key, docs in holders.items()}
    return AnchorTable(holders, weights, languages)


def anchor_candidates(
    table: AnchorTable, page: np.ndarray, language: str | None, settings: CrosslingualSettings
) -> list[tuple[int, float]]:
    """The ``scan_pool`` originals in another language sharing the most anchor weight with the
    page (at least ``scan_anchor_weight``), best first."""
    shared: dict[int, float] = {}
    for key in page.tolist():
        docs = table.holders.get(key)
        if docs is None or len(docs) > settings.scan_max_holders:
            continue
        for doc in docs:
            if table.languages[doc] != language:
                shared[doc] = shared.get(doc, 0.0) + table.weights[key]
    ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
    return [(doc, weight) for doc, weight in ranked[: settings.scan_pool] if weight >= settings.scan_anchor_weight]


def sentence_anchors(text: str, language: str | None) -> list[frozenset[int]]:
    """The anchor hashes of each sentence of a text that has any (compared sentence by sentence)."""
    words = stoplist(language) if language else frozenset()
    return [frozenset(map(_hash, s.anchors)) for s in sentences(text, 1, words) if s.anchors]


def anchored_sentences(
    page: Sequence[frozenset[int]], original: Sequence[frozenset[int]], table: AnchorTable, min_weight: float
) -> int:
    """The page's sentences sharing anchors that weigh ``min_weight`` (in weights of an anchor
    only one original holds) with one sentence of the original: a translation keeps a
    sentence's numbers and names together, while an unrelated story sharing as many anchors has
    them scattered over its sentences."""
    postings: dict[int, list[int]] = {}
    for number, keys in enumerate(original):
        for key in keys:
            postings.setdefault(key, []).append(number)
    found = 0
    for keys in page:
        weight: dict[int, float] = {}
        for key in keys:
            for number in postings.get(key, ()):
                weight[number] = weight.get(number, 0.0) + table.weights.get(key, 0.0)
        found += max(weight.values(), default=0.0) >= min_weight * table.rarest
    return found


# Reads the stored originals of the given index numbers (compare.scan.index.read_originals).
ReadOriginals = Callable[[list[int]], dict[int, Article]]


def ranked_candidates(
    page: Article, language: str, table: AnchorTable, read: ReadOriginals, settings: CrosslingualSettings
) -> list[tuple[Article, float]]:
    """The originals worth the encoder, best first, each with its language and the anchor weight
    it shares with the page: among the ``scan_pool`` sharing the most anchor weight, the
    ``scan_candidates`` with the most page sentences anchored in one of theirs (at least
    ``scan_anchored_sentences``)."""
    pool = anchor_candidates(table, anchor_hashes(page, language), language, settings)
    if not pool:
        return []
    originals = read([doc for doc, _ in pool])
    page_keys = sentence_anchors(page.text, language)
    scored = []
    for doc, weight in pool:
        original_keys = _original_anchors(originals[doc].text, table.languages[doc])
        anchored = anchored_sentences(page_keys, original_keys, table, settings.scan_sentence_weight)
        if anchored >= settings.scan_anchored_sentences:
            scored.append((-anchored, -weight, doc))
    return [
        (replace(originals[doc], language=table.languages[doc]), -weight)
        for _, weight, doc in sorted(scored)[: settings.scan_candidates]
    ]


@lru_cache(maxsize=4096)
def _original_anchors(text: str, language: str | None) -> list[frozenset[int]]:
    """An original's sentence anchors, kept for the next page that has it among its candidates."""
    return sentence_anchors(text, language)


@dataclass(frozen=True)
class Translated:
    """A page's lead found translated in an original: each linked lead sentence with its link's
    cosine, the share of the lead's words linked and their number, the lead's sentences, and
    the links' scores (their margins with the anchor bonus, in the order of ``cosines``)."""

    cosines: tuple[tuple[int, float], ...]
    page_share: float
    page_words: int
    lead_sentences: int
    scores: tuple[float, ...]

    @property
    def links(self) -> int:
        """The lead sentences linked."""
        return len(self.cosines)


def owned_sentences(found: Sequence[Translated]) -> list[int]:
    """For each original found, the lead sentences whose closest link (by cosine) is to it: a
    page sentence translates one original, while a story on the same subject links some of
    them less closely."""
    closest: dict[int, tuple[float, int]] = {}
    for number, translated in enumerate(found):
        for sentence, cosine in translated.cosines:
            if sentence not in closest or cosine > closest[sentence][0]:
                closest[sentence] = (cosine, number)
    owned = [0 for _ in found]
    for _, number in closest.values():
        owned[number] += 1
    return owned


def room_for_another(found: Sequence[Translated], settings: CrosslingualSettings) -> bool:
    """Whether ``scan_links`` of the lead's sentences are still unlinked by the originals found.
    When not, the page's next candidates are not aligned: one could own enough sentences only
    by linking sentences already linked more closely, as a story on the same subject rarely does."""
    if not found:
        return True
    linked = {sentence for translated in found for sentence, _ in translated.cosines}
    return found[0].lead_sentences - len(linked) >= settings.scan_links


def enough(owned: int, translated: Translated, settings: CrosslingualSettings) -> bool:
    """Whether ``scan_links`` lead sentences (all of a shorter lead) are owned, and the
    original's best ``scan_links`` links score ``scan_verify_score`` on average. A link's score
    is its cosine over those of its sentences' nearest sentences on the other side: a story on
    the same subject has several sentences near each lead sentence, so its closest links stand
    out less than a translation's, though their cosines may be as high."""
    needed = min(settings.scan_links, translated.lead_sentences)
    best = sorted(translated.scores, reverse=True)[:needed]
    return owned >= needed and bool(best) and sum(best) / len(best) >= settings.scan_verify_score


def lead_of(page: Article, settings: CrosslingualSettings) -> list[Sentence]:
    """The page's first ``scan_lead_sentences`` sentences (where news states its story)."""
    words = stoplist(page.language or "")
    return sentences(page.text, settings.min_words, words)[: settings.scan_lead_sentences]


def translated_originals(
    page: Article, originals: Sequence[tuple[Article, float]], settings: CrosslingualSettings
) -> list[tuple[Article, float, Translated]]:
    """The candidates aligned with the page's lead, each with its anchor weight and what it
    translates: the ``scan_candidates`` first are probed (``probe``), the ``scan_aligned`` with the
    most lead sentences probed are aligned, most first, until the lead has no room for another."""
    lead = lead_of(page, settings)
    if not lead:
        return []
    encoder = default_encoder()
    side = embedded(lead, encoder)
    probed = [(probe(side, original, settings), rank) for rank, (original, _) in enumerate(originals[: settings.scan_candidates])]
    found: list[tuple[Article, float, Translated]] = []
    for hits, rank in sorted(probed, key=lambda item: (-item[0], item[1]))[: settings.scan_aligned]:
        if hits < min(settings.scan_probe_links, len(lead)) or not room_for_another([t for _, _, t in found], settings):
            break
        original, weight = originals[rank]
        translated = lead_translation(side, original, settings)
        if translated is not None:
            found.append((original, weight, translated))
    return found


def probe(lead: Side, original: Article, settings: CrosslingualSettings) -> int:
    """The lead sentences whose cosine to one of the original's sentences sharing the most
    anchors with the lead (``scan_probe_sentences`` of them) reaches ``scan_cosine``: a few
    sentences encoded tell a translation from a story sharing names and numbers, before the
    whole original is encoded."""
    found = original_sentences(original, settings.min_words)
    shared = [max(len(s.anchors & t.anchors) for t in lead.sentences) for s in found]
    chosen = sorted((k for k, n in enumerate(shared) if n), key=lambda k: (-shared[k], k))[: settings.scan_probe_sentences]
    if not chosen:
        return 0
    vectors = default_encoder().encode([found[k].text for k in chosen])
    return int(((lead.vectors @ vectors.T).max(axis=1) >= settings.scan_cosine).sum())


def original_sentences(original: Article, min_words: int) -> list[Sentence]:
    """An original's sentences with their anchors (kept for the next page that has it among its candidates)."""
    return list(_sentences(original.text, original.language, min_words))


@lru_cache(maxsize=1024)
def _sentences(text: str, language: str | None, min_words: int) -> tuple[Sentence, ...]:
    return tuple(sentences(text, min_words, stoplist(language or "")))


def lead_translation(lead: Side, original: Article, settings: CrosslingualSettings) -> Translated | None:
    """Align the page's lead with the whole original (whose embeddings are cached for the next
    page that translates it), keeping the links whose cosine reaches ``scan_cosine`` (a story on
    the same subject links a few sentences too, less closely); None when the original has no
    sentence to align. Links are not widened to a neighbour sentence: that would encode joined
    sentences for each pair, for no more lead sentences linked."""
    found = original_sentences(original, settings.min_words)
    if not found:
        return None
    links = one_to_one_links(lead, embedded(found, default_encoder()), settings)
    kept = sorted((link.a[0], link.cosine, link.score) for link in links if link.cosine >= settings.scan_cosine)
    page_share, page_words = _share(lead.sentences, {k for k, _, _ in kept})
    return Translated(
        tuple((k, cosine) for k, cosine, _ in kept), page_share, page_words, len(lead.sentences), tuple(s for *_, s in kept)
    )


def _share(lead: Sequence[Sentence], linked: set[int]) -> tuple[float, int]:
    """The share of a lead's words in the linked sentences, and their number."""
    counts = [len(WORD.findall(s.text)) for s in lead]
    total = sum(counts)
    words = sum(counts[k] for k in linked)
    return (words / total if total else 0.0), words
