"""Events across languages: an English and a Russian account of one happening join one event.

Word similarity never links two languages, so after the events of each language are formed,
articles in different languages are paired by the anchors they share (numbers, dates,
transliterated names: compare.align.anchors), a few candidates per article and within the event
window of days; each candidate pair is aligned sentence by sentence with the multilingual encoder
(compare.align.crosslingual), and a pair with enough sentences saying the same joins their events.
A joined event holds at most one event of each language: word similarity has already decided
whether two events in one language are one, and an article that translates sentences of several
of them (or is taken for another language) must not bridge them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from compare.align.anchors import anchors
from compare.align.crosslingual import align_translation
from compare.align.encoder import default_encoder
from compare.group.similarity import article_day
from compare.ingest.language import detect_language, stoplist
from compare.model import Article
from compare.settings import CrosslingualSettings, GroupSettings


def article_anchors(article: Article, language: str | None) -> frozenset[str]:
    """The anchors of an article's title and text."""
    words = stoplist(language) if language else frozenset()
    return anchors(f"{article.title or ''}\n{article.text}", words)


def candidate_pairs(
    keys: Sequence[frozenset[str]], languages: Sequence[str | None], per_article: int, min_weight: float
) -> list[tuple[int, int]]:
    """Pairs of articles in different languages sharing the most anchor weight (rarer anchors
    weigh more: log of the articles over those holding it), ``per_article`` at most for each."""
    holders: dict[str, list[int]] = {}
    for k, article_keys in enumerate(keys):
        for key in article_keys:
            holders.setdefault(key, []).append(k)
    weight = {key: math.log((1 + len(keys)) / len(found)) for key, found in holders.items()}
    pairs: set[tuple[int, int]] = set()
    for k, article_keys in enumerate(keys):
        if languages[k] is None:
            continue
        shared: dict[int, float] = {}
        for key in article_keys:
            for other in holders[key]:
                if languages[other] is not None and languages[other] != languages[k]:
                    shared[other] = shared.get(other, 0.0) + weight[key]
        best = sorted(((w, other) for other, w in shared.items() if w >= min_weight), key=lambda t: (-t[0], t[1]))
        pairs.update((min(k, other), max(k, other)) for _, other in best[:per_article])
    return sorted(pairs)


def _close_in_time(a: Article, b: Article, days: int) -> bool:
    day_a, day_b = article_day(a)[0], article_day(b)[0]
    return math.isnan(day_a) or math.isnan(day_b) or abs(day_a - day_b) <= days


def cluster_language(members: Sequence[int], languages: Sequence[str | None]) -> str | None:
    """The language most of a cluster's articles are in (None when none has one)."""
    counts = Counter(languages[i] for i in members if languages[i])
    return min(counts, key=lambda language: (-counts[language], language)) if counts else None


def join_across_languages(
    articles: Sequence[Article],
    clusters: list[list[int]],
    group: GroupSettings,
    settings: CrosslingualSettings,
) -> tuple[list[list[int]], dict[int, str]]:
    """Clusters joined where an article and one in another language tell the same sentences, and
    for each article that joined that way, the reason."""
    languages = [a.language or detect_language(a.text) for a in articles]
    if len({language for language in languages if language}) < 2:
        return clusters, {}
    from scipy.cluster.hierarchy import DisjointSet

    keys = [article_anchors(a, language) for a, language in zip(articles, languages, strict=True)]
    owner = {i: k for k, members in enumerate(clusters) for i in members}
    joined_clusters = DisjointSet(range(len(clusters)))
    held = {k: {cluster_language(members, languages)} - {None} for k, members in enumerate(clusters)}
    reasons: dict[int, str] = {}
    encoder = default_encoder()
    for i, j in candidate_pairs(keys, languages, settings.event_candidates, settings.event_anchor_weight):
        root_i, root_j = joined_clusters[owner[i]], joined_clusters[owner[j]]
        if root_i == root_j or held[root_i] & held[root_j] or not _close_in_time(articles[i], articles[j], group.event_days):
            continue
        stopwords = stoplist(languages[i] or "") | stoplist(languages[j] or "")
        found = align_translation(articles[i].text, articles[j].text, encoder, settings, stopwords)
        if found.links < settings.event_links:
            continue
        joined_clusters.merge(root_i, root_j)
        held[joined_clusters[root_i]] = held[root_i] | held[root_j]
        for one, other in ((i, j), (j, i)):
            reasons.setdefault(
                one,
                f"{found.links} sentences in common with {articles[other].name} ({languages[other]}), "
                "found across languages",
            )
    joined: dict[int, list[int]] = {}
    for k, members in enumerate(clusters):
        joined.setdefault(joined_clusters[k], []).extend(members)
    return [sorted(members) for members in joined.values()], reasons
