"""Relation of a pair in two languages: translation, partial translation, same or different event."""

from __future__ import annotations

from compare.model import Overlap, Relation
from compare.settings import CrosslingualSettings


def translated_share(overlap: Overlap) -> float:
    """The larger of the two texts' shares of words inside translation passages."""
    return max(overlap.share_a.get("translation", 0.0), overlap.share_b.get("translation", 0.0))


def translation_relation(
    overlap: Overlap, links: int, text_cosine: float, settings: CrosslingualSettings
) -> Relation:
    """``translation`` when most of one text is a translation of the other, ``partial-translation``
    when some of it is, else ``same-event`` when the two texts' meanings are close as wholes, else
    ``different-event`` (settings.CrosslingualSettings says how each threshold was set)."""
    share = translated_share(overlap)
    if share >= settings.translation_share:
        return "translation"
    if share >= settings.partial_share and links >= settings.partial_sentences:
        return "partial-translation"
    if text_cosine >= settings.same_event_cosine:
        return "same-event"
    return "different-event"
