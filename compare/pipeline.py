"""The one place that wires the stages together: ingest -> normalise -> group -> align -> measure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from compare.align import align_tokens, quote_variants, reading_order, unique_passages
from compare.errors import InputError, NoArticlesError
from compare.group.talking_points import TalkingPoint
from compare.ingest.language import detect_language, stoplist
from compare.ingest.load import LoadResult
from compare.ingest.sources import FetchSettings
from compare.measure.direction import decide_direction
from compare.measure.overlap import measure_overlap
from compare.measure.relation import content_cosine, copies_shown, decide_relation, model_features
from compare.measure.republication import Role, article_role
from compare.model import (
    COPY_RELATIONS,
    Article,
    Event,
    EventStance,
    Overlap,
    PairResult,
    Passage,
    Relation,
    StanceProfile,
)
from compare.normalise import tokenize
from compare.settings import DEFAULT_SETTINGS, Settings, with_min_words
from compare.trace.collation import Collation, collate
from compare.trace.flow import Flow, event_flow


def language_of(article: Article) -> str | None:
    """The article's language, detected when the article does not say."""
    return article.language or _detected_language(article.text)


def function_words(article: Article) -> frozenset[str]:
    """The stoplist of the article's language (detected when the article does not say)."""
    language = language_of(article)
    return stoplist(language) if language else frozenset()


@lru_cache(maxsize=1024)
def _detected_language(text: str) -> str | None:
    """detect_language, once per text however many pairs the text is in."""
    return detect_language(text)


def compare_pair(
    a: Article,
    b: Article,
    settings: Settings = DEFAULT_SETTINGS,
    stance: bool = True,
    same_event: bool = False,
    min_words: int | None = None,
    profiles: Mapping[str, StanceProfile] | None = None,
) -> PairResult:
    """Align two articles and measure their overlap, relation, direction and (with ``stance``) voices and bias.

    ``min_words`` overrides ``settings.align.min_passage_words``: copied passages shorter than
    that many words are not reported as copied, and their text counts as unique. Articles in two
    languages are aligned sentence by sentence for translation passages (``align_translated``);
    articles in one language (or of unknown language) word by word (``align_same_language``).
    ``same_event`` says the grouping put the two in one event; ``profiles`` are the articles'
    stance profiles already measured (by article id).
    """
    raised = min_words is not None and min_words > settings.align.min_passage_words
    settings = with_min_words(settings, min_words)
    languages = language_of(a), language_of(b)
    if languages[0] and languages[1] and languages[0] != languages[1]:
        a, b = replace(a, language=languages[0]), replace(b, language=languages[1])
        aligned = align_translated(a, b, settings)
    else:
        aligned = align_same_language(a, b, settings, raised)
    relation = aligned.relation
    if same_event and relation == "different-event":
        # The grouping, which weighs the whole collection, put the two in one event.
        relation = "same-event"
    direction = decide_direction(a, b, aligned.overlap, relation, settings.direction)
    section = None
    if stance:
        from compare.measure.stance import pair_stance

        section = pair_stance(a, b, aligned.passages, aligned.quotes, profiles, settings.stance)
    return PairResult(a, b, aligned.passages, aligned.overlap, relation, direction, aligned.quotes, section)


def compare_pairs(
    pairs: Sequence[tuple[Article, Article]], settings: Settings = DEFAULT_SETTINGS, stance: bool = True
) -> Iterator[PairResult]:
    """``compare_pair`` for each (a, b), in turn; with ``stance``, an article in many pairs (an
    original that many pages copy) has its stance profile measured once, and kept only until its
    last pair."""
    from compare.measure.stance.features import text_profile

    def key(article: Article) -> tuple[str, str]:
        return article.id, article.text

    pending = Counter(key(article) for pair in pairs for article in pair)
    measured: dict[tuple[str, str], StanceProfile] = {}
    for a, b in pairs:
        profiles = None
        if stance and a.id != b.id:
            for article in (a, b):
                if key(article) not in measured:
                    measured[key(article)] = text_profile(article, settings.stance)
            profiles = {article.id: measured[key(article)] for article in (a, b)}
        yield compare_pair(a, b, settings, stance=stance, profiles=profiles)
        for article in (a, b):
            pending[key(article)] -= 1
            if not pending[key(article)]:
                measured.pop(key(article), None)


