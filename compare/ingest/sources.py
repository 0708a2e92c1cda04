"""Raw bytes from where the user points: files, stdin, http(s) URLs (with a size cap)."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from compare.errors import InputError, MissingInputError
from compare.settings import DEFAULT_SETTINGS

# Bytes read first from every input to tell its format (a JSONL line, a WARC header).
HEAD_BYTES = 1024 * 1024
STREAM_BUFFER = 256 * 1024
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


def too_big(limit: int) -> str:
    """The reason given for a page or record over the size cap."""
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} kB"
    return (
        f"larger than {size}, the limit for one page or record "
        "(a corpus of any size can be given as JSONL or WARC)"
    )


class Input:
    """An open input: its first bytes for sniffing, and a stream of all of it (head included).

    Files, stdin and fetched pages are read the same way, so JSONL and web archives of any size
    are streamed record by record, and one whole page is read only up to the size cap.
    """

    def __init__(self, raw: Raw, handle: BinaryIO, max_bytes: int, size: int | None = None) -> None:
        self.source, self.path, self.url, self.content_type = raw.source, raw.path, raw.url, raw.content_type
        self.max_bytes = max_bytes
        self._size = size
        self._handle = handle
        self.head = handle.read(HEAD_BYTES)
        # The whole input fits in the head: sniffing may look at all of it.
        self.complete = len(self.head) < HEAD_BYTES
        self.stream: BinaryIO = io.BufferedReader(_Replay(self.head, handle), buffer_size=STREAM_BUFFER)

    def whole(self) -> Raw:
        """All the bytes, refused over the size cap (one page or one document)."""
        if self._size is not None and self._size > self.max_bytes:
            raise InputError(self.source, too_big(self.max_bytes))
        rest = b"" if self.complete else self._handle.read(self.max_bytes + 1 - len(self.head))
        data = self.head + rest
        if len(data) > self.max_bytes:
            raise InputError(self.source, too_big(self.max_bytes))
        return Raw(self.source, data, self.path, self.url, self.content_type)

    def __enter__(self) -> Input:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


class _Replay(io.RawIOBase):
    """A stream that gives back bytes already read (the head), then the rest of the input."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        return self._rest.readinto(buffer)  # type: ignore[attr-defined, no-any-return]


def open_input(source: str, fetch: FetchSettings | None = None) -> Input:
    """Open a file, stdin (``-``) or a URL (fetched whole, with a size cap) for reading."""
    settings = fetch or FetchSettings()
    if is_url(source):
        raw = fetch_url(source, settings)
        return Input(raw, io.BytesIO(raw.data), settings.max_bytes)
    if source == "-":
        stdin = io.BufferedReader(_Unclosed(sys.stdin.buffer))
        return Input(Raw("stdin", b""), stdin, settings.max_bytes)
    path = Path(source)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(source, "is a folder, not a file")
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            raise InputError(source, "is a device, not a file")
        handle = path.open("rb")
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(source, "broken symbolic link") from None
        raise MissingInputError(source, "no such file or folder") from None
    except OSError as error:
        raise InputError(source, f"cannot be read ({_os_reason(error)})") from None
    size = os.fstat(handle.fileno()).st_size if stat.S_ISREG(mode) else None
    return Input(Raw(source, b"", path=source), handle, settings.max_bytes, size)


class _Unclosed(io.RawIOBase):
    """stdin, read through but left open when the input is done with."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._stream.readinto(buffer)  # type: ignore[attr-defined, no-any-return]

    def close(self) -> None:
        """Leave stdin open."""


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    return error.strerror or type(error).__name__


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
            raise InputError(url, too_big(limit))
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
