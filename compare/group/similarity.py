"""Article similarity for grouping: TF-IDF cosines, shared names and dates, computed in blocks.

Everything fitted here is fitted on the articles being grouped (grouping is unsupervised). The
full n x n matrix is never built: rows are computed a block at a time and only pairs close
enough to be merged are kept, so memory grows with the number of close pairs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import regex

from compare.group.entities import entity_keys
from compare.ingest.language import stoplist
from compare.model import Article
from compare.settings import GroupSettings


def _best_cut(counts: Any, rows: int) -> float:
    """Row count above which a column goes dense: the cut with the least estimated work.

    A sparse product does about one multiply-add per pair of rows sharing a column (count
    squared), several times slower than BLAS; the dense part costs rows x rows per column.
    """
    sorted_counts = np.sort(counts.astype(np.float64))
    cumulative = np.cumsum(sorted_counts**2)
    best, best_cost = float(rows), float("inf")
    for share in (0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0):
        cut = share * rows
        sparse_work = (
            cumulative[np.searchsorted(sorted_counts, cut, side="right") - 1]
            if sorted_counts[0] <= cut
            else 0.0
        )
        dense_columns = int(np.count_nonzero(sorted_counts > cut))
        cost = SPARSE_COST * sparse_work + float(rows) * rows * dense_columns
        if cost < best_cost:
            best, best_cost = cut, cost
    return best


@dataclass(frozen=True)
class Vectors:
    """Row vectors whose products are similarities, split by column frequency for speed.

    A sparse product costs the square of each column's document count, so columns found in many
    rows (common character n-grams) go to a small dense matrix multiplied by BLAS, and the rest
    stay sparse. The products are the same as those of the whole matrix.
    """

    dense: Any
    sparse: Any
    # The sparse part transposed (CSR of the transpose), made once: every block of rows is
    # multiplied by all columns, and transposing per block cost as much as the product.
    sparse_t: Any

    @classmethod
    def of(cls, matrix: Any) -> Vectors:
        """Split ``matrix`` (CSR) where the estimated cost of both products is lowest."""
        counts = np.bincount(matrix.indices, minlength=matrix.shape[1])
        common = counts > _best_cut(counts, matrix.shape[0])
        rare = matrix[:, ~common].tocsr()
        return cls(np.ascontiguousarray(matrix[:, common].toarray(), dtype=np.float32), rare, rare.T.tocsr())

    @property
    def rows(self) -> int:
        return int(self.sparse.shape[0])

    def products(self, rows: Any, cols: Any) -> Any:
        """Dense ``rows`` x ``cols`` matrix of row products (index arrays, or ``None`` for all rows)."""
        left = self.sparse[rows]
        right = self.sparse_t if cols is None else (left if cols is rows else self.sparse[cols]).T
        block = np.asarray((left @ right).todense(), dtype=np.float32)
        if self.dense.shape[1]:
            dense = self.dense[rows]
            block += dense @ (self.dense if cols is None else dense if cols is rows else self.dense[cols]).T
        return block


@dataclass(frozen=True)
class Features:
    """Fitted signals of a sorted article list.

    ``vectors`` is the weighted, stacked TF-IDF matrix whose row products are the text similarity;
    ``words`` the word TF-IDF of the whole texts with ``vocabulary`` (for reasons and labels);
    ``entities`` a binary article x entity matrix over ``entity_names``; ``days`` one row per
    article from ``article_day``.
    """

    vectors: Any
    split: Vectors
    words: Any
    vocabulary: tuple[str, ...]
    entities: Any
    entity_names: tuple[str, ...]
    days: Any


def article_day(article: Article) -> tuple[float, float, float]:
    """(day number, day of the year, 1 if the year was inferred); NaNs when there is no readable date."""
    if not article.date:
        return (float("nan"), float("nan"), 0.0)
    try:
        day = dt.date.fromisoformat(article.date[:10])
    except ValueError:
        return (float("nan"), float("nan"), 0.0)
    return (float(day.toordinal()), float(day.timetuple().tm_yday), float(article.date_inferred))


def day_gaps(days: Any, rows: Any, cols: Any) -> Any:
    """Days between articles: ``rows`` x ``cols``, NaN where either is undated.

    An inferred year (from a weekday and the years a page mentions) can be years off while the
    month and day were read from the text, so a pair with an inferred date is compared on the
    day of the year only (the shorter way round the year).
    """
    a, b = days[rows], days[cols]
    exact = np.abs(a[:, None, 0] - b[None, :, 0])
    if not (a[:, 2].any() or b[:, 2].any()):  # no inferred year: skip the day-of-year pass
        return exact
    around = np.abs(a[:, None, 1] - b[None, :, 1])
    around = np.minimum(around, 365.0 - around)
    inferred = (a[:, None, 2] + b[None, :, 2]) > 0
    return np.where(inferred, around, exact)


def lead(article: Article, words: int) -> str:
    """Title and first words: where a news story states what happened."""
    return f"{article.title or ''}\n" + " ".join(article.text.split()[:words])


# How many dense multiply-adds one sparse multiply-add costs (scipy vs BLAS), for the split.
SPARSE_COST = 100.0
WHITESPACE = regex.compile(r"\s\s+")
# scikit-learn's default token pattern: the words the TF-IDF vectors are made of.
TOKEN = regex.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=262144)
def _word_char_grams(word: str, low: int, high: int) -> tuple[str, ...]:
    """Character n-grams of one space-padded word, as scikit-learn's ``char_wb`` makes them."""
    padded = f" {word} "
    grams: list[str] = []
    for n in range(low, high + 1):
        offset = 0
        grams.append(padded[offset : offset + n])
        while offset + n < len(padded):
            offset += 1
            grams.append(padded[offset : offset + n])
        if offset == 0:  # a word shorter than n counts once
            break
    return tuple(grams)


