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
    def location(self) -> str:
        """Where the article was read from: its file, else its URL, else its id."""
        return self.path or self.url or self.id

    @property
    def name(self) -> str:
        """A short human label: the title, else the file name or id."""
        return self.title or self.location.rsplit("/", 1)[-1]

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


# Sentences whose loaded-language score is at least this are listed as loaded (the shipped
# lexicon score gives about 0.5 for one loaded word and 0.2 for none; see measure/stance/bias.py).
LOADED_THRESHOLD = 0.5


@dataclass(frozen=True)
class Voice:
    """A quote or a piece of reported speech with its speaker, side and character span."""

    kind: str  # full | partial | scare | block | reported
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_kind: str | None
    side: str | None
    words: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "span": [self.start, self.end],
            "text": self.text,
            "speaker": self.speaker,
            "speaker_kind": self.speaker_kind,
            "side": self.side,
            "words": self.words,
        }


@dataclass(frozen=True)
class WordingMatch:
    """One lexicon hit: its category, the lexicon entry and the characters it covers."""

    category: str
    term: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "term": self.term,
            "span": [self.start, self.end],
            "text": self.text,
        }


@dataclass(frozen=True)
class ActorSentiment:
    """Sentiment toward one actor over the sentences of an article that mention it."""

    actor: str
    kind: str
    side: str | None
    mentions: int
    negative: int
    neutral: int
    positive: int
    mentions_spans: tuple[tuple[int, int, str], ...]  # (start, end, label)

    @property
    def score(self) -> float:
        """Mean of -1/0/+1 over mentions, in [-1, 1]."""
        return (self.positive - self.negative) / self.mentions if self.mentions else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "kind": self.kind,
            "side": self.side,
            "mentions": self.mentions,
            "negative": self.negative,
            "neutral": self.neutral,
            "positive": self.positive,
            "score": round(self.score, 4),
            "spans": [{"span": [a, b], "label": lab} for a, b, lab in self.mentions_spans],
        }


@dataclass(frozen=True)
class SentenceBias:
    """The loaded-language probability of one sentence."""

    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"span": [self.start, self.end], "score": round(self.score, 4)}


@dataclass(frozen=True)
class StanceProfile:
    """Everything the stance panels show about one article; ``to_dict`` is the JSON contract."""

    article_id: str
    words: int
    voices: tuple[Voice, ...]
    speaker_shares: dict[str, float]
    wording: tuple[WordingMatch, ...]
    wording_rates: dict[str, float]
    actors: tuple[ActorSentiment, ...]
    bias: tuple[SentenceBias, ...]
    claim_stance: str | None = None

    @property
    def bias_mean(self) -> float:
        """Mean sentence bias probability (0 for an empty article)."""
        return sum(b.score for b in self.bias) / len(self.bias) if self.bias else 0.0

    @property
    def loaded_sentences(self) -> int:
        """Sentences at or above ``LOADED_THRESHOLD``."""
        return sum(b.score >= LOADED_THRESHOLD for b in self.bias)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "words": self.words,
            "voices": [v.to_dict() for v in self.voices],
            "speaker_shares": {k: round(v, 4) for k, v in self.speaker_shares.items()},
            "wording": [m.to_dict() for m in self.wording],
            "wording_per_1000_words": {k: round(v, 3) for k, v in self.wording_rates.items()},
            "actor_sentiment": [a.to_dict() for a in self.actors],
            "bias": {
                "mean": round(self.bias_mean, 4),
                "loaded_sentences": self.loaded_sentences,
                "threshold": LOADED_THRESHOLD,
                "sentences": [b.to_dict() for b in self.bias],
            },
            "claim_stance": self.claim_stance,
        }


@dataclass(frozen=True)
class Omission:
    """A quote or fact other articles carry and this one lacks."""

    kind: Literal["quote", "fact"]
    text: str
    speaker: str | None
    carried_by: tuple[tuple[str, int, int], ...]  # (article id, start, end) in that article

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "speaker": self.speaker,
            "carried_by": [{"article": a, "span": [s, e]} for a, s, e in self.carried_by],
        }


