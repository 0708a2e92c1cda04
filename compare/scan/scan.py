"""``scan``: match pages against the index and write the outputs, resumably and atomically.

The output folder holds a lock file while a scan writes to it, and a state file of the pages
already scanned (keyed by a hash of id and text, for one version of the index). Each finished
batch is appended to the state file and flushed, so Ctrl-C or a crash loses at most the
batches in flight; a re-run skips what is recorded. The outputs are rewritten at the end from
the state file, each through a temporary file and a rename.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from compare.errors import InputError, UsageError, no_articles_error
from compare.model import Article
from compare.scan.engines import Engine, run_batches
from compare.scan.index import generation, open_index
from compare.scan.inputs import Item, has_words, page_key
from compare.scan.matching import Match, shared_postings
from compare.scan.shards import run_scan
from compare.scan.store import keep_blobs, page_blob
from compare.settings import DEFAULT_SETTINGS, ScanSettings

STATE = ".scan-state.jsonl"
LOCK = ".scan.lock"

# Called with (pages done, pages in all); the total is None while a stream is being read.
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class ScanResult:
    """What a scan found and did: match rows (sorted), counts, and the inputs it skipped."""

    matches: tuple[Match, ...]
    pages: int
    scanned: int
    resumed: int
    skipped: tuple[str, ...]
    out_dir: Path
    # matches.jsonl's text, one line per match in the same order (encoded once, by the workers).
    jsonl: str = field(default="", repr=False, compare=False)
    # The index version and settings the rows hold for (recorded in scan.json).
    stamp: str = ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``DIR/.scan.lock`` while writing; a second scan of the same folder is refused."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = out_dir / LOCK
    for _ in range(2):
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            text = lock.read_text(encoding="utf-8", errors="replace").strip()
            pid = int(text) if text.isdigit() else -1
            if pid > 0 and _alive(pid):
                raise UsageError(
                    f"{out_dir}: another scan (process {pid}) is writing to this folder; wait for it "
                    f"to finish or choose another -o folder (delete {lock} if no scan is running)"
                ) from None
            lock.unlink(missing_ok=True)  # left by a scan that was killed
            continue
        with os.fdopen(handle, "w") as stream:
            stream.write(str(os.getpid()))
        break
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _read_state(path: Path, stamp: str) -> dict[str, list[dict[str, Any]]]:
    """Rows already found per page key, when the state file belongs to this index version."""
    if not path.is_file():
        return {}
    done: dict[str, list[dict[str, Any]]] = {}
    with path.open(encoding="utf-8") as stream:
        try:
            header = json.loads(stream.readline())
        except ValueError:
            return {}
        if header.get("index") != stamp:
            return {}
        for line in stream:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line cut short by a kill: that batch is scanned again
            done[record["key"]] = record["rows"]
    return done


def _start_state(path: Path, stamp: str) -> dict[str, list[dict[str, Any]]]:
    """The rows an earlier run of this index version found, per page key; the state file
    rewritten with its header and those records (dropping torn lines)."""
    from compare.render.files import write_atomic

    done = _read_state(path, stamp)
    lines = [json.dumps({"index": stamp})]
    lines += [json.dumps({"key": k, "rows": v}, ensure_ascii=False) for k, v in done.items()]
    write_atomic(path, "\n".join(lines) + "\n")
    return done


def scan_stamp(index_stamp: str, settings: ScanSettings) -> str:
    """What a state file's rows depend on: the index version and the matching settings."""
    digest = hashlib.sha1(repr(settings).encode()).hexdigest()[:12]
    return f"{index_stamp}|{digest}"


def scan_pages(
    pages: Iterable[Article],
    index_path: str | Path,
    out_dir: Path,
    settings: ScanSettings = ScanSettings(),
    engine: Engine | None = None,
    progress: Progress | None = None,
    pair_pages: int | None | Literal["settings"] = "settings",
    skipped_inputs: Sequence[str | InputError] = (),
    stance: bool = False,
) -> ScanResult:
    """Match every page against the index (resumable) and write the outputs into ``out_dir``.

    ``pages`` may be a stream: it is read once, a batch at a time; ``skipped_inputs`` lists the
    inputs its reader set aside (read after the stream is exhausted). ``pair_pages`` is how many
    pair pages to render (most copied first; None renders all; by default
    ``settings.pair_pages``), with the stance section when ``stance``; ``compare serve`` renders
    any other row's page on demand. ``engine`` defaults to a process pool on every core.
    """
    engine = engine or Engine()
    total = len(pages) if isinstance(pages, Sized) else None
    return _scanned(
        lambda ledger: _scan_articles(pages, str(index_path), settings, engine, ledger),
        _Run(str(index_path), out_dir, settings, engine, progress, total),
        _Outputs(pair_pages, stance, skipped_inputs),
    )


