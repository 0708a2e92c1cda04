"""The persistent index of originals: one SQLite file (WAL), versioned schema, transactional writes.

Per document it keeps the id, metadata, a hash of the text, the compressed text (alignment needs
it, and the index must not depend on the original files staying where they were) and the sorted
sampled fingerprints as a BLOB of little-endian uint64. Texts are deflated with a preset
dictionary (schema version 2): text sampled from the first documents built into the index and
kept in its meta table, so the words and phrases news articles share are not paid for in every
document (about a tenth smaller than plain zlib at the same level on the scan benchmark's corpus). The inverted table is built in memory
from those BLOBs when a scan opens the index (``compare.scan.candidates.Postings``), so adding
and removing documents never rebuild anything, and the answer does not depend on the order in
which documents were added.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sqlite3
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path

import numpy as np

from compare.errors import IndexFileError
from compare.model import Article
from compare.scan.boilerplate import Common, common_shingles, distinct_keys, syndication_groups
from compare.scan.crosslingual import AnchorRow, anchor_row, delete_anchors, store_anchors
from compare.scan.fingerprint import fingerprint_tokens, tokenize_chunked
from compare.settings import BoilerplateSettings, FingerprintSettings

FORMAT = "compare-scan-index"
SCHEMA_VERSION = 3
# Version 1 indexes (texts deflated without a dictionary) and version 2 (no boilerplate or
# syndication tables: a scan then discounts nothing until the next add) are still read and added to.
READABLE_VERSIONS = (1, 2, 3)
# zlib level of the stored texts: with a dictionary, 1 deflates a story in half the time of 3
# (0.07 against 0.14 ms on the scan benchmark's originals) for texts 14% larger, and inflating
# them costs the same; 6 is 8% smaller than 3 but takes three times its CPU.
TEXT_COMPRESSION = 1
# zlib looks back 32 KiB at most, so a longer dictionary would be wasted.
DICTIONARY_BYTES = 32 * 1024
# SQLite page size of new indexes: rows of about a kilobyte (fingerprints, compressed texts)
# leave a third of a 4 KiB page unused; 16 KiB pages cut the file by ~9% on the benchmark.
PAGE_SIZE = 16384
# Documents are fingerprinted and inserted this many at a time (one transaction each).
BATCH = 2000

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE docs (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT, outlet TEXT, date TEXT, title TEXT, path TEXT,
    text_hash TEXT NOT NULL,
    words INTEGER NOT NULL,
    fingerprints BLOB NOT NULL
);
CREATE TABLE texts (doc INTEGER PRIMARY KEY, body BLOB NOT NULL);
"""
# Boilerplate shingles (``compare.scan.boilerplate``) and syndication groups, recomputed on
# every change; created on demand so older indexes gain them on their next add.
ANALYSIS_SCHEMA = """
CREATE TABLE IF NOT EXISTS common (part INTEGER PRIMARY KEY, keys BLOB NOT NULL, counts BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS groups (doc INTEGER PRIMARY KEY, source INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class IndexInfo:
    """What an index holds and how big it is."""

    path: str
    documents: int
    fingerprints: int
    file_bytes: int
    fingerprint_bytes: int
    text_bytes: int
    schema_version: int
    generation: int
    settings: FingerprintSettings

    @property
    def bytes_per_document(self) -> float:
        """File size per document (metadata, fingerprints, compressed text and SQLite overhead)."""
        return self.file_bytes / self.documents if self.documents else 0.0

    @property
    def index_bytes_per_document(self) -> float:
        """File size per document without the stored texts: what finding candidates costs."""
        return (self.file_bytes - self.text_bytes) / self.documents if self.documents else 0.0


@dataclass(frozen=True)
class Change:
    """The outcome of adding or removing documents."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    missing: tuple[str, ...] = ()