@dataclass(frozen=True)
class Omissions:
    """What one article leaves out of what others carry (most carried first), with its counts."""

    items: tuple[Omission, ...] = ()

    @property
    def quotes(self) -> int:
        return sum(o.kind == "quote" for o in self.items)

    @property
    def facts(self) -> int:
        return sum(o.kind == "fact" for o in self.items)

    @property
    def speakers_missing_quotes(self) -> tuple[str, ...]:
        """The speakers whose quotes are left out, in alphabetical order."""
        return tuple(sorted({o.speaker for o in self.items if o.kind == "quote" and o.speaker}))

    def counts(self) -> dict[str, Any]:
        return {
            "quotes": self.quotes,
            "facts": self.facts,
            "speakers_missing_quotes": list(self.speakers_missing_quotes),
        }

    def to_dict(self) -> dict[str, Any]:
        return self.counts() | {"items": [o.to_dict() for o in self.items]}


@dataclass(frozen=True)
class LabellingDifference:
    """One word substitution inside an edited passage."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    categories: tuple[str, ...]  # wording-lexicon categories either side falls in

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": [self.a_start, self.a_end],
            "b": [self.b_start, self.b_end],
            "a_text": self.a_text,
            "b_text": self.b_text,
            "categories": list(self.categories),
        }


@dataclass(frozen=True)
class Claim:
    """The claim articles are measured against (the earliest one's headline) and its article's id."""

    text: str
    article: str


@dataclass(frozen=True)
class PairStance:
    """The stance section of a pair: both profiles, each toward the earlier article's claim, the
    words swapped inside edited passages, and what each side leaves out of the other's text."""

    claim: Claim
    a: StanceProfile
    b: StanceProfile
    labelling_differences: tuple[LabellingDifference, ...]
    omissions_a: Omissions
    omissions_b: Omissions

    def to_dict(self) -> dict[str, Any]:
        source = "a" if self.claim.article == self.a.article_id else "b"
        return {
            "claim": {"text": self.claim.text, "from": source},
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "labelling_differences": [d.to_dict() for d in self.labelling_differences],
            "omissions": {"a": self.omissions_a.to_dict(), "b": self.omissions_b.to_dict()},
        }


@dataclass(frozen=True)
class ArticleStance:
    """One article within an event: its profile (toward the event's claim) and what it leaves out."""

    profile: StanceProfile
    omissions: Omissions

    def to_dict(self) -> dict[str, Any]:
        return self.profile.to_dict() | {"omissions": self.omissions.to_dict()}


@dataclass(frozen=True)
class EventStance:
    """The stance section of an event: its claim, each article's stance in order of publication,
    and each outlet's most distinctive terms with their z-scores."""

    claim: Claim | None
    articles: tuple[ArticleStance, ...] = ()
    distinctive_terms: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)

    def of(self, article_id: str) -> ArticleStance | None:
        """The stance of the article with this id, if the event measured it."""
        return next((s for s in self.articles if s.profile.article_id == article_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": None if self.claim is None else {"text": self.claim.text, "article": self.claim.article},
            "articles": {s.profile.article_id: s.to_dict() for s in self.articles},
            "distinctive_terms": {k: [[t, z] for t, z in v] for k, v in self.distinctive_terms.items()},
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
    stance: PairStance | None = None

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
            out["stance"] = self.stance.to_dict()
        return out

    def _quote_dict(self, quote: Passage) -> dict[str, Any]:
        """A matched quote with both sides' wording."""
        a, b = quote.a or Span(0, 0), quote.b or Span(0, 0)
        return quote.to_dict() | {
            "a_text": self.a.text[a.start : a.end],
            "b_text": self.b.text[b.start : b.end],
        }


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
            "articles": [a.location for a in self.articles],
            "date_range": list(self.date_range),
            "key_terms": list(self.key_terms),
            "reasons": {k: list(v) for k, v in self.reasons.items()},
        }
