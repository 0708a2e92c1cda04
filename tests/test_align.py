"""Passage alignment: copied, edited, reordered, repeated, paraphrased and unique text."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.align import align, quote_variants
from compare.model import Passage

INTRO = (
    "The harbour council of Velmora voted on Tuesday to close the old ferry pier for repairs "
    "that engineers say will take at least three months to finish."
)
MIDDLE = (
    "Fishermen who moor their boats beside the pier will be moved to the northern basin, where "
    "the council has promised temporary berths and a new fuel pump by the end of spring."
)
ENDING = (
    "Critics on the council argued that the repairs had been postponed for a decade and that "
    "the delay had already cost the town its summer ferry service to the islands."
)


def _kinds(passages: tuple[Passage, ...]) -> list[str]:
    return [p.kind for p in passages]


def _slices_back(passages: tuple[Passage, ...], a: str, b: str) -> None:
    for p in passages:
        for span, text in ((p.a, a), (p.b, b)):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == text[span.start : span.end].strip()


def test_identical_texts_are_one_verbatim_passage() -> None:
    text = f"{INTRO}\n\n{MIDDLE}"
    assert align(text, text) == (align(text, text)[0],)
    (only,) = align(text, text)
    assert only.kind == "verbatim" and only.a is not None and only.a.to_list() == [0, len(text)]


def test_edited_copy_carries_its_word_edits() -> None:
    a = f"{INTRO} {MIDDLE}"
    b = a.replace("three months", "four months").replace("temporary ", "")
    copied = [p for p in align(a, b) if p.kind == "edited"]
    assert len(copied) == 1
    ops = {(e.op, e.a_text, e.b_text) for e in copied[0].edits}
    assert ("replace", "three", "four") in ops
    assert ("delete", "temporary", "") in ops
    assert 0.9 < copied[0].similarity < 1.0


def test_reordered_and_repeated_paragraphs_each_get_a_passage() -> None:
    a = f"{INTRO}\n\n{MIDDLE}\n\n{ENDING}"
    b = f"{ENDING}\n\n{INTRO}\n\n{MIDDLE}\n\n{INTRO}"
    copied = [p for p in align(a, b) if p.kind in ("verbatim", "edited")]
    a_starts = sorted(p.a.start for p in copied if p.a)
    assert a.index(ENDING) in a_starts
    assert a_starts.count(0) == 2  # the intro, repeated at the end of B, matches twice
    assert not [p for p in align(a, b) if p.kind == "unique" and p.a is not None]


def test_unique_passages_name_what_one_side_lacks() -> None:
    a = f"{INTRO} {MIDDLE}"
    b = f"{INTRO} {MIDDLE} {ENDING}"
    unique = [p for p in align(a, b) if p.kind == "unique"]
    assert len(unique) == 1 and unique[0].a is None and unique[0].b is not None
    assert b[unique[0].b.start : unique[0].b.end] == ENDING.rstrip(".")


def test_transliteration_and_quote_marks_do_not_break_a_copy() -> None:
    a = 'Sergey Orlov told reporters: "the pier will reopen before the regatta, whatever it costs."'
    b = "Sergei Orlov told reporters: \u201cthe pier will reopen before the regatta, whatever it costs.\u201d"
    assert _kinds(align(a, b)) == ["verbatim"]


def test_two_translations_of_one_quote_align_as_a_paraphrase() -> None:
    a = (
        "The mayor spoke at the harbour. \u201cWe share a common interest in keeping the ferry pier "
        "safe for every family in town,\u201d she said. Tickets went on sale in the morning."
    )
    b = (
        'Boats were idle all week. "We have common interests in a safe ferry pier for all the '
        'families of the town," the mayor told the crowd. The weather was calm.'
    )
    para = [p for p in align(a, b) if p.kind == "paraphrase"]
    assert len(para) == 1 and para[0].is_quote
    quotes = quote_variants(a, b)
    assert len(quotes) == 1 and quotes[0].kind == "paraphrase"
    assert quotes[0].a is not None and "common interest" in a[quotes[0].a.start : quotes[0].a.end]


def test_bad_inputs_give_sensible_results() -> None:
    assert align("", "") == ()
    assert _kinds(align("", INTRO)) == ["unique"]
    assert _kinds(align("Velmora", INTRO)) == ["unique", "unique"]
    urdu = "بنگلہ دیش نے زمبابوے کو ٹیسٹ کے بعد ون ڈے سیریز میں بھی شکست دی۔"
    mixed = align(urdu, INTRO)
    assert {p.kind for p in mixed} == {"unique"}
    _slices_back(mixed, urdu, INTRO)


def test_urdu_copy_is_found() -> None:
    urdu = "بنگلہ دیش نے زمبابوے کو ٹیسٹ کے بعد ون ڈے سیریز میں بھی شکست دی۔ میچ میر پور میں کھیلا گیا۔"
    copied = align(urdu, "خبر: " + urdu)
    assert sorted(p.kind for p in copied) == ["unique", "verbatim"]
    verbatim = next(p for p in copied if p.kind == "verbatim")
    assert verbatim.a is not None and verbatim.a.start == 0


def test_a_megabyte_against_a_hundred_words_is_quick() -> None:
    big = (f"{INTRO} {MIDDLE} {ENDING}\n\n" * 2500)[:1_000_000]
    started = time.perf_counter()
    passages = align(big, MIDDLE)
    assert time.perf_counter() - started < 30
    copied = [p for p in passages if p.kind == "verbatim"]
    assert copied and all(p.b is not None and MIDDLE[p.b.start : p.b.end] == MIDDLE[:-1] for p in copied[:1])


PIECES = st.sampled_from(
    [
        INTRO,
        MIDDLE,
        ENDING,
        '"We will rebuild the pier," she said.',
        "Sergei",
        "\u2014",
        "\n\n",
        "پل کی مرمت",
        "",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(PIECES, max_size=6), st.lists(PIECES, max_size=6))
def test_offsets_always_slice_back(a_parts: list[str], b_parts: list[str]) -> None:
    a, b = " ".join(a_parts), " ".join(b_parts)
    passages = align(a, b)
    if a != b:  # identical texts are one passage over the whole text, spaces included
        _slices_back(passages, a, b)
    for p in passages:
        assert 0.0 <= p.similarity <= 1.0
        for edit in p.edits:
            assert a[edit.a.start : edit.a.end] == edit.a_text
            assert b[edit.b.start : edit.b.end] == edit.b_text
    if a.strip():
        assert _kinds(align(a, a)) == ["verbatim"]
