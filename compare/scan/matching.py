"""One batch of pages against the index: fingerprints, candidates, bulk alignment, match rows.

``scan_batch`` is what every engine runs; it opens the index once per process (the inverted
table is cached until the index changes) and returns plain records, cheap to send back.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from compare.model import Article
from compare.scan.boilerplate import Common, covered_words, shingle_key
from compare.scan.bulk import BulkAlignment, Words, bulk_align
from compare.scan.candidates import (
    POSTING_ARRAYS,
    Postings,
    build_postings,
    find_candidates,
    mapped_arrays,
)
from compare.scan.crosslingual import (
    AnchorTable,
    Translated,
    enough,
    index_languages,
    language_of,
    owned_sentences,
    ranked_candidates,
    read_anchor_table,
    translated_originals,
)
from compare.scan.fingerprint import WordTokens, fingerprint_tokens, tokenize_chunked
from compare.scan.index import (
    generation,
    open_index,
    read_common,
    read_fingerprint_table,
    read_groups,
    read_originals,
    read_settings,
)
from compare.settings import (
    DEFAULT_SETTINGS,
    CrosslingualSettings,
    FingerprintSettings,
    ScanSettings,
    Settings,
)

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
    "discounted_words",
    "reason",
    "compared_with",
    "syndicated_copies",
    "translated",
    "page_language",
    "original_language",
    "page_translated",
)


@dataclass(frozen=True)
class Match:
    """One (page, original) row: how much of each was copied, how, and whether it was credited.

    Shares are of words and count only copied text that is not boilerplate, in passages of at
    least the scan's ``--min-words``; ``page_verbatim``/``page_edited``/``page_paraphrase`` split
    the page's words by passage kind (bulk alignment finds no paraphrase: it is always 0 here,
    and the pair pages show paraphrased sentences). ``discounted_words`` are the page's words in
    copied passages that were not counted, and ``reason`` says why (text found in many originals
    of the index, the original's headline). ``original_id`` is the source of a syndication group
    (its earliest original) and ``syndicated_copies`` the group's other originals (``; ``
    between ids); ``compared_with`` is the original the figures were measured on.
    ``translated`` is ``yes`` when the page translates the original (in ``page_language`` from
    ``original_language``): the copy figures are then 0, ``page_translated`` is the share of the
    page's lead (its first sentences) in sentences translated from the original, and
    ``relation`` is translation or partial-translation by that share.
    """

    page_id: str
    original_id: str
    page_url: str
    original_url: str
    page_outlet: str
    original_outlet: str
    page_title: str
    original_title: str
    attributed: str
    attribution_evidence: str
    page_date: str
    original_date: str
    share_of_page_copied: float = 0.0
    share_of_original_reused: float = 0.0
    page_verbatim: float = 0.0
    page_edited: float = 0.0
    page_paraphrase: float = 0.0
    copied_words: int = 0
    longest_verbatim_words: int = 0
    shared_fingerprints: int = 0
    relation: str = ""
    discounted_words: int = 0
    reason: str = ""
    compared_with: str = ""
    syndicated_copies: str = ""
    translated: str = "no"
    page_language: str = ""
    original_language: str = ""
    page_translated: float = 0.0

    def to_row(self) -> dict[str, Any]:
        """The record written to matches.csv and matches.jsonl."""
        return {name: getattr(self, name) for name in ROW_FIELDS}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Match:
        """Read a record back (from the scan's state file)."""
        return cls(**{name: row[name] for name in ROW_FIELDS if name in row})


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


@dataclass(frozen=True)
class Evidence:
    """What of an alignment counts as copying: passages long enough, without boilerplate."""

    aligned: BulkAlignment
    discounted_words: int
    reasons: tuple[str, ...]

    @property
    def counts(self) -> bool:
        """Whether any copied passage is left to report."""
        return self.aligned.page_copied > 0


def title_words(original: Words, title: str | None) -> tuple[int, int]:
    """The word range of the original's headline in its text ((0, 0) when the text lacks it)."""
    if not title or not title.strip():
        return 0, 0
    at = original.text.find(title.strip())
    if at < 0:
        return 0, 0
    start = int(np.searchsorted(original.end_offsets, at, side="right"))
    stop = int(np.searchsorted(original.start_offsets, at + len(title.strip()), side="left"))
    return start, stop


def weigh_evidence(
    aligned: BulkAlignment,
    page_common: np.ndarray,
    original_common: np.ndarray,
    headline: tuple[int, int],
    min_words: int,
) -> Evidence:
    """The alignment with boilerplate taken out, and what was discounted and why.

    ``page_common``/``original_common`` give, per word, how many originals hold a shingle
    covering it (0: none). A passage counts when at least ``min_words`` of its page words are
    not boilerplate and it is not the original's headline (a link to the story in a list);
    in a counted passage, boilerplate words are still left out of the shares.
    """
    page_mask = np.zeros(len(page_common), dtype=bool)
    edited_mask = np.zeros(len(page_common), dtype=bool)
    original_mask = np.zeros(len(original_common), dtype=bool)
    boiler_words = headline_words = most_common = 0
    for run, exact in zip(aligned.runs, aligned.exact, strict=True):
        common = page_common[run.b0 : run.b1]
        own = int((common == 0).sum())
        inside_title = max(0, min(run.a1, headline[1]) - max(run.a0, headline[0]))
        if inside_title * 2 >= run.a1 - run.a0:
            headline_words += run.b1 - run.b0
            continue
        if own < min_words:
            boiler_words += run.b1 - run.b0
            most_common = max(most_common, int(common.max()) if len(common) else 0)
            continue
        page_mask[run.b0 : run.b1] = True
        if not exact:
            edited_mask[run.b0 : run.b1] = True
        original_mask[run.a0 : run.a1] = True
    copied = page_mask & (page_common == 0)
    inside_boiler = int((page_mask & (page_common > 0)).sum())
    if inside_boiler:
        most_common = max(most_common, int(page_common[page_mask].max()))
    boiler_words += inside_boiler
    edited = int((copied & edited_mask).sum())
    reasons: list[str] = []
    if boiler_words:
        reasons.append(
            f"{boiler_words} words of boilerplate: text found in up to {most_common} originals of the index"
            " (a footer, byline, share prompt, link list or stock phrase)"
        )
    if headline_words:
        reasons.append(f"{headline_words} words of the original's headline alone (a link to it)")
    counted = replace(
        aligned,
        page_verbatim=int(copied.sum()) - edited,
        page_edited=edited,
        original_copied=int((original_mask & (original_common == 0)).sum()),
    )
    return Evidence(counted, boiler_words + headline_words, tuple(reasons))


def pair_row(page: Article, named: Article, compared: Article, **figures: Any) -> Match:
    """A row naming a page and an original (``named``; ``compared`` is the one measured), with
    the page's credit to it and the ``figures`` given (the others left at 0)."""
    evidence = attribution_evidence(page, named) or attribution_evidence(page, compared)
    return Match(
        page_id=page.id,
        original_id=named.id,
        page_url=page.url or page.path or "",
        original_url=named.url or named.path or "",
        page_outlet=page.outlet or "",
        original_outlet=named.outlet or "",
        page_title=page.title or "",
        original_title=named.title or "",
        attributed="yes" if evidence else "no",
        attribution_evidence=evidence or "",
        page_date=page.date or "",
        original_date=named.date or "",
        compared_with=compared.id,
        **figures,
    )


def make_match(
    page: Article,
    original: Article,
    evidence: Evidence,
    shared: int,
    settings: Settings,
    source: Article | None = None,
    copies: tuple[str, ...] = (),
) -> Match:
    """The row of a matched pair; ``source`` (default: ``original``) names the syndication group."""
    aligned = evidence.aligned
    page_copy, original_copy, verbatim, edited = aligned.shares()
    return pair_row(
        page,
        source or original,
        original,
        share_of_page_copied=round(page_copy, 4),
        share_of_original_reused=round(original_copy, 4),
        page_verbatim=round(verbatim, 4),
        page_edited=round(edited, 4),
        copied_words=aligned.page_copied,
        longest_verbatim_words=aligned.longest_verbatim,
        shared_fingerprints=shared,
        relation=aligned.relation(settings.relation),
        discounted_words=evidence.discounted_words,
        reason="; ".join(evidence.reasons),
        syndicated_copies="; ".join(copies),
    )


# What a scan gives for each page: its id, its match rows, and each row as a JSON line.
PageRows = tuple[str, list[dict[str, Any]], list[str]]


@dataclass(frozen=True)
class Opened:
    """What a worker keeps of an index between batches: its inverted table, boilerplate and groups."""

    stamp: str
    settings: ScanSettings
    postings: Postings
    common: Common
    # Syndication: each grouped document's number mapped to its source's, and the ids of each
    # source's other members.
    source_of: dict[int, int]
    copies: dict[int, tuple[str, ...]]


_OPENED: dict[str, Opened] = {}
# Where a local scan's processes find the index's inverted table, memory-mapped (one folder per
# index version and settings, in this machine's temporary folder, removed when the scan ends).
SHARED_FOLDER = "compare-postings"
# A file in that folder while the table is being written; a worker waits at most this many
# seconds for it to go.
BUILDING = "building"
POSTINGS_WAIT = 600.0


def opened_index(path: str, settings: ScanSettings) -> tuple[sqlite3.Connection, Opened]:
    """A connection to the index and what the scan needs of it, built once per process and index version.

    The connection is new for each batch, because an engine may run batches on different threads.
    """
    conn = open_index(path)
    stamp = generation(conn)
    settings = replace(settings, fingerprint=read_settings(conn))
    cached = _OPENED.get(path)
    if cached is not None and cached.stamp == stamp and cached.settings == settings:
        return conn, cached
    folder = shared_folder(stamp, settings)
    _await_postings(folder)
    files = {name: folder / f"{name}.npy" for name in POSTING_ARRAYS}
    if all(file.is_file() for file in files.values()):
        ids = [article_id for (article_id,) in conn.execute("SELECT id FROM docs ORDER BY id")]
        postings = Postings.of({name: np.load(file, mmap_mode="r") for name, file in files.items()}, ids)
    else:
        postings = index_postings(conn, settings)
    opened = Opened(stamp, settings, postings, read_common(conn), *syndication(conn, postings.docs, postings.ids))
    _OPENED[path] = opened
    return conn, opened


def index_postings(conn: sqlite3.Connection, settings: ScanSettings) -> Postings:
    """The index's inverted table, built from its fingerprint table (boilerplate left out)."""
    docs, values, sizes, ids = read_fingerprint_table(conn)
    boilerplate = read_common(conn).lookup(shingle_key(values)) > 0
    return build_postings(docs, values, sizes, ids, settings, boilerplate)


def shared_folder(stamp: str, settings: ScanSettings) -> Path:
    """Where the inverted table of an index version, for these settings, is shared on this machine."""
    digest = hashlib.sha1(f"{stamp}|{settings!r}".encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / SHARED_FOLDER / digest


@contextmanager
def shared_postings(path: str, settings: ScanSettings) -> Iterator[None]:
    """While a local scan runs, its index's inverted table written where its worker processes
    memory-map it (``opened_index``): built once, and held once in memory, not once per worker.
    It is built in a thread of this process while the workers start and read their first pages;
    a worker that needs it waits for it (``BUILDING``). Without the folder (a temporary folder
    that cannot be written) each process builds its own."""
    conn = open_index(path)
    try:
        settings = replace(settings, fingerprint=read_settings(conn))
        folder = shared_folder(generation(conn), settings)
    finally:
        conn.close()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / BUILDING).touch()
    except OSError:
        yield
        return
    builder = threading.Thread(target=_write_postings, args=(path, settings, folder), daemon=True)
    builder.start()
    try:
        yield
    finally:
        builder.join()
        shutil.rmtree(folder, ignore_errors=True)


def _write_postings(path: str, settings: ScanSettings, folder: Path) -> None:
    """Write the index's inverted table into ``folder`` (``shared_postings``), then lift ``BUILDING``;
    on failure no table is left there."""
    conn = open_index(path)
    try:
        mapped_arrays(folder, index_postings(conn, settings).arrays())
    except OSError:
        for file in folder.glob("*.npy"):
            file.unlink(missing_ok=True)
    finally:
        conn.close()
        (folder / BUILDING).unlink(missing_ok=True)


def _await_postings(folder: Path) -> None:
    """Wait while the scan's own process writes the shared inverted table (at most ``POSTINGS_WAIT``
    seconds, then a worker builds its own)."""
    deadline = time.monotonic() + POSTINGS_WAIT
    while (folder / BUILDING).exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def syndication(
    conn: sqlite3.Connection, docs: np.ndarray, ids: Sequence[str]
) -> tuple[dict[int, int], dict[int, tuple[str, ...]]]:
    """The index's syndication groups: each grouped document's number mapped to its source's, and
    each source's other members by id (``docs`` and ``ids`` of every document, as read together)."""
    source_of = read_groups(conn)
    id_of = dict(zip(docs.tolist(), ids, strict=True))
    copies: dict[int, list[str]] = {}
    for doc, source in source_of.items():
        copies.setdefault(source, []).append(id_of[doc])
    return source_of, {k: tuple(sorted(v)) for k, v in copies.items()}


def scan_batch(
    index_path: str, pages: list[Article], settings: ScanSettings, pipeline: Settings = DEFAULT_SETTINGS
) -> list[PageRows]:
    """Match a batch of pages against the index: for each page, its id, match rows and their JSON.

    The rows are encoded here, in the workers, so the process collecting them need not: it
    writes the same lines to the state file and to matches.jsonl.
    """
    conn, opened = opened_index(index_path, settings)
    try:
        return _match(conn, opened, pages, replace(pipeline, align=settings.align), index_path)
    finally:
        conn.close()


@dataclass(frozen=True)
class Candidate:
    """A candidate original of a page: its id, the fingerprints they share, and the row the pair
    makes when a copied passage counts (None when none does).

    A page's candidates rank most shared first, then in id order (``rank``), so the lists found
    on parts of the index (``compare.scan.shards``) merge into the ranking of the whole index.
    """

    original_id: str
    shared: int
    row: dict[str, Any] | None

    @property
    def rank(self) -> tuple[int, str]:
        """The sort key of the candidate among a page's candidates."""
        return -self.shared, self.original_id


@dataclass(frozen=True)
class MayTranslate:
    """A page in a language some originals are not in: its language, and the originals it may
    translate with their anchor weight, best first (each original carrying its language)."""

    language: str
    originals: tuple[tuple[Article, float], ...]


@dataclass(frozen=True)
class PagePrints:
    """A batch of pages' word tokens and fingerprints: made once per batch, however many parts
    of the index (``compare.scan.shards``) the batch is then checked against."""

    tokens: list[WordTokens]
    prints: list[np.ndarray]


def page_prints(pages: list[Article], settings: FingerprintSettings) -> PagePrints:
    """The word tokens and fingerprints of each page of a batch."""
    tokens = tokenize_chunked([p.text for p in pages])
    return PagePrints(tokens, fingerprint_tokens(tokens, settings))


def _match(
    conn: sqlite3.Connection, opened: Opened, pages: list[Article], pipeline: Settings, path: str
) -> list[PageRows]:
    prints = page_prints(pages, opened.settings.fingerprint)
    found = candidate_rows(opened, pages, prints, lambda docs: read_originals(conn, docs), pipeline)
    maybe = translation_candidates(conn, path, opened.stamp, pages, pipeline.crosslingual)
    return [
        page_rows(page.id, candidates, best_translation(page, may, pipeline))
        for page, candidates, may in zip(pages, found, maybe, strict=True)
    ]


def candidate_rows(
    opened: Opened,
    pages: list[Article],
    prints: PagePrints,
    read: Callable[[set[int]], dict[int, Article]],
    pipeline: Settings,
) -> list[list[Candidate]]:
    """Each page's candidates in ``opened``'s inverted table, ranked, each aligned into its row.

    ``prints`` are the pages' tokens and fingerprints (``page_prints``); ``read`` gives the
    stored originals of internal document numbers (the candidates, and the sources of their
    syndication groups, of which only the metadata is used).
    """
    settings, postings = opened.settings, opened.postings
    n = settings.fingerprint.shingle_words
    page_tokens = prints.tokens
    candidates = find_candidates(postings, prints.prints, settings)
    wanted = {int(postings.docs[i]) for found in candidates for i, _ in found}
    sources = {opened.source_of[d] for d in wanted if d in opened.source_of}
    originals = read(wanted | sources)
    order = sorted(wanted)
    original_tokens = tokenize_chunked([originals[d].text for d in order])
    original_words = {d: Words.of(originals[d].text, t) for d, t in zip(order, original_tokens, strict=True)}
    original_common = dict(zip(order, covered_words(original_tokens, opened.common, n), strict=True))
    headlines = {d: title_words(original_words[d], originals[d].title) for d in order}
    matched = [i for i, found in enumerate(candidates) if found]
    page_common = dict(zip(matched, covered_words([page_tokens[i] for i in matched], opened.common, n), strict=True))
    out: list[list[Candidate]] = []
    for number, (page, tokens, found) in enumerate(zip(pages, page_tokens, candidates, strict=True)):
        words = Words.of(page.text, tokens)
        ranked: list[Candidate] = []
        for position, shared in found:
            doc = int(postings.docs[position])
            row: dict[str, Any] | None = None
            aligned = bulk_align(original_words[doc], words, settings.align)
            evidence = weigh_evidence(
                aligned, page_common[number], original_common[doc], headlines[doc], settings.align.min_passage_words
            ) if aligned.runs else None
            if evidence is not None and evidence.counts:
                group = opened.source_of.get(doc, doc)
                source, copies = originals.get(group, originals[doc]), opened.copies.get(group, ())
                row = make_match(page, originals[doc], evidence, shared, pipeline, source, copies).to_row()
            ranked.append(Candidate(originals[doc].id, shared, row))
        out.append(ranked)
    return out


def page_rows(page_id: str, candidates: Iterable[Candidate], translated: Sequence[Match]) -> PageRows:
    """A page's rows from its ranked candidates and the originals it translates.

    One row per syndication group: the candidate copying most of the page (the first in rank on
    a tie); a translated original already copied in the page's own language gives no second row.
    """
    best: dict[str, dict[str, Any]] = {}
    for candidate in candidates:
        row = candidate.row
        if row is not None:
            held = best.get(row["original_id"])
            if held is None or row["copied_words"] > held["copied_words"]:
                best[row["original_id"]] = row
    rows = list(best.values())
    rows.extend(m.to_row() for m in translated if m.original_id not in best)
    rows.sort(key=lambda r: r["original_id"])
    return page_id, rows, [json.dumps(r, ensure_ascii=False) for r in rows]


def translated_match(
    page: Article, original: Article, found: Translated, shared: float, languages: tuple[str, str], settings: Settings
) -> Match:
    """The row of a page that translates an original (its lead found in the original's lead)."""
    full = found.page_share >= settings.crosslingual.translation_share
    return pair_row(
        page,
        original,
        original,
        shared_fingerprints=round(shared),
        relation="translation" if full else "partial-translation",
        translated="yes",
        page_language=languages[0],
        original_language=languages[1],
        page_translated=round(found.page_share, 4),
    )


def translation_candidates(
    conn: sqlite3.Connection, path: str, stamp: str, pages: list[Article], cross: CrosslingualSettings
) -> list[MayTranslate | None]:
    """For each page in a language some originals are not in, the originals it may translate
    (looked up by anchors in the index's anchor table, read once per process and index version)."""
    out: list[MayTranslate | None] = [None for _ in pages]
    languages = index_languages(conn)
    if not languages:
        return out
    page_languages = [language_of(p) for p in pages]
    if all(language is None or languages == {language} for language in page_languages):
        return out
    table = _ANCHORS.get(path)
    if table is None or table[0] != stamp:
        table = (stamp, read_anchor_table(conn))
        _ANCHORS[path] = table
    read = partial(read_originals, conn)
    for k, (page, language) in enumerate(zip(pages, page_languages, strict=True)):
        if language is not None and languages != {language}:
            out[k] = MayTranslate(language, tuple(ranked_candidates(page, language, table[1], read, cross)))
    return out


def best_translation(page: Article, may: MayTranslate | None, settings: Settings) -> list[Match]:
    """The rows of the originals owning enough of the page's lead sentences (each lead sentence
    owned by the original it links to most closely), the most owned first, at most
    ``scan_rows`` (a partial translation may mix in a second original)."""
    if may is None:
        return []
    cross = settings.crosslingual
    found = translated_originals(replace(page, language=may.language), may.originals, cross)
    owned = owned_sentences([translated for _, _, translated in found])
    kept = [(-n, rank) for rank, (n, (_, _, t)) in enumerate(zip(owned, found, strict=True)) if enough(n, t, cross)]
    rows = []
    for _, rank in sorted(kept)[: cross.scan_rows]:
        original, weight, translated = found[rank]
        pair = (may.language, original.language or "")
        rows.append(translated_match(page, original, translated, weight, pair, settings))
    return rows


_ANCHORS: dict[str, tuple[str, AnchorTable]] = {}
