"""Translation passages: the sentences of two texts in different languages that say the same.

Each sentence of both texts is embedded with a multilingual encoder (compare.align.encoder). A
sentence pair is proposed when each is among the other's nearest sentences, and scored by its
margin: its cosine over the mean cosine of the two sentences' nearest neighbours, which cancels
the encoder's high baseline between any two news sentences (margin scoring, as in bitext mining).
Shared anchors (numbers, dates, transliterated names) raise the score. Pairs above a calibrated
threshold are taken best first, one to one, in any order (sentences may be moved, dropped or
added); a short gap between two links in order is filled where its pairs score a little under the
threshold; then a sentence whose neighbour is linked joins that link when the two together match
its partner better (one sentence translated as two).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from compare.align.anchors import anchors
from compare.align.encoder import SentenceEncoder, Vectors
from compare.align.paraphrase import quote_units
from compare.model import Passage, Span
from compare.normalise import WORD, sentence_spans
from compare.settings import CrosslingualSettings

# Rows of the cosine matrix computed at once: memory stays O(block x sentences) on long texts.
BLOCK_ROWS = 1024


@dataclass(frozen=True)
class Sentence:
    """A sentence of one text with its anchors."""

    start: int
    end: int
    text: str
    anchors: frozenset[str]


@dataclass(frozen=True)
class Link:
    """Sentences ``a`` of A translated as sentences ``b`` of B (one or two consecutive on each side)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    cosine: float
    score: float


@dataclass(frozen=True)
class Side:
    """One text's sentences and their embeddings (row k embeds sentence k)."""

    sentences: Sequence[Sentence]
    vectors: Vectors


def embedded(found: Sequence[Sentence], encoder: SentenceEncoder) -> Side:
    """The sentences with their embeddings."""
    return Side(found, encoder.encode([s.text for s in found]))


def sentences(text: str, min_words: int, stopwords: frozenset[str] = frozenset()) -> list[Sentence]:
    """Sentences of at least ``min_words`` words, with their anchors."""
    return [
        Sentence(start, end, text[start:end], anchors(text[start:end], stopwords))
        for start, end in sentence_spans(text)
        if len(WORD.findall(text, start, end)) >= min_words
    ]


@dataclass(frozen=True)
class Translation:
    """The translation passages of a pair, the sentences each side had, and how close the two
    texts are as wholes (cosine of their mean sentence embeddings: same topic or not)."""

    passages: tuple[Passage, ...]
    links: int
    text_cosine: float


def align_translation(
    a_text: str,
    b_text: str,
    encoder: SentenceEncoder,
    settings: CrosslingualSettings,
    stopwords: frozenset[str] = frozenset(),
) -> Translation:
    """``translation`` passages of two texts in different languages, in A's reading order."""
    a_sentences = sentences(a_text, settings.min_words, stopwords)
    b_sentences = sentences(b_text, settings.min_words, stopwords)
    if not a_sentences or not b_sentences:
        return Translation((), 0, 0.0)
    a, b = embedded(a_sentences, encoder), embedded(b_sentences, encoder)
    links = link_sentences(a, b, settings, encoder)
    passages = tuple(
        Passage(
            "translation",
            Span(a_sentences[link.a[0]].start, a_sentences[link.a[-1]].end),
            Span(b_sentences[link.b[0]].start, b_sentences[link.b[-1]].end),
            max(0.0, min(1.0, link.cosine)),
        )
        for link in sorted(links, key=lambda link: (link.a[0], link.b[0]))
    )
    return Translation(passages, len(links), mean_cosine(a.vectors, b.vectors))