def text_hash(text: str) -> str:
    """The content hash used to tell a changed document from an unchanged one."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _connect(path: Path, page_size: int | None = None) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
    if page_size:  # only takes effect on a new file, before WAL is switched on
        conn.execute(f"PRAGMA page_size={int(page_size)}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (Ctrl-C included)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def open_index(path: str | Path) -> sqlite3.Connection:
    """Open an existing index, refusing a missing, foreign or other-version file."""
    file = Path(path)
    if not file.is_file():
        raise IndexFileError(f"{file}: no such index; create it with `compare index build PATHS --db {file}`")
    try:
        conn = _connect(file)
        rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError as error:
        reason = "not an SQLite database" if "not a database" in str(error) else "has no compare index tables"
        raise IndexFileError(f"{file}: not a compare scan index ({reason})") from None
    if rows.get("format") != FORMAT:
        conn.close()
        raise IndexFileError(f"{file}: not a compare scan index (an SQLite file of another program)")
    version = int(rows.get("schema_version", "0"))
    if version not in READABLE_VERSIONS:
        conn.close()
        raise IndexFileError(
            f"{file}: index schema version {version}, this compare reads versions "
            f"{', '.join(map(str, READABLE_VERSIONS))}; "
            f"rebuild it with `compare index build PATHS --db {file}`"
        )
    return conn


def read_settings(conn: sqlite3.Connection) -> FingerprintSettings:
    """The fingerprint settings the index was built with."""
    value = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()[0]
    return FingerprintSettings(**json.loads(value))


def train_dictionary(texts: Sequence[str], size: int = DICTIONARY_BYTES) -> bytes:
    """A preset deflate dictionary: whole texts sampled evenly from ``texts``, ``size`` bytes at most.

    zlib finds matches nearer the end of the dictionary with shorter codes, so the sample is
    what matters, not its order; evenly spaced texts stand for the batch better than its head.
    """
    if not texts:
        return b""
    encoded = [t.encode("utf-8") for t in texts]
    average = max(sum(map(len, encoded)) // len(encoded), 1)
    step = max(len(encoded) // max(size // average, 1), 1)
    return b"".join(encoded[::step])[-size:]


def read_dictionary(conn: sqlite3.Connection) -> bytes:
    """The preset dictionary of the stored texts (empty for version 1 indexes)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'text_dictionary'").fetchone()
    return base64.b64decode(row[0]) if row else b""


def compress_text(text: str, dictionary: bytes) -> bytes:
    """The stored form of a text: deflated, with the index's preset dictionary when it has one."""
    if not dictionary:
        return zlib.compress(text.encode("utf-8"), TEXT_COMPRESSION)
    packer = _primed_packer(dictionary).copy()
    return packer.compress(text.encode("utf-8")) + packer.flush()


@lru_cache(maxsize=2)
def _primed_packer(dictionary: bytes) -> zlib._Compress:
    """A compressor with ``dictionary`` loaded and no input yet: each text deflates through a copy
    of it (the same bytes as a new compressor, without loading the dictionary again, which
    costs about a fifth of deflating a story)."""
    return zlib.compressobj(TEXT_COMPRESSION, zdict=dictionary)


def decompress_text(body: bytes, dictionary: bytes) -> str:
    """A stored text back (``compress_text`` reversed)."""
    if not dictionary:
        return zlib.decompress(body).decode("utf-8")
    unpacker = zlib.decompressobj(zdict=dictionary)
    return (unpacker.decompress(body) + unpacker.flush()).decode("utf-8")


def generation(conn: sqlite3.Connection) -> str:
    """The index identity and change counter: scans record it to know their results still hold."""
    rows = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('uuid', 'generation')").fetchall())
    return f"{rows['uuid']}:{rows['generation']}"