def char_grams(text: str, low: int = 3, high: int = 5) -> list[str]:
    """``char_wb`` n-grams of a text, cached per word: news repeats its words, so this is fast."""
    out: list[str] = []
    for word in WHITESPACE.sub(" ", text.lower()).split():
        out.extend(_word_char_grams(word, low, high))
    return out


def _tfidf(texts: list[str], idf_offset: float, **options: Any) -> tuple[Any, tuple[str, ...]]:
    """Sublinear TF-IDF fitted on ``texts``, rows L2-normalised; no vocabulary gives zeros.

    idf = ln((1 + n) / (1 + df)) + ``idf_offset``. scikit-learn adds 1, which in a folder of five
    articles leaves a word found in all of them half as heavy as a word found in one; a smaller
    offset lets the words that tell articles apart decide, whatever the folder's size.
    """
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    vectorizer = CountVectorizer(dtype=np.float32, **options)
    try:
        counts = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # empty vocabulary: no words at all, or only stop words
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32), ("",)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = (np.log((1.0 + len(texts)) / (1.0 + df)) + idf_offset).astype(np.float32)
    counts.data = (1.0 + np.log(counts.data)).astype(np.float32)
    weighted = normalize(counts @ sparse.diags(idf).tocsr()).astype(np.float32)
    return weighted.tocsr(), tuple(vectorizer.get_feature_names_out())


