"""File names inside a report folder: short, file-system safe, unique per article and per pair."""

from __future__ import annotations

import hashlib

import regex

from compare.model import Article, PairResult

SLUG = regex.compile(r"[^\p{L}\p{N}]+")


def slug(article: Article, limit: int = 40) -> str:
    """A file-name-safe short name for an article."""
    base = article.location.rsplit("/", 1)[-1]
    base = base.rsplit(".", 1)[0] if "." in base[-6:] else base
    cleaned = SLUG.sub("-", base).strip("-").lower()[:limit]
    return cleaned or "article"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:6]


def article_key(article: Article) -> str:
    """The article's name in a report: its text's script file and the key pages look it up by."""
    return f"{slug(article)}-{_digest(article.id)}"


def pair_name(result: PairResult) -> str:
    """File stem of a pair page: both slugs and a short hash that keeps names unique."""
    digest = _digest(f"{result.a.id}\x00{result.b.id}")
    return f"{slug(result.a)}--{slug(result.b)}-{digest}"
