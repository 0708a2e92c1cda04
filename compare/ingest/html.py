"""HTML pages: main text and metadata with trafilatura, and a fallback when it finds too little."""

from __future__ import annotations

from dataclasses import dataclass

import regex

HTML_SNIFF = regex.compile(
    r"(?is)^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<meta|<title)"
)
TAG = regex.compile(r"<(p|div|br|span|a|article|section|h[1-6]|li|table|body)\b[^>]*>", regex.I)
BLOCKS = (
    "//p|//h1|//h2|//h3|//h4|//h5|//h6|//li|//blockquote|//pre|//figcaption|//td|//dt|//dd"
    "|//div[not(descendant::p or descendant::div or descendant::li or descendant::h1"
    " or descendant::h2 or descendant::h3 or descendant::blockquote or descendant::table)]"
)
# Trafilatura's text is a "sliver" (and the text cleaner's is used) when it is short and the
# cleaner finds several times as much. A long extraction is trusted: favouring precision, it
# rightly leaves out comment threads and teaser blurbs the cleaner may keep.
SLIVER_RATIO = 2.5
SLIVER_MAX_CHARS = 1500


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


def looks_like_html(text: str) -> bool:
    """True when text is an HTML document (or a fragment dense with tags) rather than plain text."""
    head = text[:4096]
    return bool(HTML_SNIFF.search(head)) or len(TAG.findall(head)) >= 5


@dataclass(frozen=True)
class HtmlExtract:
    """What an HTML page gives: main text, the page's visible blocks and its metadata."""

    text: str
    blocks: tuple[str, ...]
    method: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    language: str | None = None
    published_time: str | None = None


def extract_html(html: str, url: str | None, main_text: bool = True) -> HtmlExtract:
    """Trafilatura's main text (precision-favouring) and metadata, plus the visible blocks."""
    blocks = visible_blocks(html)
    data = _trafilatura(html, url) if blocks or main_text else {}
    text = data.get("text", "") if main_text else ""
    return HtmlExtract(
        text=text,
        blocks=tuple(blocks),
        method="trafilatura" if text else "none",
        title=data.get("title"),
        author=data.get("author"),
        date=data.get("date"),
        sitename=data.get("sitename"),
        url=data.get("url") or url,
        language=data.get("language"),
        published_time=published_time(html),
    )


def is_sliver(extracted: str, fallback: str) -> bool:
    """True when trafilatura kept far less than the fallback cleaner found."""
    return len(extracted) < SLIVER_MAX_CHARS and len(fallback) > SLIVER_RATIO * len(extracted)


def _trafilatura(html: str, url: str | None) -> dict[str, str]:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
        )
    except (ValueError, TypeError, AttributeError):
        return {}
    if document is None:
        return {}
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    out = {k: str(v).strip() for k, v in data.items() if isinstance(v, str) and v.strip()}
    text = data.get("text") or ""
    out["text"] = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    return out


def visible_blocks(html: str) -> list[str]:
    """Visible text of the page, one block element a paragraph, in document order."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg|//head"):
        bad.drop_tree()
    seen: set[object] = set()
    texts: list[str] = []
    for block in tree.xpath(BLOCKS):
        if any(parent in seen for parent in block.iterancestors()):
            continue
        seen.add(block)
        text = " ".join(block.text_content().split())
        if text:
            texts.append(text)
    if not texts:
        body = " ".join(tree.text_content().split())
        texts = [body] if body else []
    return texts
