"""HTML and JSON output of pair and report pages (jinja2, autoescape and StrictUndefined on)."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex
from markupsafe import Markup

from compare.model import Article, Omissions, PairResult, PairStance, StanceProfile
from compare.render.files import replaced_folder, write_atomic
from compare.render.index_view import index_page
from compare.render.names import article_key, pair_name
from compare.render.views import pair_page

if TYPE_CHECKING:
    from compare.pipeline import Report


def template_dir() -> Path:
    """The templates folder: the top-level ``templates/`` of a checkout, else the installed copy."""
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if (checkout / "base.html").is_file():
        return checkout
    return Path(__file__).resolve().parents[1] / "templates"  # installed as compare.templates


ASSETS: dict[str, str] = {"compare.css": "_style.css", "compare.js": "_script.js"}
# What a report folder holds: rewriting a report replaces these and keeps anything else there.
REPORT_ENTRIES = frozenset({"index.html", "index.json", "assets", "articles", "events", "pairs"})
ARTICLE_REF = ("id", "path", "url", "title", "outlet", "date")
CSP_BASE = "default-src 'none'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"


def minify(name: str, text: str) -> str:
    """Drop comments and indentation from a stylesheet or script: every page carries them."""
    if name.endswith(".css"):
        text = str(regex.sub(r"/\*.*?\*/", "", text, flags=regex.S))
        return str(regex.sub(r"\s*([{};])\s*", r"\1", regex.sub(r"\s+", " ", text))).strip() + "\n"
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


@cache
def asset(name: str) -> str:
    """The minified text of a shared asset (``compare.css`` or ``compare.js``)."""
    return minify(name, (template_dir() / ASSETS[name]).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def environment() -> Any:
    """The jinja2 environment shared by every page."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # |tojson (article texts carried by a page that stands alone) escapes <, >, & and ' for HTML.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}
    env.globals["style"] = Markup(asset("compare.css"))
    env.globals["script"] = Markup(asset("compare.js"))
    return env


def csp(assets: str) -> str:
    """The page's Content-Security-Policy: only its own script runs, no request leaves the folder.

    An inline script is allowed by its hash, so no inline handler or injected ``<script>`` could run
    even if some text ever escaped escaping; linked assets are allowed from the report itself.
    """
    if assets:
        return f"{CSP_BASE}; style-src 'self' file:; script-src 'self' file:"
    digest = base64.b64encode(hashlib.sha256(asset("compare.js").encode()).digest()).decode()
    return f"{CSP_BASE}; style-src 'unsafe-inline'; script-src 'sha256-{digest}'"


TEXT_BOX = regex.compile(r'(<div class="text"[^>]*>.*?</div>)', flags=regex.S)
INDENT = regex.compile(r"\n[ \t]+")


def squeeze(page: str) -> str:
    """Drop template indentation, except inside article text boxes where whitespace is the text's.

    Article text is escaped, so outside the boxes every line start is markup; a report holds
    hundreds of pages, and indentation was a tenth of each.
    """
    parts = TEXT_BOX.split(page)
    return "".join(part if i % 2 else INDENT.sub("\n", part) for i, part in enumerate(parts))


def render(template: str, page: object, assets: str = "") -> str:
    """Render one template with a view model as ``page``.

    ``assets`` is the relative folder holding ``compare.css``/``compare.js`` (e.g. ``"../assets/"``),
    written once per report by ``write_assets``; empty inlines them, for a page that stands alone.
    """
    html = environment().get_template(template).render(page=page, assets=assets, csp=Markup(csp(assets)))
    return squeeze(str(html))


def write_assets(out_dir: Path) -> None:
    """Write the shared stylesheet and script into ``out_dir/assets``."""
    for name in ASSETS:
        write_atomic(out_dir / "assets" / name, asset(name))


def to_json(data: Any, compact: bool = False) -> str:
    """Stable JSON: indented to read, or compact for the many pair files of a report."""
    if compact:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def pair_json(result: PairResult, texts_href: str = "") -> dict[str, Any]:
    """The pair's JSON; with ``texts_href`` the articles are named by id and their full records,
    texts included, are left to that file (a report's ``index.json`` holds each once, not per pair):
    edits, changed words and omissions then give their spans, not the words again."""
    data = result.to_dict()
    if texts_href:
        for side in ("a", "b"):
            data[side] = {key: data[side][key] for key in ARTICLE_REF}
        data["articles"] = texts_href
        data["passages"] = [p | {"edits": _by_span(p["edits"])} for p in data["passages"]]
        if result.stance is not None:
            data["stance"] = _stance_by_span(result.stance, data["stance"])
    return data


def _stance_by_span(stance: PairStance, data: dict[str, Any]) -> dict[str, Any]:
    """A pair's stance section whose profiles, in the report's ``index.json``, are named by id."""
    return data | {
        "a": {"article": stance.a.article_id, "claim_stance": stance.a.claim_stance},
        "b": {"article": stance.b.article_id, "claim_stance": stance.b.claim_stance},
        "labelling_differences": _by_span(data["labelling_differences"]),
        "omissions": {"a": omissions_by_span(stance.omissions_a), "b": omissions_by_span(stance.omissions_b)},
    }


