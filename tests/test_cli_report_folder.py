"""The report command's edges: where it writes, what it says when a path or the output is wrong,
its help, and a pair of one file with itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parent / "fixtures"
WIRE = str(FIXTURES / "pair" / "wire.txt")
COPY = str(FIXTURES / "pair" / "copy.txt")


def test_output_that_is_a_file_is_one_line_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "taken.txt"
    target.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["report", WIRE, COPY, "-o", str(target)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: {target}: is a file, not a folder (-o takes the folder to write the report into)\n"
    )
    assert target.read_text(encoding="utf-8") == "mine"


def test_a_misspelled_path_alone_is_one_line_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "misspelled-path", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == "Error: misspelled-path: no such file or folder\n"
    assert not (tmp_path / "out").exists()


def test_rewriting_a_report_leaves_no_stale_page_and_keeps_other_files(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    first = runner.invoke(app, ["report", WIRE, COPY, "-o", str(out)])
    assert first.exit_code == 0, first.output
    (out / "pairs" / "old-pair.html").write_text("stale", encoding="utf-8")
    (out / "events" / "e-gone.html").write_text("stale", encoding="utf-8")
    (out / "scan").mkdir()
    (out / "scan" / "matches.csv").write_text("kept", encoding="utf-8")
    second = runner.invoke(app, ["report", WIRE, "-o", str(out)])
    assert second.exit_code == 0, second.output
    assert not (out / "pairs" / "old-pair.html").exists() and not (out / "events" / "e-gone.html").exists()
    assert list((out / "pairs").glob("*.html")) == []
    assert (out / "scan" / "matches.csv").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"], "no temporary folder is left"


def test_a_failed_run_leaves_the_earlier_report_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "reports"
    assert runner.invoke(app, ["report", WIRE, COPY, "-o", str(out)]).exit_code == 0
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*"))

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr("compare.render.html.index_page", broken)
    result = runner.invoke(app, ["report", WIRE, "-o", str(out)])
    assert result.exit_code == 1
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_help_shows_plain_metavars_and_one_example() -> None:
    for command in (
        ["report"],
        ["pair"],
        ["events"],
        ["demo"],
        ["extract"],
        ["scan"],
        ["serve"],
        ["index", "build"],
    ):
        text = runner.invoke(app, [*command, "--help"]).output
        assert "<bool>" not in text and "<list" not in text and "{" not in text, command
        assert text.count("Example:") == 1, command
    assert runner.invoke(app, ["report", "--help"]).output.startswith(
        "Usage: compare report [OPTIONS] PATHS..."
    )
    assert runner.invoke(app, ["pair", "--help"]).output.startswith("Usage: compare pair [OPTIONS] A B")


def test_pair_of_one_file_with_itself_says_so() -> None:
    result = runner.invoke(app, ["pair", WIRE, WIRE, "--format", "text", "--no-stance"])
    assert result.exit_code == 0
    assert f"Note: A and B are the same file ({WIRE}): it is compared with itself.\n" in result.stderr
