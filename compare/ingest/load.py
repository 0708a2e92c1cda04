"""Read inputs (files, folders, JSON exports, web archives, URLs, stdin) into Articles.

Bad inputs are reported, not fatal: ``load_many`` skips them with a reason and goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from compare.errors import InputError
from compare.ingest.assemble import Draft
from compare.ingest.corpus import remove_template, resolve_dates
from compare.ingest.formats import EXTENSIONS, read_raw
from compare.ingest.sources import FetchSettings, is_url, read_source
from compare.model import Article

# In a folder, notes beside the articles (README.md) are not read; named alone, any file is.
FOLDER_SUFFIXES = frozenset(EXTENSIONS) - {".md"}


@dataclass(frozen=True)
class LoadResult:
    """The articles read and the inputs skipped, each with its reason."""

    articles: tuple[Article, ...]
    skipped: tuple[InputError, ...]


def load(
    source: str | Path,
    clean: bool = True,
    *,
    fetch: FetchSettings | None = None,
    today: dt.date | None = None,
) -> Article:
    """Load one article from a path, a URL or ``-`` (stdin); the first when an input holds several."""
    drafts = list(_drafts(str(source), clean, fetch, None))
    if not drafts:
        raise InputError(str(source), "no article found")
    return resolve_dates(drafts[:1], today)[0]


def load_many(
    sources: Iterable[str | Path],
    clean: bool = True,
    *,
    fetch: FetchSettings | None = None,
    today: dt.date | None = None,
) -> LoadResult:
    """Load every article from many inputs (folders recursed); unreadable ones are skipped.

    With ``clean``, paragraphs repeated across pages of one site are removed as template, and
    month-days without a year get one from the weekday, the page and the other articles' dates.
    """
    drafts: list[Draft] = []
    skipped: list[InputError] = []
    for source in sources:
        for item in expand(str(source), skipped):
            drafts.extend(_drafts(item, clean, fetch, skipped))
    if clean:
        drafts = remove_template(drafts)
    return LoadResult(tuple(resolve_dates(drafts, today)), tuple(skipped))


def expand(source: str, skipped: list[InputError]) -> Iterator[str]:
    """The inputs a source names: itself, or the article files of a folder (recursive, sorted)."""
    if source == "-" or is_url(source):
        yield source
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        chosen = [p for p in files if _suffix(p) in FOLDER_SUFFIXES or not p.suffix]
        if not chosen:
            skipped.append(InputError(source, "folder holds no articles (.txt, .html, .json, .jsonl, .xml, .warc)"))
        yield from (str(p) for p in chosen)
    elif not path.exists():
        skipped.append(InputError(source, "no such file or folder"))
    else:
        yield source


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def _drafts(
    source: str, clean: bool, fetch: FetchSettings | None, skipped: list[InputError] | None
) -> Iterator[Draft]:
    """Drafts of one input; with ``skipped`` given, a failure mid-way keeps what was read."""
    try:
        raw = read_source(source, fetch)
        yield from read_raw(raw, clean, _suffix(Path(source)) if not is_url(source) else "")
    except InputError as error:
        if skipped is None:
            raise
        skipped.append(error)
    except RecursionError:
        deep = InputError(source, "HTML nested too deeply to parse")
        if skipped is None:
            raise deep from None
        skipped.append(deep)
