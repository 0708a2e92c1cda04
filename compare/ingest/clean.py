"""Plain-text page dumps to body paragraphs, every removed line kept with its reason.

Three passes, as jusText does for HTML (Pomikálek 2011), adapted to text without markup:
1. rules for the obvious chrome (share prompts, teasers and the stories they announce, credits,
   timestamps, lines repeated within the page, lines a corpus pass learned to be site template);
2. each remaining paragraph classified by length and stopword density in the page's language;
3. short and borderline paragraphs decided by their neighbours, so a short line inside the body
   stays and a run of menu entries goes.
Hard-wrapped lines are joined first, so a wrapped paragraph is judged as a whole.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate

import regex

from compare.ingest.dates import parse_date
from compare.ingest.language import (
    SAMPLE_CHARS,
    SAMPLE_WORDS,
    language_of_words,
    language_sample,
    letter_words,
    stoplist,
    words_of,
)
from compare.ingest.rules import LIST_OPENER, TEASER_OPENER, rule_reason
from compare.model import Removed
from compare.normalise import CASELESS_STOPS, CLOSERS, CONTENT_WORD_CHARS, STOPS
from compare.settings import DEFAULT_SETTINGS

# The cleaner's calibrated thresholds (their meanings and how to re-measure them: settings.py).
CLEANER = DEFAULT_SETTINGS.cleaner
# Teasers inside the body, after which the body resumes: they do not end the article.
INLINE_REASONS = frozenset({"teaser", "teaser (another story)"})
# Comment sections, share prompts, tags and subscribe prompts: what follows them (with
# ``end_share`` of the body above) is not the article.
END_REASONS = frozenset({"comment widget", "share prompt", "tags", "subscribe prompt"})
# Hard wrapping: the longest line is at most this wide and most long lines come close to it.
WRAP_MIN_WIDTH, WRAP_MAX_WIDTH, WRAP_SLACK = 40, 120, 15
# Failing ``title_min_overlap``, a line this long sharing this share of words is still a headline
# (a pun, a quote).
TITLE_FALLBACK_OVERLAP, TITLE_FALLBACK_WORDS = 0.1, 5
# Ends searched from the end (regex.REVERSE): their match can only end there, so the search need
# not try every start; the same answer.
SENTENCE_END = regex.compile(rf"[{STOPS}{CASELESS_STOPS}][{CLOSERS}]*$", regex.REVERSE)
DIGITS = regex.compile(r"\d+")
DIGIT = re.compile(r"\d")
CLAUSE_END = regex.compile(r"[.!?…:;][\"'”’»)\]]*$", regex.REVERSE)
TIMESTAMP_REST = regex.compile(
    r"(?i)^[\s,.:|\-–—()]*((published|updated|posted|last updated|date|on|at|am|pm|utc|gmt|msk"
    r"|опубликовано|обновлено|в)\b|[\d:+\-–—.,/\s()]|(mon|tue|wed|thu|fri|sat|sun)\w*)*$"
)
BYLINE = regex.compile(r"^([Bb]y|[Ww]ritten by|[Aa]uthor:|[Аа]втор:?)\s+(?P<who>\p{Lu}[\w.'\- ,&]{1,80})$")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a page dump and the 1-based raw line numbers it came from."""

    text: str
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Cleaned:
    """Body paragraphs, the headline, the page's language and what was removed, with reasons."""

    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removed, ...]
    title: Paragraph | None = None
    language: str | None = None
    byline: str | None = None
    timestamp: str | None = None

    @property
    def text(self) -> str:
        """The body, paragraphs separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


def clean_text(raw: str, language: str | None = None, template: Collection[str] = frozenset()) -> Cleaned:
    """Keep the body paragraphs of a page dump; record every removed line with its reason.

    ``template`` holds normalised lines a corpus pass found repeated across the site's pages.
    """
    paragraphs = join_wrapped(raw)
    language = language or page_language(raw, paragraphs)
    reasons: list[str | None] = [_first_reason(p.text, template) for p in paragraphs]
    _mark_teasers(paragraphs, reasons)
    _mark_captions(paragraphs, reasons)
    _mark_repeats(paragraphs, reasons)
    # With no stoplist for the language (or none detected) jusText's language-independent
    # mode applies: an empty stoplist, so length alone decides.
    stopwords = stoplist(language) if language else frozenset()
    classes = _classify(paragraphs, reasons, stopwords)
    first_body = next((i for i, c in enumerate(classes) if c == "good"), len(paragraphs))
    title_index = _choose_title(paragraphs, reasons, classes, first_body, stopwords)
    if title_index == first_body:
        first_body = next(
            (i for i, c in enumerate(classes) if c == "good" and i > title_index), len(paragraphs)
        )
    kept: list[Paragraph] = []
    removed: list[Removed] = []
    byline = timestamp = None
    last_body = max((i for i, c in enumerate(classes) if c == "good"), default=len(paragraphs))
    for index, (paragraph, reason, cls) in enumerate(zip(paragraphs, reasons, classes, strict=True)):
        if index == title_index:
            removed.append(Removed(paragraph.text, "headline (kept as title)"))
        elif reason:
            removed.append(Removed(paragraph.text, reason))
            byline = byline or (paragraph.text if reason.startswith("byline") else None)
            # The page's own timestamp sits above the body or just below it; dates further
            # down belong to other stories' teasers.
            near = index < first_body or index <= last_body + CLEANER.metadata_after_body
            if near and reason.startswith("timestamp"):
                timestamp = timestamp or paragraph.text
        elif cls != "good":
            why = (
                "before the article text"
                if index < first_body
                else _bad_reason(paragraph.text, index > last_body)
            )
            removed.append(Removed(paragraph.text, why))
        else:
            kept.append(paragraph)
    title = paragraphs[title_index] if title_index is not None else None
    return Cleaned(tuple(kept), tuple(removed), title, language, byline, timestamp)


def page_language(raw: str, paragraphs: list[Paragraph]) -> str | None:
    """``detect_language(raw)`` from the page's paragraphs (``join_wrapped``)."""
    return language_of_words(paragraph_sample(raw, paragraphs))


