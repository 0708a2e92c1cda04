"""Quoted stretches of a text, found by pairing quote marks by role rather than by glyph.

Crawled text mixes straight, curly and guillemet marks and loses some: a straight mark opens when
it follows a space and precedes a word, and closes in the mirror case; a mark with spaces on both
sides is stray and ignored, so unbalanced marks drop one quote rather than shift every later
pairing. One unmarked opening is recovered: a speaker's words resumed after a dash
(‘“We have common interests,” Lavrov said. - We have intensive contacts ... dialogue. "’), where
the closing mark has no opener and a dash starts a sentence soon after the previous quote.
Both the voices (measure) and the quote alignment of a pair (align) read quotes here.
"""

from __future__ import annotations

import regex

OPENERS, CLOSERS, STRAIGHT = "“„«", "”»", '"'
QUOTE_MARKS = "“„«”»\"‘’"
MARKS = regex.compile(r'\n(?=\n)|[“„«”»"‘’]')
# A sentence opened by a dash ("said. - We have ..."): the speaker's words go on unmarked.
RESUMED = regex.compile(r"[.!?:]\s+[-—–]\s+(?=\p{Lu})")
# The attribution between a quote and its dash-resumed continuation is short ("Lavrov said.").
RESUMED_MAX_GAP = 80


def _role(text: str, i: int, mark: str) -> str | None:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if mark in OPENERS and not nxt.isspace():
        return "open"
    if mark in CLOSERS and not prev.isspace():
        return "close"
    if prev.isspace() or prev in "([—–-":
        return None if nxt.isspace() else "open"
    return "close" if nxt.isspace() or nxt in ".,;:!?)]—–-" or i + 1 == len(text) else None


def resumed_start(text: str, last_close: int | None, mark: int) -> int | None:
    """Where a dash-resumed quote closed by the opener-less mark at ``mark`` starts, if one does:
    a dash opening a sentence within RESUMED_MAX_GAP characters after the quote closed at
    ``last_close``, in the same paragraph."""
    if last_close is None or "\n\n" in text[last_close:mark]:
        return None
    dash = RESUMED.search(text, last_close, min(mark, last_close + RESUMED_MAX_GAP))
    return dash.end() if dash else None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the text inside paired quote marks (excluding the marks)."""
    return [(start, end) for start, end, _ in _quotes(text)]


def whole_quotes(text: str) -> list[tuple[int, int]]:
    """:func:`quote_spans` with each dash-resumed quote joined to the quote it continues (the
    attribution between them included): one quote, as another account gives it whole."""
    joined: list[tuple[int, int]] = []
    for start, end, resumed in _quotes(text):
        if resumed and joined:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _quotes(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, resumed after a dash) of every quote, in the order their closing marks come."""
    spans: list[tuple[int, int, bool]] = []
    opened: int | None = None
    single: int | None = None
    last_close: int | None = None
    # Only marks and paragraph breaks matter; visiting just those skips the per-character loop.
    for found in MARKS.finditer(text):
        i, ch = found.start(), found.group()[0]
        if ch == "\n" and i + 1 < len(text) and text[i + 1] == "\n":
            opened = single = last_close = None
        elif ch in OPENERS or ch in CLOSERS or ch == STRAIGHT:
            role = _role(text, i, ch)
            if role == "open":
                opened = i
            elif opened is not None and role == "close":
                if text[opened + 1 : i].strip():
                    spans.append((opened + 1, i, False))
                opened, last_close = None, i
            elif opened is None and ch not in OPENERS:
                start = resumed_start(text, last_close, i)
                if start is not None and text[start:i].strip():
                    spans.append((start, start + len(text[start:i].rstrip()), True))
                    last_close = i
        elif ch == "‘" and (i == 0 or not text[i - 1].isalnum()):
            single = i
        elif ch == "’" and single is not None and (i + 1 == len(text) or not text[i + 1].isalpha()):
            if i - single < 200 and opened is None:
                spans.append((single + 1, i, False))
            single = None
    return spans
