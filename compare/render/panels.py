"""Stance and bias panels of a pair page, built from the pair's stance section.

Each side's profile gives its figures, and the two sides become one table per panel, a row per
figure and a column per article, so a figure is labelled and explained once and read across.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from compare.model import LOADED_THRESHOLD, Omissions, PairStance, StanceProfile, WordingMatch

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
        a: article A's value.
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
    """

    title: str
    help: str
    rows: list[PanelRow]


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


def finds(wording: Sequence[WordingMatch]) -> list[Find]:
    """Wording matches grouped by word (case ignored) and category, in alphabetical order."""
    grouped: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
    for match in wording:
        grouped.setdefault((match.text.lower(), match.category), []).append(
            (match.text, match.start, match.end)
        )
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


def _finds_in(value: Any) -> tuple[Find, ...]:
    if isinstance(value, list) and value and all(isinstance(v, Find) for v in value):
        return tuple(value)
    return ()


def panel_table(
    title: str, help_: str, helps: Mapping[str, str], a: Mapping[str, Any], b: Mapping[str, Any]
) -> PanelTable:
    """One panel from each side's figures, rows in first-seen order, each labelled from its key and
    explained by ``helps``."""
    rows = [
        PanelRow(
            key.replace("_", " ").capitalize(),
            helps.get(key, ""),
            value_text(a[key]) if key in a else "—",
            value_text(b[key]) if key in b else "—",
            a_finds=_finds_in(a.get(key)),
            b_finds=_finds_in(b.get(key)),
        )
        for key in dict.fromkeys([*a, *b])
    ]
    return PanelTable(title, help_, rows)


def _top(shares: Mapping[str, float], limit: int = 5) -> str:
    ranked = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return ", ".join(f"{name} {value * 100:.0f}%" for name, value in ranked) or "none"


STANCE_HELP: dict[str, str] = {
    "claim_stance": "Stance of the article toward the event's central claim (agree, disagree, discuss, unrelated).",
    "quotes": "Direct quotations and reported speech found in the text.",
    "voices": "Who speaks, by share of the article's words given to their quotes.",
    "sentiment_toward_actors": "Sentence-level sentiment toward each named person or organisation.",
}
BIAS_HELP: dict[str, str] = {
    "mean_sentence_bias": "Mean probability that a sentence is biased (0 to 1), from the shipped model.",
    "loaded_sentences": f"Sentences scored at or above {LOADED_THRESHOLD}.",
    "wording_per_1000_words": "Attribution verbs, hedges, intensifiers and loaded words per 1,000 words.",
    "loaded_or_hedging_words": "The words found, with their category.",
    "left_out": "Quotes and facts the other article carries that this one does not.",
}


def stance_figures(profile: StanceProfile) -> dict[str, Any]:
    """The figures of a profile's stance panel: claim stance, quotes, voices, sentiment toward actors."""
    kinds = [v.kind for v in profile.voices]
    return {
        "claim_stance": profile.claim_stance or "not measured",
        "quotes": (
            f"{sum(k in ('full', 'block') for k in kinds)} direct, {kinds.count('reported')} reported, "
            f"{sum(k in ('partial', 'scare') for k in kinds)} partial or scare"
        ),
        "voices": _top(profile.speaker_shares),
        "sentiment_toward_actors": [
            f"{a.actor}: {a.negative} negative, {a.neutral} neutral, {a.positive} positive"
            for a in profile.actors
        ],
    }


def bias_figures(profile: StanceProfile) -> dict[str, Any]:
    """The figures of a profile's bias panel: sentence bias, loaded sentences, wording."""
    return {
        "mean_sentence_bias": profile.bias_mean,
        "loaded_sentences": f"{profile.loaded_sentences} of {len(profile.bias)}",
        "wording_per_1000_words": ", ".join(
            f"{CATEGORY_TEXT.get(k, k.replace('_', ' '))} {v:.1f}"
            for k, v in sorted(profile.wording_rates.items())
        )
        or "none",
        "loaded_or_hedging_words": finds(profile.wording),
    }


def left_out_text(omissions: Omissions) -> str:
    """What an article leaves out in words: "1 quote, 2 facts (quotes of Brandt)"."""
    quotes, facts = omissions.quotes, omissions.facts
    speakers = ", ".join(omissions.speakers_missing_quotes)
    text = f"{quotes} quote{'s' * (quotes != 1)}, {facts} fact{'s' * (facts != 1)}"
    return text + (f" (quotes of {speakers})" if speakers else "")


def _words_changed(stance: PairStance) -> PanelRow | None:
    """The word substitutions inside edited passages, A's word then B's, as one row across both."""
    changes = stance.labelling_differences
    if not changes:
        return None
    return PanelRow(
        "Words changed (A ↔ B)",
        "Words A uses where B, in the same passage, uses another.",
        value_text([f"{c.a_text} ↔ {c.b_text}" for c in changes]),
        "",
        joint=True,
    )


def panel_tables(stance: PairStance | None) -> list[PanelTable]:
    """The stance and bias panels of a pair from its stance section (none when not measured)."""
    if stance is None:
        return []
    tables = [
        panel_table(
            PANELS[0][1], PANELS[0][2], STANCE_HELP, stance_figures(stance.a), stance_figures(stance.b)
        ),
        panel_table(
            PANELS[1][1],
            PANELS[1][2],
            BIAS_HELP,
            bias_figures(stance.a) | {"left_out": left_out_text(stance.omissions_a)},
            bias_figures(stance.b) | {"left_out": left_out_text(stance.omissions_b)},
        ),
    ]
    changed = _words_changed(stance)
    if changed is not None:
        bias = tables[-1]
        tables[-1] = PanelTable(bias.title, bias.help, [*bias.rows, changed])
    return tables
