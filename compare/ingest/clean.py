"""Plain-text page dumps to body paragraphs: rules for obvious page chrome, every removal kept.

The rules match whole lines (a line is a paragraph in a page dump). What they remove is
returned with its reason, so a report can show what the cleaner took out.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from compare.model import Removed

CHROME_RULES: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("template placeholder", regex.compile(r"\{\{.*?\}\}|\{%.*?%\}")),
    (
        "republication notice",
        regex.compile(
            r"(?i)^(this (article|story) was originally published|originally published (at|on|by))"
        ),
    ),
    ("teaser", regex.compile(r"(?i)^(read (also|more)|see also|also (read|on) \S+|related:)")),
    (
        "share prompt",
        regex.compile(
            r"(?i)^(share( this( story| article)?)?[!:.]?$|think your friends would be interested|share on (facebook|twitter|x))"
        ),
    ),
    (
        "comment widget",
        regex.compile(
            r"(?i)^(be the first to comment|comments are closed|leave a (comment|reply)|\d+ comments?$|add comment)"
        ),
    ),
    (
        "cookie banner",
        regex.compile(
            r"(?i)(this (web)?site uses cookies|we use cookies|accept (all )?cookies|cookie (policy|settings))"
        ),
    ),
    ("breadcrumb", regex.compile(r"^\s*(home|main)\s*[/>»›]\s*\S", regex.IGNORECASE)),
    ("photo credit", regex.compile(r"^\s*(©|\(c\)|photo:|photo credit|image:)", regex.IGNORECASE)),
    ("source link", regex.compile(r"(?i)^(source|via)\s*:?\s*\S{0,60}$")),
    ("subscribe prompt", regex.compile(r"(?i)^(subscribe|sign up for|follow us on|join us on)")),
)

SHORT_LINE_WORDS = 4


@dataclass(frozen=True)
class Cleaned:
    """The body paragraphs kept and the lines removed with their reasons."""

    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def chrome_reason(line: str) -> str | None:
    """The reason a line is page chrome, or None when it may be body text."""
    for reason, pattern in CHROME_RULES:
        if pattern.search(line):
            return reason
    return None


def clean_text(raw: str) -> Cleaned:
    """Keep the body paragraphs of a page dump; record every removed line with its reason."""
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    kept: list[str] = []
    removed: list[Removed] = []
    for line in lines:
        if not line:
            continue
        reason = chrome_reason(line)
        if reason is None and _is_menu_item(line):
            reason = "navigation"
        if reason:
            removed.append(Removed(line, reason))
        else:
            kept.append(line)
    return Cleaned(tuple(_unwrap(kept)), tuple(removed))


def _is_menu_item(line: str) -> bool:
    """Short lines with no sentence punctuation, like menu entries ("Sport", "News Feed")."""
    words = line.split()
    return (
        len(words) <= SHORT_LINE_WORDS
        and not regex.search(r"[.!?:;\"“”«»]$", line)
        and (len(words) <= 2 or all(w[:1].isupper() or not w[:1].isalpha() for w in words))
    )


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines: a line not ending a sentence continues on the next."""
    paragraphs: list[str] = []
    for line in lines:
        if paragraphs and _continues(paragraphs[-1], line):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    return bool(len(previous) > 50 and not regex.search(r"[.!?…\"”»:)]$", previous) and line[:1].islower())
