"""A TF-IDF vocabulary stored as plain arrays, so a shipped model never needs unpickling."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from compare.artefacts import pack_strings, unpack_strings
from compare.measure.stance.lexicon import wordset
from compare.normalise import tokenize

# Function words that carry no topic; kept short on purpose: negations and modal verbs are
# signal for stance and sentiment, so they are not in this list.
STOPWORDS = wordset(
    "a an the of to in on at for by with from and or as is are was were be been being it its "
    "this that these those he she they we i you his her their our your my me him them us "
    "has have had do does did will would shall s 's than then there here which who whom whose "
    "what when where why how into about over after before up out so if also just"
)


def words(text: str) -> list[str]:
    """Normalised word tokens of ``text`` (matching forms, original case folded)."""
    return [t.norm for t in tokenize(text)]


@dataclass(frozen=True)
class Tfidf:
    """Term index and inverse document frequencies; vectors use sublinear tf and L2 norm."""

    terms: tuple[str, ...]
    idf: np.ndarray

    @classmethod
    def fit(cls, docs: Iterable[Sequence[str]], min_df: int = 2, max_terms: int = 50000) -> Tfidf:
        """Learn the vocabulary and idf from tokenised training documents only."""
        df: Counter[str] = Counter()
        n_docs = 0
        for doc in docs:
            df.update(set(doc))
            n_docs += 1
        kept = [t for t, c in df.most_common(max_terms) if c >= min_df]
        kept.sort()
        idf = np.array([np.log((1 + n_docs) / (1 + df[t])) + 1.0 for t in kept])
        return cls(tuple(kept), idf)

    @cached_property
    def index(self) -> dict[str, int]:
        """Term -> column."""
        return {name: i for i, name in enumerate(self.terms)}

    def transform(self, docs: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Rows of L2-normalised TF-IDF weights, one per tokenised document."""
        index = self.index
        indptr = [0]
        cols: list[int] = []
        vals: list[float] = []
        for doc in docs:
            counts = Counter(index[w] for w in doc if w in index)
            row_cols = list(counts)
            row = np.array([1.0 + np.log(counts[c]) for c in row_cols]) * self.idf[row_cols]
            norm = float(np.sqrt((row**2).sum())) if len(row_cols) else 0.0
            cols.extend(row_cols)
            vals.extend((row / norm).tolist() if norm else row.tolist())
            indptr.append(len(cols))
        return sparse.csr_matrix(
            (np.array(vals, dtype=np.float64), np.array(cols, dtype=np.int64), np.array(indptr)),
            shape=(len(docs), len(self.terms)),
        )

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """Arrays to store in a model file."""
        return {**pack_strings(self.terms, f"{prefix}terms"), f"{prefix}idf": self.idf}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> Tfidf:
        """Rebuild from :meth:`to_arrays`."""
        return cls(tuple(unpack_strings(arrays, f"{prefix}terms")), arrays[f"{prefix}idf"])
