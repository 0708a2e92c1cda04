"""Where the line classifier runs: on dumps whose lines the rules dropped for their place, not
on a feed record's text whose chrome every rule named (an aggregator page with its menu)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.ingest import lines
from tests.page_fixtures import BODY

AGGREGATOR_PAGE = [
    "Home | World | Business | Sport | Culture",
    *BODY,
    "Related stories\nFerry fares rise again this winter\nNew school opens in the north of Orrby",
    "Share this story",
]
DUMP = ["Home", "News", "Sport", "Weather", *BODY, "About us", "Privacy policy", "Terms of use"]


@pytest.fixture
def classifier_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the line classifier is asked to read."""
    calls: list[str] = []
    original = lines.classify_dump

    def counted(raw: str, *args: object, **kwargs: object) -> object:
        calls.append(raw)
        return original(raw, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lines, "classify_dump", counted)
    return calls


def extracted(path: Path) -> dict[str, object]:
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    [article] = json.loads(result.output)
    return dict(article)


def test_a_feed_pages_named_chrome_is_removed_by_the_rules_alone(
    tmp_path: Path, classifier_calls: list[str]
) -> None:
    record = {"id": "p1", "title": "Quay to be rebuilt", "text": "\n\n".join(AGGREGATOR_PAGE)}
    (tmp_path / "pages.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    article = extracted(tmp_path / "pages.jsonl")
    assert article["text"] == "\n\n".join(BODY)
    assert classifier_calls == []


def test_a_dump_with_lines_dropped_for_their_place_is_read_by_the_classifier(
    tmp_path: Path, classifier_calls: list[str]
) -> None:
    (tmp_path / "page.txt").write_text("\n\n".join(DUMP), encoding="utf-8")
    article = extracted(tmp_path / "page.txt")
    assert article["text"] == "\n\n".join(BODY)
    assert len(classifier_calls) == 1
