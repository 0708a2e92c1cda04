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


def panel_pairs(extras: Mapping[str, Any]) -> list[PanelPair]:
    """The stance and bias panels of a pair, from ``PairResult.extras``."""
    pairs = []
    for key, title, help_ in PANELS:
        sides = extras.get(key) or {}
        pairs.append(PanelPair(title, help_, panel(sides.get("a"), title), panel(sides.get("b"), title)))
    return pairs
