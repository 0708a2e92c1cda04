"""Who copied whom: evidence for and against each side being the source, weighed into a verdict."""

from __future__ import annotations

from dataclasses import dataclass

from compare.model import COPY_RELATIONS, Article, Direction, Overlap, Relation
from compare.settings import DirectionSettings

CHROME_REASONS = {
    "share prompt",
    "comment widget",
    "cookie banner",
    "republication notice",
    "subscribe prompt",
}


@dataclass(frozen=True)
class Vote:
    """One piece of evidence: +weight says A is the source, -weight says B is."""

    weight: float
    reason: str


def decide_direction(
    a: Article, b: Article, overlap: Overlap, relation: Relation, settings: DirectionSettings
) -> Direction:
    """The source of a copied pair ("a", "b", "common") with confidence and the evidence."""
    if relation not in COPY_RELATIONS:
        return Direction(None, 0.0, (f"No copied text ({relation}): the accounts are independent.",))
    common = _common_source(a, b)
    votes = (
        _date_votes(a, b, settings)
        + _attribution_votes(a, b, settings)
        + _containment_votes(overlap, settings)
        + _chrome_votes(a, b, settings)
    )
    material = _material_note(overlap)
    evidence = [v.reason for v in votes] + material
    if common:
        evidence.insert(0, common)
        return Direction("common", _confidence(votes, settings, prior=settings.attribution_weight), tuple(evidence))
    score = sum(v.weight for v in votes)
    if not votes or score == 0:
        return Direction(None, 0.0, tuple(evidence or ["No evidence tells the source from the copy."]))
    return Direction("a" if score > 0 else "b", _confidence(votes, settings), tuple(evidence))


def _confidence(votes: list[Vote], settings: DirectionSettings, prior: float = 0.0) -> float:
    """The share of vote weight that agrees, scaled down while the votes weigh less than
    ``settings.full_confidence_weight`` in all (``prior``: weight of a common-source finding)."""
    total = sum(abs(v.weight) for v in votes) + prior
    if total == 0:
        return 0.0
    agreeing = abs(sum(v.weight for v in votes)) + prior
    strength = min(1.0, total / settings.full_confidence_weight)
    return round(min(1.0, agreeing / total) * strength, 4)


def _common_source(a: Article, b: Article) -> str | None:
    """Both carry a third text: both credit one outlet neither of them is, or both say they republish."""
    credited_a = {x.outlet for x in a.attribution if x.outlet}
    credited_b = {x.outlet for x in b.attribution if x.outlet}
    both = credited_a & credited_b
    republished = _is_republication(a) and _is_republication(b)
    for outlet in sorted(both):
        if republished or (outlet not in _own_outlets(a) and outlet not in _own_outlets(b)):
            return f"Both articles carry text credited to {outlet}: a common source neither of them is."
    if republished:
        return "Both articles say they republish another outlet's story: each is a copy of a third text."
    if _has_chrome(a) and _has_chrome(b) and a.outlet != b.outlet and (a.outlet or b.outlet):
        return "Both articles sit in aggregator page chrome: each looks like a copy of a third text."
    return None


def _has_chrome(article: Article) -> bool:
    return any(r.reason in CHROME_REASONS for r in article.removed)


def _own_outlets(article: Article) -> set[str]:
    """The outlet an article is published by when its page says so (not via a credit)."""
    if _is_republication(article):
        return set()
    return {article.outlet} if article.outlet else set()


def _is_republication(article: Article) -> bool:
    return any(
        x.kind in ("republication_notice", "also_on", "via", "source_link") for x in article.attribution
    )


def _date_votes(a: Article, b: Article, settings: DirectionSettings) -> list[Vote]:
    if not a.date or not b.date or a.date[:10] == b.date[:10]:
        return []
    if len(a.date) < 10 or len(b.date) < 10:
        return []
    first, later = ("A", "B") if a.date < b.date else ("B", "A")
    sign = 1 if first == "A" else -1
    return [
        Vote(
            sign * settings.date_weight,
            f"{first} is dated earlier ({min(a.date, b.date)}) than {later} ({max(a.date, b.date)}).",
        )
    ]


