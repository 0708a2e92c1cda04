"""The pair JSON contract through the CLI: passages, overlap, relation, direction and quotes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from compare.cli import app

TEXT = (
    "The harbour council voted to close the pier. \u201cWe cannot risk another winter on those planks,\u201d "
    "the mayor said.\r\n\r\nRepairs start in May \u2014 weather permitting.\n"
)


def test_same_file_twice_is_one_verbatim_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    out = CliRunner().invoke(app, ["pair", str(path), str(path), "--no-clean", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["relation"] == "duplicate"
    assert [p["kind"] for p in data["passages"]] == ["verbatim"]
    text = data["a"]["text"]
    assert data["passages"][0]["a"] == [0, len(text)] == data["passages"][0]["b"]
    assert set(data["overlap"]) >= {"containment_a_in_b", "containment_b_in_a", "jaccard"}
    assert set(data["direction"]) == {"source", "confidence", "evidence"}
    assert data["quotes"] and data["quotes"][0]["a_text"] == "We cannot risk another winter on those planks"


def test_offsets_slice_the_decoded_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(TEXT.encode("utf-8"))
    b.write_bytes(("Intro line here.\r\n" + TEXT.replace("May", "June")).encode("utf-8"))
    out = CliRunner().invoke(app, ["pair", str(a), str(b), "--no-clean", "--format", "json"])
    data = json.loads(out.output)
    raw_a = a.read_bytes().decode("utf-8")
    raw_b = b.read_bytes().decode("utf-8")
    assert data["a"]["text"] == raw_a and data["b"]["text"] == raw_b
    for passage in data["passages"]:
        if passage["a"] is None or passage["b"] is None:
            assert passage["kind"] == "unique"
        for edit in passage["edits"]:
            assert raw_a[edit["a"][0] : edit["a"][1]] == edit["a_text"]
            assert raw_b[edit["b"][0] : edit["b"][1]] == edit["b_text"]
