"""A light language detector: the script, then the share of each language's stopwords."""

from __future__ import annotations

import re
from functools import lru_cache

import regex

# ISO 639-1 code -> jusText stoplist name. Kept small: each list costs a file read once.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "ru": "Russian",
    "uk": "Ukrainian",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "pl": "Polish",
    "nl": "Dutch",
    "tr": "Turkish",
    "cs": "Czech",
    "sk": "Slovak",
    "sv": "Swedish",
    "no": "Norwegian_Bokmal",
    "da": "Danish",
    "fi": "Finnish",
    "hu": "Hungarian",
    "ro": "Romanian",
    "hr": "Croatian",
    "id": "Indonesian",
    "ca": "Catalan",
    "ar": "Arabic",
    "fa": "Persian",
    "ur": "Urdu",
    "hi": "Hindi",
    "bn": "Bengali",
    "ko": "Korean",
    "he": "Hebrew",
    "el": "Greek",
    "be": "Belarusian",
    "kk": "Kazakh",
}
CYRILLIC_LANGUAGES = ("ru", "uk", "bg", "sr", "be", "kk")
LATIN_LANGUAGES = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "pl",
    "nl",
    "tr",
    "cs",
    "sk",
    "sv",
    "no",
    "da",
    "fi",
    "hu",
    "ro",
    "hr",
    "id",
    "ca",
)
ARABIC_LANGUAGES = ("ar", "fa", "ur")
# Letters of any script (stdlib re: faster than regex for this simple class).
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# The same words in text that is all ASCII, where a letter is one of A-Z and a-z (half the time).
ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
# Words sampled for detection, from the text's first characters: enough for a stable vote,
# cheap on long pages.
SAMPLE_WORDS = 400
SAMPLE_CHARS = 4000
# Language is told from the start of a plain text: its first 100 words or so decide the
# stopword vote as surely as a page's 400 (prose holds some 40% stopwords, chrome far fewer).
LANGUAGE_SAMPLE_CHARS = 600
# Below this share of its stopwords a language is not claimed (a Swahili text holds ~10% of
# Spanish stopwords; a real Spanish text over 40%).
MIN_STOPWORD_SHARE = 0.2


@lru_cache(maxsize=32)
def stoplist(code: str) -> frozenset[str]:
    """jusText's stopwords of a language (empty for a language it does not know)."""
    import justext

    name = LANGUAGES.get(code)
    if name is None:
        return frozenset()
    return frozenset(justext.get_stoplist(name))


@lru_cache(maxsize=8192)
def words_of(text: str) -> tuple[str, ...]:
    """Lower-cased words of a text (cached: the cleaner asks for a paragraph's words twice)."""
    return tuple(letter_words(text.lower()))


def letter_words(text: str) -> list[str]:
    """The runs of letters of a text (``WORD``), read with ``ASCII_WORD`` when it is all ASCII."""
    return (ASCII_WORD if text.isascii() else WORD).findall(text)


SCRIPTS: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (code, regex.compile(rf"\p{{{script}}}"))
    for script, code in (
        ("Arabic", "ar"),
        ("Han", "zh"),
        ("Hebrew", "he"),
        ("Greek", "el"),
        ("Devanagari", "hi"),
        ("Bengali", "bn"),
        ("Hangul", "ko"),
    )
)
CYRILLIC = regex.compile(r"\p{Cyrillic}")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too little text to tell."""
    return language_of_words(language_sample(text))


def language_sample(text: str) -> list[str]:
    """The words the language is told from: the first ``SAMPLE_WORDS`` words (``letter_words``,
    lower-cased) of the text's first ``SAMPLE_CHARS`` characters."""
    return letter_words(text[:SAMPLE_CHARS].lower())[:SAMPLE_WORDS]


def language_of_words(words: list[str]) -> str | None:
    """``detect_language`` of a text from its ``language_sample``."""
    if len(words) < 3:
        return None
    letters = "".join(words)[:3000]
    if letters.isascii():  # Latin script: no other script's test can pass
        return _best(words, LATIN_LANGUAGES)
    if len(CYRILLIC.findall(letters)) > 0.5 * len(letters):
        return _best(words, CYRILLIC_LANGUAGES) or "ru"
    for code, pattern in SCRIPTS:
        if len(pattern.findall(letters)) > 0.5 * len(letters):
            return _best(words, ARABIC_LANGUAGES) or code if code == "ar" else code
    return _best(words, LATIN_LANGUAGES)


@lru_cache(maxsize=4)
def _index(codes: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each stopword of the given languages -> the languages it belongs to."""
    index: dict[str, list[str]] = {}
    for code in codes:
        for word in stoplist(code):
            index.setdefault(word, []).append(code)
    return {word: tuple(found) for word, found in index.items()}


def _best(words: list[str], codes: tuple[str, ...]) -> str | None:
    scores = dict.fromkeys(codes, 0)
    for found in map(_index(codes).get, words):
        for code in found or ():
            scores[code] += 1
    code = max(scores, key=scores.__getitem__)
    return code if scores[code] >= MIN_STOPWORD_SHARE * len(words) else None
