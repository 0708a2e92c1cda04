"""The ``stance`` sections of the pair and event JSON: profiles side by side, claim stance,
labelling differences, omissions and distinctive terms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from compare.group.flow import publication_order, utc_moment
from compare.measure.stance.features import stance_features
from compare.measure.stance.omissions import (
    OtherArticle,
    labelling_differences,
    omissions,
    summarise_omissions,
)
from compare.measure.stance.terms import distinctive_terms
from compare.model import Article, Passage
from compare.normalise import sentence_spans


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
    a: Article, b: Article, passages: Sequence[Passage], quotes: Sequence[Passage] = ()
) -> dict[str, Any]:
    """The ``stance`` section of a pair: both profiles, each toward the earlier one's claim.

    ``quotes`` are the quotes matched across the pair (each side's own wording): a quote the other
    carries in its own translation is not left out.
    """
    first = earliest([a, b])
    claim = central_claim(first)
    profiles = {
        side: stance_features(art, claim=None if art is first else claim).to_dict()
        for side, art in (("a", a), ("b", b))
    }
    aligned = tuple(passages) + tuple(quotes)
    missing_in_a = omissions([OtherArticle(b.id, b.text, aligned, side="b")])
    missing_in_b = omissions([OtherArticle(a.id, a.text, aligned, side="a")])
    return {
        "claim": {"text": claim, "from": "a" if first is a else "b"},
        "a": profiles["a"],
        "b": profiles["b"],
        "labelling_differences": [d.to_dict() for d in labelling_differences(passages, a.text, b.text)],
        "omissions": {
            "a": {**summarise_omissions(missing_in_a), "items": [o.to_dict() for o in missing_in_a]},
            "b": {**summarise_omissions(missing_in_b), "items": [o.to_dict() for o in missing_in_b]},
        },
    }


def event_stance(
    articles: Sequence[Article], passages: Mapping[tuple[str, str], Sequence[Passage]]
) -> dict[str, Any]:
    """The ``stance`` section of an event; ``passages[(a.id, b.id)]`` aligns a (side a) with b."""
    if not articles:
        return {"claim": None, "articles": {}, "distinctive_terms": {}}
    # The articles come in order of publication (pipeline: the event's flow, which knows who
    # carries whose text), so the first is the claim's source.
    first = articles[0]
    claim = central_claim(first)
    per_article: dict[str, Any] = {}
    for art in articles:
        others = []
        for other in articles:
            if other is art:
                continue
            if (art.id, other.id) in passages:
                others.append(OtherArticle(other.id, other.text, tuple(passages[(art.id, other.id)]), "b"))
            elif (other.id, art.id) in passages:
                others.append(OtherArticle(other.id, other.text, tuple(passages[(other.id, art.id)]), "a"))
        missing = omissions(others)
        profile = stance_features(art, claim=None if art is first else claim).to_dict()
        profile["omissions"] = {**summarise_omissions(missing), "items": [o.to_dict() for o in missing]}
        per_article[art.id] = profile
    by_outlet: dict[str, list[str]] = {}
    for art in articles:
        by_outlet.setdefault(art.outlet or art.id, []).append(art.text)
    terms = distinctive_terms(by_outlet)
    return {
        "claim": {"text": claim, "article": first.id},
        "articles": per_article,
        "distinctive_terms": {k: [[t, z] for t, z in v] for k, v in terms.items()},
    }
