"""HTML pages: main text and metadata with trafilatura, and a fallback when it finds nothing."""

from __future__ import annotations

from dataclasses import replace

import regex

from compare.errors import InputError
from compare.model import Article, Provenance

HTML_SNIFF = regex.compile(
    r"(?is)^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)|<(p|div|article)[\s>]"
)
MIN_EXTRACTED_CHARS = 200


def looks_like_html(text: str) -> bool:
    """True when text is an HTML document rather than plain text."""
    return bool(HTML_SNIFF.search(text[:2048]))


def article_from_html(
    html: str, source: str, path: str | None, clean: bool, url: str | None = None
) -> Article:
    """Main text and metadata of an HTML page; ``clean=False`` keeps all visible text."""
    from compare.ingest.load import article_from_text

    visible = _visible_text(html)
    extracted = _trafilatura(html, url) if clean else None
    text_source = extracted["text"] if extracted and _enough(extracted["text"], visible) else visible
    if not text_source.strip():
        raise InputError(source, "HTML page holds no text")
    base = article_from_text(text_source, source=source, path=path, clean=clean)
    if not extracted:
        return replace(base, raw_format="html")
    provenance = list(base.provenance)
    fields: dict[str, str | None] = {}
    for field in ("title", "date", "author"):
        value = extracted.get(field)
        if value:
            fields[field] = value
            provenance = [p for p in provenance if p.field != field]
            provenance.append(Provenance(field, "HTML metadata (trafilatura)", str(value)))
    if not base.outlet and extracted.get("sitename"):
        from compare.ingest.metadata import canonical_outlet

        site = str(extracted["sitename"])
        fields["outlet"] = canonical_outlet(site) or site
        provenance.append(Provenance("outlet", "HTML site name", site))
    text = base.text
    title = fields.get("title") or base.title
    if clean and title and text.startswith(title):
        text = text[len(title) :].lstrip()
    return replace(
        base,
        text=text,
        url=url or extracted.get("url") or base.url,
        language=extracted.get("language") or base.language,
        provenance=tuple(provenance),
        raw_format="html",
        **fields,
    )


def _enough(extracted: str, visible: str) -> bool:
    """Trafilatura's text is used unless it is a sliver of a long page."""
    return len(extracted) >= MIN_EXTRACTED_CHARS or len(extracted) >= 0.5 * len(visible)


def _trafilatura(html: str, url: str | None) -> dict[str, str] | None:
    import trafilatura

    document = trafilatura.bare_extraction(
        html, url=url, favor_precision=True, include_comments=False, with_metadata=True
    )
    if document is None:
        return None
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = data.get("text") or ""
    return {k: str(v) for k, v in data.items() if isinstance(v, str) and v} | {
        "text": text.replace("\n", "\n\n")
    }


def _visible_text(html: str) -> str:
    """All visible text of the page, one block element a paragraph (the fallback)."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    blocks = tree.xpath("//p|//h1|//h2|//h3|//li|//blockquote|//div[not(descendant::p or descendant::div)]")
    texts = [" ".join(b.text_content().split()) for b in blocks]
    if not any(texts):
        texts = [" ".join(tree.text_content().split())]
    return "\n\n".join(t for t in texts if t)
