"""Word choice: attribution verbs, hedges, intensifiers and labelling terms, with spans and rates.

The lexicons are small and written by hand for English news about politics and conflict. Each
entry is a word or phrase, matched on normalised tokens (so case, curly apostrophes and spelling
variants do not matter); an entry ending in ``*`` matches any word that starts with it.

- ``attribution_neutral``: verbs that report speech without judging it (said, told, noted).
- ``attribution_loaded``: verbs that cast doubt on, or colour, what is reported (claimed,
  admitted, insisted, alleged): the choice between "said" and "claimed" is a classic framing cue.
- ``hedge``: words that soften or distance the writer from a statement (reportedly, allegedly).
- ``intensifier``: words that amplify (extremely, dramatically, repeatedly).
- ``labelling``: terms that name a contested thing one side's way ("annexed" / "reunited",
  "regime", "separatists" / "militias", "propaganda", "war-ravaged").
"""

from __future__ import annotations

from compare.model import WordingMatch
from compare.normalise import Token, normalise_word, tokenize

LEXICONS: dict[str, tuple[str, ...]] = {
    "attribution_neutral": (
        "said", "says", "say", "told", "tells", "noted", "notes", "stated", "added", "explained",
        "announced", "reported", "according to", "remarked", "commented", "replied", "wrote",
    ),
    "attribution_loaded": (
        "claimed", "claims", "claiming", "admitted", "admits", "insisted", "insists", "alleged",
        "alleges", "conceded", "concedes", "boasted", "confessed", "asserted", "asserts",
        "acknowledged", "denied", "denies", "complained", "touted", "refused", "lashed out",
        "slammed", "blasted", "accused", "accuses", "threatened", "bragged", "whined",
        "railed", "scoffed", "pledged", "vowed",
    ),
    "hedge": (
        "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly",
        "perhaps", "may", "might", "could", "seems", "seemed", "appears", "appeared", "likely",
        "unlikely", "unconfirmed", "unverified", "so-called", "so called", "suggests",
        "suggested", "believed to", "it is unclear", "rumoured", "rumored", "presumably",
    ),
    "intensifier": (
        "very", "extremely", "highly", "deeply", "dramatically", "repeatedly", "absolutely",
        "completely", "totally", "seriously", "strongly", "fiercely", "sharply", "massive",
        "huge", "utterly", "increasingly", "virtually", "far more", "enormous", "unprecedented",
        "outright", "blatant", "blatantly", "flagrant", "staggering", "devastating",
        "incredibly", "truly", "clearly", "obviously",
    ),
    "labelling": (
        "annexed", "annexation", "annex", "reunited", "reunification", "reunion", "regime",
        "puppet", "terrorist*", "militant*", "separatist*", "rebel*", "insurgent*", "junta",
        "propaganda", "aggression", "aggressor", "invasion", "invaded", "invaders", "occupied",
        "occupation", "occupiers", "war-ravaged", "war-torn", "illegal", "illegitimate",
        "hardliner*", "provocation*", "provocative", "hostile", "russophob*", "coup", "dictator",
        "strongman", "special military operation", "liberated", "liberation", "oligarch*",
        "mouthpiece", "state-controlled", "state-run", "kremlin-backed", "pro-kremlin",
        "pro-russian", "pro-western", "western-backed", "grievances", "demands", "crackdown",
        "thug*", "radical*", "extremist*", "genocide", "nazi*", "neo-nazi*", "sham", "fake news",
        "disinformation", "misinformation", "hysteria", "warmonger*", "sanctions",
    ),
}


def _compile() -> list[tuple[str, str, tuple[str, ...]]]:
    entries = []
    for category, terms in LEXICONS.items():
        for term in terms:
            parts = tuple(
                normalise_word(w) if not w.endswith("*") else normalise_word(w[:-1]) + "*"
                for w in term.replace("-", " - ").split()
            )
            entries.append((category, term, parts))
    return entries


_ENTRIES = _compile()
# Entries indexed by the first three characters of their first word, for a fast scan.
_BY_FIRST: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
for _entry in _ENTRIES:
    _BY_FIRST.setdefault(_entry[2][0].rstrip("*")[:3], []).append(_entry)


def _token_matches(pattern: str, token: str) -> bool:
    return token.startswith(pattern[:-1]) if pattern.endswith("*") else token == pattern


def _hyphen_tokens(text: str) -> list[Token]:
    """Tokens with hyphens as their own tokens, so "war-ravaged" matches as a phrase."""
    out: list[Token] = []
    for tok in tokenize(text):
        if out and text[out[-1].end : tok.start] == "-":
            out.append(Token("-", out[-1].end, tok.start))
        out.append(tok)
    return out


def find_wording(text: str) -> list[WordingMatch]:
    """Every lexicon match in ``text``, longest match first at each position, in text order."""
    tokens = _hyphen_tokens(text)
    matches: list[WordingMatch] = []
    i = 0
    while i < len(tokens):
        best = None
        for category, term, parts in _BY_FIRST.get(tokens[i].norm[:3], ()):
            n = len(parts)
            if i + n <= len(tokens) and all(
                _token_matches(p, tokens[i + k].norm) for k, p in enumerate(parts)
            ) and (best is None or n > len(best[2])):
                best = (category, term, parts)
        if best is None:
            i += 1
            continue
        start, end = tokens[i].start, tokens[i + len(best[2]) - 1].end
        matches.append(WordingMatch(best[0], best[1], start, end, text[start:end]))
        i += len(best[2])
    return matches


def wording_rates(matches: list[WordingMatch], total_words: int) -> dict[str, float]:
    """Matches per 1,000 words for every category (0.0 where none or no words)."""
    rates = dict.fromkeys(LEXICONS, 0.0)
    if total_words <= 0:
        return rates
    for m in matches:
        rates[m.category] += 1000.0 / total_words
    return rates
