"""Credits in sentences: the two searches merged find exactly what one regex with both forms finds."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.ingest.metadata import _CREDIT_NAME, _OUTLET_NOUN, _credit_matches, credits_in_text

# The single regex the merged searches replace (both forms as alternatives).
ONE_REGEX = regex.compile(
    rf"(?:{_CREDIT_NAME}(?P<noun>\s+{_OUTLET_NOUN})?\s+(?:reported|reports|said|says|wrote)\b"
    rf"|\b(?i:according\s+to|reported\s+by)\s+{_CREDIT_NAME}(?P<noun2>\s+{_OUTLET_NOUN})?)"
)
PIECES = [
    "Reuters",
    "the Meridian news agency",
    "Meridian",
    "Agency",
    "the",
    "The",
    "Lavrov",
    "iPhone",
    "McDonald",
    "Nordpress Wire",
    "said",
    "says",
    "reported",
    "reports",
    "wrote",
    "according to",
    "According To",
    "reported by",
    "Reported by",
    "daily",
    "newspaper",
    "broadcaster",
    "on Tuesday",
    "the pier",
    ".",
    ",",
    "Skarvoy",
    "ТАСС",
    "news  agency",
    "A.P.",
    "N.Y. Times",
    "\n",
]


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(
    st.lists(st.sampled_from(PIECES), max_size=30),
    st.lists(st.sampled_from([" ", "  ", "\n", "", " \t"]), min_size=30, max_size=30),
)
def test_merged_searches_find_what_one_regex_finds(words: list[str], separators: list[str]) -> None:
    text = "".join(word + separator for word, separator in zip(words, separators, strict=False))
    expected = [(m.span(), m["who"], bool(m["noun"] or m["noun2"])) for m in ONE_REGEX.finditer(text)]
    assert [(m.span(), m["who"], bool(m["noun"])) for m in _credit_matches(text)] == expected


def test_credits_in_sentences() -> None:
    text = "The pier opened, the Meridian news agency reported. According to Reuters, it cost more."
    assert [a.outlet for a in credits_in_text([text])] == ["Meridian", "Reuters"]
