"""A scan on a Dask cluster whose workers share no disk with the client: the index in shards.

The client reads the index once and splits its originals, in id order, into shards of about
``Engine.shard_bytes`` in memory (default 100 MB): each holds the inverted table of its
originals and their compressed texts and metadata. Each shard is shipped to the cluster once
(``Client.scatter``), with what every task needs of the whole index (settings, boilerplate
shingles, syndication groups, the text dictionary); a batch of pages is shipped once too, a
task tokenizes and fingerprints it once (``page_prints``), and each task checks the batch,
with those fingerprints as its input, against one shard. Dask moves the data to the workers
that run the tasks, so a worker needs no file, path or mount of the client's: the same scan
runs on one machine, on Kubernetes, on cloud VMs or an HPC allocation without a shared
scratch. A worker writes each shard it receives to its machine's temporary folder and
memory-maps it, so the worker processes of one machine share one copy of a shard (the page
cache), and the files go when the scan ends.

Why scatter and not shards at an fsspec URL: scatter needs no storage both sides can reach
(no bucket, credentials or shared mount to set up) and uses the cluster's own transfer; a
shard lost with a worker is rebuilt from the client's index and shipped again.

The rows are those of the local engine: stock fingerprints are those posted by too many
originals of the whole index, each shard ranks its own candidates of a page (most shared
fingerprints first, then id order) and aligns its best ``max_candidates``, and the client
merges the shards' lists into the ranking of the whole index, keeps its best
``max_candidates`` and makes the page's rows from them (``compare.scan.matching.page_rows``).
Originals a page may translate are looked up in the client (it holds the anchor table) and
sent with the page to a task of their own.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from compare.errors import CompareError
from compare.model import Article
from compare.scan.boilerplate import Common, shingle_key, sorted_distinct
from compare.scan.candidates import Postings, build_postings, mapped_arrays
from compare.scan.engines import Engine, dask_client, run_batches
from compare.scan.index import (
    decompress_text,
    generation,
    open_index,
    read_common,
    read_dictionary,
    read_fingerprint_table,
    read_settings,
)
from compare.scan.matching import (
    Candidate,
    Match,
    MayTranslate,
    Opened,
    PagePrints,
    PageRows,
    best_translation,
    candidate_rows,
    page_prints,
    page_rows,
    scan_batch,
    shared_postings,
    syndication,
    translation_candidates,
)
from compare.settings import DEFAULT_SETTINGS, ScanSettings, Settings

if TYPE_CHECKING:
    from distributed import Client, Future

# Bytes a fingerprint costs in a shard's inverted table (key, start, count, posting) and the
# metadata of an original: with its compressed text, what a shard's size is reckoned from.
POSTING_BYTES = 20
METADATA_BYTES = 200
# A task whose shard or pages were lost with a worker is sent again this many times at most.
RETRIES = 3
# Where a worker machine keeps the shards it received, memory-mapped (one folder per shard).
SHARD_FOLDER = "compare-shards"
# The columns of an original's metadata, in the order ``Shard.metadata`` keeps them.
METADATA = "d.id, d.url, d.outlet, d.date, d.title, d.path"

Metadata = tuple[str, str | None, str | None, str | None, str | None, str | None]
Batch = tuple[str, list[Article], ScanSettings]


@dataclass(frozen=True)
class IndexWide:
    """What every shard task needs of the whole index."""

    stamp: str
    settings: ScanSettings
    common: Common
    source_of: dict[int, int]
    copies: dict[int, tuple[str, ...]]
    dictionary: bytes


@dataclass(frozen=True)
class Texts:
    """Compressed texts end to end (``blob``), found by internal number (``docs`` sorted, ``offsets``)."""

    docs: np.ndarray
    offsets: np.ndarray
    blob: np.ndarray

    @classmethod
    def of(cls, bodies: dict[int, bytes]) -> Texts:
        """The texts of ``bodies`` (internal number -> compressed text)."""
        docs = sorted(bodies)
        offsets = np.concatenate(([0], np.cumsum([len(bodies[d]) for d in docs], dtype=np.int64)))
        blob = np.frombuffer(b"".join(bodies[d] for d in docs), dtype=np.uint8)
        return cls(np.array(docs, dtype=np.int64), offsets.astype(np.int64), blob)

    def get(self, doc: int) -> bytes | None:
        """The compressed text of ``doc``, or None when the shard does not hold it."""
        at = int(np.searchsorted(self.docs, doc))
        if at == len(self.docs) or int(self.docs[at]) != doc:
            return None
        return self.blob[int(self.offsets[at]) : int(self.offsets[at + 1])].tobytes()


@dataclass(frozen=True)
class Shard:
    """A range of the index's originals in id order: their inverted table, their compressed texts,
    and the metadata of them and of the syndication sources they point to.

    A shard that reaches a worker is written to that machine's temporary folder under its
    ``name`` and memory-mapped from there (``mapped_shard``): the worker processes of a machine
    share one copy of it (the page cache) instead of holding one each.
    """

    name: str
    postings: Postings
    texts: Texts
    metadata: dict[int, Metadata]

    def read(self, docs: Iterable[int], dictionary: bytes) -> dict[int, Article]:
        """Originals by internal number (a source outside the shard with its metadata alone)."""
        found: dict[int, Article] = {}
        for doc in docs:
            article_id, url, outlet, date, title, path = self.metadata[doc]
            body = self.texts.get(doc)
            text = decompress_text(body, dictionary) if body is not None else ""
            found[doc] = Article(id=article_id, text=text, url=url, outlet=outlet, date=date, title=title, path=path)
        return found

    def arrays(self) -> dict[str, np.ndarray]:
        """The shard's arrays by name (what is written to disk and memory-mapped)."""
        t = self.texts
        return {**self.postings.arrays(), "text_docs": t.docs, "offsets": t.offsets, "blob": t.blob}

    def __reduce__(self) -> tuple[Any, ...]:
        return mapped_shard, (self.name, self.arrays(), self.postings.ids, self.metadata)


