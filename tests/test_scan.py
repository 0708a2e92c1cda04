"""The scan: candidates, bulk alignment, outputs, resuming, locking, bad input and engines."""

from __future__ import annotations

import csv
import json
import os
import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align.diff import copied_passage
from compare.align.seeds import seed_runs
from compare.errors import UsageError
from compare.ingest import iter_articles
from compare.model import Article
from compare.normalise import tokenize
from compare.scan import Engine, build_index, scan_inputs, scan_pages
from compare.scan.bulk import Words, bulk_align, vector_seed_runs
from compare.scan.fingerprint import fingerprints, tokenize_many
from compare.scan.scan import LOCK, output_lock
from compare.scan.store import stored_pages
from compare.settings import DEFAULT_SETTINGS, FingerprintSettings, ScanSettings
from tests.scan_fixtures import VOCABULARY, originals, pages

ALIGN = DEFAULT_SETTINGS.align


def _words(*texts: str) -> list[Words]:
    return [Words.of(t, w) for t, w in zip(texts, tokenize_many(list(texts)), strict=True)]


@given(
    st.lists(st.sampled_from("abcdef"), max_size=40),
    st.lists(st.sampled_from("abcdef"), max_size=40),
    st.integers(0, 40),
)
@settings(max_examples=150, deadline=None)
def test_vector_seeds_equal_seed_runs(a: list[str], b: list[str], cut: int) -> None:
    b = a[:cut] + b
    wa, wb = _words(" ".join(a), " ".join(b))
    assert vector_seed_runs(wa, wb, ALIGN) == seed_runs(a, b, ALIGN)


def test_edited_passage_matches_copied_passage() -> None:
    rng = random.Random(5)
    original = " ".join(rng.choice(VOCABULARY) for _ in range(300))
    words = original.split(" ")
    for i in range(3, len(words), 9):
        words[i] = "replaced"
    page = "Intro line here. " + " ".join(words)
    wa, wb = _words(original, page)
    aligned = bulk_align(wa, wb, ALIGN)
    assert len(aligned.passages) == 1
    passage = aligned.passages[0]
    assert passage.kind == "edited" and passage.a and passage.b
    a_tokens = [t for t in tokenize(original) if passage.a.start <= t.start < passage.a.end]
    b_tokens = [t for t in tokenize(page) if passage.b.start <= t.start < passage.b.end]
    reference = copied_passage(original, page, a_tokens, b_tokens)
    assert passage.edits == reference.edits
    assert passage.similarity == pytest.approx(reference.similarity)


def test_fingerprints_survive_a_copy_into_new_surroundings() -> None:
    text = originals(1)[0].text
    fp = FingerprintSettings()
    alone = set(fingerprints(text, fp).tolist())
    wrapped = set(fingerprints("Menu. Sign in. " + text + " Share this story.", fp).tolist())
    assert alone <= wrapped
    assert set(fingerprints(text.upper(), fp).tolist()) == alone


@pytest.fixture
def index(tmp_path: Path) -> Path:
    db = tmp_path / "originals.db"
    build_index(db, originals(8))
    return db


