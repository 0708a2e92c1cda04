"""The CLI through typer's CliRunner: success paths and the exact text of errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from compare.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "pair"
WIRE = str(FIXTURES / "wire.txt")
COPY = str(FIXTURES / "copy.txt")
runner = CliRunner()


def _command_paths() -> list[list[str]]:
    paths = [[c.name or c.callback.__name__] for c in app.registered_commands if c.callback]
    for group in app.registered_groups:
        assert group.typer_instance is not None and group.name
        paths += [[group.name, c.name or c.callback.__name__] for c in group.typer_instance.registered_commands if c.callback]
    return paths


def test_every_command_has_help_with_an_example() -> None:
    paths = _command_paths()
    names = {" ".join(p) for p in paths}
    assert {"pair", "report", "demo", "extract", "events", "scan", "serve", "index build", "train stance"} <= names
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Example:" in result.output, path


def test_every_command_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for path in _command_paths():
        assert f"compare {' '.join(path)}" in readme, path


def test_pair_json_follows_the_contract() -> None:
    result = runner.invoke(app, ["pair", WIRE, COPY, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"a", "b", "relation", "direction", "overlap", "passages"} <= set(data)
    for side in ("a", "b"):
        assert {"path", "title", "outlet", "date", "text"} <= set(data[side])
    assert data["relation"] == "copy-with-edits"
    assert data["direction"]["source"] == "a"
    assert {"containment_a_in_b", "containment_b_in_a", "jaccard"} <= set(data["overlap"])
    for passage in data["passages"]:
        if passage["a"]:
            start, end = passage["a"]
            assert data["a"]["text"][start:end].strip() == data["a"]["text"][start:end]


def test_pair_of_a_file_with_itself_unclean_is_one_verbatim_passage() -> None:
    result = runner.invoke(app, ["pair", COPY, COPY, "--no-clean", "--format", "json"])
    data = json.loads(result.stdout)
    text = Path(COPY).read_text(encoding="utf-8")
    assert data["a"]["text"] == text
    assert data["relation"] == "duplicate"
    assert [(p["kind"], p["a"], p["b"]) for p in data["passages"]] == [("verbatim", [0, len(text)], [0, len(text)])]


def test_pair_html_writes_page_and_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["pair", WIRE, COPY, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = Path(result.stdout.strip())
    assert page.is_file() and page.suffix == ".html"
    assert page.with_suffix(".json").is_file()
    assert "copy-with-edits" in page.read_text(encoding="utf-8")


def test_pair_text_format_names_relation_and_source() -> None:
    result = runner.invoke(app, ["pair", WIRE, COPY, "--format", "text"])
    assert result.exit_code == 0
    assert "Relation: copy-with-edits" in result.stdout
    assert "Source: a" in result.stdout


def test_pair_with_missing_file_is_a_usage_error() -> None:
    result = runner.invoke(app, ["pair", WIRE, "nope.txt"])
    assert result.exit_code == 2
    assert result.stderr == "Error: nope.txt: no such file or folder\n"


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty.txt", "empty file"), ("binary.txt", "binary content, not text")],
)
def test_pair_with_unreadable_file_fails_with_reason(name: str, reason: str) -> None:
    bad = str(FIXTURES / name)
    result = runner.invoke(app, ["pair", WIRE, bad])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bad}: {reason}\n"


def test_report_reports_good_inputs_and_lists_skipped(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", WIRE, COPY, str(FIXTURES / "empty.txt"), "nope.txt", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"Skipped: {FIXTURES / 'empty.txt'}: empty file" in result.stderr
    assert "Skipped: nope.txt: no such file or folder" in result.stderr
    assert "Skipped 2 inputs." in result.stderr
    index = tmp_path / "index.html"
    assert Path(result.stdout.strip()) == index
    html = index.read_text(encoding="utf-8")
    assert "nope.txt: no such file or folder" in html
    linked = sorted((tmp_path / "pairs").glob("*.html"))
    assert linked and all(p.name in html for p in linked)


def test_report_on_folder_without_articles_fails(tmp_path: Path) -> None:
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    result = runner.invoke(app, ["report", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"Error: no article could be read from {tmp_path}"
    assert not (tmp_path / "out" / "index.html").exists()


# Every command that reads articles, with the options it needs (``{out}``: a fresh folder).
READING_COMMANDS = [
    ["report", "-o", "{out}"],
    ["events"],
    ["extract"],
    ["index", "build", "--db", "{out}/o.db"],
    ["scan", "--index", "{out}/o.db", "-o", "{out}"],
]


def _run_reading(command: list[str], out: Path, inputs: list[str]) -> Result:
    """Run one of READING_COMMANDS on ``inputs`` (a scan gets an index of the wire story first)."""
    if command[0] == "scan":
        assert runner.invoke(app, ["index", "build", WIRE, "--db", str(out / "o.db")]).exit_code == 0
    return runner.invoke(app, [part.format(out=out) for part in command] + inputs)


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_commands_reading_articles_fail_alike_when_none_is_read(tmp_path: Path, command: list[str]) -> None:
    empty = str(FIXTURES / "empty.txt")
    result = _run_reading(command, tmp_path, [empty, "nope.txt"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Skipped: {empty}: empty file\n"
        "Skipped: nope.txt: no such file or folder\n"
        "Skipped 2 inputs.\n"
        f"Error: no article could be read from {empty}, nope.txt\n"
    )


@pytest.mark.parametrize("command", READING_COMMANDS)
def test_commands_reading_articles_take_inputs_none_of_which_exists_as_a_usage_error(
    tmp_path: Path, command: list[str]
) -> None:
    result = _run_reading(command, tmp_path, ["nope.txt", "gone/"])
    assert result.exit_code == 2
    assert result.stderr == "Error: nope.txt, gone/: no such file or folder\n"


def test_extract_json_has_metadata_and_clean_text() -> None:
    result = runner.invoke(app, ["extract", COPY, "--format", "json"])
    assert result.exit_code == 0
    [record] = json.loads(result.stdout)
    assert record["title"] == "Ferry timetable changes approved in Tidewater"
    assert "Be the first to comment" not in record["text"]
    assert any(r["text"] == "Be the first to comment" for r in record["removed"])


def test_extract_jsonl_prints_one_line_per_article() -> None:
    result = runner.invoke(app, ["extract", WIRE, COPY, "--format", "jsonl"])
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["text"] for line in lines)


def test_demo_writes_index_of_the_bundled_sample(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert Path(result.stdout.strip()) == tmp_path / "index.html"
    assert list((tmp_path / "pairs").glob("*.html"))


def test_report_keeps_each_stance_profile_once_in_index_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", WIRE, COPY, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    [pair_file] = (tmp_path / "pairs").glob("*.json")
    pair = json.loads(pair_file.read_text(encoding="utf-8"))
    for side in ("a", "b"):
        reference = pair["stance"][side]
        assert reference["article"] == pair[side]["id"]
        assert "voices" in index["stance_profiles"][reference["article"]]
        assert all("text" not in item and item["carried_by"] for item in pair["stance"]["omissions"][side]["items"])


def test_pair_json_carries_stance_unless_left_out() -> None:
    full = json.loads(runner.invoke(app, ["pair", WIRE, COPY, "--format", "json"]).stdout)
    assert {"claim", "a", "b", "omissions"} <= set(full["stance"])
    lean = json.loads(runner.invoke(app, ["pair", WIRE, COPY, "--format", "json", "--no-stance"]).stdout)
    assert "stance" not in lean
    assert lean["passages"] == full["passages"]


HARBOUR = str(Path(__file__).parent / "fixtures" / "min_words" / "harbour.txt")
ISLAND = str(Path(__file__).parent / "fixtures" / "min_words" / "island.txt")


def _copied_kinds(passages: list[dict[str, object]]) -> list[object]:
    return [p["kind"] for p in passages if p["kind"] != "unique"]


@pytest.mark.parametrize(("extra", "kinds"), [([], ["verbatim"]), (["--min-words", "20"], [])])
def test_pair_min_words_decides_which_copies_are_reported(extra: list[str], kinds: list[str]) -> None:
    result = runner.invoke(app, ["pair", HARBOUR, ISLAND, "--format", "json", "--no-stance", *extra])
    assert result.exit_code == 0, result.output
    assert _copied_kinds(json.loads(result.stdout)["passages"]) == kinds


def test_report_min_words_reaches_every_pair(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", HARBOUR, ISLAND, "--topic", "--min-words", "20", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    pages = sorted((tmp_path / "pairs").glob("*.json"))
    assert pages
    for page in pages:
        assert _copied_kinds(json.loads(page.read_text(encoding="utf-8"))["passages"]) == []


@pytest.mark.parametrize("command", ["pair", "report"])
def test_min_words_below_one_is_a_usage_error(command: str, tmp_path: Path) -> None:
    inputs = [HARBOUR, ISLAND] if command == "pair" else [HARBOUR, "-o", str(tmp_path)]
    result = runner.invoke(app, [command, *inputs, "--min-words", "0"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --min-words must be at least 1, got 0\n"
    assert not (tmp_path / "index.html").exists()
