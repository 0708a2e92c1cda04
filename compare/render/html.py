"""HTML and JSON output of pair and report pages (jinja2, autoescape and StrictUndefined on)."""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import regex

from compare.model import Article, PairResult
from compare.render.files import write_atomic
from compare.render.index_view import index_page
from compare.render.views import pair_page

SLUG = regex.compile(r"[^\p{L}\p{N}]+")


def template_dir() -> Path:
    """The templates folder: the top-level ``templates/`` of a checkout, else the installed copy."""
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if (checkout / "base.html").is_file():
        return checkout
    return Path(str(resources.files("compare.templates")))


@lru_cache(maxsize=1)
def environment() -> Any:
    """The jinja2 environment shared by every page."""
    import jinja2
    import markupsafe

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    script = (template_dir() / "_script.js").read_text(encoding="utf-8")
    # The page's one script is allowed by its hash: no inline handler or injected <script> can run
    # even if some text ever escaped escaping.
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    env.globals["script"] = markupsafe.Markup(script)
    env.globals["csp"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; connect-src 'none'; form-action 'none'; base-uri 'none'"
    )
    return env


def render(template: str, page: object) -> str:
    """Render one template with a view model as ``page``."""
    return str(environment().get_template(template).render(page=page))


def slug(article: Article, limit: int = 40) -> str:
    """A file-name-safe short name for an article."""
    base = (article.path or article.url or article.id).rsplit("/", 1)[-1]
    base = base.rsplit(".", 1)[0] if "." in base[-6:] else base
    cleaned = SLUG.sub("-", base).strip("-").lower()[:limit]
    return cleaned or "article"


def pair_name(result: PairResult) -> str:
    """File stem of a pair page: both slugs and a short hash that keeps names unique."""
    digest = hashlib.sha1(f"{result.a.id}\x00{result.b.id}".encode()).hexdigest()[:6]
    return f"{slug(result.a)}--{slug(result.b)}-{digest}"


def to_json(data: Any) -> str:
    """Stable, readable JSON."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_pair(result: PairResult, out_dir: Path, name: str | None = None, index_href: str = "") -> Path:
    """Write ``<name>.html`` and ``<name>.json`` for a pair; returns the HTML path."""
    stem = name or pair_name(result)
    write_atomic(out_dir / f"{stem}.json", to_json(result.to_dict()))
    page = pair_page(result, json_href=f"{stem}.json", index_href=index_href)
    html_path = out_dir / f"{stem}.html"
    write_atomic(html_path, render("pair.html", page))
    return html_path


def write_report(
    articles: tuple[Article, ...], results: list[PairResult], skipped: list[str], out_dir: Path
) -> Path:
    """Write a pair page for every result, then ``index.html`` linking them (last, atomically)."""
    links: list[tuple[str, PairResult]] = []
    for result in results:
        stem = pair_name(result)
        write_pair(result, out_dir / "pairs", stem, index_href="../index.html")
        links.append((f"pairs/{stem}.html", result))
    page = index_page(articles, links, skipped)
    summary = {
        "articles": [a.to_dict() | {"text": None} for a in articles],
        "pairs": [
            {
                "href": href,
                "relation": r.relation,
                "a": r.a.id,
                "b": r.b.id,
                "direction": r.direction.to_dict(),
            }
            for href, r in links
        ],
        "skipped": skipped,
    }
    write_atomic(out_dir / "index.json", to_json(summary))
    index = out_dir / "index.html"
    write_atomic(index, render("index.html", page))
    return index