def paragraph_sample(raw: str, paragraphs: list[Paragraph]) -> list[str]:
    """``language_sample(raw)`` read from the paragraphs' words (``words_of``, which the classes
    read again): the words of the paragraphs whose lines end within the sample's characters,
    then of the rest of those characters."""
    if "\r" in raw:
        return language_sample(raw)  # the paragraphs' line numbers count the lines \r ends
    line_ends = list(accumulate(len(line) + 1 for line in raw.split("\n")))
    words: list[str] = []
    for paragraph in paragraphs:
        if len(words) >= SAMPLE_WORDS:
            break
        if line_ends[paragraph.lines[-1] - 1] - 1 <= SAMPLE_CHARS:
            words += words_of(paragraph.text)
            continue
        start = line_ends[paragraph.lines[0] - 2] if paragraph.lines[0] > 1 else 0
        words += letter_words(raw[start:SAMPLE_CHARS].lower())
        break
    return words[:SAMPLE_WORDS]


def strip_chrome(texts: list[str]) -> tuple[list[str], list[Removed]]:
    """The rules and teasers only, for text another extractor already chose (trafilatura's).

    Short lines repeated there stay: within a chosen text they are a chorus, a table's column,
    a refrain of a list, as often as they are chrome. A second copy of a long paragraph goes.
    """
    paragraphs = [Paragraph(text, (number,)) for number, text in enumerate(texts, 1)]
    reasons: list[str | None] = [_first_reason(_unbulleted(p.text), frozenset()) for p in paragraphs]
    _mark_teasers(paragraphs, reasons)
    _mark_repeats(paragraphs, reasons, short=False)
    kept = [p.text for p, reason in zip(paragraphs, reasons, strict=True) if reason is None]
    removed = [Removed(p.text, r) for p, r in zip(paragraphs, reasons, strict=True) if r]
    return kept, removed