def _rows(out: Path) -> list[dict[str, str]]:
    with (out / "matches.csv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_scan_finds_copies_digests_and_credit(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = scan_pages(pages(originals(8)), index, out, pair_pages=1)
    pairs = [(m.page_id, m.original_id) for m in result.matches]
    assert pairs == [
        ("page-copy", "orig-00"),
        ("page-digest", "orig-01"),
        ("page-digest", "orig-02"),
        ("page-rewrite", "orig-03"),
    ]
    copy, _, _, rewrite = result.matches
    assert copy.attributed == "yes" and copy.attribution_evidence == "Originally published by Northwire."
    assert copy.share_of_original_reused == 1.0 and copy.relation in ("duplicate", "copy-with-edits")
    assert rewrite.page_edited > 0.9 and rewrite.attributed == "no"
    rows = _rows(out)
    assert [(r["page_id"], r["original_id"]) for r in rows] == pairs
    jsonl = [json.loads(line) for line in (out / "matches.jsonl").read_text().splitlines()]
    assert [r["original_outlet"] for r in jsonl] == ["Northwire", "Eastpress", "Northwire", "Eastpress"]
    html = (out / "index.html").read_text()
    # Every row links its pair page; the most copied one is written, the others are made by `compare serve`.
    assert html.count('href="pairs/') == 4 and html.count('class="on-demand"') == 3
    assert "Sources by outlet" in html and f"compare serve {out}" in html
    assert len(list((out / "pairs").glob("*.html"))) == 1
    manifest = json.loads((out / "scan.json").read_text())
    assert manifest["index"] == str(index.resolve()) and manifest["settings"]["min_words"] == 20


def test_rescan_skips_pages_already_scanned(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    found = pages(originals(8))
    first = scan_pages(found[:2], index, out, pair_pages=0)
    again = scan_pages(found, index, out, pair_pages=0)
    assert (first.scanned, again.scanned, again.resumed) == (2, 2, 2)
    assert len(_rows(out)) == 4


def test_pair_pages_come_from_the_settings_and_a_new_count_rescans_nothing(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    found = pages(originals(8))
    first = scan_pages(found, index, out, settings=replace(ScanSettings(), pair_pages=2))
    assert len(list((out / "pairs").glob("*.html"))) == 2
    again = scan_pages(found, index, out, settings=replace(ScanSettings(), pair_pages=3))
    assert (first.scanned, again.scanned, again.resumed) == (4, 0, 4)
    assert len(list((out / "pairs").glob("*.html"))) == 3


def test_a_second_scan_into_the_same_folder_is_refused(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    busy = r"another scan \(process \d+\) is writing to this folder"
    with output_lock(out), pytest.raises(UsageError, match=busy):
        scan_pages(pages(originals(8)), index, out)
    assert not (out / LOCK).exists()


def test_a_stale_lock_is_taken_over(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK).write_text("999999999")
    scan_pages(pages(originals(8))[:1], index, out, pair_pages=0)
    assert len(_rows(out)) == 1 and not (out / LOCK).exists()


def test_empty_pages_are_skipped_and_the_scan_goes_on(index: Path, tmp_path: Path) -> None:
    found = [Article(id="blank", text=" \n -- \n"), *pages(originals(8))[:1]]
    result = scan_pages(found, index, tmp_path / "out", pair_pages=0)
    assert result.skipped == ("blank: page has no words",)
    assert len(result.matches) == 1
    assert "blank: page has no words" in (tmp_path / "out" / "index.html").read_text()


def test_pages_read_where_they_are_matched_are_scanned_as_pages_read_first(index: Path, tmp_path: Path) -> None:
    found = [json.dumps({"id": p.id, "text": p.text, "url": p.url, "title": p.title}) for p in pages(originals(8))]
    blank = json.dumps({"id": "blank", "text": "--"})
    feed = tmp_path / "pages.jsonl"
    feed.write_text("\n".join([found[0], "{broken", found[1], blank, found[2], found[0], found[3]]) + "\n")
    told: list[str] = []
    # Two records a task: four tasks on two worker processes, their outcomes recorded in input order.
    read = scan_inputs(
        [str(feed)],
        index,
        tmp_path / "a",
        engine=Engine(workers=2),
        pair_pages=0,
        on_skip=lambda error: told.append(str(error)),
        records_per_task=2,
    )
    loaded = list(iter_articles([str(feed)], batch=2))
    articles = [item for item in loaded if isinstance(item, Article)]
    inputs = [item for item in loaded if not isinstance(item, Article)]
    first = scan_pages(
        articles, index, tmp_path / "b", engine=Engine(workers=1), pair_pages=0, skipped_inputs=inputs
    )
    assert read.matches == first.matches and len(read.matches) == 4
    assert read.skipped == first.skipped and told == list(map(str, inputs)) and len(told) == 2
    assert any("id given twice" in reason for reason in read.skipped)
    ids = [m.page_id for m in read.matches]
    assert stored_pages(tmp_path / "a", ids) == stored_pages(tmp_path / "b", ids)
    again = scan_inputs(
        [str(feed)], index, tmp_path / "a", engine=Engine(workers=2), pair_pages=0, records_per_task=2
    )
    assert (again.scanned, again.resumed, again.matches) == (0, 4, read.matches)


def test_a_torn_state_line_is_scanned_again(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    found = pages(originals(8))
    scan_pages(found, index, out, pair_pages=0)
    state = out / ".scan-state.jsonl"
    lines = state.read_text().splitlines()
    state.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:10])
    again = scan_pages(found, index, out, pair_pages=0)
    assert again.scanned == 1 and len(again.matches) == 4


def test_local_pool_and_dask_give_identical_results(index: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from compare.settings import ScanSettings

    found = pages(originals(8))
    small = ScanSettings(batch_pages=1)
    local = scan_pages(found, index, tmp_path / "a", settings=small, pair_pages=0)
    dask = scan_pages(
        found, index, tmp_path / "b", settings=small, engine=Engine("dask", 1, processes=False), pair_pages=0
    )
    assert local.matches == dask.matches
    assert (tmp_path / "a" / "matches.csv").read_text() == (tmp_path / "b" / "matches.csv").read_text()


def test_process_pool_gives_identical_results(index: Path, tmp_path: Path) -> None:
    from compare.settings import ScanSettings

    found = pages(originals(8))
    small = ScanSettings(batch_pages=2)
    one = scan_pages(found, index, tmp_path / "a", settings=small, engine=Engine("local", 1), pair_pages=0)
    two = scan_pages(found, index, tmp_path / "b", settings=small, engine=Engine("local", 2), pair_pages=0)
    assert one.matches == two.matches


def test_worker_processes_map_one_shared_inverted_table(index: Path, tmp_path: Path) -> None:
    import numpy as np

    from compare.scan.index import generation, open_index, read_settings
    from compare.scan.matching import index_postings, opened_index, shared_folder, shared_postings

    settings = ScanSettings()
    conn = open_index(index)
    built = index_postings(conn, replace(settings, fingerprint=read_settings(conn)))
    folder = shared_folder(generation(conn), replace(settings, fingerprint=read_settings(conn)))
    conn.close()
    with shared_postings(str(index), settings):
        assert folder.is_dir()
        mapped = opened_index(str(index), settings)[1].postings
    assert not folder.exists()  # removed when the scan ends
    assert isinstance(mapped.keys, np.memmap)
    assert mapped.ids == built.ids
    for name, array in built.arrays().items():
        assert np.array_equal(mapped.arrays()[name], array)


def test_output_files_leave_no_temporaries(index: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    scan_pages(pages(originals(8)), index, out, pair_pages=0)
    assert sorted(os.listdir(out)) == [
        ".scan-pages.sqlite",
        ".scan-state.jsonl",
        "assets",
        "index.html",
        "matches.csv",
        "matches.jsonl",
        "scan.json",
    ]


def test_ctrl_c_keeps_finished_batches_and_writes_no_partial_output(index: Path, tmp_path: Path) -> None:
    from compare.settings import ScanSettings

    out = tmp_path / "out"
    found = pages(originals(8))
    calls: list[int] = []

    def interrupt_after_first_batch(done: int, total: int | None) -> None:
        calls.append(done)
        if done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        scan_pages(
            found, index, out, settings=ScanSettings(batch_pages=2), progress=interrupt_after_first_batch
        )
    assert sorted(os.listdir(out)) == [".scan-pages.sqlite", ".scan-state.jsonl"]
    again = scan_pages(found, index, out, settings=ScanSettings(batch_pages=2), pair_pages=0)
    assert (again.scanned, again.resumed, len(again.matches)) == (2, 2, 4)


@given(st.text(alphabet=st.sampled_from("aBßẞﬁĲё Ё,.\n-'’İıΣσς日本"), max_size=60))
@settings(max_examples=150, deadline=None)
def test_word_offsets_slice_back_to_words(text: str) -> None:
    tokens = tokenize_many([text, "x"])[0]
    assert len(tokens.hashes) == len(tokens.starts) == len(tokens.ends)
    for start, end in zip(tokens.starts.tolist(), tokens.ends.tolist(), strict=True):
        assert 0 <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]


def test_cyrillic_copy_is_found(tmp_path: Path) -> None:
    rng = random.Random(9)
    stems = [
        "заявил",
        "министр",
        "переговоры",
        "Москва",
        "ведомство",
        "границе",
        "ёлка",
        "учения",
        "глава",
        "совет",
    ]
    words = [f"{rng.choice(stems)}{rng.randint(0, 300)}" for _ in range(200)]
    original = Article(id="ru-1", text=" ".join(words), outlet="Вестник")
    build_index(tmp_path / "ru.db", [original, *originals(3)])
    page = Article(id="ru-page", text="МЕНЮ САЙТА. " + " ".join(words[40:160]).upper())
    result = scan_pages([page], tmp_path / "ru.db", tmp_path / "out", pair_pages=0)
    assert [(m.page_id, m.original_id) for m in result.matches] == [("ru-page", "ru-1")]
    assert result.matches[0].share_of_original_reused == pytest.approx(0.6)


def test_match_rows_escape_every_text_field() -> None:
    from compare.scan.matching import Match
    from compare.scan.view import rows_html

    hostile = '<script>alert("x")</script>'
    match = Match(
        page_id="p",
        original_id="o",
        page_url="",
        original_url="",
        page_outlet="",
        original_outlet=hostile,
        page_title=hostile,
        original_title="<img src=x onerror=alert(1)>",
        attributed="no",
        attribution_evidence='" onmouseover="alert(2)',
        page_date="",
        original_date="",
        share_of_page_copied=0.5,
        copied_words=10,
        relation="partial-copy",
        discounted_words=12,
        reason='<b onclick="x">footer</b>',
        compared_with='o"><script>',
        syndicated_copies="<i>o2</i>",
    )
    html = str(rows_html([match], set()))
    assert "<script" not in html and "<img" not in html and '" onmouseover' not in html
    assert "<b " not in html and "<i>" not in html and "&lt;i&gt;o2&lt;/i&gt;" in html
    assert "&lt;script&gt;" in html and 'href="pairs/o-script--p-' in html


def test_a_scan_interrupted_while_writing_its_outputs_rescans_nothing(
    index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import compare.scan.outputs as outputs

    out = tmp_path / "out"
    found = pages(originals(8))

    def interrupted(*args: object) -> list[str]:
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs, "render_pair_pages", interrupted)
    with pytest.raises(KeyboardInterrupt):
        scan_pages(found, index, out, engine=Engine("local", 1))
    assert not (out / "index.html").exists()
    monkeypatch.undo()
    again = scan_pages(found, index, out, engine=Engine("local", 1))
    assert (again.scanned, again.resumed, len(again.matches)) == (0, 4, 4)
    assert (out / "index.html").is_file() and len(list((out / "pairs").glob("*.html"))) == 4