def mapped_shard(name: str, arrays: dict[str, np.ndarray], ids: tuple[str, ...], metadata: dict[int, Metadata]) -> Shard:
    """A shard as a worker receives it: its arrays written once per machine and memory-mapped."""
    m = mapped_arrays(Path(tempfile.gettempdir()) / SHARD_FOLDER / name, arrays)
    return Shard(name, Postings.of(m, ids), Texts(m["text_docs"], m["offsets"], m["blob"]), metadata)


@dataclass(frozen=True)
class ShardPlan:
    """The index split into shards: the fingerprint table of every original (id order), which of
    its fingerprints make no candidates (boilerplate, or stock: posted by too many originals of
    the whole index), and the position range of each shard."""

    name: str
    wide: IndexWide
    docs: np.ndarray
    values: np.ndarray
    sizes: np.ndarray
    ids: tuple[str, ...]
    excluded: np.ndarray
    ranges: tuple[tuple[int, int], ...]


def plan_shards(conn: sqlite3.Connection, settings: ScanSettings, shard_bytes: int) -> ShardPlan:
    """Read the index's fingerprint table and cut it into shards of about ``shard_bytes``."""
    settings = replace(settings, fingerprint=read_settings(conn))
    docs, values, sizes, ids = read_fingerprint_table(conn)
    common = read_common(conn)
    excluded = common.lookup(shingle_key(values)) > 0
    excluded |= _is_in(values, stock_fingerprints(values[~excluded], settings.max_postings))
    bodies = np.array(
        [n for (n,) in conn.execute("SELECT LENGTH(t.body) FROM docs d JOIN texts t ON t.doc = d.doc ORDER BY d.id")],
        dtype=np.int64,
    )
    cost = sizes * POSTING_BYTES + bodies + METADATA_BYTES
    wide = IndexWide(generation(conn), settings, common, *syndication(conn, docs, ids), read_dictionary(conn))
    name = f"scan-{uuid.uuid4().hex[:12]}"
    return ShardPlan(name, wide, docs, values, sizes, tuple(ids), excluded, shard_ranges(cost, shard_bytes))


