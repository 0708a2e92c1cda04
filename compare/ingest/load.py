"""Read inputs (files, folders, JSON exports, stdin) into Articles; bad inputs are reported, not fatal."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from compare.errors import InputError
from compare.ingest.clean import clean_text
from compare.ingest.decode import decode_bytes
from compare.ingest.html import article_from_html, looks_like_html
from compare.ingest.metadata import (
    attribution_lines,
    canonical_outlet,
    find_date,
    find_dateline,
    guess_title,
)
from compare.model import Article, Provenance, Removed
from compare.settings import DEFAULT_SETTINGS

ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson"}


@dataclass(frozen=True)
class LoadResult:
    """The articles read and the inputs skipped, each with its reason."""

    articles: tuple[Article, ...]
    skipped: tuple[InputError, ...]


def load(source: str | Path, clean: bool = True) -> Article:
    """Load one article from a path, a URL or ``-`` (stdin); the first when a file holds several."""
    articles = list(_articles_from(str(source), clean))
    if not articles:
        raise InputError(str(source), "no article found")
    return articles[0]


def load_many(sources: Iterable[str | Path], clean: bool = True) -> LoadResult:
    """Load every article from many inputs (folders recursed); unreadable ones are skipped."""
    articles: list[Article] = []
    skipped: list[InputError] = []
    for source in sources:
        for item in _expand(str(source), skipped):
            try:
                articles.extend(_articles_from(item, clean))
            except InputError as error:
                skipped.append(error)
    return LoadResult(tuple(articles), tuple(skipped))


def _expand(source: str, skipped: list[InputError]) -> Iterator[str]:
    path = Path(source)
    if source == "-" or "://" in source:
        yield source
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        chosen = [p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES]
        if not chosen:
            skipped.append(InputError(source, "folder holds no articles (.txt, .html, .json, .jsonl)"))
        yield from (str(p) for p in chosen)
    elif not path.exists():
        skipped.append(InputError(source, "no such file or folder"))
    else:
        yield source


def read_bytes(source: str) -> bytes:
    """The raw bytes of a file or stdin, refusing inputs over the size limit."""
    limit = DEFAULT_SETTINGS.max_input_bytes
    if source == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(source, "no such file or folder")
        if path.is_dir():
            raise InputError(source, "is a folder, not a file")
        if path.stat().st_size > limit:
            raise InputError(source, f"file is larger than {limit // (1024 * 1024)} MB")
        data = path.read_bytes()
    if len(data) > limit:
        raise InputError(source, f"input is larger than {limit // (1024 * 1024)} MB")
    return data


def _articles_from(source: str, clean: bool) -> Iterator[Article]:
    if "://" in source:
        raise InputError(source, "URLs are not supported by this reader")
    text = decode_bytes(read_bytes(source), source)
    suffix = Path(source).suffix.lower()
    stripped = text.lstrip()
    if suffix in {".jsonl", ".ndjson"} or (suffix == ".json" and not stripped.startswith(("{", "["))):
        yield from _from_jsonl(text, source, clean)
    elif suffix == ".json" or (stripped.startswith(("{", "[")) and _is_json(stripped)):
        yield from _from_json(json.loads(text), source, clean)
    elif suffix in {".html", ".htm", ".xhtml"} or looks_like_html(text):
        yield article_from_html(text, source=source, path=_path_of(source), clean=clean)
    else:
        yield article_from_text(text, source=source, path=_path_of(source), clean=clean)


def _path_of(source: str) -> str | None:
    return None if source == "-" else source


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _from_jsonl(text: str, source: str, clean: bool) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise InputError(f"{source}:{number}", f"malformed JSON line ({error.msg})") from None
        yield from _from_json(record, f"{source}:{number}", clean)


def _from_json(data: Any, source: str, clean: bool) -> Iterator[Article]:
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        where = source if len(records) == 1 else f"{source}[{index}]"
        if not isinstance(record, dict):
            raise InputError(where, "JSON record is not an object")
        yield article_from_record(record, where, clean)


def article_from_record(record: dict[str, Any], source: str, clean: bool) -> Article:
    """An article from a JSON object with ``text`` or ``html`` and optional metadata."""
    body = record.get("text")
    html = record.get("html")
    if not isinstance(body, str) and not isinstance(html, str):
        raise InputError(source, "JSON record has neither 'text' nor 'html'")
    path = source.split(":")[0].split("[")[0]
    url = record.get("url") if isinstance(record.get("url"), str) else None
    if isinstance(html, str) and not isinstance(body, str):
        article = article_from_html(html, source=source, path=path, clean=clean, url=url)
    else:
        article = article_from_text(str(body), source=source, path=path, clean=clean)
    given = {k: record[k] for k in ("title", "outlet", "date", "author", "language") if record.get(k)}
    provenance = tuple(p for p in article.provenance if p.field not in given) + tuple(
        Provenance(k, "given in JSON record") for k in given
    )
    article_id = str(record["id"]) if record.get("id") is not None else article.id
    return replace(article, id=article_id, url=url or article.url, provenance=provenance, **given)


def article_from_text(text: str, source: str, path: str | None, clean: bool) -> Article:
    """An article from plain text: cleaned page dump, or exactly the text with ``clean=False``."""
    if not text.strip():
        raise InputError(source, "empty file")
    cleaned = clean_text(text)
    paragraphs = list(cleaned.paragraphs)
    title = guess_title(paragraphs)
    provenance: list[Provenance] = []
    removed = list(cleaned.removed)
    if title:
        provenance.append(Provenance("title", "first line reads as a headline", title))
        paragraphs = paragraphs[1:]
        removed.insert(0, Removed(title, "headline (kept as title)"))
    body = "\n\n".join(paragraphs) if clean else text
    if clean and not body.strip():
        raise InputError(source, "no article text left after removing page chrome")
    attribution = attribution_lines(text.splitlines())
    outlet = None
    date = None
    dateline = find_dateline(paragraphs)
    if dateline:
        attribution.insert(0, dateline[0])
        outlet = dateline[0].outlet
        provenance.append(Provenance("outlet", "dateline", dateline[0].text))
        if dateline[1] and not dateline[1].startswith("--"):
            date = dateline[1]
            provenance.append(Provenance("date", "dateline", dateline[0].text))
    if date is None:
        found = find_date(text)
        date = found.value
        if found.provenance:
            provenance.append(found.provenance)
    if outlet is None:
        named = [a.outlet for a in attribution if a.outlet]
        if named:
            outlet = named[0]
            provenance.append(Provenance("outlet", "attribution line", named[0]))
    return Article(
        id=source if source != "-" else _content_id(text),
        text=body,
        path=path,
        title=title,
        outlet=outlet,
        date=date,
        removed=tuple(removed) if clean else (),
        attribution=tuple(attribution),
        provenance=tuple(provenance),
        raw_format="text",
    )


def _content_id(text: str) -> str:
    return "stdin-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


__all__ = [
    "LoadResult",
    "article_from_record",
    "article_from_text",
    "canonical_outlet",
    "load",
    "load_many",
]
