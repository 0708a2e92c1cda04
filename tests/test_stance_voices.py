"""Voices: quotes, speakers, sides, block quotes and bad input (hand-written fiction)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.measure.stance.voices import find_voices, quote_spans, speaker_shares

STORY = (
    "Ruritanian Foreign Minister Ivan Petrovich met his Freedonian counterpart Anna Marsh on "
    "Monday.\n\n"
    "“We have agreed to keep talking about the river border. Nobody wants another winter "
    "of closed bridges,” Petrovich said.\n\n"
    '"The talks were useful," said the Ruritanian Foreign Minister.\n\n'
    'Marsh called the meeting "frank" and said that Freedonia expects "a clear timetable '
    'for the withdrawal of checkpoints" before spring.\n\n'
    "«We will not wait forever,» she added.\n\n"
    "According to Petrovich, the next round will take place in March."
)


def _by_text(text: str) -> dict[str, tuple[str, str | None]]:
    return {v.text: (v.kind, v.speaker) for v in find_voices(text)}


def test_full_quotes_get_named_title_and_pronoun_speakers() -> None:
    found = _by_text(STORY)
    first = next(k for k in found if k.startswith("We have agreed"))
    assert found[first] == ("full", "Ivan Petrovich")
    assert found["The talks were useful,"] == ("full", "Ivan Petrovich")
    assert found["We will not wait forever,"] == ("full", "Anna Marsh")


def test_scare_and_partial_quotes_are_told_apart() -> None:
    found = _by_text(STORY)
    assert found["frank"][0] == "scare"
    partial = next(k for k in found if k.startswith("a clear timetable"))
    assert found[partial] == ("partial", "Anna Marsh")


def test_reported_speech_is_found() -> None:
    reported = [v for v in find_voices(STORY) if v.kind == "reported"]
    assert any(v.speaker == "Ivan Petrovich" and "next round" in v.text for v in reported)


def test_spellings_of_one_name_are_one_speaker() -> None:
    text = (
        'Sergei Lavrov spoke in Oslo. "We came to listen, not to lecture," Lavrov said. '
        '"That is all for today," Sergey Lavrov added.'
    )
    speakers = {v.speaker for v in find_voices(text) if v.kind == "full"}
    assert speakers == {"Sergey Lavrov"}


def test_side_comes_from_the_title() -> None:
    text = 'US Secretary of State Antony Blinken arrived. "We are ready," Blinken said.'
    (voice,) = [v for v in find_voices(text) if v.kind == "full"]
    assert (voice.speaker, voice.side) == ("Antony Blinken", "US")


def test_quote_interrupted_by_attribution() -> None:
    text = 'Mayor Olga Brandt spoke. "The bridge is safe," she said, "and it will stay open."'
    voices = [v for v in find_voices(text) if v.kind != "reported"]
    assert [v.speaker for v in voices] == ["Olga Brandt", "Olga Brandt"]


def test_unmarked_block_quote_after_a_quoted_paragraph() -> None:
    text = (
        "“The harvest was poor,” farm minister Karl Dobos said.\n\n"
        "We did what we could and we will do more next year. Our farmers deserve it\n\n"
        "The ministry gave no figures."
    )
    blocks = [v for v in find_voices(text) if v.kind == "block"]
    assert len(blocks) == 1
    assert blocks[0].speaker == "Karl Dobos"
    assert blocks[0].text.startswith("We did what we could")


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "Headline only", 'He said "the end.', "“Open and never closed", "no actors here."],
)
def test_bad_input_gives_results_not_a_crash(text: str) -> None:
    voices = find_voices(text)
    assert all(0 <= v.start <= v.end <= len(text) for v in voices)


def test_unbalanced_straight_mark_drops_only_itself() -> None:
    text = 'The envoy said "first part. " "The second quote stands," the envoy said.'
    assert "The second quote stands," in [text[a:b] for a, b in quote_spans(text)]


RESUMED = (
    "“We share an interest in the river border,” Petrovich said. - We have held many talks on it "
    "this spring. Everything that touches the bridges must be discussed. \" \"The talks were "
    "useful,\" said the minister."
)


def test_a_quote_resumed_after_a_dash_is_a_quote_of_the_same_speaker() -> None:
    voices = {v.text: (v.kind, v.speaker) for v in find_voices(RESUMED)}
    resumed = "We have held many talks on it this spring. Everything that touches the bridges must be discussed."
    assert voices[resumed] == ("full", "Petrovich")
    assert voices["We share an interest in the river border,"] == ("full", "Petrovich")
    assert "The talks were useful," in voices


def test_a_dash_without_a_closing_mark_after_it_opens_no_quote() -> None:
    text = "“We share an interest,” Petrovich said. - The talks ended on Monday.\n\nNothing more."
    assert [text[a:b] for a, b in quote_spans(text)] == ["We share an interest,"]


def test_speaker_shares_are_fractions() -> None:
    voices = find_voices(STORY)
    shares = speaker_shares(voices, len(STORY.split()))
    assert set(shares) >= {"Ivan Petrovich", "Anna Marsh"}
    assert all(0 < s <= 1 for s in shares.values())
    assert speaker_shares(voices, 0) == {}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab C."“”«»‘’\n,'))))
def test_spans_always_slice_back_to_the_text(text: str) -> None:
    for v in find_voices(text):
        assert text[v.start : v.end] == v.text


def test_seed_quote_speakers_are_all_found(seeds: Path) -> None:
    truth = json.loads((seeds / "TRUTH.json").read_text())["articles"]
    for name, facts in truth.items():
        voices = find_voices((seeds / name).read_text(encoding="utf-8"))
        found = [v.speaker or "" for v in voices if v.kind in {"full", "block", "partial"}]
        for speaker in set(facts["quote_speakers"]):
            surname = speaker.split()[-1]
            assert any(surname in f for f in found), (name, speaker, found)


def test_seed_002_block_quote_and_title_speaker(seeds: Path) -> None:
    text = (seeds / "002_cd011de5a9c6030b.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    block_start = sum(len(line) + 1 for line in lines[:8])
    voices = find_voices(text)
    (block,) = [v for v in voices if v.kind == "block"]
    assert block.start == block_start and block.speaker == "Sergey Lavrov"
    titled = [v for v in voices if v.kind == "full" and v.text.startswith("I did not see")]
    assert titled[0].speaker == "Sergey Lavrov"


def test_seed_003_broken_marks_and_scare_quotes(seeds: Path) -> None:
    voices = find_voices((seeds / "003_bcf33ebb3281a79a.txt").read_text(encoding="utf-8"))
    scare = {v.text for v in voices if v.kind == "scare"}
    assert {"objective need", "high expectations", "illusions"} <= scare
    full = [v for v in voices if v.kind == "full"]
    assert len(full) >= 4 and all(v.speaker == "Sergey Lavrov" for v in full)


def test_a_newly_named_person_is_who_the_next_pronoun_quotes() -> None:
    from compare.measure.stance.voices import find_voices

    text = (
        "Harbour master Ivo Lenz said the quay would reopen. “We are ready,” he said.\n\n"
        "Council treasurer Mira Stad questioned the cost. “Nobody has seen the bill,” she told reporters."
    )
    speakers = [v.speaker for v in find_voices(text) if v.kind == "full"]
    assert speakers == ["Ivo Lenz", "Mira Stad"]


def test_sample_quotes_get_their_speakers() -> None:
    import json
    from pathlib import Path

    import compare
    from compare.examples_path import example_articles

    truth = json.loads(
        (Path(__file__).parent / "fixtures" / "examples_expected.json").read_text(encoding="utf-8")
    )
    articles = {Path(a.id).name: a for a in compare.load_many(example_articles()).articles}
    right = total = 0
    for name, quotes in truth["quotes"].items():
        if name not in articles:
            continue
        voices = compare.stance_features(articles[name]).to_dict()["voices"]
        for quote in quotes:
            total += 1
            voice = next((v for v in voices if quote["text_start"][:25] in v.get("text", "")), None)
            right += bool(voice and voice.get("speaker") and quote["speaker"].split()[-1] in voice["speaker"])
    assert total >= 20 and right == total


def test_outlet_after_told_is_the_addressee_not_the_speaker() -> None:
    text = (
        "Harbour councillor Vera Lint said the ferry levy would be scrapped. “Nobody on this "
        "island should pay twice to reach the mainland,” she told Coast Gazette.\n\n"
        "“We will vote against it,” Lint told the Morning Lantern."
    )
    speakers = [v.speaker for v in find_voices(text) if v.kind == "full"]
    assert speakers == ["Vera Lint", "Vera Lint"]


def test_a_lower_case_title_before_the_name_still_names_the_speaker() -> None:
    text = (
        "“The river belongs to everyone who lives beside it, not to the mill,” presiding judge "
        "Oskar Venn said as the hearing closed.\n\n"
        "“We expected nothing else,” said commissioner Liv Aro."
    )
    speakers = [v.speaker for v in find_voices(text) if v.kind == "full"]
    assert speakers == ["Oskar Venn", "Liv Aro"]
