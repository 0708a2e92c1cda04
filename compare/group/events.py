"""Group articles into events (same happening, same days) nested in topics (a running story)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from compare.group.similarity import Features, cluster, fit_features, similarity_block
from compare.model import Article, Event
from compare.settings import DEFAULT_SETTINGS, GroupSettings


def stable_order(articles: Iterable[Article]) -> list[Article]:
    """Articles sorted by id (then path and text), one per id: the same input in any order."""
    unique: dict[str, Article] = {}
    for article in sorted(articles, key=lambda a: (a.id, a.path or "", a.text)):
        unique.setdefault(article.id, article)
    return list(unique.values())


def short_hash(prefix: str, keys: Iterable[str]) -> str:
    """A stable id from member ids: the same members give the same id in any run."""
    return prefix + hashlib.sha1("\n".join(sorted(keys)).encode()).hexdigest()[:10]


def group_events(
    articles: Iterable[Article], settings: GroupSettings = DEFAULT_SETTINGS.group
) -> list[Event]:
    """Group articles into events nested in topics; each article gets exactly one event."""
    ordered = stable_order(articles)
    if not ordered:
        return []
    features = fit_features(ordered, settings)
    clusters = cluster(
        features.vectors, features.entities, features.days, settings.event_distance, settings, dated=True
    )
    topics = _topics(features, clusters, settings)
    events = [
        _event(ordered, features, members, topic, settings)
        for members, topic in zip(clusters, topics, strict=True)
    ]
    return sorted(events, key=lambda e: (e.date_range[0] or "9999", e.topic, e.id))


def _topics(features: Features, clusters: list[list[int]], settings: GroupSettings) -> list[str]:
    """Topic id of each event: average link over event centroids at the looser topic cut."""
    from scipy import sparse
    from sklearn.preprocessing import normalize

    rows = [i for members in clusters for i in members]
    cols = [k for k, members in enumerate(clusters) for _ in members]
    membership = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (cols, rows)), shape=(len(clusters), features.vectors.shape[0])
    )
    centroids = normalize(membership @ features.vectors).astype(np.float32)
    entities = ((membership @ features.entities) > 0).astype(np.float32)
    groups = cluster(centroids, entities, None, settings.topic_distance, settings, dated=False)
    topic_of: dict[int, str] = {}
    for group in groups:
        # Ids come from the member events' first article ids, so they are stable too.
        topic = short_hash("t-", (str(clusters[k][0]) for k in group))
        for k in group:
            topic_of[k] = topic
    return [topic_of[k] for k in range(len(clusters))]


def _event(
    ordered: Sequence[Article], features: Features, members: list[int], topic: str, settings: GroupSettings
) -> Event:
    """Build one Event: label, date range, members in publication order and why each joined."""
    index = np.array(members)
    sims = (
        similarity_block(features.vectors, features.entities, features.days, index, index, settings, dated=True)
        if len(members) > 1
        else np.ones((1, 1), dtype=np.float32)
    )
    central = members[int(np.argmax(sims.sum(axis=1)))]
    terms = key_terms(features.words[index], features.vocabulary, settings.reason_terms)
    label = ordered[central].title or ", ".join(terms[:4]) or ordered[central].name
    chosen = [ordered[i] for i in members]
    dates = sorted(a.date[:10] for a in chosen if a.date)
    reasons = {
        ordered[i].id: _reasons(ordered, features, members, position, sims, settings)
        for position, i in enumerate(members)
    }
    return Event(
        id=short_hash("e-", (a.id for a in chosen)),
        label=label,
        topic=topic,
        articles=tuple(sorted(chosen, key=lambda a: (a.date is None, a.date or "", a.id))),
        date_range=(dates[0], dates[-1]) if dates else (None, None),
        reasons=reasons,
        key_terms=tuple(terms),
    )


def key_terms(words: Any, vocabulary: tuple[str, ...], limit: int) -> list[str]:
    """The heaviest words of a group of articles (summed TF-IDF), ties broken alphabetically."""
    weights = np.asarray(words.sum(axis=0)).ravel()
    order = sorted(np.flatnonzero(weights > 0), key=lambda j: (-round(float(weights[j]), 6), vocabulary[j]))
    return [vocabulary[j] for j in order[:limit]]


def _reasons(
    ordered: Sequence[Article],
    features: Features,
    members: list[int],
    position: int,
    sims: Any,
    settings: GroupSettings,
) -> tuple[str, ...]:
    """Why one article is in its event: its closest fellow, shared terms and shared names."""
    if len(members) == 1:
        return ("alone: no other article is close enough to be the same event",)
    me = members[position]
    others = [i for i in members if i != me]
    row = np.delete(sims[position], position)
    nearest = others[int(np.argmax(row))]
    mine = features.words[me]
    theirs = np.asarray(features.words[others].sum(axis=0)).ravel()
    shared = [
        (float(w) * float(theirs[j]), features.vocabulary[j])
        for j, w in zip(mine.indices, mine.data, strict=True)
        if theirs[j] > 0
    ]
    terms = [t for _, t in sorted(shared, key=lambda p: (-round(p[0], 6), p[1]))[: settings.reason_terms]]
    my_names = set(features.entities[me].indices)
    their_names = set(features.entities[others].indices)
    names = sorted(features.entity_names[j] for j in my_names & their_names)
    out = [f"closest: {ordered[nearest].name} (similarity {float(row.max()):.2f})"]
    if terms:
        out.append("shared terms: " + ", ".join(terms))
    if names:
        out.append("shared names: " + ", ".join(names[: settings.reason_terms]))
    return tuple(out)
