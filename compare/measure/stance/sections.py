"""The ``stance`` sections of the pair and event JSON: profiles side by side, claim stance,
labelling differences, omissions and distinctive terms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from compare.group.order import publication_order, utc_moment
from compare.measure.stance.features import text_profile, toward_claim
from compare.measure.stance.omissions import OtherArticle, labelling_differences, omissions
from compare.measure.stance.terms import distinctive_terms
from compare.model import (
    Article,
    ArticleStance,
    Claim,
    EventStance,
    Omissions,
    PairStance,
    Passage,
    StanceProfile,
)
from compare.normalise import sentence_spans
from compare.settings import DEFAULT_SETTINGS, StanceSettings


def central_claim(article: Article) -> str:
    """The claim an event's articles are measured against: the headline, else the first sentence."""
    if article.title and article.title.strip():
        return article.title.strip()
    spans = sentence_spans(article.text or "")
    return article.text[spans[0][0] : spans[0][1]] if spans else ""


def earliest(articles: Sequence[Article]) -> Article:
    """The earliest dated article, by day then time of day (undated ones last, then input order)."""
    order = {a.id: k for k, a in enumerate(publication_order(articles))}
    return min(
        enumerate(articles),
        key=lambda ia: (
            ia[1].date is None,
            (ia[1].date or "")[:10],
            utc_moment(ia[1]) is None,
            order[ia[1].id],
            ia[0],
        ),
    )[1]


def pair_stance(
    a: Article,
    b: Article,
    passages: Sequence[Passage],
    quotes: Sequence[Passage] = (),
    profiles: Mapping[str, StanceProfile] | None = None,
    settings: StanceSettings = DEFAULT_SETTINGS.stance,
) -> PairStance:
    """The stance section of a pair: both profiles, each toward the earlier one's claim.

    ``quotes`` are the quotes matched across the pair (each side's own wording): a quote the other
    carries in its own translation is not left out. ``profiles`` (by article id) are the articles'
    profiles already measured; others are measured here.
    """
    first = earliest([a, b])
    claim = central_claim(first)
    profile_a, profile_b = (
        toward_claim(profile_of(art, profiles, settings), art, None if art is first else claim) for art in (a, b)
    )
    aligned = tuple(passages) + tuple(quotes)
    return PairStance(
        claim=Claim(claim, first.id),
        a=profile_a,
        b=profile_b,
        labelling_differences=tuple(labelling_differences(passages, a.text, b.text, settings)),
        omissions_a=Omissions(tuple(omissions([OtherArticle(b.id, b.text, aligned, side="b")], settings))),
        omissions_b=Omissions(tuple(omissions([OtherArticle(a.id, a.text, aligned, side="a")], settings))),
    )


def event_stance(
    articles: Sequence[Article],
    passages: Mapping[tuple[str, str], Sequence[Passage]],
    profiles: Mapping[str, StanceProfile] | None = None,
    settings: StanceSettings = DEFAULT_SETTINGS.stance,
) -> EventStance:
    """The stance section of an event; ``passages[(a.id, b.id)]`` aligns a (side a) with b, and
    ``profiles`` are as in ``pair_stance``."""
    if not articles:
        return EventStance(None)
    # The articles come in order of publication (pipeline: the event's flow, which knows who
    # carries whose text), so the first is the claim's source.
    first = articles[0]
    claim = central_claim(first)
    stances = tuple(
        ArticleStance(
            toward_claim(profile_of(art, profiles, settings), art, None if art is first else claim),
            Omissions(tuple(omissions(_others(art, articles, passages), settings))),
        )
        for art in articles
    )
    by_outlet: dict[str, list[str]] = {}
    for art in articles:
        by_outlet.setdefault(art.outlet or art.id, []).append(art.text)
    terms = distinctive_terms(by_outlet)
    return EventStance(Claim(claim, first.id), stances, {k: tuple(v) for k, v in terms.items()})


def profile_of(
    article: Article, profiles: Mapping[str, StanceProfile] | None, settings: StanceSettings
) -> StanceProfile:
    """The article's profile from ``profiles`` when it is there, else measured now."""
    found = (profiles or {}).get(article.id)
    return found if found is not None else text_profile(article, settings)


def _others(
    art: Article, articles: Sequence[Article], passages: Mapping[tuple[str, str], Sequence[Passage]]
) -> list[OtherArticle]:
    """The other articles of the event aligned with ``art``, each with the passages of that pair."""
    others = []
    for other in articles:
        if other is art:
            continue
        if (art.id, other.id) in passages:
            others.append(OtherArticle(other.id, other.text, tuple(passages[(art.id, other.id)]), "b"))
        elif (other.id, art.id) in passages:
            others.append(OtherArticle(other.id, other.text, tuple(passages[(other.id, art.id)]), "a"))
    return others
