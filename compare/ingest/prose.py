"""Text that is plain prose already (a feed record's ``text``): nothing for a page-chrome cleaner.

A wire export or a scraper's output gives each story's body as paragraphs of sentences. Running
the page-dump cleaner on it costs most of the ingest time and can only lose text, so a record
whose every line is a sentence-ended paragraph, and whose short lines break no chrome rule, is
taken as given. Anything else (a menu line, a headline, a byline, a hard-wrapped dump, "Share
this article") goes through the cleaner as before.
"""

from __future__ import annotations

from compare.ingest.clean import BYLINE
from compare.ingest.rules import rule_reason
from compare.normalise import CASELESS_STOPS, CLOSERS, STOPS
from compare.settings import DEFAULT_SETTINGS

SENTENCE_STOPS = frozenset(STOPS + CASELESS_STOPS)


def plain_paragraphs(text: str) -> tuple[str, ...] | None:
    """The paragraphs (non-blank lines, stripped) of a text that is plain prose, else ``None``."""
    settings = DEFAULT_SETTINGS
    paragraphs = tuple(line for raw in text.splitlines() if (line := raw.strip()))
    if not paragraphs:
        return None
    for paragraph in paragraphs:
        if paragraph.rstrip(CLOSERS)[-1:] not in SENTENCE_STOPS:
            return None
        words = paragraph.count(" ") + 1
        if words < settings.plain_min_words:
            return None
        if words < settings.plain_checked_words and (rule_reason(paragraph) or BYLINE.match(paragraph)):
            return None
    return paragraphs