def stop_words(articles: Sequence[Article]) -> list[str]:
    """scikit-learn's English stop words and jusText's of every other language in the folder.

    Without them the function words of Urdu or Russian (the most frequent words of every text)
    outweigh the names and terms that tell stories apart, and unrelated stories join one topic.
    Only words the vectoriser itself would make are kept (one token each, no apostrophes).
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    languages = sorted({a.language for a in articles if a.language and a.language != "en"})
    extra = {w for code in languages for w in stoplist(code) if TOKEN.fullmatch(w)}
    return sorted(ENGLISH_STOP_WORDS | extra)


def fit_features(articles: Sequence[Article], settings: GroupSettings) -> Features:
    """Fit every grouping signal on ``articles`` (already in their stable order)."""
    from scipy import sparse

    full = [f"{a.title or ''}\n{a.text}" for a in articles]
    leads = [lead(a, settings.lead_words) for a in articles]
    offset = settings.idf_offset
    stop = stop_words(articles)
    words, vocabulary = _tfidf(full, offset, stop_words=stop)
    lead_words, _ = _tfidf(leads, offset, stop_words=stop)
    lead_chars, _ = _tfidf(leads, offset, analyzer=char_grams)
    weights = (settings.weight_text, settings.weight_lead, settings.weight_lead_chars)
    total = sum(weights)
    # Cosines are row products of L2-normalised rows, so a weighted mean of three cosines is the
    # row product of the blocks stacked side by side, each scaled by sqrt(weight / total).
    vectors = sparse.hstack(
        [
            m * np.float32(np.sqrt(w / total))
            for m, w in zip((words, lead_words, lead_chars), weights, strict=True)
        ],
        format="csr",
    )
    keys = [entity_keys(text) for text in full]
    names = tuple(sorted(set().union(*keys))) if keys else ()
    column = {name: i for i, name in enumerate(names)}
    rows = [i for i, ks in enumerate(keys) for _ in ks]
    cols = [column[k] for ks in keys for k in sorted(ks)]
    entities = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(articles), max(len(names), 1))
    )
    days = np.array([article_day(a) for a in articles], dtype=np.float64).reshape(len(articles), 3)
    split = Vectors.of(vectors)
    return Features(vectors, split, words, vocabulary, entities, names, days)


def similarity_block(
    vectors: Vectors, entities: Any, days: Any, rows: Any, cols: Any, settings: GroupSettings, dated: bool
) -> Any:
    """Dense similarities of ``rows`` x ``cols`` (index arrays; ``cols`` ``None`` for all), in [0, 1]."""
    block = vectors.products(rows, cols)
    if settings.entity_bonus:
        right = entities if cols is None else entities[cols]
        shared = np.asarray((entities[rows] @ right.T).todense(), dtype=np.float32)
        block += np.minimum(shared * settings.entity_bonus, settings.entity_bonus_max)
    if dated and days is not None:
        gap = day_gaps(days, rows, slice(None) if cols is None else cols)
        # NaN (an undated side) compares False: undated articles are never kept apart by date.
        block[gap > settings.event_days] = 0.0
    np.clip(block, 0.0, 1.0, out=block)
    return block


def close_pairs(
    vectors: Vectors, entities: Any, days: Any, floor: float, settings: GroupSettings, dated: bool
) -> Any:
    """Sparse graph of pairs whose similarity exceeds ``floor``, built a block of rows at a time."""

    n = vectors.rows

    def above(rows: Any) -> tuple[Any, Any, Any]:
        block = similarity_block(vectors, entities, days, rows, None, settings, dated)
        r, c = np.nonzero(block > floor)
        return rows[r], c, block[r, c]

    return _matrix(in_blocks(n, settings, above), n)


def in_blocks(n: int, settings: GroupSettings, work: Any) -> list[Any]:
    """``work(rows)`` for each block of ``block_rows`` rows, in row order, on ``threads`` threads.

    The sparse and dense products release the GIL, so blocks run side by side; results are
    returned in block order, so the output does not depend on which thread finished first.
    """
    from concurrent.futures import ThreadPoolExecutor

    everything = np.arange(n)
    blocks = [everything[start : start + settings.block_rows] for start in range(0, n, settings.block_rows)]
    if settings.threads <= 1 or len(blocks) == 1:
        return [work(rows) for rows in blocks]
    with ThreadPoolExecutor(max_workers=settings.threads) as pool:
        return list(pool.map(work, blocks))


def event_graph(features: Features, settings: GroupSettings) -> Any:
    """Symmetric sparse graph of the event similarity: direct cosines mixed with shared neighbours.

    The direct similarity of a pair (``similarity_block``) is mixed with the cosine of the two
    articles' nearest-neighbour profiles (each article's ``neighbours`` most similar articles and
    itself, weighted by similarity), weight ``shared_neighbour_weight``. Two reports of one claim
    share their neighbours even when their own wording differs, and two stories of one topic that
    each has its own close fellows share few. Direct similarities at or below ``direct_floor`` count
    as zero, so the graph stays sparse; both parts are zero across more than ``event_days``.
    """
    from sklearn.preprocessing import normalize

    n = features.split.rows
    k = min(settings.neighbours + 1, n)
    everything = np.arange(n)

    def rows_of(rows: Any) -> tuple[tuple[Any, Any, Any], tuple[Any, Any, Any]]:
        block = similarity_block(
            features.split, features.entities, features.days, rows, None, settings, dated=True
        )
        diagonal = (np.arange(len(rows)), rows)
        block[diagonal] = 1.0  # an article is its own first neighbour
        # argpartition is deterministic for the same block, and blocks follow the stable order.
        near = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < n else np.tile(everything, (len(rows), 1))
        near_values = np.take_along_axis(block, near, axis=1)
        kept = near_values > settings.neighbour_floor  # a far "nearest" article is no neighbour
        block[diagonal] = 0.0
        r, c = np.nonzero(block > settings.direct_floor)
        return (np.repeat(rows, k)[kept.ravel()], near[kept], near_values[kept]), (rows[r], c, block[r, c])

    parts = in_blocks(n, settings, rows_of)
    profile = [part[0] for part in parts]
    direct = [part[1] for part in parts]
    first = _matrix(direct, n)
    # float32 products differ in the last bit between (i, j) and (j, i): keep the larger.
    first = first.maximum(first.T)
    neighbours = normalize(_matrix(profile, n))
    shared = neighbours @ neighbours.T
    shared = (shared + shared.T) * np.float32(0.5)
    shared.setdiag(0.0)
    shared = _undated_or_close(shared.tocoo(), features.days, settings.event_days)
    weight = settings.shared_neighbour_weight
    graph = (first * np.float32(1.0 - weight) + shared * np.float32(weight)).tocsr()
    graph.data = np.clip(graph.data, 0.0, 1.0).astype(np.float32)
    graph.eliminate_zeros()
    return graph


def _matrix(parts: list[tuple[Any, Any, Any]], n: int) -> Any:
    """An n x n CSR matrix from (rows, columns, values) parts."""
    from scipy import sparse

    rows, cols, values = (np.concatenate(column) for column in zip(*parts, strict=True))
    return sparse.csr_matrix((values.astype(np.float32), (rows, cols)), shape=(n, n))


def _undated_or_close(pairs: Any, days: Any, event_days: int) -> Any:
    """``pairs`` (COO) with the pairs dated more than ``event_days`` apart dropped."""
    from scipy import sparse

    if days is None or np.isnan(days[:, 0]).all():
        return pairs.tocsr()
    a, b = days[pairs.row], days[pairs.col]
    exact = np.abs(a[:, 0] - b[:, 0])
    around = np.abs(a[:, 1] - b[:, 1])
    around = np.minimum(around, 365.0 - around)
    gap = np.where((a[:, 2] + b[:, 2]) > 0, around, exact)
    keep = ~(gap > event_days)  # NaN (an undated side) is never kept apart
    return sparse.csr_matrix((pairs.data[keep], (pairs.row[keep], pairs.col[keep])), shape=pairs.shape)


def cluster_graph(graph: Any, distance: float) -> list[list[int]]:
    """Average-link clusters of a sparse similarity graph at ``distance``, exact, per connected component.

    Absent pairs have similarity zero. Average link never merges two groups with no pair closer
    than the cut, so components of the pairs above ``1 - distance`` hold every cluster.
    """
    from scipy.sparse.csgraph import connected_components
    from sklearn.cluster import AgglomerativeClustering

    n = graph.shape[0]
    close = graph.multiply(graph > 1.0 - distance)
    _, component = connected_components(close, directed=False)
    order = np.argsort(component, kind="stable")
    bounds = np.flatnonzero(np.diff(component[order])) + 1
    clusters: list[list[int]] = []
    for members in np.split(order, bounds):
        if len(members) == 1:
            clusters.append([int(members[0])])
            continue
        gaps = 1.0 - graph[members][:, members].toarray().astype(np.float64)
        np.fill_diagonal(gaps, 0.0)
        model = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=distance
        ).fit(gaps)
        for sub in np.unique(model.labels_):
            clusters.append([int(i) for i in members[model.labels_ == sub]])
    return sorted(clusters) if n else []


def join_lone_articles(graph: Any, clusters: list[list[int]], settings: GroupSettings) -> list[list[int]]:
    """``clusters`` with each article the cut left alone moved into the event holding most of its neighbours.

    A report that tells a claim among much other material is far, on average, from every fellow
    report, yet its nearest articles are theirs. An article alone joins the event holding at least
    ``lone_join_share`` of its ``neighbours`` nearest articles (event similarity above
    ``direct_floor``), counting only neighbours in events of two or more and needing two of them.
    Decided for every lone article against the clusters as cut, so the result does not depend on order.
    """
    n = graph.shape[0]
    label = np.empty(n, dtype=np.int64)
    for k, members in enumerate(clusters):
        label[members] = k
    sizes = np.array([len(members) for members in clusters])
    moved: dict[int, int] = {}
    for i in (members[0] for members in clusters if len(members) == 1):
        row = slice(graph.indptr[i], graph.indptr[i + 1])
        above = graph.data[row] > settings.direct_floor
        near, values = graph.indices[row][above], graph.data[row][above]
        nearest = near[np.lexsort((near, -values))[: settings.neighbours]]
        events = label[nearest][sizes[label[nearest]] > 1]
        if len(events) < 2:
            continue
        found, counts = np.unique(events, return_counts=True)
        if counts.max() >= settings.lone_join_share * len(nearest):
            moved[i] = int(found[np.argmax(counts)])
    if not moved:
        return clusters
    joined = [[i for i in members if i not in moved] for members in clusters]
    for i, k in moved.items():
        joined[k].append(i)
    return sorted(sorted(members) for members in joined if members)


def cluster(
    vectors: Vectors, entities: Any, days: Any, distance: float, settings: GroupSettings, dated: bool
) -> list[list[int]]:
    """Average-link clusters at ``distance``, exact, computed per connected component.

    Average link never merges two groups with no pair closer than the cut, so components of the
    graph of close pairs hold every cluster and each is clustered on its own dense matrix.
    """
    from scipy.sparse.csgraph import connected_components
    from sklearn.cluster import AgglomerativeClustering

    n = vectors.rows
    if n == 0:
        return []
    graph = close_pairs(vectors, entities, days, 1.0 - distance, settings, dated)
    _, component = connected_components(graph, directed=False)
    clusters: list[list[int]] = []
    for label in np.unique(component):
        members = np.flatnonzero(component == label)
        if len(members) == 1:
            clusters.append([int(members[0])])
            continue
        block = similarity_block(vectors, entities, days, members, members, settings, dated)
        gaps = 1.0 - block.astype(np.float64)
        np.fill_diagonal(gaps, 0.0)
        gaps = (gaps + gaps.T) / 2.0  # float32 products are symmetric only up to rounding
        model = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=distance
        ).fit(gaps)
        for sub in np.unique(model.labels_):
            clusters.append([int(i) for i in members[model.labels_ == sub]])
    return sorted(clusters)
