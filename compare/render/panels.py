"""Stance and bias panels of a pair page, built from plain JSON-ready figures.

The measure stage fills ``PairResult.extras`` with ``{"stance": {"a": {...}, "b": {...}},
"bias": {...}}`` (a profile's ``to_dict()`` per side); this module turns each side's dict into
labelled rows. A side that is missing shows a plain "not available" statement, so the page renders
the same way before and after the stance stage exists. A ``"help"`` dict inside a side's figures,
``{field: explanation}``, becomes the rows' tooltips.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PANELS: tuple[tuple[str, str, str], ...] = (
    (
        "stance",
        "Stance",
        "How each article positions itself: voices quoted, attribution verbs, stance toward the central claim.",
    ),
    (
        "bias",
        "Bias and wording",
        "Loaded or labelling words, hedges and intensifiers, sentiment toward each actor, distinctive terms.",
    ),
)
LIST_LIMIT = 8


@dataclass(frozen=True)
class PanelRow:
    """A labelled figure of a panel, with its explanation as tooltip."""

    label: str
    value: str
    help: str = ""


@dataclass(frozen=True)
class Panel:
    """One article's side of a stance or bias panel.

    Fields:
        available: whether figures exist for this article.
        rows: PanelRow list of the figures (label, value, help).
        missing: the statement shown when nothing is available.
    """

    available: bool
    rows: list[PanelRow]
    missing: str


@dataclass(frozen=True)
class PanelPair:
    """A panel shown for both articles side by side.

    Fields:
        title: the panel heading.
        help: what the figures mean.
        a: Panel of article A.
        b: Panel of article B.
    """

    title: str
    help: str
    a: Panel
    b: Panel


def value_text(value: Any) -> str:
    """A figure as printed: floats with two decimals, lists joined, nested records compacted."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {value_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        shown = [value_text(v) for v in value[:LIST_LIMIT]]
        more = f" … and {len(value) - LIST_LIMIT} more" if len(value) > LIST_LIMIT else ""
        return "; ".join(shown) + more if shown else "none"
    return str(value)


def panel(figures: Mapping[str, Any] | None, what: str) -> Panel:
    """One side's panel from its figures; ``None`` or empty gives the "not available" statement."""
    if not figures:
        return Panel(False, [], f"{what} figures are not available for this article.")
    helps = figures.get("help", {})
    rows = [
        PanelRow(key.replace("_", " ").capitalize(), value_text(value), str(helps.get(key, "")))
        for key, value in figures.items()
        if key != "help"
    ]
    return Panel(True, rows, "")


def is_profile(figures: Any) -> bool:
    """Whether ``figures`` is a stance profile's ``to_dict()`` (voices, wording, bias, …)."""
    return isinstance(figures, Mapping) and {"voices", "bias", "speaker_shares"} <= figures.keys()


def _top(shares: Mapping[str, float], limit: int = 5) -> str:
    ranked = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return ", ".join(f"{name} {value * 100:.0f}%" for name, value in ranked) or "none"


def profile_figures(profile: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A stance profile's dict summarised into the figures of the stance and the bias panel."""
    voices = profile.get("voices", [])
    kinds = [v.get("kind", "") for v in voices]
    actors = profile.get("actor_sentiment", [])[:LIST_LIMIT]
    bias = profile.get("bias", {})
    sentences = len(bias.get("sentences", []))
    wording = profile.get("wording", [])
    stance = {
        "claim_stance": profile.get("claim_stance") or "not measured",
        "quotes": (
            f"{sum(k in ('full', 'block') for k in kinds)} direct, {kinds.count('reported')} reported, "
            f"{sum(k in ('partial', 'scare') for k in kinds)} partial or scare"
        ),
        "voices": _top(profile.get("speaker_shares", {})),
        "sentiment_toward_actors": [
            f"{a['actor']}: {a['negative']} negative, {a['neutral']} neutral, {a['positive']} positive"
            for a in actors
        ],
        "help": {
            "claim_stance": "Stance of the article toward the event's central claim (agree, disagree, discuss, unrelated).",
            "quotes": "Direct quotations and reported speech found in the text.",
            "voices": "Who speaks, by share of the article's words given to their quotes.",
            "sentiment_toward_actors": "Sentence-level sentiment toward each named person or organisation.",
        },
    }
    rates = profile.get("wording_per_1000_words", {})
    figures = {
        "mean_sentence_bias": bias.get("mean", 0.0),
        "loaded_sentences": f"{bias.get('loaded_sentences', 0)} of {sentences}",
        "wording_per_1000_words": ", ".join(f"{k} {v:.1f}" for k, v in sorted(rates.items())) or "none",
        "loaded_or_hedging_words": sorted({f"{w['text']} ({w['category']})" for w in wording})[
            : 2 * LIST_LIMIT
        ],
        "help": {
            "mean_sentence_bias": "Mean probability that a sentence is biased (0 to 1), from the shipped model.",
            "loaded_sentences": f"Sentences scored at or above {bias.get('threshold', '')}.",
            "wording_per_1000_words": "Attribution verbs, hedges, intensifiers and loaded words per 1,000 words.",
            "loaded_or_hedging_words": "The words found, with their category.",
            "left_out": "Quotes and facts the other article carries that this one does not.",
            "words_changed": "Words this article uses where the other, in the same passage, uses another.",
        },
    }
    return {"stance": stance, "bias": figures}


def _pair_figures(section: Mapping[str, Any], side: str) -> dict[str, Any]:
    """What a pair's stance section says about one side: omissions and changed labels."""
    other = "b" if side == "a" else "a"
    out: dict[str, Any] = {}
    missing = (section.get("omissions") or {}).get(side)
    if missing:
        speakers = ", ".join(missing.get("speakers_missing_quotes", []))
        quotes, facts = missing.get("quotes", 0), missing.get("facts", 0)
        out["left_out"] = f"{quotes} quote{'s' * (quotes != 1)}, {facts} fact{'s' * (facts != 1)}" + (
            f" (quotes of {speakers})" if speakers else ""
        )
    changes = section.get("labelling_differences") or []
    if changes:
        out["words_changed"] = [f"{c[f'{side}_text']} ↔ {c[f'{other}_text']}" for c in changes]
    return out


def panel_pairs(extras: Mapping[str, Any]) -> list[PanelPair]:
    """The stance and bias panels of a pair, from ``PairResult.extras``.

    ``extras["stance"][side]`` may be a stance profile's ``to_dict()``: it then fills both the
    stance and the bias panel of that side.
    """
    figures: dict[str, dict[str, Any]] = {key: dict(extras.get(key) or {}) for key, _, _ in PANELS}
    section = extras.get("stance") or {}
    for side, profile in section.items():
        if is_profile(profile):
            summary = profile_figures(profile)
            figures["stance"][side] = summary["stance"]
            figures["bias"][side] = summary["bias"] | _pair_figures(section, side)
    pairs = []
    for key, title, help_ in PANELS:
        sides = figures[key]
        pairs.append(PanelPair(title, help_, panel(sides.get("a"), title), panel(sides.get("b"), title)))
    return pairs
