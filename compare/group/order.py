"""The order of publication: articles by date and time of day, copies after their sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from compare.model import Article


def utc_moment(article: Article) -> str | None:
    """The article's publication moment in UTC (``YYYY-MM-DDTHH:MM:SS``), when its time is known."""
    if not article.published_at:
        return None
    try:
        moment = dt.datetime.fromisoformat(article.published_at)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds")


def publication_order(
    articles: Iterable[Article], carriers: frozenset[str] = frozenset()
) -> tuple[Article, ...]:
    """Articles by date and, within a day, by time; undated articles last, in a stable order.

    Within a day, an article whose time is unknown goes to the start of the day when it carries
    nobody's text (an original: nothing says it came later) and to the end when it carries another's
    (``carriers``): a copy is not published before its source. At the same moment, originals first.
    """

    def key(a: Article) -> tuple[bool, str, str, bool, str]:
        moment = utc_moment(a)
        if moment is None or a.date is None or moment[:10] != a.date[:10]:
            moment = "~" if a.id in carriers else ""
        return (a.date is None, (a.date or "")[:10], moment, a.id in carriers, a.id)

    return tuple(sorted(articles, key=key))
