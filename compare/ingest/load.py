"""Read inputs (files, folders, JSON exports, web archives, URLs, stdin) into Articles.

Bad inputs are reported, not fatal. Every reader runs behind one guard (``_read``): whatever
goes wrong while reading one file or one record makes it a skipped input, named with its place
(file, line or record) and a one-line reason, and the run goes on with the rest.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING

from compare.errors import InputError, one_line
from compare.ingest.assemble import Draft
from compare.ingest.corpus import remove_template, resolve_dates
from compare.ingest.formats import EXTENSIONS, Record, input_records
from compare.ingest.sources import FetchSettings, is_url
from compare.model import Article
from compare.settings import DEFAULT_SETTINGS

if TYPE_CHECKING:
    from concurrent.futures import Future

# In a folder, notes beside the articles (README.md) are not read; named alone, any file is.
FOLDER_SUFFIXES = frozenset(EXTENSIONS) - {".md"}

# Records are built in a pool this many at a time (a few hundred kB of JSONL), and each worker
# has this many chunks in flight, so it never waits for the next while this process reads.
POOL_CHUNK = 100
POOL_CHUNKS_PER_WORKER = 4

# What ``iter_articles`` yields: an article, or an input (or record) skipped with its reason.
Loaded = Article | InputError


@dataclass(frozen=True)
class LoadResult:
    """The articles read and the inputs skipped, each with its reason."""

    articles: tuple[Article, ...]
    skipped: tuple[InputError, ...]


def load(
    source: str | Path,
    clean: bool = True,
    *,
    fetch: FetchSettings | None = None,
    today: dt.date | None = None,
) -> Article:
    """Load one article from a path, a URL or ``-`` (stdin); the first when an input holds several."""
    for item in _read(str(source), clean, fetch):
        if isinstance(item, InputError):
            raise item
        return resolve_dates([item], today)[0]
    raise InputError(str(source), "no article found")


def iter_articles(
    sources: Iterable[str | Path],
    clean: bool = True,
    *,
    fetch: FetchSettings | None = None,
    today: dt.date | None = None,
    batch: int | None = DEFAULT_SETTINGS.ingest_batch_articles,
    workers: int = 1,
) -> Iterator[Loaded]:
    """Articles and skipped inputs as they are read, in input order; folders are recursed and
    JSONL files and web archives streamed record by record, so memory holds one batch.

    With ``clean``, paragraphs repeated across pages of one site (within a batch of ``batch``
    articles; ``None`` makes all the inputs one batch) are removed as template, and month-days
    without a year get one from the weekday, the page and the other articles' dates. With
    ``workers`` above 1, records are parsed and cleaned in that many processes (the order and
    the articles are the same); this process only reads the inputs.
    """
    drafts: list[Draft] = []
    for found in _drafts(sources, clean, fetch, workers):
        if isinstance(found, InputError):
            yield found
            continue
        drafts.append(found)
        if batch is not None and len(drafts) >= batch:
            yield from settle(drafts, clean, today)
            drafts = []
    yield from settle(drafts, clean, today)


def load_many(
    sources: Iterable[str | Path],
    clean: bool = True,
    *,
    fetch: FetchSettings | None = None,
    today: dt.date | None = None,
) -> LoadResult:
    """Load every article from many inputs (folders recursed); unreadable ones are skipped.

    All the inputs are one batch of ``iter_articles``: template paragraphs and years are found
    across all of them.
    """
    articles: list[Article] = []
    skipped: list[InputError] = []
    for item in iter_articles(sources, clean, fetch=fetch, today=today, batch=None):
        if isinstance(item, InputError):
            skipped.append(item)
        else:
            articles.append(item)
    return LoadResult(tuple(articles), tuple(skipped))


def settle(drafts: list[Draft], clean: bool, today: dt.date | None = None) -> list[Article]:
    """The corpus passes over one batch of drafts (``iter_articles``'s batch)."""
    if clean:
        drafts = remove_template(drafts)
    return resolve_dates(drafts, today)


def _read(source: str, clean: bool, fetch: FetchSettings | None) -> Iterator[Draft | InputError]:
    """One input's drafts and skipped records, built in this process."""
    for record in _records(source, clean, fetch):
        yield record if isinstance(record, InputError) else build_record(record)


def _records(source: str, clean: bool, fetch: FetchSettings | None) -> Iterator[Record | InputError]:
    """One input's records (not yet built) and the records it could not read: the guard of the
    container. A failure of the input itself (opening it, or a damaged archive) ends that input
    after the records already read."""
    extension = "" if source == "-" or is_url(source) else _suffix(Path(source))
    try:
        yield from input_records(source, clean, fetch, extension)
    except Exception as error:
        yield skipped_input(source, error)


def build_record(record: Record) -> Draft | InputError:
    """The draft of one record, or the record skipped: the guard every record is built behind
    (a failure building one record skips that record only)."""
    try:
        return record.build()
    except Exception as error:
        return skipped_input(record.place, error)


def _build_chunk(records: list[Record]) -> list[Draft | InputError]:
    return [build_record(record) for record in records]


def _drafts(
    sources: Iterable[str | Path], clean: bool, fetch: FetchSettings | None, workers: int
) -> Iterator[Draft | InputError]:
    """The drafts of every input in order; with ``workers`` above 1 built in a process pool."""
    items = input_items(sources, clean, fetch)
    if workers <= 1:
        yield from (found if isinstance(found, InputError) else build_record(found) for found in items)
        return
    yield from _built_in_pool(items, workers)


def input_items(sources: Iterable[str | Path], clean: bool, fetch: FetchSettings | None) -> Iterator[Record | InputError]:
    """The records of every input in order (not yet built: ``build_record``), and the inputs
    and records already known to be unreadable."""
    return (
        found
        for source in sources
        for item in expand(str(source))
        for found in ([item] if isinstance(item, InputError) else _records(item, clean, fetch))
    )


def _chunks(items: Iterator[Record | InputError]) -> Iterator[list[Record | InputError]]:
    while chunk := list(islice(items, POOL_CHUNK)):
        yield chunk


def _built_in_pool(items: Iterator[Record | InputError], workers: int) -> Iterator[Draft | InputError]:
    """Records built by ``workers`` processes a chunk at a time, yielded in input order; a few
    chunks per worker in flight, so a stream is never held whole. Inputs of one chunk or less
    are built here (starting processes would cost more than it saves)."""
    chunks = _chunks(items)
    first = list(islice(chunks, 2))
    if len(first) < 2:
        for chunk in first:
            yield from (item if isinstance(item, InputError) else build_record(item) for item in chunk)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: the caller may run threads (a progress bar) that fork would copy mid-state.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        queue: deque[tuple[list[Record | InputError], Future[list[Draft | InputError]]]] = deque()
        for chunk in chain(first, chunks):
            records = [item for item in chunk if isinstance(item, Record)]
            queue.append((chunk, pool.submit(_build_chunk, records)))
            while len(queue) > POOL_CHUNKS_PER_WORKER * workers:
                yield from _in_order(*queue.popleft())
        while queue:
            yield from _in_order(*queue.popleft())


def _in_order(
    chunk: list[Record | InputError], built: Future[list[Draft | InputError]]
) -> Iterator[Draft | InputError]:
    """A chunk's items in input order: its skipped records where they were, the rest as built."""
    drafts = iter(built.result())
    for item in chunk:
        yield item if isinstance(item, InputError) else next(drafts)


def skipped_input(place: str, error: Exception) -> InputError:
    """The skipped input for a failure: an InputError as raised, anything else given a one-line
    reason, with the traceback kept as ``detail`` (``--debug`` shows it)."""
    if isinstance(error, InputError):
        cause = error.__cause__
        if cause is not None and error.detail is None:
            error.detail = "".join(traceback.format_exception(cause))
        error.__cause__ = None
        return error.with_traceback(None)
    if isinstance(error, RecursionError):
        reason = "nested too deeply to read"
    elif isinstance(error, MemoryError):
        reason = "too large to read into memory"
    else:
        reason = f"could not be read ({type(error).__name__}: {one_line(str(error))})"
    return InputError(place, reason, detail="".join(traceback.format_exception(error)))


def expand(source: str) -> Iterator[str | InputError]:
    """The inputs a source names: itself, or the article files of a folder (recursive, sorted)."""
    if source == "-" or is_url(source) or not Path(source).is_dir():
        yield source
        return
    found = sorted(_folder_inputs(Path(source)), key=lambda entry: entry[0])
    if not any(isinstance(item, str) for _, item in found):
        found.append(
            (Path(source), InputError(source, "folder holds no articles (.txt, .html, .json, .jsonl, .xml, .warc)"))
        )
    yield from (item for _, item in found)


def _folder_inputs(root: Path) -> Iterator[tuple[Path, str | InputError]]:
    """Article files under ``root`` (hidden ones left out), following links to folders once
    each; a link loop, a broken link and an unreadable folder are named with their reason."""
    read: dict[tuple[int, int], Path] = {}
    unreadable: list[OSError] = []
    for folder, folders, files in os.walk(root, followlinks=True, onerror=unreadable.append):
        here = Path(folder)
        status = here.stat()
        first = read.setdefault((status.st_dev, status.st_ino), here)
        if first != here:
            yield here, InputError(str(here), f"symbolic link to a folder already read ({first})")
            folders.clear()
            continue
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            path = here / name
            if name.startswith(".") or not (_suffix(path) in FOLDER_SUFFIXES or not path.suffix):
                continue
            if path.is_file():
                yield path, str(path)
            elif path.is_symlink():
                yield path, InputError(str(path), _link_problem(path))
    for error in unreadable:
        where = Path(error.filename or root)
        yield where, InputError(str(where), f"cannot be read ({error.strerror or type(error).__name__})")


def _link_problem(path: Path) -> str:
    try:
        path.stat()
    except OSError as error:
        return "symbolic link loop" if error.errno == errno.ELOOP else "broken symbolic link"
    return "symbolic link to something that is not a file"


def _suffix(path: Path) -> str:
    return path.suffix.lower()
