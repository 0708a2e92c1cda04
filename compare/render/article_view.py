"""View model of an article's own page: its text with the quotes marked, metadata with how each
field was found, its role (original or republication), quotes with speakers, attribution evidence,
what the cleaner removed, and the pairs and event it belongs to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compare.measure.republication import Role
from compare.model import Article, PairResult, StanceProfile, Voice
from compare.render.names import article_key
from compare.render.views import Row, article_view, plural

QUOTE_KIND_TEXT: dict[str, str] = {
    "full": "direct quote",
    "block": "block quote (no quote marks)",
    "partial": "quoted fragment",
    "scare": "scare quote",
    "reported": "reported speech",
}


@dataclass(frozen=True)
class QuoteView:
    """A quote or piece of reported speech as the article gives it.

    Fields:
        anchor: the element id of the quote in the text ("q3").
        href: the link to it ("#q3").
        speaker: who says it, or "speaker not found".
        kind: what sort of quote it is, in words.
        text: the words quoted.
        words: how many words, e.g. "12 words".
    """

    anchor: str
    href: str
    speaker: str
    kind: str
    text: str
    words: str


@dataclass(frozen=True)
class QuoteSegment:
    """A quote's place in the text, drawn by the page's script.

    Fields:
        anchor: the quote's element id ("q3").
        range: its characters in the text, "start,end".
        kind: what sort of quote it is (full, partial, scare, block, reported).
    """

    anchor: str
    range: str
    kind: str


@dataclass(frozen=True)
class ArticlePairLink:
    """A pair the article is in.

    Fields:
        href: link to the pair page.
        other: the other article's name.
        relation: the pair's relation.
        direction: who looks like the source, in words.
    """

    href: str
    other: str
    relation: str
    direction: str


@dataclass(frozen=True)
class ArticlePage:
    """Context of ``article.html``.

    Fields:
        title: the page title ("Article: <outlet>: <headline>").
        heading: the headline, or a statement that none was found.
        byline: outlet · date · words · language, in one line.
        role: the article's role in words (original, republication of … on …).
        role_evidence: the attribution sentences the role rests on.
        url: the article's web address (empty when it was read from a file).
        has_url: whether ``url`` is a web address to link.
        path: the file it was read from (or its id).
        text_key: the article's key in the report's texts (its script fills the text box).
        lang: the text's language code for its ``lang`` attribute, empty when unknown.
        text_script: link to the script that carries the text.
        quote_segments: QuoteSegment list, the quotes' places in the text, in order.
        quotes: QuoteView list in reading order.
        has_quotes: whether any quote was found.
        quotes_missing: the statement shown when none was.
        metadata: Row per field (value, how it was found).
        attribution: Row per piece of attribution evidence.
        has_attribution: whether any attribution evidence was found.
        removed: Row per line the cleaner removed.
        removed_summary: "3 lines" style count for the fold's summary.
        has_removed: whether the cleaner removed anything.
        pairs: ArticlePairLink list.
        has_pairs: whether the article is in any compared pair.
        event_href, event_label: the event page the article belongs to (empty when none).
        index_href: link back to the report index.
    """

    title: str
    heading: str
    byline: str
    role: str
    role_evidence: list[str]
    url: str
    has_url: bool
    path: str
    text_key: str
    lang: str
    text_script: str
    quote_segments: list[QuoteSegment]
    quotes: list[QuoteView]
    has_quotes: bool
    quotes_missing: str
    metadata: list[Row]
    attribution: list[Row]
    has_attribution: bool
    removed: list[Row]
    removed_summary: str
    has_removed: bool
    pairs: list[ArticlePairLink]
    has_pairs: bool
    event_href: str
    event_label: str
    index_href: str


def article_href(article: Article) -> str:
    """The article page's path inside a report folder."""
    return f"articles/{article_key(article)}.html"


def _quotes(voices: Sequence[Voice]) -> tuple[list[QuoteView], list[QuoteSegment]]:
    """The quotes in reading order, and their places in the text (nested ones left to the outer)."""
    ordered = sorted(voices, key=lambda v: (v.start, -v.end))
    views, segments = [], []
    end = -1
    for number, voice in enumerate(ordered, start=1):
        anchor = f"q{number}"
        views.append(
            QuoteView(
                anchor,
                f"#{anchor}",
                voice.speaker or "speaker not found",
                QUOTE_KIND_TEXT.get(voice.kind, voice.kind),
                " ".join(voice.text.split()),
                plural(voice.words, "word"),
            )
        )
        if voice.start >= end:
            segments.append(QuoteSegment(anchor, f"{voice.start},{voice.end}", voice.kind))
            end = voice.end
    return views, segments


def _direction(result: PairResult, article: Article) -> str:
    source = result.direction.source
    if source is None:
        return "no source can be told"
    if source == "common":
        return "both carry a common source"
    mine = (source == "a") == (result.a.id == article.id)
    return "this article looks like the source" if mine else "the other article looks like the source"


def article_page(
    article: Article,
    profile: StanceProfile | None,
    role: Role,
    pairs: Sequence[tuple[str, PairResult]],
    event: tuple[str, str] = ("", ""),
    prefix: str = "../",
) -> ArticlePage:
    """Build an article page's view model; ``pairs`` are (href from the report root, result), and
    ``prefix`` leads from the page's folder to the report root."""
    side = article_view(article, "", [], {})
    details = [side.outlet, side.date, side.words] + ([article.language] if article.language else [])
    quotes, segments = _quotes(profile.voices if profile else ())
    url = article.url or ""
    key = article_key(article)
    return ArticlePage(
        title=f"Article: {article.credited_name}",
        heading=side.heading,
        byline=" · ".join(details),
        role=role.text,
        role_evidence=list(role.evidence),
        url=url,
        has_url=url.startswith(("http://", "https://")),
        path=side.path,
        text_key=key,
        lang=side.lang,
        text_script=f"{key}.js",
        quote_segments=segments,
        quotes=quotes,
        has_quotes=bool(quotes),
        quotes_missing="No quote or reported speech was found in this article.",
        metadata=side.metadata,
        attribution=side.attribution,
        has_attribution=side.has_attribution,
        removed=side.removed,
        removed_summary=side.removed_summary,
        has_removed=side.has_removed,
        pairs=[
            ArticlePairLink(
                prefix + href,
                (r.b if r.a.id == article.id else r.a).credited_name,
                r.relation,
                _direction(r, article),
            )
            for href, r in pairs
            if article.id in (r.a.id, r.b.id)
        ],
        has_pairs=any(article.id in (r.a.id, r.b.id) for _, r in pairs),
        event_href=prefix + event[0] if event[0] else "",
        event_label=event[1],
        index_href=prefix + "index.html",
    )