def translated_quotes(
    a_text: str, b_text: str, encoder: SentenceEncoder, settings: CrosslingualSettings, min_words: int
) -> list[Passage]:
    """Each quote of A (of at least ``min_words`` words) paired with its translation in B: the
    ``translation`` passages (is_quote) of the quote pairs whose cosine reaches
    ``settings.quote_cosine``, best first, one to one, in A's reading order. Quotes are too few
    for a margin, so the plain cosine decides."""
    a_units, b_units = quote_units(a_text, min_words), quote_units(b_text, min_words)
    if not a_units or not b_units:
        return []
    a_vectors = encoder.encode([a_text[u.start : u.end] for u in a_units])
    b_vectors = encoder.encode([b_text[u.start : u.end] for u in b_units])
    cosines = a_vectors @ b_vectors.T
    order = sorted(
        [(int(i), int(j)) for i, j in np.argwhere(cosines >= settings.quote_cosine)],
        key=lambda ij: (-cosines[ij[0], ij[1]], ij),
    )
    quotes = []
    for i, j in one_to_one(order):
        a_span, b_span = Span(a_units[i].start, a_units[i].end), Span(b_units[j].start, b_units[j].end)
        similarity = max(0.0, min(1.0, float(cosines[i, j])))
        quotes.append(Passage("translation", a_span, b_span, similarity, is_quote=True))
    return sorted(quotes, key=lambda q: q.a.start if q.a else 0)


def mean_cosine(a_vectors: Vectors, b_vectors: Vectors) -> float:
    """Cosine of the mean rows of two embedding matrices (the texts' topics), clipped to [0, 1]."""
    a_mean, b_mean = a_vectors.mean(axis=0), b_vectors.mean(axis=0)
    norm = float(np.linalg.norm(a_mean) * np.linalg.norm(b_mean))
    return max(0.0, min(1.0, float(a_mean @ b_mean) / norm)) if norm else 0.0


def link_sentences(a: Side, b: Side, settings: CrosslingualSettings, encoder: SentenceEncoder) -> list[Link]:
    """One-to-one links above the threshold, best first, gaps between links filled, then widened
    to a neighbour where two sentences together match their partner better than one."""
    return widen_links(one_to_one_links(a, b, settings), a, b, settings, encoder)


def one_to_one_links(a: Side, b: Side, settings: CrosslingualSettings) -> list[Link]:
    """Links of one sentence on each side whose score reaches the threshold, best first, each
    sentence at most once, then the gaps between them filled (no encoder call: what a scan needs
    to tell whether a text translates)."""
    margins = Margins.of(a, b, settings)
    scored = {(i, j): margins.score(i, j) for i, j in margins.candidates()}
    ranked = sorted(scored, key=lambda ij: (-scored[ij][0], ij))
    taken = one_to_one([ij for ij in ranked if scored[ij][0] >= settings.link_score])
    taken += gap_links(taken, margins)
    links = []
    for i, j in taken:
        score, cosine = margins.score(i, j)
        links.append(Link((i,), (j,), cosine, score))
    return links


