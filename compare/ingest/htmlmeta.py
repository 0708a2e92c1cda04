"""A page's title, author, date, site name and URL, read with trafilatura's and htmldate's readers.

``trafilatura.extract_metadata`` reads these and also categories, tags and the licence, which
compare does not use and which cost a quarter of its time; this reads only the fields compare
uses, in trafilatura's order. The date is the day of the publication time the page states (a
regular expression over the source), else htmldate's markup search finds it (meta tags, JSON-LD,
``<time>``, the URL); htmldate's free-text search, which runs dateparser over the page's text and
costs more than all the rest, runs only when the markup gives no date. The author search is
trafilatura's, without its copy of the whole tree and without regular-expression callbacks in its
XPath expressions (``page_author``).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    import lxml.etree
    import lxml.html

# The page's own publication moment with its time of day: <meta property="article:published_time">,
# itemprop/name datePublished, or JSON-LD "datePublished" (trafilatura keeps only the day).
PUBLISHED_TIME = regex.compile(
    r"""(?:(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datePublished|pubdate)["'][^>]*?"""
    r"""content\s*=\s*["']|"datePublished"\s*:\s*")(?P<when>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?"""
    r"""(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)""",
    regex.I,
)


# Words one of which PUBLISHED_TIME's match holds (lower case), and how far before and after one
# a match is searched for: a tag's attributes, generously.
PUBLISHED_KEYS = ("published_time", "datepublished", "pubdate")
KEY_BEFORE, KEY_AFTER = 300, 1000
# trafilatura's author XPath expressions (``trafilatura.metadata.AUTHOR_XPATHS`` and
# ``AUTHOR_DISCARD_XPATHS``) with each ``re:test`` of plain alternatives written as ``contains``
# and ``starts-with`` tests: the same elements, found without a Python call per attribute.
AUTHOR_PATHS = (
    """//*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong][
    @rel='author' or @id='author' or @class='author' or @itemprop='author name' or rel='me' or
    @data-testid='AuthorCard' or @data-testid='AuthorURL' or contains(@class, 'authorname') or
    contains(@class, 'author-name') or contains(@class, 'AuthorName') or contains(@class, 'authorName')]
    |//author""",
    """//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][
    @class='byline' or @class='username' or @class='byl' or @class='BBL' or contains(@itemprop, 'author')
    or contains(@id, 'author') or contains(@id, 'zuozhe') or contains(@id, 'bianji')
    or contains(@id, 'xiaobian') or contains(@class, 'author') or contains(@class, 'channel-name')
    or contains(@class, 'zuozhe') or contains(@class, 'bianji') or contains(@class, 'xiaobian')
    or contains(@class, 'submitted-by') or contains(@class, 'posted-by') or contains(@class, 'journalist-name')]""",
    """//*[contains(@data-component, 'Byline') or contains(@itemprop, 'author') or contains(@id, 'Author')
    or contains(@id, 'author') or contains(@class, 'Author') or contains(@class, 'author')
    or contains(@class, 'screenname') or contains(@class, 'writer') or contains(@class, 'Byline')
    or contains(@class, 'byline')]""",
)
AUTHOR_DISCARD_PATH = """//*[self::a or self::div or self::section or self::span][
    @id='comments' or @class='comments' or @class='title' or @class='date' or starts-with(@id, 'comments')
    or contains(@id, 'commentlist') or contains(@id, 'comment-list') or contains(@id, 'ProductReviews')
    or starts-with(@class, 'comments') or starts-with(@class, 'Comments') or contains(@class, 'commentlist')
    or contains(@class, 'comments-list') or contains(@class, 'sidebar') or contains(@class, 'is-hidden')
    or contains(@class, 'quote') or contains(@class, 'embedly-instagram') or contains(@class, 'article-share')
    or contains(@class, 'article-support') or contains(@class, 'print') or contains(@class, 'category')
    or contains(@class, 'meta-date') or contains(@class, 'meta-reviewer') or contains(@data-component, 'Figure')]
    |//time|//figure"""
AUTHOR_MAX_CHARS = 120


def published_time(html: str) -> str | None:
    """The publication date and time the page's metadata gives (ISO 8601), if it gives a time.

    PUBLISHED_TIME is tried only around the words its match must hold, in document order (one
    scan of the whole page with it costs more than the rest of this module's regular expressions).
    """
    head = html[:200_000]
    lowered = head.lower()
    for key in sorted(_positions(lowered, PUBLISHED_KEYS)):
        match = PUBLISHED_TIME.search(head, max(0, key - KEY_BEFORE), key + KEY_AFTER)
        if match:
            return str(match["when"])
    return None


def _positions(text: str, words: tuple[str, ...]) -> list[int]:
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            found.append(at)
            at = text.find(word, at + 1)
    return found


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
    found.author = found.author or page_author(tree)
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


def page_author(tree: lxml.html.HtmlElement) -> str | None:
    """The author named in the page's markup, as ``trafilatura.metadata.extract_author`` finds it
    (the first of its expressions' elements outside comments, sidebars, dates and figures whose
    text has a fitting length), with the tree left unchanged: no copy of the page is pruned."""
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.utils import trim

    discarded: set[lxml.etree._Element] | None = None
    for expression in _author_paths():
        found = expression(tree)
        if not found:
            continue
        discarded = discarded if discarded is not None else set(_author_discard_path()(tree))
        for element in found:
            if element in discarded or any(a in discarded for a in element.iterancestors()):
                continue
            content = trim(" ".join(_pruned_text(element, discarded)))
            if content and 2 < len(content) < AUTHOR_MAX_CHARS:
                return normalize_authors(None, content)
    return None


def _pruned_text(element: lxml.etree._Element, discarded: set[lxml.etree._Element]) -> list[str]:
    """The element's text as it reads once its ``discarded`` descendants are deleted as
    trafilatura deletes them (tails kept, joined to the text before): on a copy of the element
    only, and only when it holds one."""
    inside = [i for i, node in enumerate(element.iterdescendants()) if node in discarded]
    if not inside:
        return list(element.itertext())
    from trafilatura.xml import delete_element

    pruned = copy.deepcopy(element)
    nodes = list(pruned.iterdescendants())
    for index in inside:
        delete_element(nodes[index])
    return list(pruned.itertext())


@cache
def _author_paths() -> tuple[lxml.etree.XPath, ...]:
    import lxml.etree

    return tuple(lxml.etree.XPath(path) for path in AUTHOR_PATHS)


@cache
def _author_discard_path() -> lxml.etree.XPath:
    import lxml.etree

    return lxml.etree.XPath(AUTHOR_DISCARD_PATH)


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
