"""Metadata from real web pages: title, date, author and outlet, `compare` beside trafilatura.

Run from the repository root: ``python benchmarks/metadata_bench.py``. Prints the figures and
writes them to ``benchmarks/results/metadata_bench.json``. Needs ``../shared/corpora/trafilatura-eval``.

Labels come only from what a page states about itself in its own markup, and only where that is
unambiguous: a field is labelled when at least one of its sources is present and all the sources
present agree (after folding case and spaces); pages where they disagree are left out of that
field. Sources: title ``og:title`` and JSON-LD ``headline``; date the day of
``article:published_time`` and JSON-LD ``datePublished``; author ``<meta name="author">``,
``article:author`` (when not a URL) and JSON-LD ``author.name``; outlet ``og:site_name`` and
JSON-LD ``publisher.name``. Scored: a title or an outlet is right when it equals the label
folded (case, spaces, punctuation at the ends), a date when its day is the label's, an author
when the label names the same person (folded equality, or one within the other).

`compare` is read through ``compare.load_many`` on the folder of pages (what ``compare extract``
prints), trafilatura through ``bare_extraction(with_metadata=True)``. No threshold of the
product was chosen on these labels, so all pages are one part.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / ".." / "shared" / "corpora" / "trafilatura-eval"
RESULTS = ROOT / "benchmarks" / "results" / "metadata_bench.json"
FIELDS = ("title", "date", "author", "outlet")
META = regex.compile(
    r"""<meta\s[^>]*?(?:property|name)\s*=\s*["'](?P<key>[^"']+)["'][^>]*?content\s*=\s*["'](?P<value>[^"']*)["']""",
    regex.I,
)
META_REVERSED = regex.compile(
    r"""<meta\s[^>]*?content\s*=\s*["'](?P<value>[^"']*)["'][^>]*?(?:property|name)\s*=\s*["'](?P<key>[^"']+)["']""",
    regex.I,
)
JSON_LD = regex.compile(r"""(?is)<script[^>]*application/ld\+json[^>]*>(?P<body>.*?)</script>""")
META_SOURCES = {
    "og:title": "title",
    "article:published_time": "date",
    "author": "author",
    "article:author": "author",
    "og:site_name": "outlet",
}


def pages() -> Iterator[tuple[str, str, str]]:
    """(url, file name, HTML text) of every page."""
    from compare.ingest.decode import declared_charset, decode_bytes

    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    for url, facts in truth.items():
        raw = gzip.decompress((CORPUS / "html" / f"{facts['file']}.gz").read_bytes())
        yield url, facts["file"], decode_bytes(raw, facts["file"], declared_charset(raw))


def fold(value: str) -> str:
    """Case, spacing and punctuation at the ends ignored."""
    import html

    return " ".join(html.unescape(value).casefold().split()).strip(" .,:;|-–—\"'")


def labels(page: str) -> dict[str, str]:
    """Each field the page states unambiguously: every source present agrees."""
    found: dict[str, set[str]] = {name: set() for name in FIELDS}
    shown: dict[str, str] = {}
    for pattern in (META, META_REVERSED):
        for match in pattern.finditer(page[:300_000]):
            field = META_SOURCES.get(match["key"].lower())
            value = match["value"].strip()
            if field and value and not (field == "author" and value.startswith("http")):
                _add(found, shown, field, value)
    for block in JSON_LD.finditer(page[:500_000]):
        for item in _json_ld_items(block["body"]):
            for field, value in _json_ld_fields(item):
                _add(found, shown, field, value)
    return {field: shown[field] for field, values in found.items() if len(values) == 1}


def _add(found: dict[str, set[str]], shown: dict[str, str], field: str, value: str) -> None:
    key = value[:10] if field == "date" else fold(value)
    if key:
        found[field].add(key)
        shown[field] = key if field == "date" else value


def _json_ld_items(body: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(body)
    except ValueError:
        return []
    items = data if isinstance(data, list) else [data]
    graph = [g for item in items if isinstance(item, dict) for g in item.get("@graph", []) or []]
    return [item for item in [*items, *graph] if isinstance(item, dict)]


def _json_ld_fields(item: dict[str, Any]) -> Iterator[tuple[str, str]]:
    if isinstance(item.get("headline"), str):
        yield "title", item["headline"]
    if isinstance(item.get("datePublished"), str):
        yield "date", item["datePublished"]
    for field, key in (("author", "author"), ("outlet", "publisher")):
        value = item.get(key)
        value = value[0] if isinstance(value, list) and len(value) == 1 else value
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            yield field, value["name"]


def right(field: str, got: str | None, label: str) -> bool:
    if not got:
        return False
    if field == "date":
        return got[:10] == label[:10]
    a, b = fold(got), fold(label)
    if field == "author":
        return bool(a and b) and (a == b or a in b or b in a)
    return a == b


def compare_metadata(corpus: list[tuple[str, str, str]]) -> dict[str, dict[str, str | None]]:
    """Each page's fields as `compare` reads them (the folder through ``load_many``)."""
    import compare

    with tempfile.TemporaryDirectory() as tmp:
        for _, name, page in corpus:
            (Path(tmp) / name).write_text(page, encoding="utf-8")
        loaded = compare.load_many([tmp])
    return {
        Path(a.path or "").name: {"title": a.title, "date": a.date, "author": a.author, "outlet": a.outlet}
        for a in loaded.articles
    }


def trafilatura_metadata(corpus: list[tuple[str, str, str]]) -> dict[str, dict[str, str | None]]:
    import trafilatura

    out: dict[str, dict[str, str | None]] = {}
    for url, name, page in corpus:
        document = trafilatura.bare_extraction(page, url=url, with_metadata=True)
        data = document.as_dict() if document is not None and hasattr(document, "as_dict") else {}
        out[name] = {
            "title": data.get("title"),
            "date": data.get("date"),
            "author": data.get("author"),
            "outlet": data.get("sitename"),
        }
    return out


def accuracy(found: dict[str, dict[str, str | None]], truth: dict[str, dict[str, str]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for field in FIELDS:
        labelled = [(name, facts[field]) for name, facts in truth.items() if field in facts]
        hits = sum(right(field, (found.get(name) or {}).get(field), label) for name, label in labelled)
        result[field] = {"pages": len(labelled), "accuracy": round(hits / max(1, len(labelled)), 4)}
    return result


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} not found")
    corpus = list(pages())
    truth = {name: labels(page) for _, name, page in corpus}
    results = {
        "pages": len(corpus),
        "compare (load_many, as compare extract)": accuracy(compare_metadata(corpus), truth),
        "trafilatura bare_extraction": accuracy(trafilatura_metadata(corpus), truth),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for label, figures in results.items():
        if isinstance(figures, dict):
            row = "  ".join(f"{f} {v['accuracy']:.3f} ({v['pages']})" for f, v in figures.items())
            print(f"{label:42s} {row}")


if __name__ == "__main__":
    main()