def scan_inputs(
    paths: Sequence[str],
    index_path: str | Path,
    out_dir: Path,
    settings: ScanSettings = ScanSettings(),
    engine: Engine | None = None,
    progress: Progress | None = None,
    pair_pages: int | None | Literal["settings"] = "settings",
    stance: bool = False,
    on_skip: Callable[[InputError], None] = lambda error: None,
    records_per_task: int = DEFAULT_SETTINGS.ingest_batch_articles,
) -> ScanResult:
    """``scan_pages`` of the articles read from ``paths`` (files, folders, JSONL exports), each
    read in the worker process that matches it (``compare.scan.inputs``): the articles are not
    sent between processes. Each input or record that cannot be read is given to ``on_skip``
    as it comes, in input order; ``NoArticlesError`` when no article can be read (then nothing
    is written). ``engine`` is local (a dask cluster's workers may not see the inputs: read
    them here and call ``scan_pages``). A worker reads ``records_per_task`` records at a time:
    the batch in which the reader's corpus passes look for a site's template."""
    from compare.scan.inputs import first_readable, record_chunks

    engine = engine or Engine()
    if engine.name != "local":
        raise UsageError("scan_inputs reads the inputs in local processes: with dask, use scan_pages")
    early, chunks = first_readable(record_chunks(paths, records_per_task))
    for error in early:
        on_skip(error)
    if chunks is None:
        raise no_articles_error(paths)
    return _scanned(
        lambda ledger: _scan_chunks(chunks, str(index_path), settings, engine, ledger, on_skip),
        _Run(str(index_path), out_dir, settings, engine, progress, None),
        _Outputs(pair_pages, stance, early),
    )


@dataclass(frozen=True)
class _Run:
    """Where and how a scan runs."""

    index_path: str
    out_dir: Path
    settings: ScanSettings
    engine: Engine
    progress: Progress | None
    total: int | None


@dataclass(frozen=True)
class _Outputs:
    """What a scan writes besides its rows: how many pair pages, with stance, and the inputs
    its reader set aside (known before the scan; more are added as they come)."""

    pair_pages: int | None | Literal["settings"]
    stance: bool
    skipped_inputs: Sequence[str | InputError]


def _scanned(scan: Callable[[_Ledger], None], run: _Run, outputs: _Outputs) -> ScanResult:
    """Run ``scan`` with a ledger of the output folder (locked, resumable), then write the outputs."""
    from compare.scan.outputs import write_outputs

    conn = open_index(run.index_path)
    stamp = scan_stamp(generation(conn), run.settings)
    conn.close()
    with output_lock(run.out_dir):
        state = run.out_dir / STATE
        done = _start_state(state, stamp)
        with state.open("a", encoding="utf-8") as stream:
            ledger = _Ledger(run.out_dir, stream, done, run.progress, run.total)
            ledger.report()
            scan(ledger)
            ledger.report()
        skipped = [*outputs.skipped_inputs, *ledger.inputs]
        result = ledger.result(stamp, tuple(map(str, skipped)))
        shown = run.settings.pair_pages if outputs.pair_pages == "settings" else outputs.pair_pages
        write_outputs(result, run.index_path, run.settings, shown, outputs.stance, run.engine)
    return result


# A scanned page as the ledger records it: id, key, rows, their JSON lines, and the page for
# the page store (None when it has no row).
Scanned = tuple[str, str, list[dict[str, Any]], list[str], bytes | None]


