"""Dates written in page text, and the year of a month-day from the page's own years and weekday."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import regex

MONTH_NAMES: dict[str, int] = {}
for number, names in enumerate(
    (
        "january jan январь января янв",
        "february feb февраль февраля фев",
        "march mar март марта мар",
        "april apr апрель апреля апр",
        "may май мая",
        "june jun июнь июня июн",
        "july jul июль июля июл",
        "august aug август августа авг",
        "september sep sept сентябрь сентября сен",
        "october oct октябрь октября окт",
        "november nov ноябрь ноября ноя",
        "december dec декабрь декабря дек",
    ),
    1,
):
    for name in names.split():
        MONTH_NAMES[name] = number

WEEKDAYS: dict[str, int] = {}
for number, names in enumerate(
    (
        "monday понедельник",
        "tuesday вторник",
        "wednesday среду среда",
        "thursday четверг",
        "friday пятницу пятница",
        "saturday субботу суббота",
        "sunday воскресенье",
    )
):
    for name in names.split():
        WEEKDAYS[name] = number

MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
ISO = regex.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)")
NUMERIC = regex.compile(r"\b(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>(?:19|20)\d\d)\b")
WRITTEN = (
    regex.compile(rf"(?i)\b{MONTH}\s+{DAY}\b(?:,?\s+{YEAR}\b)?"),
    regex.compile(rf"(?i)\b{DAY}\s+{MONTH}(?:,?\s+{YEAR}\b)?"),
)
MONTH_YEAR = regex.compile(rf"(?i)\b{MONTH}\s+{YEAR}\b")
# A year written in the text; "since 2010" is left out: it names a point well before the page's
# own time, not the time the page writes about.
YEAR_MENTION = regex.compile(r"(?i)(?<!\bsince\s)(?<![\d.,/-])(?:19|20)\d\d(?![\d.,/-]\d)")
WEEKDAY = regex.compile(r"(?i)\b(" + "|".join(WEEKDAYS) + r")\b")
# Candidate years for a month-day: a news archive rarely reaches further back than this.
EARLIEST_YEAR = 1990


@dataclass(frozen=True)
class PartialDate:
    """A date as written: year, month and day, any of which may be missing."""

    year: int | None
    month: int | None
    day: int | None
    text: str

    def iso(self) -> str | None:
        """``YYYY-MM-DD``, or ``YYYY-MM`` when only that is known, else None."""
        if self.year and self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.year and self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return None


def parse_date(text: str) -> PartialDate | None:
    """The first date written in a short text: ISO, numeric, or with a month name."""
    for pattern in (ISO, NUMERIC):
        match = pattern.search(text)
        if match is None:
            continue
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        if pattern is NUMERIC and month > 12 >= day:
            month, day = day, month  # 06/29/2021: the US order, unambiguous here
        if _valid(year, month, day):
            return PartialDate(year, month, day, match[0])
    for pattern in WRITTEN:
        match = pattern.search(text)
        if match:
            named_month = MONTH_NAMES[match["month"].lower()]
            named_day = int(match["day"])
            named_year = int(match["year"]) if match["year"] else None
            if 1 <= named_day <= 31 and (named_year is None or _valid(named_year, named_month, named_day)):
                return PartialDate(named_year, named_month, named_day, match[0])
    match = MONTH_YEAR.search(text)
    if match:
        return PartialDate(int(match["year"]), MONTH_NAMES[match["month"].lower()], None, match[0])
    return None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def weekday_named(text: str) -> int | None:
    """The first weekday named in a text (0 = Monday), or None."""
    match = WEEKDAY.search(text)
    return WEEKDAYS[match[1].lower()] if match else None


def years_mentioned(text: str) -> list[int]:
    """Four-digit years written in a text (1900-2099)."""
    return [int(y) for y in YEAR_MENTION.findall(text)]


def candidate_years(month: int, day: int, weekday: int | None, today: dt.date) -> list[int]:
    """Years in which the month-day exists, is not after today, and falls on the weekday."""
    years = []
    for year in range(EARLIEST_YEAR, today.year + 1):
        if not _valid(year, month, day) or dt.date(year, month, day) > today:
            continue
        if weekday is None or dt.date(year, month, day).weekday() == weekday:
            years.append(year)
    return years


@dataclass(frozen=True)
class YearChoice:
    """The year chosen for a month-day and the evidence that chose it."""

    year: int
    evidence: str


# Candidate years named when a year stays unknown or the latest is taken (most recent first).
NAMED_CANDIDATES = 4


def choose_year(candidates: list[int], own_years: Iterable[int], weekday_fits: bool) -> YearChoice | None:
    """The year of a month-day from the page's own evidence, or None when it has none.

    The candidate nearest the latest year the page mentions comes first (a page of year Y mostly
    writes about Y and the years just before it). Else, when the weekday the page names fits only
    some years (``weekday_fits``), the latest of them not after today, a loaded page being more
    likely recent than old; the other candidates are named in the evidence. With neither, the
    year stays unknown: other articles loaded beside the page never decide it.
    """
    if not candidates:
        return None
    own = sorted(set(own_years))
    if own:
        anchor = own[-1]
        year = min(candidates, key=lambda y: (abs(y - anchor), -y))
        return YearChoice(year, f"nearest to {anchor}, the latest year the page mentions")
    if weekday_fits:
        return YearChoice(candidates[-1], f"the latest of {named_years(candidates)}; the page names no year")
    return None


def named_years(candidates: list[int]) -> str:
    """The most recent candidate years, as a reader would list them ("2021, 2010, 2004 or earlier")."""
    recent = [str(y) for y in sorted(candidates, reverse=True)[:NAMED_CANDIDATES]]
    more = " or earlier" if len(candidates) > NAMED_CANDIDATES else ""
    return ", ".join(recent) + more
