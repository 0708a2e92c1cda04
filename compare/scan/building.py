"""Originals read and prepared in the same worker process (``compare index build`` of files).

Each worker gets a chunk of input records, not yet read: ``BATCH`` of them, the batch the index
writes in one transaction and the reader's corpus passes (site template, dates) see. It reads
them into articles and sends back what the index keeps of each: its columns, its text hash and
its prepared rows (fingerprints, compressed text, anchors, shingle keys). The texts do not travel
between processes; the process writing the index reads the first records once more, for the
text dictionary, before the workers start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from compare.errors import InputError, no_articles_error
from compare.model import Article
from compare.scan.index import (
    BATCH,
    Analysis,
    Change,
    Fields,
    Prepared,
    Writer,
    built_index,
    fields_of,
    prepare_texts,
    read_dictionary,
    text_hash,
)
from compare.scan.inputs import Item, first_readable, read_chunk, record_chunks
from compare.settings import FingerprintSettings

# Records read here, before the workers start, for the text dictionary (32 KiB: a few stories).
DICTIONARY_SAMPLE = 100


@dataclass(frozen=True)
class ReadChunk:
    """What a worker sends back for a chunk of records: for each, in input order, the article's
    columns and text hash or the record's reason for being skipped; the articles' prepared rows."""

    items: list[tuple[Fields, str] | InputError]
    prepared: Prepared


def read_and_prepare(chunk: Sequence[Item], settings: FingerprintSettings, dictionary: bytes) -> ReadChunk:
    """What a worker runs: a chunk of records read into articles and prepared for the index."""
    opened = read_chunk(chunk)
    articles = [a for a in opened if isinstance(a, Article)]
    prepared = prepare_texts([(a.text, a.title, a.language) for a in articles], settings, dictionary)
    items = [a if isinstance(a, InputError) else (fields_of(a), text_hash(a.text)) for a in opened]
    return ReadChunk(items, prepared)


def build_index_from_inputs(
    path: str | Path,
    paths: Sequence[str],
    analysis: Analysis,
    progress: Callable[[int], None] | None = None,
    on_skip: Callable[[InputError], None] = lambda error: None,
) -> Change:
    """``build_index`` of the articles read from ``paths`` (files, folders, JSONL exports), each
    read in the worker process that prepares it. Each input or record that cannot be read is
    given to ``on_skip`` as it comes, in input order; ``NoArticlesError`` when no article can
    be read (then nothing is written)."""
    from compare.scan.engines import Engine, run_batches

    early, chunks = first_readable(record_chunks(paths, BATCH))
    for error in early:
        on_skip(error)
    if chunks is None:
        raise no_articles_error(paths)
    first = next(chunks)
    sample = [a.text for a in read_chunk(first[:DICTIONARY_SAMPLE]) if isinstance(a, Article)]

    def fill(conn: sqlite3.Connection, shingles: dict[int, np.ndarray]) -> Change:
        writer = Writer(conn, shingles)
        dictionary = read_dictionary(conn)
        work = ((chunk, analysis.settings, dictionary) for chunk in chain([first], chunks))
        for _, found in run_batches(Engine("local", analysis.workers), read_and_prepare, work, ordered=True):
            read = [item for item in found.items if not isinstance(item, InputError)]
            for item in found.items:
                if isinstance(item, InputError):
                    on_skip(item)
            writer.write(*writer.fresh([(fields, digest, i) for i, (fields, digest) in enumerate(read)]), found.prepared)
            if progress:
                progress(writer.seen)
        return writer.change()

    return built_index(path, sample, fill, analysis)
