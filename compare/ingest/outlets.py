"""Known outlets and the names, domains and abbreviations that refer to them."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import regex

# Canonical name -> spellings that name it (lower case): names, domains, native-script forms.
OUTLETS: dict[str, tuple[str, ...]] = {
    "TASS": ("tass", "tass.com", "tass.ru", "itar-tass", "тасс", "итар-тасс"),
    "RT": ("rt", "rt.com", "russia today", "russiatoday", "russian.rt.com", "arabic.rt.com"),
    "RIA Novosti": ("ria novosti", "ria.ru", "ria", "риа новости", "риа"),
    "Interfax": ("interfax", "interfax.ru", "интерфакс"),
    "Sputnik": ("sputnik", "sputniknews.com", "спутник"),
    "Reuters": ("reuters", "reuters.com", "thomson reuters"),
    "AP": ("ap", "associated press", "the associated press", "apnews.com"),
    "AFP": ("afp", "agence france-presse", "agence france presse", "afp.com"),
    "Bloomberg": ("bloomberg", "bloomberg.com", "bloomberg news"),
    "BBC": ("bbc", "bbc.com", "bbc.co.uk", "bbc news"),
    "CNN": ("cnn", "cnn.com", "edition.cnn.com"),
    "Xinhua": ("xinhua", "xinhuanet.com", "news.cn", "синьхуа"),
    "Kommersant": ("kommersant", "kommersant.ru", "коммерсантъ"),
    "Izvestia": ("izvestia", "iz.ru", "известия"),
    "Ukrinform": ("ukrinform", "ukrinform.net", "укрінформ"),
    "UNIAN": ("unian", "unian.info", "уніан"),
    "dpa": ("dpa", "deutsche presse-agentur"),
    "EFE": ("efe", "agencia efe"),
    "ANSA": ("ansa", "ansa.it"),
    "Kyodo": ("kyodo", "kyodo news"),
    "Yonhap": ("yonhap", "yonhap news agency", "yna.co.kr"),
    "Anadolu": ("anadolu", "anadolu agency", "aa.com.tr"),
    "PTI": ("pti", "press trust of india"),
    "UPI": ("upi", "united press international", "upi.com"),
    "The Guardian": ("the guardian", "guardian", "theguardian.com"),
    "The New York Times": ("the new york times", "new york times", "nytimes.com", "nyt"),
    "The Washington Post": ("the washington post", "washington post", "washingtonpost.com"),
    "Al Jazeera": ("al jazeera", "aljazeera.com", "aljazeera.net"),
    "Deutsche Welle": ("deutsche welle", "dw", "dw.com"),
    "Euronews": ("euronews", "euronews.com"),
    "Meduza": ("meduza", "meduza.io", "медуза"),
}

# Outlets that supply copy to others: a credit naming one is a source, not a person.
WIRE_SERVICES = frozenset(
    {
        "TASS",
        "RIA Novosti",
        "Interfax",
        "Reuters",
        "AP",
        "AFP",
        "Bloomberg",
        "Xinhua",
        "dpa",
        "EFE",
        "ANSA",
        "Kyodo",
        "Yonhap",
        "Anadolu",
        "PTI",
        "UPI",
        "Ukrinform",
        "UNIAN",
        "Sputnik",
    }
)

ALIASES: dict[str, str] = {alias: name for name, aliases in OUTLETS.items() for alias in aliases}
# Short aliases are ordinary words or initials too ("ap", "ria"): they only count in capitals.
_SHORT = 3
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}.\-]*[\p{L}\p{N}]|[\p{L}\p{N}]")


@lru_cache(maxsize=4096)
def canonical_outlet(name: str) -> str | None:
    """The known outlet a name or domain refers to, if any (``tass.com`` -> ``TASS``)."""
    key = " ".join(name.strip().lower().split()).removeprefix("www.").strip(" ./:;,()")
    if key in ALIASES:
        return ALIASES[key]
    if "." in key and " " not in key:
        parts = key.split(".")
        for start in range(1, len(parts) - 1):
            suffix = ".".join(parts[start:])
            if suffix in ALIASES:
                return ALIASES[suffix]
    return None


def outlet_in_text(text: str) -> str | None:
    """The first known outlet named in a short text (a credit, a notice, a teaser)."""
    lowered = text.lower()
    for phrase in _multiword_aliases():
        if phrase in lowered:
            return ALIASES[phrase]
    for match in _WORD.finditer(text):
        word = match.group()
        found = ALIASES.get(word.lower().removeprefix("www."))
        if found and (len(word) > _SHORT or word.isupper()):
            return found
    return None


@lru_cache(maxsize=1)
def _multiword_aliases() -> tuple[str, ...]:
    return tuple(sorted((a for a in ALIASES if " " in a), key=len, reverse=True))


def domain_of(url: str) -> str | None:
    """The host of a URL without ``www.``, or None when it has none."""
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


DOMAIN = regex.compile(r"\b((?:[a-z0-9\-]+\.)+(?:[a-z]{2,12}))\b", regex.IGNORECASE)


def name_from_domain(domain: str) -> str:
    """A display name for an outlet known only by its domain (``srv24.example`` -> ``SRV24``)."""
    known = canonical_outlet(domain)
    if known:
        return known
    labels = domain.lower().removeprefix("www.").split(".")
    label = labels[-2] if len(labels) >= 2 else labels[0]
    return label.upper() if len(label) <= 4 or any(c.isdigit() for c in label) else label.capitalize()


def outlet_or_domain_in_text(text: str) -> str | None:
    """A known outlet named in a text, else one named by a domain in it."""
    known = outlet_in_text(text)
    if known:
        return known
    match = DOMAIN.search(text)
    return name_from_domain(match[1]) if match and not match[1][0].isdigit() else None


def display_name(name: str) -> str:
    """A known outlet's name, or an all-capitals wire name in title case (``NORDPRESS``)."""
    known = canonical_outlet(name)
    if known:
        return known
    if name.isupper() and name.isalpha() and len(name) > 4:
        return name.capitalize()
    return name
