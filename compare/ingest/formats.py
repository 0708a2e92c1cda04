"""Input formats: sniffed from the content when the extension is missing or wrong, then read."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from typing import Any

from compare.errors import InputError
from compare.ingest.assemble import Draft, Origin, draft_from_html, draft_from_text
from compare.ingest.decode import declared_charset, decode_bytes
from compare.ingest.html import looks_like_html
from compare.ingest.newsxml import is_news_xml, xml_records
from compare.ingest.sources import Raw, content_id

GZIP_MAGIC = b"\x1f\x8b"
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


def sniff_format(raw: Raw) -> str:
    """``warc``, ``json``, ``jsonl``, ``html`` or ``text``, by the bytes before the extension."""
    head = raw.data[:2048]
    if head.startswith(GZIP_MAGIC):
        return "warc" if _gunzip_head(raw.data).startswith(b"WARC/") else "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        first = raw.data.lstrip().split(b"\n", 1)[0]
        if (
            stripped[:1] == b"{"
            and _is_json(first)
            and raw.data.strip().count(b"\n")
            and not _is_json(raw.data)
        ):
            return "jsonl"
        if _is_json(raw.data):
            return "json"
    if raw.content_type and "html" in raw.content_type.lower():
        return "html"
    return "html-or-text"


def _gunzip_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 16)
    except zlib.error:
        return b""


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return False
    return True


def read_raw(raw: Raw, clean: bool, extension: str = "") -> Iterator[Draft]:
    """Every article an input holds (one for a page, many for JSON lists, JSONL, feeds and WARC)."""
    kind = sniff_format(raw)
    if kind == "gzip":
        raise InputError(raw.source, "gzip file that is not a web archive (.warc.gz)")
    if kind == "warc":
        yield from read_warc(raw, clean)
        return
    declared = declared_charset(raw.data, raw.content_type)
    text = decode_bytes(raw.data, raw.source, declared)
    named_json = extension in (".json", ".jsonl", ".ndjson")
    if kind in ("json", "jsonl") and not named_json and not _holds_articles(text, kind):
        kind = "html-or-text"  # a text file that happens to parse as JSON ("[1]") stays text
    if kind == "json":
        yield from _from_json(json.loads(text), raw, clean)
    elif kind == "jsonl" or (extension in (".jsonl", ".ndjson") and kind != "html"):
        yield from _from_jsonl(text, raw, clean)
    elif extension == ".json":
        raise InputError(raw.source, "malformed JSON")
    elif kind != "html" and is_news_xml(text):
        yield from _from_json(xml_records(text, raw.source), raw, clean)
    elif kind == "html" or EXTENSIONS.get(extension) == "html" or looks_like_html(text):
        yield draft_from_html(text, _origin(raw, "html", text), clean)
    else:
        yield draft_from_text(text, _origin(raw, "text", text), clean)


def _holds_articles(text: str, kind: str) -> bool:
    """True when JSON (or the first JSONL line) holds objects with ``text`` or ``html``."""
    try:
        data = json.loads(text if kind == "json" else text.lstrip().split("\n", 1)[0])
    except ValueError:
        return False
    records = data if isinstance(data, list) else [data]
    return any(isinstance(r, dict) and ("text" in r or "html" in r) for r in records)


def _origin(raw: Raw, fmt: str, text: str) -> Origin:
    identity = raw.path or (raw.source if raw.url else content_id(text.encode("utf-8")))
    return Origin(raw.source, identity, path=raw.path, url=raw.url, raw_format=fmt)


def _from_jsonl(text: str, raw: Raw, clean: bool) -> Iterator[Draft]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{raw.source}:{number}", f"malformed JSON line ({error.msg})") from None
        yield from _from_json(record, raw, clean, f"{raw.source}:{number}")


def _from_json(data: Any, raw: Raw, clean: bool, where: str | None = None) -> Iterator[Draft]:
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        place = where or (raw.source if len(records) == 1 else f"{raw.source}[{index}]")
        if not isinstance(record, dict):
            raise InputError(place, "JSON record is not an object")
        yield draft_from_record(record, raw, place, clean)


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
        return draft_from_text(body, origin, clean)
    if isinstance(html, str):
        return draft_from_html(html, Origin(place, identity, raw.path, url, given, raw_format="html"), clean)
    raise InputError(place, "JSON record's text is empty")


def read_warc(raw: Raw, clean: bool) -> Iterator[Draft]:
    """Every HTML response record of a web archive, with its URL and capture date."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    seen: set[str] = set()
    try:
        for record in ArchiveIterator(io.BytesIO(raw.data)):
            if record.rec_type not in ("response", "resource"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            captured = record.rec_headers.get_header("WARC-Date") or None
            content_type = record.http_headers.get_header("Content-Type") if record.http_headers else None
            if record.http_headers and not record.http_headers.get_statuscode().startswith("2"):
                continue
            data = record.content_stream().read()
            if content_type and "html" not in content_type.lower():
                continue
            count += 1
            place = f"{raw.source}#{count} ({url})" if url else f"{raw.source}#{count}"
            try:
                text = decode_bytes(data, place, declared_charset(data, content_type))
            except InputError:
                continue
            # A URL captured twice gives two articles: the second id carries its record number.
            identity = url if url and url not in seen else f"{url or raw.source}#{count}"
            seen.add(identity)
            origin = Origin(place, identity, raw.path, url, capture_date=captured, raw_format="warc")
            yield draft_from_html(text, origin, clean)
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as error:
        raise _damaged(raw.source, count, str(error)) from None
    # warcio stops quietly at a cut gzip stream: the records read are kept, the cut reported.
    if raw.data.startswith(GZIP_MAGIC) and not _gzip_complete(raw.data):
        raise _damaged(raw.source, count, "the compressed stream ends early")


def _damaged(source: str, count: int, detail: str) -> InputError:
    where = f"after {count} records" if count else "before any record"
    return InputError(source, f"truncated or damaged web archive ({where}): {detail}")


def _gzip_complete(data: bytes) -> bool:
    try:
        gzip.decompress(data)
    except (EOFError, OSError, zlib.error):
        return False
    return True