def _unbulleted(text: str) -> str:
    """A list item without its bullet ("- Share on Facebook")."""
    return text.lstrip("-*•· ").strip() or text


def normalise_line(text: str) -> str:
    """A line folded for repeat detection: case, spacing and digits ignored."""
    return _cached_fold(text) if len(text) <= CACHED_FOLD_CHARS else _fold(text)


def _fold(text: str) -> str:
    return str(DIGITS.sub("0", " ".join(text.lower().split())))


# Lines and paragraphs up to this long are folded once: chrome lines recur on a site's every
# page, and the corpus passes fold each body paragraph again.
CACHED_FOLD_CHARS = 2000
_cached_fold = lru_cache(maxsize=8192)(_fold)


def join_wrapped(raw: str) -> list[Paragraph]:
    """Lines of a dump as paragraphs, with hard-wrapped and broken lines joined."""
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    width = _wrap_width(lines)
    paragraphs: list[Paragraph] = []
    previous = ""
    for number, line in enumerate(lines, 1):
        if not line:
            previous = ""
            continue
        if previous and _continues(previous, line, width):
            last = paragraphs[-1]
            paragraphs[-1] = Paragraph(f"{last.text} {line}", (*last.lines, number))
        else:
            paragraphs.append(Paragraph(line, (number,)))
        previous = line
    return paragraphs


def _wrap_width(lines: list[str]) -> int | None:
    """The width a dump was hard-wrapped at: most long lines end just short of it, few pass it."""
    long = sorted(len(line) for line in lines if len(line) >= 30)
    if len(long) < 4:
        return None
    best: tuple[int, int] | None = None
    for width in sorted(set(long)):
        if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
            continue
        near = sum(1 for n in long if width - WRAP_SLACK <= n <= width)
        over = sum(1 for n in long if n > width)
        if over <= CLEANER.wrap_max_over * len(long) and near >= max(3, 0.4 * len(long)):
            best = max(best or (near, width), (near, width))
    return best[1] if best else None


def _continues(previous: str, line: str, width: int | None) -> bool:
    first_word = line.split(maxsplit=1)[0]
    if (
        width
        and len(previous) <= width
        and len(previous) + 1 + len(first_word) > width
        and not rule_reason(line)
    ):
        return True
    return len(previous) > 30 and line[:1].islower() and not CLAUSE_END.search(previous)


def _first_reason(text: str, template: Collection[str]) -> str | None:
    if template and normalise_line(text) in template:
        return "repeated across pages of the site"
    reason = rule_reason(text)
    if reason:
        return reason
    if len(text) < 60 and BYLINE.match(text):
        return "byline (metadata)"
    if len(text) < 60 and DIGIT.search(text):
        date = parse_date(text)
        if date and TIMESTAMP_REST.match(text.replace(date.text, " ")):
            return "timestamp (metadata)"
    return None


def _mark_teasers(paragraphs: list[Paragraph], reasons: list[str | None]) -> None:
    """After "Read also" on its own line, other stories' headline and lead until the body resumes."""
    index = 0
    while index < len(paragraphs):
        text = paragraphs[index].text
        if len(text) < CLEANER.opener_max_chars and TEASER_OPENER.match(text):
            reasons[index] = "teaser"
            taken = 0
            index += 1
            while index < len(paragraphs) and taken < CLEANER.teaser_max_paragraphs:
                following = paragraphs[index].text
                if reasons[index] is None and SENTENCE_END.search(following):
                    break
                reasons[index] = reasons[index] or "teaser (another story)"
                taken += 1
                index += 1
            continue
        if len(text) < CLEANER.opener_max_chars and LIST_OPENER.match(text):
            reasons[index] = "list of other stories"
            index += 1
            while (
                index < len(paragraphs)
                and paragraphs[index].lines[0] == paragraphs[index - 1].lines[-1] + 1
                and _list_item(paragraphs[index].text)
            ):
                reasons[index] = reasons[index] or "list of other stories"
                index += 1
            continue
        index += 1