@dataclass(frozen=True)
class Aligned:
    """A pair's passages and matched quotes, their overlap, and the relation they show."""

    passages: tuple[Passage, ...]
    quotes: tuple[Passage, ...]
    overlap: Overlap
    relation: Relation


def align_same_language(a: Article, b: Article, settings: Settings, raised: bool = False) -> Aligned:
    """Passages word by word, quotes matched whole, and the relation from the overlap and the
    relation model; a pair that is not a copy has no ``edited`` passage. ``raised``: the caller
    set a minimum passage length above the settings' own (``--min-words``)."""
    a_tokens, b_tokens = tokenize(a.text), tokenize(b.text)
    passages = align_tokens(a.text, b.text, a_tokens, b_tokens, settings.align)
    overlap = measure_overlap(a_tokens, b_tokens, passages, settings.shingle_words)
    # Past a raised minimum, the shorter runs the model's n-grams count are not evidence of
    # copying: with no copied passage left, the passages alone name the relation.
    modelled = min(len(a_tokens), len(b_tokens)) >= settings.relation.model_min_words and (
        not raised or copies_shown(passages)
    )
    features = model_features(a.text, b.text, a_tokens, b_tokens) if modelled else None
    topical = content_cosine(a_tokens, b_tokens, function_words(a) | function_words(b))
    relation = decide_relation(overlap, topical, settings.relation, features)
    quotes = tuple(
        q for q in quote_variants(a.text, b.text, settings.align) if q.a is not None and q.b is not None
    )
    if relation not in COPY_RELATIONS:
        # Neither text is copied from the other, so no passage is "copied, then changed": two
        # translations of one quote, or reworded facts, are the same content in other words.
        passages, quotes = not_copied(passages), not_copied(quotes)
        overlap = measure_overlap(a_tokens, b_tokens, passages, settings.shingle_words)
    return Aligned(passages, quotes, overlap, relation)


def align_translated(a: Article, b: Article, settings: Settings) -> Aligned:
    """Two articles in different languages: translation passages (one sentence may match two;
    sentences dropped, added or moved), each quote paired with its translation, unique text, and a
    translation relation."""
    from compare.align.crosslingual import align_translation, translated_quotes
    from compare.align.encoder import default_encoder
    from compare.measure.translation import translation_relation

    a_tokens, b_tokens = tokenize(a.text), tokenize(b.text)
    stopwords = function_words(a) | function_words(b)
    translation = align_translation(a.text, b.text, default_encoder(), settings.crosslingual, stopwords)
    passages = list(translation.passages)
    unique = unique_passages(a_tokens, [p.a for p in passages if p.a], "a") + unique_passages(
        b_tokens, [p.b for p in passages if p.b], "b"
    )
    aligned = tuple(sorted(passages + unique, key=reading_order))
    overlap = measure_overlap(a_tokens, b_tokens, aligned, settings.shingle_words)
    relation = translation_relation(
        overlap, translation.links, translation.text_cosine, settings.crosslingual
    )
    quotes = translated_quotes(
        a.text, b.text, default_encoder(), settings.crosslingual, settings.align.quote_min_words
    )
    return Aligned(aligned, tuple(quotes), overlap, relation)


def not_copied(passages: Sequence[Passage]) -> tuple[Passage, ...]:
    """The passages of a pair that is not a copy: an ``edited`` passage becomes ``paraphrase``."""
    return tuple(replace(p, kind="paraphrase", edits=()) if p.kind == "edited" else p for p in passages)


