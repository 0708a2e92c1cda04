"""Metadata read from the text itself: title, outlet, date and attribution evidence."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from compare.model import Attribution, Provenance

# Known outlets and the spellings that name them.
OUTLETS: dict[str, tuple[str, ...]] = {
    "TASS": ("tass", "tass.com", "tass.ru", "itar-tass"),
    "RT": ("rt", "rt.com", "russia today", "russiatoday"),
    "RIA Novosti": ("ria novosti", "ria.ru", "ria"),
    "Interfax": ("interfax", "interfax.ru"),
    "Sputnik": ("sputnik", "sputniknews.com"),
    "Reuters": ("reuters", "reuters.com"),
    "AP": ("ap", "associated press", "apnews.com"),
    "AFP": ("afp", "agence france-presse"),
    "BBC": ("bbc", "bbc.com", "bbc.co.uk"),
    "CNN": ("cnn", "cnn.com"),
}
ALIASES: dict[str, str] = {alias: name for name, aliases in OUTLETS.items() for alias in aliases}

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTH_RE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = regex.compile(
    rf"^(?P<place>[A-Z][A-Z .'\-]{{2,}}),\s*(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})"
    rf"(?:,\s*(?P<year>\d{{4}}))?\s*[./]*\s*[/(]\s*(?P<outlet>[A-Za-z][\w\-. ]{{1,20}}?)\s*[/)]\s*\.?"
)
ISO_DATE = regex.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")
LONG_DATE = regex.compile(rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})\b")
ALSO_ON = regex.compile(r"(?i)^also on (?P<outlet>[\w.\-]+)")
REPUBLICATION = regex.compile(r"(?i)originally (published|appeared) (on|at|by|in)\b")
VIA = regex.compile(r"(?i)^(via|source)\s*:?\s*(?P<outlet>[\w.\- ]{2,40})?$")
CREDIT = regex.compile(r"(?:©|\(c\))\s*(?P<who>.+)$")


@dataclass(frozen=True)
class Found:
    """A metadata value with how it was found."""

    value: str | None
    provenance: Provenance | None = None


def canonical_outlet(name: str) -> str | None:
    """The known outlet a name or domain refers to, if any."""
    key = name.strip().lower().removeprefix("www.")
    if key in ALIASES:
        return ALIASES[key]
    for part in regex.split(r"[/\s]+", key):
        if part in ALIASES and len(part) > 2:
            return ALIASES[part]
    return None


def find_dateline(paragraphs: list[str]) -> tuple[Attribution, str | None] | None:
    """A wire dateline such as ``MOSCOW, June 9. /TASS/.`` and the month-day it gives."""
    for paragraph in paragraphs[:6]:
        match = DATELINE.match(paragraph)
        if match:
            outlet = canonical_outlet(match["outlet"]) or match["outlet"].strip()
            month = _month_number(match["month"])
            day = int(match["day"])
            year = match["year"]
            when = f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
            return Attribution("dateline", match.group().strip(), outlet), when
    return None


def _month_number(text: str) -> int:
    prefix = text[:3].lower()
    return next(i for i, m in enumerate(MONTHS, 1) if m[:3].lower() == prefix)


def find_date(text: str) -> Found:
    """A full date written in the text (ISO or "December 26, 2017")."""
    iso = ISO_DATE.search(text)
    if iso:
        return Found(iso.group(), Provenance("date", "ISO date in text", iso.group()))
    long = LONG_DATE.search(text)
    if long:
        month = _month_number(long["month"])
        value = f"{long['year']}-{month:02d}-{int(long['day']):02d}"
        return Found(value, Provenance("date", "written date in text", long.group()))
    return Found(None)


def attribution_lines(lines: list[str]) -> list[Attribution]:
    """Evidence of origin in lines of the raw page: notices, teasers, source links, credits."""
    found: list[Attribution] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if REPUBLICATION.search(stripped):
            found.append(Attribution("republication_notice", stripped, _outlet_in(stripped)))
        elif match := ALSO_ON.match(stripped):
            found.append(Attribution("also_on", stripped, canonical_outlet(match["outlet"])))
        elif match := VIA.match(stripped):
            who = match["outlet"]
            kind = "via" if stripped.lower().startswith("via") else "source_link"
            found.append(Attribution(kind, stripped, canonical_outlet(who) if who else None))
        elif match := CREDIT.search(stripped):
            found.append(Attribution("credit", stripped, _outlet_in(match["who"])))
    return found


def _outlet_in(text: str) -> str | None:
    for word in regex.findall(r"[\w.\-]+", text.lower()):
        if len(word) > 1 and word in ALIASES and (len(word) > 2 or word.upper() in text):
            return ALIASES[word]
    return None


def guess_title(paragraphs: list[str]) -> str | None:
    """The first paragraph when it reads as a headline: short, no closing full stop."""
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0]
    words = first.split()
    if 3 <= len(words) <= 30 and not first.rstrip().endswith((".", ":", ",")):
        return first
    return None
