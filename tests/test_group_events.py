"""group_events: events nested in topics, deterministic, with reasons; bad input handled."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.group import group_events
from compare.model import Article, Event
from tests.group_fixtures import ALL, BRIDGE_1, BRIDGE_2, FESTIVAL, MINE_1, MINE_2


def memberships(events: list[Event]) -> set[frozenset[str]]:
    return {frozenset(a.id for a in e.articles) for e in events}


def test_fiction_groups_into_its_three_happenings() -> None:
    events = group_events(ALL)
    assert memberships(events) == {
        frozenset({"bridge-1", "bridge-2"}),
        frozenset({"mine-1", "mine-2"}),
        frozenset({"festival"}),
    }


@settings(max_examples=10, deadline=None)
@given(st.permutations(list(ALL)))
def test_any_input_order_gives_the_same_events_and_ids(order: list) -> None:  # type: ignore[type-arg]
    first = [e.to_dict() for e in group_events(ALL)]
    assert [e.to_dict() for e in group_events(order)] == first


def test_each_event_has_label_dates_terms_and_reasons() -> None:
    bridge = next(e for e in group_events(ALL) if BRIDGE_1 in e.articles)
    assert bridge.id.startswith("e-")
    assert bridge.label in (BRIDGE_1.title, BRIDGE_2.title)
    assert bridge.date_range == ("2024-03-01", "2024-03-02")
    assert [a.id for a in bridge.articles] == ["bridge-1", "bridge-2"]
    assert "bridge" in bridge.key_terms
    reasons = bridge.reasons["bridge-2"]
    assert reasons[0].startswith("closest: Valmora closes harbour bridge")
    assert any(r.startswith("shared terms:") and "harbour" in r for r in reasons)
    assert any(r.startswith("shared names:") and "ilona varga" in r for r in reasons)


def test_a_lone_article_says_why_it_is_alone() -> None:
    festival = next(e for e in group_events(ALL) if FESTIVAL in e.articles)
    assert festival.reasons["festival"] == ("alone: no other article is close enough to be the same event",)


def test_json_has_id_label_topic_and_article_paths() -> None:
    record = group_events(ALL)[0].to_dict()
    assert {"id", "label", "topic", "articles", "date_range", "reasons"} <= set(record)
    assert all(path.startswith("news/") for path in record["articles"])
    json.dumps(record)


def test_the_same_text_weeks_apart_is_two_events_of_one_topic() -> None:
    later = replace(BRIDGE_2, id="bridge-later", date="2024-05-20")
    events = group_events([BRIDGE_1, later])
    assert len(events) == 2
    assert events[0].topic == events[1].topic


def test_undated_articles_still_group_by_text() -> None:
    undated = [replace(a, date=None) for a in (BRIDGE_1, BRIDGE_2, MINE_1)]
    events = group_events(undated)
    assert memberships(events) == {frozenset({"bridge-1", "bridge-2"}), frozenset({"mine-1"})}
    assert all(e.date_range == (None, None) for e in events)


def test_untitled_articles_are_labelled_by_key_terms() -> None:
    untitled = [replace(a, title=None) for a in (MINE_1, MINE_2)]
    (event,) = group_events(untitled)
    assert "copper" in event.label or "orlen" in event.label


def test_duplicates_join_one_event_and_a_repeated_id_counts_once() -> None:
    copy = replace(BRIDGE_1, id="bridge-copy", path="mirror/bridge-1.txt")
    events = group_events([BRIDGE_1, copy, BRIDGE_1, FESTIVAL])
    assert memberships(events) == {frozenset({"bridge-1", "bridge-copy"}), frozenset({"festival"})}


def test_one_article_is_one_event_and_nothing_is_nothing() -> None:
    (event,) = group_events([MINE_1])
    assert [a.id for a in event.articles] == ["mine-1"]
    assert event.label == MINE_1.title
    assert group_events([]) == []


def test_empty_and_stop_word_texts_do_not_break_grouping() -> None:
    blank = replace(FESTIVAL, id="blank", title=None, text="")
    stop = replace(FESTIVAL, id="stop", title=None, text="the and of it")
    events = group_events([blank, stop, MINE_1])
    assert len(events) == 3


def test_seeds_group_as_labelled(seeds: Path) -> None:
    from compare.ingest import load_many

    truth = json.loads((seeds / "TRUTH.json").read_text())
    loaded = load_many([str(seeds / name) for name in sorted(truth["articles"])])
    events = group_events(loaded.articles)
    found = {frozenset(Path(a.id).name for a in e.articles) for e in events}
    assert found == {frozenset(e["articles"]) for e in truth["events"].values()}
    assert len({e.topic for e in events}) == 1


def _seed_events(seeds: Path, others: list[Article]) -> tuple[set[frozenset[str]], list[Event]]:
    """The seeds' events (as sets of file names) when grouped among ``others``, and those events."""
    from compare.ingest import load_many

    truth = json.loads((seeds / "TRUTH.json").read_text())
    loaded = load_many([str(seeds / name) for name in sorted(truth["articles"])]).articles
    ids = {a.id for a in loaded}
    events = [e for e in group_events([*loaded, *others]) if any(a.id in ids for a in e.articles)]
    return {frozenset(Path(a.id).name for a in e.articles) for e in events}, events


