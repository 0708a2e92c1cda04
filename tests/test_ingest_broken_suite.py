"""A folder of broken and awkward files among good ones, read as a user reads it: every good file
and record read, every broken one named with its reason, no traceback, exit 0."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app

PROSE = (
    "The harbour master of Lundhaven said on Tuesday that the new pier would open in the spring, "
    "and that the ferry to Skarvoy would keep its winter timetable until then."
)
MORE = (
    "Fishermen in Skarvoy said they had waited three years for the pier, and that the delay had cost "
    "them a season of catches that the council has yet to make good."
)
RUSSIAN = (
    "Министр иностранных дел Вельмории заявил в среду, что переговоры о новом маяке продолжатся "
    "в следующем месяце, а рыбаки получат компенсацию за потерянный сезон."
)


def _page(title: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{PROSE}</p><p>{MORE}</p>"
        "</article></body></html>"
    )


def _warc_record(url: str | None, body: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    )
    return out.getvalue()


# A response record cut short, with no WARC-Target-URI: warcio itself fails on it.
CUT_RECORD = (
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
    b"Content-Type: application/http; msgtype=response\r\nContent-Length: 900\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The pier"
)


def build_suite(root: Path) -> dict[str, list[str]]:
    """Write the suite under ``root``; returns the ids expected to be read and the skips expected
    (each as ``place: reason`` with the place relative to ``root``)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "good.txt").write_text(f"{PROSE}\n\n{MORE}\n", encoding="utf-8")
    (root / "page.html").write_text(_page("Pier to open in spring"), encoding="utf-8")
    (root / "utf16.txt").write_text(f"{PROSE}\n\n{MORE}\n", encoding="utf-16")
    (root / "russian.txt").write_bytes(f"{RUSSIAN}\n\n{RUSSIAN}\n".encode("cp1251"))
    lines = [
        json.dumps({"id": "feed-1", "text": PROSE}),
        "[1, 2, 3]",
        "null",
        "42",
        '{"id": "feed-x", "text": ',
        json.dumps({"id": "feed-y", "title": "no body"}),
        "",
        json.dumps({"id": "feed-2", "text": MORE, "url": "https://herald.example/2"}),
        "[" * 20_000,
        json.dumps({"id": "feed-3", "html": _page("Ferry timetable")}),
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "list.json").write_text(
        json.dumps([{"id": "list-1", "text": PROSE}, "a string"]), encoding="utf-8"
    )
    (root / "story.xml").write_text(
        f"<?xml version='1.0'?><nitf><head><title>Pier</title></head><body><hl1>Pier</hl1><p>{MORE}</p></body></nitf>"
    )
    (root / "sitemap.xml").write_text(
        "<?xml version='1.0'?><urlset><url><loc>https://x.example/</loc></url></urlset>"
    )
    good_records = _warc_record("https://herald.example/a", _page("A").encode()) + _warc_record(
        "https://herald.example/b", _page("B").encode()
    )
    (root / "crawl.warc.gz").write_bytes(good_records + gzip.compress(CUT_RECORD))
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.html").write_text(" \n\t\n")
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (root / "scan.txt").write_bytes(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256))
    )
    (root / "notes.gz").write_bytes(gzip.compress(PROSE.encode()))
    (root / "deep.json").write_text("[" * 20_000 + "]" * 20_000)
    (root / "bad.json").write_text("{'id': 1, text: ")
    (root / "README.md").write_text("# Notes on this folder, not an article\n")
    (root / ".hidden.txt").write_text(PROSE)
    (root / "named-like-a-file.txt").mkdir()
    (root / "named-like-a-file.txt" / "inside.txt").write_text(f"{MORE}\n\n{PROSE}\n")
    os.symlink("loop.txt", root / "loop.txt")
    os.symlink("nowhere.txt", root / "broken-link.txt")
    os.symlink("..", root / "named-like-a-file.txt" / "back-up")
    return {
        "read": sorted(
            [
                "feed-1",
                "feed-2",
                "feed-3",
                "https://herald.example/a",
                "https://herald.example/b",
                "list-1",
                *(
                    str(root / name)
                    for name in ("good.txt", "page.html", "utf16.txt", "russian.txt", "story.xml")
                ),
                str(root / "named-like-a-file.txt" / "inside.txt"),
            ]
        ),
        "skipped": sorted(
            [
                "blank.html: empty file",
                "broken-link.txt: broken symbolic link",
                "crawl.warc.gz: truncated or damaged web archive (after 2 records)",
                "bad.json: malformed JSON",
                "deep.json: JSON nested too deeply to read",
                "empty.txt: empty file",
                "feed.jsonl:2: JSON record is an array, not an object",
                "feed.jsonl:3: JSON record is null, not an object",
                "feed.jsonl:4: JSON record is a number, not an object",
                "feed.jsonl:5: malformed JSON line",
                "feed.jsonl:6: JSON record has neither 'text' nor 'html'",
                "feed.jsonl:9: nested too deeply to read",
                "list.json[1]: JSON record is a string, not an object",
                "loop.txt: symbolic link loop",
                "named-like-a-file.txt/back-up: symbolic link to a folder already read",
                "notes.gz: gzip file that is not a web archive (.warc.gz)",
                "photo.txt: binary content, not text",
                "scan.txt: binary content, not text",
                "sitemap.xml: XML document holds no story text",
            ]
        ),
    }


def _skips(stderr: str, root: Path) -> list[str]:
    lines = [line.removeprefix("Skipped: ") for line in stderr.splitlines() if line.startswith("Skipped: ")]
    return sorted(line.removeprefix(f"{root}/") for line in lines)


def _check(stdout: str, stderr: str, root: Path, expected: dict[str, list[str]]) -> None:
    assert "Traceback" not in stderr + stdout
    assert sorted(record["id"] for record in json.loads(stdout)) == expected["read"]
    found = _skips(stderr, root)
    assert len(found) == len(expected["skipped"]), found
    for line, start in zip(found, expected["skipped"], strict=True):
        assert line.startswith(start), (line, start)
    assert f"Skipped {len(expected['skipped'])} inputs." in stderr


def test_the_suite_through_the_cli(tmp_path: Path) -> None:
    root = tmp_path / "suite"
    expected = build_suite(root)
    result = CliRunner().invoke(app, ["extract", str(root)])
    assert result.exit_code == 0, result.output
    _check(result.stdout, result.stderr, root, expected)


@pytest.mark.slow
def test_the_suite_through_the_installed_command(tmp_path: Path) -> None:
    root = tmp_path / "suite"
    expected = build_suite(root)
    command = shutil.which("compare") or str(Path(sys.executable).parent / "compare")
    done = subprocess.run(
        [command, "extract", str(root)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    _check(done.stdout, done.stderr, root, expected)


def test_debug_shows_the_traceback_behind_a_skipped_input(tmp_path: Path) -> None:
    root = tmp_path / "suite"
    build_suite(root)
    result = CliRunner().invoke(app, ["--debug", "extract", str(root / "crawl.warc.gz")])
    assert result.exit_code == 0
    assert "Traceback" in result.stderr and "AttributeError" in result.stderr


def test_an_unexpected_failure_is_one_line_without_debug(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import compare.ingest

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(compare.ingest, "iter_articles", broken)
    (tmp_path / "good.txt").write_text(PROSE)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "good.txt")])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: unexpected ZeroDivisionError: division by zero (run `compare --debug ...` for the traceback)\n"
    )
