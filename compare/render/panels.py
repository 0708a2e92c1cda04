"""Stance and bias panels of a pair page, built from plain JSON-ready figures.

The measure stage fills ``PairResult.extras`` with ``{"stance": {"a": {...}, "b": {...}},
"bias": {...}}`` (a profile's ``to_dict()`` per side); this module turns the two sides' dicts into
one table per panel, a row per figure and a column per article, so a figure is labelled and
explained once and read across. A side that is missing shows "not available". A ``"help"`` dict
inside a side's figures, ``{field: explanation}``, becomes the rows' tooltips.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
# Wording categories as a reader says them ("said (neutral attribution)", not the JSON key).
CATEGORY_TEXT: dict[str, str] = {
    "attribution_neutral": "neutral attribution",
    "attribution_loaded": "loaded attribution",
    "hedge": "hedge",
    "intensifier": "intensifier",
    "labelling": "labelling term",
}


@dataclass(frozen=True)
class PanelRow:
    """A figure of a panel with both articles' values side by side.

    Fields:
        label: what the figure is.
        help: its explanation, shown as the label's tooltip (empty when none).
        a: article A's value ("not available" when A has no figures).
        b: article B's value, likewise.
        joint: whether the row is one value about the pair, printed across both columns (in ``a``).
        a_finds: A's value as clickable Find entries, when it lists wording matches (else empty).
        b_finds: B's likewise.
    """

    label: str
    help: str
    a: str
    b: str
    joint: bool = False
    a_finds: tuple[Find, ...] = ()
    b_finds: tuple[Find, ...] = ()


@dataclass(frozen=True)
class PanelTable:
    """A panel shown as one table, a column per article, so each figure reads across.

    Fields:
        title: the panel heading.
        help: what the figures mean.
        rows: PanelRow list.
        available: whether either article has figures (else ``missing`` is shown).
        missing: the statement shown when neither has.
    """

    title: str
    help: str
    rows: list[PanelRow]
    available: bool
    missing: str


@dataclass(frozen=True)
class Find:
    """A wording match the reader can click to light up every place it occurs in the text.

    Fields:
        text: the word and its category as printed, e.g. "claimed (attribution_loaded)".
        spans: its occurrences as flattened offsets into the article text, "s1,e1,s2,e2".
        count: how many times it occurs.
    """

    text: str
    spans: str
    count: int

    def __str__(self) -> str:
        return self.text


def finds(wording: Sequence[Mapping[str, Any]]) -> list[Find]:
    """Wording matches grouped by word (case ignored) and category, in alphabetical order."""
    grouped: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
    for match in wording:
        start, end = match["span"]
        grouped.setdefault((match["text"].lower(), match["category"]), []).append((match["text"], start, end))
    return [
        Find(
            f"{found[0][0]} ({CATEGORY_TEXT.get(category, category.replace('_', ' '))})",
            ",".join(f"{s},{e}" for _, s, e in sorted(found, key=lambda f: f[1])),
            len(found),
        )
        for (_, category), found in sorted(grouped.items())
    ]


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
        # Every item: a "… and 6 more" could not be opened.
        return "; ".join(value_text(v) for v in value) or "none"
    return str(value)


NOT_AVAILABLE = "not available"


def _finds_in(value: Any) -> tuple[Find, ...]:
    if isinstance(value, list) and value and all(isinstance(v, Find) for v in value):
        return tuple(value)
    return ()


def panel_table(
    title: str, help_: str, a: Mapping[str, Any] | None, b: Mapping[str, Any] | None
) -> PanelTable:
    """One panel from each side's figures (``None`` or empty: not available), rows in first-seen order."""
    a, b = a or {}, b or {}
    helps = {**b.get("help", {}), **a.get("help", {})}
    keys = [k for k in dict.fromkeys([*a, *b]) if k != "help"]
    rows = [
        PanelRow(
            key.replace("_", " ").capitalize(),
            str(helps.get(key, "")),
            value_text(a[key]) if key in a else (NOT_AVAILABLE if not a else "—"),
            value_text(b[key]) if key in b else (NOT_AVAILABLE if not b else "—"),
            a_finds=_finds_in(a.get(key)),
            b_finds=_finds_in(b.get(key)),
        )
        for key in keys
    ]
    missing = f"{title} figures are not available for these articles."
    return PanelTable(title, help_, rows, bool(rows), missing)


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
    actors = profile.get("actor_sentiment", [])
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
        "wording_per_1000_words": ", ".join(
            f"{CATEGORY_TEXT.get(k, k.replace('_', ' '))} {v:.1f}" for k, v in sorted(rates.items())
        )
        or "none",
        "loaded_or_hedging_words": finds(wording),
        "help": {
            "mean_sentence_bias": "Mean probability that a sentence is biased (0 to 1), from the shipped model.",
            "loaded_sentences": f"Sentences scored at or above {bias.get('threshold', '')}.",
            "wording_per_1000_words": "Attribution verbs, hedges, intensifiers and loaded words per 1,000 words.",
            "loaded_or_hedging_words": "The words found, with their category.",
            "left_out": "Quotes and facts the other article carries that this one does not.",
        },
    }
    return {"stance": stance, "bias": figures}


def _left_out(section: Mapping[str, Any], side: str) -> dict[str, Any]:
    """What the other article carries that this side does not, from the pair's stance section."""
    missing = (section.get("omissions") or {}).get(side)
    if not missing:
        return {}
    speakers = ", ".join(missing.get("speakers_missing_quotes", []))
    quotes, facts = missing.get("quotes", 0), missing.get("facts", 0)
    text = f"{quotes} quote{'s' * (quotes != 1)}, {facts} fact{'s' * (facts != 1)}"
    return {"left_out": text + (f" (quotes of {speakers})" if speakers else "")}


def _words_changed(section: Mapping[str, Any]) -> PanelRow | None:
    """The word substitutions inside edited passages, A's word then B's, as one row across both."""
    changes = section.get("labelling_differences") or []
    if not changes:
        return None
    return PanelRow(
        "Words changed (A ↔ B)",
        "Words A uses where B, in the same passage, uses another.",
        value_text([f"{c['a_text']} ↔ {c['b_text']}" for c in changes]),
        "",
        joint=True,
    )


def panel_tables(extras: Mapping[str, Any]) -> list[PanelTable]:
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
            figures["bias"][side] = summary["bias"] | _left_out(section, side)
    tables = [
        panel_table(title, help_, figures[key].get("a"), figures[key].get("b"))
        for key, title, help_ in PANELS
    ]
    changed = _words_changed(section)
    if changed is not None:
        bias = tables[-1]
        tables[-1] = PanelTable(bias.title, bias.help, [*bias.rows, changed], True, bias.missing)
    return tables
