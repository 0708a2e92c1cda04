"""Every bad input gets a one-line InputError naming it; a run goes on with the rest."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.errors import InputError
from compare.ingest import load, load_many
from compare.settings import DEFAULT_SETTINGS

GOOD = (
    "The harbour master of Lundhaven said on Tuesday that the new pier would open in the spring, "
    "and that the ferry to Skarvoy would keep its winter timetable until then.\n"
)


def _error(path: Path | str) -> InputError:
    with pytest.raises(InputError) as caught:
        load(path)
    error = caught.value
    assert str(path) in str(error) and "\n" not in str(error)
    return error


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert _error(tmp_path / "empty.txt").reason == "empty file"
    (tmp_path / "blank.txt").write_bytes(b" \n\n \t")
    assert _error(tmp_path / "blank.txt").reason == "empty file"


def test_binary_file_named_txt(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert _error(tmp_path / "photo.txt").reason == "binary content, not text"


def test_undecodable_bytes(tmp_path: Path) -> None:
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 20)
    assert _error(tmp_path / "noise.txt").reason.startswith("undecodable bytes")


def test_truncated_warc_gz_keeps_records_before_the_cut(tmp_path: Path) -> None:
    from tests.test_ingest import _pages, _warc

    data = _warc(_pages(), gz=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.8)])
    result = load_many([path])
    assert 1 <= len(result.articles) < 3
    assert len(result.skipped) == 1
    assert str(result.skipped[0]).startswith(f"{path}: truncated or damaged web archive")


def test_gzip_that_is_not_a_warc(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "notes.gz").write_bytes(gzip.compress(GOOD.encode()))
    assert "not a web archive" in _error(tmp_path / "notes.gz").reason


def test_malformed_html_still_gives_its_text(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text(
        "<html><head><title>Pier</title><body><div><p>" + GOOD + "<p>" + GOOD + "<b><i></div></span>"
    )
    assert "new pier" in load(tmp_path / "broken.html").text


def test_html_with_no_text(tmp_path: Path) -> None:
    (tmp_path / "void.html").write_text(
        "<!DOCTYPE html><html><head><script>var a = 1;</script></head><body></body></html>"
    )
    assert _error(tmp_path / "void.html").reason == "HTML page holds no text"


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(DEFAULT_SETTINGS.max_input_bytes + 1)
    assert _error(path).reason == (
        "larger than 50 MB, the limit for one page or record (a corpus of any size can be given as JSONL or WARC)"
    )


def test_missing_file() -> None:
    assert _error("no/such/file.txt").reason == "no such file or folder"


def test_malformed_json(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{'id': 1, text: ")
    assert _error(tmp_path / "bad.json").reason == "malformed JSON"
    (tmp_path / "notext.json").write_text('{"id": 1, "title": "x"}')
    assert _error(tmp_path / "notext.json").reason == "JSON record has neither 'text' nor 'html'"


def test_run_goes_on_and_lists_what_was_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = load_many([tmp_path, tmp_path / "missing.txt"])
    assert [Path(a.path or "").name for a in result.articles] == ["good.txt"]
    assert sorted(e.reason for e in result.skipped) == [
        "binary content, not text",
        "empty file",
        "no such file or folder",
    ]


def test_cli_exit_code_is_non_zero_only_when_nothing_was_read(tmp_path: Path) -> None:
    runner = CliRunner()
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    mixed = runner.invoke(app, ["extract", str(tmp_path / "good.txt"), str(tmp_path / "empty.txt")])
    assert mixed.exit_code == 0
    assert f"Skipped: {tmp_path / 'empty.txt'}: empty file" in mixed.output
    only_bad = runner.invoke(app, ["extract", str(tmp_path / "empty.txt")])
    assert only_bad.exit_code != 0


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from compare.ingest import FetchSettings

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode() * 10)))
    with pytest.raises(InputError, match="^stdin: larger than"):
        load("-", fetch=FetchSettings(max_bytes=100))