def one_to_one(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs taken in the order given, each sentence (or quote) at most once on each side."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    taken = []
    for i, j in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            taken.append((i, j))
    return taken


@dataclass(frozen=True)
class Margins:
    """Two texts' sentences with each sentence's ``neighbours`` nearest sentences on the other
    side and their mean cosine (the margin's baseline)."""

    a: Side
    b: Side
    a_near: list[list[int]]
    a_knn: list[float]
    b_near: list[list[int]]
    b_knn: list[float]
    settings: CrosslingualSettings

    @classmethod
    def of(cls, a: Side, b: Side, settings: CrosslingualSettings) -> Margins:
        a_near, a_knn = _nearest(a.vectors, b.vectors, settings.neighbours)
        b_near, b_knn = _nearest(b.vectors, a.vectors, settings.neighbours)
        return cls(a, b, a_near, a_knn, b_near, b_knn, settings)

    def candidates(self) -> set[tuple[int, int]]:
        """Every pair where one sentence is among the other's nearest."""
        pairs = {(i, int(j)) for i, row in enumerate(self.a_near) for j in row}
        return pairs | {(int(i), j) for j, row in enumerate(self.b_near) for i in row}

    def score(self, i: int, j: int) -> tuple[float, float]:
        """``(score, cosine)`` of a pair: its margin plus the anchor bonus, and its cosine."""
        cosine = float(self.a.vectors[i] @ self.b.vectors[j])
        margin = cosine / max(1e-6, (self.a_knn[i] + self.b_knn[j]) / 2.0)
        return margin + anchor_bonus(self.a.sentences[i].anchors, self.b.sentences[j].anchors, self.settings), cosine


def gap_links(taken: Sequence[tuple[int, int]], margins: Margins) -> list[tuple[int, int]]:
    """Pairs filling a gap of ``max_gap`` sentences at most, as long on both sides, between two
    links in order (or a link and the texts' start or end), whose score reaches ``gap_score``:
    a translation keeps its order, so a pair a little under the threshold between two linked
    pairs is one too."""
    settings = margins.settings
    ends = [(-1, -1), *sorted(taken), (len(margins.a.sentences), len(margins.b.sentences))]
    used_b = {j for _, j in taken}
    found = []
    for (i1, j1), (i2, j2) in zip(ends, ends[1:], strict=False):
        gap = i2 - i1 - 1
        if gap != j2 - j1 - 1 or not 0 < gap <= settings.max_gap:
            continue
        pairs = [(i1 + k, j1 + k) for k in range(1, gap + 1)]
        if not used_b.intersection(j for _, j in pairs) and all(margins.score(i, j)[0] >= settings.gap_score for i, j in pairs):
            found.extend(pairs)
    return found


def anchor_bonus(a: frozenset[str], b: frozenset[str], settings: CrosslingualSettings) -> float:
    """Added to a pair's margin: the anchors both sentences hold confirm it."""
    return settings.anchor_weight * min(len(a & b), settings.max_anchors)


def _nearest(x: Vectors, y: Vectors, k: int) -> tuple[list[list[int]], list[float]]:
    """For each row of ``x``: the indices of its ``k`` most similar rows of ``y`` and their mean cosine."""
    k = min(k, len(y))
    near: list[list[int]] = []
    means: list[float] = []
    for start in range(0, len(x), BLOCK_ROWS):
        block = x[start : start + BLOCK_ROWS] @ y.T
        top = np.argpartition(-block, k - 1, axis=1)[:, :k]
        values = np.take_along_axis(block, top, axis=1)
        near.extend(top.tolist())
        means.extend(values.mean(axis=1).tolist())
    return near, means


@dataclass(frozen=True)
class Widening:
    """A proposal: link ``link`` widened on ``side`` to the consecutive sentences ``pair``."""

    link: int
    side: str
    pair: tuple[int, int]


def widen_links(
    links: list[Link], a: Side, b: Side, settings: CrosslingualSettings, encoder: SentenceEncoder
) -> list[Link]:
    """Links with an unlinked neighbour sentence joined on one side (one sentence translated as
    two), where the neighbour's margin to the link's partner reaches ``settings.widen_score`` and
    the two sentences, encoded together in one batch, lose at most ``settings.merge_loss`` of the
    linked sentence's cosine to the partner. Best links first; a sentence joins one link."""
    used = {"a": {i for link in links for i in link.a}, "b": {j for link in links for j in link.b}}
    sides = {"a": (a, b), "b": (b, a)}
    proposals: list[Widening] = []
    for number, link in enumerate(links):
        for side, (own, other) in sides.items():
            index, partner = (link.a[0], link.b[0]) if side == "a" else (link.b[0], link.a[0])
            for neighbour in (index - 1, index + 1):
                if not 0 <= neighbour < len(own.sentences) or neighbour in used[side]:
                    continue
                cosines = other.vectors @ own.vectors[neighbour]
                baseline = float(np.sort(cosines)[-settings.neighbours :].mean())
                if cosines[partner] >= settings.widen_score * baseline:
                    pair = (min(index, neighbour), max(index, neighbour))
                    proposals.append(Widening(number, side, pair))
    if not proposals:
        return links
    joined = encoder.encode([" ".join(sides[w.side][0].sentences[k].text for k in w.pair) for w in proposals])
    widened = list(links)
    for w, vector in sorted(
        zip(proposals, joined, strict=True), key=lambda item: (-links[item[0].link].score, item[0].pair)
    ):
        link = widened[w.link]
        own_linked = link.a if w.side == "a" else link.b
        if len(link.a) + len(link.b) > 2 or any(k in used[w.side] for k in w.pair if k not in own_linked):
            continue
        partner = sides[w.side][1].vectors[link.b[0] if w.side == "a" else link.a[0]]
        cosine = float(vector @ partner)
        if cosine < link.cosine - settings.merge_loss:
            continue
        used[w.side].update(w.pair)
        widened[w.link] = (
            Link(w.pair, link.b, cosine, link.score)
            if w.side == "a"
            else Link(link.a, w.pair, cosine, link.score)
        )
    return widened
