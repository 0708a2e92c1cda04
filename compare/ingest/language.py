"""A light language detector: the script, then the share of each language's stopwords."""

from __future__ import annotations

from collections import Counter
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
}
CYRILLIC_LANGUAGES = ("ru", "uk", "bg", "sr")
LATIN_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "pl", "nl", "tr", "cs")
WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")
# Words sampled for detection: enough for a stable vote, cheap on long pages.
SAMPLE_WORDS = 1500
# Below this share of stopwords no Latin-script language is claimed.
MIN_STOPWORD_SHARE = 0.08


@lru_cache(maxsize=32)
def stoplist(code: str) -> frozenset[str]:
    """jusText's stopwords of a language (empty for a language it does not know)."""
    import justext

    name = LANGUAGES.get(code)
    if name is None:
        return frozenset()
    return frozenset(justext.get_stoplist(name))


def words_of(text: str) -> list[str]:
    """Lower-cased words of a text."""
    return [w.lower() for w in WORD.findall(text)]


SCRIPTS: tuple[tuple[str, regex.Pattern[str]], ...] = tuple(
    (code, regex.compile(rf"\p{{{script}}}"))
    for script, code in (("Arabic", "ar"), ("Han", "zh"), ("Hebrew", "he"), ("Greek", "el"))
)
CYRILLIC = regex.compile(r"\p{Cyrillic}")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when too little text to tell."""
    words = words_of(text[:6000])[:SAMPLE_WORDS]
    if len(words) < 3:
        return None
    letters = "".join(words)[:3000]
    if len(CYRILLIC.findall(letters)) > 0.5 * len(letters):
        return _best(words, CYRILLIC_LANGUAGES) or "ru"
    for code, pattern in SCRIPTS:
        if len(pattern.findall(letters)) > 0.5 * len(letters):
            return code
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
    index = _index(codes)
    scores = dict.fromkeys(codes, 0)
    for word, count in Counter(words).items():
        for code in index.get(word, ()):
            scores[code] += count
    code = max(codes, key=lambda c: scores[c])
    return code if scores[code] >= MIN_STOPWORD_SHARE * len(words) else None
