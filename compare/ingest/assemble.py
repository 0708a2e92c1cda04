"""One article from a page's text or HTML: the body, and each metadata field with its provenance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from compare.errors import InputError
from compare.ingest.clean import Cleaned, clean_text, normalise_line, strip_chrome
from compare.ingest.dates import PartialDate, parse_date, weekday_named, years_mentioned
from compare.ingest.html import extract_html, is_sliver
from compare.ingest.htmlmeta import PageMetadata
from compare.ingest.language import LANGUAGE_SAMPLE_CHARS, detect_language
from compare.ingest.metadata import (
    Byline,
    Dateline,
    attribution_in,
    author_from,
    credits_in_text,
    find_dateline,
    origin_outlet,
    read_byline,
)
from compare.ingest.outlets import canonical_outlet, domain_of
from compare.ingest.rules import rule_reason
from compare.model import Article, Attribution, Provenance, Removed
from compare.settings import DEFAULT_SETTINGS, MainTextSettings

# A page line shorter than this is not used to find where trafilatura's text starts: a short
# line ("Politics") occurs anywhere.
LINE_MATCH_CHARS = 15


@dataclass(frozen=True)
class Origin:
    """Where an input came from, and metadata its container gave (JSON fields, WARC headers)."""

    source: str
    id: str
    path: str | None = None
    url: str | None = None
    given: Mapping[str, str] = field(default_factory=dict)
    capture_date: str | None = None
    raw_format: str = "text"


@dataclass(frozen=True)
class DateClue:
    """A month and day with no year, and what the page says that can fix the year."""

    month: int
    day: int
    weekday: int | None
    own_years: tuple[int, ...]
    text: str
    method: str


@dataclass(frozen=True)
class Draft:
    """An article before the corpus passes, with its undated month-day (if any) and its site."""

    article: Article
    clue: DateClue | None = None
    site: str | None = None
    # Plain prose taken as given: no page chrome, so no site-template pass either.
    plain: bool = False


@dataclass(frozen=True)
class _Body:
    text: str
    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    cleaned: Cleaned
    lines: tuple[str, ...]
    method: str


def draft_from_text(text: str, origin: Origin, clean: bool) -> Draft:
    """A plain-text page dump: cleaned (the rule cleaner, then the line classifier on its
    reading, ``classified``), or exactly the text with ``clean=False``."""
    if not text.strip():
        raise InputError(origin.source, "empty file")
    cleaned = classified(text, clean_text(text))
    paragraphs = tuple(p.text for p in cleaned.paragraphs)
    body = _Body(cleaned.text, paragraphs, cleaned.removed, cleaned, tuple(text.splitlines()), "text cleaner")
    return _finish(origin, body, text if not clean else None, meta=None)


def classified(text: str, cleaned: Cleaned) -> Cleaned:
    """The rules' reading of a dump, re-decided by the line classifier when the rules dropped a
    paragraph for its place alone (``CONTEXT_REASONS``, the decisions the classifier revisits;
    948 of the 949 trafilatura-eval dumps have one). When every line the rules dropped was named
    by a chrome rule (a feed record's text: an aggregator page with its menu and "related
    stories" list), the classifier could only drop more, and the rules' reading stands: the dump
    F1 and the scan's rows are the same (``benchmarks/scan_bench.py``)."""
    from compare.ingest.lines import CONTEXT_REASONS, classify_dump

    if any(line.reason in CONTEXT_REASONS for line in cleaned.removed):
        return classify_dump(text, cleaned)
    return cleaned


def draft_from_prose(
    paragraphs: tuple[str, ...], origin: Origin, raw: str | None, headline: str | None = None
) -> Draft:
    """Text that is plain prose already (``compare.ingest.prose``): its paragraphs as given,
    metadata as for any text; ``raw`` set means ``clean=False`` (the text exactly). ``headline``
    is a first line that repeated the given title, left out of the body."""
    text = "\n\n".join(paragraphs)
    language = None if origin.given.get("language") else detect_language(text[:LANGUAGE_SAMPLE_CHARS])
    # No cleaner ran: of what it finds (title line, byline, timestamp), only the language is known.
    cleaned = Cleaned((), (), language=language)
    removed = (Removed(headline, "headline (kept as title)"),) if headline else ()
    lines = (headline, *paragraphs) if headline else paragraphs
    body = _Body(text, paragraphs, removed, cleaned, lines, "plain text as given (no page chrome)")
    return replace(_finish(origin, body, raw, meta=None), plain=True)


def draft_from_html(html: str, origin: Origin, clean: bool) -> Draft:
    """An HTML page: trafilatura's main text less page chrome, with a lead it missed; the text
    cleaner's reading of the rendered page when trafilatura finds next to nothing."""
    extract = extract_html(html, origin.url)
    fallback = clean_text(extract.rendered)
    if extract.text and not is_sliver(extract.text, fallback.text):
        paragraphs = extract.text.split("\n\n")
        kept, removed = strip_chrome(paragraphs)
        title = extract.meta.title or (fallback.title.text if fallback.title else None)
        if kept and title and kept[0].strip() == title.strip():
            removed.insert(0, Removed(kept.pop(0), "headline (kept as title)"))
        kept = lead_above(extract.blocks, paragraphs, fallback) + kept
        joined = "\n\n".join(kept)
        outside = [
            Removed(b, "outside the main text (trafilatura)") for b in extract.blocks if b not in joined
        ]
        body = _Body(joined, tuple(kept), tuple(removed + outside), fallback, extract.blocks, "trafilatura")
    else:
        paragraphs = [p.text for p in fallback.paragraphs]
        why = "trafilatura found too little" if extract.text else "trafilatura found nothing"
        body = _Body(
            fallback.text,
            tuple(paragraphs),
            fallback.removed,
            fallback,
            extract.blocks,
            f"text cleaner ({why})",
        )
    if not body.text.strip() and not any(extract.blocks):
        raise InputError(origin.source, "HTML page holds no text")
    return _finish(origin, body, html if not clean else None, meta=extract.meta)


def lead_above(
    blocks: Sequence[str],
    paragraphs: Sequence[str],
    cleaned: Cleaned,
    settings: MainTextSettings = DEFAULT_SETTINGS.main_text,
) -> list[str]:
    """Body paragraphs of the cleaner's just above trafilatura's first one: a standfirst or lead
    that trafilatura took for a teaser. ``blocks`` are the page's lines in document order."""
    chosen = normalise_line(" ".join(paragraphs))
    first = next(
        (
            i
            for i, block in enumerate(blocks)
            if len(block) >= LINE_MATCH_CHARS and normalise_line(block) in chosen
        ),
        None,
    )
    if first is None:
        return []
    body = {normalise_line(p.text) for p in cleaned.paragraphs}
    return [
        block
        for block in blocks[max(0, first - settings.lead_lines) : first]
        if len(block) >= settings.lead_min_chars and normalise_line(block) in body and not rule_reason(block)
    ]


def _finish(origin: Origin, body: _Body, raw: str | None, meta: PageMetadata | None) -> Draft:
    """Metadata from every source in order of trust; ``raw`` set means ``clean=False``."""
    if raw is None and not body.text.strip():
        raise InputError(origin.source, "no article text left after removing page chrome")
    given = origin.given
    provenance: list[Provenance] = [Provenance("text", body.method)] if raw is None else []
    url = origin.url or (meta.url if meta else None)

    title = _first(
        provenance,
        "title",
        (given.get("title"), "given with the input"),
        (meta.title if meta else None, "HTML metadata (trafilatura)"),
        (
            body.cleaned.title.text.lstrip("# ") if body.cleaned.title else None,
            "headline line above the body",
        ),
    )
    dateline = find_dateline(body.paragraphs)
    attribution = _attribution(body, dateline)
    byline = read_byline(body.cleaned.byline) if body.cleaned.byline else Byline(None, None)
    meta_author = author_from(meta.author) if meta and meta.author else Byline(None, None)
    author = _first(
        provenance,
        "author",
        (given.get("author"), "given with the input"),
        (meta_author.author, "HTML metadata (trafilatura)"),
        (byline.author, "byline"),
    )
    outlet = _outlet(provenance, given, url, meta, attribution, byline, meta_author)
    date, clue = _date(provenance, origin, meta, body, dateline)
    published_at = _published_at(provenance, meta, date)
    language = _first(
        provenance,
        "language",
        (given.get("language"), "given with the input"),
        (body.cleaned.language, "stopword profile of the text"),
    )
    text = body.text if raw is None else raw
    article = Article(
        id=origin.id,
        text=text,
        path=origin.path,
        url=url,
        title=title,
        outlet=outlet,
        date=date,
        published_at=published_at,
        author=author,
        language=language,
        removed=body.removed if raw is None else (),
        attribution=tuple(attribution),
        provenance=tuple(provenance),
        raw_format=origin.raw_format,
    )
    site = domain_of(url) if url else _folder(origin.path)
    return Draft(article, clue, site)


def _attribution(body: _Body, dateline: Dateline | None) -> list[Attribution]:
    """Who the text credits: its dateline, attribution lines and credits in the text, once each."""
    return _dedupe(
        ([Attribution("dateline", dateline.text, dateline.outlet)] if dateline else [])
        + attribution_in(body.lines)
        + credits_in_text(body.paragraphs)
    )


def _published_at(provenance: list[Provenance], meta: PageMetadata | None, date: str | None) -> str | None:
    """The page's time of publication, kept only when it falls on the article's date."""
    published_at = meta.published_time if meta and meta.published_time and date else None
    if published_at and date and published_at[:10] == date[:10]:
        provenance.append(Provenance("time", "HTML metadata (published time)", published_at))
        return published_at
    return None


def _first(
    provenance: list[Provenance],
    name: str,
    *options: tuple[str | None, str] | tuple[str | None, str, str],
) -> str | None:
    """The first option with a value, its method (and evidence text) recorded as provenance."""
    for value, method, *evidence in options:
        if value and str(value).strip():
            provenance.append(Provenance(name, method, (evidence[0] if evidence else str(value))[:200]))
            return str(value).strip()
    return None


def _outlet(
    provenance: list[Provenance],
    given: Mapping[str, str],
    url: str | None,
    meta: PageMetadata | None,
    attribution: list[Attribution],
    byline: Byline,
    meta_author: Byline,
) -> str | None:
    """Given > a known outlet's site > the page's site name > origin evidence > byline > domain.

    The publisher wins when the page names it; a text dump names none, so its origin evidence
    (dateline, "Also on", notices) stands in, as a reader of the dump would conclude.
    """
    given_outlet = (given.get("outlet"), "given with the input")
    if given_outlet[0] and given_outlet[0].strip():
        return _first(provenance, "outlet", given_outlet)  # nothing below is read
    sitename = meta.sitename if meta else None
    host = domain_of(url) if url else None
    origin = origin_outlet(attribution)
    return _first(
        provenance,
        "outlet",
        (canonical_outlet(host) if host else None, f"URL domain {host}"),
        (canonical_outlet(sitename) if sitename else None, "HTML site name"),
        (sitename if sitename and sitename != host else None, "HTML site name"),
        (origin[0], origin[1].method, origin[1].evidence) if origin else (None, ""),
        (byline.outlet or meta_author.outlet, "credit in the byline"),
        (host, "URL domain"),
    )


def _date(
    provenance: list[Provenance],
    origin: Origin,
    meta: PageMetadata | None,
    body: _Body,
    dateline: Dateline | None,
) -> tuple[str | None, DateClue | None]:
    """A full date from the most trusted source, else a month-day clue for year inference."""
    given = origin.given.get("date")
    if given:
        parsed = parse_date(given)
        value = parsed.iso() if parsed and parsed.iso() else given
        provenance.append(Provenance("date", "given with the input", given))
        return value, None
    meta_date = meta.date if meta else None
    if meta and meta_date:
        stated = bool(meta.published_time) and meta_date == (meta.published_time or "")[:10]
        method = "HTML metadata (stated publication time)" if stated else "HTML metadata (htmldate)"
        provenance.append(Provenance("date", method, meta_date))
        return meta_date, None
    written: list[tuple[PartialDate, str]] = []
    if body.cleaned.timestamp:
        stamp = parse_date(body.cleaned.timestamp)
        if stamp:
            written.append((stamp, "page timestamp"))
    if dateline and dateline.date:
        written.append((dateline.date, "dateline"))
    for found, method in written:
        if found.iso():
            provenance.append(Provenance("date", method, found.text))
            return found.iso(), None
    if origin.capture_date and not written:
        provenance.append(Provenance("date", "web archive capture date", origin.capture_date))
        return origin.capture_date[:10], None
    for found, method in written:
        if found.month and found.day:
            source_text = "\n".join(body.lines)
            own = years_mentioned(source_text)
            if origin.capture_date:
                own = [int(origin.capture_date[:4])]
            clue = DateClue(
                found.month,
                found.day,
                weekday_named(body.text or source_text),
                tuple(own),
                found.text,
                method,
            )
            return None, clue
    return None, None


def _dedupe(items: Iterable[Attribution]) -> list[Attribution]:
    seen: set[tuple[str, str]] = set()
    out = []
    for item in items:
        if (item.kind, item.text) not in seen:
            seen.add((item.kind, item.text))
            out.append(item)
    return out


def _folder(path: str | None) -> str | None:
    if path is None:
        return None
    import os.path

    return os.path.dirname(os.path.abspath(path))
