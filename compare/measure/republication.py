"""An article's role from its own attribution evidence: its outlet's own story, a republication of
another outlet's story on a host site (the host and the origin named), or a text crediting another.

A republication shows itself by a notice ("originally published on …"), "Also on <outlet>" teasers
on a site that is not that outlet, a bare "Source" link or "via <outlet>". The origin is the outlet
the strongest evidence names (dateline first); the host is the publisher the page names (URL, site
name, given metadata), else, in a text dump, the site's name standing alone above the headline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from compare.ingest.metadata import OUTLET_EVIDENCE, origin_outlet
from compare.model import Article

# How the outlet field was found when it was read from origin evidence rather than the page itself.
ORIGIN_METHODS = frozenset(kind.replace("_", " ") for kind in OUTLET_EVIDENCE)
# A removed line above the headline names the host site when it is this short.
SITE_NAME_MAX_WORDS = 5
BARE_SOURCE = regex.compile(r"(?i)^\W*(?:source|sources|original|источник)\W*$")
CREDIT_KINDS = ("credit", "reported_by")


@dataclass(frozen=True)
class Role:
    """What an article is: ``own`` story, ``republication`` of ``origin`` on ``host``, a text that
    ``credits`` ``origin``, or ``unknown`` (no evidence either way)."""

    kind: Literal["own", "republication", "credits", "unknown"]
    origin: str | None
    host: str | None
    evidence: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The role in words, for a reader."""
        if self.kind == "republication":
            origin = f"{self.origin}'s story" if self.origin else "another outlet's story"
            host = self.host or "a site that does not name itself"
            return f"republication of {origin} on {host}"
        if self.kind == "credits":
            return f"{self.host or 'its outlet'}'s text, crediting {self.origin}"
        if self.kind == "own":
            return f"published as {self.origin}'s own story; it credits no other outlet"
        return "no attribution evidence: its origin is not stated"

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "origin": self.origin, "host": self.host, "evidence": list(self.evidence)}


def page_publisher(article: Article) -> str | None:
    """The outlet the page names as its publisher; None when the outlet was read from origin
    evidence (a dateline, an "Also on" teaser), which names whose story it is, not whose site."""
    method = next((p.method for p in article.provenance if p.field == "outlet"), "")
    return None if method in ORIGIN_METHODS else article.outlet


def site_name_line(article: Article) -> str | None:
    """In a text dump, the host site's name: a short line alone above the headline, removed."""
    if not article.removed:
        return None
    first = article.removed[0]
    words = first.text.split()
    if first.reason == "before the article text" and 0 < len(words) <= SITE_NAME_MAX_WORDS:
        return first.text.strip()
    return None


def article_role(article: Article) -> Role:
    """The article's role from its attribution evidence (see the module docstring)."""
    publisher = page_publisher(article)
    host = publisher or site_name_line(article)
    found = origin_outlet(article.attribution)
    origin = found[0] if found else None
    markers = [
        a
        for a in article.attribution
        if a.kind == "republication_notice"
        or (a.kind in ("via", "also_on") and a.outlet and a.outlet != publisher)
        or (a.kind == "source_link" and BARE_SOURCE.match(a.text))
    ]
    # "Also on X" alone, on a page that names no host, may be X's own page dumped as text: it takes
    # a second sign (the host's name above the headline, a bare "Source" link) to call it a copy.
    teasers_only = all(a.kind == "also_on" for a in markers)
    if markers and not (teasers_only and host is None) and origin != publisher:
        return Role("republication", origin, host, tuple(a.text for a in markers))
    credits = [
        a for a in article.attribution if a.kind in CREDIT_KINDS and a.outlet and a.outlet != article.outlet
    ]
    if credits and article.outlet:
        return Role("credits", credits[0].outlet, article.outlet, tuple(a.text for a in credits))
    if origin is not None:
        return Role("own", origin, host, tuple(a.text for a in article.attribution if a.outlet == origin))
    if publisher is not None:
        return Role("own", publisher, host)
    return Role("unknown", None, host)
