"""End-to-end pair comparison against a golden JSON (regenerate with COMPARE_UPDATE_GOLDEN=1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import compare
from compare.settings import DEFAULT_SETTINGS, StanceSettings

FIXTURES = Path(__file__).parent / "fixtures" / "pair"
GOLDEN = Path(__file__).parent / "golden" / "pair_wire_copy.json"


def _pair_json() -> dict[str, object]:
    """The pair JSON of the fixtures, loaded by paths relative to the repository (as a user would)."""
    a = compare.load("tests/fixtures/pair/wire.txt")
    b = compare.load("tests/fixtures/pair/copy.txt")
    return json.loads(json.dumps(compare.compare_pair(a, b).to_dict()))  # type: ignore[no-any-return]


def test_pair_matches_golden_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES.parents[2])
    data = _pair_json()
    if os.environ.get("COMPARE_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert data == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_to_dict_is_the_cli_json() -> None:
    a = compare.load(FIXTURES / "wire.txt")
    b = compare.load(FIXTURES / "unrelated.txt")
    result = compare.compare_pair(a, b)
    assert result.relation == "different-event"
    assert result.direction.source is None
    assert [p.kind for p in result.passages] == ["unique", "unique"]


def test_seed_pair_of_one_event_told_twice_aligns_its_quotes(seeds: Path) -> None:
    a = compare.load(seeds / "000_2b789904169a3f38.txt")
    b = compare.load(seeds / "003_bcf33ebb3281a79a.txt")
    result = compare.compare_pair(a, b)
    assert result.relation == "same-event"
    assert any(p.kind == "paraphrase" and p.is_quote for p in result.passages)


def test_pairs_grouped_in_one_event_are_never_different_events(examples: Path) -> None:
    from compare.examples_path import example_articles
    from compare.group import group_events
    from compare.pipeline import compare_all

    articles = compare.load_many(example_articles()).articles
    events = group_events(articles)
    results = compare_all(articles, events=events)
    assert results and all(r.relation != "different-event" for r in results)
    wire = next(r for r in results if {Path(r.a.id).name, Path(r.b.id).name} == {"event2-wire.txt", "event2-broadcaster.html"})
    assert wire.relation == "same-event"


def test_report_measures_each_article_once(examples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each article's stance profile is measured once and handed to its pairs and its event."""
    from compare.examples_path import example_articles
    from compare.measure.stance import features, sections
    from compare.model import Article, StanceProfile
    from compare.pipeline import build_report, compare_all

    measured: list[str] = []
    measure = features.text_profile

    def counted(article: Article, settings: StanceSettings = DEFAULT_SETTINGS.stance) -> StanceProfile:
        measured.append(article.id)
        return measure(article, settings)

    articles = compare.load_many(example_articles()).articles
    monkeypatch.setattr(sections, "text_profile", counted)
    monkeypatch.setattr(features, "text_profile", counted)
    report = build_report(articles)
    monkeypatch.undo()
    assert sorted(measured) == sorted(a.id for a in articles)
    assert report.events is not None and len(report.events) > 1
    for event in report.events:
        assert event.stance is not None
        assert {s.profile.article_id for s in event.stance.articles} == {a.id for a in event.event.articles}
        assert event.flow.order[0].id == event.stance.articles[0].profile.article_id
    grouped = [e.event for e in report.events]
    assert [r.to_dict() for r in report.pairs] == [r.to_dict() for r in compare_all(articles, events=grouped)]


def test_compare_pairs_measures_an_article_in_many_pairs_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pairs of a scan's pages: one original copied by two pages is measured once."""
    from compare.measure.stance import features, sections
    from compare.model import Article, StanceProfile
    from compare.pipeline import compare_pairs

    wire, copy = compare.load(str(FIXTURES / "wire.txt")), compare.load(str(FIXTURES / "copy.txt"))
    other = Article("copy-2", copy.text + " A closing line of its own.")
    measured: list[str] = []
    measure = features.text_profile

    def counted(article: Article, settings: StanceSettings = DEFAULT_SETTINGS.stance) -> StanceProfile:
        measured.append(article.id)
        return measure(article, settings)

    monkeypatch.setattr(sections, "text_profile", counted)
    monkeypatch.setattr(features, "text_profile", counted)
    results = list(compare_pairs([(wire, copy), (wire, other)]))
    monkeypatch.undo()
    assert sorted(measured) == sorted([wire.id, copy.id, "copy-2"])
    assert [r.to_dict() for r in results] == [
        compare.compare_pair(wire, copy).to_dict(),
        compare.compare_pair(wire, other).to_dict(),
    ]
    without = list(compare_pairs([(wire, copy)], stance=False))
    assert without[0].stance is None


SHARED_QUOTE = Path(__file__).parent / "fixtures" / "min_words"


def _copied(result: compare.PairResult) -> list[str]:
    return [p.kind for p in result.passages if p.kind != "unique"]


def test_min_words_leaves_shorter_copies_unreported_and_their_text_unique() -> None:
    a = compare.load(str(SHARED_QUOTE / "harbour.txt"))
    b = compare.load(str(SHARED_QUOTE / "island.txt"))
    quote = "We cannot keep asking ferry crews to tie up against rotten timber"
    shared = compare.compare_pair(a, b, stance=False)
    assert _copied(shared) == ["verbatim"]
    passage = shared.passages[[p.kind for p in shared.passages].index("verbatim")]
    assert passage.a is not None and a.text[passage.a.start : passage.a.end].startswith(quote)
    # The quote and its attribution run to 19 words: a minimum of 19 keeps it, 20 does not.
    assert _copied(compare.compare_pair(a, b, stance=False, min_words=19)) == ["verbatim"]
    longer = compare.compare_pair(a, b, stance=False, min_words=20)
    assert _copied(longer) == []
    assert longer.overlap.share_a["unique"] == longer.overlap.share_b["unique"] == 1.0
    assert any(p.a is not None and quote in a.text[p.a.start : p.a.end] for p in longer.passages)


def test_min_words_below_one_is_refused() -> None:
    a = compare.load(str(SHARED_QUOTE / "harbour.txt"))
    with pytest.raises(compare.UsageError) as error:
        compare.compare_pair(a, a, min_words=0)
    assert str(error.value) == "--min-words must be at least 1, got 0"


def test_min_words_past_every_copied_passage_leaves_no_copy_relation(examples: Path) -> None:
    """The relation follows the passages: when --min-words removes every copied passage, the
    pair is no longer called a copy, and no side is named its source."""
    articles = {Path(a.id).name: a for a in compare.load_many([examples]).articles}
    a, b = articles["nordpress-original.txt"], articles["dailyfeed-copy.txt"]
    assert compare.compare_pair(a, b, stance=False).relation == "copy-with-edits"
    longest = max(len(a.text.split()), len(b.text.split()))
    apart = compare.compare_pair(a, b, stance=False, min_words=longest + 1)
    assert _copied(apart) == []
    assert apart.relation == "same-event"
    assert apart.direction.source is None