def _by_span(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Edits or changed words without their words, which their spans give in the articles' texts."""
    return [{k: v for k, v in item.items() if k not in ("a_text", "b_text")} for item in items]


def omissions_by_span(omissions: Omissions) -> dict[str, Any]:
    """Omitted quotes and facts named by their span in the carrying article, whose text is in index.json."""
    return omissions.counts() | {
        "items": [{k: v for k, v in item.to_dict().items() if k != "text"} for item in omissions.items]
    }


def profile_json(profile: StanceProfile) -> dict[str, Any]:
    """A profile as the report's ``index.json`` gives it: without the claim stance, which is the pair's or event's."""
    return {k: v for k, v in profile.to_dict().items() if k != "claim_stance"}


def text_script(article: Article) -> str:
    """The script that hands an article's text to the report's pages (file:// pages cannot fetch)."""
    text = (
        json.dumps(article.text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
    return (
        f"(window.compareTexts = window.compareTexts || {{}})[{json.dumps(article_key(article))}] = {text};\n"
    )


def write_texts(articles: Sequence[Article], out_dir: Path) -> None:
    """Write ``articles/<key>.js`` once per article: every pair page of the report reads it."""
    for article in articles:
        write_atomic(out_dir / "articles" / f"{article_key(article)}.js", text_script(article))


def write_pair(
    result: PairResult,
    out_dir: Path,
    name: str | None = None,
    index_href: str = "",
    assets: str = "",
    texts_href: str = "",
    text_scripts: str = "",
    event: tuple[str, str] = ("", ""),
) -> Path:
    """Write ``<name>.html`` and ``<name>.json`` for a pair; returns the HTML path.

    ``assets`` as in ``render``: empty makes a page that stands alone (styles and script inline);
    ``texts_href`` as in ``pair_json``; ``text_scripts`` and ``event`` as in ``pair_page``.
    """
    stem = name or pair_name(result)
    write_atomic(out_dir / f"{stem}.json", to_json(pair_json(result, texts_href), compact=True))
    page = pair_page(result, f"{stem}.json", index_href, text_scripts, event)
    html_path = out_dir / f"{stem}.html"
    write_atomic(html_path, render("pair.html", page, assets))
    return html_path


def write_articles(
    report: Report,
    links: Sequence[tuple[str, PairResult]],
    events: Mapping[str, tuple[str, str]],
    out_dir: Path,
) -> None:
    """Write ``articles/<key>.html`` for every article: its text, quotes, metadata, pairs, event.

    ``events`` gives each article id its event page (href from the report root, label).
    """
    from compare.render.article_view import article_href, article_page

    for article in report.articles:
        mine = [(href, r) for href, r in links if article.id in (r.a.id, r.b.id)]
        event = events.get(article.id, ("", ""))
        page = article_page(article, report.profiles.get(article.id), report.roles[article.id], mine, event)
        write_atomic(out_dir / article_href(article), render("article.html", page, "../assets/"))


def write_report(report: Report, out_dir: Path) -> Path:
    """Write article pages, pair pages, event pages when the report has events, then ``index.html``,
    into a new folder that then takes ``out_dir``'s place (``files.replaced_folder``): no page of
    an earlier report is left beside the new ones, and a failed run leaves the old report whole."""
    with replaced_folder(out_dir, REPORT_ENTRIES) as folder:
        _write_report(report, folder)
    return out_dir / "index.html"


def _write_report(report: Report, out_dir: Path) -> None:
    """``write_report``'s pages, written into ``out_dir`` (a fresh folder)."""
    from compare.render.event_page import event_stem, with_events, write_events

    write_assets(out_dir)
    write_texts(report.articles, out_dir)
    events = [e.event for e in report.events or ()]
    event_of = {a.id: (f"events/{event_stem(e)}.html", e.label) for e in events for a in e.articles}
    links = [(write_report_pair(result, out_dir, event_of), result) for result in report.pairs]
    write_articles(report, links, event_of, out_dir)
    skipped = [str(error) for error in report.skipped]
    page = index_page(report.articles, links, skipped)
    summary = index_json(report, links, skipped)
    template = "index.html"
    if report.events is not None:
        rows = write_events(report.events, report.roles, out_dir)
        summary["events"] = [e.to_dict() | {"href": row.href} for e, row in zip(events, rows, strict=True)]
        page, template = with_events(page, rows), "index_events.html"
    write_atomic(out_dir / "index.json", to_json(summary, compact=True))
    write_atomic(out_dir / "index.html", render(template, page, "assets/"))


def write_report_pair(result: PairResult, out_dir: Path, event_of: Mapping[str, tuple[str, str]]) -> str:
    """Write a pair's page and JSON into the report's ``pairs/`` folder, linked to the event both
    articles are in (``event_of``: article id to event href and label); returns its href."""
    stem = pair_name(result)
    href, label = event_of.get(result.a.id, ("", ""))
    if event_of.get(result.b.id) != (href, label):
        href, label = "", ""
    event = (f"../{href}" if href else "", label)
    write_pair(
        result, out_dir / "pairs", stem, "../index.html", "../assets/", "../index.json", "../articles/", event
    )
    return f"pairs/{stem}.html"


def index_json(report: Report, links: Sequence[tuple[str, PairResult]], skipped: list[str]) -> dict[str, Any]:
    """The report's ``index.json``: articles with their roles and pages, pairs, skipped inputs and
    every article's stance profile (the events are added by the caller)."""
    from compare.render.article_view import article_href

    return {
        "articles": [
            a.to_dict() | {"role": report.roles[a.id].to_dict(), "page": article_href(a)}
            for a in report.articles
        ],
        "pairs": [
            {
                "href": href,
                "relation": r.relation,
                "a": r.a.id,
                "b": r.b.id,
                # The evidence stays in the pair's own JSON: hundreds of pairs would repeat it here.
                "direction": {"source": r.direction.source, "confidence": round(r.direction.confidence, 4)},
            }
            for href, r in links
        ],
        "skipped": skipped,
        "stance_profiles": {
            a.id: profile_json(report.profiles[a.id]) for a in report.articles if a.id in report.profiles
        },
    }