def _attribution_votes(a: Article, b: Article, settings: DirectionSettings) -> list[Vote]:
    votes: list[Vote] = []
    for this, other, sign, name, other_name in ((a, b, -1, "A", "B"), (b, a, 1, "B", "A")):
        if other.outlet:
            for item in this.attribution:
                if item.outlet == other.outlet and item.outlet != this.outlet:
                    votes.append(
                        Vote(
                            sign * settings.attribution_weight,
                            f"{name} credits {other_name}'s outlet {other.outlet}: \u201c{item.text[:120]}\u201d.",
                        )
                    )
                    break
        notices = [x for x in this.attribution if x.kind == "republication_notice"]
        # A republication's named outlets (its own masthead included) are where its text is from.
        credited = {x.outlet for x in this.attribution if x.outlet} | (
            {this.outlet} if this.outlet else set()
        )
        if notices and credited and other.outlet not in credited:
            # It republishes a third outlet's story: no vote for the other article as its source.
            evidence_only = (
                f"{name} republishes {', '.join(sorted(o for o in credited if o))}, not {other_name}."
            )
            votes.append(Vote(0.0, evidence_only))
        elif notices:
            votes.append(
                Vote(
                    sign * settings.republication_weight,
                    f"{name} says it is a republication: \u201c{notices[0].text[:120]}\u201d.",
                )
            )
    own_dateline = [
        (line, sign, name)
        for line, sign, name in ((_dateline(a), 1, "A"), (_dateline(b), -1, "B"))
        if line is not None
    ]
    if len(own_dateline) == 1:
        line, sign, name = own_dateline[0]
        votes.append(
            Vote(
                sign * settings.dateline_weight,
                f"Only {name} carries the wire dateline \u201c{line}\u201d.",
            )
        )
    return votes


def _material_note(overlap: Overlap) -> list[str]:
    """What each side adds to the shared text (not a vote: a copy may add as well as cut)."""
    notes = []
    for name, share in (("A", overlap.share_a), ("B", overlap.share_b)):
        if 0.0 < share["unique"] < 1.0:
            notes.append(f"{share['unique']:.0%} of {name} is not found in the other text.")
    return notes


def _dateline(article: Article) -> str | None:
    return next((x.text for x in article.attribution if x.kind == "dateline"), None)


def _containment_votes(overlap: Overlap, settings: DirectionSettings) -> list[Vote]:
    """A copy usually keeps less than the original: the text more fully found in the other is the copy."""
    gap = overlap.containment_a_in_b - overlap.containment_b_in_a
    if abs(gap) < settings.containment_gap:
        return []
    if gap > 0:
        return [
            Vote(
                -settings.containment_weight,
                f"A is mostly inside B ({overlap.containment_a_in_b:.0%} vs {overlap.containment_b_in_a:.0%}): A looks cut down from B.",
            )
        ]
    return [
        Vote(
            settings.containment_weight,
            f"B is mostly inside A ({overlap.containment_b_in_a:.0%} vs {overlap.containment_a_in_b:.0%}): B looks cut down from A.",
        )
    ]


def _chrome_votes(a: Article, b: Article, settings: DirectionSettings) -> list[Vote]:
    chrome_a = sorted({r.reason for r in a.removed if r.reason in CHROME_REASONS})
    chrome_b = sorted({r.reason for r in b.removed if r.reason in CHROME_REASONS})
    if bool(chrome_a) == bool(chrome_b):
        return []
    if chrome_a:
        return [
            Vote(
                -settings.containment_weight,
                f"A is wrapped in aggregator page chrome ({', '.join(chrome_a)}).",
            )
        ]
    return [
        Vote(
            settings.containment_weight,
            f"B is wrapped in aggregator page chrome ({', '.join(chrome_b)}).",
        )
    ]
