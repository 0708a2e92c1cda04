"""Hand-built stance records for render tests."""

from __future__ import annotations

from typing import Any

from compare.model import Claim, Omissions, PairStance, StanceProfile


def stance_profile(article_id: str, **figures: Any) -> StanceProfile:
    """A stance profile with nothing found, but for ``figures``."""
    empty: dict[str, Any] = {
        "words": 120,
        "voices": (),
        "speaker_shares": {},
        "wording": (),
        "wording_rates": {},
        "actors": (),
        "bias": (),
    }
    return StanceProfile(article_id, **(empty | figures))


def pair_stance(a: StanceProfile, b: StanceProfile, **parts: Any) -> PairStance:
    """A pair's stance section toward A's claim, nothing changed or left out but for ``parts``."""
    nothing: dict[str, Any] = {
        "labelling_differences": (),
        "omissions_a": Omissions(),
        "omissions_b": Omissions(),
    }
    return PairStance(Claim("Ferries run later", a.article_id), a, b, **(nothing | parts))
