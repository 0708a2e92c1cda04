"""What a scan does not call copying (footers, headlines in link lists, short passages) and syndication groups."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.model import Article
from compare.scan import Engine, build_index, scan_pages
from compare.scan.boilerplate import Common, common_shingles, covered_words, held_often, sorted_distinct
from compare.scan.fingerprint import tokenize_many
from compare.settings import BoilerplateSettings
from tests.scan_fixtures import paragraph

FOOTER = (
    "Northwire is an independent news service. All rights reserved. Reproduction of this story in "
    "whole or in part without written permission of the editors is prohibited. Follow us on every "
    "network and sign up for the morning briefing to get the day's news before breakfast."
)


def _feed() -> list[Article]:
    """Eight Northwire stories under one footer, and a later copy of story 0 carried by Eastpress."""
    rng = random.Random(3)
    stories = [
        Article(
            id=f"nw-{i}",
            title=f"Harbour {i} council votes on the new {['bridge', 'port', 'road', 'dam'][i % 4]} plan today",
            text="",
            outlet="Northwire",
            date=f"2026-03-{i + 1:02d}",
        )
        for i in range(8)
    ]
    stories = [
        Article(
            id=s.id,
            title=s.title,
            text=f"{s.title}\n\n" + "\n\n".join(paragraph(rng) for _ in range(3)) + f"\n\n{FOOTER}",
            outlet=s.outlet,
            date=s.date,
        )
        for s in stories
    ]
    body = stories[0].text.split("\n\n")[1:4]
    carried = Article(
        id="ep-0",
        title="Eastpress carries the harbour story",
        text="Eastpress intro paragraph written by its own desk today.\n\n" + "\n\n".join(body),
        outlet="Eastpress",
        date="2026-03-09",
    )
    return [*stories, carried]


def test_common_shingles_count_a_syndication_group_once() -> None:
    tokens = tokenize_many(["alpha beta gamma delta epsilon"] * 3 + ["zeta eta theta iota kappa"])
    per_doc = [sorted_distinct(k) for k in _keys(tokens)]
    settings = BoilerplateSettings(min_originals=3)
    apart = common_shingles(per_doc, np.arange(4), settings)
    grouped = common_shingles(per_doc, np.array([0, 0, 2, 3]), settings)
    assert len(apart.keys) == 2 and set(apart.counts.tolist()) == {3}
    assert len(grouped.keys) == 0


def _keys(tokens: list) -> list[np.ndarray]:
    from compare.scan.boilerplate import position_keys

    return [position_keys(t.hashes, 4) for t in tokens]


def test_covered_words_marks_every_word_of_a_common_shingle() -> None:
    tokens = tokenize_many(["one two three four five six seven"])[0]
    keys = sorted_distinct(_keys([tokens])[0][2:3])
    common = Common(keys, np.array([9], dtype=np.uint32))
    assert covered_words([tokens], common, 4)[0].tolist() == [0, 0, 9, 9, 9, 9, 0]


def test_footers_and_headlines_are_not_copies_and_syndication_is_one_row(tmp_path: Path) -> None:
    feed = _feed()
    db = tmp_path / "feed.db"
    build_index(db, feed, workers=1)
    related = "Related stories\n" + "\n".join(s.title for s in feed[3:7])
    pages = [
        # A copy of story 1 with its footer, in chrome listing other Northwire headlines.
        Article(id="copy-1", text=f"Menu\n\n{feed[1].text}\n\n{related}", outlet="Aggregator"),
        # Only the footer and headlines: nothing of any story's own text.
        Article(id="chrome-only", text=f"Menu\n\nOur own words about the weather.\n\n{FOOTER}\n\n{related}"),
        # Two paragraphs of the wire story that Eastpress also carries.
        Article(id="wire-copy", text="\n\n".join(feed[0].text.split("\n\n")[1:3]), outlet="Aggregator"),
    ]
    result = scan_pages(pages, db, tmp_path / "out", engine=Engine("local", 1), pair_pages=0)
    rows = {(m.page_id, m.original_id): m for m in result.matches}
    assert sorted(rows) == [("copy-1", "nw-1"), ("wire-copy", "nw-0")]
    copy = rows[("copy-1", "nw-1")]
    assert copy.discounted_words >= len(FOOTER.split()) and "found in up to 8 originals" in copy.reason
    # The footer is not counted as copied: the page copies the headline and body only.
    assert copy.copied_words < len(feed[1].text.split()) - len(FOOTER.split()) + 2
    wire = rows[("wire-copy", "nw-0")]
    assert wire.syndicated_copies == "ep-0" and wire.compared_with in ("nw-0", "ep-0")


def test_a_headline_alone_in_a_link_list_is_not_a_copy(tmp_path: Path) -> None:
    from dataclasses import replace

    from compare.settings import AlignSettings, ScanSettings

    headline = "The harbour council of Kestria voted late on Tuesday night to approve the long delayed bridge plan"
    body = paragraph(random.Random(9))
    page = Article(id="links", text=f"Our own story about fishing boats.\n\nRead more\n{headline}\nWeather")
    settings = ScanSettings(align=AlignSettings(min_passage_words=8))
    found = []
    for title in (headline, "Another title"):
        story = Article(id="story", title=title, text=f"{headline}\n\n{body}", date="2026-04-01")
        db = tmp_path / f"{len(title)}.db"
        build_index(db, [replace(s, id=f"{s.id}-x") for s in _feed()] + [story], workers=1)
        out = tmp_path / f"out{len(title)}"
        found.append(scan_pages([page], db, out, settings, Engine("local", 1), pair_pages=0).matches)
    # As the story's headline it is a link to it; as a sentence of its text it is copied text.
    assert found[0] == () and [m.original_id for m in found[1]] == ["story"]


@given(st.lists(st.integers(0, 40), max_size=300), st.integers(0, 5))
def test_keys_held_often_are_those_np_unique_counts(values: list[int], least: int) -> None:
    keys = np.array(values, dtype=np.uint32)
    distinct, counts = np.unique(keys, return_counts=True)
    found = held_often(keys.copy(), least)
    assert found.keys.tolist() == distinct[counts >= least].tolist()
    assert found.counts.tolist() == counts[counts >= least].tolist()


@given(
    st.lists(st.tuples(st.lists(st.integers(0, 12), max_size=8), st.integers(0, 9)), min_size=1, max_size=10),
    st.integers(1, 4),
)
def test_grouped_counts_are_those_of_each_group_as_one_document(docs: list[tuple[list[int], int]], least: int) -> None:
    per_doc = [np.unique(np.array(keys, dtype=np.uint32)) for keys, _ in docs]
    # Each document joins the group of an earlier one, or is its own source.
    group_of = np.arange(len(docs))
    for i, (_, pick) in enumerate(docs):
        group_of[i] = group_of[pick % (i + 1)]
    groups = [np.unique(np.concatenate([per_doc[i] for i in np.flatnonzero(group_of == g)])) for g in np.unique(group_of)]
    distinct, counts = np.unique(np.concatenate(groups), return_counts=True)
    found = common_shingles(per_doc, group_of, BoilerplateSettings(min_originals=least))
    assert found.keys.tolist() == distinct[counts >= least].tolist()
    assert found.counts.tolist() == counts[counts >= least].tolist()


def test_keys_counted_in_two_halves_are_those_counted_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import compare.scan.boilerplate

    rng = np.random.default_rng(7)
    keys = np.concatenate([rng.integers(0, 2**32, 5000, dtype=np.uint64), np.repeat([3, 2**31, 2**32 - 1], 6)])
    keys = keys.astype(np.uint32)
    whole = held_often(keys.copy(), 4)
    monkeypatch.setattr(compare.scan.boilerplate, "PARALLEL_KEYS", 1)
    halves = held_often(keys.copy(), 4)
    assert halves.keys.tolist() == whole.keys.tolist() == [3, 2**31, 2**32 - 1]
    assert halves.counts.tolist() == whole.counts.tolist() == [6, 6, 6]
