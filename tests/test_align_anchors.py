"""Anchors: numbers, dates and names that a translation keeps, the same key in any script."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.align.anchors import anchors, months, name_key, names, number_value, numbers


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Trump", "Трампом"),
        ("Johnson", "Джонсона"),
        ("Brexit", "Брексит"),
        ("Facebook", "Фейсбук"),
        ("Washington", "Вашингтоне"),
        ("Lavrov", "Лавровым"),
        ("Zelensky", "Зеленский"),
        ("Denko", "Денко"),
        ("Valmora", "Валмору"),
    ],
)
def test_a_name_and_its_transliteration_share_a_key(latin: str, cyrillic: str) -> None:
    assert name_key(latin) == name_key(cyrillic) is not None


def test_different_names_get_different_keys() -> None:
    assert name_key("Denko") != name_key("Marrow")
    assert name_key("Лавров") != name_key("Путин")


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1,200", "1200"), ("1 200", "1200"), ("1.200", "1200"), ("2,5", "2.5"), ("2.5", "2.5"), ("007", "7"), ("1,200.50", "1200.50"), ("1 200,50", "1200.50")],
)
def test_numbers_in_any_convention_give_one_key(raw: str, value: str) -> None:
    assert number_value(raw) == value


def test_months_need_a_day_or_a_year_beside_them() -> None:
    assert months("on June 9 the court") == months("9 июня суд") == frozenset({"m:6"})
    assert months("Theresa May said") == frozenset()
    assert months("в марте 2019 года") == frozenset({"m:3"})
    assert months("3 мая") == frozenset({"m:5"})


def test_months_read_only_around_digits_as_the_whole_text_reads() -> None:
    # Each number is read with the words beside it; a word a match before it took is not read
    # again ("Smith 12" takes the 12 from "12 June"), as a reading of the whole text goes.
    assert months("Smith 12 June and more") == frozenset()
    assert months("Smith said: 12 June.\nIn Sept. 2020 and 7June") == frozenset({"m:6", "m:9"})
    assert months("x" * 5000 + " March 3, then April") == frozenset({"m:3"})
    assert months("Mayday 12345 July 1 August") == frozenset({"m:7", "m:8"})


def test_a_translated_sentence_keeps_its_anchors() -> None:
    english = "On June 9, 2019 Trump paid $1,200.50 and 2.5 million to Johnson."
    russian = "9 июня 2019 года Трамп заплатил 1 200,50 доллара и 2,5 млн Джонсону."
    assert anchors(english, frozenset({"on"})) == anchors(russian, frozenset({"на"}))
    assert "n:2019" in numbers(russian)


def test_function_words_and_short_words_are_not_names() -> None:
    assert names("The minister met Denko", frozenset({"the"})) == frozenset({"p:dnk"})
    assert names("Он и Ан") == frozenset()


@given(st.text(max_size=200))
def test_anchors_never_fail_and_are_keys(text: str) -> None:
    for key in anchors(text):
        assert key[:2] in {"n:", "m:", "p:"}
