"""Cut one side's text into display segments, each tagged with the passage that covers it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from compare.model import Passage


@dataclass(frozen=True)
class Segment:
    """A run of text covered by one passage (or by none), printed as one element.

    The page carries offsets, not the text: each article's text is written once per report and the
    page's script fills every segment from it, so a report of many pairs does not repeat the texts.

    Fields:
        kind: the passage kind (its CSS class), or "plain" outside every passage.
        pid: the passage id (data-p), empty for plain text.
        start: offset of the run's first character in the article text (in code points).
        end: offset just past the run's last character.
        marks: the stretches a word-level edit changed, as (start, end) relative to ``start``.
        anchor: element id on the passage's first run ("p3"; "p3-b" on B for a shared passage).
        range: "start,end", the element's data-r.
        marked: the marks flattened, "s1,e1,s2,e2", the element's data-m (empty when none).
    """

    kind: str
    pid: str
    start: int
    end: int
    marks: tuple[tuple[int, int], ...] = ()
    anchor: str = ""

    @property
    def range(self) -> str:
        return f"{self.start},{self.end}"

    @property
    def marked(self) -> str:
        return ",".join(f"{s},{e}" for s, e in self.marks)


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
        # Where passages nest, the innermost shows: it is the more specific finding, and the outer
        # one still shows around it.
        outer = min((m for m in covering if not m[4]), key=lambda m: (m[1] - m[0], m[3]), default=None)
        changed = any(m[4] and outer and m[3] == outer[3] for m in covering)
        pid = outer[3] if outer else ""
        if not segments or segments[-1].pid != pid:
            anchor = "" if not pid or pid in seen else (pid if pid in own_anchor else f"{pid}-b")
            seen.add(pid)
            segments.append(Segment(outer[2] if outer else "plain", pid, start, start, (), anchor))
        last = segments[-1]
        changes = last.marks
        if changed:
            at, to = start - last.start, end - last.start
            joined = bool(changes) and changes[-1][1] == at
            changes = (*changes[:-1], (changes[-1][0], to)) if joined else (*changes, (at, to))
        segments[-1] = replace(last, end=end, marks=changes)
    return segments


def _covering(
    marks: list[tuple[int, int, str, str, bool]], starts: list[int], at: int
) -> list[tuple[int, int, str, str, bool]]:
    """Marks containing position ``at`` (marks are sorted by start; passages rarely nest deeply)."""
    last = bisect_right(starts, at)
    return [m for m in marks[max(0, last - 64) : last] if at < m[1]]


@dataclass(frozen=True)
class Piece:
    """A word-level diff piece.

    Fields:
        text: the words.
        css: "same", "del" (only in A) or "ins" (only in B).
        deleted: whether the words are only in A (printed as <del>).
        inserted: whether the words are only in B (printed as <ins>).
    """

    text: str
    css: str

    @property
    def deleted(self) -> bool:
        return self.css == "del"

    @property
    def inserted(self) -> bool:
        return self.css == "ins"


def diff_pieces(passage: Passage, a_text: str, limit: int | None = None) -> list[Piece]:
    """The A side of an edited passage with each edit shown as deleted words then inserted words.

    With ``limit``, the diff stops after that many edits and says how many more there are (the
    texts above the table show every one).
    """
    if passage.a is None:
        return []
    pieces: list[Piece] = []
    at = passage.a.start
    edits = sorted(passage.edits, key=lambda e: (e.a.start, e.b.start))
    shown = edits if limit is None else edits[:limit]
    for edit in shown:
        if edit.a.start > at:
            pieces.append(Piece(a_text[at : edit.a.start], "same"))
        if edit.a_text:
            pieces.append(Piece(edit.a_text, "del"))
        if edit.b_text:
            # A replacement reads "old new", not "oldnew", where the styles are not seen (copied text).
            pieces.append(Piece((" " if edit.a_text else "") + edit.b_text, "ins"))
        at = max(at, edit.a.end)
    end = passage.a.end if len(shown) == len(edits) else max(at, edits[len(shown)].a.start)
    if at < end:
        pieces.append(Piece(a_text[at:end], "same"))
    if len(shown) < len(edits):
        more = len(edits) - len(shown)
        pieces.append(Piece(f" … {more} more change{'s' * (more != 1)}", "same"))
    return pieces


def elide(pieces: list[Piece], keep: int = 40) -> list[Piece]:
    """Shorten long unchanged stretches of a diff to their ends, so the changes stand out."""
    out = []
    for piece in pieces:
        flat = " ".join(piece.text.split())
        if piece.css == "same" and len(flat) > 2 * keep + 5:
            # Cut between words: "Russian Fo … gey Lavrov" reads as nonsense.
            head = flat[:keep].rsplit(" ", 1)[0] if " " in flat[:keep] else flat[:keep]
            tail = flat[-keep:].split(" ", 1)[-1] if " " in flat[-keep:] else flat[-keep:]
            flat = f"{head} … {tail}"
        # Keep one space where the piece met its neighbours with whitespace, so words stay apart.
        lead = " " if piece.text[:1].isspace() else ""
        tail = " " if piece.text[-1:].isspace() else ""
        out.append(Piece(lead + flat + tail if flat else piece.text[:1], piece.css))
    return out