def _mark_captions(paragraphs: list[Paragraph], reasons: list[str | None]) -> None:
    """The line after a bare "Image caption," marker is the caption itself."""
    for index in range(len(paragraphs) - 1):
        marker = paragraphs[index].text
        if reasons[index] == "photo caption" and marker.rstrip().endswith((",", ":")) and len(marker) < 40:
            reasons[index + 1] = reasons[index + 1] or "photo caption"


def _list_item(text: str) -> bool:
    return len(text) < CLEANER.length_high and not SENTENCE_END.search(text)


def _mark_repeats(paragraphs: list[Paragraph], reasons: list[str | None], short: bool = True) -> None:
    """Short lines seen twice in a page are chrome (with ``short``); a long one seen again is a
    teaser's copy."""
    keys = [normalise_line(p.text) for p in paragraphs]
    counts = Counter(keys)
    seen: set[str] = set()
    for index, (paragraph, key) in enumerate(zip(paragraphs, keys, strict=True)):
        if counts[key] > 1 and reasons[index] is None:
            if len(paragraph.text) < CLEANER.length_low:
                reasons[index] = "repeated within the page" if short else None
            elif key in seen:
                reasons[index] = "duplicate paragraph"
        seen.add(key)


def _classify(paragraphs: list[Paragraph], reasons: list[str | None], stopwords: frozenset[str]) -> list[str]:
    """jusText's classes with its context rules; paragraphs removed by rules are left out."""
    classes = ["bad"] * len(paragraphs)
    live = [i for i, reason in enumerate(reasons) if reason is None]
    initial = {i: _context_free(paragraphs[i].text, stopwords) for i in live}
    order = [initial[i] for i in live]
    if "good" not in order:
        # A short article has no paragraph long enough to be "good": its prose anchors itself,
        # and failing prose, its longest paragraphs do (a text the stoplist does not fit).
        # A news brief of one or two sentences is an article: its sentences anchor it too.
        order = [
            "good"
            if cls == "near-good" or (cls == "short" and _sentence(paragraphs[i].text, stopwords))
            else cls
            for i, cls in zip(live, order, strict=True)
        ]
        if "good" not in order:
            order = [
                "good" if len(paragraphs[i].text) >= CLEANER.length_low else cls
                for i, cls in zip(live, order, strict=True)
            ]
    resolved = _resolve(_prose_runs(order))
    for i, cls in zip(live, resolved, strict=True):
        classes[i] = cls
    _drop_detached_tail(classes, initial, paragraphs, reasons, stopwords)
    _drop_below_end(classes, paragraphs, reasons)
    return classes


def _drop_below_end(classes: list[str], paragraphs: list[Paragraph], reasons: list[str | None]) -> None:
    """Nothing below an END_REASONS line with ``end_share`` of the body above it is the article."""
    total = sum(len(p.text) for p, c in zip(paragraphs, classes, strict=True) if c == "good")
    above = 0
    for i, (paragraph, cls) in enumerate(zip(paragraphs, classes, strict=True)):
        if reasons[i] in END_REASONS and above >= CLEANER.end_share * total > 0:
            classes[i:] = ["bad"] * (len(classes) - i)
            return
        if cls == "good":
            above += len(paragraph.text)


def _prose_runs(classes: list[str]) -> list[str]:
    """Consecutive near-good paragraphs are body: news told in one-sentence paragraphs.

    jusText keeps a near-good paragraph only beside a good one, so a lead of short paragraphs
    above a photo caption or an embedded post went with the page's top edge.
    """
    result = list(classes)
    start = 0
    while start < len(classes):
        end = start
        while end < len(classes) and classes[end] == "near-good":
            end += 1
        if end - start >= CLEANER.prose_run:
            result[start:end] = ["good"] * (end - start)
        start = end + 1
    return result


