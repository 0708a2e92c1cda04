"""Voices in Russian text: quotes in « », „ “ and dialogue dashes, and reported speech, with speakers.

Russian attributes a quote after a dash ("«...», — заявил Лавров"), before a colon ("Лавров
заявил: «...»") or opens a line with a dialogue dash ("— Мы готовы, — сказал он."); reported
speech reads "по словам Лаврова, ...", "как отметил Песков, ..." or "Лавров заявил, что ...".
Names change form with their case (Лавров, Лаврова, Лавровым), so a speaker is put in the
nominative with pymorphy3's dictionary; sentences are split with razdel, which knows Russian
abbreviations and initials. Quote marks are paired as for English (voices.quote_spans).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import regex

from compare.measure.stance.voices import _classify, find_voices, quote_spans
from compare.model import Voice
from compare.normalise import WORD

SPEECH_VERBS_RU = (
    "заявил|сказал|отметил|добавил|подчеркнул|сообщил|пояснил|уточнил|заметил|признал|указал|"
    "напомнил|рассказал|написал|ответил|предупредил|призвал|констатировал|утверждал|возразил|"
    "заверил|сообщил|высказался|объяснил|резюмировал|обратил внимание"
)
# Past tense of any gender or number ("заявил", "заявила", "заявили"), or the present ("заявляет").
_VERB = rf"(?P<verb>(?:{SPEECH_VERBS_RU})(?:а|и|о)?|говорит|считает|полагает|заявляет|отмечает|подчеркивает|подчёркивает|сообщает|утверждает|пишет)"
_NAME = r"\p{Lu}[\p{L}-]*"
# A speaker: a pronoun, or up to five lower-case words (a role: "глава МИД России") ending in a
# capitalised name of one to three words.
_WHO = rf"(?P<who>(?:он|она|они)\b|(?:[\p{{L}}-]+\s+){{0,5}}?{_NAME}(?:\s+{_NAME}){{0,2}})"
# Matched where the quote closes (``match`` anchors there).
AFTER = regex.compile(rf"[\s,.!?…]*[—–-]\s*{_VERB}\s+{_WHO}")
BEFORE = regex.compile(rf"{_WHO}\s+{_VERB}(?:\s+[\p{{L}}-]+){{0,3}}?\s*:\s*$")
REPORTED = regex.compile(
    rf"^\W*(?:[Пп]о\s+словам\s+{_WHO}\s*,|[Кк]ак\s+{_VERB}\s+{_WHO}\s*,)|{_WHO}\s+{_VERB}\s*,\s*что\b"
)
# A dialogue line: a dash, the words spoken, a dash and the attribution ("— Мы готовы, — сказал он").
DIALOGUE = regex.compile(r"^[—–]\s*(?P<said>[^—–\n]+?)[,.!?…]?\s+[—–]\s+(?P<rest>[^\n]*)")
PRONOUNS_RU = frozenset({"он", "она", "они"})


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=4096)
def nominative(word: str) -> str:
    """A Russian first name, patronymic or surname in the nominative ("Лаврова" -> "Лавров",
    "Захаровой" -> "Захарова"); other words as they are."""
    for parse in _morph().parse(word):
        if {"Name", "Surn", "Patr"} & set(parse.tag.grammemes):
            inflected = parse.inflect({"nomn"})
            if inflected is not None:
                return str(inflected.word).capitalize()
    return word


def is_person_name(word: str) -> bool:
    """Whether pymorphy3 reads the word as a first name, patronymic or surname, or cannot read
    it at all (a foreign name it has never seen: "Денко")."""
    parses = _morph().parse(word)
    names = any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses)
    return names or all("UNKN" in p.tag for p in parses)


def speaker_name(phrase: str) -> str:
    """The person a phrase names, in the nominative ("главы МИД России Сергея Лаврова" ->
    "Сергей Лавров"): its last words that are names, else its last capitalised word."""
    words = phrase.split()
    names: list[str] = []
    for word in reversed(words):
        if not (word[:1].isupper() and is_person_name(word)):
            break
        names.insert(0, word)
    if not names:
        capitalised = [w for w in words if w[:1].isupper()]
        return capitalised[-1] if capitalised else phrase
    return " ".join(nominative(w) for w in names)


def _kind(quote: str) -> str:
    """Scare quotes as in English; otherwise a capitalised quote is a full one (Russian puts the
    full stop after the closing mark), a lower-case one partial."""
    kind = _classify(quote)
    if kind == "scare":
        return kind
    return "full" if quote.strip()[:1].isupper() else "partial"


def russian_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of Russian text (razdel)."""
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)]


def find_russian_voices(text: str) -> list[Voice]:
    """Every quote, dialogue line and reported statement of a Russian text, with speakers.

    Speakers are resolved in reading order, so "он" is the last speaker named before it.
    """
    found: list[tuple[str, int, int, str | None]] = []
    quoted: list[tuple[int, int]] = []
    for start, end in quote_spans(text):
        line_start = text.rfind("\n", 0, start) + 1
        match = AFTER.match(text, end + 1, min(len(text), end + 160)) or BEFORE.search(
            text, max(line_start, start - 160), max(line_start, start - 1)
        )
        kind = _kind(text[start:end])
        found.append((kind, start, end, match.group("who") if match and kind != "scare" else None))
        quoted.append((start, end))
    for line in regex.finditer(r"(?m)^[—–][^\n]+", text):
        dialogue = DIALOGUE.match(line.group())
        if dialogue is None or any(s <= line.start() < e for s, e in quoted):
            continue
        attribution = AFTER.match("— " + dialogue.group("rest"))
        start, end = line.start() + dialogue.start("said"), line.start() + dialogue.end("said")
        found.append(("full", start, end, attribution.group("who") if attribution else None))
        quoted.append((start, end))
    for start, end in russian_sentences(text):
        reported = None if any(s < end and e > start for s, e in quoted) else REPORTED.search(text[start:end])
        if reported:
            found.append(("reported", start, end, reported.group("who")))
    voices: list[Voice] = []
    last: str | None = None
    for kind, start, end, phrase in sorted(found, key=lambda f: (f[1], f[2])):
        who = None
        if phrase is not None:
            who = last if phrase.casefold() in PRONOUNS_RU else speaker_name(phrase)
            last = who or last
        words = len(WORD.findall(text[start:end]))
        voices.append(Voice(kind, start, end, text[start:end], who, "person" if who else None, None, words))
    return voices


def voices_of(text: str) -> list[Voice]:
    """The voices of a text, read by the rules of its language (Russian or English)."""
    from compare.ingest.language import detect_language

    return find_russian_voices(text) if detect_language(text) == "ru" else find_voices(text)
