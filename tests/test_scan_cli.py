"""CLI of the scan: index build/add/remove/stats and scan, with exact error messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from tests.scan_fixtures import originals, pages

runner = CliRunner()


def _jsonl(path: Path, articles: list) -> Path:
    path.write_text(
        "".join(
            json.dumps({k: v for k, v in a.to_dict().items() if isinstance(v, str)}) + "\n" for a in articles
        )
    )
    return path


def test_index_commands_and_scan(tmp_path: Path) -> None:
    found = originals(8)
    first = _jsonl(tmp_path / "first.jsonl", found[:5])
    rest = _jsonl(tmp_path / "rest.jsonl", found[5:])
    db = tmp_path / "o.db"
    result = runner.invoke(app, ["index", "build", str(first), "--db", str(db)])
    assert result.exit_code == 0 and result.output == f"{db}: 5 added.\n"
    result = runner.invoke(app, ["index", "add", str(rest), str(first), "--db", str(db)])
    assert result.output == f"{db}: 3 added, 5 unchanged.\n"
    result = runner.invoke(app, ["index", "remove", "orig-07", "nope", "--db", str(db)])
    assert result.exit_code == 0 and "Not in the index: nope" in result.output
    result = runner.invoke(app, ["index", "stats", "--db", str(db)])
    assert "documents: 7" in result.output
    page_file = _jsonl(tmp_path / "pages.jsonl", pages(found))
    out = tmp_path / "out"
    result = runner.invoke(app, ["scan", str(page_file), "--index", str(db), "-o", str(out), "--pages", "0"])
    assert result.exit_code == 0, result.output
    assert "4 pages (4 scanned, 0 from an earlier run), 4 matches" in result.output
    assert (out / "matches.csv").read_text().count("\n") == 5
    assert not (out / "pairs").exists()


def test_scan_pages_option_takes_a_count_or_all(tmp_path: Path) -> None:
    found = originals(8)
    db = tmp_path / "o.db"
    assert runner.invoke(app, ["index", "build", str(_jsonl(tmp_path / "o.jsonl", found)), "--db", str(db)]).exit_code == 0
    page_file = _jsonl(tmp_path / "pages.jsonl", pages(found))
    out = tmp_path / "out"
    result = runner.invoke(app, ["scan", str(page_file), "--index", str(db), "-o", str(out), "--pages", "all"])
    assert result.exit_code == 0, result.output
    assert len(list((out / "pairs").glob("*.html"))) == 4
    result = runner.invoke(app, ["scan", str(page_file), "--index", str(db), "-o", str(out), "--pages", "some"])
    assert result.exit_code == 2 and result.output == "Error: --pages takes a number or 'all', got 'some'\n"


def test_min_words_decides_what_is_a_copy(tmp_path: Path) -> None:
    found = originals(8)
    db = tmp_path / "o.db"
    runner.invoke(app, ["index", "build", str(_jsonl(tmp_path / "o.jsonl", found)), "--db", str(db)])
    page_file = _jsonl(tmp_path / "pages.jsonl", pages(found))
    counts = []
    for words in ("20", "150"):
        out = tmp_path / f"out{words}"
        result = runner.invoke(
            app, ["scan", str(page_file), "--index", str(db), "-o", str(out), "--min-words", words]
        )
        assert result.exit_code == 0, result.output
        counts.append((out / "matches.csv").read_text().count("\n") - 1)
    # The digest quotes single paragraphs (about 80 words): not copies at 150 words.
    assert counts == [4, 2]


def test_scan_takes_its_settings_from_set_and_a_settings_file(tmp_path: Path) -> None:
    found = originals(8)
    db = tmp_path / "o.db"
    runner.invoke(app, ["index", "build", str(_jsonl(tmp_path / "o.jsonl", found)), "--db", str(db)])
    page_file = _jsonl(tmp_path / "pages.jsonl", pages(found))
    settings = tmp_path / "scan.toml"
    settings.write_text("[scan]\npair_pages = 1\n[scan.align]\nmin_passage_words = 150\n", encoding="utf-8")
    runs = {
        "file": ["--settings", str(settings)],
        "set": ["--set", "scan.pair_pages=1"],
        "options": ["--settings", str(settings), "--pages", "2", "--min-words", "20"],
    }
    found_rows = {}
    for name, options in runs.items():
        out = tmp_path / name
        result = runner.invoke(app, ["scan", str(page_file), "--index", str(db), "-o", str(out), *options])
        assert result.exit_code == 0, result.output
        found_rows[name] = ((out / "matches.csv").read_text().count("\n") - 1, len(list((out / "pairs").glob("*.html"))))
    # --pages and --min-words win over the file, as --min-words does for pair and report.
    assert found_rows == {"file": (2, 1), "set": (4, 1), "options": (4, 2)}


def test_scan_against_a_missing_index_says_so(tmp_path: Path) -> None:
    page_file = _jsonl(tmp_path / "pages.jsonl", pages(originals(8)))
    db = tmp_path / "none.db"
    result = runner.invoke(app, ["scan", str(page_file), "--index", str(db), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.endswith(
        f"Error: {db}: no such index; create it with `compare index build PATHS --db {db}`\n"
    )


def test_scan_against_a_foreign_file_says_so(tmp_path: Path) -> None:
    page_file = _jsonl(tmp_path / "pages.jsonl", pages(originals(8)))
    foreign = tmp_path / "notes.txt"
    foreign.write_text("hello " * 500)
    result = runner.invoke(
        app, ["scan", str(page_file), "--index", str(foreign), "-o", str(tmp_path / "out")]
    )
    assert result.output.endswith(f"Error: {foreign}: not a compare scan index (not an SQLite database)\n")


def test_scheduler_needs_dask_engine(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["scan", "x", "--index", "y", "-o", "z", "--scheduler", "tcp://127.0.0.1:8786"]
    )
    assert result.exit_code == 2 and result.output == "Error: --scheduler needs --engine dask\n"


def test_every_scan_command_has_help() -> None:
    for args in (["index", "build"], ["index", "add"], ["index", "remove"], ["index", "stats"], ["scan"]):
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output


def test_index_build_reads_originals_in_its_workers_as_the_library_adds_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks of 3 records read in 2 worker processes: a broken line is reported with its number
    and skipped, a repeated id is replaced by its later text; the index holds what build_index
    makes of the same articles."""
    import sqlite3

    import compare.scan.building
    from compare.scan import build_index
    from compare.scan.index import decompress_text, read_dictionary

    found = originals(8)
    changed = type(found[2])(id=found[2].id, text=found[6].text, title="Changed")
    lines = _jsonl(tmp_path / "o.jsonl", [*found, changed]).read_text().splitlines()
    source = tmp_path / "feed.jsonl"
    source.write_text("\n".join([*lines[:4], "{broken", *lines[4:]]) + "\n")
    monkeypatch.setattr(compare.scan.building, "BATCH", 3)
    db = tmp_path / "cli.db"
    result = runner.invoke(app, ["index", "build", str(source), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert f"{source}:5" in result.output and "malformed JSON line" in result.output
    assert f"{db}: 8 added, 1 replaced." in result.output
    library = tmp_path / "library.db"
    build_index(library, [*found, changed], workers=1)

    def held(path: Path) -> list[tuple[object, ...]]:
        conn = sqlite3.connect(path)
        dictionary = read_dictionary(conn)
        rows = conn.execute(
            "SELECT d.id, d.title, d.text_hash, d.fingerprints, t.body, a.keys FROM docs d"
            " JOIN texts t ON t.doc = d.doc JOIN anchors a ON a.doc = d.doc ORDER BY d.id"
        ).fetchall()
        return [(*row[:4], decompress_text(row[4], dictionary), row[5]) for row in rows]

    assert held(db) == held(library)
