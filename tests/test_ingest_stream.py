"""``iter_articles``: corpus files of any size read as a stream of records, one batch in memory."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.errors import InputError
from compare.ingest import FetchSettings, iter_articles, load_many
from tests.test_ingest import EN, PAGE, _warc

SMALL = FetchSettings(max_bytes=4096)


def _story(number: int) -> str:
    return f"Story {number}. {EN} The council met {number} times this year to discuss the pier."


def _jsonl(path: Path, count: int, extra: dict[int, str] | None = None) -> Path:
    lines = [json.dumps({"id": f"s{n}", "text": _story(n)}) for n in range(count)]
    for number, line in (extra or {}).items():
        lines.insert(number - 1, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_jsonl_larger_than_the_limit_is_read_record_by_record(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", 60)
    assert path.stat().st_size > SMALL.max_bytes
    items = list(iter_articles([path], fetch=SMALL))
    assert [getattr(item, "id", None) for item in items] == [f"s{n}" for n in range(60)]


def test_a_record_over_the_limit_is_named_by_line_and_the_rest_read(tmp_path: Path) -> None:
    huge = json.dumps({"id": "huge", "text": EN * 100})
    path = _jsonl(tmp_path / "feed.jsonl", 4, {3: huge})
    items = list(iter_articles([path], fetch=SMALL))
    errors = [item for item in items if isinstance(item, InputError)]
    assert [str(e) for e in errors] == [
        f"{path}:3: larger than 4 kB, the limit for one page or record "
        "(a corpus of any size can be given as JSONL or WARC)"
    ]
    assert [a.id for a in items if not isinstance(a, InputError)] == ["s0", "s1", "s2", "s3"]


def test_a_page_over_the_limit_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text((EN + "\n\n") * 40)
    (error,) = list(iter_articles([path], fetch=SMALL))
    assert isinstance(error, InputError) and error.reason.startswith("larger than")


def test_articles_arrive_before_the_input_is_read_to_the_end(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", 30)
    stream = iter_articles([path], batch=5)
    first = next(stream)
    assert not isinstance(first, InputError) and first.id == "s0"
    with path.open("a") as handle:  # lines written after the first batch was read still arrive
        handle.write(json.dumps({"id": "late", "text": _story(99)}) + "\n")
    assert [a.id for a in stream if not isinstance(a, InputError)][-1] == "late"


def test_load_many_is_the_stream_collected(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", 6, {2: "[1, 2]", 5: "{broken"})
    result = load_many([path, tmp_path / "missing.txt"])
    streamed = list(iter_articles([path, tmp_path / "missing.txt"], batch=2))
    assert result.articles == tuple(a for a in streamed if not isinstance(a, InputError))
    assert [str(e) for e in result.skipped] == [str(e) for e in streamed if isinstance(e, InputError)]
    assert [e.source for e in result.skipped] == [f"{path}:2", f"{path}:5", str(tmp_path / "missing.txt")]


def test_a_warc_is_streamed_and_a_record_over_the_limit_skipped(tmp_path: Path) -> None:
    body = EN * 3
    records = [
        ("https://lundhaven.example/1", PAGE.format(charset="utf-8", title="One", body=body).encode()),
        ("https://lundhaven.example/2", PAGE.format(charset="utf-8", title="Two", body=body * 12).encode()),
        ("https://lundhaven.example/3", PAGE.format(charset="utf-8", title="Three", body=body).encode()),
    ]
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(records * 4, gz=True))
    items = list(iter_articles([path], fetch=SMALL))
    errors = [item for item in items if isinstance(item, InputError)]
    assert len(errors) == 4 and all("/2)" in e.source and "larger than" in e.reason for e in errors)
    assert sum(not isinstance(item, InputError) for item in items) == 8


def test_jsonl_from_stdin_is_streamed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = _jsonl(tmp_path / "feed.jsonl", 40).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(iter_articles(["-"], fetch=SMALL))
    assert len(items) == 40 and not any(isinstance(item, InputError) for item in items)


def test_utf16_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join(json.dumps({"id": f"u{n}", "text": _story(n)}) for n in range(3)), encoding="utf-16"
    )
    assert [a.id for a in load_many([path]).articles] == ["u0", "u1", "u2"]


def test_extract_streams_the_same_json_as_one_list(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", 3, {2: "null"})
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    expected = [a.to_dict() for a in load_many([path]).articles]
    assert result.stdout == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert f"Skipped: {path}:2: JSON record is null, not an object\nSkipped 1 input." in result.stderr


def test_records_built_in_worker_processes_are_the_same_in_the_same_order(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", 240, {7: "{not json", 130: json.dumps({"id": "x", "html": 3})})
    alone = list(iter_articles([path]))
    pooled = list(iter_articles([path], workers=2))
    assert [str(item) if isinstance(item, InputError) else item for item in pooled] == [
        str(item) if isinstance(item, InputError) else item for item in alone
    ]
    assert [str(item) for item in pooled if isinstance(item, InputError)] == [
        f"{path}:7: malformed JSON line (Expecting property name enclosed in double quotes)",
        f"{path}:130: JSON record has neither 'text' nor 'html'",
    ]


def test_extract_reads_in_every_core_by_default_and_prints_the_same(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", 240, {7: "{not json"})
    alone = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl", "--workers", "1"])
    pooled = CliRunner().invoke(app, ["extract", str(path), "--format", "jsonl", "--workers", "2"])
    assert alone.exit_code == pooled.exit_code == 0
    assert pooled.stdout == alone.stdout and pooled.stdout.count("\n") == 240
    assert f"Skipped: {path}:7: malformed JSON line" in pooled.stderr
    refused = CliRunner().invoke(app, ["extract", str(path), "--workers", "0"])
    assert refused.exit_code != 0 and "--workers must be at least 1, got 0" in refused.stderr
