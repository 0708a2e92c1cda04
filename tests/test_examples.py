"""The bundled sample corpus agrees with its own truth file, EXPECTED.json."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TRUTH = json.loads((EXAMPLES / "EXPECTED.json").read_text(encoding="utf-8"))
JSONL_LINES = (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
RECORDS = {record["id"]: record for record in map(json.loads, JSONL_LINES)}


def visible_text(name: str) -> str:
    """Text of a corpus entry: a JSONL record's text, a page without tags, or a text file."""
    if "#" in name:
        return RECORDS[name.split("#")[1]]["text"]
    raw = (EXAMPLES / name).read_text(encoding="utf-8")
    if name.endswith(".html"):
        return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", raw)))
    return raw


def wire_paragraphs() -> list[str]:
    """Body paragraphs of the Nordpress wire original, headline excluded."""
    text = (EXAMPLES / "nordpress-original.txt").read_text(encoding="utf-8")
    return text.strip().split("\n\n")[1:]


def test_every_file_belongs_to_exactly_one_group() -> None:
    listed = [name.split("#")[0] for names in TRUTH["events"].values() for name in names]
    on_disk = {p.name for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".html", ".jsonl"}}
    assert set(listed) == on_disk
    entries = [name for names in TRUTH["events"].values() for name in names]
    assert len(entries) == len(set(entries))


@pytest.mark.parametrize("kind", ["quotes", "non_speech_quotes"])
def test_listed_quotes_occur_in_their_files(kind: str) -> None:
    for name, quotes in TRUTH[kind].items():
        for quote in quotes:
            assert quote["text_start"] in visible_text(name), (name, quote)


def test_attribution_evidence_and_chrome_occur_in_their_files() -> None:
    for name, items in TRUTH["attribution_evidence"].items():
        for item in items:
            assert item["text"] in visible_text(name), (name, item)
    for name, lines in TRUTH["chrome"].items():
        for line in lines:
            assert line in visible_text(name), (name, line)


def test_aggregator_carries_the_wire_body_verbatim() -> None:
    page = (EXAMPLES / "newshub-aggregator.html").read_text(encoding="utf-8")
    body = re.search(r'<div class="body">(.*?)</div>', page, re.S)
    assert body is not None
    paragraphs = re.findall(r"<p>(.*?)</p>", body.group(1))
    assert [html.unescape(p) for p in paragraphs] == wire_paragraphs()


def test_dailyfeed_edits_are_exactly_as_listed() -> None:
    edits = TRUTH["edits"]["dailyfeed-copy.txt"]
    wire = "\n\n".join(wire_paragraphs())
    copy = visible_text("dailyfeed-copy.txt")
    for old, new in edits["swapped"]:
        assert re.search(rf"\b{old}\b", wire) and not re.search(rf"\b{old}\b", copy), old
        assert re.search(rf"\b{new}\b", copy) and not re.search(rf"\b{new}\b", wire), new
    assert edits["dropped_paragraph_starts_with"] in wire
    assert edits["dropped_paragraph_starts_with"] not in copy
    assert edits["added_sentence"] in copy and edits["added_sentence"] not in wire
    assert "nordpress" not in copy.lower()


def test_text_files_have_no_paragraph_starting_in_lowercase() -> None:
    for path in EXAMPLES.glob("*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not line or not line[0].islower(), (path.name, line[:40])
