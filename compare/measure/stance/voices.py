"""Voices: direct, partial, scare and block quotes and reported speech, each with its speaker.

Quotes are read by :func:`compare.align.quotes.quote_spans` (marks paired by role, a quote
resumed after a dash recovered), the same reading the quote alignment of a pair uses. Speakers come
from the attribution beside the quote ("..., Lavrov said", "he added", "said the head of the
Russian Foreign Ministry") and are resolved through :class:`ActorBook`.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from compare.align.quotes import quote_spans as quote_spans  # voices_ru reads it from here
from compare.measure.stance.actors import (
    ORG_HEADS,
    ORG_ROLES,
    PERSON_ROLES,
    Actor,
    ActorBook,
)
from compare.model import Voice
from compare.normalise import WORD, normalise_word, sentence_spans

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|noted|notes|stressed|stresses|remarked|concluded|"
    "explained|stated|states|declared|announced|insisted|insists|claimed|claims|admitted|"
    "argued|argues|warned|warns|suggested|asserted|alleged|emphasi[sz]ed|pointed out|"
    "confirmed|reiterated|commented|wrote|writes|tweeted|replied|responded|continued|observed|"
    "acknowledged|denied|denies|urged|believes|recalled|underlined|complained|estimated|"
    "expressed|pointed to|listed"
)
PRONOUNS = "[Hh]e|[Ss]he|[Ii]t|[Tt]hey"
# A capitalised name phrase, optionally led by a lower-case title ("spokesperson Ned Price").
_JOIN = r"(?:of\s+|(?:spokesperson|spokesman|spokeswoman|envoy|official|minister|chief|aide)\s+)"
# A capitalised word, or initials such as "U.S." / "J." (a full stop elsewhere ends a sentence).
_CAPWORD = r"\p{Lu}(?:\.(?:\p{Lu}\.)*|[\p{L}\p{M}'’-]*)"
_CAP = rf"{_CAPWORD}(?:\s+{_JOIN}?{_CAPWORD})*"
NAME_PHRASE = regex.compile(_CAP)
_ROLE = r"(?:[Tt]he\s+)?(?:[\p{L}-]+\s+){0,5}?(?i:" + "|".join(sorted(PERSON_ROLES | ORG_ROLES)) + r")\b"
# "head of the Russian Foreign Ministry", "head of Russian diplomacy"
_ROLE += r"(?:\s+of\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)?"
_TITLED = r"(?:[\p{L}-]+\s+){0,3}?(?i:" + "|".join(sorted(PERSON_ROLES)) + r")\s+" + _CAP
_WHO = rf"(?P<who>{_TITLED}|{_CAP}|{PRONOUNS}|{_ROLE})"
_VERB = rf"(?P<verb>{SPEECH_VERBS})"
_AUX = r"(?:(?:has|had|have|also|repeatedly|later|earlier|again|then)\s+)*"
# "told" never comes before its speaker: in '..." told Harbor Daily' the name is the addressee.
_VERB_FIRST = rf"(?P<verb>(?!told\b|tells\b)(?:{SPEECH_VERBS}))"
AFTER = regex.compile(rf"^[\s,;:—–-]*(?:{_WHO}\s+{_AUX}{_VERB}|{_VERB_FIRST}\s+{_WHO})\b")
# The person or outlet spoken to ("she told Harbor Daily", "told the Kestrian Post"): never a
# speaker, so it is not registered as a newly named person a later "he" could refer to.
ADDRESSEE = regex.compile(rf"\b(?:told|tells|telling)\s+(?:the\s+)?{_CAP}")
BEFORE = regex.compile(rf"{_WHO}\s+{_AUX}{_VERB}(?:\s+that)?[\s,:]*$")
# The nearest "X said (that) ..." earlier in the same sentence ("it claimed that Blinken seeks").
SUBJECT = regex.compile(rf"{_WHO}\s+{_AUX}{_VERB}\b(?!.*\b(?:{SPEECH_VERBS})\b)")
# The sentence's subject when a speech verb follows it ("Marsh called it X and said that ...").
OPENING_SUBJECT = regex.compile(rf"^\W*{_WHO}\b.*\b(?:{SPEECH_VERBS})\b")
REPORTED = regex.compile(
    rf"(?:^|[,;]\s+)(?:{_WHO}\s+{_AUX}{_VERB}\b"
    rf"|(?i:according\s+to)\s+(?P<who2>{_CAP}|him|her|them|it)\s*,)",
)
# Capitalised sentence openers that are not speakers.
NOT_SUBJECTS = frozenset({"I", "We", "Also", "It", "This", "That", "There", "The", "In", "On", "As"})
FIRST_PERSON = regex.compile(r"\b(?:I|we|We|our|Our|my|My|us)\b")
# Quotes of at most this many words are scare/label quotes unless they are a whole sentence.
SCARE_MAX_WORDS = 3
# A paragraph without marks is read as a block quote only with this many first-person words.
BLOCK_MIN_FIRST_PERSON = 2


def _classify(body: str) -> str:
    n = len(WORD.findall(body))
    stripped = body.strip()
    sentence = stripped[:1].isupper() and (stripped[-1:] in ".!?…," or n >= 8)
    if n <= SCARE_MAX_WORDS and not (sentence and n >= 3):
        return "scare"
    return "full" if sentence else "partial"


def _who(book: ActorBook, phrase: str) -> Actor | None:
    lowered = [w.casefold() for w in phrase.split()]
    if len(lowered) == 1 and lowered[0] in {"he", "she", "it", "they", "him", "her", "them"}:
        return book.pronoun(lowered[0])
    last = phrase.split()[-1]
    if last[:1].isupper() and lowered[-1] not in PERSON_ROLES | ORG_ROLES | ORG_HEADS:
        return book.mention(" ".join(w for w in phrase.split() if w.casefold() not in {"the", "a"}))
    head = lowered[: lowered.index("of")] if "of" in lowered else lowered
    if head[0] in {"the", "a"} or head[-1] in PERSON_ROLES | ORG_ROLES:
        if head[-1] in PERSON_ROLES and head[-1] not in ORG_ROLES:
            return book.resolve_role(head, "person")
        caps = regex.search(_CAP, phrase)
        if caps and caps.group().casefold().split()[-1] in {"ministry", "department"}:
            return book.mention(caps.group())
        described = [w for w in phrase.split() if w.casefold() not in {"the", "a", "its", "their"}]
        # "the Russian presidential press service" names an organisation of its own;
        # a bare "the statement" / "the ministry" refers back to the last one.
        if len(described) >= 2 and lowered[-1] in ORG_HEADS:
            return book.mention(" ".join(described))
        return book.resolve_role(head, "organisation")
    return book.mention(phrase)


def _register_names(book: ActorBook, sentence: str) -> None:
    sentence = ADDRESSEE.sub(lambda m: "_" * len(m.group()), sentence)
    for m in regex.finditer(_CAP, sentence):
        words = m.group().split()
        if len(words) >= 2 or normalise_word(m.group()) in book.actors:
            book.mention(m.group())


def _attribute(book: ActorBook, text: str, start: int, end: int, sent: tuple[int, int]) -> Actor | None:
    tail = text[end + 1 : end + 120].split("\n", 1)[0]
    closing = text[start:end].rstrip()[-1:]
    # "...," Lavrov said: a quote closed by a full stop ends its sentence, so what follows is
    # a new sentence, not the attribution; after ? or ! only "he said"-style lower case counts.
    after = None if closing == "." else AFTER.match(tail)
    if after and closing in "?!" and after.group().lstrip(" ,")[:1].isupper():
        after = None
    if after:
        return _who(book, after.group("who"))
    prefix = text[max(sent[0], start - 160) : start - 1]
    before = (
        BEFORE.search(prefix) or SUBJECT.search(prefix)
        or OPENING_SUBJECT.search(text[sent[0] : start - 1] if start > sent[0] else "")
    )
    if before:
        return _who(book, before.group("who"))
    return None


@dataclass(frozen=True)
class _Found:
    kind: str
    start: int
    end: int
    actor: str | None  # actor key, resolved to a display name once the whole text is read


def find_voices(text: str) -> list[Voice]:
    """Every quote and reported statement of ``text`` in reading order, with speakers."""
    book = ActorBook()
    quotes = quote_spans(text)
    found: list[_Found] = []
    qi = 0
    paragraph_speaker: Actor | None = None
    for s_start, s_end in sentence_spans(text):
        if "\n" in text[found[-1].end if found else 0 : s_start]:
            paragraph_speaker = None
        in_sentence = []
        while qi < len(quotes) and quotes[qi][0] < s_end:
            in_sentence.append(quotes[qi])
            qi += 1
        overlapping = [q for q in quotes if q[0] < s_end and q[1] > s_start]
        masked = _mask(text, s_start, s_end, overlapping)
        if overlapping and not in_sentence and overlapping[0][0] <= s_start and overlapping[-1][1] >= s_end:
            continue
        _register_names(book, masked)
        for q_start, q_end in in_sentence:
            kind = _classify(text[q_start:q_end])
            actor = _attribute(book, text, q_start, q_end, (s_start, s_end))
            if actor is None and kind != "scare":
                actor = paragraph_speaker
            if actor is not None and kind != "scare":
                book.spoke(actor)
                paragraph_speaker = actor
            found.append(_Found(kind, q_start, q_end, actor.key if actor else None))
        if not in_sentence:
            reported = _reported(book, s_start, s_end, masked)
            if reported is not None:
                found.append(reported)
    found.extend(_blocks(text, found))
    return [_voice(text, f, book) for f in sorted(found, key=lambda f: (f.start, f.end))]


def _mask(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> str:
    chars = list(text[start:end])
    for q_start, q_end in quotes:
        for i in range(max(q_start, start), min(q_end, end)):
            if not chars[i - start].isspace():
                chars[i - start] = "_"
    return "".join(chars)


def _voice(text: str, found: _Found, book: ActorBook) -> Voice:
    actor = book.actors.get(found.actor) if found.actor else None
    return Voice(
        found.kind, found.start, found.end, text[found.start : found.end],
        actor.name if actor else None, actor.kind if actor else None,
        actor.side if actor else None, len(WORD.findall(text[found.start : found.end])),
    )


def _reported(book: ActorBook, start: int, end: int, masked: str) -> _Found | None:
    match = REPORTED.search(masked)
    if match is None:
        # "Clara Bold slammed the plan and claimed ...": the subject opening the sentence,
        # accepted only when it looks like a named or titled person or a he/she.
        match = OPENING_SUBJECT.search(masked)
        who = match.group("who") if match else None
        if who is None or not (len(who.split()) >= 2 or who.casefold() in {"he", "she"}):
            return None
        if who.split()[0] in NOT_SUBJECTS:
            return None
    who = match.group("who") or match.groupdict().get("who2")
    if who is None or not _plausible_subject(who):
        return None
    actor = _who(book, who if who.casefold() not in {"him", "her", "them"} else "he")
    if actor is None:
        return None
    book.spoke(actor)
    return _Found("reported", start, end, actor.key)


def _plausible_subject(who: str) -> bool:
    first = who.split()[0]
    return first[:1].isupper() or first.casefold() in {"he", "she", "it", "they", "the"}


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for part in regex.split(r"(\n\s*\n)", text):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            spans.append((pos + lead, pos + len(part.rstrip())))
        pos += len(part)
    return spans


def _blocks(text: str, found: list[_Found]) -> list[_Found]:
    """First-person paragraphs with no quote marks right after a paragraph with a speaker."""
    out = []
    previous: str | None = None
    for p_start, p_end in _paragraphs(text):
        para = text[p_start:p_end]
        inside = [f for f in found if p_start <= f.start < p_end]
        if (
            previous
            and not inside
            and not regex.search(r"[\"“”«»]", para)
            and len(FIRST_PERSON.findall(para)) >= BLOCK_MIN_FIRST_PERSON
        ):
            out.append(_Found("block", p_start, p_end, previous))
        speakers = [f.actor for f in inside if f.actor and f.kind != "scare"]
        previous = speakers[-1] if speakers else None
    return out


def speaker_shares(voices: list[Voice], total_words: int) -> dict[str, float]:
    """Share of the article's words inside each speaker's quotes and reported statements."""
    counts: dict[str, int] = {}
    for v in voices:
        if v.speaker and v.kind != "scare":
            counts[v.speaker] = counts.get(v.speaker, 0) + v.words
    if total_words <= 0:
        return {}
    return {k: min(1.0, n / total_words) for k, n in sorted(counts.items(), key=lambda kv: -kv[1])}
