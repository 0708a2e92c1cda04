"""Passes over all articles loaded together: site template lines, and years for month-days."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from compare.ingest.assemble import Draft
from compare.ingest.clean import normalise_line
from compare.ingest.dates import candidate_years, choose_year
from compare.model import Article, Provenance, Removed

# A paragraph is site template when it appears in at least this many pages of one site that
# are not copies of each other (copies share their longest paragraph and count once).
TEMPLATE_MIN_PAGES = 3


def template_lines(drafts: Sequence[Draft]) -> dict[str | None, set[str]]:
    """Per site, the normalised paragraphs repeated across several distinct pages."""
    by_site: dict[str | None, list[Article]] = defaultdict(list)
    for draft in drafts:
        by_site[draft.site].append(draft.article)
    found: dict[str | None, set[str]] = {}
    for site, articles in by_site.items():
        if len(articles) < TEMPLATE_MIN_PAGES:
            continue
        pages: dict[str, set[str]] = defaultdict(set)
        for article in articles:
            paragraphs = [normalise_line(p) for p in article.text.split("\n\n") if p.strip()]
            if not paragraphs:
                continue
            fingerprint = max(paragraphs, key=len)
            for paragraph in set(paragraphs):
                pages[paragraph].add(fingerprint)
        repeated = {p for p, prints in pages.items() if len(prints) >= TEMPLATE_MIN_PAGES}
        if repeated:
            found[site] = repeated
    return found


def remove_template(drafts: Sequence[Draft]) -> list[Draft]:
    """Drop paragraphs repeated across a site's pages from each body, recording the removals."""
    template = template_lines(drafts)
    out = []
    for draft in drafts:
        lines = template.get(draft.site)
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
    """Give each undated month-day a year: its weekday, then the page's years, then the corpus's."""
    today = today or dt.date.today()
    own_choices: dict[int, tuple[int, str]] = {}
    for index, draft in enumerate(drafts):
        clue = draft.clue
        if clue and clue.own_years:
            years = _candidates(clue, today)
            choice = choose_year(years, clue.own_years, ())
            if choice:
                own_choices[index] = (choice.year, choice.evidence)
    known = [int(d.article.date[:4]) for d in drafts if d.article.date and d.article.date[:4].isdigit()]
    articles = []
    for index, draft in enumerate(drafts):
        clue = draft.clue
        if clue is None:
            articles.append(draft.article)
            continue
        if index in own_choices:
            year, evidence = own_choices[index]
        else:
            others = known + [y for i, (y, _) in own_choices.items() if i != index]
            choice = choose_year(_candidates(clue, today), (), others)
            if choice is None:
                articles.append(draft.article)
                continue
            year, evidence = choice.year, choice.evidence
        weekday = "" if clue.weekday is None else f"; weekday {_WEEKDAYS[clue.weekday]} named in the text"
        value = f"{year:04d}-{clue.month:02d}-{clue.day:02d}"
        provenance = Provenance(
            "date", f"{clue.method} month-day, year inferred ({evidence}{weekday})", clue.text
        )
        articles.append(
            replace(
                draft.article,
                date=value,
                date_inferred=True,
                provenance=draft.article.provenance + (provenance,),
            )
        )
    return articles


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _candidates(clue: object, today: dt.date) -> list[int]:
    month, day, weekday = clue.month, clue.day, clue.weekday  # type: ignore[attr-defined]
    years = candidate_years(month, day, weekday, today)
    return years or candidate_years(month, day, None, today)
