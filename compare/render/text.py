"""Plain-text summary of a pair, for terminals."""

from __future__ import annotations

from compare.model import PairResult


def pair_text(result: PairResult) -> str:
    """A short readable account of a pair's relation, direction, overlap and passages."""
    o = result.overlap
    d = result.direction
    lines = [
        f"A: {result.a.name} ({result.a.outlet or 'unknown outlet'}, {result.a.date or 'undated'})",
        f"B: {result.b.name} ({result.b.outlet or 'unknown outlet'}, {result.b.date or 'undated'})",
        f"Relation: {result.relation}",
        f"Source: {d.source or 'unknown'} (confidence {d.confidence:.0%})",
        *[f"  - {item}" for item in d.evidence],
        f"Containment A in B: {o.containment_a_in_b:.0%}   B in A: {o.containment_b_in_a:.0%}   Jaccard: {o.jaccard:.2f}",
        f"Longest common passage: {o.longest_common_words} words",
        "Passages:",
    ]
    for p in result.passages:
        if p.kind == "unique":
            continue
        assert p.a is not None and p.b is not None
        excerpt = " ".join(result.a.text[p.a.start : p.a.end].split())[:90]
        lines.append(
            f"  {p.kind:<10} {p.similarity:5.0%}  A[{p.a.start}:{p.a.end}] B[{p.b.start}:{p.b.end}]  {excerpt}"
        )
    return "\n".join(lines)