def pair_groups(
    articles: tuple[Article, ...], events: Sequence[Event] | None = None, by_topic: bool = False
) -> list[tuple[list[Event], list[tuple[int, int]]]]:
    """Index pairs to compare, group by group: each event's (each topic's when ``by_topic``) with
    the events of that group; one group of all pairs without events.

    Comparing within events keeps a folder of 1,000 articles from making half a million pairs.
    """
    if events is None:
        return [([], list(combinations(range(len(articles)), 2)))]
    position = {a.id: k for k, a in enumerate(articles)}
    members: dict[str, list[int]] = {}
    grouped: dict[str, list[Event]] = {}
    for event in events:
        key = event.topic if by_topic else event.id
        members.setdefault(key, []).extend(position[a.id] for a in event.articles if a.id in position)
        grouped.setdefault(key, []).append(event)
    return [
        (grouped[key], list(combinations(sorted(set(indices)), 2)))
        for key, indices in sorted(members.items())
    ]


def pairs_to_compare(
    articles: tuple[Article, ...], events: Sequence[Event] | None = None, by_topic: bool = False
) -> list[tuple[int, int]]:
    """Every index pair ``pair_groups`` chooses, in order."""
    return sorted(pair for _, pairs in pair_groups(articles, events, by_topic) for pair in pairs)


@dataclass(frozen=True)
class Comparison:
    """Every pair compared (in ``pairs_to_compare`` order), each event's stance section by event
    id, and each article's stance profile (without a claim stance) by article id."""

    results: list[PairResult]
    event_stances: dict[str, EventStance]
    profiles: dict[str, StanceProfile] = field(default_factory=dict)


def compare_collection(
    articles: tuple[Article, ...],
    settings: Settings = DEFAULT_SETTINGS,
    events: Sequence[Event] | None = None,
    by_topic: bool = False,
    event_stance: bool = True,
) -> Comparison:
    """Compare the pairs of each event (or topic) in turn and, with ``event_stance``, measure each
    event's stance section. Each article's stance profile is measured once, before the pairs, and
    handed to every pair and event it is in.

    Pairs compared within an event that share no passage are ``same-event``, not
    ``different-event``: the grouping, which weighs the whole collection, put them together.
    """
    from compare.measure.stance.features import text_profile

    event_of = {a.id: e.id for e in events or () for a in e.articles}

    def one_event(a: Article, b: Article) -> bool:
        return a.id in event_of and event_of[a.id] == event_of.get(b.id)

    profiles = {a.id: text_profile(a, settings.stance) for a in articles}
    compared: list[tuple[tuple[int, int], PairResult]] = []
    stances: dict[str, EventStance] = {}
    for group, pairs in pair_groups(articles, events, by_topic):
        results = [
            compare_pair(
                articles[i],
                articles[j],
                settings,
                same_event=one_event(articles[i], articles[j]),
                profiles=profiles,
            )
            for i, j in pairs
        ]
        compared.extend(zip(pairs, results, strict=True))
        if event_stance:
            for event in group:
                mine = event_pairs(event, results)
                order = event_flow(event, mine).order
                stances[event.id] = measure_event_stance(order, mine, profiles, settings)
    return Comparison([result for _, result in sorted(compared, key=lambda c: c[0])], stances, profiles)


def compare_all(
    articles: tuple[Article, ...],
    settings: Settings = DEFAULT_SETTINGS,
    events: Sequence[Event] | None = None,
    by_topic: bool = False,
) -> list[PairResult]:
    """Compare every pair chosen by ``pairs_to_compare`` (``compare_collection`` without event stance)."""
    return compare_collection(articles, settings, events, by_topic, event_stance=False).results


def event_pairs(event: Event, results: Sequence[PairResult]) -> tuple[PairResult, ...]:
    """The pairs of ``results`` whose two articles are both in ``event``."""
    ids = {a.id for a in event.articles}
    return tuple(r for r in results if r.a.id in ids and r.b.id in ids)


