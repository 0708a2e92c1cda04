"""Sentence and quote units, sparse TF-IDF candidates and one-to-one paraphrase matching."""

from __future__ import annotations

from compare.align import align
from compare.align.paraphrase import candidate_pairs, match_units, quote_units, sentence_units


def test_caseless_scripts_split_at_their_full_stop() -> None:
    text = "پہلا جملہ یہاں ختم ہوتا ہے۔ دوسرا جملہ بھی یہاں ختم ہوتا ہے۔"
    units = sentence_units(text, 3)
    assert [text[u.start : u.end] for u in units] == [
        "پہلا جملہ یہاں ختم ہوتا ہے۔",
        "دوسرا جملہ بھی یہاں ختم ہوتا ہے۔",
    ]


def test_a_quote_resumed_after_a_dash_is_one_unit_with_the_quote_it_continues() -> None:
    text = 'Intro. “We share an interest,” she said. - We met twice this spring. " Then she left.'
    units = quote_units(text, 4)
    assert [text[u.start : u.end] for u in units] == [
        "“We share an interest,” she said. - We met twice this spring."
    ]


def test_quote_units_need_enough_words() -> None:
    text = 'He called it "a mistake" and said "we will not sign this treaty at all" later.'
    assert [text[u.start : u.end] for u in quote_units(text, 4)] == ['"we will not sign this treaty at all"']


def test_candidates_are_bounded_per_unit() -> None:
    a = [{"x": 1.0}] * 3
    b = [{"x": 1.0}] * 20
    pairs = candidate_pairs(a, b, top_k=4)
    assert len(pairs) == 12


def test_matching_is_one_to_one_and_thresholded() -> None:
    a = "The lighthouse keeper retired after forty years. Grain prices rose sharply in the valley."
    b = "After forty years the keeper of the lighthouse retired. A storm closed the mountain pass."
    units_a, units_b = sentence_units(a, 3), sentence_units(b, 3)
    matched = match_units(a, units_a, b, units_b, 0.3)
    assert len(matched) == 1
    assert matched[0].a is not None and a[matched[0].a.start : matched[0].a.end].startswith("The lighthouse")
    assert matched[0].b is not None and b[matched[0].b.start : matched[0].b.end].startswith("After forty")


def test_a_paraphrase_never_overlaps_a_copied_passage_on_the_same_side() -> None:
    shared = "the long-delayed harbour project would finally start next spring"
    a = (
        "Council leaders in Velmora, after a stormy session that ran past midnight and drew angry "
        f"protests from fishermen outside the town hall, announced that {shared}, although the port "
        "authority still refuses to say how much of the funding it will release."
    )
    b = (
        "Fishermen protested angrily outside the town hall in Velmora while the council session ran "
        f"past midnight; at its end, leaders said {shared}, but how much funding the port authority "
        "will release is still unclear."
    )
    passages = [p for p in align(a, b) if p.kind != "unique"]
    assert {p.kind for p in passages} == {"edited", "paraphrase"}
    for side in ("a", "b"):
        spans = sorted((getattr(p, side).start, getattr(p, side).end) for p in passages)
        assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False))
