"""Every reader fed random and mutated bytes: nothing escapes the guard, nothing hangs.

Seeds are small inputs of every format (fiction); hypothesis truncates them, flips and inserts
bytes (NULs among them), re-encodes them, wraps them in gzip, puts PDF, PNG or WARC magic in
front, nests them 20,000 deep and splices them together, then names the file with any extension.
Each input must give articles and one-line skipped inputs naming the file, within a time limit.
10,000 cases in all, plus every format nested 20,000 deep (derandomized, so CI runs the same
cases every time; COMPARE_FUZZ_SCALE=10 runs ten times as many).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.errors import InputError
from compare.ingest import iter_articles
from compare.model import Article

PROSE = (
    "The harbour master of Lundhaven said on Tuesday that the new pier would open in the spring. "
    "The ferry to Skarvoy will keep its winter timetable until then, officials said."
)
PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Pier to open</title></head><body>"
    f"<nav><a href='/'>Home</a></nav><article><h1>Pier to open</h1><p>{PROSE}</p><p>{PROSE}</p>"
    "</article><footer>All rights reserved.</footer></body></html>"
)
RSS = (
    "<?xml version='1.0'?><rss><channel><title>Lundhaven Herald</title>"
    f"<item><title>Pier</title><link>https://herald.example/1</link><description>{PROSE}</description>"
    "<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item></channel></rss>"
)
NITF = f"<?xml version='1.0'?><nitf><head><title>Pier</title></head><body><hl1>Pier</hl1><p>{PROSE}</p></body></nitf>"
RECORD = {"id": "s1", "text": PROSE, "title": "Pier", "url": "https://herald.example/1", "date": "2026-03-03"}
# Readers are run under this limit (seconds): a reader that takes longer has hung.
TIME_LIMIT = 20
EXTENSIONS = [
    ".txt",
    ".md",
    ".html",
    ".htm",
    ".xhtml",
    ".json",
    ".jsonl",
    ".ndjson",
    ".xml",
    ".rss",
    ".atom",
    ".warc",
    ".gz",
    ".arc",
    "",
    ".pdf",
    ".png",
    ".csv",
]


def _warc(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for number in range(2):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://herald.example/{number}",
            "response",
            payload=io.BytesIO(PAGE.encode()),
            http_headers=headers,
        )
        writer.write_record(record)
    return out.getvalue()


SEEDS: dict[str, bytes] = {
    "text": (PROSE + "\n\n" + PROSE).encode(),
    "html": PAGE.encode(),
    "json": json.dumps(RECORD).encode(),
    "json-list": json.dumps([RECORD, {**RECORD, "id": "s2", "text": None, "html": PAGE}]).encode(),
    "jsonl": "\n".join(json.dumps({**RECORD, "id": f"s{n}"}) for n in range(3)).encode(),
    "rss": RSS.encode(),
    "nitf": NITF.encode(),
    "warc": _warc(gz=False),
    "warc-gz": _warc(gz=True),
}
MAGIC = [
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\x1f\x8b\x08\x00",
    b"WARC/1.0\r\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]
DEEP = 20_000
NESTINGS = [
    (b"[" * DEEP, b"]" * DEEP),
    (b"<div>" * DEEP, b"</div>" * DEEP),
    (b"<a>" * DEEP, b""),
    (b'{"a":' * DEEP, b"}" * DEEP),
]
ENCODINGS = ["utf-16", "utf-16-be", "utf-32", "cp1251", "cp1252", "latin-1", "shift_jis", "koi8_r"]


class Hung(BaseException):
    """A reader ran past the time limit (a BaseException, so no guard can swallow it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise Hung(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# Strategies are built once: hypothesis spends more time building a strategy than drawing from it.
KINDS = st.sampled_from(["truncate", "flip", "insert", "encode", "gzip", "magic", "nest", "splice", "repeat"])
POSITION = st.integers(0, 1 << 20)
BYTE = st.integers(0, 255)
FLIPS = st.integers(1, 8)
INSERTED = st.binary(max_size=40) | st.just(b"\x00" * 8) | st.just(b"\n")
ENCODING = st.sampled_from(ENCODINGS)
MAGIC_BYTES = st.sampled_from(MAGIC)
NESTING = st.sampled_from(NESTINGS)
# Mutations nest a little or a lot; 20,000 deep is tested once per format below (a page of
# 20,000 nested links takes trafilatura seconds, too long to draw often).
DEPTH = st.sampled_from([3, 300])
SEED = st.sampled_from(sorted(SEEDS))
REPEATS = st.integers(2, 5)
MUTATIONS = st.integers(0, 3)


def _at(position: int, data: bytes) -> int:
    return position % (len(data) + 1)


def _mutation(draw: Callable[..., Any], data: bytes) -> bytes:
    kind = draw(KINDS)
    if kind == "truncate":
        return data[: _at(draw(POSITION), data)]
    if kind == "flip":
        flipped = bytearray(data)
        for _ in range(draw(FLIPS)):
            if flipped:
                flipped[draw(POSITION) % len(flipped)] = draw(BYTE)
        return bytes(flipped)
    if kind == "insert":
        where = _at(draw(POSITION), data)
        return data[:where] + draw(INSERTED) + data[where:]
    if kind == "encode":
        return data.decode("utf-8", "replace").encode(draw(ENCODING), "replace")
    if kind == "gzip":
        return gzip.compress(data)
    if kind == "magic":
        return draw(MAGIC_BYTES) + data
    if kind == "nest":
        (opening, closing), depth = draw(NESTING), draw(DEPTH)
        return opening[: len(opening) // DEEP * depth] + data + closing[: len(closing) // DEEP * depth]
    if kind == "splice":
        other = SEEDS[draw(SEED)]
        return data[: _at(draw(POSITION), data)] + other[_at(draw(POSITION), other) :]
    return data * draw(REPEATS)


@st.composite
def mutated(draw: Callable[..., Any], seeds: tuple[str, ...] = tuple(SEEDS)) -> bytes:
    data = SEEDS[draw(st.sampled_from(seeds))]
    for _ in range(draw(MUTATIONS)):
        data = _mutation(draw, data)
    return data


MUTATED = mutated()
MUTATED_ARCHIVES = mutated(("warc", "warc-gz"))
JSON_SCALAR = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
JSON_KEY = st.sampled_from(["id", "text", "html", "title", "date", "url", "x"])
JSON_VALUE = (
    JSON_SCALAR | st.lists(JSON_SCALAR, max_size=3) | st.dictionaries(JSON_KEY, JSON_SCALAR, max_size=4)
)
JSONL_LINE = st.one_of(
    st.just(json.dumps(RECORD)),
    JSON_VALUE.map(json.dumps),
    st.text(max_size=60),
    st.just("[" * DEEP),
    st.just("9" * 5000),
    st.just('{"id": 1, "text": "' + "\\ud800" + '"}'),
)
# JSONL whose lines are objects, arrays, numbers, nulls, strings, broken or deep.
JSONL = st.lists(JSONL_LINE, min_size=1, max_size=6).map(
    lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
)


# One folder for every case: a case writes its input, reads it and removes it.
FOLDER = Path(tempfile.mkdtemp(prefix="compare-fuzz-"))


@pytest.fixture(scope="module", autouse=True)
def _remove_folder() -> Iterator[None]:
    yield
    shutil.rmtree(FOLDER, ignore_errors=True)


def check_reader(data: bytes, extension: str) -> None:
    """Read ``data`` under every reader the name and the bytes choose; assert the contract."""
    path = FOLDER / f"input{extension}"
    path.write_bytes(data)
    try:
        with time_limit(TIME_LIMIT):
            items = list(iter_articles([path]))
    finally:
        path.unlink()
    for item in items:
        if isinstance(item, InputError):
            assert "\n" not in str(item), str(item)
            assert item.source.startswith(str(path)), item.source
        else:
            assert isinstance(item, Article) and item.text.strip()


def cases(count: int) -> int:
    """``count`` cases, scaled by COMPARE_FUZZ_SCALE (0.1 for a quick look, 10 for a long hunt)."""
    return max(1, round(count * float(os.environ.get("COMPARE_FUZZ_SCALE", "1"))))


FUZZ = settings(
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)


@pytest.mark.slow
@settings(FUZZ, max_examples=cases(2300))
@given(MUTATED, st.sampled_from(EXTENSIONS))
def test_mutated_inputs_of_every_format(data: bytes, extension: str) -> None:
    check_reader(data, extension)


@pytest.mark.slow
@settings(FUZZ, max_examples=cases(3000))
@given(st.binary(max_size=3000), st.sampled_from(EXTENSIONS))
def test_random_bytes(data: bytes, extension: str) -> None:
    check_reader(data, extension)


@pytest.mark.slow
@settings(FUZZ, max_examples=cases(2500))
@given(JSONL, st.sampled_from([".jsonl", ".json", ""]))
def test_jsonl_lines_of_every_kind(data: bytes, extension: str) -> None:
    check_reader(data, extension)


@pytest.mark.slow
@settings(FUZZ, max_examples=cases(600))
@given(MUTATED_ARCHIVES, st.sampled_from([".warc", ".gz", ""]))
def test_mutated_web_archives(data: bytes, extension: str) -> None:
    check_reader(data, extension)


@pytest.mark.slow
@settings(FUZZ, max_examples=cases(1500))
@given(
    st.text(max_size=400),
    st.sampled_from(ENCODINGS + ["utf-8", "utf-8-sig"]),
    st.sampled_from([".txt", ".html", ""]),
)
def test_text_in_any_encoding(text: str, encoding: str, extension: str) -> None:
    check_reader(text.encode(encoding, "replace"), extension)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.slow
@settings(FUZZ, max_examples=cases(100))
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "a/b", "c", "a/b/d"]),
            st.sampled_from([".", "..", "../..", "a", "a/b", "missing", "x.txt", "self"]),
        ),
        max_size=5,
    )
)
def test_folders_with_symbolic_links_of_any_shape(links: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "corpus"
        (root / "a" / "b").mkdir(parents=True)
        (root / "a" / "b" / "story.txt").write_text(PROSE)
        for number, (where, target) in enumerate(links):
            (root / where).mkdir(parents=True, exist_ok=True)
            link = root / where / f"link{number}.txt"
            os.symlink(link.name if target == "self" else target, link)
        with time_limit(TIME_LIMIT):
            items = list(iter_articles([root]))
        assert any(isinstance(item, Article) for item in items)
        assert all("\n" not in str(item) for item in items if isinstance(item, InputError))


@pytest.mark.parametrize("seed", sorted(SEEDS))
@pytest.mark.parametrize("nesting", range(len(NESTINGS)))
def test_nesting_20000_deep(seed: str, nesting: int) -> None:
    opening, closing = NESTINGS[nesting]
    if opening.startswith(b"<a>") and seed != "html":
        # 20,000 nested links make any input an HTML page, which costs trafilatura seconds:
        # the page seed covers it.
        return
    for extension in (".txt", ".html", ".json", ".xml", ""):
        check_reader(opening + SEEDS[seed] + closing, extension)
