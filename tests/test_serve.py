"""compare serve: loopback by default, files inside the folder only, a clear message for a taken port."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.cli.serve import LOOPBACK, make_server


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    tmp_path = tmp_path_factory.mktemp("serve")
    root = tmp_path / "report"
    (root / "pairs").mkdir(parents=True)
    (root / "index.html").write_text("<p>index</p>")
    (root / "pairs" / "one.html").write_text("<p>pair</p>")
    (tmp_path / "secret.txt").write_text("outside the report")
    (root / "escape").symlink_to(tmp_path / "secret.txt")
    (root / "escape-dir").symlink_to(tmp_path)
    (root / "inner").symlink_to(root / "pairs" / "one.html")
    server = make_server(root, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], root
    server.shutdown()
    server.server_close()


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=5)
    connection.putrequest("GET", path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_serves_files_inside_the_folder(served: tuple[int, Path]) -> None:
    port, _ = served
    assert get(port, "/index.html") == (200, b"<p>index</p>")
    assert get(port, "/pairs/one.html") == (200, b"<p>pair</p>")
    assert get(port, "/pairs/one.html?x=1#p3")[0] == 200
    assert get(port, "/inner") == (200, b"<p>pair</p>")


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/pairs/../../secret.txt",
        "/..%2fsecret.txt",
        "/pairs/..%2f..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%5csecret.txt",
        "/pairs%2f..%2f..%2fsecret.txt",
        "/escape",
        "/escape-dir/secret.txt",
        "//etc/passwd",
        "/%00index.html",
        "/%ff%fe",
    ],
)
def test_nothing_outside_the_folder_is_served(served: tuple[int, Path], path: str) -> None:
    status, body = get(served[0], path)
    assert status == 404
    assert b"outside the report" not in body and b"root:" not in body


def test_no_directory_listing(served: tuple[int, Path]) -> None:
    status, body = get(served[0], "/pairs/")
    assert status == 404 and b"one.html" not in body


def test_binds_loopback_by_default(tmp_path: Path) -> None:
    server = make_server(tmp_path, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_taken_port_gives_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", str(tmp_path), "--port", str(port)])
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"Error: port {port} on 127.0.0.1 is already in use; pick another with --port"
    )


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {tmp_path / 'nope'}: no such folder"


def test_command_serves_until_interrupted(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    (tmp_path / "index.html").write_text("<p>index</p>")
    repo = Path(__file__).resolve().parents[1]
    # As a terminal's foreground command gets Ctrl+C: a suite run as a background job inherits
    # SIGINT ignored, and a child that ignores it would never stop.
    process = subprocess.Popen(
        [sys.executable, "-m", "compare", "serve", str(tmp_path), "--port", "0"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith(f"Serving {tmp_path} at http://127.0.0.1:")
        port = int(line.split("127.0.0.1:")[1].split("/")[0])
        assert get(port, "/index.html") == (200, b"<p>index</p>")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert process.returncode == 0
    assert "Stopped." in out and "Traceback" not in err


def test_a_scan_row_without_a_written_pair_page_gets_one_when_opened(tmp_path: Path) -> None:
    import csv

    from compare.scan import build_index, scan_pages
    from compare.scan.outputs import pair_href
    from tests.scan_fixtures import originals, pages

    db = tmp_path / "originals.db"
    build_index(db, originals(8), workers=1)
    out = tmp_path / "scan"
    scan_pages(pages(originals(8)), db, out, pair_pages=0)
    with (out / "matches.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    href = pair_href(rows[1]["page_id"], rows[1]["compared_with"])
    assert not (out / href).exists() and href in (out / "index.html").read_text()
    server = make_server(out, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        status, body = get(server.server_address[1], "/" + href)
        assert status == 200 and b"Pair report:" in body and (out / href).is_file()
        assert get(server.server_address[1], "/pairs/no-such-row.html")[0] == 404
    finally:
        server.shutdown()
        server.server_close()