def _bump(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")


def build_index(
    path: str | Path,
    articles: Iterable[Article],
    settings: FingerprintSettings = FingerprintSettings(),
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    boilerplate: BoilerplateSettings = BoilerplateSettings(),
) -> Change:
    """Create a new index holding the articles; written beside ``path`` and renamed into place.

    ``articles`` may be a stream: it is read a batch at a time. ``workers`` processes (default:
    every core) fingerprint and compress the texts while this one writes; ``progress`` is called
    with the number of articles read after each batch. Boilerplate and syndication groups are
    counted once all are in.
    """
    from compare.scan.engines import all_cores

    count = workers or all_cores()
    articles = iter(articles)
    first = list(islice(articles, BATCH))
    return built_index(
        path,
        [a.text for a in first],
        lambda conn, shingles: _add(conn, chain(first, articles), settings, count, progress, shingles),
        Analysis(settings, boilerplate, count),
    )


@dataclass(frozen=True)
class Analysis:
    """How a new index fingerprints its texts and counts boilerplate, and with how many processes."""

    settings: FingerprintSettings
    boilerplate: BoilerplateSettings
    workers: int


def built_index(
    path: str | Path,
    sample: Sequence[str],
    fill: Callable[[sqlite3.Connection, dict[int, np.ndarray]], Change],
    analysis: Analysis,
) -> Change:
    """A new index at ``path``: created beside it with its text dictionary trained on ``sample``,
    filled by ``fill`` (which keeps each document's shingle keys by its number), its boilerplate
    and syndication groups counted, then renamed into place."""
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    temporary = file.with_name(f".{file.name}.{os.getpid()}.building")
    for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        conn = _connect(temporary, PAGE_SIZE)
        # The new file is renamed into place once complete and deleted on failure: its writes
        # need no journal on disk and no sync at each commit (one sync before the rename).
        conn.execute("PRAGMA journal_mode=MEMORY")
        conn.execute("PRAGMA synchronous=OFF")
        conn.executescript(SCHEMA)
        meta = {
            "format": FORMAT,
            "text_dictionary": base64.b64encode(train_dictionary(sample)).decode("ascii"),
            "schema_version": str(SCHEMA_VERSION),
            "fingerprint": json.dumps(analysis.settings.__dict__, sort_keys=True),
            "boilerplate": json.dumps(analysis.boilerplate.__dict__, sort_keys=True),
            "uuid": uuid.uuid4().hex,
            "generation": "0",
        }
        with transaction(conn):
            conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        shingles: dict[int, np.ndarray] = {}
        change = fill(conn, shingles)
        refresh_analysis(conn, analysis.workers, shingles)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.close()
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        for stale in (Path(f"{file}-wal"), Path(f"{file}-shm")):
            stale.unlink(missing_ok=True)
        os.replace(temporary, file)
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            leftover.unlink(missing_ok=True)
    return change


def add_articles(
    path: str | Path,
    articles: Iterable[Article],
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Change:
    """Add articles to an index; an id already present is replaced when its text changed.

    Boilerplate and syndication groups are then counted again over the whole index (a pass
    over its stored texts): a footer new to this batch is a footer of the old stories too.
    """
    from compare.scan.engines import all_cores

    workers = workers or all_cores()
    conn = open_index(path)
    try:
        change = _add(conn, articles, read_settings(conn), workers, progress)
        if change.added or change.replaced:
            refresh_analysis(conn, workers)
        return change
    finally:
        conn.close()


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# What a worker is sent of an original: its text, title and stated language (the rest of the
# article is written by the process holding the database, and pickling less costs it less).
Source = tuple[str, str | None, str | None]


@dataclass(frozen=True)
class Prepared:
    """What the index stores for a batch of texts, computed away from the database (in a worker):
    one entry per text, in order."""

    fingerprints: list[bytes]
    bodies: list[bytes]
    words: list[int]
    # Each text's distinct shingle keys (uint32) end to end, the i-th text's from bounds[i] to
    # bounds[i + 1]: for counting boilerplate across the index; not stored.
    shingles: np.ndarray
    bounds: list[int]
    # The language and anchors the cross-language scan looks originals up by.
    anchors: list[AnchorRow]

    def row(self, i: int) -> tuple[int, bytes, bytes, AnchorRow]:
        """The i-th text's word count, fingerprints, compressed body and anchors."""
        return self.words[i], self.fingerprints[i], self.bodies[i], self.anchors[i]

    def shingles_of(self, i: int) -> np.ndarray:
        """The i-th text's distinct shingle keys."""
        return self.shingles[self.bounds[i] : self.bounds[i + 1]]


def prepare_texts(sources: Sequence[Source], settings: FingerprintSettings, dictionary: bytes) -> Prepared:
    """Fingerprints, compressed form, word count, shingle keys and anchors of each text: the
    CPU-heavy part of adding, done in the workers."""
    texts = [text for text, _, _ in sources]
    tokens = tokenize_chunked(texts)
    keys = distinct_keys(tokens, settings.shingle_words)
    return Prepared(
        [values.astype("<u8").tobytes() for values in fingerprint_tokens(tokens, settings)],
        [compress_text(text, dictionary) for text in texts],
        [len(token.hashes) for token in tokens],
        np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint32),
        np.cumsum([0, *map(len, keys)]).tolist(),
        [anchor_row(*source) for source in sources],
    )


def shingle_keys_of(texts: Sequence[str], settings: FingerprintSettings) -> list[np.ndarray]:
    """Distinct shingle keys of each text (``prepare_texts`` without the rest)."""
    return distinct_keys(tokenize_chunked(texts), settings.shingle_words)


Fresh = list[tuple[Article, str]]
# A document's columns besides its number and what is prepared: id, url, outlet, date, title, path.
Fields = tuple[str, str | None, str | None, str | None, str | None, str | None]
# A fresh document to write: its fields, text hash, and the position of its prepared rows.
Entry = tuple[Fields, str, int]


def fields_of(article: Article) -> Fields:
    """The columns the index keeps of an article besides its text."""
    return article.id, article.url, article.outlet, article.date, article.title, article.path


def _prepared(
    batches: Iterator[tuple[Fresh, dict[str, str]]],
    settings: FingerprintSettings,
    dictionary: bytes,
    workers: int,
) -> Iterator[tuple[Fresh, dict[str, str], Prepared]]:
    """Each batch of fresh articles with its prepared rows, in order; ``workers`` processes prepare ahead."""
    first = list(islice(batches, 2))
    batches = chain(first, batches)
    if workers <= 1 or len(first) < 2:
        # A single batch: starting worker processes would cost more than it saves.
        for fresh, known in batches:
            yield fresh, known, prepare_texts(_sources(fresh), settings, dictionary)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        queue: list[tuple[Fresh, dict[str, str], Future[Prepared]]] = []
        for fresh, known in batches:
            queue.append((fresh, known, pool.submit(prepare_texts, _sources(fresh), settings, dictionary)))
            # Two batches in flight per worker keep them busy while this process writes.
            while len(queue) > 2 * workers:
                fresh, known, future = queue.pop(0)
                yield fresh, known, future.result()
        for fresh, known, future in queue:
            yield fresh, known, future.result()


def _sources(fresh: Fresh) -> list[Source]:
    return [(article.text, article.title, article.language) for article, _ in fresh]


class Writer:
    """Writes prepared batches into an index: which documents are new, replaced or unchanged
    (by id and text hash, the last of an id repeated in a batch winning), their rows, and each
    new document's shingle keys by its number when ``shingles`` is given."""

    def __init__(self, conn: sqlite3.Connection, shingles: dict[int, np.ndarray] | None) -> None:
        self.conn, self.shingles = conn, shingles
        self.counts = {"added": 0, "replaced": 0, "unchanged": 0}
        # Hashes of ids sent ahead to be prepared but not yet written: a later batch repeating
        # such an id must see it as present, as it would when batches are written one after another.
        self.ahead: dict[str, str] = {}

    def fresh(self, entries: Sequence[Entry]) -> tuple[list[Entry], dict[str, str]]:
        """The entries to write (new or changed), and the hashes of their ids already present."""
        latest = {fields[0]: (fields, digest, i) for fields, digest, i in entries}
        ids = list(latest)
        marks = ",".join("?" * len(ids))
        known = dict(self.conn.execute(f"SELECT id, text_hash FROM docs WHERE id IN ({marks})", ids).fetchall())
        known.update((i, self.ahead[i]) for i in ids if i in self.ahead)
        fresh = [entry for entry in latest.values() if known.get(entry[0][0]) != entry[1]]
        self.counts["unchanged"] += len(latest) - len(fresh)
        self.ahead.update((fields[0], digest) for fields, digest, _ in fresh)
        return fresh, known

    def write(self, fresh: list[Entry], known: dict[str, str], prepared: Prepared) -> None:
        """Write the fresh entries of a batch (one transaction)."""
        replaced = sum(fields[0] in known for fields, _, _ in fresh)
        self.counts["replaced"] += replaced
        self.counts["added"] += len(fresh) - replaced
        with transaction(self.conn):
            docs = _write(self.conn, [(f, h, *prepared.row(i)) for f, h, i in fresh], known)
            if fresh:
                _bump(self.conn)
        if self.shingles is not None:
            self.shingles.update((doc, prepared.shingles_of(i)) for doc, (_, _, i) in zip(docs, fresh, strict=True))

    @property
    def seen(self) -> int:
        return sum(self.counts.values())

    def change(self) -> Change:
        counts = self.counts
        return Change(added=counts["added"], replaced=counts["replaced"], unchanged=counts["unchanged"])


def _add(
    conn: sqlite3.Connection,
    articles: Iterable[Article],
    settings: FingerprintSettings,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    shingles: dict[int, np.ndarray] | None = None,
) -> Change:
    """Add the articles; with ``shingles``, keep each new document's shingle keys there by its number."""
    writer = Writer(conn, shingles)

    def fresh_batches() -> Iterator[tuple[Fresh, dict[str, str]]]:
        for batch in _batches(articles, BATCH):
            entries = [(fields_of(a), text_hash(a.text), i) for i, a in enumerate(batch)]
            fresh, known = writer.fresh(entries)
            yield [(batch[i], digest) for _, digest, i in fresh], known

    for fresh, known, prepared in _prepared(fresh_batches(), settings, read_dictionary(conn), workers):
        writer.write([(fields_of(a), digest, i) for i, (a, digest) in enumerate(fresh)], known, prepared)
        if progress:
            progress(writer.seen)
    return writer.change()


# A row of the docs table to write (its number aside), then its text and anchors.
Row = tuple[Fields, str, int, bytes, bytes, AnchorRow]


def _write(conn: sqlite3.Connection, rows: list[Row], known: dict[str, str]) -> list[int]:
    """Write a batch's documents, replacing those whose id is ``known``; their numbers in the
    index. Each run of rows up to the next replacement is written in one statement per table,
    numbered as SQLite numbers rows inserted one by one (one above the largest in the table)."""
    replacing = {i for i, row in enumerate(rows) if row[0][0] in known}
    bounds = sorted({0, *replacing, len(rows)})
    docs: list[int] = []
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        if start in replacing:
            _delete(conn, rows[start][0][0])
        first = conn.execute("SELECT COALESCE(MAX(doc), 0) + 1 FROM docs").fetchone()[0]
        numbers = list(range(first, first + stop - start))
        run = rows[start:stop]
        conn.executemany(
            "INSERT INTO docs (doc, id, url, outlet, date, title, path, text_hash, words, fingerprints)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc, *fields, digest, words, prints) for doc, (fields, digest, words, prints, _, _) in zip(numbers, run, strict=True)],
        )
        conn.executemany("INSERT INTO texts VALUES (?, ?)", [(doc, row[4]) for doc, row in zip(numbers, run, strict=True)])
        store_anchors(conn, [(doc, row[5]) for doc, row in zip(numbers, run, strict=True)])
        docs.extend(numbers)
    return docs


def _delete(conn: sqlite3.Connection, article_id: str) -> bool:
    row = conn.execute("SELECT doc FROM docs WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return False
    conn.execute("DELETE FROM texts WHERE doc = ?", row)
    delete_anchors(conn, row[0])
    conn.execute("DELETE FROM docs WHERE doc = ?", row)
    return True


def remove_ids(path: str | Path, ids: Sequence[str]) -> Change:
    """Remove documents by id, in one transaction; ids not in the index are listed as missing.

    Boilerplate and syndication groups are then counted again (every core, as ``add_articles``).
    """
    from compare.scan.engines import all_cores

    conn = open_index(path)
    try:
        missing: list[str] = []
        with transaction(conn):
            for article_id in ids:
                if not _delete(conn, article_id):
                    missing.append(article_id)
            if len(missing) < len(ids):
                _bump(conn)
        if len(missing) < len(ids):
            refresh_analysis(conn, all_cores())
        return Change(removed=len(ids) - len(missing), missing=tuple(missing))
    finally:
        conn.close()


def index_info(path: str | Path) -> IndexInfo:
    """Counts and sizes of an index."""
    conn = open_index(path)
    try:
        documents, fingerprint_bytes = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(LENGTH(fingerprints)), 0) FROM docs"
        ).fetchone()
        text_bytes = conn.execute("SELECT COALESCE(SUM(LENGTH(body)), 0) FROM texts").fetchone()[0]
        version = int(conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
        file_bytes = sum(
            Path(f"{path}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{path}{suffix}").is_file()
        )
        return IndexInfo(
            path=str(path),
            documents=documents,
            fingerprints=fingerprint_bytes // 8,
            file_bytes=file_bytes,
            fingerprint_bytes=fingerprint_bytes,
            text_bytes=text_bytes,
            schema_version=version,
            generation=int(generation(conn).split(":")[1]),
            settings=read_settings(conn),
        )
    finally:
        conn.close()


def read_fingerprints(conn: sqlite3.Connection) -> tuple[np.ndarray, list[np.ndarray], list[str]]:
    """Internal numbers, fingerprint arrays and ids of every document, in id order."""
    docs, values, sizes, ids = read_fingerprint_table(conn)
    bounds = np.concatenate(([0], np.cumsum(sizes)))
    return docs, [values[bounds[i] : bounds[i + 1]] for i in range(len(sizes))], ids


def read_fingerprint_table(conn: sqlite3.Connection) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Every document's fingerprints end to end, with internal numbers, counts and ids, in id order.

    BLOBs are joined a chunk of rows at a time: one array per document costs more than the join.
    """
    docs: list[int] = []
    ids: list[str] = []
    sizes: list[int] = []
    chunks: list[np.ndarray] = []
    cursor = conn.execute("SELECT doc, id, fingerprints FROM docs ORDER BY id")
    while rows := cursor.fetchmany(20_000):
        docs.extend(row[0] for row in rows)
        ids.extend(row[1] for row in rows)
        sizes.extend(len(row[2]) // 8 for row in rows)
        chunks.append(np.frombuffer(b"".join(row[2] for row in rows), dtype="<u8"))
    values = np.concatenate(chunks) if chunks else np.zeros(0, dtype="<u8")
    return np.array(docs, dtype=np.int64), values, np.array(sizes, dtype=np.int64), ids


def read_originals(conn: sqlite3.Connection, docs: Iterable[int]) -> dict[int, Article]:
    """The stored articles of the given internal document numbers."""
    wanted = sorted(set(docs))
    dictionary = read_dictionary(conn)
    found: dict[int, Article] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = conn.execute(
            "SELECT d.doc, d.id, d.url, d.outlet, d.date, d.title, d.path, t.body FROM docs d"
            f" JOIN texts t ON t.doc = d.doc WHERE d.doc IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        for doc, article_id, url, outlet, date, title, path, body in rows:
            text = decompress_text(body, dictionary)
            found[doc] = Article(
                id=article_id, text=text, url=url, outlet=outlet, date=date, title=title, path=path
            )
    return found


def read_boilerplate_settings(conn: sqlite3.Connection) -> BoilerplateSettings:
    """The boilerplate settings the index was built with (the defaults for older indexes)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'boilerplate'").fetchone()
    return BoilerplateSettings(**json.loads(row[0])) if row else BoilerplateSettings()


def _texts_by_doc(conn: sqlite3.Connection, docs: Sequence[int]) -> Iterator[list[str]]:
    """The stored texts of ``docs``, in that order, a batch at a time."""
    dictionary = read_dictionary(conn)
    for start in range(0, len(docs), BATCH):
        chunk = [int(d) for d in docs[start : start + BATCH]]
        rows = dict(
            conn.execute(f"SELECT doc, body FROM texts WHERE doc IN ({','.join('?' * len(chunk))})", chunk)
        )
        yield [decompress_text(rows[d], dictionary) for d in chunk]


def _recount_shingles(conn: sqlite3.Connection, docs: Sequence[int], workers: int) -> list[np.ndarray]:
    settings = read_settings(conn)
    if workers <= 1 or len(docs) <= BATCH:
        return [keys for texts in _texts_by_doc(conn, docs) for keys in shingle_keys_of(texts, settings)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        parts = pool.map(shingle_keys_of, _texts_by_doc(conn, docs), [settings] * (len(docs) // BATCH + 1))
        return [keys for part in parts for keys in part]


def refresh_analysis(
    conn: sqlite3.Connection, workers: int, shingles: dict[int, np.ndarray] | None = None
) -> None:
    """Count boilerplate shingles and find syndication groups over the whole index, and store them.

    ``shingles`` holds every document's shingle keys when the caller has them (a build);
    otherwise they are computed again from the stored texts.
    """
    conn.executescript(ANALYSIS_SCHEMA)
    settings = read_boilerplate_settings(conn)
    docs, values, sizes, ids = read_fingerprint_table(conn)
    doc_list = docs.tolist()
    if shingles is not None and all(d in shingles for d in doc_list):
        per_doc = [shingles[d] for d in doc_list]
    else:
        per_doc = _recount_shingles(conn, doc_list, workers)
    alone = np.arange(len(doc_list))
    raw = common_shingles(per_doc, alone, settings)
    dates = dict(conn.execute("SELECT doc, date FROM docs").fetchall())
    ages = [f"{dates.get(d) or '9999'}\x00{i}" for d, i in zip(doc_list, ids, strict=True)]
    group_of = syndication_groups(values, sizes, ages, raw, settings)
    common = common_shingles(per_doc, group_of, settings, raw)
    grouped = np.flatnonzero(group_of != alone)
    with transaction(conn):
        conn.execute("DELETE FROM common")
        conn.execute(
            "INSERT INTO common VALUES (0, ?, ?)",
            (common.keys.astype("<u4").tobytes(), common.counts.astype("<u4").tobytes()),
        )
        conn.execute("DELETE FROM groups")
        conn.executemany(
            "INSERT INTO groups VALUES (?, ?)", [(doc_list[i], doc_list[int(group_of[i])]) for i in grouped]
        )


def read_common(conn: sqlite3.Connection) -> Common:
    """The boilerplate shingles of the index (none for an index that has not counted them)."""
    try:
        row = conn.execute("SELECT keys, counts FROM common WHERE part = 0").fetchone()
    except sqlite3.OperationalError:
        return Common.empty()
    if row is None:
        return Common.empty()
    return Common(np.frombuffer(row[0], dtype="<u4").astype(np.uint32), np.frombuffer(row[1], dtype="<u4").astype(np.uint32))


def read_groups(conn: sqlite3.Connection) -> dict[int, int]:
    """Syndication groups: each grouped document's number mapped to its group source's."""
    try:
        return dict(conn.execute("SELECT doc, source FROM groups").fetchall())
    except sqlite3.OperationalError:
        return {}
