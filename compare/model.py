"""Records passed between pipeline stages: frozen dataclasses with checked invariants."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

PassageKind = Literal["verbatim", "edited", "paraphrase", "translation", "unique"]
Relation = Literal[
    "duplicate",
    "copy-with-edits",
    "partial-copy",
    "rewrite",
    "translation",
    "partial-translation",
    "same-event",
    "different-event",
]
RELATIONS: tuple[str, ...] = get_args(Relation)
PASSAGE_KINDS: tuple[str, ...] = get_args(PassageKind)
# Relations in which one text carries the other's text (copied or translated).
COPY_RELATIONS: frozenset[str] = frozenset(RELATIONS) - {"same-event", "different-event"}


def _check_unit(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1], got {value}")


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[start, end)`` of an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def to_list(self) -> list[int]:
        return [self.start, self.end]


@dataclass(frozen=True)
class Removed:
    """A piece of the raw input the cleaner took out, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Attribution:
    """Evidence of where an article came from (a republication notice, a dateline, a credit)."""

    kind: str
    text: str
    outlet: str | None = None


@dataclass(frozen=True)
class Provenance:
    """How one metadata field was found: the method and the text it was read from."""

    field: str
    method: str
    evidence: str = ""


@dataclass(frozen=True)
class Article:
    """One loaded article: clean text plus metadata, each field with how it was found."""

    id: str
    text: str
    path: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    date_inferred: bool = False
    author: str | None = None
    # The moment of publication, ISO 8601 with the time of day (and zone when given), when the
    # page gives a time: it orders articles published on the same day.
    published_at: str | None = None
    language: str | None = None
    removed: tuple[Removed, ...] = ()
    attribution: tuple[Attribution, ...] = ()
    provenance: tuple[Provenance, ...] = ()
    raw_format: str = "text"

    @property
    def name(self) -> str:
        """A short human label: the title, else the file name or id."""
        return self.title or (self.path or self.url or self.id).rsplit("/", 1)[-1]

    @property
    def credited_name(self) -> str:
        """The name led by the outlet, so two copies of one headline can be told apart."""
        return f"{self.outlet}: {self.name}" if self.outlet else self.name

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "date": self.date,
            "date_inferred": self.date_inferred,
            "published_at": self.published_at,
            "author": self.author,
            "language": self.language,
            "text": self.text,
            # Flat dataclasses of strings: their fields as they are (asdict deep-copies each value,
            # a fifth of the time of `compare extract` on a feed).
            "removed": [dict(vars(r)) for r in self.removed],
            "attribution": [dict(vars(a)) for a in self.attribution],
            "provenance": [dict(vars(p)) for p in self.provenance],
        }


@dataclass(frozen=True)
class Edit:
    """One word-level operation turning a passage of A into its partner in B."""

    op: Literal["replace", "insert", "delete"]
    a: Span
    b: Span
    a_text: str
    b_text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "a": self.a.to_list(),
            "b": self.b.to_list(),
            "a_text": self.a_text,
            "b_text": self.b_text,
        }


@dataclass(frozen=True)
class Passage:
    """Corresponding text in A and B (or text only one side has, for ``unique``)."""

    kind: PassageKind
    a: Span | None
    b: Span | None
    similarity: float
    edits: tuple[Edit, ...] = ()
    is_quote: bool = False

    def __post_init__(self) -> None:
        _check_unit("similarity", self.similarity)
        if self.kind not in PASSAGE_KINDS:
            raise ValueError(f"unknown passage kind {self.kind!r}")
        if self.a is None and self.b is None:
            raise ValueError("a passage needs a span on at least one side")
        if self.kind != "unique" and (self.a is None or self.b is None):
            raise ValueError(f"a {self.kind} passage needs spans on both sides")

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "a": self.a.to_list() if self.a else None,
            "b": self.b.to_list() if self.b else None,
            "similarity": round(self.similarity, 4),
            "edits": [e.to_dict() for e in self.edits],
            "is_quote": self.is_quote,
        }


@dataclass(frozen=True)
class Overlap:
    """How much text A and B share, by several measures (all in [0, 1] unless a count)."""

    containment_a_in_b: float
    containment_b_in_a: float
    jaccard: float
    longest_common_words: int
    share_a: dict[str, float]
    share_b: dict[str, float]
    string_measures: dict[str, float]

    def __post_init__(self) -> None:
        for name in ("containment_a_in_b", "containment_b_in_a", "jaccard"):
            _check_unit(name, getattr(self, name))

    def to_dict(self) -> dict[str, Any]:
        return {
            "containment_a_in_b": round(self.containment_a_in_b, 4),
            "containment_b_in_a": round(self.containment_b_in_a, 4),
            "jaccard": round(self.jaccard, 4),
            "longest_common_words": self.longest_common_words,
            "share_a": {k: round(v, 4) for k, v in self.share_a.items()},
            "share_b": {k: round(v, 4) for k, v in self.share_b.items()},
            "string_measures": {k: round(v, 4) for k, v in self.string_measures.items()},
        }


@dataclass(frozen=True)
class Direction:
    """Who copied whom: ``a``/``b`` is the source, ``common`` a shared third text, None unknown."""

    source: Literal["a", "b", "common"] | None
    confidence: float
    evidence: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_unit("confidence", self.confidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "confidence": round(self.confidence, 4),
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True)
class PairResult:
    """Everything known about a pair of articles; ``to_dict`` is the JSON contract."""

    a: Article
    b: Article
    passages: tuple[Passage, ...]
    overlap: Overlap
    relation: Relation
    direction: Direction
    # Each quote of A matched with the same quote in B, whole on both sides (is_quote passages).
    quotes: tuple[Passage, ...] = ()
    stance: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "relation": self.relation,
            "direction": self.direction.to_dict(),
            "overlap": self.overlap.to_dict(),
            "passages": [p.to_dict() for p in self.passages],
            "quotes": [self._quote_dict(q) for q in self.quotes],
        }
        if self.stance is not None:
            out["stance"] = self.stance
        return out

    def _quote_dict(self, quote: Passage) -> dict[str, Any]:
        """A matched quote with both sides' wording."""
        a, b = quote.a or Span(0, 0), quote.b or Span(0, 0)
        return quote.to_dict() | {"a_text": self.a.text[a.start : a.end], "b_text": self.b.text[b.start : b.end]}


@dataclass(frozen=True)
class Event:
    """Articles reporting one happening, nested in a topic (a running story)."""

    id: str
    label: str
    topic: str
    articles: tuple[Article, ...]
    date_range: tuple[str | None, str | None] = (None, None)
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)
    key_terms: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "topic": self.topic,
            "articles": [a.path or a.url or a.id for a in self.articles],
            "date_range": list(self.date_range),
            "key_terms": list(self.key_terms),
            "reasons": {k: list(v) for k, v in self.reasons.items()},
        }
