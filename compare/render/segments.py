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
    tip: str = ""

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
    tips = {pid: _tip(pid, p) for pid, p in zip(ids, passages, strict=True)}
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
        tip = tips[outer[3]] if anchor else ""
        segments.append(Segment(text[start:end], outer[2], outer[3], changed, anchor, tip))
    return segments


def _tip(pid: str, passage: Passage) -> str:
    """Tooltip of a passage's first segment: its id, kind and similarity."""
    if passage.kind == "unique":
        return f"{pid}: only on this side"
    quote = ", a quotation" if passage.is_quote else ""
    return f"{pid}: {passage.kind}{quote}, {passage.similarity * 100:.0f}% similar"


def _covering(
    marks: list[tuple[int, int, str, str, bool]], starts: list[int], at: int
) -> list[tuple[int, int, str, str, bool]]:
    """Marks containing position ``at`` (marks are sorted by start; passages rarely nest deeply)."""
    last = bisect_right(starts, at)
    return [m for m in marks[max(0, last - 64) : last] if at < m[1]]


@dataclass(frozen=True)
class Piece:
    """A word-level diff piece: text and its class (``same``, ``del`` from A, ``ins`` from B)."""

    text: str
    css: str


def diff_pieces(passage: Passage, a_text: str) -> list[Piece]:
    """The A side of an edited passage with each edit shown as deleted words then inserted words."""
    if passage.a is None:
        return []
    pieces: list[Piece] = []
    at = passage.a.start
    for edit in sorted(passage.edits, key=lambda e: (e.a.start, e.b.start)):
        if edit.a.start > at:
            pieces.append(Piece(a_text[at : edit.a.start], "same"))
        if edit.a_text:
            pieces.append(Piece(edit.a_text, "del"))
        if edit.b_text:
            pieces.append(Piece(edit.b_text, "ins"))
        at = max(at, edit.a.end)
    if at < passage.a.end:
        pieces.append(Piece(a_text[at : passage.a.end], "same"))
    return pieces
