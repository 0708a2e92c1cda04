"""The per-article stance profile and its JSON form."""

from __future__ import annotations

import json
import time

import pytest

from compare.measure.stance import stance_features
from compare.model import Article

STORY = (
    "Freedonian Prime Minister Rufus Firefly praised the new bridge on Monday.\n\n"
    "“This bridge is a triumph of our engineers,” Firefly said.\n\n"
    "Opposition leader Clara Bold slammed the project as a shameful waste and claimed "
    "the costs were hidden. She said that the government had misled voters.\n\n"
    "The Transport Ministry said the bridge would open in May."
)


def test_profile_of_a_story() -> None:
    profile = stance_features(Article(id="s1", text=STORY))
    speakers = {v.speaker for v in profile.voices}
    assert {"Rufus Firefly", "Clara Bold"} <= speakers
    assert profile.speaker_shares["Rufus Firefly"] > 0
    assert any(m.term == "claimed" for m in profile.wording)
    assert profile.wording_rates["attribution_loaded"] > 0
    actors = {a.actor: a for a in profile.actors}
    assert "Rufus Firefly" in actors and "Clara Bold" in actors
    assert len(profile.bias) == len(profile.to_dict()["bias"]["sentences"])
    assert all(0.0 <= b.score <= 1.0 for b in profile.bias)
    loaded = max(profile.bias, key=lambda b: b.score)
    assert "shameful" in STORY[loaded.start : loaded.end]


def test_json_contract() -> None:
    data = stance_features(Article(id="s1", text=STORY), claim="Freedonia opens a bridge").to_dict()
    json.dumps(data)
    assert set(data) >= {
        "article", "words", "voices", "speaker_shares", "wording", "wording_per_1000_words",
        "actor_sentiment", "bias", "claim_stance",
    }
    assert data["claim_stance"] in {"agree", "disagree", "discuss", "unrelated"}
    for voice in data["voices"]:
        start, end = voice["span"]
        assert STORY[start:end] == voice["text"]
    for match in data["wording"]:
        start, end = match["span"]
        assert STORY[start:end] == match["text"]


@pytest.mark.parametrize("text", ["", "Headline only", "“Unbalanced quote with no end", "no actors."])
def test_bad_input_gives_an_empty_profile(text: str) -> None:
    profile = stance_features(Article(id="x", text=text), claim="Anything at all")
    data = profile.to_dict()
    json.dumps(data)
    assert data["speaker_shares"] == {} or text
    if not text:
        assert data["voices"] == [] and data["actor_sentiment"] == [] and data["claim_stance"] is None


def test_time_per_thousand_words() -> None:
    article = Article(id="long", text="\n\n".join([STORY] * 12))
    stance_features(article)
    start = time.process_time()
    profile = stance_features(article)
    elapsed_ms = (time.process_time() - start) * 1000
    # Budget: 100 ms of CPU per 1,000 words after load; 2x slack for a busy shared machine.
    assert elapsed_ms / profile.words * 1000 < 200


def test_negation_scope_runs_to_punctuation_and_clause_numbers_split_at_but() -> None:
    from compare.measure.stance.sentiment import _tokens, negation_marked

    sentence = "Mayor Quill did not praise the plan, but Ada Venn liked it."
    words, clauses = negation_marked(sentence, _tokens(sentence))
    assert words[4:6] == ["NEG_praise", "NEG_the"]
    assert "NEG_liked" not in words and "liked" in words
    assert clauses[0] == clauses[5] != clauses[-1]


def test_target_clause_words_exclude_the_other_clause() -> None:
    from compare.measure.stance.sentiment import target_features

    sentence = "Critics attacked Ada Venn, but the council thanked Bo Kell."
    feats = target_features(sentence, 51, 58)
    assert "k:thanked" in feats and "k:attacked" not in feats
