"""Raw bytes from where the user points: files, stdin, http(s) URLs (with a size cap)."""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from compare.errors import InputError
from compare.settings import DEFAULT_SETTINGS

USER_AGENT = "compare-news/0.1 (news text comparison tool; fetches only pages it is given)"


@dataclass(frozen=True)
class FetchSettings:
    """How URLs are fetched: time limits, a size cap, redirects, and where raw copies go."""

    # Seconds to connect, and to wait for each read; a stalled server fails the input fast.
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_bytes: int = DEFAULT_SETTINGS.max_input_bytes
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    # When set, every fetched body is written here (``--save-raw DIR``) before it is parsed.
    save_raw: Path | None = None


@dataclass(frozen=True)
class Raw:
    """The bytes of one input and what its container said about them."""

    source: str
    data: bytes
    path: str | None = None
    url: str | None = None
    content_type: str | None = None


def is_url(source: str) -> bool:
    """True for http(s) URLs."""
    return source.lower().startswith(("http://", "https://"))


def read_source(source: str, fetch: FetchSettings | None = None) -> Raw:
    """The bytes of a file, of stdin (``-``) or of a URL, refusing inputs over the size cap."""
    settings = fetch or FetchSettings()
    limit = settings.max_bytes
    too_big = f"larger than {limit // (1024 * 1024)} MB, the input size limit"
    if is_url(source):
        return fetch_url(source, settings)
    if source == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise InputError("stdin", too_big)
        return Raw("stdin", data)
    path = Path(source)
    if not path.exists():
        raise InputError(source, "no such file or folder")
    if path.is_dir():
        raise InputError(source, "is a folder, not a file")
    if path.stat().st_size > limit:
        raise InputError(source, too_big)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(source, f"cannot be read ({error.strerror})") from None
    return Raw(source, data, path=source)


def fetch_url(url: str, settings: FetchSettings) -> Raw:
    """GET a page with time limits, a size cap and redirects; HTTP errors become InputError."""
    import httpx

    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,*/*"}
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=settings.max_redirects,
                headers=headers,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                phrase = response.reason_phrase or "error"
                raise InputError(url, f"HTTP {response.status_code} {phrase}")
            data = _read_capped(response, url, settings.max_bytes)
            final_url = str(response.url)
            content_type = response.headers.get("content-type")
    except httpx.TimeoutException:
        raise InputError(url, "timed out") from None
    except httpx.TooManyRedirects:
        raise InputError(url, f"more than {settings.max_redirects} redirects") from None
    except httpx.HTTPError as error:
        raise InputError(url, f"fetch failed ({type(error).__name__}: {error})") from None
    if settings.save_raw is not None:
        save_raw(settings.save_raw, url, data)
    return Raw(url, data, url=final_url, content_type=content_type)


def _read_capped(response: object, url: str, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # type: ignore[attr-defined]
        size += len(chunk)
        if size > limit:
            raise InputError(url, f"larger than {limit // (1024 * 1024)} MB, the input size limit")
        chunks.append(chunk)
    return b"".join(chunks)


def save_raw(folder: Path, url: str, data: bytes) -> Path:
    """Write fetched bytes to ``folder`` under a name made from the URL; returns the path."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", url.split("://", 1)[-1])[:80].strip("_")
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
    target = folder / f"{stem}-{digest}.raw"
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(target)
    return target


def content_id(data: bytes) -> str:
    """A stable id for an input with no name (stdin)."""
    return "stdin-" + hashlib.sha1(data).hexdigest()[:12]
