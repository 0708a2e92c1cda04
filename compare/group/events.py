"""Group articles into events (same happening, same days) nested in topics (a running story)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from compare.group.crosslingual import join_across_languages
from compare.group.similarity import (
    Features,
    Vectors,
    cluster,
    cluster_graph,
    day_gaps,
    event_graph,
    fit_features,
    join_lone_articles,
)
from compare.model import Article, Event
from compare.normalise import sentence_spans, shorten
from compare.settings import DEFAULT_SETTINGS, CrosslingualSettings, GroupSettings

# Longest event label taken from an article's first sentence.
LABEL_CHARS = 90


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
    articles: Iterable[Article],
    settings: GroupSettings = DEFAULT_SETTINGS.group,
    crosslingual: CrosslingualSettings = DEFAULT_SETTINGS.crosslingual,
) -> list[Event]:
    """Group articles into events nested in topics; each article gets exactly one event (events
    in different languages are joined with ``crosslingual``)."""
    ordered = stable_order(articles)
    if not ordered:
        return []
    features = fit_features(ordered, settings)
    graph = event_graph(features, settings)
    clusters = _regrouped(ordered, _events_of(graph, settings), features.days, settings)
    clusters, across = join_across_languages(ordered, clusters, settings, crosslingual)
    topics = _topics(features, clusters, settings)
    clusters, topics = within_date_windows(clusters, topics, features.days, graph, settings.event_days)
    events = [
        _event(ordered, features, graph, members, topic, settings)
        for members, topic in zip(clusters, topics, strict=True)
    ]
    if across:
        events = [_with_reasons(event, {ordered[i].id: why for i, why in across.items()}) for event in events]
    return sorted(events, key=lambda e: (e.date_range[0] or "9999", e.topic, e.id))


def _with_reasons(event: Event, first: dict[str, str]) -> Event:
    """The event with a reason put first for each article that joined it across languages."""
    reasons = {
        article_id: ((first[article_id],) + why if article_id in first else why)
        for article_id, why in event.reasons.items()
    }
    return replace(event, reasons=reasons)


def _events_of(graph: Any, settings: GroupSettings) -> list[list[int]]:
    """Average-link events of an event graph, lone articles joined to their neighbours' event."""
    return join_lone_articles(graph, cluster_graph(graph, settings.event_distance), settings)


def _regrouped(
    ordered: Sequence[Article], clusters: list[list[int]], days: Any, settings: GroupSettings
) -> list[list[int]]:
    """Each cluster whose dated articles do not fit one date window grouped again on its own.

    Such a cluster holds several happenings of one running story (the seeds: four events over
    four years) that the folder's word weights made look alike: across a folder, the words the
    story repeats are rare and weigh heavily. Within the cluster they are common, and the words
    that tell its happenings apart decide, whatever else the folder holds. Clusters within one
    window are left as cut: regrouping every topic this way lowered FNC-1 ARI (undated bodies;
    benchmarks/events_bench.py, ``fnc1_heldout_protocol``: 0.889 against 0.960 at cut 0.86).
    """
    out: list[list[int]] = []
    for members in clusters:
        if len(members) < 3 or len(members) == len(ordered) or _one_window(members, days, settings.event_days):
            out.append(members)
            continue
        local = fit_features([ordered[i] for i in members], settings)
        out.extend([members[k] for k in part] for part in _events_of(event_graph(local, settings), settings))
    return sorted(out)


def _one_window(members: list[int], days: Any, event_days: int) -> bool:
    """Whether the dated members all lie within ``event_days`` of each other."""
    dated = np.array([i for i in members if not np.isnan(days[i, 0])])
    return len(dated) < 2 or not bool((day_gaps(days, dated, dated) > event_days).any())


def within_date_windows(
    clusters: list[list[int]], topics: list[str], days: Any, graph: Any, event_days: int
) -> tuple[list[list[int]], list[str]]:
    """Clusters split so that no two dated members lie more than ``event_days`` apart.

    Average link can join articles dated years apart through undated ones. Dated members fill
    windows in date order (each joins the first window it fits entirely); an undated member joins
    the window it is most similar to on average.
    """
    out: list[list[int]] = []
    out_topics: list[str] = []
    for members, topic in zip(clusters, topics, strict=True):
        index = np.array(members)
        dated = [i for i in members if not np.isnan(days[i, 0])]
        windows: list[list[int]] = []
        for i in sorted(dated, key=lambda i: (days[i, 0], i)):
            fits = [w for w in windows if not (day_gaps(days, np.array([i]), np.array(w)) > event_days).any()]
            if fits:
                fits[0].append(i)
            else:
                windows.append([i])
        if len(windows) <= 1:
            out.append(members)
            out_topics.append(topic)
            continue
        sims = graph[index][:, index].toarray()
        position = {i: k for k, i in enumerate(members)}
        for i in members:
            if np.isnan(days[i, 0]):
                best = max(windows, key=lambda w: float(sims[position[i], [position[j] for j in w]].mean()))
                best.append(i)
        out.extend(sorted(w) for w in windows)
        out_topics.extend(topic for _ in windows)
    return out, out_topics


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
    groups = cluster(
        Vectors.of(centroids.tocsr()),
        entities,
        None,
        settings.topic_distance,
        settings,
        dated=False,
    )
    topic_of: dict[int, str] = {}
    for group in groups:
        # Ids come from the member events' first article ids, so they are stable too.
        topic = short_hash("t-", (str(clusters[k][0]) for k in group))
        for k in group:
            topic_of[k] = topic
    return [topic_of[k] for k in range(len(clusters))]


