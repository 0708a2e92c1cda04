"""The one place that wires the stages together: ingest -> normalise -> group -> align -> measure."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from compare.align import align_tokens, quote_variants
from compare.measure.direction import decide_direction
from compare.measure.overlap import measure_overlap
from compare.measure.relation import content_cosine, decide_relation, relation_features
from compare.model import Article, Event, PairResult
from compare.normalise import tokenize
from compare.settings import DEFAULT_SETTINGS, Settings


def compare_pair(
    a: Article,
    b: Article,
    settings: Settings = DEFAULT_SETTINGS,
    stance: bool = True,
    same_event: bool = False,
) -> PairResult:
    """Align two articles and measure their overlap, relation, direction and (with ``stance``) voices and bias."""
    a_tokens, b_tokens = tokenize(a.text), tokenize(b.text)
    passages = align_tokens(a.text, b.text, a_tokens, b_tokens, settings.align)
    overlap = measure_overlap(a_tokens, b_tokens, passages, settings.shingle_words)
    features = relation_features(a_tokens, b_tokens)
    relation = decide_relation(overlap, content_cosine(a_tokens, b_tokens), settings.relation, features)
    if same_event and relation == "different-event":
        # The grouping, which weighs the whole collection, put the two in one event.
        relation = "same-event"
    direction = decide_direction(a, b, overlap, relation, settings.direction)
    quotes = [
        {**q.to_dict(), "a_text": a.text[q.a.start : q.a.end], "b_text": b.text[q.b.start : q.b.end]}
        for q in quote_variants(a.text, b.text, settings.align)
        if q.a is not None and q.b is not None
    ]
    extras: dict[str, object] = {"quotes": quotes}
    if stance:
        from compare.measure.stance import pair_stance

        extras["stance"] = pair_stance(a, b, passages)
    return PairResult(a, b, passages, overlap, relation, direction, extras)


def pairs_to_compare(
    articles: tuple[Article, ...], events: Sequence[Event] | None = None, by_topic: bool = False
) -> list[tuple[int, int]]:
    """Index pairs to compare: within each event (or each topic when ``by_topic``); all pairs without events.

    Comparing within events keeps a folder of 1,000 articles from making half a million pairs.
    """
    if events is None:
        return list(combinations(range(len(articles)), 2))
    position = {a.id: k for k, a in enumerate(articles)}
    groups: dict[str, list[int]] = {}
    for event in events:
        key = event.topic if by_topic else event.id
        groups.setdefault(key, []).extend(position[a.id] for a in event.articles if a.id in position)
    pairs = {pair for members in groups.values() for pair in combinations(sorted(set(members)), 2)}
    return sorted(pairs)


def compare_all(
    articles: tuple[Article, ...],
    settings: Settings = DEFAULT_SETTINGS,
    events: Sequence[Event] | None = None,
    by_topic: bool = False,
) -> list[PairResult]:
    """Compare every pair chosen by ``pairs_to_compare``.

    Pairs compared within an event that share no passage are ``same-event``, not
    ``different-event``: the grouping, which weighs the whole collection, put them together.
    """
    event_of = {a.id: e.id for e in events or () for a in e.articles}

    def one_event(a: Article, b: Article) -> bool:
        return a.id in event_of and event_of[a.id] == event_of.get(b.id)

    return [
        compare_pair(articles[i], articles[j], settings, same_event=one_event(articles[i], articles[j]))
        for i, j in pairs_to_compare(articles, events, by_topic)
    ]