@dataclass
class _Ledger:
    """What a scan records as it goes: the state file, each page's rows by key, the keys in
    input order, the pages and inputs set aside, and the counts."""

    out_dir: Path
    stream: TextIO
    done: dict[str, list[dict[str, Any]]]
    progress: Progress | None
    total: int | None
    keys: list[str] = field(default_factory=list)
    lines: dict[str, list[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    inputs: list[InputError] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    resumed: int = 0
    scanned: int = 0

    def admit(self, page_id: str, key: str, words: bool) -> bool:
        """Whether a page is to be scanned: not when it has no words or an id already given
        (set aside with the reason), nor when an earlier run scanned it (counted as resumed)."""
        reason = unusable(page_id, words, self.seen)
        if reason:
            self.skipped.append(reason)
            return False
        self.keys.append(key)
        if key in self.done:
            self.resumed += 1
            return False
        return True

    def record(self, found: Sequence[Scanned]) -> None:
        """Save a batch of scanned pages: those with rows in the page store first (a page the
        state calls done always has its text kept), then every one in the state file, synced."""
        keep_blobs(self.out_dir, [(page_id, stored) for page_id, _, _, _, stored in found if stored is not None])
        for _, key, rows, encoded, _ in found:
            self.done[key], self.lines[key] = rows, encoded
            self.stream.write(_state_line(key, encoded))
        _sync(self.stream)
        self.scanned += len(found)
        self.report()

    def report(self) -> None:
        """Tell the progress callback how many pages are done."""
        if self.progress:
            self.progress(self.scanned + self.resumed, self.total)

    def result(self, stamp: str, skipped: tuple[str, ...]) -> ScanResult:
        """The scan's result: every page's rows, this run's and resumed ones, in order."""
        matches, jsonl = _rows_in_order(self.keys, self.done, self.lines)
        everything = tuple(self.skipped) + skipped
        return ScanResult(matches, len(self.keys), self.scanned, self.resumed, everything, self.out_dir, jsonl, stamp)


def _scan_articles(
    pages: Iterable[Article], index_path: str, settings: ScanSettings, engine: Engine, ledger: _Ledger
) -> None:
    """Scan a stream of articles, ``settings.batch_pages`` at a time, on the engine."""
    waiting: dict[str, str] = {}

    def batches() -> Iterator[tuple[str, list[Article], ScanSettings]]:
        batch: list[Article] = []
        for page in pages:
            key = page_key(page)
            if not ledger.admit(page.id, key, has_words(page)):
                continue
            waiting[page.id] = key
            batch.append(page)
            if len(batch) == settings.batch_pages:
                yield index_path, batch, settings
                batch = []
        if batch:
            yield index_path, batch, settings

    for (_, batch, _), results in run_scan(engine, index_path, settings, batches()):
        ledger.record(
            [
                (page.id, waiting.pop(page.id), rows, encoded, page_blob(page) if rows else None)
                for page, (_, rows, encoded) in zip(batch, results, strict=True)
            ]
        )


def _scan_chunks(
    chunks: Iterable[list[Item]],
    index_path: str,
    settings: ScanSettings,
    engine: Engine,
    ledger: _Ledger,
    on_skip: Callable[[InputError], None],
) -> None:
    """Scan chunks of input records, each read and matched in a worker (``read_and_match``)."""
    from compare.scan.inputs import read_and_match

    done = frozenset(ledger.done)
    work = ((index_path, chunk, settings, done) for chunk in chunks)
    with shared_postings(index_path, settings) if engine.workers > 1 else nullcontext():
        for _, outcomes in run_batches(engine, read_and_match, work, ordered=True):
            found: list[Scanned] = []
            for outcome in outcomes:
                if isinstance(outcome, InputError):
                    on_skip(outcome)
                    ledger.inputs.append(outcome)
                elif ledger.admit(outcome.page_id, outcome.key, outcome.has_words):
                    found.append((outcome.page_id, outcome.key, outcome.rows, outcome.encoded, outcome.stored))
            ledger.record(found)


def _rows_in_order(
    keys: list[str], done: dict[str, list[dict[str, Any]]], lines: dict[str, list[str]]
) -> tuple[tuple[Match, ...], str]:
    """Every page's rows, this run's and resumed ones, as matches and JSONL sorted by (page, original)."""
    found: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    for key in keys:
        rows = done.get(key, [])
        encoded = lines.get(key) or [json.dumps(r, ensure_ascii=False) for r in rows]
        for row, line in zip(rows, encoded, strict=True):
            found[(row["page_id"], row["original_id"])] = (row, line)
    order = sorted(found)
    return tuple(Match.from_row(found[pair][0]) for pair in order), "".join(found[pair][1] + "\n" for pair in order)


def _sync(stream: TextIO) -> None:
    """The state file on disk before the next batch: a crash loses at most the batch under way."""
    stream.flush()
    os.fsync(stream.fileno())


def _state_line(key: str, encoded: list[str]) -> str:
    """``json.dumps({"key": key, "rows": rows})`` from the rows already encoded."""
    return '{"key": ' + json.dumps(key) + ', "rows": [' + ", ".join(encoded) + "]}\n"


def unusable(page_id: str, words: bool, seen: set[str]) -> str | None:
    """Why a page is set aside (no words, an id already scanned), or None; records its id."""
    if not words:
        return f"{page_id}: page has no words"
    if page_id in seen:
        return f"{page_id}: id given twice; the first page with it was scanned"
    seen.add(page_id)
    return None


def check_engine_options(engine: str, scheduler: str | None) -> None:
    """Refuse option combinations that cannot work."""
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
