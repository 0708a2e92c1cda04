"""The persistent index: build, add, remove, stats, order independence, and refusing bad files."""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.errors import IndexFileError
from compare.scan import add_articles, build_index, index_info, remove_ids
from compare.scan.fingerprint import tokenize_many
from compare.scan.index import (
    compress_text,
    decompress_text,
    open_index,
    read_fingerprints,
    read_originals,
    train_dictionary,
)
from tests.scan_fixtures import originals


def _prints(path: Path) -> dict[str, bytes]:
    conn = open_index(path)
    _, arrays, ids = read_fingerprints(conn)
    conn.close()
    return {i: a.tobytes() for i, a in zip(ids, arrays, strict=True)}


def test_build_add_remove_and_stats(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    docs = originals(6)
    assert build_index(db, docs[:4]).added == 4
    change = add_articles(db, [docs[4], docs[5], docs[0]])
    assert (change.added, change.unchanged) == (2, 1)
    edited = replace(docs[1], text=docs[1].text + " A new closing line.")
    assert add_articles(db, [edited]).replaced == 1
    removed = remove_ids(db, ["orig-02", "no-such-id"])
    assert (removed.removed, removed.missing) == (1, ("no-such-id",))
    info = index_info(db)
    assert info.documents == 5
    assert info.fingerprints > 5 * 20
    assert info.schema_version == 3
    assert info.generation == 4


def test_same_documents_in_any_order_give_the_same_index(tmp_path: Path) -> None:
    docs = originals(6)
    build_index(tmp_path / "a.db", docs)
    build_index(tmp_path / "b.db", docs[3:])
    add_articles(tmp_path / "b.db", list(reversed(docs[:3])))
    assert _prints(tmp_path / "a.db") == _prints(tmp_path / "b.db")


def test_a_failed_add_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    docs = originals(3)
    build_index(db, docs[:1])

    def exploding() -> Iterator:
        yield docs[1]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        add_articles(db, exploding())
    assert index_info(db).documents == 1


def test_missing_index_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(
        IndexFileError, match=r"no such index; create it with `compare index build PATHS --db"
    ):
        index_info(tmp_path / "none.db")


def test_foreign_file_is_refused(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.db"
    text_file.write_text("just some notes, not a database at all " * 100)
    with pytest.raises(
        IndexFileError, match=r"notes.db: not a compare scan index \(not an SQLite database\)"
    ):
        index_info(text_file)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('format', 'something-else')")
    conn.commit()
    conn.close()
    with pytest.raises(IndexFileError, match="an SQLite file of another program"):
        index_info(other)


def test_other_schema_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    build_index(db, originals(1))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(
        IndexFileError, match="index schema version 99, this compare reads versions 1, 2, 3; rebuild it"
    ):
        index_info(db)


def test_fingerprints_are_sorted_unique_uint64(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    build_index(db, originals(2))
    for blob in _prints(db).values():
        values = np.frombuffer(blob, dtype="<u8")
        assert (values[1:] > values[:-1]).all()


def test_texts_come_back_exactly_and_the_dictionary_makes_them_smaller() -> None:
    docs = originals(6)
    dictionary = train_dictionary([d.text for d in docs[:3]])
    assert 0 < len(dictionary) <= 32 * 1024
    for doc in docs[3:]:
        packed = compress_text(doc.text, dictionary)
        assert decompress_text(packed, dictionary) == doc.text
        assert len(packed) < len(compress_text(doc.text, b""))
    assert decompress_text(compress_text("Ünïcode — text", b""), b"") == "Ünïcode — text"


def test_version_1_index_with_plain_zlib_texts_is_still_read_and_added_to(tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    docs = originals(3)
    build_index(db, docs[:2])
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM meta WHERE key = 'text_dictionary'")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    for doc, article_id in conn.execute("SELECT doc, id FROM docs").fetchall():
        text = next(d.text for d in docs if d.id == article_id)
        conn.execute("UPDATE texts SET body = ? WHERE doc = ?", (zlib.compress(text.encode(), 3), doc))
    conn.commit()
    conn.close()
    assert add_articles(db, [docs[2]]).added == 1
    conn = open_index(db)
    stored = read_originals(conn, [row[0] for row in conn.execute("SELECT doc FROM docs")])
    conn.close()
    assert sorted(a.text for a in stored.values()) == sorted(d.text for d in docs)
    assert index_info(db).schema_version == 1


def _stored(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return list(
            conn.execute(
                "SELECT d.doc, d.id, d.text_hash, d.words, d.fingerprints, t.body"
                " FROM docs d JOIN texts t ON t.doc = d.doc ORDER BY d.doc"
            )
        )
    finally:
        conn.close()


def test_worker_processes_store_what_one_process_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import compare.scan.index as index

    monkeypatch.setattr(index, "BATCH", 3)  # several batches in flight at once
    docs = originals(8)
    changed = replace(docs[1], text=docs[1].text + " Then a correction.")
    stream = [*docs, docs[2], changed]  # an id repeated unchanged, and one changed, in later batches
    counts = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        counts.append(build_index(db, stream, workers=workers))
        counts.append(add_articles(db, [docs[0], replace(docs[3], text="Now quite different.")], workers))
    assert counts[:2] == counts[2:]
    assert counts[0].unchanged == 1 and counts[0].replaced == 1
    assert _stored(tmp_path / "w1.db") == _stored(tmp_path / "w2.db")


@given(st.lists(st.text(alphabet=st.characters(max_codepoint=127), max_size=40), min_size=1, max_size=4))
@settings(max_examples=100, deadline=None)
def test_ascii_texts_give_the_words_they_give_beside_other_scripts(texts: list[str]) -> None:
    """Texts all ASCII are read a byte a character; beside a text that is not, four bytes."""
    alone = tokenize_many(texts)
    mixed = tokenize_many([*texts, "café"])[: len(texts)]
    for one, other in zip(alone, mixed, strict=True):
        assert one.hashes.tolist() == other.hashes.tolist()
        assert (one.starts.tolist(), one.ends.tolist()) == (other.starts.tolist(), other.ends.tolist())
