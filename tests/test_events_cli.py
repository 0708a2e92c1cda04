"""`compare events` and the report's index -> events -> pairs flow, through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from compare.cli import app
from tests.group_fixtures import ALL, BRIDGE_1

runner = CliRunner()


def write_fiction(folder: Path, articles: tuple = ALL) -> Path:  # type: ignore[type-arg]
    """Each fictional article as a plain-text file: title line, blank line, dateline body."""
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / f"{article.id}.txt").write_text(f"{article.title}\n\n{article.text}\n", encoding="utf-8")
    return folder


def test_events_json_lists_events_with_id_label_topic_and_paths(tmp_path: Path) -> None:
    folder = write_fiction(tmp_path / "news")
    result = runner.invoke(app, ["events", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    groups = {frozenset(Path(p).stem for p in e["articles"]) for e in events}
    assert groups == {
        frozenset({"bridge-1", "bridge-2"}),
        frozenset({"mine-1", "mine-2"}),
        frozenset({"festival"}),
    }
    for event in events:
        assert event["id"].startswith("e-") and event["topic"].startswith("t-") and event["label"]
        assert set(event["reasons"]) == set(event["articles"])


def test_events_text_names_topics_events_and_reasons(tmp_path: Path) -> None:
    folder = write_fiction(tmp_path / "news")
    result = runner.invoke(app, ["events", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Topic 1 (t-")
    assert "Event e-" in result.stdout
    assert "shared terms:" in result.stdout
    assert "alone: no other article is close enough to be the same event" in result.stdout


def test_events_of_a_folder_of_one_article_is_one_event(tmp_path: Path) -> None:
    folder = write_fiction(tmp_path / "one", (BRIDGE_1,))
    result = runner.invoke(app, ["events", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    [event] = json.loads(result.stdout)
    assert [Path(p).name for p in event["articles"]] == ["bridge-1.txt"]


def test_events_with_only_a_missing_file_is_a_usage_error() -> None:
    result = runner.invoke(app, ["events", "nope.txt"])
    assert result.exit_code == 2
    assert result.stderr == "Error: nope.txt: no such file or folder\n"


def test_report_goes_index_to_events_to_pairs_within_events(tmp_path: Path) -> None:
    folder = write_fiction(tmp_path / "news")
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    pages = sorted((out / "events").glob("e-*.html"))
    assert len(pages) == 3 and all(f"events/{p.name}" in index for p in pages)
    # Two events of two articles: two pairs, not the ten of every pair.
    assert len(list((out / "pairs").glob("*.html"))) == 2
    summary = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert len(summary["events"]) == 3 and len(summary["pairs"]) == 2
    bridge = next(p for p in pages if "Valmora" in p.read_text(encoding="utf-8"))
    page = bridge.read_text(encoding="utf-8")
    assert "<svg" in page and "../pairs/" in page and "Order of publication" in page
    data = json.loads(bridge.with_suffix(".json").read_text(encoding="utf-8"))
    assert {"flow", "collation", "pairs", "talking_points", "stance"} <= set(data)
    stance = data["stance"]
    assert stance["claim"]["article"] == data["flow"]["order"][0]
    assert sorted(stance["articles"]) == sorted(data["articles"])
    items = [item for figures in stance["articles"].values() for item in figures["omissions"]["items"]]
    assert items and all(
        "text" not in item and all("span" in c for c in item["carried_by"]) for item in items
    )
    assert 'id="stance-table"' in page and "Who speaks in which article" in page


def test_report_by_topic_compares_across_the_events_of_a_topic(tmp_path: Path) -> None:
    folder = write_fiction(tmp_path / "news")
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", str(folder), "-o", str(out), "--topic"])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "index.json").read_text(encoding="utf-8"))
    by_topic: dict[str, int] = {}
    for event in summary["events"]:
        by_topic[event["topic"]] = by_topic.get(event["topic"], 0) + len(event["articles"])
    assert len(summary["pairs"]) == sum(n * (n - 1) // 2 for n in by_topic.values())
