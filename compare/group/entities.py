"""A light named-entity extractor: capitalised word sequences, known places and organisations.

Good enough to say which people, places and organisations two articles share; it is not a
tagger. Names are keyed on their normalised words (``normalise_word``), so "Sergei Lavrov" and
"Sergey Lavrov" are one entity, and a lone surname joins the full name found in the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import regex

from compare.normalise import normalise_word

EntityKind = Literal["person", "place", "organisation", "other"]

# A capitalised word (any script), optionally joined by a few lower-case connectors, e.g.
# "Ministry of Foreign Affairs", "Abu Bakr al-Baghdadi".
NAME = regex.compile(
    r"(?:\p{Lu}[\p{L}\p{M}'’-]*\.?|\p{Lu}{2,})"
    r"(?:[ \t]+(?:(?:of|the|de|al|bin|von|van|der|la|le|du)[ \t]+)*(?:\p{Lu}[\p{L}\p{M}'’-]*|\p{Lu}{2,}))*"
)
POSSESSIVE = regex.compile(r"['’]s$")

# Capitalised words that are not names: sentence openers, weekdays, months, titles.
NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "the",
        "in",
        "on",
        "at",
        "of",
        "to",
        "for",
        "by",
        "from",
        "with",
        "as",
        "and",
        "but",
        "or",
        "if",
        "so",
        "yet",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "he",
        "she",
        "it",
        "its",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "who",
        "what",
        "when",
        "where",
        "why",
        "how",
        "after",
        "before",
        "during",
        "while",
        "since",
        "until",
        "also",
        "however",
        "meanwhile",
        "according",
        "earlier",
        "later",
        "today",
        "yesterday",
        "tomorrow",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "photo",
        "video",
        "read",
        "more",
        "click",
        "news",
        "update",
        "updated",
        "breaking",
        "home",
        "share",
        "related",
        "source",
    ]
)

# Small lists that tell the kind of a name; extend them rather than guess from suffixes alone.
PLACES = frozenset(
    [
        "russia",
        "moscow",
        "usa",
        "us",
        "america",
        "united",
        "states",
        "washington",
        "ukraine",
        "kiev",
        "kyiv",
        "china",
        "beijing",
        "europe",
        "eu",
        "britain",
        "uk",
        "london",
        "france",
        "paris",
        "germany",
        "berlin",
        "iran",
        "tehran",
        "iraq",
        "baghdad",
        "syria",
        "damascus",
        "israel",
        "gaza",
        "turkey",
        "ankara",
        "japan",
        "tokyo",
        "korea",
        "north",
        "korea",
        "south",
        "korea",
        "seoul",
        "pyongyang",
        "india",
        "canada",
        "ottawa",
        "mexico",
        "libya",
        "tripoli",
        "lebanon",
        "afghanistan",
        "pakistan",
        "geneva",
        "iceland",
        "reykjavik",
        "crimea",
        "nicaragua",
        "managua",
        "egypt",
        "cairo",
        "saudi",
        "arabia",
        "qatar",
        "yemen",
        "belarus",
        "minsk",
        "poland",
        "warsaw",
        "italy",
        "rome",
        "spain",
        "madrid",
    ]
    + ["united states", "north korea", "south korea", "saudi arabia", "new york", "white house"]
)
ORGANISATIONS = frozenset(
    [
        "nato",
        "un",
        "eu",
        "tass",
        "rt",
        "reuters",
        "ap",
        "afp",
        "bbc",
        "cnn",
        "isis",
        "isil",
        "kremlin",
        "pentagon",
        "congress",
        "senate",
        "parliament",
        "who",
        "imf",
        "opec",
        "fbi",
        "cia",
        "nasa",
        "apple",
        "google",
        "facebook",
        "twitter",
        "microsoft",
        "amazon",
    ]
    + ["united nations", "state department", "foreign ministry", "european union", "islamic state"]
)
# Roles and nationalities that precede a person's name ("US Secretary of State Antony Blinken").
TITLE_WORDS = frozenset(
    [
        "russian",
        "american",
        "us",
        "u.s.",
        "british",
        "french",
        "german",
        "chinese",
        "ukrainian",
        "foreign",
        "defense",
        "defence",
        "deputy",
        "minister",
        "ministers",
        "president",
        "presidents",
        "vice",
        "prime",
        "secretary",
        "state",
        "of",
        "the",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "leader",
        "chief",
        "general",
        "head",
        "ambassador",
        "senator",
        "governor",
        "marine",
        "sergeant",
        "officer",
        "director",
        "chairman",
        "ceo",
        "former",
        "acting",
        "top",
        "envoy",
        "representative",
        "mayor",
        "king",
        "queen",
        "prince",
        "pope",
        "judge",
        "commander",
        "colonel",
        "captain",
        "lieutenant",
    ]
)
ORG_WORDS = frozenset(
    [
        "ministry",
        "department",
        "council",
        "agency",
        "committee",
        "commission",
        "party",
        "university",
        "company",
        "corp",
        "inc",
        "ltd",
        "bank",
        "army",
        "forces",
        "police",
        "court",
        "union",
        "organization",
        "organisation",
        "association",
        "institute",
        "office",
        "service",
        "news",
        "times",
        "post",
        "authority",
    ]
)


@dataclass(frozen=True)
class Entity:
    """A name found in a text: its matching key, the form first seen, and a rough kind."""

    key: str
    text: str
    kind: EntityKind


def entity_key(name: str) -> str:
    """The matching key of a name: normalised words, possessive dropped, joined by spaces."""
    words = [normalise_word(POSSESSIVE.sub("", w)).strip(".-'’") for w in name.split()]
    return " ".join(w for w in words if w)


def entity_kind(key: str) -> EntityKind:
    """A rough kind from the known lists and organisation words."""
    if key in PLACES:
        return "place"
    words = key.split()
    if key in ORGANISATIONS or ORG_WORDS.intersection(words):
        return "organisation"
    if len(words) >= 2:
        return "person"
    return "other"


@lru_cache(maxsize=65536)
def _not_name(word: str) -> bool:
    """Whether a word is never part of a name; cached because capitalised words recur a lot."""
    return normalise_word(word.rstrip(".")) in NOT_NAMES


def _trim(words: list[str]) -> list[str]:
    """Drop leading and trailing words that are not part of a name (sentence openers and such)."""
    while words and _not_name(words[0]):
        words = words[1:]
    while words and _not_name(words[-1]):
        words = words[:-1]
    return words


def _strip_titles(words: list[str]) -> list[str]:
    """Drop leading roles and nationalities while two or more words of the name remain."""
    while len(words) > 2 and normalise_word(words[0]) in TITLE_WORDS:
        words = words[1:]
    return words


def _at_sentence_start(text: str, start: int) -> bool:
    """Whether a match begins a sentence or line, where any word is capitalised."""
    before = text[max(0, start - 8) : start].rstrip(" \t\"'“‘«([-")
    return not before or before[-1] in ".!?:;\n"


def extract_entities(text: str) -> tuple[Entity, ...]:
    """Names in ``text``, one per key, sorted by key; lone surnames fold into full names."""
    found: dict[str, Entity] = {}
    for match in NAME.finditer(text):
        for key, name, lone in _names_in(match.group()):
            if lone and _at_sentence_start(text, match.start()):
                continue
            if key not in found:
                found[key] = Entity(key, name, entity_kind(key))
    return tuple(sorted(_fold_surnames(found).values(), key=lambda e: e.key))


@lru_cache(maxsize=65536)
def _names_in(matched: str) -> tuple[tuple[str, str, bool], ...]:
    """(key, name, whether it is a lone unknown word) of each name in one capitalised run.

    Cached because news repeats its names; whether a lone word starts a sentence depends on the
    text around it, so the caller decides that.
    """
    out = []
    for piece in _pieces(_strip_titles(_trim(matched.split()))):
        words = _strip_titles(_trim(piece))
        if not words:
            continue
        key = entity_key(" ".join(words))
        if len(key) < 2 or key.isdigit():
            continue
        known = key in PLACES or key in ORGANISATIONS
        out.append((key, " ".join(words).rstrip("."), len(words) == 1 and not known))
    return tuple(out)


def _pieces(words: list[str]) -> list[list[str]]:
    """Split "Name of Place" in two unless the name is an organisation ("Ministry of Defence")."""
    if "of" not in words:
        return [words]
    cut = words.index("of")
    head = {normalise_word(w) for w in words[:cut]}
    if head & ORG_WORDS:
        return [words]
    return [words[:cut], words[cut + 1 :]]


def _fold_surnames(found: dict[str, Entity]) -> dict[str, Entity]:
    """Map a one-word name to the single longer person name it ends, when there is exactly one."""
    last_words: dict[str, list[str]] = {}
    for key, entity in found.items():
        if entity.kind == "person":
            last_words.setdefault(key.rsplit(" ", 1)[-1], []).append(key)
    return {key: entity for key, entity in found.items() if " " in key or len(last_words.get(key, [])) != 1}


def entity_keys(text: str) -> frozenset[str]:
    """The set of entity keys of a text (what grouping compares)."""
    return frozenset(e.key for e in extract_entities(text))