def test_seeds_group_as_labelled_among_the_sample_and_unrelated_news(seeds: Path, corpora: Path) -> None:
    import csv

    from compare.examples_path import example_articles
    from compare.ingest import load_many

    truth = json.loads((seeds / "TRUTH.json").read_text())
    want = {frozenset(e["articles"]) for e in truth["events"].values()}
    sample = list(load_many([str(p) for p in example_articles()]).articles)
    with open(corpora / "fnc-1-train" / "train_bodies.csv", newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))[:300]
    news = [Article(id=f"fnc-{row['Body ID']}", text=row["articleBody"]) for row in rows]
    for others in (sample, news, sample + news):
        found, events = _seed_events(seeds, others)
        assert found == want
        assert all(e.date_range[0] == e.date_range[1] for e in events)  # no event spans years
        assert len({e.topic for e in events}) == 1


def test_the_sample_does_not_move_the_seeds_dates_or_their_events_date_ranges(seeds: Path) -> None:
    """Seed 004's year comes from its own page (2017), not from the sample's 2026 dates."""
    from compare.examples_path import example_articles
    from compare.ingest import load_many

    truth = json.loads((seeds / "TRUTH.json").read_text())["articles"]
    paths = [str(seeds / name) for name in sorted(truth)] + [str(p) for p in example_articles()]
    articles = load_many(paths).articles
    by_name = {Path(a.path or a.id).name: a for a in articles}
    assert {name: by_name[name].date for name in truth} == {name: facts["date"] for name, facts in truth.items()}
    seed_004 = by_name["004_552685f68ac672a1.txt"].id
    (event,) = [e for e in group_events(articles) if any(a.id == seed_004 for a in e.articles)]
    assert event.date_range == ("2017-12-26", "2017-12-26")


def test_an_event_keeps_to_its_date_window_however_undated_articles_link_it() -> None:
    dated_far = [replace(BRIDGE_1, date="2025-03-02"), replace(BRIDGE_2, id="bridge-late", date="2025-09-30")]
    undated = [replace(BRIDGE_2, date=None), replace(BRIDGE_1, id="bridge-undated", date=None)]
    events = group_events([*dated_far, *undated])
    for event in events:
        assert event.date_range[0] == event.date_range[1]
    assert {a.id for e in events for a in e.articles} == {a.id for a in dated_far + undated}


def test_bundled_sample_groups_as_written(examples: Path) -> None:
    expected_path = Path(__file__).parent / "fixtures" / "examples_expected.json"
    from compare.examples_path import example_articles
    from compare.ingest import load_many

    expected = json.loads(expected_path.read_text())["events"]
    # "unrelated" lists stories that are each their own event.
    want = {frozenset(group) for key, group in expected.items() if key != "unrelated"}
    want |= {frozenset([name]) for name in expected.get("unrelated", [])}
    events = group_events(load_many([str(p) for p in example_articles()]).articles)
    assert {frozenset(_sample_name(a) for a in e.articles) for e in events} == want


def _sample_name(article: Article) -> str:
    """How the sample truth file names an article: the file name, with ``#id`` for records of a JSONL file."""
    name = Path(article.path or article.id).name
    return f"{name}#{article.id}" if name.endswith(".jsonl") else name


