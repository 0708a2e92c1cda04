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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from compare.errors import UsageError
from compare.model import Article
from compare.scan.engines import Engine, run_batches
from compare.scan.index import generation, open_index
from compare.scan.matching import Match, scan_batch
from compare.settings import ScanSettings

STATE = ".scan-state.jsonl"
LOCK = ".scan.lock"

Progress = Callable[[int, int], None]


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


def _start_state(path: Path, stamp: str, done: dict[str, list[dict[str, Any]]]) -> None:
    """Rewrite the state file with its header and the records kept (dropping torn lines)."""
    from compare.render.files import write_atomic

    lines = [json.dumps({"index": stamp})]
    lines += [json.dumps({"key": k, "rows": v}, ensure_ascii=False) for k, v in done.items()]
    write_atomic(path, "\n".join(lines) + "\n")


def scan_pages(
    pages: Sequence[Article],
    index_path: str | Path,
    out_dir: Path,
    settings: ScanSettings = ScanSettings(),
    engine: Engine = Engine(),
    progress: Progress | None = None,
    pair_pages: int | None = None,
    extra_skipped: tuple[str, ...] = (),
) -> ScanResult:
    """Match every page against the index (resumable) and write the outputs into ``out_dir``.

    ``pair_pages`` is how many pair pages to render (most copied first); None renders all.
    """
    from compare.scan.outputs import write_outputs

    conn = open_index(index_path)
    stamp = generation(conn)
    conn.close()
    usable, skipped = usable_pages(pages)
    with output_lock(out_dir):
        result = _scan(usable, str(index_path), out_dir, stamp, settings, engine, progress)
        result = replace(result, skipped=tuple(skipped) + extra_skipped)
        write_outputs(result, usable, str(index_path), pair_pages)
    return result


def _scan(
    pages: Sequence[Article],
    index_path: str,
    out_dir: Path,
    stamp: str,
    settings: ScanSettings,
    engine: Engine,
    progress: Progress | None,
) -> ScanResult:
    state = out_dir / STATE
    done = _read_state(state, stamp)
    _start_state(state, stamp, done)
    keyed = [(page_key(p), p) for p in pages]
    todo = [p for k, p in keyed if k not in done]
    todo_keys = {p.id: k for k, p in keyed if k not in done}
    size = settings.batch_pages
    batches = [(index_path, todo[i : i + size], settings) for i in range(0, len(todo), size)]
    finished = len(pages) - len(todo)
    if progress:
        progress(finished, len(pages))
    lines: dict[str, list[str]] = {}
    with state.open("a", encoding="utf-8") as stream:
        for number, results in run_batches(engine, scan_batch, batches):
            batch_pages = batches[number][1]
            for page, (page_id, rows, encoded) in zip(batch_pages, results, strict=True):
                key = todo_keys.get(page_id, page_key(page))
                done[key], lines[key] = rows, encoded
                stream.write(_state_line(key, encoded))
            stream.flush()
            os.fsync(stream.fileno())
            finished += len(batch_pages)
            if progress:
                progress(finished, len(pages))
    found: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    for key, _ in keyed:
        rows = done.get(key, [])
        encoded = lines.get(key) or [json.dumps(r, ensure_ascii=False) for r in rows]
        for row, line in zip(rows, encoded, strict=True):
            found[(row["page_id"], row["original_id"])] = (row, line)
    order = sorted(found)
    matches = tuple(Match.from_row(found[pair][0]) for pair in order)
    jsonl = "".join(found[pair][1] + "\n" for pair in order)
    return ScanResult(matches, len(pages), len(todo), len(pages) - len(todo), (), out_dir, jsonl)


def _state_line(key: str, encoded: list[str]) -> str:
    """``json.dumps({"key": key, "rows": rows})`` from the rows already encoded."""
    return '{"key": ' + json.dumps(key) + ', "rows": [' + ", ".join(encoded) + "]}\n"


def usable_pages(articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
    """Pages with words in them, and a reason for each page set aside."""
    kept: list[Article] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for article in articles:
        if not any(ch.isalnum() for ch in article.text):
            skipped.append(f"{article.id}: page has no words")
        elif article.id in seen:
            skipped.append(f"{article.id}: id given twice; the first page with it was scanned")
        else:
            seen.add(article.id)
            kept.append(article)
    return kept, skipped


def check_engine_options(engine: str, scheduler: str | None) -> None:
    """Refuse option combinations that cannot work."""
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