def _drop_detached_tail(
    classes: list[str],
    initial: dict[int, str],
    paragraphs: list[Paragraph],
    reasons: list[str | None],
    stopwords: frozenset[str],
) -> None:
    """Prose after a long run of chrome below the body is a footer (an "about us" blurb),
    unless it continues the article (see ``_continues_body``): then the run of chrome goes alone."""
    good = [i for i, c in enumerate(classes) if c == "good"]
    body: set[str] = set()
    gap = above = 0
    first = good[0] if good else len(classes)
    since = first  # where the paragraphs below the last prose start
    for i in range(first, len(classes)):
        if initial.get(i) in ("good", "near-good"):
            if gap >= CLEANER.tail_gap:
                if not _continues_body(body, above, initial, paragraphs, stopwords, i):
                    classes[since:] = ["bad"] * (len(classes) - since)
                    return
                classes[since:i] = ["bad"] * (i - since)
            gap, since = 0, i + 1
        elif reasons[i] not in INLINE_REASONS:
            gap += 1
        if classes[i] == "good" and initial.get(i) in ("good", "near-good"):
            body.update(words_of(paragraphs[i].text))
            above += len(words_of(paragraphs[i].text))


def _continues_body(
    body: set[str],
    above: int,
    initial: dict[int, str],
    paragraphs: list[Paragraph],
    stopwords: frozenset[str],
    start: int,
) -> bool:
    """Is the prose from ``start`` on long (or as long as the ``above`` words of body), or about
    what the ``body`` words above are about?"""
    tail: list[str] = []
    for j in range(start, len(paragraphs)):
        if initial.get(j) in ("good", "near-good"):
            tail += words_of(paragraphs[j].text)
            if len(tail) >= min(CLEANER.tail_body_words, above):
                return True
    content = [w for w in tail if len(w) >= CONTENT_WORD_CHARS and w not in stopwords]
    return sum(1 for w in content if w in body) >= CLEANER.tail_topic_share * len(content) > 0


def _context_free(text: str, stopwords: frozenset[str]) -> str:
    words = words_of(text)
    if not words:
        return "bad"
    density = sum(map(stopwords.__contains__, words)) / len(words)
    if len(text) < CLEANER.length_low:
        # Without a stoplist for the language, density says nothing; a caseless script (Arabic,
        # Devanagari, Han) has no capital to open a sentence with.
        opening = text[:1]
        first_word = text.split(maxsplit=1)[0]
        # A sentence opens with a capital, a quote, a caseless letter, or a name whose particle
        # is lower case ("al-Britani", "d'Alema", "iPhone").
        opens = (
            opening.isupper()
            or opening in "\"“«'‘„"
            or (opening.isalpha() and opening == opening.lower() == opening.upper())
            or any(c.isupper() for c in first_word[1:])
        )
        return "near-good" if opens and _sentence(text, stopwords) else "short"
    if not stopwords:
        return "good" if len(text) > CLEANER.length_high else "near-good"
    if density >= CLEANER.stopwords_high:
        return "good" if len(text) > CLEANER.length_high else "near-good"
    return "near-good" if density >= CLEANER.stopwords_low else "bad"


def _sentence(text: str, stopwords: frozenset[str]) -> bool:
    """Shaped like a sentence of prose: enough words, final punctuation, some function words."""
    words = words_of(text)
    if len(words) < CLEANER.sentence_min_words or not SENTENCE_END.search(text):
        return False
    return not stopwords or any(w in stopwords for w in words)


def _resolve(classes: list[str]) -> list[str]:
    """jusText's context-sensitive pass: short and near-good paragraphs take their neighbours' side."""
    result = list(classes)
    before, after = _neighbours(classes, {"short", "near-good"})
    before_short, after_short = _neighbours(classes, {"short"})
    for i, cls in enumerate(classes):
        if cls != "short":
            continue
        if before[i] == after[i] == "good":
            result[i] = "good"
        elif before[i] == after[i] == "bad":
            result[i] = "bad"
        elif (before[i] == "bad" and before_short[i] == "near-good") or (
            after[i] == "bad" and after_short[i] == "near-good"
        ):
            result[i] = "good"
        else:
            result[i] = "bad"
    # No short paragraph is left, and each near-good one is decided in order: the one before it
    # is decided already, the one after it is the next that was neither.
    _, after_decided = _neighbours(result, {"near-good"})
    for i, cls in enumerate(classes):
        if cls == "near-good":
            previous = result[i - 1] if i else "bad"
            result[i] = "bad" if previous == after_decided[i] == "bad" else "good"
    return result


