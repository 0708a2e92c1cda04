"""Cut one side's text into display segments, each tagged with the passage that covers it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from compare.model import Passage


@dataclass(frozen=True)
class Segment:
    """A run of text shown with one style: its passage kind and id, and whether a word edit changed it."""

    text: str
    kind: str
    pid: str
    changed: bool = False
    anchor: str = ""

    @property
    def css(self) -> str:
        """CSS classes of the segment (kind, and ``chg`` inside a word-level edit)."""
        return f"{self.kind} chg" if self.changed else self.kind


def passage_ids(passages: tuple[Passage, ...]) -> list[str]:
    """Stable ids ``p1``, ``p2`` … in reading order (the permalink of each passage)."""
    return [f"p{i}" for i in range(1, len(passages) + 1)]


def side_segments(text: str, passages: tuple[Passage, ...], side: str) -> list[Segment]:
    """Segments covering all of ``text``; text outside every passage has kind ``plain``."""
    ids = passage_ids(passages)
    marks: list[tuple[int, int, str, str, bool]] = []
    own_anchor: set[str] = set()
    for pid, passage in zip(ids, passages, strict=True):
        span = passage.a if side == "a" else passage.b
        if span is None or span.start == span.end:
            continue
        if side == "a" or passage.a is None:
            own_anchor.add(pid)
        marks.append((span.start, span.end, passage.kind, pid, False))
        for edit in passage.edits:
            edit_span = edit.a if side == "a" else edit.b
            if edit_span.start < edit_span.end:
                marks.append((edit_span.start, edit_span.end, passage.kind, pid, True))
    cuts = sorted({0, len(text)} | {m[0] for m in marks} | {m[1] for m in marks})
    marks.sort(key=lambda m: (m[0], -m[1]))
    starts = [m[0] for m in marks]
    segments: list[Segment] = []
    seen: set[str] = set()
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = _covering(marks, starts, start)
        outer = next((m for m in covering if not m[4]), None)
        changed = any(m[4] and outer and m[3] == outer[3] for m in covering)
        if outer is None:
            segments.append(Segment(text[start:end], "plain", ""))
            continue
        anchor = "" if outer[3] in seen else (outer[3] if outer[3] in own_anchor else f"{outer[3]}-b")
        seen.add(outer[3])
        segments.append(Segment(text[start:end], outer[2], outer[3], changed, anchor))
    return segments


def _covering(
    marks: list[tuple[int, int, str, str, bool]], starts: list[int], at: int
) -> list[tuple[int, int, str, str, bool]]:
    """Marks containing position ``at`` (marks are sorted by start; passages rarely nest deeply)."""
    last = bisect_right(starts, at)
    return [m for m in marks[max(0, last - 64) : last] if at < m[1]]
