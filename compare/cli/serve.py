"""``compare serve``: a report folder over HTTP on this machine, and nothing outside that folder."""

from __future__ import annotations

import errno
import http.server
import io
import os
import posixpath
import threading
import urllib.parse
import webbrowser
from functools import partial
from pathlib import Path
from typing import BinaryIO

import typer

from compare.cli.common import fail

LOOPBACK = "127.0.0.1"
# One pair page is made at a time: two requests for the same page must not both write it.
_MAKING = threading.Lock()


class ReportHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files under ``directory`` only: no path that resolves outside it, through ``..``,
    encoded separators or symbolic links, is ever opened."""

    server_version = "compare-serve"
    sys_version = ""

    def translate_path(self, path: str) -> str:
        """The file a URL path names, or a path that cannot exist when it would leave the folder."""
        root = Path(self.directory).resolve()
        raw = urllib.parse.unquote(path.split("?", 1)[0].split("#", 1)[0], errors="replace")
        # Decode first, then judge: "..%2f" must count as a parent step, and "\\" as a separator.
        parts = [p for p in posixpath.normpath("/" + raw.replace("\\", "/")).split("/") if p]
        if any(p in ("..", ".") or "\x00" in p for p in parts):
            return str(root / ".refused")
        candidate = (root.joinpath(*parts)).resolve()
        if candidate != root and root not in candidate.parents:
            return str(root / ".refused")
        if path.rstrip("?#").endswith("/") and candidate.is_dir():
            return str(candidate) + os.sep
        return str(candidate)

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        """As the base class; a scan's pair page not written yet is made first (``compare scan --pages``)."""
        path = self.translate_path(self.path)
        root = Path(self.directory).resolve()
        if not os.path.exists(path) and (root / "scan.json").is_file():
            relative = Path(path).relative_to(root).as_posix() if root in Path(path).parents else ""
            if relative.startswith("pairs/") and relative.endswith((".html", ".json")):
                from compare.errors import CompareError
                from compare.scan.outputs import make_pair_page

                with _MAKING:
                    try:
                        make_pair_page(root, relative)
                    except CompareError as error:
                        self.send_error(500, f"cannot make this pair page: {error}")
                        return None
        return super().send_head()

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """No directory listings: a report is reached through its index.html."""
        self.send_error(404, "No index.html in this folder")
        return None

    def log_message(self, format: str, *args: object) -> None:
        """Quiet by default: the command prints one line with the address instead."""


def make_server(directory: Path, host: str = LOOPBACK, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """An HTTP server for ``directory`` bound to ``host:port`` (port 0 picks a free one)."""
    handler = partial(ReportHandler, directory=str(directory.resolve()))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve(
    directory: Path = typer.Argument(..., metavar="DIR", help="The report folder (the one holding index.html)."),
    port: int = typer.Option(8000, "--port", "-p", help="Port to listen on."),
    host: str = typer.Option(
        LOOPBACK, "--host", help="Address to bind; anything but 127.0.0.1 exposes the report."
    ),
    open_browser: bool = typer.Option(False, "--open", help="Open the index in the default browser."),
) -> None:
    """Serve a report folder on http://127.0.0.1:PORT/ (only files inside the folder); Ctrl+C stops it."""
    if not directory.is_dir():
        fail(f"{directory}: no such folder", 2)
    try:
        server = make_server(directory, host, port)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            fail(f"port {port} on {host} is already in use; pick another with --port", 1)
        fail(f"cannot listen on {host}:{port}: {error.strerror}", 1)
    bound = server.server_address[1]
    url = f"http://{host}:{bound}/"
    typer.echo(f"Serving {directory} at {url} (Ctrl+C to stop)")
    if host not in (LOOPBACK, "localhost"):
        typer.echo(f"Warning: listening on {host}: other machines may read this report.", err=True)
    if not (directory / "index.html").is_file():
        typer.echo(f"Warning: {directory} has no index.html; open a page by its path.", err=True)
    if open_browser:
        threading.Timer(0.3, webbrowser.open, args=(url + "index.html",)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        typer.echo("Stopped.")
    finally:
        server.server_close()