def _neighbours(classes: list[str], skip: set[str]) -> tuple[list[str], list[str]]:
    """For each paragraph, the class of the nearest paragraph before it and after it whose class
    is not in ``skip`` ("bad" at the page's edges)."""
    before, after = ["bad"] * len(classes), ["bad"] * len(classes)
    last = "bad"
    for i, cls in enumerate(classes):
        before[i] = last
        last = last if cls in skip else cls
    last = "bad"
    for i in range(len(classes) - 1, -1, -1):
        after[i] = last
        last = last if classes[i] in skip else classes[i]
    return before, after


def _choose_title(
    paragraphs: list[Paragraph],
    reasons: list[str | None],
    classes: list[str],
    first_body: int,
    stopwords: frozenset[str],
) -> int | None:
    """The headline: the heading-shaped line above the body whose words the body uses most.

    Menu entries, taglines and site names share few words with the body; on a tie the line
    nearest the body wins. Failing one, the first body paragraph counts when it has no final
    full stop and body follows (a long headline scores as prose); failing that, the longest
    heading-shaped line sharing some words.
    """
    good = [i for i, c in enumerate(classes) if c == "good"]
    if not good:
        return None
    last = (
        first_body + 1
        if len(good) > 1 and not SENTENCE_END.search(paragraphs[first_body].text)
        else first_body
    )
    stems = _BodyStems(paragraphs, good)
    fallback: tuple[float, int, int] | None = None
    best: tuple[float, int] | None = None
    for index in [*range(min(first_body, len(paragraphs)) - 1, -1, -1), *range(first_body, last)]:
        if index >= first_body and best:
            break
        text = paragraphs[index].text
        if reasons[index] or not _heading_shaped(text):
            continue
        words = [w for w in words_of(text) if len(w) > 2 and w not in stopwords]
        if not words:
            continue
        known = stems.after_first if index == good[0] else stems.body
        score = sum(1 for w in words if _stem(w) in known) / len(words)
        if score >= CLEANER.title_min_overlap and (best is None or score > best[0]):
            best = (score, index)
        if score >= TITLE_FALLBACK_OVERLAP and len(text.split()) >= TITLE_FALLBACK_WORDS:
            fallback = max(fallback or (0.0, 0, index), (score, len(words), index))
    if best:
        return best[1]
    return fallback[2] if fallback else None


@dataclass
class _BodyStems:
    """Stems of the body's words (``good`` paragraphs), read only once a line could be a headline."""

    paragraphs: list[Paragraph]
    good: list[int]

    @cached_property
    def after_first(self) -> set[str]:
        """Stems of the body after its first paragraph."""
        return {_stem(w) for i in self.good[1:] for w in words_of(self.paragraphs[i].text)}

    @cached_property
    def body(self) -> set[str]:
        """Stems of the whole body."""
        return self.after_first | {_stem(w) for w in words_of(self.paragraphs[self.good[0]].text)}


def _heading_shaped(text: str) -> bool:
    words = text.split()
    return (
        not text[:1].islower()
        and 3 <= len(words) <= 35
        and len(text) <= 250
        and not text.endswith((",", ";", ".", ":"))
    )


def _stem(word: str) -> str:
    return word[:6]


def _bad_reason(text: str, after_body: bool) -> str:
    if after_body and len(text) >= CLEANER.length_low:
        return "below the end of the article"
    if len(text) < CLEANER.length_low:
        return "short line outside the body"
    return "few function words: not prose"
