"""Input formats: sniffed from the content when the extension is missing or wrong, then read."""

from __future__ import annotations

import contextlib
import io
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from compare.errors import InputError, one_line
from compare.ingest.assemble import Draft, Origin, draft_from_html, draft_from_prose, draft_from_text
from compare.ingest.decode import BOMS, declared_charset, decode_bytes, utf16_without_bom
from compare.ingest.html import looks_like_html
from compare.ingest.newsxml import is_news_xml, xml_records
from compare.ingest.prose import plain_paragraphs
from compare.ingest.sources import FetchSettings, Input, Raw, content_id, open_input, too_big

GZIP_MAGIC = b"\x1f\x8b"
# An over-long JSONL line is skipped this many bytes at a time.
STREAM_CHUNK = 1024 * 1024
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "xml",
    ".rss": "xml",
    ".atom": "xml",
    ".warc": "warc",
    ".gz": "warc",
    ".arc": "warc",
}
JSON_FIELDS = ("title", "url", "date", "outlet", "author", "language")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
JSON_KINDS = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true or false"}


@dataclass(frozen=True)
class Record:
    """One article-to-be of an input: where it is (file, line, record) and how to build it.

    Building is deferred so that a failure while building one record skips that record only.
    """

    place: str
    build: Callable[[], Draft]


# What a reader yields: a record to build, or a record it already knows is unreadable.
Item = Record | InputError


def input_records(source: str, clean: bool, fetch: FetchSettings | None, extension: str) -> Iterator[Item]:
    """Every record of one input: JSONL and web archives streamed, other formats read whole."""
    with open_input(source, fetch) as found:
        kind = sniff_format(found.head, found.content_type)
        if kind == "gzip":
            raise InputError(found.source, "gzip file that is not a web archive (.warc.gz)")
        if kind == "warc":
            yield from warc_records(found, clean)
            return
        named_json = extension in (".json", *JSONL_EXTENSIONS)
        if kind == "jsonl" and not named_json and not _holds_articles(_first_line(found.head)):
            kind = "html-or-text"  # text whose first line happens to parse as JSON ("{}") stays text
        if kind == "jsonl" or (extension in JSONL_EXTENSIONS and kind not in ("html", "json")):
            yield from jsonl_records(found, clean)
            return
        raw = found.whole()
    yield from document_records(raw, clean, extension)


def sniff_format(data: bytes, content_type: str | None = None) -> str:
    """``warc``, ``gzip``, ``json``, ``jsonl``, ``html`` or ``html-or-text``, by the first bytes.

    ``data`` may be the head of a longer input: JSONL is told by its first line being a whole
    JSON object with more lines after it, which the head of any JSONL file shows.
    """
    head = data[:2048]
    if head.startswith(GZIP_MAGIC):
        return "warc" if _gunzip_head(data).startswith(b"WARC/") else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        first = _first_line(data)
        if stripped[:1] == b"{" and _is_json(first) and data.strip().count(b"\n") and not _is_json(data):
            return "jsonl"
        if _is_json(data):
            return "json"
    if content_type and "html" in content_type.lower():
        return "html"
    return "html-or-text"


def _first_line(data: bytes) -> bytes:
    return data.lstrip().split(b"\n", 1)[0]


def _gunzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 16)
    except zlib.error:
        return b""


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    return True


def document_records(raw: Raw, clean: bool, extension: str = "") -> Iterator[Item]:
    """The records of an input read whole: a page, a JSON document (one or a list), a feed."""
    kind = sniff_format(raw.data, raw.content_type)
    if kind == "gzip":
        raise InputError(raw.source, "gzip file that is not a web archive (.warc.gz)")
    declared = declared_charset(raw.data, raw.content_type)
    text = decode_bytes(raw.data, raw.source, declared)
    named_json = extension in (".json", *JSONL_EXTENSIONS)
    if kind == "json" and not named_json and not _holds_articles(text):
        kind = "html-or-text"  # a text file that happens to parse as JSON ("[1]") stays text
    if kind == "json":
        yield from _json_records(json.loads(text), raw, clean)
    elif extension == ".json":
        raise InputError(raw.source, _json_problem(text))
    elif kind != "html" and is_news_xml(text):
        yield from _json_records(xml_records(text, raw.source), raw, clean)
    elif kind == "html" or EXTENSIONS.get(extension) == "html" or looks_like_html(text):
        yield Record(raw.source, partial(draft_from_html, text, _origin(raw, "html", text), clean))
    else:
        yield Record(raw.source, partial(draft_from_text, text, _origin(raw, "text", text), clean))


