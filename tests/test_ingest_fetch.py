"""URLs through httpx against a local server on 127.0.0.1: redirects, errors, timeouts, caps."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from compare.errors import InputError
from compare.ingest import FetchSettings, load, load_many
from compare.ingest.sources import USER_AGENT

BODY = (
    "The harbour master of Lundhaven said on Tuesday that the new pier would open in the spring, "
    "and that the ferry to Skarvoy would keep its winter timetable until then."
)
PAGE = (
    "<!DOCTYPE html><html><head><meta charset='windows-1251'><title>Пирс</title></head><body>"
    f"<article><h1>Pier to open in spring</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
)
SEEN_AGENTS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/page")
            self.end_headers()
        elif self.path == "/page":
            data = PAGE.encode("cp1251")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")  # lies: the bytes are cp1251
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif self.path == "/slow":
            time.sleep(1.5)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/big":
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<p>" + b"x" * 5000 + b"</p>")
        elif self.path == "/broken":
            self.send_response(500)
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_page_is_fetched_through_a_redirect_and_saved_raw(server: str, tmp_path: Path) -> None:
    settings = FetchSettings(save_raw=tmp_path / "raw")
    article = load(f"{server}/moved", fetch=settings)
    assert article.url == f"{server}/page"
    assert article.id == f"{server}/moved"
    assert article.title == "Pier to open in spring"
    assert BODY in article.text
    assert (article.outlet or "").startswith("127.0.0.1")
    saved = list((tmp_path / "raw").iterdir())
    assert len(saved) == 1 and saved[0].read_bytes() == PAGE.encode("cp1251")
    assert SEEN_AGENTS[-1] == USER_AGENT


@pytest.mark.parametrize(
    ("path", "reason"), [("/missing", "HTTP 404 Not Found"), ("/broken", "HTTP 500 Internal Server Error")]
)
def test_http_errors(server: str, path: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        load(f"{server}{path}")
    assert str(caught.value) == f"{server}{path}: {reason}"


def test_timeout(server: str) -> None:
    with pytest.raises(InputError) as caught:
        load(f"{server}/slow", fetch=FetchSettings(read_timeout=0.3, connect_timeout=0.3))
    assert str(caught.value) == f"{server}/slow: timed out"


def test_size_cap(server: str) -> None:
    with pytest.raises(InputError, match="larger than"):
        load(f"{server}/big", fetch=FetchSettings(max_bytes=1000))


def test_a_failing_url_is_skipped_and_the_rest_is_read(server: str) -> None:
    result = load_many([f"{server}/page", f"{server}/missing"])
    assert len(result.articles) == 1
    assert [e.reason for e in result.skipped] == ["HTTP 404 Not Found"]


def test_cli_save_raw_keeps_what_was_fetched(server: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from compare.cli import app

    result = CliRunner().invoke(
        app, ["extract", f"{server}/page", "--format", "jsonl", "--save-raw", str(tmp_path / "raw")]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.splitlines()[0])["url"] == f"{server}/page"
    assert [p.read_bytes() for p in (tmp_path / "raw").iterdir()] == [PAGE.encode("cp1251")]
