"""A page's title, author, date, site name and URL, read with trafilatura's and htmldate's readers.

``trafilatura.extract_metadata`` reads these and also categories, tags and the licence, which
compare does not use and which cost a quarter of its time; this reads only the fields compare
uses, in trafilatura's order. The date is the day of the publication time the page states (a
regular expression over the source), else htmldate's markup search finds it (meta tags, JSON-LD,
``<time>``, the URL); htmldate's free-text search, which runs dateparser over the page's text and
costs more than all the rest, runs only when the markup gives no date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    import lxml.html

# The page's own publication moment with its time of day: <meta property="article:published_time">,
# itemprop/name datePublished, or JSON-LD "datePublished" (trafilatura keeps only the day).
PUBLISHED_TIME = regex.compile(
    r"""(?:(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datePublished|pubdate)["'][^>]*?"""
    r"""content\s*=\s*["']|"datePublished"\s*:\s*")(?P<when>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?"""
    r"""(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)""",
    regex.I,
)


def published_time(html: str) -> str | None:
    """The publication date and time the page's metadata gives (ISO 8601), if it gives a time."""
    match = PUBLISHED_TIME.search(html[:200_000])
    return match["when"] if match else None


@dataclass(frozen=True)
class PageMetadata:
    """What a page's markup says about it (each field None when it says nothing)."""

    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    published_time: str | None = None


def page_metadata(tree: lxml.html.HtmlElement, html: str, url: str | None) -> PageMetadata:
    """The metadata of a parsed page (``tree``, left unchanged) whose source is ``html``; its URL
    is ``url`` when the page names none."""
    from trafilatura import metadata as readers

    found = readers.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a one-word author in a meta tag is mostly a site handle
    with contextlib.suppress(Exception):  # as trafilatura guards its JSON-LD reader: it has bugs
        found = readers.extract_meta_json(tree, found)
    found.title = found.title or readers.extract_title(tree)
    found.author = found.author or readers.extract_author(tree)
    found.url = found.url or readers.extract_url(tree, url)
    published = published_time(html)
    found.date = page_date(html, found.url, published)
    found.sitename = _sitename(found.sitename or readers.extract_sitename(tree), found.url)
    found.clean_and_trim()
    return PageMetadata(
        title=found.title or None,
        author=found.author or None,
        date=found.date or None,
        sitename=found.sitename or None,
        url=found.url or url or None,
        published_time=published,
    )


def page_date(html: str, url: str | None, published: str | None = None) -> str | None:
    """The page's publication day (``YYYY-MM-DD``): the day of its stated publication time
    (``published``, when not in the future), else htmldate on the markup, then on the text."""
    from htmldate import find_date

    latest = dt.date.today().isoformat()
    if published and published[:10] <= latest:
        return published[:10]
    for extensive in (False, True):
        found = find_date(html, url=url, original_date=True, extensive_search=extensive, max_date=latest)
        if found:
            return str(found)
    return None


def _sitename(name: str | None, url: str | None) -> str | None:
    """The site's name as trafilatura gives it: no leading ``@``, capitalised, else the host."""
    from trafilatura.metadata import META_URL

    if name:
        name = name.lstrip("@")
        return name.title() if name and "." not in name and not name[0].isupper() else name
    match = META_URL.match(url) if url else None
    return match[1] if match else None
