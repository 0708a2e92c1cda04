"""One article's stance profile: voices, wording, sentiment toward actors, loaded sentences."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import regex

from compare.measure.stance.actors import Actor, ActorBook
from compare.measure.stance.bias import lexicon_score
from compare.measure.stance.sentiment import predict_target_sentiment
from compare.measure.stance.voices import NAME_PHRASE, Voice, speaker_shares
from compare.measure.stance.voices_ru import voices_of
from compare.measure.stance.wording import WordingMatch, find_wording, wording_rates
from compare.model import Article
from compare.normalise import WORD, normalise_word, sentence_spans

# Sentences scoring at least this are listed as loaded in reports (the lexicon score gives
# about 0.5 for one loaded word and 0.2 for none; see bias.py).
LOADED_THRESHOLD = 0.5
# Capitalised words that open a sentence before a name, not part of it ("But I felt", "And Lavrov").
LEADING_WORDS = regex.compile(r"^(?:(?:But|And|So|Yet|Or|If|When|While|As|I|We|It|This|That|There|Also)\s+)+")
SENTIMENT_VALUE = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}


@dataclass(frozen=True)
class ActorSentiment:
    """Sentiment toward one actor over the sentences of an article that mention it."""

    actor: str
    kind: str
    side: str | None
    mentions: int
    negative: int
    neutral: int
    positive: int
    mentions_spans: tuple[tuple[int, int, str], ...]  # (start, end, label)

    @property
    def score(self) -> float:
        """Mean of -1/0/+1 over mentions, in [-1, 1]."""
        return (self.positive - self.negative) / self.mentions if self.mentions else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "kind": self.kind,
            "side": self.side,
            "mentions": self.mentions,
            "negative": self.negative,
            "neutral": self.neutral,
            "positive": self.positive,
            "score": round(self.score, 4),
            "spans": [{"span": [a, b], "label": lab} for a, b, lab in self.mentions_spans],
        }


@dataclass(frozen=True)
class SentenceBias:
    """The loaded-language probability of one sentence."""

    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"span": [self.start, self.end], "score": round(self.score, 4)}


@dataclass(frozen=True)
class StanceProfile:
    """Everything the stance panels show about one article; ``to_dict`` is the JSON contract."""

    article_id: str
    words: int
    voices: tuple[Voice, ...]
    speaker_shares: dict[str, float]
    wording: tuple[WordingMatch, ...]
    wording_rates: dict[str, float]
    actors: tuple[ActorSentiment, ...]
    bias: tuple[SentenceBias, ...]
    claim_stance: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def bias_mean(self) -> float:
        """Mean sentence bias probability (0 for an empty article)."""
        return sum(b.score for b in self.bias) / len(self.bias) if self.bias else 0.0

    @property
    def loaded_sentences(self) -> int:
        """Sentences at or above ``LOADED_THRESHOLD``."""
        return sum(b.score >= LOADED_THRESHOLD for b in self.bias)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "words": self.words,
            "voices": [v.to_dict() for v in self.voices],
            "speaker_shares": {k: round(v, 4) for k, v in self.speaker_shares.items()},
            "wording": [m.to_dict() for m in self.wording],
            "wording_per_1000_words": {k: round(v, 3) for k, v in self.wording_rates.items()},
            "actor_sentiment": [a.to_dict() for a in self.actors],
            "bias": {
                "mean": round(self.bias_mean, 4),
                "loaded_sentences": self.loaded_sentences,
                "threshold": LOADED_THRESHOLD,
                "sentences": [b.to_dict() for b in self.bias],
            },
            "claim_stance": self.claim_stance,
            **self.extras,
        }


def actor_mentions(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int, int, Actor]]:
    """(sentence index, start, end, actor) for each named person or organisation."""
    book = ActorBook()
    found = []
    for i, (s_start, s_end) in enumerate(sentences):
        for m in NAME_PHRASE.finditer(text[s_start:s_end]):
            lead = LEADING_WORDS.match(m.group())
            phrase = m.group()[lead.end() :] if lead else m.group()
            if not phrase or phrase == "I":
                continue
            start = m.start() + (lead.end() if lead else 0)
            # A lone capitalised word opening a sentence is usually not a name.
            if " " not in phrase and normalise_word(phrase) not in book.actors and start == 0:
                continue
            actor = book.mention(phrase)
            if actor is not None:
                found.append((i, s_start + start, s_start + m.end(), actor))
    # Single-word "persons" never seen with a first name are mostly places or common words;
    # one mention per actor and sentence is enough (the sentence gets one label per target).
    seen: set[tuple[int, str]] = set()
    out = []
    for i, start, end, actor in found:
        if (actor.kind == "organisation" or " " in actor.name) and (i, actor.key) not in seen:
            seen.add((i, actor.key))
            out.append((i, start, end, actor))
    return out


def _actor_sentiment(text: str, sentences: list[tuple[int, int]]) -> tuple[ActorSentiment, ...]:
    mentions = actor_mentions(text, sentences)
    if not mentions:
        return ()
    labels = predict_target_sentiment(
        [text[sentences[i][0] : sentences[i][1]] for i, _, _, _ in mentions],
        [(a - sentences[i][0], b - sentences[i][0]) for i, a, b, _ in mentions],
    )
    grouped: dict[str, tuple[Actor, list[tuple[int, int, str]]]] = {}
    for (_, a, b, actor), label in zip(mentions, labels, strict=True):
        grouped.setdefault(actor.key, (actor, []))[1].append((a, b, label))
    out = []
    for actor, spans in grouped.values():
        counts = {lab: sum(s[2] == lab for s in spans) for lab in SENTIMENT_VALUE}
        out.append(
            ActorSentiment(
                actor.name,
                actor.kind,
                actor.side,
                len(spans),
                counts["negative"],
                counts["neutral"],
                counts["positive"],
                tuple(spans),
            )
        )
    return tuple(sorted(out, key=lambda a: (-a.mentions, a.actor)))


def stance_features(article: Article, claim: str | None = None) -> StanceProfile:
    """The stance profile of one article (and its stance toward ``claim`` when one is given)."""
    from compare.measure.stance.claim import predict_stance

    text = article.text or ""
    profile = _text_profile(text)
    stance = predict_stance([claim], [text])[0] if claim and text.strip() else None
    return replace(
        profile,
        article_id=article.id,
        claim_stance=stance,
        speaker_shares=dict(profile.speaker_shares),
        wording_rates=dict(profile.wording_rates),
        extras={},
    )


@lru_cache(maxsize=256)
def _text_profile(text: str) -> StanceProfile:
    """Everything of a profile that depends on the text alone: a report compares each article
    with every other of its event, and this is the costly part, so it is computed once."""
    sentences = sentence_spans(text)
    total = len(WORD.findall(text))
    voices = tuple(voices_of(text))
    wording = tuple(find_wording(text))
    # The shipped bias score reuses the wording matches instead of scanning each sentence again.
    scores = [lexicon_score(text[a:b], [m for m in wording if a <= m.start < b]) for a, b in sentences]
    return StanceProfile(
        article_id="",
        words=total,
        voices=voices,
        speaker_shares=speaker_shares(list(voices), total),
        wording=wording,
        wording_rates=wording_rates(list(wording), total),
        actors=_actor_sentiment(text, sentences),
        bias=tuple(SentenceBias(a, b, s) for (a, b), s in zip(sentences, scores, strict=True)),
        claim_stance=None,
    )
