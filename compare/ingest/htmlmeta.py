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
# trafilatura's author XPath expressions (``trafilatura.metadata.AUTHOR_XPATHS``, in order, and
# ``AUTHOR_DISCARD_XPATHS``) as tests of an element's tag and attributes, all four decided in one
# walk over the page (``_author_elements``): the same elements, a third of the time of the XPath.
# A test is (tags it applies to, or None for any; rules): a rule (attribute, how, values) holds
# when the attribute equals ("is"), contains ("has") or starts with ("starts") one of the values.
AttributeRule = tuple[str, str, tuple[str, ...]]
ElementTest = tuple[frozenset[str] | None, tuple[AttributeRule, ...]]
AUTHOR_TESTS: tuple[ElementTest, ...] = (
    (
        frozenset({"a", "address", "div", "link", "p", "span", "strong"}),
        (
            ("rel", "is", ("author",)),
            ("id", "is", ("author",)),
            ("class", "is", ("author",)),
            ("itemprop", "is", ("author name",)),
            ("data-testid", "is", ("AuthorCard", "AuthorURL")),
            ("class", "has", ("authorname", "author-name", "AuthorName", "authorName")),
        ),
    ),
    (
        frozenset({"a", "div", "h3", "h4", "p", "span"}),
        (
            ("class", "is", ("byline", "username", "byl", "BBL")),
            ("itemprop", "has", ("author",)),
            ("id", "has", ("author", "zuozhe", "bianji", "xiaobian")),
            (
                "class",
                "has",
                (
                    "author",
                    "channel-name",
                    "zuozhe",
                    "bianji",
                    "xiaobian",
                    "submitted-by",
                    "posted-by",
                    "journalist-name",
                ),
            ),
        ),
    ),
    (
        None,
        (
            ("data-component", "has", ("Byline",)),
            ("itemprop", "has", ("author",)),
            ("id", "has", ("Author", "author")),
            ("class", "has", ("Author", "author", "screenname", "writer", "Byline", "byline")),
        ),
    ),
)
AUTHOR_DISCARD_TEST: ElementTest = (
    frozenset({"a", "div", "section", "span"}),
    (
        ("id", "is", ("comments",)),
        ("class", "is", ("comments", "title", "date")),
        ("id", "starts", ("comments",)),
        ("id", "has", ("commentlist", "comment-list", "ProductReviews")),
        ("class", "starts", ("comments", "Comments")),
        (
            "class",
            "has",
            (
                "commentlist",
                "comments-list",
                "sidebar",
                "is-hidden",
                "quote",
                "embedly-instagram",
                "article-share",
                "article-support",
                "print",
                "category",
                "meta-date",
                "meta-reviewer",
            ),
        ),
        ("data-component", "has", ("Figure",)),
    ),
)
# Elements the expressions take by their tag alone: the first one's ``//author``, the discard
# expression's ``//time|//figure``.
AUTHOR_TAG, DISCARDED_TAGS = "author", frozenset({"time", "figure"})
AUTHOR_ATTRIBUTES = frozenset(rule[0] for _, rules in (*AUTHOR_TESTS, AUTHOR_DISCARD_TEST) for rule in rules)
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


def page_metadata(
    tree: lxml.html.HtmlElement, html: str, url: str | None, date_tree: lxml.html.HtmlElement | None = None
) -> PageMetadata:
    """The metadata of a parsed page (``tree``, left unchanged) whose source is ``html``; its URL
    is ``url`` when the page names none. htmldate searches ``date_tree`` (the page as trafilatura
    parses it, left unchanged) when given, else parses the source itself."""
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
    found.date = page_date(date_tree if date_tree is not None else html, found.url, published)
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

    *found_by_expression, discarded_list = _author_elements(tree)
    discarded = set(discarded_list)
    for found in found_by_expression:
        for element in found:
            if element in discarded or any(a in discarded for a in element.iterancestors()):
                continue
            content = trim(" ".join(_pruned_text(element, discarded)))
            if content and 2 < len(content) < AUTHOR_MAX_CHARS:
                return normalize_authors(None, content)
    return None


def _author_elements(tree: lxml.html.HtmlElement) -> list[list[lxml.etree._Element]]:
    """The elements each of AUTHOR_TESTS takes, then those the discard test takes, in document
    order, from one walk over the page."""
    tests = (*AUTHOR_TESTS, AUTHOR_DISCARD_TEST)
    found: list[list[lxml.etree._Element]] = [[] for _ in tests]
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        attributes = {name: value for name, value in element.items() if name in AUTHOR_ATTRIBUTES}
        for index, test in enumerate(tests):
            if _takes(test, tag, attributes):
                found[index].append(element)
        if tag == AUTHOR_TAG or _rel_me(element, tag, attributes):
            found[0].append(element)
        elif tag in DISCARDED_TAGS:
            found[-1].append(element)
    return found


def _rel_me(element: lxml.etree._Element, tag: str, attributes: dict[str, str]) -> bool:
    """The first expression's ``rel='me'`` (a child element ``rel`` reading "me"), for an element
    its attribute rules did not take."""
    tags, rules = AUTHOR_TESTS[0]
    return (
        tags is not None
        and tag in tags
        and not _takes(AUTHOR_TESTS[0], tag, attributes)
        and any("".join(child.itertext()) == "me" for child in element.iterchildren("rel"))
    )


def _takes(test: ElementTest, tag: str, attributes: dict[str, str]) -> bool:
    tags, rules = test
    if not attributes or (tags is not None and tag not in tags):
        return False
    for name, how, values in rules:
        value = attributes.get(name)
        if value is None:
            continue
        if how == "is" and value in values:
            return True
        if how == "has" and any(v in value for v in values):
            return True
        if how == "starts" and value.startswith(values):
            return True
    return False


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


def page_date(page: str | lxml.html.HtmlElement, url: str | None, published: str | None = None) -> str | None:
    """The publication day (``YYYY-MM-DD``) of a page (its source or its tree, left unchanged):
    the day of its stated publication time (``published``, when not in the future), else
    htmldate on the markup, then on the text."""
    from htmldate import find_date

    latest = dt.date.today().isoformat()
    if published and published[:10] <= latest:
        return published[:10]
    for extensive in (False, True):
        found = find_date(page, url=url, original_date=True, extensive_search=extensive, max_date=latest)
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
