"""Tokens with character offsets, and the normalisation used for matching only.

Display always uses the original text; a token's ``norm`` is what two texts are compared on.
Tokenisation is Unicode-aware (letters, combining marks and digits of any script).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

# Words this long or longer stand in for content words where no stoplist says which are function
# words (four letters and up leaves out "the", "and", "for", "was").
CONTENT_WORD_CHARS = 4
WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*")
# A sentence ends at . ! ? … before a capital, a digit or a letter of a caseless script (Arabic,
# Hebrew, Devanagari ...); at the full stops of scripts without capitals (Urdu ۔, Arabic ؟,
# Devanagari ।, CJK 。！？), whatever follows; and at a paragraph break.
STOPS = ".!?…"
CASELESS_STOPS = "۔؟।॥。！？"
CLOSERS = "\"'”“’»)\\]」』）"
# A full stop after these is an abbreviation, not a sentence end, even before a capital or a
# number ("Rep. Smith", "Sept. 5", "John F. Kennedy"). Words that often end a sentence as well
# ("Inc.", "Jr.", "a.m.", "etc.") are left out: a lower-case next word already keeps those whole.
ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Prof|Rev|Hon|Pres|Gov|Sen|Sens|Rep|Reps|Gen|Lt|Col|Maj|Capt|Cmdr|Adm|Sgt|St|Mt|Ft"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\\.S|U\\.K|U\\.N|\\p{Lu}"
)
SENTENCE_END = regex.compile(
    rf"(?<=[{STOPS}][{CLOSERS}]*)(?<!\b(?:{ABBREVIATIONS})\.)\s+(?:[-–—]\s+)?"
    rf"(?=[\"'“‘«„(\[]?[\p{{Lu}}\p{{Lt}}\p{{Lo}}\p{{N}}])"
    rf"|(?<=[{CASELESS_STOPS}][{CLOSERS}]*)\s*(?=[^\s{CLOSERS}])"
    r"|\n\s*\n"
)

# Transliteration and spelling variants folded to one form for matching.
VARIANTS: dict[str, str] = {
    "sergei": "sergey",
    "sergej": "sergey",
    "anthony": "antony",
    "dmitri": "dmitry",
    "dmitrii": "dmitry",
    "yuri": "yury",
    "alexey": "alexei",
    "aleksei": "alexei",
    "aleksey": "alexei",
    "nikolai": "nikolay",
    "andrei": "andrey",
    "mikhail": "mikhail",
    "zelensky": "zelenskyy",
    "zelenskiy": "zelenskyy",
    "kyiv": "kiev",
    "dialogue": "dialog",
    "programme": "program",
    "defence": "defense",
    "favour": "favor",
    "centre": "center",
    "organisation": "organization",
}


@dataclass(frozen=True)
class Token:
    """One word: its normalised form and its character range in the source text."""

    norm: str
    start: int
    end: int


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """Fold case, compatibility forms, apostrophes and known spelling variants of one word."""
    folded = unicodedata.normalize("NFKC", word).casefold().replace("’", "'")
    folded = folded.replace("ё", "е")
    return VARIANTS.get(folded, folded)


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens carrying their offsets in ``text``."""
    return [Token(normalise_word(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of ``text`` (paragraph breaks end a sentence too)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.start()
        if text[start:end].strip():
            spans.append(_strip_span(text, start, end))
        start = match.end()
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def shingles(tokens: list[Token], n: int) -> set[tuple[str, ...]]:
    """The set of word n-grams of a token list (the whole list when it is shorter than n)."""
    norms = [t.norm for t in tokens]
    if len(norms) < n:
        return {tuple(norms)} if norms else set()
    return {tuple(norms[i : i + n]) for i in range(len(norms) - n + 1)}


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to at most ``limit`` characters with an ellipsis, at a space when
    one falls in the last third (labels of charts, events and flows)."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"