def test_an_inferred_year_is_compared_on_month_and_day_only() -> None:
    wrong_year = replace(BRIDGE_2, date="2009-03-02", date_inferred=True)
    assert len(group_events([BRIDGE_1, wrong_year])) == 1
    other_month = replace(BRIDGE_2, date="2024-07-02", date_inferred=True)
    assert len(group_events([BRIDGE_1, other_month])) == 2


def test_products_over_all_columns_match_explicit_columns() -> None:
    """The transposed-once product for all columns equals the product over an explicit index."""
    import numpy as np
    from scipy import sparse

    from compare.group.similarity import Vectors

    matrix = sparse.random(40, 300, density=0.05, format="csr", dtype=np.float32, random_state=1)
    vectors = Vectors.of(matrix)
    rows, everything = np.arange(5, 17), np.arange(40)
    expected = (matrix[rows] @ matrix.T).toarray()
    assert np.allclose(vectors.products(rows, None), expected, atol=1e-5)
    assert np.allclose(vectors.products(rows, everything), expected, atol=1e-5)
    assert np.allclose(vectors.products(rows, rows), (matrix[rows] @ matrix[rows].T).toarray(), atol=1e-5)


def test_day_gaps_use_day_of_year_only_when_a_year_was_inferred() -> None:
    """Exact gaps without inferred years; around-the-year gaps once one side's year is inferred."""
    import numpy as np

    from compare.group.similarity import day_gaps

    days = np.array([[1000.0, 364.0, 0.0], [1002.0, 1.0, 0.0], [5000.0, 2.0, 1.0]])
    exact = day_gaps(days, np.array([0]), np.array([1]))
    assert exact[0, 0] == 2.0
    inferred = day_gaps(days, np.array([0, 1]), np.array([2]))
    assert inferred[0, 0] == 3.0 and inferred[1, 0] == 1.0


def test_threads_and_block_size_do_not_change_the_grouping() -> None:
    from compare.settings import DEFAULT_SETTINGS

    one_by_one = replace(DEFAULT_SETTINGS.group, threads=1, block_rows=2)
    assert [e.to_dict() for e in group_events(ALL, one_by_one)] == [e.to_dict() for e in group_events(ALL)]


def test_event_graph_is_symmetric_and_shares_no_neighbours_across_the_date_window() -> None:
    """A and C share neighbour B, but are five days apart: their event similarity stays zero."""
    from compare.group.events import stable_order
    from compare.group.similarity import event_graph, fit_features
    from compare.settings import DEFAULT_SETTINGS

    chain = stable_order(
        [
            replace(BRIDGE_1, id="a", date="2024-03-01"),
            replace(BRIDGE_2, id="b", date="2024-03-03"),
            replace(BRIDGE_1, id="c", date="2024-03-06"),
            MINE_1,
        ]
    )
    settings = DEFAULT_SETTINGS.group
    graph = event_graph(fit_features(chain, settings), settings).toarray()
    assert (graph == graph.T).all()
    ids = [a.id for a in chain]
    a, b, c = ids.index("a"), ids.index("b"), ids.index("c")
    assert graph[a, b] > 0.5 and graph[b, c] > 0.5
    assert graph[a, c] == 0.0


def _graph(edges: dict[tuple[int, int], float], n: int):  # type: ignore[no-untyped-def]
    from scipy import sparse

    rows = [i for i, _ in edges] + [j for _, j in edges]
    cols = [j for _, j in edges] + [i for i, _ in edges]
    values = list(edges.values()) * 2
    return sparse.csr_matrix((values, (rows, cols)), shape=(n, n), dtype="float32")


def test_a_lone_article_joins_the_event_holding_its_neighbours() -> None:
    from compare.group.similarity import join_lone_articles
    from compare.settings import DEFAULT_SETTINGS

    # Event {0, 1, 2}; 3 is near only to its members; 4 is near to 0 and to the other event {5, 6};
    # 7 has a single neighbour; 8 is near only to faint pairs below the floor.
    edges = {(0, 1): 0.5, (0, 2): 0.5, (1, 2): 0.5, (5, 6): 0.5}
    edges |= {(3, 0): 0.1, (3, 1): 0.08, (3, 2): 0.07, (4, 0): 0.1, (4, 5): 0.1, (7, 0): 0.3}
    edges |= {(8, 0): 0.01, (8, 1): 0.02}
    clusters = [[0, 1, 2], [3], [4], [5, 6], [7], [8]]
    joined = join_lone_articles(_graph(edges, 9), clusters, DEFAULT_SETTINGS.group)
    assert joined == [[0, 1, 2, 3], [4], [5, 6], [7], [8]]
    assert join_lone_articles(_graph({}, 2), [[0], [1]], DEFAULT_SETTINGS.group) == [[0], [1]]


