"""Metadata read from a page's text: datelines, attribution evidence, author and outlet."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from compare.ingest.dates import PartialDate, parse_date
from compare.ingest.outlets import (
    WIRE_SERVICES,
    canonical_outlet,
    display_name,
    name_from_domain,
    outlet_in_text,
    outlet_or_domain_in_text,
)
from compare.model import Attribution, Provenance

PLACE = r"(?P<place>\p{Lu}[\p{Lu}\p{M} .'\-]{1,40}?)"
DATELINES = (
    # MOSCOW, June 9. /TASS/.   LONDON, March 3 (Reuters) -   МОСКВА, 9 июня. /ТАСС/.
    regex.compile(
        rf"^{PLACE},\s*(?P<date>[^/()—–\n]{{3,30}}?)\s*[.,]?\s*[/(]\s*(?P<outlet>[^/()\n]{{2,30}}?)"
        r"\s*[/)]\s*[.:,]?\s*[-—–]?"
    ),
    # WASHINGTON (AP) —
    regex.compile(rf"^{PLACE}\s*\((?P<outlet>[^)\n]{{2,30}})\)\s*[-—–:]"),
    # МОСКВА, 9 июн — РИА Новости.
    regex.compile(rf"^{PLACE},\s*(?P<date>[^—–\n]{{3,30}}?)\s*[—–-]\s*(?P<outlet>[^.,\n]{{2,30}})[.,]"),
)
ALSO_ON = regex.compile(r"(?i)^also (on|in|from) (?P<outlet>[\w.\-]+)")
REPUBLICATION = regex.compile(
    r"(?i)((originally|first) (published|appeared)|republished (with permission )?(from|by))"
)
VIA = regex.compile(r"(?i)^(?P<kind>via|source|sources|источник)\s*:?\s*(?P<outlet>[\w.\- ]{2,40})?$")
CREDIT = regex.compile(r"(?:©|\(c\)|photo\s*:|фото\s*:)\s*(?P<who>.+)$", regex.IGNORECASE)
# Every kind of evidence below needs one of these (in the lowercased line, or at its start): a
# cheap substring test spares most lines the rest (plain `in` is ten times faster than a regex).
ATTRIBUTION_HINTS = ("publish", "©", "(c)", "photo", "фото")
ATTRIBUTION_STARTS = ("also ", "via", "source", "источник")
STAFF = regex.compile(r"(?i)^(?P<outlet>.+?)\s+(staff|reporters?|correspondents?|newsroom|desk)$")
# A credit inside a sentence: "…, the Meridian news agency reported.", "according to the Nordpress
# agency", "Reuters reported". A name followed by an outlet noun counts; a bare name only when it is
# a known outlet (else "Lavrov reported" would be a credit).
_OUTLET_NOUN = r"(?:news\s+agency|agency|newspaper|news\s+service|wire\s+service|wire|broadcaster|daily)"
_CREDIT_NAME = r"(?:the\s+)?(?P<who>\p{Lu}[\p{L}\p{N}&.'-]*(?:\s+\p{Lu}[\p{L}\p{N}&.'-]*){0,3})"
# The two forms are searched apart and merged (``_credit_matches``): one regex with both as
# alternatives tries both at every position and costs three times as much.
REPORTED_BY = regex.compile(
    rf"{_CREDIT_NAME}(?P<noun>\s+{_OUTLET_NOUN})?\s+(?:reported|reports|said|says|wrote)\b"
)
ACCORDING_TO = regex.compile(
    rf"\b(?i:according\s+to|reported\s+by)\s+{_CREDIT_NAME}(?P<noun>\s+{_OUTLET_NOUN})?"
)
# The verbs REPORTED_BY ends with, after a space; and how many space-separated tokens may stand
# before one in a match ("the", four name words, a two-word outlet noun).
CREDIT_VERB = regex.compile(r"\s(?:reported|reports|said|says|wrote)\b")
CREDIT_VERB_WORDS = ("report", "said", "says", "wrote")
CREDIT_TOKENS = 7
CREDIT_WINDOW = regex.compile(rf"(?r)(?P<run>\s+)(?:\S+\s+){{{CREDIT_TOKENS}}}\Z")
# The last words of the outlet nouns, and how many characters before a verb are read for its word.
OUTLET_NOUN_ENDS = frozenset({"agency", "newspaper", "service", "wire", "broadcaster", "daily"})
CREDIT_WORD_WINDOW = 80
# A paragraph is searched for a credit only when it holds one of these (a cheap test first).
CREDIT_WORDS = ("report", "according to", "agency", "newspaper", "wire", "broadcaster", "news service")
BYLINE_NAME = regex.compile(r"^(?:[Bb]y|[Ww]ritten by|[Aa]uthor:|[Аа]втор:?)\s+(?P<who>.+)$")


@dataclass(frozen=True)
class Dateline:
    """A wire dateline: its text, the outlet it names and the date it gives (often no year)."""

    text: str
    outlet: str
    date: PartialDate | None


def find_dateline(paragraphs: Iterable[str], limit: int = 4) -> Dateline | None:
    """A dateline such as ``MOSCOW, June 9. /TASS/.`` opening one of the first paragraphs."""
    for number, paragraph in enumerate(paragraphs):
        if number >= limit:
            break
        for pattern in DATELINES:
            match = pattern.match(paragraph)
            if not match:
                continue
            named = match["outlet"].strip(" .")
            outlet = canonical_outlet(named)
            if outlet is None and not (named.isupper() or len(named.split()) <= 3):
                continue
            date = parse_date(match["date"]) if "date" in match.groupdict() and match["date"] else None
            return Dateline(match.group().strip(), outlet or display_name(named), date)
    return None


def attribution_in(lines: Iterable[str]) -> list[Attribution]:
    """Evidence of origin in lines of a page: notices, teasers, source links, credits, via."""
    found: list[Attribution] = []
    for line in lines:
        text = line.strip()
        if not text or len(text) > 400 or not _attribution_hint(text.lower()):
            continue
        if REPUBLICATION.search(text):
            found.append(Attribution("republication_notice", text, outlet_or_domain_in_text(text)))
        elif match := ALSO_ON.match(text):
            found.append(Attribution("also_on", text, name_from_domain(match["outlet"].rstrip(":.,"))))
        elif match := VIA.match(text):
            kind = "via" if match["kind"].lower() == "via" else "source_link"
            who = match["outlet"]
            found.append(Attribution(kind, text, canonical_outlet(who) if who else None))
        elif (match := CREDIT.search(text)) and len(text) < 200:
            found.append(Attribution("credit", text, outlet_in_text(match["who"])))
    return found


def _attribution_hint(lowered: str) -> bool:
    return lowered.startswith(ATTRIBUTION_STARTS) or any(hint in lowered for hint in ATTRIBUTION_HINTS)


def credits_in_text(paragraphs: Iterable[str]) -> list[Attribution]:
    """Outlets a body credits in its sentences ("the Meridian news agency reported"), kind
    ``reported_by``, each outlet once, with the sentence as evidence."""
    found: dict[str, Attribution] = {}
    for paragraph in paragraphs:
        lowered = paragraph.lower()
        if not any(word in lowered for word in CREDIT_WORDS):
            continue
        for match in _credit_matches(paragraph):
            who = match["who"].strip(" .")
            known = canonical_outlet(who)
            if not (known or match["noun"]) or who.lower() in ("the", "he", "she"):
                continue
            outlet = known or display_name(who)
            start = paragraph.rfind(". ", 0, match.start()) + 1
            end = paragraph.find(". ", match.end())
            sentence = paragraph[start : end + 1 if end >= 0 else len(paragraph)].strip()
            found.setdefault(outlet, Attribution("reported_by", sentence[:300], outlet))
    return list(found.values())


def _credit_matches(paragraph: str) -> Iterator[regex.Match[str]]:
    """Matches of REPORTED_BY or ACCORDING_TO, left to right and not overlapping: what one regex
    with the two as alternatives finds (the earlier start wins, REPORTED_BY a tie)."""
    lowered = paragraph.lower()
    maybe_according = "according" in lowered or "reported" in lowered
    position = 0
    while True:
        reported = _reported_by(paragraph, position)
        according = ACCORDING_TO.search(paragraph, position) if maybe_according else None
        if according is not None and (reported is None or according.start() < reported.start()):
            match = according
        elif reported is not None:
            match = reported
        else:
            return
        yield match
        position = match.end()


def _reported_by(paragraph: str, position: int) -> regex.Match[str] | None:
    """``REPORTED_BY.search(paragraph, position)``, tried only just before each verb it needs.

    A match ends with a verb and holds at most CREDIT_TOKENS tokens before it, and a verb (in
    lower case, after a space) cannot sit inside a name, so the first verb whose window holds a
    match gives the leftmost match; most text holds no verb near a name and is never searched.
    """
    for verb in _credit_verbs(paragraph, position):
        if not _may_end_credit(paragraph, position, verb.start()):
            continue
        # Read backwards from the verb: a match starts after the space run before its tokens.
        window = CREDIT_WINDOW.search(paragraph, position, verb.start() + 1)
        start = window.end("run") if window else position
        match = REPORTED_BY.search(paragraph, start, verb.end())
        if match is not None:
            return match
    return None


def _may_end_credit(paragraph: str, position: int, verb: int) -> bool:
    """Whether the word before a verb (at ``verb``, a space) may end a REPORTED_BY match: the last
    name token holds a capital, so a word in lower case can end one only as an outlet noun ("the
    harbour master said" cannot). A word that may begin before the window read is left to the regex."""
    start = max(position, verb - CREDIT_WORD_WINDOW)
    window = paragraph[start:verb]
    words = window.split()
    if start > position and len(words) <= 1 and not window[:1].isspace():
        return True
    return bool(words) and (not words[-1].islower() or words[-1] in OUTLET_NOUN_ENDS)


def _credit_verbs(paragraph: str, position: int) -> list[regex.Match[str]]:
    """``CREDIT_VERB.finditer(paragraph, position)``, found by plain substring search first (a
    regex alternation tries every position; ``str.find`` skips to the words)."""
    starts: set[int] = set()
    for word in CREDIT_VERB_WORDS:
        found = paragraph.find(word, position + 1)
        while found >= 0:
            starts.add(found - 1)
            found = paragraph.find(word, found + 1)
    return [verb for start in sorted(starts) if (verb := CREDIT_VERB.match(paragraph, start))]


@dataclass(frozen=True)
class Byline:
    """Who a byline names: a person (author) or, for wire credits, an outlet."""

    author: str | None
    outlet: str | None


def read_byline(text: str) -> Byline:
    """A byline's author, with wire-service credits ("By Reuters") recognised as outlets."""
    match = BYLINE_NAME.match(text.strip())
    who = match["who"].strip(" .") if match else text.strip(" .")
    outlet = canonical_outlet(who)
    if outlet:
        return Byline(None, outlet)
    staff = STAFF.match(who)
    if staff:
        return Byline(None, display_name(staff["outlet"]))
    people = []
    wire = None
    for part in regex.split(r"\s*(?:,|\band\b|&|\|)\s*", who):
        named = canonical_outlet(part)
        if named:
            wire = wire or named
        elif part:
            people.append(part)
    return Byline(", ".join(people) or None, wire)


def author_from(value: str) -> Byline:
    """An author field from page metadata, with wire services recognised as outlets."""
    return read_byline(f"By {value}")


# Priority of evidence kinds when choosing the outlet a text came from.
OUTLET_EVIDENCE = ("dateline", "also_on", "republication_notice", "via", "source_link", "credit")


def origin_outlet(attribution: Iterable[Attribution]) -> tuple[str, Provenance] | None:
    """The outlet the text came from by the strongest attribution naming a known outlet."""
    found = [a for a in attribution if a.outlet]
    for kind in OUTLET_EVIDENCE:
        for item in found:
            if item.kind == kind and (kind != "credit" or item.outlet in WIRE_SERVICES):
                return str(item.outlet), Provenance("outlet", kind.replace("_", " "), item.text)
    return None
