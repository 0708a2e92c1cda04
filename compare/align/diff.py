"""Word-level alignment inside a copied passage: the edit script and its similarity."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Literal

from compare.model import Edit, Passage, Span
from compare.normalise import Token

OPS: dict[str, Literal["replace", "insert", "delete"]] = {
    "replace": "replace",
    "insert": "insert",
    "delete": "delete",
}


def copied_passage(a_text: str, b_text: str, a_tokens: list[Token], b_tokens: list[Token]) -> Passage:
    """A verbatim or edited passage from corresponding token stretches of A and B."""
    a_norm = [t.norm for t in a_tokens]
    b_norm = [t.norm for t in b_tokens]
    matcher = SequenceMatcher(None, a_norm, b_norm, autojunk=False)
    edits: list[Edit] = []
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        a_span = _span(a_tokens, i0, i1)
        b_span = _span(b_tokens, j0, j1)
        edits.append(
            Edit(
                OPS[tag],
                a_span,
                b_span,
                a_text[a_span.start : a_span.end],
                b_text[b_span.start : b_span.end],
            )
        )
    matched = sum(block.size for block in matcher.get_matching_blocks())
    similarity = 2.0 * matched / (len(a_norm) + len(b_norm)) if a_norm or b_norm else 1.0
    return Passage(
        kind="edited" if edits else "verbatim",
        a=Span(a_tokens[0].start, a_tokens[-1].end),
        b=Span(b_tokens[0].start, b_tokens[-1].end),
        similarity=min(1.0, similarity),
        edits=tuple(edits),
    )


def _span(tokens: list[Token], i0: int, i1: int) -> Span:
    """Characters of tokens[i0:i1]; an empty range sits where the insertion happens."""
    if i0 < i1:
        return Span(tokens[i0].start, tokens[i1 - 1].end)
    at = tokens[i0].start if i0 < len(tokens) else tokens[-1].end
    return Span(at, at)