URDU_STORIES = {
    "cricket": (
        "لاہور میں کھیلے گئے کرکٹ میچ میں قومی ٹیم نے مہمان ٹیم کو سات وکٹوں سے شکست دے دی۔ کپتان نے کہا کہ "
        "کھلاڑیوں نے بہت محنت کی ہے اور ہم اگلے میچ میں بھی جیتنے کی کوشش کریں گے۔ میچ دیکھنے کے لیے ہزاروں لوگ "
        "سٹیڈیم میں موجود تھے۔",
        "قومی کرکٹ ٹیم نے لاہور میں مہمان ٹیم کو سات وکٹوں سے ہرا دیا۔ میچ کے بعد کپتان کا کہنا تھا کہ ٹیم کی "
        "کارکردگی پر انہیں فخر ہے اور وہ سیریز جیتنا چاہتے ہیں۔ سٹیڈیم تماشائیوں سے بھرا ہوا تھا۔",
    ),
    "flood": (
        "دریا میں طغیانی کے باعث گاؤں کے سینکڑوں گھر پانی میں ڈوب گئے۔ مقامی انتظامیہ کے مطابق متاثرہ خاندانوں کو "
        "سکولوں میں منتقل کر دیا گیا ہے اور انہیں کھانا اور کمبل فراہم کیے جا رہے ہیں۔ محکمہ موسمیات نے مزید بارش "
        "کی پیش گوئی کی ہے۔",
        "گاؤں میں سیلاب سے سینکڑوں مکانات زیر آب آ گئے ہیں۔ انتظامیہ کا کہنا ہے کہ متاثرین کو قریبی سکولوں میں پناہ "
        "دی گئی ہے جہاں ان کے لیے کھانے اور کمبلوں کا انتظام کیا گیا ہے۔ آئندہ دنوں میں مزید بارش کا امکان ہے۔",
    ),
    "library": (
        "شہر کی پرانی عمارت میں نئی لائبریری کا افتتاح کر دیا گیا ہے جس میں بیس ہزار کتابیں رکھی گئی ہیں۔ میئر نے "
        "کہا کہ بچوں اور طلبہ کے لیے یہ لائبریری شام تک کھلی رہے گی۔ لائبریری میں کمپیوٹر کا کمرہ بھی بنایا گیا ہے۔",
        "میئر نے پرانی عمارت میں قائم نئی لائبریری کا افتتاح کیا جہاں بیس ہزار کتابیں موجود ہیں۔ ان کا کہنا تھا کہ "
        "طلبہ کے لیے لائبریری شام تک کھلی رہے گی۔ عمارت میں کمپیوٹر روم بھی موجود ہے۔",
    ),
}


def test_unrelated_urdu_stories_are_separate_topics() -> None:
    """Urdu function words (کے، میں، کی) are the most frequent words of every text: left in, they
    made three unrelated stories one topic."""
    articles = [
        Article(f"{story}-{n}", text, language="ur")
        for story, texts in URDU_STORIES.items()
        for n, text in enumerate(texts)
    ]
    events = group_events(articles)
    assert memberships(events) == {frozenset({f"{s}-0", f"{s}-1"}) for s in URDU_STORIES}
    assert len({e.topic for e in events}) == 3


def test_an_event_without_headlines_is_labelled_by_its_lead_sentence() -> None:
    lead = (
        "Fire crews in Lundhaven fought a blaze at the Skarvoy fish market through Sunday night, "
        "the brigade said on Monday morning."
    )
    articles = [
        Article("fire-1", f"{lead} Twelve stalls and the market hall were destroyed, and nobody was hurt."),
        Article("fire-2", f"{lead} The mayor promised the traders temporary stalls by the harbour."),
    ]
    (event,) = group_events(articles)
    assert event.label.startswith("Fire crews in Lundhaven fought a blaze")
    assert event.label.endswith("…") and len(event.label) <= 90
