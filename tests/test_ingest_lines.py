"""The line classifier of page dumps: the shipped model, what `compare extract` keeps with it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from compare.artefacts import save_model
from compare.cli import app
from compare.errors import ModelError
from compare.ingest.clean import CLAUSE_END, SENTENCE_END, clean_text, join_wrapped
from compare.ingest.lines import (
    DEFAULT_MODEL,
    PUNCTUATION,
    SENTENCE_MARK,
    LineModel,
    char_counts,
    feature_names,
    line_features,
    rule_reasons,
)
from tests.page_fixtures import BODY

CHROME = ["Home", "News", "Sport", "Weather", "Subscribe", "Log in"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use"]


def test_the_shipped_model_is_small_and_reads_the_features_compare_computes() -> None:
    assert DEFAULT_MODEL.stat().st_size < 1_000_000
    model = LineModel.load(str(DEFAULT_MODEL))
    assert 0.0 < model.threshold < 1.0
    raw = "\n\n".join([*CHROME, *BODY, *FOOTER])
    paragraphs = join_wrapped(raw)
    features = line_features(paragraphs, rule_reasons(paragraphs, clean_text(raw)), frozenset())
    assert features.shape == (len(CHROME) + len(BODY) + len(FOOTER), len(feature_names()))


def test_extract_keeps_the_body_of_a_dump_and_names_what_it_dropped(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("\n\n".join([*CHROME, *BODY, *FOOTER]), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "page.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    [article] = json.loads(result.output)
    assert article["text"] == "\n\n".join(BODY)
    removed = {r["text"]: r["reason"] for r in article["removed"]}
    assert set(CHROME + FOOTER) <= set(removed)
    assert all(reason for reason in removed.values())


def test_a_one_sentence_item_stays_an_article(tmp_path: Path) -> None:
    item = "al-Britani has been killed in an airstrike in Syria, the ministry of defence said."
    (tmp_path / "item.txt").write_text(f"Home | World\n\n{item}\n\nShare this article\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "item.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["text"] == item


def test_a_model_reading_other_features_is_refused_with_its_file(tmp_path: Path) -> None:
    path = save_model(
        tmp_path / "old.npz", "dump-lines", {"x": np.zeros(1)}, {"features": ["length"], "threshold": 0.5}
    )
    with pytest.raises(ModelError, match="old.npz"):
        LineModel.load(str(path))


@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127)), st.text()))
def test_character_counts_follow_pythons_classes_on_ascii_and_other_text(text: str) -> None:
    assert char_counts(text) == (
        sum(c.isalpha() for c in text),
        sum(c.isdigit() for c in text),
        sum(c.isupper() for c in text),
        sum(c in PUNCTUATION for c in text),
    )


ENDINGS = st.text(alphabet=st.sampled_from(list(".!?…。؟x a\n\t\x1c\x1f\u2028\u3000\"'”»)」")), max_size=12)


@given(st.text(max_size=30), ENDINGS)
def test_sentence_and_clause_ends_searched_backwards_find_what_a_forward_search_finds(head: str, tail: str) -> None:
    text = head + tail
    for pattern in (SENTENCE_END, CLAUSE_END):
        forwards = regex.compile(pattern.pattern, pattern.flags & ~regex.REVERSE)
        assert (pattern.search(text) is None) == (forwards.search(text) is None)


@given(st.text(max_size=30), ENDINGS)
def test_sentence_marks_are_counted_as_regex_counts_them(head: str, tail: str) -> None:
    text = head + tail + head
    assert len(SENTENCE_MARK.findall(text)) == len(regex.findall(r"[.!?…](?:\s|$)", text))
