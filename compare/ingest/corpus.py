"""Passes over all articles loaded together (site template lines), and each page's year for its month-day."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from compare.ingest.assemble import Draft
from compare.ingest.clean import normalise_line
from compare.ingest.dates import candidate_years, choose_year, named_years
from compare.model import Article, Provenance, Removed
from compare.settings import DEFAULT_SETTINGS

# When a paragraph is site template (the thresholds' meanings and how to re-measure them: settings.py).
TEMPLATE = DEFAULT_SETTINGS.template


def template_lines(drafts: Sequence[Draft]) -> dict[str | None, set[str]]:
    """Per site, the normalised paragraphs repeated across several distinct pages."""
    by_site: dict[str | None, list[Article]] = defaultdict(list)
    for draft in drafts:
        if not draft.plain:
            by_site[draft.site].append(draft.article)
    found: dict[str | None, set[str]] = {}
    for site, articles in by_site.items():
        if len(articles) < TEMPLATE.template_min_pages:
            continue
        pages: dict[str, set[str]] = defaultdict(set)
        for article in articles:
            paragraphs = [normalise_line(p) for p in article.text.split("\n\n") if p.strip()]
            if not paragraphs:
                continue
            fingerprint = max(paragraphs, key=len)
            for paragraph in set(paragraphs):
                pages[paragraph].add(fingerprint)
        repeated = {
            p
            for p, prints in pages.items()
            if len(prints) >= TEMPLATE.template_min_pages
            and len(prints) > TEMPLATE.template_min_share * len(articles)
            and (
                len(p) < TEMPLATE.template_long_chars
                or len(prints) >= TEMPLATE.template_long_share * len(articles) >= 5
            )
        }
        if repeated:
            found[site] = repeated
    return found


def remove_template(drafts: Sequence[Draft]) -> list[Draft]:
    """Drop paragraphs repeated across a site's pages from each body, recording the removals
    (plain prose taken as given is left as it is)."""
    template = template_lines(drafts)
    out = []
    for draft in drafts:
        lines = None if draft.plain else template.get(draft.site)
        article = draft.article
        if not lines:
            out.append(draft)
            continue
        kept, removed = [], []
        for paragraph in article.text.split("\n\n"):
            if normalise_line(paragraph) in lines:
                removed.append(Removed(paragraph, "repeated across pages of the site"))
            else:
                kept.append(paragraph)
        if not removed or not kept:
            out.append(draft)
            continue
        title = article.title
        if title and normalise_line(title) in lines:
            removed.append(Removed(title, "repeated across pages of the site (not a headline)"))
            title = None
        article = replace(
            article, text="\n\n".join(kept), title=title, removed=article.removed + tuple(removed)
        )
        out.append(replace(draft, article=article))
    return out


def resolve_dates(drafts: Sequence[Draft], today: dt.date | None = None) -> list[Article]:
    """Give each undated month-day a year from its own page (dates.choose_year), or leave it undated.

    Only the page's own evidence counts (the years it mentions, the weekday it names): articles
    loaded beside it never change its date. A year that stays unknown is recorded with the
    month-day read and the candidate years, so a reader sees why the article is undated.
    """
    today = today or dt.date.today()
    articles = []
    for draft in drafts:
        clue = draft.clue
        if clue is None:
            articles.append(draft.article)
            continue
        # Years whose calendar puts the month-day on the weekday the page names (none: no weekday
        # named, or one that fits no year).
        fitting = candidate_years(clue.month, clue.day, clue.weekday, today) if clue.weekday is not None else []
        candidates = fitting or candidate_years(clue.month, clue.day, None, today)
        choice = choose_year(candidates, clue.own_years, bool(fitting))
        weekday = "" if clue.weekday is None else f"; {_WEEKDAYS[clue.weekday]} named in the text"
        if choice is None:
            possible = named_years(fitting) if fitting else f"any year up to {candidates[-1]}"
            unknown = Provenance(
                "date",
                f"{clue.method} month-day {clue.month:02d}-{clue.day:02d}, year unknown "
                f"(the page names no year{weekday or ' and no weekday'}; it may be {possible})",
                clue.text,
            )
            articles.append(replace(draft.article, provenance=(*draft.article.provenance, unknown)))
            continue
        provenance = Provenance(
            "date", f"{clue.method} month-day, year inferred ({choice.evidence}{weekday})", clue.text
        )
        articles.append(
            replace(
                draft.article,
                date=f"{choice.year:04d}-{clue.month:02d}-{clue.day:02d}",
                date_inferred=True,
                provenance=(*draft.article.provenance, provenance),
            )
        )
    return articles


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