def _json_problem(text: str) -> str:
    try:
        json.loads(text)
    except RecursionError:
        return "JSON nested too deeply to read"
    except ValueError:
        pass
    return "malformed JSON"


def _holds_articles(text: str | bytes) -> bool:
    """True when JSON (a document, or a JSONL line) holds objects with ``text`` or ``html``."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    records = data if isinstance(data, list) else [data]
    return any(isinstance(r, dict) and ("text" in r or "html" in r) for r in records)


def _origin(raw: Raw, fmt: str, text: str) -> Origin:
    identity = raw.path or (raw.source if raw.url else content_id(text.encode("utf-8")))
    return Origin(raw.source, identity, path=raw.path, url=raw.url, raw_format=fmt)


def jsonl_records(found: Input, clean: bool) -> Iterator[Item]:
    """One record per line, read as a stream: a line that is too long or not a JSON object is
    reported with its line number and the lines after it are read."""
    raw = Raw(found.source, b"", path=found.path, url=found.url)
    for number, line in enumerate(_lines(found), 1):
        place = f"{found.source}:{number}"
        if line is None:
            yield InputError(place, too_big(found.max_bytes))
        elif line.strip():
            yield Record(place, partial(_jsonl_draft, line, raw, place, clean))


def _lines(found: Input) -> Iterator[bytes | str | None]:
    """The lines of an input, each at most the size cap (``None`` stands for a longer one)."""
    encoding = next((e for bom, e in BOMS if found.head.startswith(bom) and e != "utf-8-sig"), None)
    encoding = encoding or utf16_without_bom(found.head)
    stream: Any = io.TextIOWrapper(found.stream, encoding=encoding) if encoding else found.stream
    limit = found.max_bytes
    while line := stream.readline(limit + 1):
        ending = "\n" if encoding else b"\n"
        if len(line) > limit and not line.endswith(ending):
            while (rest := stream.readline(STREAM_CHUNK)) and not rest.endswith(ending):
                pass
            yield None
        else:
            yield line


def _jsonl_draft(line: bytes | str, raw: Raw, place: str, clean: bool) -> Draft:
    if isinstance(line, str):
        text = line
    else:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = decode_bytes(line, place)
    try:
        record = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise InputError(place, f"malformed JSON line ({error.msg})") from None
    except ValueError as error:
        raise InputError(place, f"malformed JSON line ({error})") from None
    return draft_from_record(_object(record, place), raw, place, clean)


def _object(record: Any, place: str) -> dict[str, Any]:
    if not isinstance(record, dict):
        kind = "null" if record is None else JSON_KINDS.get(type(record), type(record).__name__)
        raise InputError(place, f"JSON record is {kind}, not an object")
    return record


def _json_records(data: Any, raw: Raw, clean: bool) -> Iterator[Item]:
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        place = raw.source if len(records) == 1 else f"{raw.source}[{index}]"
        yield Record(place, partial(_json_draft, record, raw, place, clean))


def _json_draft(record: Any, raw: Raw, place: str, clean: bool) -> Draft:
    return draft_from_record(_object(record, place), raw, place, clean)


def draft_from_record(record: dict[str, Any], raw: Raw, place: str, clean: bool) -> Draft:
    """An article from a JSON object with ``text`` or ``html``; its ``id`` is kept as given."""
    body, html = record.get("text"), record.get("html")
    if not isinstance(body, str) and not isinstance(html, str):
        raise InputError(place, "JSON record has neither 'text' nor 'html'")
    given = {k: str(record[k]) for k in JSON_FIELDS if record.get(k) not in (None, "")}
    identity = str(record["id"]) if record.get("id") not in (None, "") else place
    url = given.get("url")
    origin = Origin(place, identity, path=raw.path, url=url, given=given)
    if isinstance(body, str) and body.strip():
        headline, rest = split_headline(body, given.get("title"))
        paragraphs = plain_paragraphs(rest)
        if paragraphs:
            return draft_from_prose(paragraphs, origin, None if clean else body, headline)
        return draft_from_text(body, origin, clean)
    if isinstance(html, str):
        return draft_from_html(html, Origin(place, identity, raw.path, url, given, raw_format="html"), clean)
    raise InputError(place, "JSON record's text is empty")


def split_headline(text: str, title: str | None) -> tuple[str | None, str]:
    """A record's text less its first line when that line is the record's title (a feed that
    prints the headline above the body): the headline, and the rest."""
    first, _, rest = text.lstrip().partition("\n")
    if title and first.split() == title.split():
        return first.strip(), rest
    return None, text


def warc_records(found: Input, clean: bool) -> Iterator[Item]:
    """Every HTML response record of a web archive, streamed, with its URL and capture date.

    Records before a damaged one are all read; the damage is reported with the count read.
    """
    from warcio.archiveiterator import ArchiveIterator

    class Archive(ArchiveIterator):  # type: ignore[misc]
        """Notes whether the last gzip member ended (warcio stops quietly at a cut stream)."""

        cut = False

        def close(self) -> None:
            decompressor = self.reader.decompressor if self.reader else None
            self.cut = self.cut or (decompressor is not None and not decompressor.eof)
            super().close()

    count = 0
    seen: set[str] = set()
    archive = Archive(found.stream)
    try:
        while (record := _next_record(archive)) is not None:
            if record.rec_type not in ("response", "resource"):
                continue
            headers = record.http_headers
            if headers and not headers.get_statuscode().startswith("2"):
                continue
            # A resource record's type is in its WARC headers; a response's in its HTTP headers.
            typed = record.rec_headers if record.rec_type == "resource" else headers
            content_type = typed.get_header("Content-Type") if typed else None
            if content_type and "html" not in content_type.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            count += 1
            place = f"{found.source}#{count} ({url})" if url else f"{found.source}#{count}"
            data = record.content_stream().read(found.max_bytes + 1)
            if len(data) > found.max_bytes:
                yield InputError(place, too_big(found.max_bytes))
                continue
            # A URL captured twice gives two articles: the second id carries its record number.
            identity = url if url and url not in seen else f"{url or found.source}#{count}"
            seen.add(identity)
            captured = record.rec_headers.get_header("WARC-Date") or None
            origin = Origin(place, identity, found.path, url, capture_date=captured, raw_format="warc")
            yield Record(place, partial(_warc_draft, data, content_type, origin, clean))
    except Exception as error:  # any failure of the archive reader ends the archive, not the run
        raise _damaged(found.source, count, f"{type(error).__name__}: {error}") from error
    if archive.cut:
        raise _damaged(found.source, count, "the compressed stream ends early")


def _next_record(archive: Any) -> Any:
    """The next record, with warcio's own warnings (written to stderr) kept off the terminal."""
    with contextlib.redirect_stderr(io.StringIO()):
        return next(archive, None)


def _warc_draft(data: bytes, content_type: str | None, origin: Origin, clean: bool) -> Draft:
    text = decode_bytes(data, origin.source, declared_charset(data, content_type))
    return draft_from_html(text, origin, clean)


def _damaged(source: str, count: int, detail: str) -> InputError:
    where = f"after {count} records" if count else "before any record"
    return InputError(source, f"truncated or damaged web archive ({where}): {one_line(detail)}")
