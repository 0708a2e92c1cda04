"""One article's stance profile: voices, wording, sentiment toward actors, loaded sentences."""

from __future__ import annotations

from dataclasses import replace

import regex

from compare.measure.stance.actors import Actor, ActorBook
from compare.measure.stance.bias import lexicon_score
from compare.measure.stance.sentiment import predict_target_sentiment
from compare.measure.stance.voices import NAME_PHRASE, speaker_shares
from compare.measure.stance.voices_ru import voices_of
from compare.measure.stance.wording import find_wording, wording_rates
from compare.model import ActorSentiment, Article, SentenceBias, StanceProfile
from compare.normalise import WORD, normalise_word, sentence_spans
from compare.settings import DEFAULT_SETTINGS, StanceSettings

# Capitalised words that open a sentence before a name, not part of it ("But I felt", "And Lavrov").
LEADING_WORDS = regex.compile(r"^(?:(?:But|And|So|Yet|Or|If|When|While|As|I|We|It|This|That|There|Also)\s+)+")
SENTIMENT_VALUE = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}


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
    return toward_claim(text_profile(article), article, claim)


def toward_claim(profile: StanceProfile, article: Article, claim: str | None) -> StanceProfile:
    """The article's profile with its stance toward ``claim`` (None when no claim is given)."""
    from compare.measure.stance.claim import predict_stance

    text = article.text or ""
    stance = predict_stance([claim], [text])[0] if claim and text.strip() else None
    return replace(profile, claim_stance=stance)


def text_profile(article: Article, settings: StanceSettings = DEFAULT_SETTINGS.stance) -> StanceProfile:
    """Everything of a profile that depends on the text alone, without a claim stance: the costly
    part, which a collection measures once per article and passes to its pairs and events."""
    text = article.text or ""
    sentences = sentence_spans(text)
    total = len(WORD.findall(text))
    voices = tuple(voices_of(text))
    wording = tuple(find_wording(text))
    # The shipped bias score reuses the wording matches instead of scanning each sentence again.
    scores = [
        lexicon_score(text[a:b], [m for m in wording if a <= m.start < b], settings) for a, b in sentences
    ]
    return StanceProfile(
        article_id=article.id,
        words=total,
        voices=voices,
        speaker_shares=speaker_shares(list(voices), total),
        wording=wording,
        wording_rates=wording_rates(list(wording), total),
        actors=_actor_sentiment(text, sentences),
        bias=tuple(SentenceBias(a, b, s) for (a, b), s in zip(sentences, scores, strict=True)),
        claim_stance=None,
    )
