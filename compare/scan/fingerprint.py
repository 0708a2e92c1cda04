"""Fingerprints of texts: hashed word shingles, kept when their hash falls on a fixed residue.

Modulo sampling keeps the same shingles in every text that contains them, so a passage copied
into a page keeps the fingerprints it had in its original wherever it lands (winnowing chooses
by neighbourhood, which a copy's new surroundings change at the passage ends).

Everything is vectorised over many texts at once: each character is NFKC-normalised and
case-folded (as ``compare.normalise.normalise_word`` does per word), word characters are the letters, marks
and digits of any script (``compare.normalise.WORD``), and words are hashed with a polynomial
rolling hash over code points, so fingerprints are the same in every process and run.
Apostrophes split words here and spelling variants are not folded: both sides of a comparison
are fingerprinted the same way, and copies share their spelling.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

from compare.settings import FingerprintSettings

# Odd 64-bit constants: the rolling-hash base and the splitmix64 finaliser.
BASE = 0x100000001B3
BASE_INVERSE = pow(BASE, -1, 1 << 64)
MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
MIX1 = np.uint64(0xBF58476D1CE4E5B9)
MIX2 = np.uint64(0x94D049BB133111EB)
# Texts are hashed in chunks of about this many characters to bound temporary arrays.
CHUNK_CHARS = 1_000_000
WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")


@lru_cache(maxsize=1)
def _bmp_table() -> np.ndarray:
    table = np.zeros(0x10000, dtype=bool)
    everything = "".join(map(chr, range(0x10000)))
    table[[m.start() for m in WORD_CHAR.finditer(everything)]] = True
    return table


def is_word_char(points: np.ndarray) -> np.ndarray:
    """For each code point: is it a letter, mark or digit (a table for the BMP, regex beyond)."""
    table = _bmp_table()
    astral = points >= 0x10000
    if not astral.any():
        return np.asarray(table[points], dtype=bool)
    result = np.asarray(table[np.where(astral, 0, points)], dtype=bool)
    for point in np.unique(points[astral]):
        result[points == point] = WORD_CHAR.match(chr(int(point))) is not None
    return result


def _mix(values: np.ndarray) -> np.ndarray:
    values = values ^ (values >> np.uint64(31))
    values = values * MIX1
    values ^= values >> np.uint64(29)
    values *= MIX2
    values ^= values >> np.uint64(32)
    return values


_POWERS: dict[int, np.ndarray] = {}


def _powers(base: int, count: int) -> np.ndarray:
    """base**0 .. base**(count-1) modulo 2**64, cached: every chunk needs the same ones."""
    cached = _POWERS.get(base)
    if cached is None or len(cached) < count:
        size = max(count, CHUNK_CHARS + 1)
        powers = np.full(size, base, dtype=np.uint64)
        powers[0] = 1
        cached = _POWERS[base] = np.cumprod(powers, dtype=np.uint64)
    return cached[:count]


_FOLD: dict[int, str] = {}


@dataclass(frozen=True)
class WordTokens:
    """The words of one text: 64-bit hashes of their folded forms and their character ranges."""

    hashes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


def fold_text(text: str) -> tuple[str, np.ndarray | None]:
    """Case- and compatibility-folded text, char by char; with a map back when lengths change.

    The map gives, for each folded character, the index of the character of ``text`` it came
    from (``None`` when folding kept every character's length, as for all ASCII text).
    """
    if text.isascii():
        return text.lower(), None
    for char in set(text):
        point = ord(char)
        if point not in _FOLD:
            _FOLD[point] = unicodedata.normalize("NFKC", char).casefold().replace("ё", "е")
    folded = text.translate(_FOLD)
    if len(folded) == len(text):
        return folded, None
    lengths = [len(_FOLD.get(ord(char), char)) for char in text]
    return folded, np.repeat(np.arange(len(text)), lengths)


def _words(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Word hashes, owning text, and start/end offsets in that text, of every word of the texts."""
    folds = [fold_text(t) for t in texts]
    joined = "\x00".join(f for f, _ in folds)
    if joined.isascii():  # one byte a character, and the table's first 256 entries
        points = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
        is_word = _bmp_table()[:256][points]
    else:
        points = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        is_word = is_word_char(points)
    edges = np.diff(is_word.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    with np.errstate(over="ignore"):
        codes = points.astype(np.uint64) * _powers(BASE_INVERSE, len(points))
        prefix = np.concatenate(([np.uint64(0)], np.cumsum(codes, dtype=np.uint64)))
        hashes = _powers(BASE, len(points) + 1)[ends - 1] * (prefix[ends] - prefix[starts])
        hashes = _mix(hashes + (ends - starts).astype(np.uint64))
    lengths = np.fromiter((len(f) + 1 for f, _ in folds), dtype=np.int64, count=len(folds))
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    owner = np.searchsorted(offsets, starts, side="right") - 1
    starts = starts - offsets[owner]
    ends = ends - offsets[owner]
    for index, (_, char_map) in enumerate(folds):
        if char_map is not None:
            mine = owner == index
            starts[mine] = char_map[starts[mine]]
            ends[mine] = char_map[ends[mine] - 1] + 1
    return hashes, owner, starts, ends


def tokenize_chunked(texts: Sequence[str]) -> list[WordTokens]:
    """``tokenize_many`` a chunk of about ``CHUNK_CHARS`` at a time (bounded temporary arrays)."""
    return [tokens for chunk in text_chunks(texts) for tokens in tokenize_many(chunk)]


def tokenize_many(texts: Sequence[str]) -> list[WordTokens]:
    """The words of each text, hashed, with offsets into the text (for bulk alignment)."""
    hashes, owner, starts, ends = _words(texts)
    bounds = np.searchsorted(owner, np.arange(len(texts) + 1))
    return [
        WordTokens(
            hashes[bounds[i] : bounds[i + 1]],
            starts[bounds[i] : bounds[i + 1]],
            ends[bounds[i] : bounds[i + 1]],
        )
        for i in range(len(texts))
    ]


def window_hashes(hashes: np.ndarray, owner: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The hash of the n words starting at each position (but the last n - 1), and whether those
    n words lie inside one text."""
    if len(hashes) < n:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=bool)
    count = len(hashes) - n + 1
    combined = hashes[:count].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, n):
            combined = combined * MULTIPLIER + hashes[offset : offset + count]
        combined = _mix(combined)
    return combined, owner[:count] == owner[n - 1 :]


def shingle_hashes(hashes: np.ndarray, owner: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the word n-grams that lie inside one text, and the text of each."""
    combined, inside = window_hashes(hashes, owner, n)
    return combined[inside], owner[: len(combined)][inside]


def _short_texts(hashes: np.ndarray, owner: np.ndarray, n: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """One hash for each text shorter than n words: all its words (such texts have no n-gram)."""
    lengths = np.bincount(owner, minlength=count)
    short = np.flatnonzero((lengths > 0) & (lengths < n))
    values = []
    for text in short:
        combined = np.uint64(0)
        with np.errstate(over="ignore"):
            for value in hashes[owner == text]:
                combined = combined * MULTIPLIER + value
        values.append(combined)
    return _mix(np.array(values, dtype=np.uint64)), short


def text_chunks(texts: Sequence[str]) -> Iterator[Sequence[str]]:
    """The texts in consecutive runs of about ``CHUNK_CHARS`` characters (at least one text each)."""
    start = 0
    while start < len(texts):
        stop, size = start, 0
        while stop < len(texts) and (stop == start or size + len(texts[stop]) <= CHUNK_CHARS):
            size += len(texts[stop]) + 1
            stop += 1
        yield texts[start:stop]
        start = stop


def fingerprint_many(texts: Sequence[str], settings: FingerprintSettings) -> list[np.ndarray]:
    """For each text, its sorted distinct sampled shingle hashes (uint64)."""
    return [prints for chunk in text_chunks(texts) for prints in _fingerprint_chunk(chunk, settings)]


def _fingerprint_chunk(texts: Sequence[str], settings: FingerprintSettings) -> list[np.ndarray]:
    hashes, owner, _, _ = _words(texts)
    return _sampled(hashes, owner, len(texts), settings)


def fingerprint_tokens(tokens: Sequence[WordTokens], settings: FingerprintSettings) -> list[np.ndarray]:
    """``fingerprint_many`` of texts already tokenised by ``tokenize_many`` (the same arrays)."""
    if not tokens:
        return []
    lengths = np.fromiter((len(t.hashes) for t in tokens), dtype=np.int64, count=len(tokens))
    hashes = np.concatenate([t.hashes for t in tokens])
    owner = np.repeat(np.arange(len(tokens), dtype=np.int64), lengths)
    return _sampled(hashes, owner, len(tokens), settings)


def _sampled(
    hashes: np.ndarray, owner: np.ndarray, count: int, settings: FingerprintSettings
) -> list[np.ndarray]:
    """For each of ``count`` texts, its sorted distinct sampled shingle hashes."""
    shingles, shingle_owner = shingle_hashes(hashes, owner, settings.shingle_words)
    extra, extra_owner = _short_texts(hashes, owner, settings.shingle_words, count)
    shingles = np.concatenate((shingles, extra))
    shingle_owner = np.concatenate((shingle_owner, extra_owner))
    keep = shingles % np.uint64(settings.modulo) == 0
    shingles, shingle_owner = shingles[keep], shingle_owner[keep]
    order = np.lexsort((shingles, shingle_owner))
    shingles, shingle_owner = shingles[order], shingle_owner[order]
    repeated = np.zeros(len(shingles), dtype=bool)
    repeated[1:] = (shingles[1:] == shingles[:-1]) & (shingle_owner[1:] == shingle_owner[:-1])
    shingles, shingle_owner = shingles[~repeated], shingle_owner[~repeated]
    bounds = np.searchsorted(shingle_owner, np.arange(count + 1)).tolist()
    return [shingles[bounds[i] : bounds[i + 1]] for i in range(count)]


def fingerprints(text: str, settings: FingerprintSettings) -> np.ndarray:
    """The sorted distinct sampled shingle hashes of one text (uint64)."""
    return fingerprint_many([text], settings)[0]