def measure_event_stance(
    order: Sequence[Article],
    pairs: Sequence[PairResult],
    profiles: Mapping[str, StanceProfile] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> EventStance:
    """An event's stance section from its articles in order of publication (the first gives the
    claim) and the pairs compared among them."""
    from compare.measure.stance import event_stance

    passages = {(r.a.id, r.b.id): r.passages + r.quotes for r in pairs}
    return event_stance(order, passages, profiles, settings.stance)


@dataclass(frozen=True)
class EventReport:
    """One event as a report shows it: its pairs, the flow of text among its articles, the N-way
    passage table, the talking points it shares with other events, and its stance section."""

    event: Event
    pairs: tuple[PairResult, ...]
    flow: Flow
    collation: Collation
    talking_points: tuple[TalkingPoint, ...]
    stance: EventStance | None


@dataclass(frozen=True)
class Report:
    """Everything a report shows: the articles, every pair compared, the events (None: articles not
    grouped), each article's stance profile and role (own story, republication, credited text) by
    article id, and the inputs that could not be read."""

    articles: tuple[Article, ...]
    pairs: tuple[PairResult, ...]
    events: tuple[EventReport, ...] | None
    profiles: dict[str, StanceProfile]
    roles: dict[str, Role]
    skipped: tuple[InputError, ...] = ()


Sources = Sequence[str | Path] | Sequence[Article] | LoadResult


def build_report(
    sources: Sources,
    settings: Settings = DEFAULT_SETTINGS,
    by_topic: bool = False,
    fetch: FetchSettings | None = None,
) -> Report:
    """Load (unless given articles), group into events, compare the pairs of each event (each
    topic with ``by_topic``), then trace each event's flow and collation and measure its stance.

    ``sources`` are paths, folders or URLs (read with ``fetch``), articles, or a ``LoadResult``
    whose skipped inputs the report lists. Raises ``NoArticlesError`` when no article is read.
    """
    from compare.group import group_events
    from compare.group.talking_points import talking_points

    loaded = _loaded(sources, fetch)
    events = group_events(loaded.articles, settings.group, settings.crosslingual)
    comparison = compare_collection(loaded.articles, settings, events, by_topic, event_stance=False)
    points = talking_points(events)
    return Report(
        loaded.articles,
        tuple(comparison.results),
        tuple(_event_report(event, comparison, points, settings) for event in events),
        comparison.profiles,
        {a.id: article_role(a) for a in loaded.articles},
        loaded.skipped,
    )


def pairs_report(
    articles: Sequence[Article],
    pairs: Sequence[PairResult],
    skipped: Sequence[InputError] = (),
    settings: Settings = DEFAULT_SETTINGS,
) -> Report:
    """A report of pairs compared by hand, without events: each article's profile and role measured."""
    from compare.measure.stance.features import text_profile

    return Report(
        tuple(articles),
        tuple(pairs),
        None,
        {a.id: text_profile(a, settings.stance) for a in articles},
        {a.id: article_role(a) for a in articles},
        tuple(skipped),
    )


def _loaded(sources: Sources, fetch: FetchSettings | None) -> LoadResult:
    """The articles of ``sources`` (loaded when they are paths) and the inputs skipped."""
    from compare.ingest import load_many

    if isinstance(sources, LoadResult):
        loaded = sources
    elif all(isinstance(s, Article) for s in sources):
        loaded = LoadResult(tuple(s for s in sources if isinstance(s, Article)), ())
    else:
        loaded = load_many([s for s in sources if not isinstance(s, Article)], fetch=fetch)
    if not loaded.articles:
        names = ", ".join(str(s) for s in sources) if not isinstance(sources, LoadResult) else "the inputs"
        raise NoArticlesError(f"no article could be read from {names}")
    return loaded


def _event_report(
    event: Event, comparison: Comparison, points: Sequence[TalkingPoint], settings: Settings
) -> EventReport:
    """One event's pairs, flow, collation, talking points and stance section."""
    mine = event_pairs(event, comparison.results)
    flow = event_flow(event, mine)
    return EventReport(
        event,
        mine,
        flow,
        collate(flow.order, mine, settings.trace),
        tuple(p for p in points if event.id in p.events),
        measure_event_stance(flow.order, mine, comparison.profiles, settings),
    )
