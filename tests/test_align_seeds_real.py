"""The five real seed articles (read from ../shared/seeds, skipped when absent)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from compare.ingest import load
from compare.pipeline import compare_pair

COPY_RELATIONS = {"duplicate", "copy-with-edits", "partial-copy"}


def _articles(seeds: Path) -> list:  # type: ignore[type-arg]
    return [load(path) for path in sorted(seeds.glob("00*.txt"))]


def test_two_translations_of_one_speech_share_their_quotes(seeds: Path) -> None:
    a, _, _, b, _ = _articles(seeds)
    result = compare_pair(a, b)
    quotes = result.to_dict()["quotes"]
    assert any("common interests" in q["a_text"] and "common interests" in q["b_text"] for q in quotes)
    # B resumes that quote after "Lavrov said. -": both of its parts are paired with A's one quote.
    assert any("common interests" in q["b_text"] and "intensive contacts" in q["b_text"] for q in quotes)
    assert any(p.kind == "paraphrase" and p.is_quote for p in result.passages)
    for p in result.passages:
        for span, text in ((p.a, a.text), (p.b, b.text)):
            if span is not None:
                assert text[span.start : span.end].strip() == text[span.start : span.end]


def test_different_events_are_not_copies(seeds: Path) -> None:
    articles = _articles(seeds)
    for i, j in combinations(range(5), 2):
        if {i, j} == {0, 3}:
            continue
        result = compare_pair(articles[i], articles[j])
        assert result.relation not in COPY_RELATIONS, (i, j, result.relation)
        shared = max(
            result.overlap.share_a["verbatim"]
            + result.overlap.share_a["edited"]
            + result.overlap.share_a["paraphrase"],
            result.overlap.share_b["verbatim"]
            + result.overlap.share_b["edited"]
            + result.overlap.share_b["paraphrase"],
        )
        assert shared < 0.2, (i, j, shared)


def test_a_seed_against_itself_is_a_duplicate(seeds: Path) -> None:
    article = _articles(seeds)[2]
    result = compare_pair(article, article)
    assert result.relation == "duplicate"
    assert [p.kind for p in result.passages] == ["verbatim"]