def stock_fingerprints(values: np.ndarray, max_postings: int) -> np.ndarray:
    """The distinct values found more than ``max_postings`` times (sorted)."""
    ordered = np.sort(values)
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(ordered)))
    return ordered[starts[counts > max_postings]]


def _is_in(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    if not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    where = np.minimum(np.searchsorted(sorted_keys, values), len(sorted_keys) - 1)
    result: np.ndarray = sorted_keys[where] == values
    return result


def shard_ranges(cost: np.ndarray, shard_bytes: int) -> tuple[tuple[int, int], ...]:
    """Consecutive position ranges whose costs add up to about ``shard_bytes`` each (one at least)."""
    if not len(cost):
        return ((0, 0),)
    parts = max(1, round(float(cost.sum()) / shard_bytes))
    bounds = np.searchsorted(np.cumsum(cost), np.arange(1, parts) * (float(cost.sum()) / parts))
    edges = sorted_distinct(np.concatenate(([0], bounds, [len(cost)])).astype(np.int64)).tolist()
    return tuple(zip(edges[:-1], edges[1:], strict=True))


def build_shard(conn: sqlite3.Connection, plan: ShardPlan, number: int) -> Shard:
    """Shard ``number`` of the plan, with the texts and metadata it needs read from the index."""
    first, stop = plan.ranges[number]
    offsets = np.concatenate(([0], np.cumsum(plan.sizes)))
    span = slice(int(offsets[first]), int(offsets[stop]))
    docs = plan.docs[first:stop]
    postings = build_postings(
        docs, plan.values[span], plan.sizes[first:stop], plan.ids[first:stop], plan.wide.settings, plan.excluded[span]
    )
    members = docs.tolist()
    sources = {plan.wide.source_of[d] for d in members if d in plan.wide.source_of} - set(members)
    bodies: dict[int, bytes] = {}
    metadata: dict[int, Metadata] = {}
    for chunk, with_text in ((members, True), (sorted(sources), False)):
        for start in range(0, len(chunk), 500):
            wanted = chunk[start : start + 500]
            marks = ",".join("?" * len(wanted))
            body = "t.body" if with_text else "NULL"
            rows = conn.execute(
                f"SELECT d.doc, {METADATA}, {body} FROM docs d JOIN texts t ON t.doc = d.doc WHERE d.doc IN ({marks})",
                wanted,
            )
            for doc, *fields, text in rows:
                metadata[doc] = tuple(fields)
                if text is not None:
                    bodies[doc] = text
    return Shard(f"{plan.name}-{number}", postings, Texts.of(bodies), metadata)


def match_on_shard(
    shard: Shard, wide: IndexWide, pages: list[Article], prints: PagePrints, pipeline: Settings
) -> list[list[Candidate]]:
    """What a worker runs: each page's ranked candidates among the shard's originals, with their rows."""
    opened = Opened(wide.stamp, wide.settings, shard.postings, wide.common, wide.source_of, wide.copies)
    return candidate_rows(opened, pages, prints, lambda docs: shard.read(docs, wide.dictionary), pipeline)


def translate(pages: list[Article], maybe: list[MayTranslate | None], pipeline: Settings) -> list[list[Match]]:
    """What a worker runs for pages in another language: the original each page translates, if any."""
    return [best_translation(page, may, pipeline) for page, may in zip(pages, maybe, strict=True)]


def merge_shards(
    pages: list[Article], found: Iterable[list[list[Candidate]]], translated: list[list[Match]], max_candidates: int
) -> list[PageRows]:
    """The rows of each page from every shard's candidates: the best ``max_candidates`` of the whole index."""
    per_page: list[list[Candidate]] = [[] for _ in pages]
    for shard in found:
        for mine, theirs in zip(per_page, shard, strict=True):
            mine.extend(theirs)
    return [
        page_rows(page.id, sorted(candidates, key=lambda c: c.rank)[:max_candidates], rows)
        for page, candidates, rows in zip(pages, per_page, translated, strict=True)
    ]


def run_scan(
    engine: Engine, index_path: str, settings: ScanSettings, batches: Iterable[Batch]
) -> Iterator[tuple[Batch, list[PageRows]]]:
    """Each batch with its pages' rows, as batches finish: on a dask engine's cluster against
    shards of the index, otherwise ``scan_batch`` in local processes (each opening the index)."""
    if engine.name == "dask":
        return run_on_shards(engine, index_path, settings, batches)
    return run_local(engine, index_path, settings, batches)


def run_local(
    engine: Engine, index_path: str, settings: ScanSettings, batches: Iterable[Batch]
) -> Iterator[tuple[Batch, list[PageRows]]]:
    """``scan_batch`` over the batches in local processes; with several, the index's inverted
    table is built once here and memory-mapped by them all (``shared_postings``)."""
    with shared_postings(index_path, settings) if engine.workers > 1 else nullcontext():
        yield from run_batches(engine, scan_batch, batches)


def run_on_shards(
    engine: Engine, index_path: str, settings: ScanSettings, batches: Iterable[Batch]
) -> Iterator[tuple[Batch, list[PageRows]]]:
    """Scan the batches on the engine's dask cluster, the index shipped in shards; yield each
    batch with its pages' rows (those ``scan_batch`` gives) as soon as every shard has seen it."""
    conn = open_index(index_path)
    try:
        plan = plan_shards(conn, settings, engine.shard_bytes)
        with dask_client(engine) as client:
            try:
                yield from _ShardedScan(client, conn, index_path, plan).run(batches)
            finally:
                names = [f"{plan.name}-{number}" for number in range(len(plan.ranges))]
                client.run(forget_shards, names)
    finally:
        conn.close()


def forget_shards(names: Iterable[str]) -> None:
    """Delete the shards' files from this machine (run on every worker when a scan ends)."""
    for name in names:
        shutil.rmtree(Path(tempfile.gettempdir()) / SHARD_FOLDER / name, ignore_errors=True)


@dataclass
class _Gathering:
    """A batch in flight: its pages (shipped once), their fingerprints (made once, on the
    cluster), what they may translate, and the answers so far."""

    batch: Batch
    pages: Future[Any]
    prints: Future[Any]
    maybe: list[MayTranslate | None]
    found: dict[int, list[list[Candidate]]]
    translated: list[list[Match]]
    waiting: int


class _ShardedScan:
    """Ships the shards, sends each batch to every shard, merges the answers, and sends a task
    again when its shard or pages were lost with a worker (a lost shard is rebuilt from the index)."""

    def __init__(self, client: Client, conn: sqlite3.Connection, index_path: str, plan: ShardPlan) -> None:
        self.client, self.conn, self.index_path, self.plan = client, conn, index_path, plan
        self.pipeline = replace(DEFAULT_SETTINGS, align=plan.wide.settings.align)
        self.wide = self._scatter(plan.wide, broadcast=True)
        self.shards = [self._ship(number) for number in range(len(plan.ranges))]
        self.tasks: dict[Any, tuple[int, int, int]] = {}  # key -> (batch, shard or -1, attempt)
        self.gathering: dict[int, _Gathering] = {}

    def _ship(self, number: int) -> Future[Any]:
        return self._scatter(build_shard(self.conn, self.plan, number))

    def _scatter(self, data: object, broadcast: bool = False) -> Future[Any]:
        """Ship one object to the cluster (a list is wrapped, so it is shipped whole), again when
        the worker it was going to is lost on the way (dask's CommClosedError is an OSError)."""
        for _ in range(RETRIES):
            try:
                return self._scatter_once(data, broadcast)
            except OSError:
                continue
        return self._scatter_once(data, broadcast)

    def _scatter_once(self, data: object, broadcast: bool) -> Future[Any]:
        shipped: list[Future[Any]] = self.client.scatter([data], broadcast=broadcast, hash=False)  # type: ignore[no-untyped-call]
        return shipped[0]

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[PageRows]]]:
        """Each batch with its rows, as batches finish; at most two tasks per worker wait beyond a batch."""
        from distributed import as_completed

        running = as_completed()  # type: ignore[no-untyped-call]
        source = enumerate(batches)
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        exhausted = False
        while True:
            while not exhausted and len(self.tasks) < 2 * workers + len(self.shards):
                item = next(source, None)
                exhausted = item is None
                if item is not None:
                    running.update(self._submit_batch(*item))  # type: ignore[no-untyped-call]
            if not self.tasks:
                return
            finished = self._settle(next(running), running)
            if finished is not None:
                done = self.gathering.pop(finished)
                found = (done.found[number] for number in range(len(self.shards)))
                max_candidates = self.plan.wide.settings.max_candidates
                yield done.batch, merge_shards(done.batch[1], found, done.translated, max_candidates)

    def _submit_batch(self, number: int, batch: Batch) -> list[Future[Any]]:
        pages = batch[1]
        maybe = translation_candidates(self.conn, self.index_path, self.plan.wide.stamp, pages, self.pipeline.crosslingual)
        shipped = self._scatter(pages)
        translating = any(may is not None for may in maybe)
        parts = [*range(len(self.shards)), *([-1] if translating else [])]
        prints = self._fingerprint(shipped)
        self.gathering[number] = _Gathering(batch, shipped, prints, maybe, {}, [[] for _ in pages], len(parts))
        return [self._submit(number, part, 0) for part in parts]

    def _fingerprint(self, pages: Future[Any]) -> Future[Any]:
        """A task making the shipped pages' tokens and fingerprints, which every shard task takes."""
        future: Future[Any] = self.client.submit(page_prints, pages, self.plan.wide.settings.fingerprint, pure=False)
        return future

    def _submit(self, number: int, part: int, attempt: int) -> Future[Any]:
        gathering = self.gathering[number]
        future: Future[Any]
        if part < 0:
            future = self.client.submit(translate, gathering.pages, gathering.maybe, self.pipeline, pure=False)
        else:
            future = self.client.submit(
                match_on_shard,
                self.shards[part],
                self.wide,
                gathering.pages,
                gathering.prints,
                self.pipeline,
                pure=False,
            )
        self.tasks[future.key] = (number, part, attempt)
        return future

    def _settle(self, future: Future[Any], running: Any) -> int | None:
        """Record a finished task's answer, or send the task again when the cluster lost it or
        its inputs with a worker; the batch's number once every answer to it is in."""
        number, part, attempt = self.tasks.pop(future.key)
        gathering = self.gathering[number]
        if future.status == "error":
            future.result()  # the task's own error (or dask's KilledWorker): raised here
        try:
            answer = future.result()
        except Exception as error:  # lost with a worker: dask raises whatever its state gives
            if attempt >= RETRIES:
                raise CompareError(f"the dask cluster lost a scan task {RETRIES + 1} times: {error}") from error
            self._restore(number, part)
            running.add(self._submit(number, part, attempt + 1))
            return None
        if part < 0:
            gathering.translated = answer
        else:
            gathering.found[part] = answer
        gathering.waiting -= 1
        return number if gathering.waiting == 0 else None

    def _restore(self, number: int, part: int) -> None:
        """Ship again what a task needs that no worker holds any more (lost with a worker)."""
        gathering = self.gathering[number]
        if self._lost(gathering.pages):
            gathering.pages = self._scatter(gathering.batch[1])
            gathering.prints = self._fingerprint(gathering.pages)
        elif gathering.prints.status in ("error", "cancelled", "lost"):
            gathering.prints = self._fingerprint(gathering.pages)
        if self._lost(self.wide):
            self.wide = self._scatter(self.plan.wide, broadcast=True)
        if part >= 0 and self._lost(self.shards[part]):
            self.shards[part] = self._ship(part)

    def _lost(self, future: Future[Any]) -> bool:
        """Whether the cluster no longer holds a shipped object."""
        from concurrent.futures import CancelledError

        try:
            return future.status != "finished" or not self.client.who_has([future]).get(future.key)  # type: ignore[no-untyped-call]
        except CancelledError:
            return True
