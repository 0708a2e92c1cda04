"""Actors named in a text: people and organisations, their canonical names, titles and sides.

Names are folded for matching (Sergei/Sergey, Anthony/Antony through ``normalise_word``) and keyed
by surname, so "Sergei Lavrov", "Sergey Lavrov" and "Lavrov" are one actor. Titles ("Russian
Foreign Minister") are remembered so a later "the Russian Foreign Minister" resolves to the
person; the side is the country a title or organisation names, only where the text gives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from compare.measure.stance.lexicon import wordset
from compare.normalise import normalise_word

# Capitalised words that are titles or descriptors, not parts of a personal name.
TITLE_WORDS = wordset(
    "president prime minister foreign deputy secretary state spokesperson spokesman spokeswoman "
    "ambassador envoy chancellor senator representative governor general chief head director "
    "press official diplomat defense defence top first vice permanent special adviser advisor "
    "assistant mr mrs ms dr sir lord former acting senior national security council of the "
    "leader chairman chairwoman commander minister's secretary-general mayor king queen prince "
    "pope judge professor prof analyst expert colonel captain lieutenant sheriff attorney "
    "archbishop bishop rabbi imam sen rep gov gen col capt lt justice speaker premier "
    "commissioner prosecutor lawyer presiding"
)
# Nationality adjectives and country names -> the side they name.
SIDES: dict[str, str] = {
    "russian": "Russia",
    "russia": "Russia",
    "moscow": "Russia",
    "kremlin": "Russia",
    "soviet": "Russia",
    "us": "US",
    "u.s.": "US",
    "american": "US",
    "america": "US",
    "washington": "US",
    "pentagon": "US",
    "ukrainian": "Ukraine",
    "ukraine": "Ukraine",
    "kiev": "Ukraine",
    "chinese": "China",
    "china": "China",
    "beijing": "China",
    "british": "UK",
    "uk": "UK",
    "london": "UK",
    "german": "Germany",
    "germany": "Germany",
    "berlin": "Germany",
    "french": "France",
    "france": "France",
    "paris": "France",
    "iranian": "Iran",
    "iran": "Iran",
    "tehran": "Iran",
    "nato": "NATO",
    "eu": "EU",
    "european": "EU",
    "brussels": "EU",
    "israeli": "Israel",
    "israel": "Israel",
    "turkish": "Turkey",
    "turkey": "Turkey",
    "ankara": "Turkey",
    "un": "UN",
}
# Words of country names that are not nationality adjectives ("United States", "United Kingdom"):
# a name made only of these and SIDES words is a country, standing for its government, not a person.
COUNTRY_WORDS = wordset("united states kingdom nations union federation republic emirates arabia korea")
COUNTRY_SIDES = {
    "united states": "US",
    "united kingdom": "UK",
    "united nations": "UN",
    "european union": "EU",
}


def is_title(word: str) -> bool:
    """A title word, singular or plural ("Presidents Joe Biden and Vladimir Putin")."""
    return word in TITLE_WORDS or (word.endswith("s") and word[:-1] in TITLE_WORDS)


# Organisation heads: a capitalised phrase ending in one of these is an organisation.
ORG_HEADS = wordset(
    "ministry department kremlin pentagon house office service government embassy agency "
    "committee commission council parliament duma senate congress administration army navy "
    "nato un eu court police cabinet bureau mission delegation"
)
# Capitals used as metonyms for governments ("Moscow has repeatedly denied").
CAPITALS = frozenset(
    [
        "moscow",
        "washington",
        "kiev",
        "beijing",
        "london",
        "brussels",
        "tehran",
        "berlin",
        "paris",
        "ankara",
        "minsk",
    ]
)
# Common nouns that refer back to a person speaker ("the top Russian diplomat said").
PERSON_ROLES = wordset(
    "minister diplomat official head spokesperson spokesman spokeswoman president secretary "
    "ambassador envoy chancellor leader chief senator lawmaker politician officer adviser "
    "judge mayor governor commissioner prosecutor chairman chairwoman director deputy lawyer"
)
# Common nouns that refer back to an organisation ("the statement said").
ORG_ROLES = wordset("ministry department statement office agency government service")


@dataclass
class Actor:
    """One person or organisation with every surface form seen."""

    key: str
    name: str
    kind: str  # "person" or "organisation"
    titles: set[str] = field(default_factory=set)
    side: str | None = None


def _fold(text: str) -> list[str]:
    return [normalise_word(w) for w in regex.findall(r"[\p{L}\p{M}.'’-]+", text)]


def _canonical(words: list[str]) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words)


def side_of(words: list[str]) -> str | None:
    """The country or bloc a title or name names, if any."""
    if "white house" in " ".join(words).casefold():
        return "US"
    for w in words:
        w = w.strip(".").casefold()
        if w in SIDES:
            return SIDES[w]
    return None


@dataclass
class ActorBook:
    """The actors of one text, filled in reading order, with who spoke last."""

    actors: dict[str, Actor] = field(default_factory=dict)
    last_person: str | None = None
    last_org: str | None = None
    last_person_speaker: str | None = None
    last_org_speaker: str | None = None
    # A person first named in full since the last quote ("Trade Commissioner Ilsa Marrow
    # described ...") is who a following "she said" refers to, not the previous speaker.
    introduced: str | None = None

    def mention(self, phrase: str) -> Actor | None:
        """Register a capitalised phrase (title + name, or organisation); return its actor."""
        folded = _fold(phrase)
        if not folded:
            return None
        country = all(w in COUNTRY_WORDS or w in SIDES or w == "the" for w in folded) and any(
            w in COUNTRY_WORDS for w in folded
        )
        if folded[-1] in ORG_HEADS or (len(folded) == 1 and folded[0] in CAPITALS) or country:
            start = next((i for i, w in enumerate(folded) if w not in SIDES or w in ORG_HEADS), 0)
            words = [w for w in folded[start:] if w != "the"] or folded
            key = " ".join(words)
            actor = self.actors.setdefault(key, Actor(key, _canonical(words), "organisation"))
            actor.side = actor.side or COUNTRY_SIDES.get(key) or side_of(folded)
            self.last_org = key
            return actor
        split = len(folded)
        while split > 0 and not is_title(folded[split - 1]) and folded[split - 1] not in SIDES:
            split -= 1
        name, title = folded[split:], folded[:split]
        if not name:
            return self.resolve_role(title, "person")
        key = name[-1]
        known = self.actors.get(key)
        if known is None:
            known = self.actors[key] = Actor(key, _canonical(name), "person")
            self.introduced = key
        elif len(name) > len(known.name.split()):
            known.name = _canonical(name)
        actor = known
        if title:
            actor.titles.add(" ".join(w for w in title if w != "the"))
            actor.side = actor.side or side_of(title)
        self.last_person = key
        return actor

    def resolve_role(self, words: list[str], kind: str) -> Actor | None:
        """Resolve "the Russian Foreign Minister" / "the statement" to an actor already named."""
        wanted = {w for w in words if w not in {"the", "a", "an", "of", "top"}}
        if kind == "person":
            best = None
            for actor in self.actors.values():
                for title in actor.titles:
                    tw = set(title.split())
                    role = wanted & PERSON_ROLES
                    if role and role <= tw and (wanted - PERSON_ROLES) <= tw | set(SIDES):
                        best = actor
            if best is not None:
                return best
            key = self.last_person_speaker or self.last_person
        else:
            key = self.last_org_speaker or self.last_org
        return self.actors.get(key) if key else None

    def pronoun(self, word: str) -> Actor | None:
        """The actor a pronoun (he, she, it, they) refers to: the last speaker of that kind."""
        w = word.casefold()
        if w in {"he", "she", "him", "her"}:
            key = self.introduced or self.last_person_speaker or self.last_person
        elif w in {"it", "they"}:
            key = self.last_org_speaker or self.last_org
            if w == "they" and key is None:
                key = self.last_person_speaker
        else:
            key = None
        return self.actors.get(key) if key else None

    def spoke(self, actor: Actor) -> None:
        """Remember ``actor`` as the latest speaker of its kind."""
        self.introduced = None
        if actor.kind == "person":
            self.last_person_speaker = actor.key
        else:
            self.last_org_speaker = actor.key
