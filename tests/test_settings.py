"""Settings: every field is read by the product, and each can be set by its dotted name."""

from __future__ import annotations

import json
import re
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.errors import UsageError
from compare.settings import (
    DEFAULT_SETTINGS,
    LOADING_SETTINGS,
    Settings,
    setting_values,
    settings_file_values,
    with_values,
)

PACKAGE = Path(__file__).resolve().parents[1] / "compare"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
runner = CliRunner()


def _field_names(group: object) -> set[str]:
    names: set[str] = set()
    for f in fields(group):  # type: ignore[arg-type]
        value = getattr(group, f.name)
        names |= _field_names(value) if is_dataclass(value) else {f.name}
    return names


def test_every_setting_is_read_by_the_product() -> None:
    """A setting nothing in the package reads (as ``.name``) is a knob that does nothing."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))
    unread = sorted(name for name in _field_names(DEFAULT_SETTINGS) if not re.search(rf"\.{name}\b", source))
    assert unread == []


def test_dotted_names_set_fields_of_their_type() -> None:
    changed = with_values(DEFAULT_SETTINGS, {"align.min_passage_words": "7", "align.paraphrase": "false"})
    assert changed.align.min_passage_words == 7 and changed.align.paraphrase is False
    assert with_values(DEFAULT_SETTINGS, {"shingle_words": 4}).shingle_words == 4
    assert setting_values(changed)["align.min_passage_words"] == 7
    assert (
        setting_values(DEFAULT_SETTINGS)["relation.model_min_words"]
        == DEFAULT_SETTINGS.relation.model_min_words
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("align.nothing", "1", "unknown setting 'align.nothing' (`compare settings` lists them)"),
        ("align", "1", "unknown setting 'align' (`compare settings` lists them)"),
        ("align.min_passage_words", "many", "setting 'align.min_passage_words' takes a int, not 'many'"),
        ("align.paraphrase", "perhaps", "setting 'align.paraphrase' takes a bool, not 'perhaps'"),
    ],
)
def test_bad_settings_are_usage_errors(name: str, value: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        with_values(DEFAULT_SETTINGS, {name: value})
    assert str(raised.value) == message


def test_settings_file_is_read_by_dotted_name(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("shingle_words = 4\n[align]\nmin_passage_words = 9\n", encoding="utf-8")
    assert settings_file_values(path) == {"shingle_words": 4, "align.min_passage_words": 9}
    assert isinstance(with_values(Settings(), settings_file_values(path)), Settings)


def copied(pair_json: str) -> list[str]:
    """The copied passages' kinds in a pair's JSON."""
    return [p["kind"] for p in json.loads(pair_json)["passages"] if p["kind"] in ("verbatim", "edited")]


def test_pair_takes_set_and_a_settings_file(tmp_path: Path) -> None:
    wire, copy = str(FIXTURES / "pair" / "wire.txt"), str(FIXTURES / "pair" / "copy.txt")
    shown = runner.invoke(app, ["pair", wire, copy, "-f", "json", "--no-stance"])
    assert shown.exit_code == 0, shown.output
    assert copied(shown.stdout)
    unset = runner.invoke(
        app, ["pair", wire, copy, "-f", "json", "--no-stance", "--set", "align.min_passage_words=400"]
    )
    assert unset.exit_code == 0, unset.output
    assert not copied(unset.stdout)
    path = tmp_path / "s.toml"
    path.write_text("[align]\nmin_passage_words = 400\n", encoding="utf-8")
    from_file = runner.invoke(app, ["pair", wire, copy, "-f", "json", "--no-stance", "--settings", str(path)])
    assert from_file.stdout == unset.stdout
    overridden = runner.invoke(
        app, ["pair", wire, copy, "-f", "json", "--no-stance", "--settings", str(path), "--min-words", "5"]
    )
    assert overridden.stdout == shown.stdout


def test_cli_names_a_bad_setting_in_one_line() -> None:
    wire = str(FIXTURES / "pair" / "wire.txt")
    result = runner.invoke(app, ["pair", wire, wire, "--set", "min_words"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --set takes NAME=VALUE, got 'min_words'\n"
    result = runner.invoke(app, ["report", wire, "--set", "align.nothing=3"])
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown setting 'align.nothing' (`compare settings` lists them)\n"


def test_cli_refuses_settings_read_while_loading(tmp_path: Path) -> None:
    """Loading runs with the default ingest settings, so setting one is refused, not ignored."""
    wire = str(FIXTURES / "pair" / "wire.txt")
    result = runner.invoke(app, ["pair", wire, wire, "--set", "cleaner.length_low=10"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: cleaner.length_low is read while inputs are loaded, with its default: "
        "--set and --settings cannot change it\n"
    )
    path = tmp_path / "settings.toml"
    path.write_text("max_input_bytes = 10\n", encoding="utf-8")
    result = runner.invoke(app, ["events", wire, "--settings", str(path)])
    assert result.exit_code == 2
    assert "max_input_bytes is read while inputs are loaded" in result.stderr
    assert {f.name for f in fields(Settings)} >= LOADING_SETTINGS


def test_scan_and_the_other_commands_refuse_each_others_settings(tmp_path: Path) -> None:
    """`compare scan` applies its scan.* settings only (any other is refused before a page is read),
    and the other commands refuse those."""
    wire = str(FIXTURES / "pair" / "wire.txt")
    out = ["--index", str(tmp_path / "none.sqlite"), "-o", str(tmp_path / "out")]
    result = runner.invoke(app, ["scan", wire, *out, "--set", "relation.model_min_words=80"])
    assert result.exit_code == 2
    assert result.stderr == "Error: relation.model_min_words: this command applies only the scan.* settings\n"
    assert not (tmp_path / "out").exists()
    result = runner.invoke(app, ["report", wire, "-o", str(tmp_path / "report"), "--set", "scan.pair_pages=3"])
    assert result.exit_code == 2
    assert result.stderr == "Error: scan.pair_pages: only compare scan applies the scan.* settings\n"


def test_settings_command_lists_every_setting() -> None:
    result = runner.invoke(app, ["settings"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(setting_values(DEFAULT_SETTINGS))
    assert f"align.min_passage_words = {DEFAULT_SETTINGS.align.min_passage_words}" in lines
    assert "align.paraphrase = true" in lines


def test_grouping_settings_reach_events_and_report(tmp_path: Path) -> None:
    """`--set group.*` changes the events that `compare events` prints and `compare report` pages."""
    from compare.examples_path import example_articles

    paths = [str(p) for p in example_articles()]
    apart = ["--set", "group.event_distance=0.05"]
    default = json.loads(runner.invoke(app, ["events", *paths, "-f", "json"]).stdout)
    split = runner.invoke(app, ["events", *paths, "-f", "json", *apart])
    assert split.exit_code == 0, split.output
    assert len(json.loads(split.stdout)) > len(default)
    report = runner.invoke(app, ["report", *paths, "-o", str(tmp_path / "r"), *apart])
    assert report.exit_code == 0, report.output
    assert len(json.loads((tmp_path / "r" / "index.json").read_text())["events"]) == len(json.loads(split.stdout))


def test_stance_settings_reach_pair_and_report(tmp_path: Path) -> None:
    """`--set stance.*` changes the stance section `compare pair` prints and `compare report` writes."""
    wire, copy = str(FIXTURES / "pair" / "wire.txt"), str(FIXTURES / "pair" / "copy.txt")
    loaded = ["--set", "stance.bias_offset=5"]
    default = json.loads(runner.invoke(app, ["pair", wire, copy, "-f", "json"]).stdout)
    shifted = json.loads(runner.invoke(app, ["pair", wire, copy, "-f", "json", *loaded]).stdout)
    assert default["stance"]["a"]["bias"]["loaded_sentences"] == 0
    assert shifted["stance"]["a"]["bias"]["loaded_sentences"] == len(shifted["stance"]["a"]["bias"]["sentences"])
    report = runner.invoke(app, ["report", wire, copy, "-o", str(tmp_path / "r"), *loaded])
    assert report.exit_code == 0, report.output
    profiles = json.loads((tmp_path / "r" / "index.json").read_text())["stance_profiles"]
    assert all(p["bias"]["loaded_sentences"] == len(p["bias"]["sentences"]) for p in profiles.values())
