"""The one place that wires the stages together: ingest -> normalise -> group -> align -> measure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations

from compare.align import align_tokens, quote_variants, reading_order, unique_passages
from compare.ingest.language import detect_language, stoplist
from compare.measure.direction import decide_direction
from compare.measure.overlap import measure_overlap
from compare.measure.relation import content_cosine, decide_relation, relation_features
from compare.model import COPY_RELATIONS, Article, Event, EventStance, PairResult, Passage
from compare.normalise import tokenize
from compare.settings import DEFAULT_SETTINGS, Settings, with_min_words
from compare.trace.flow import event_flow


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
) -> PairResult:
    """Align two articles and measure their overlap, relation, direction and (with ``stance``) voices and bias.

    ``min_words`` overrides ``settings.align.min_passage_words``: copied passages shorter than
    that many words are not reported as copied, and their text counts as unique. Articles in two
    languages are aligned sentence by sentence for translation passages (compare_translated_pair);
    articles in one language (or of unknown language) word by word.
    """
    settings = with_min_words(settings, min_words)
    languages = language_of(a), language_of(b)
    if languages[0] and languages[1] and languages[0] != languages[1]:
        return compare_translated_pair(
            replace(a, language=languages[0]), replace(b, language=languages[1]), settings, stance, same_event
        )
    a_tokens, b_tokens = tokenize(a.text), tokenize(b.text)
    passages = align_tokens(a.text, b.text, a_tokens, b_tokens, settings.align)
    overlap = measure_overlap(a_tokens, b_tokens, passages, settings.shingle_words)
    modelled = min(len(a_tokens), len(b_tokens)) >= settings.relation.model_min_words
    features = relation_features(a_tokens, b_tokens) if modelled else None
    topical = content_cosine(a_tokens, b_tokens, function_words(a) | function_words(b))
    relation = decide_relation(overlap, topical, settings.relation, features)
    if same_event and relation == "different-event":
        # The grouping, which weighs the whole collection, put the two in one event.
        relation = "same-event"
    quote_passages = [
        q for q in quote_variants(a.text, b.text, settings.align) if q.a is not None and q.b is not None
    ]
    if relation not in COPY_RELATIONS:
        # Neither text is copied from the other, so no passage is "copied, then changed": two
        # translations of one quote, or reworded facts, are the same content in other words.
        passages, quote_passages = not_copied(passages), list(not_copied(quote_passages))
        overlap = measure_overlap(a_tokens, b_tokens, passages, settings.shingle_words)
    direction = decide_direction(a, b, overlap, relation, settings.direction)
    quotes = tuple(quote_passages)
    section = None
    if stance:
        from compare.measure.stance import pair_stance

        section = pair_stance(a, b, passages, quotes)
    return PairResult(a, b, passages, overlap, relation, direction, quotes, section)


def compare_translated_pair(
    a: Article,
    b: Article,
    settings: Settings = DEFAULT_SETTINGS,
    stance: bool = True,
    same_event: bool = False,
) -> PairResult:
    """``compare_pair`` of two articles in different languages: translation passages (one sentence
    may match two; sentences dropped, added or moved), unique text, and a translation relation."""
    from compare.align.crosslingual import align_translation
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
    if same_event and relation == "different-event":
        relation = "same-event"
    direction = decide_direction(a, b, overlap, relation, settings.direction)
    section = None
    if stance:
        from compare.measure.stance import pair_stance

        section = pair_stance(a, b, aligned)
    return PairResult(a, b, aligned, overlap, relation, direction, stance=section)


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
    """Every pair compared (in ``pairs_to_compare`` order) and each event's stance section by event id."""

    results: list[PairResult]
    event_stances: dict[str, EventStance]


def compare_collection(
    articles: tuple[Article, ...],
    settings: Settings = DEFAULT_SETTINGS,
    events: Sequence[Event] | None = None,
    by_topic: bool = False,
    event_stance: bool = True,
) -> Comparison:
    """Compare the pairs of each event (or topic) in turn and, with ``event_stance``, measure each
    event's stance section right after its pairs, while its articles' profiles are still cached.

    Pairs compared within an event that share no passage are ``same-event``, not
    ``different-event``: the grouping, which weighs the whole collection, put them together.
    """
    event_of = {a.id: e.id for e in events or () for a in e.articles}

    def one_event(a: Article, b: Article) -> bool:
        return a.id in event_of and event_of[a.id] == event_of.get(b.id)

    compared: list[tuple[tuple[int, int], PairResult]] = []
    stances: dict[str, EventStance] = {}
    for group, pairs in pair_groups(articles, events, by_topic):
        results = [
            compare_pair(articles[i], articles[j], settings, same_event=one_event(articles[i], articles[j]))
            for i, j in pairs
        ]
        compared.extend(zip(pairs, results, strict=True))
        if event_stance:
            stances.update((event.id, measure_event_stance(event, results)) for event in group)
    return Comparison([result for _, result in sorted(compared, key=lambda c: c[0])], stances)


def compare_all(
    articles: tuple[Article, ...],
    settings: Settings = DEFAULT_SETTINGS,
    events: Sequence[Event] | None = None,
    by_topic: bool = False,
) -> list[PairResult]:
    """Compare every pair chosen by ``pairs_to_compare`` (``compare_collection`` without event stance)."""
    return compare_collection(articles, settings, events, by_topic, event_stance=False).results


def measure_event_stance(event: Event, results: Sequence[PairResult]) -> EventStance:
    """An event's stance section: its claim from the first article in order of publication."""
    from compare.measure.stance import event_stance

    ids = {a.id for a in event.articles}
    mine = [r for r in results if r.a.id in ids and r.b.id in ids]
    order = event_flow(event, mine).order
    return event_stance(order, {(r.a.id, r.b.id): r.passages + r.quotes for r in mine})
