"""Tokens, normalisation and sentence spans."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.normalise import normalise_word, sentence_spans, shingles, shorten, tokenize


def test_tokens_slice_back_to_their_words() -> None:
    text = "Sergei Lavrov’s “dialogue” — 2021, یہ خبر"
    for token in tokenize(text):
        assert normalise_word(text[token.start : token.end]) == token.norm


def test_transliteration_variants_fold_together() -> None:
    assert normalise_word("Sergei") == normalise_word("Sergey") == "sergey"
    assert normalise_word("Anthony") == normalise_word("Antony")


def test_urdu_words_keep_their_marks() -> None:
    assert [t.norm for t in tokenize("پاکستان کی خبریں")] == ["پاکستان", "کی", "خبریں"]


def test_sentences_split_after_closing_quotes_and_dashes() -> None:
    text = "He spoke. “We go.” Then left. - Next one."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "He spoke.",
        "“We go.”",
        "Then left.",
        "Next one.",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "وزیر نے کہا کہ بات چیت ہوگی۔ انہوں نے مزید کہا۔",
            ["وزیر نے کہا کہ بات چیت ہوگی۔", "انہوں نے مزید کہا۔"],
        ),
        ("قال الوزير. وأضاف أن الحكومة مستعدة؟ نعم", ["قال الوزير.", "وأضاف أن الحكومة مستعدة؟", "نعم"]),
        ("मंत्री ने कहा। सरकार तैयार है।", ["मंत्री ने कहा।", "सरकार तैयार है।"]),
        (
            "总理说，谈判将于周一恢复。他说：“好。”然后离开。",
            ["总理说，谈判将于周一恢复。", "他说：“好。”", "然后离开。"],
        ),
        ("Er sagte: „Ja.“ Dann ging er.", ["Er sagte: „Ja.“", "Dann ging er."]),
        ("He said. she said", ["He said. she said"]),
    ],
)
def test_sentences_split_in_scripts_without_capitals(text: str, sentences: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text)] == sentences


def test_shingles_of_a_short_text_is_the_whole_text() -> None:
    assert shingles(tokenize("one two"), 3) == {("one", "two")}


@given(st.text(max_size=200))
def test_normalisation_is_idempotent(word: str) -> None:
    once = normalise_word(word)
    assert normalise_word(once) == once


@given(st.text(max_size=300))
def test_offsets_always_slice_the_text(text: str) -> None:
    for token in tokenize(text):
        assert 0 <= token.start < token.end <= len(text)
        assert text[token.start : token.end].strip() == text[token.start : token.end]
    for start, end in sentence_spans(text):
        assert 0 <= start < end <= len(text)


def test_shorten_cuts_at_a_space_near_the_limit() -> None:
    assert shorten("Harbour  council\nvotes", 40) == "Harbour council votes"
    assert shorten("The harbour council of Velmora voted on Tuesday", 30) == "The harbour council of…"
    assert len(shorten("Velmoraharbourcouncilvotedtoday", 12)) == 12


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    text = (
        "WASHINGTON, Sept. 5 – Rep. Anna Holm met Gov. Per Lind and John F. Kennedy Jr. at 9 a.m. "
        "The talks ended at noon. Shares of Lundhaven Ferries Inc. The firm rose."
    )
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "WASHINGTON, Sept. 5 – Rep. Anna Holm met Gov. Per Lind and John F. Kennedy Jr. at 9 a.m.",
        "The talks ended at noon.",
        "Shares of Lundhaven Ferries Inc.",
        "The firm rose.",
    ]
