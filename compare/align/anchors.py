"""Language-independent anchors of a text: numbers, dates and names, comparable across languages.

A translation keeps its numbers ("1,200" and "1 200", "2.5" and "2,5"), its dates ("9 June" and
"9 июня" give the same month key) and its names written in another script ("Трампом" and "Trump"
give the same phonetic key). Anchors confirm a sentence pair the encoder proposes and let a scan
find candidate originals in another language without any encoder.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

NUMBER = regex.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")
# A capitalised word (or an acronym) of any script.
CAPITALISED = regex.compile(r"\b\p{Lu}[\p{L}\p{M}'’-]*")
CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
        "ї": "i", "є": "e", "ґ": "g", "ў": "u", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "dj",
        "џ": "dzh",
    }
)  # fmt: skip
# Spellings of one sound folded together, longest first, so English and transliterated forms
# meet: Johnson / Dzhonson, Brexit / Breksit, Facebook / Feisbuk, Washington / Vashington.
SOUND_FOLDS = (
    ("shch", "sh"), ("sch", "sh"), ("tch", "ch"), ("ph", "f"), ("th", "t"), ("ck", "k"),
    ("x", "ks"), ("q", "k"), ("w", "v"), ("j", "dzh"), ("ce", "se"), ("ci", "si"), ("cy", "sy"),
    ("c", "k"), ("z", "s"),
)  # fmt: skip
DROPPED_LETTERS = str.maketrans("", "", "aeiouyh'’-")
# Letters of a name's consonant skeleton kept as its key: three survive the case endings of
# Russian names (Путин, Путина, Путиным all give "ptn") while telling most names apart.
NAME_KEY_LETTERS = 3
MONTHS: dict[str, int] = {
    **{m: k for k, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"), start=1)},
    **{m: k for k, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec"), start=1)},
    "sep": 9,
}  # fmt: skip
# Russian and Ukrainian month stems (every case form starts with one).
MONTH_STEMS: tuple[tuple[str, int], ...] = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("июн", 6), ("июл", 7),
    ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
    ("січ", 1), ("лют", 2), ("берез", 3), ("квіт", 4), ("травн", 5), ("червн", 6), ("лип", 7),
    ("серп", 8), ("верес", 9), ("жовт", 10), ("листопад", 11), ("груд", 12),
)  # fmt: skip
# A month word counts only next to a number (a day or a year): "May" alone is also a name.
DATE = regex.compile(r"(\d{1,4})\s+(\p{L}+)|(\p{L}+)\.?\s+(\d{1,4})")
DIGITS = regex.compile(r"\d+")
REPEATED_LETTER = regex.compile(r"(.)\1+")


def number_value(raw: str) -> str:
    """A number written in any convention as one key: separators of thousands dropped, the
    decimal separator a point ("1,200" and "1 200" give "1200"; "2,5" and "2.5" give "2.5")."""
    parts = regex.split(r"[.,\u00a0\u202f ]", raw)
    if len(parts) > 1 and len(parts[-1]) != 3:
        whole, fraction = "".join(parts[:-1]), parts[-1]
    else:
        whole, fraction = "".join(parts), ""
    whole = str(int(whole)) if whole.isdigit() else whole
    return f"{whole}.{fraction}" if fraction else whole


def numbers(text: str) -> frozenset[str]:
    """Every number of a text as a language-independent key."""
    return frozenset(f"n:{number_value(m.group())}" for m in NUMBER.finditer(text))


def _month(word: str) -> int | None:
    lowered = word.lower()
    if lowered in MONTHS:
        return MONTHS[lowered]
    if lowered in {"май", "мая", "мае"}:
        return 5
    return next((month for stem, month in MONTH_STEMS if lowered.startswith(stem)), None)


def months(text: str) -> frozenset[str]:
    """Months named next to a day or a year ("9 June", "June 2019", "9 июня")."""
    keys = set()
    for start, stop in _digit_windows(text):
        for match in DATE.finditer(text, start, stop):
            month = _month(match.group(2) or match.group(3))
            if month is not None:
                keys.add(f"m:{month}")
    return frozenset(keys)


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """The stretches of text a ``DATE`` match can lie in: each run of digits with the word before
    and after it (and the spaces and full stop between), overlapping ones joined.

    Every match holds a digit, and each stretch starts where no match of the text read whole is
    under way, so reading only these gives the same matches without trying every word.
    """
    windows: list[tuple[int, int]] = []
    for run in DIGITS.finditer(text):
        start, stop = run.start(), run.end()
        while start and (text[start - 1].isspace() or text[start - 1] == "."):
            start -= 1
        while start and text[start - 1].isalpha():
            start -= 1
        while stop < len(text) and text[stop].isspace():
            stop += 1
        while stop < len(text) and text[stop].isalpha():
            stop += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], stop)
        else:
            windows.append((start, stop))
    return windows


@lru_cache(maxsize=65536)
def name_key(word: str) -> str | None:
    """A phonetic key of a name, the same in Latin and Cyrillic script: transliterated, sounds
    folded, vowels dropped, its first consonants (None for a name too short to tell apart)."""
    latin = word.lower().translate(CYRILLIC_TO_LATIN)
    if not latin.isascii():  # accents decomposed and dropped (ASCII has none)
        latin = "".join(c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c))
    for spelling, sound in SOUND_FOLDS:
        latin = latin.replace(spelling, sound)
    skeleton: str = REPEATED_LETTER.sub(r"\1", latin.translate(DROPPED_LETTERS))
    if len(skeleton) < 2 or not skeleton.isascii() or not skeleton.isalpha():
        return None
    return skeleton[:NAME_KEY_LETTERS]


def names(text: str, stopwords: frozenset[str] = frozenset()) -> frozenset[str]:
    """Phonetic keys of the capitalised words of a text that are not function words."""
    keys = set()
    for word in set(CAPITALISED.findall(text)):
        if word.lower() in stopwords or len(word) < 3:
            continue
        key = name_key(word)
        if key:
            keys.add(f"p:{key}")
    return frozenset(keys)


def anchors(text: str, stopwords: frozenset[str] = frozenset()) -> frozenset[str]:
    """Numbers, months and name keys of a text: what a translation of it keeps."""
    return numbers(text) | months(text) | names(text, stopwords)
