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
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TextIO

from compare.errors import InputError, UsageError
from compare.model import Article
from compare.scan.engines import Engine
from compare.scan.index import generation, open_index
from compare.scan.matching import Match
from compare.scan.shards import run_scan
from compare.scan.store import keep_pages
from compare.settings import ScanSettings

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


def page_key(page: Article) -> str:
    """The content hash a re-run uses to recognise a page it already scanned."""
    return hashlib.sha1(f"{page.id}\x00{page.text}".encode()).hexdigest()


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
    from compare.scan.outputs import write_outputs

    conn = open_index(index_path)
    stamp = scan_stamp(generation(conn), settings)
    conn.close()
    engine = engine or Engine()
    with output_lock(out_dir):
        result = _scan(pages, str(index_path), out_dir, stamp, settings, engine, progress)
        result = replace(result, skipped=result.skipped + tuple(map(str, skipped_inputs)))
        shown = settings.pair_pages if pair_pages == "settings" else pair_pages
        write_outputs(result, str(index_path), settings, shown, stance, engine)
    return result


def _scan(
    pages: Iterable[Article],
    index_path: str,
    out_dir: Path,
    stamp: str,
    settings: ScanSettings,
    engine: Engine,
    progress: Progress | None,
) -> ScanResult:
    state = out_dir / STATE
    done = _start_state(state, stamp)
    total = len(pages) if isinstance(pages, Sized) else None
    keys: list[str] = []
    skipped: list[str] = []
    waiting: dict[str, str] = {}
    counts = {"resumed": 0, "scanned": 0}

    def batches() -> Iterator[tuple[str, list[Article], ScanSettings]]:
        seen: set[str] = set()
        batch: list[Article] = []
        for page in pages:
            reason = unusable(page, seen)
            if reason:
                skipped.append(reason)
                continue
            key = page_key(page)
            keys.append(key)
            if key in done:
                counts["resumed"] += 1
                continue
            waiting[page.id] = key
            batch.append(page)
            if len(batch) == settings.batch_pages:
                yield index_path, batch, settings
                batch = []
        if batch:
            yield index_path, batch, settings

    if progress:
        progress(0, total)
    lines: dict[str, list[str]] = {}
    with state.open("a", encoding="utf-8") as stream:
        for (_, batch, _), results in run_scan(engine, index_path, settings, batches()):
            # Pages first, then the state: a page the state calls done always has its text kept.
            keep_pages(out_dir, [page for page, (_, rows, _) in zip(batch, results, strict=True) if rows])
            for page, (_, rows, encoded) in zip(batch, results, strict=True):
                key = waiting.pop(page.id)
                done[key], lines[key] = rows, encoded
                stream.write(_state_line(key, encoded))
            _sync(stream)
            counts["scanned"] += len(batch)
            if progress:
                progress(counts["scanned"] + counts["resumed"], total)
    if progress:
        progress(counts["scanned"] + counts["resumed"], total)
    matches, jsonl = _rows_in_order(keys, done, lines)
    return ScanResult(
        matches, len(keys), counts["scanned"], counts["resumed"], tuple(skipped), out_dir, jsonl, stamp
    )


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


def unusable(page: Article, seen: set[str]) -> str | None:
    """Why a page is set aside (no words, an id already scanned), or None; records its id."""
    if not any(ch.isalnum() for ch in page.text):
        return f"{page.id}: page has no words"
    if page.id in seen:
        return f"{page.id}: id given twice; the first page with it was scanned"
    seen.add(page.id)
    return None


def check_engine_options(engine: str, scheduler: str | None) -> None:
    """Refuse option combinations that cannot work."""
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
