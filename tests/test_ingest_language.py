"""Words and languages of a text: the ASCII reading gives the words the general one gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compare.ingest.language import WORD, detect_language, letter_words

ASCII_TEXT = st.text(alphabet=st.characters(max_codepoint=127))


@given(st.one_of(ASCII_TEXT, st.text(alphabet="ab'’ 1_.Zé"), st.text()))
def test_letter_words_are_the_general_patterns_words_on_any_text(text: str) -> None:
    assert letter_words(text) == WORD.findall(text)


def test_an_english_and_a_french_text_are_told_apart() -> None:
    english = "The mayor said that the council would meet on Monday and that it was not going to wait."
    french = "Le maire a dit que le conseil se réunirait lundi et qu'il ne voulait pas attendre plus."
    assert (detect_language(english), detect_language(french)) == ("en", "fr")