def _event(
    ordered: Sequence[Article],
    features: Features,
    graph: Any,
    members: list[int],
    topic: str,
    settings: GroupSettings,
) -> Event:
    """Build one Event: label, date range, members in publication order and why each joined."""
    index = np.array(members)
    chosen = [ordered[i] for i in members]
    words = features.words[index]
    terms = key_terms(np.asarray(words.sum(axis=0)).ravel(), features.vocabulary, settings.reason_terms)
    if len(members) == 1:
        central = members[0]
        reasons: dict[str, tuple[str, ...]] = {
            chosen[0].id: ("alone: no other article is close enough to be the same event",)
        }
    else:
        sims = graph[index][:, index].toarray()
        central = members[int(np.argmax(sims.sum(axis=1)))]
        names = features.entities[index]
        words.sort_indices()
        names.sort_indices()
        term_counts = np.asarray((words > 0).sum(axis=0)).ravel()
        name_counts = np.asarray((names > 0).sum(axis=0)).ravel()
        reasons = {
            ordered[i].id: _reasons(
                ordered,
                features,
                members,
                position,
                sims,
                (words, term_counts),
                (names, name_counts),
                settings,
            )
            for position, i in enumerate(members)
        }
    label = ordered[central].title or _lead_sentence(ordered[central].text) or ordered[central].name
    read = sorted(a.date[:10] for a in chosen if a.date and not a.date_inferred)
    dates = read or sorted(a.date[:10] for a in chosen if a.date)
    return Event(
        id=short_hash("e-", (a.id for a in chosen)),
        label=label,
        topic=topic,
        articles=tuple(sorted(chosen, key=lambda a: (a.date is None, a.date or "", a.id))),
        date_range=(dates[0], dates[-1]) if dates else (None, None),
        reasons=reasons,
        key_terms=tuple(terms),
    )


def _lead_sentence(text: str) -> str:
    """The first sentence of an article, cut to LABEL_CHARS: the label of an event whose central
    article has no headline (reads better than key terms, which the event lists beside it)."""
    spans = sentence_spans(text)
    return shorten(text[spans[0][0] : spans[0][1]], LABEL_CHARS) if spans else ""


def key_terms(weights: Any, vocabulary: tuple[str, ...], limit: int) -> list[str]:
    """The heaviest words by ``weights`` (one per vocabulary entry); ties keep alphabetical order."""
    # The vocabulary is sorted, so a stable sort on weight alone breaks ties alphabetically.
    present = np.flatnonzero(weights > 0)
    order = present[np.argsort(-weights[present], kind="stable")]
    return [vocabulary[j] for j in order[:limit]]


def _reasons(
    ordered: Sequence[Article],
    features: Features,
    members: list[int],
    position: int,
    sims: Any,
    words: tuple[Any, Any],
    names: tuple[Any, Any],
    settings: GroupSettings,
) -> tuple[str, ...]:
    """Why one article is in its event: its closest fellow, shared terms and shared names.

    ``words`` and ``names`` are the event's rows and, per column, how many members have it: a
    term or name is shared when some other member has it too (count above this article's one).
    """
    others = [i for i in members if i != members[position]]
    row = np.delete(sims[position], position)
    nearest = others[int(np.argmax(row))]
    rows, counts = words
    mine = slice(rows.indptr[position], rows.indptr[position + 1])
    columns, weights = rows.indices[mine], rows.data[mine]
    shared = (counts[columns] > 1) & (weights > 0)
    # Heaviest first, ties in vocabulary (alphabetical) order, as key_terms orders them.
    order = np.lexsort((columns[shared], -weights[shared]))
    terms = [features.vocabulary[j] for j in columns[shared][order][: settings.reason_terms]]
    name_rows, name_counts = names
    my_names = name_rows.indices[name_rows.indptr[position] : name_rows.indptr[position + 1]]
    shared_names = sorted(features.entity_names[j] for j in my_names if name_counts[j] > 1)
    out = [f"closest: {ordered[nearest].name} (similarity {float(row.max()):.2f})"]
    if terms:
        out.append("shared terms: " + ", ".join(terms))
    if shared_names:
        out.append("shared names: " + ", ".join(shared_names[: settings.reason_terms]))
    return tuple(out)
