"""HTML pages: main text and metadata with trafilatura, and the page rendered as text for the cleaner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from compare.ingest.htmlmeta import PageMetadata, page_metadata
from compare.settings import DEFAULT_SETTINGS, MainTextSettings

if TYPE_CHECKING:
    import lxml.html

HTML_SNIFF = regex.compile(
    r"(?is)^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body|<meta|<title)"
)
TAG = regex.compile(r"<(p|div|br|span|a|article|section|h[1-6]|li|table|body)\b[^>]*>", regex.I)
# How a browser lays a page out as text (its "save as text", innerText): block elements start a
# line, these also set their block off with a blank line, table cells are separated by tabs.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    ]
)
PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"})
CELL_TAGS = frozenset({"td", "th"})
UNSEEN_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select", "canvas"}
)
NOT_DISPLAYED = regex.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")
SPACES = regex.compile(r"[ \t\r\n\f\u200b]+")
LINE_BREAK, CELL_END = -1, -2
# lxml refuses a str that declares its encoding; the text is decoded already.
XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*\?>")
BLANK_RUN = regex.compile(r"\n{3,}")


def looks_like_html(text: str) -> bool:
    """True when text is an HTML document (or a fragment dense with tags) rather than plain text."""
    head = text[:4096]
    return bool(HTML_SNIFF.search(head)) or len(TAG.findall(head)) >= 5


@dataclass(frozen=True)
class HtmlExtract:
    """What an HTML page gives: main text, the page's visible blocks and its metadata."""

    text: str
    rendered: str
    blocks: tuple[str, ...]
    method: str
    meta: PageMetadata


def extract_html(html: str, url: str | None) -> HtmlExtract:
    """Trafilatura's main text, the page's metadata, and its visible text as a browser renders
    it, one line a block. The page is parsed once, as trafilatura parses it: the rendering, the
    metadata and the date search read that tree, and trafilatura extracts from its own copy."""
    tree = trafilatura_tree(html)
    document = tree.getroottree().getroot() if tree is not None else parse_html(html)
    rendered = render_tree(document) if document is not None else ""
    blocks = tuple(line for line in rendered.split("\n") if line.strip())
    if not blocks or document is None:
        return HtmlExtract(
            text="", rendered=rendered, blocks=blocks, method="none", meta=PageMetadata(url=url)
        )
    text = _trafilatura(tree, url) if tree is not None else ""
    method = "trafilatura" if text else "none"
    meta = page_metadata(document, html, url, tree)
    return HtmlExtract(text=text, rendered=rendered, blocks=blocks, method=method, meta=meta)


def is_sliver(extracted: str, fallback: str, settings: MainTextSettings = DEFAULT_SETTINGS.main_text) -> bool:
    """True when trafilatura kept next to nothing of what the fallback cleaner found."""
    return len(extracted) < settings.sliver_max_chars and len(fallback) > settings.sliver_ratio * len(
        extracted
    )


def _trafilatura(page: str | lxml.html.HtmlElement, url: str | None) -> str:
    """Trafilatura's main text of a page (its source, or its tree as ``trafilatura_tree`` parses
    it, left unchanged), paragraphs apart by a blank line; empty when it finds none.

    Comments are left out, and trafilatura runs in its fast mode (no second opinion from its
    readability and jusText ports): it costs half the time, and with compare's own fallback and
    lead (the cleaner's reading of the page, ``is_sliver``) the F1 of ``benchmarks/extract_bench.py``
    stays above trafilatura's defaults on both parts of trafilatura-eval."""
    import trafilatura

    try:
        document = trafilatura.bare_extraction(page, url=url, include_comments=False, fast=True)
    except (ValueError, TypeError, AttributeError):
        return ""
    text = getattr(document, "text", None) or ""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def trafilatura_tree(html: str) -> lxml.html.HtmlElement | None:
    """The page parsed as trafilatura parses it (a faulty start repaired, HTML comments left out),
    or None when trafilatura would take it for no HTML. Given this tree, trafilatura extracts
    what it extracts from the source; htmldate and the rendering read it too, so a date in a
    developer's comment is not taken for the page's, and text after a comment stays in its line."""
    from trafilatura.utils import load_html

    try:
        return load_html(html)
    except (ValueError, TypeError):
        return None


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """The page's element tree (lxml's HTML parser), or None when it holds no document."""
    import lxml.etree
    import lxml.html

    try:
        return lxml.html.document_fromstring(XML_DECLARATION.sub("", html, count=1))
    except (ValueError, lxml.etree.ParserError):
        return None


def render_text(html: str, styled: bool = True) -> str:
    """The page's visible text laid out in lines as a browser's text rendering gives it
    (``render_tree`` of the parsed page)."""
    tree = parse_html(html)
    return render_tree(tree, styled) if tree is not None else ""


def render_tree(tree: lxml.html.HtmlElement, styled: bool = True) -> str:
    """The visible text of a parsed page (left unchanged) in lines, as a browser renders it.

    What a browser never shows (scripts, styles, the head, templates, and with ``styled``
    elements marked ``hidden`` or ``display: none``) is left out; whitespace inside a line
    collapses; an HTML comment shows nothing, and the text after it goes on in its line. A page
    that hides everything until a script shows it is read unstyled.
    """
    import lxml.etree

    out: list[str | int] = []
    unseen: object = None  # the element whose subtree the walk skips: only its tail is read
    walk = lxml.etree.iterwalk(tree, events=("start", "end", "comment", "pi"))
    for event, element in walk:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event in ("comment", "pi"):
            if element.tail:
                out.append(element.tail)
            continue
        if event == "start":
            if _unseen(element, tag, styled):
                unseen = element
                walk.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                out.append(2 if tag in PARAGRAPH_TAGS else 1)
            if element.text:
                out.append(element.text)
            continue
        if element is unseen:
            unseen = None
        elif tag == "br":
            out.append(LINE_BREAK)
        elif tag in BLOCK_TAGS:
            out.append(2 if tag in PARAGRAPH_TAGS else 1)
        elif tag in CELL_TAGS:
            out.append(CELL_END)
        if element.tail:
            out.append(element.tail)
    text = _lay_out(out)
    return text if text or not styled else render_tree(tree, styled=False)


def _unseen(element: lxml.html.HtmlElement, tag: str, styled: bool) -> bool:
    if not tag or tag in UNSEEN_TAGS:
        return True
    return styled and (
        element.get("hidden") is not None or bool(NOT_DISPLAYED.search(element.get("style") or ""))
    )


def _lay_out(items: list[str | int]) -> str:
    """Text runs and line-break requests (a count of line breaks) as lines: adjacent requests
    merge into the largest; a ``<br>`` always ends the line."""
    lines: list[str] = []
    current: list[str] = []
    pending = 0
    for item in items:
        if item == CELL_END:
            current.append("\t")
        elif item == LINE_BREAK:
            lines.append(_line(current))
            current, pending = [], 0
        elif isinstance(item, int):
            pending = max(pending, item)
        elif not item.strip():
            if current and not pending:
                current.append(" ")
        else:
            if pending and (current or lines):
                lines.append(_line(current))
                lines.extend([""] * (pending - 1))
                current = []
            pending = 0
            current.append(item)
    lines.append(_line(current))
    return str(BLANK_RUN.sub("\n\n", "\n".join(lines))).strip()


def _line(parts: list[str]) -> str:
    cells = (str(SPACES.sub(" ", cell)).strip() for cell in "".join(parts).split("\t"))
    return "\t".join(cell for cell in cells if cell)
