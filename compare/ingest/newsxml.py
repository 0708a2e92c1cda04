"""News in XML: RSS and Atom feeds (an article per item), and single stories such as NITF,
NewsML's inline text, or the METER/COUNTER corpus files (``<headline>``, ``<body>``).

Each story becomes a record of the same shape as a JSON input (``text`` or ``html``, ``title``,
``date``, ``outlet``, ``author``, ``url``), so one reader turns both into articles. Tags are
matched by local name (namespaces dropped). Parsing goes through defusedxml: entity expansion and
external entities are refused, so a hostile file can neither blow up memory nor read local files.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from xml.etree.ElementTree import Element

import regex

from compare.errors import InputError

ROOT_TAG = regex.compile(
    r"^\ufeff?\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)*<([\w:.\-]+)",
    regex.DOTALL,
)
FEED_ROOTS = {"rss": "item", "RDF": "item", "feed": "entry"}
# Story formats recognised by their document element even without an XML declaration.
STORY_ROOTS = frozenset({"nitf", "newsMessage", "NewsML"})
# Tags that carry a story's parts, most specific first (NITF's hl1 before a page-level title).
TITLE_TAGS = ("hl1", "headline", "title", "hedline")
BODY_TAGS = (
    "body.content",
    "body",
    "content",
    "encoded",
    "text",
    "story",
    "article",
    "description",
    "summary",
    "inlineData",
)
HTML_BODY_TAGS = frozenset({"encoded", "content", "description", "summary"})
DATE_TAGS = (
    "pubDate",
    "published",
    "date.publication",
    "newsdate",
    "date",
    "issued",
    "updated",
    "dateline",
)
OUTLET_TAGS = ("newspaper", "publisher", "outlet", "source", "agency", "holder")
AUTHOR_TAGS = ("author", "creator", "byline", "byttl")
PARAGRAPH_TAGS = frozenset({"p", "para", "paragraph"})
# dd.mm.yy, as in European newspaper archives (COUNTER's newsdate="01.12.14"): day first.
SHORT_DATE = regex.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{2})\s*$")
# ISO 8601 basic format, as in NITF's date.publication="20250311T090000Z".
BASIC_DATE = regex.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T[\d:+\-.Z]*)?\s*$")


def root_tag(text: str) -> str | None:
    """Local name of the document element of an XML text (``None`` if it does not start as XML)."""
    match = ROOT_TAG.match(text[:4096])
    return _local(match[1]) if match else None


def is_news_xml(text: str) -> bool:
    """A feed, or a document declared as XML that is not an XHTML page; markup without the
    declaration (an HTML fragment, "<p>...") is left to the HTML reader."""
    tag = root_tag(text)
    if tag is None or tag.lower() == "html":
        return False
    return tag in FEED_ROOTS or tag in STORY_ROOTS or text.lstrip("\ufeff \t\r\n").startswith("<?xml")


def xml_records(text: str, source: str) -> list[dict[str, str]]:
    """The stories of an XML document as JSON-shaped records (``text`` or ``html`` and metadata)."""
    root = _parse(text, source)
    item_tag = FEED_ROOTS.get(_local(root.tag))
    if not item_tag:
        record = _record(root, None)
        if "text" not in record and "html" not in record:
            raise InputError(source, "XML document holds no story text (no <body>, <text> or <content>)")
        return [record]
    feed = _first_text(root, ("title",), depth=2)
    items = [_record(e, feed) for e in root.iter() if _local(e.tag) == item_tag]
    # Entries with a title and a link only (no summary, no content) have nothing to compare.
    stories = [r for r in items if "text" in r or "html" in r]
    if not stories:
        found = (
            f"its {len(items)} <{item_tag}> entries carry no text" if items else f"no <{item_tag}> entries"
        )
        raise InputError(source, f"feed with {found}")
    return stories


def _parse(text: str, source: str) -> Element:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root: Element = fromstring(text.lstrip("\ufeff"))
    except ParseError as error:
        raise InputError(source, f"malformed XML ({error})") from None
    except DefusedXmlException as error:
        raise InputError(source, f"XML refused: {type(error).__name__} (entities are not expanded)") from None
    return root


def _record(story: Element, feed_title: str | None) -> dict[str, str]:
    record: dict[str, str] = {}
    title = _first_text(story, TITLE_TAGS)
    if title:
        record["title"] = title
    body = _body(story, title)
    if body is not None:
        record[body[0]] = body[1]
    link = _link(story)
    if link:
        record["url"] = link
    for key, tags in (("date", DATE_TAGS), ("outlet", OUTLET_TAGS), ("author", AUTHOR_TAGS)):
        value = _attribute(story, tags) or _first_text(story, tags, names=True)
        if value:
            record[key] = _normal_date(value) if key == "date" else value
    if feed_title and "outlet" not in record:
        record["outlet"] = feed_title
    return record


def _body(story: Element, title: str | None) -> tuple[str, str] | None:
    """``("html", markup)`` for a feed's escaped HTML, else ``("text", paragraphs)``; ``None`` when
    no element of BODY_TAGS holds text (a sitemap, a configuration file)."""
    for tag in BODY_TAGS:
        element = _find(story, tag)
        if element is None:
            continue
        if tag in HTML_BODY_TAGS and len(element) == 0 and "<" in (element.text or ""):
            return "html", element.text or ""
        text = "\n\n".join(_paragraph_texts(element))
        if text:
            return "text", text
    if _local(story.tag) in BODY_TAGS:
        # The story is the document element itself (<article><title/><p/>…</article>).
        paragraphs = [t for t in _paragraph_texts(story) if t != title]
        return ("text", "\n\n".join(paragraphs)) if paragraphs else None
    return None


def _paragraph_texts(element: Element) -> list[str]:
    """Paragraph elements' texts when there are any, else the element's text split at blank lines."""
    paragraphs = [e for e in element.iter() if _local(e.tag) in PARAGRAPH_TAGS]
    if paragraphs:
        return [t for t in (_squeeze(" ".join(p.itertext())) for p in paragraphs) if t]
    whole = "".join(element.itertext())
    return [t for t in (_squeeze(part) for part in regex.split(r"\n\s*\n", whole)) if t]


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _link(story: Element) -> str | None:
    for element in story:
        if _local(element.tag) == "link":
            href = element.get("href")
            if href and element.get("rel", "alternate") == "alternate":
                return href
            if element.text and element.text.strip():
                return element.text.strip()
    return None


def _attribute(story: Element, names: Iterable[str]) -> str | None:
    attributes = {_local(k): v for k, v in story.attrib.items()}
    for name in names:
        value = attributes.get(name)
        if value and value.strip():
            return value.strip()
    for element in story.iter():
        for key, value in element.attrib.items():
            if _local(key) in names and value.strip():
                return value.strip()
    return None


def _first_text(
    story: Element, tags: Iterable[str], depth: int | None = None, names: bool = False
) -> str | None:
    """Text of the first element named in ``tags``; with ``names``, of its ``<name>`` child when it
    has one (Atom's ``<author><name>``, not the e-mail address beside it)."""
    for tag in tags:
        element = _find(story, tag, depth)
        if element is None:
            continue
        named = _find(element, "name", 1) if names else None
        text = _squeeze("".join((named if named is not None else element).itertext()))
        if text:
            return text
    return None


def _find(story: Element, tag: str, depth: int | None = None) -> Element | None:
    """The first element named ``tag`` under ``story`` (breadth first, so the story's own title
    wins over a title nested deeper), down to ``depth`` levels."""
    level: list[Element] = list(story)
    seen = 1
    while level and (depth is None or seen <= depth):
        for element in level:
            if _local(element.tag) == tag:
                return element
        level = [child for element in level for child in element]
        seen += 1
    return None


def _local(tag: Any) -> str:
    name = str(tag)
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _normal_date(value: str) -> str:
    """``dd.mm.yy`` and ISO basic dates to ISO; other forms are left to the date parser."""
    if short := SHORT_DATE.match(value):
        day, month, year = int(short[1]), int(short[2]), 2000 + int(short[3])
    elif basic := BASIC_DATE.match(value):
        year, month, day = int(basic[1]), int(basic[2]), int(basic[3])
    else:
        return value
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else value
