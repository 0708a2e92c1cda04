"""What a reader sees on the seed articles and the bundled sample, in headless Chromium at 1280 px
and at 390 px (a phone): every fact a page states checked against what is known of the texts
(../shared/seeds/TRUTH.json for the seeds, tests/fixtures/examples_expected.json for the sample)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from compare.cli import _report
from tests.conftest import SEEDS

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report on the five seed articles (skipped when ../shared is absent)."""
    if not (SEEDS / "TRUTH.json").is_file():
        pytest.skip("../shared/seeds is not present")
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    return _report(files, tmp_path_factory.mktemp("seeds")).parent


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report `compare demo` writes on the bundled sample."""
    from compare.examples_path import example_articles

    return _report([str(p) for p in example_articles()], tmp_path_factory.mktemp("sample")).parent


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport=LAPTOP)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda e: errors.append(str(e)))
    yield opened
    context.close()
    assert errors == []


def index_json(report: Path) -> dict[str, Any]:
    return dict(json.loads((report / "index.json").read_text(encoding="utf-8")))


def seed_truth() -> dict[str, Any]:
    return dict(json.loads((SEEDS / "TRUTH.json").read_text(encoding="utf-8"))["articles"])


def article_by_file(report: Path, name: str) -> dict[str, Any]:
    return next(a for a in index_json(report)["articles"] if (a["path"] or "").endswith(name))


def visible_text(page: Any, selector: str = "body") -> str:
    return str(page.locator(selector).first.inner_text())


# Item 7: every article has its own page, reached from the index, with its text and its facts.


@pytest.mark.parametrize("which", ["seed_report", "sample_report"])
def test_every_article_has_a_page_with_its_text_quotes_and_links(
    which: str, request: pytest.FixtureRequest, page: Any
) -> None:
    report: Path = request.getfixturevalue(which)
    data = index_json(report)
    assert set(data["stance_profiles"]) == {a["id"] for a in data["articles"]}
    page.goto((report / "index.html").as_uri())
    links = page.eval_on_selector_all("#articles tbody a", "els => els.map(e => e.getAttribute('href'))")
    assert sorted(links) == sorted(a["page"] for a in data["articles"])
    for article in data["articles"]:
        page.goto((report / article["page"]).as_uri())
        text = visible_text(page, ".article-text")
        assert " ".join(text.split()) == " ".join(article["text"].split())
        assert page.locator("h1").inner_text() == (article["title"] or "(no title found)")
        header = visible_text(page, "header")
        assert "Role:" in header
        if (article["url"] or "").startswith("http"):
            assert page.locator(f"header a[href='{article['url']}']").count() == 1
        metadata = visible_text(page, "#metadata-table")
        assert "How it was found" in metadata
        voices = data["stance_profiles"][article["id"]]["voices"]
        if voices:
            speakers = page.eval_on_selector_all(
                "#quotes-table tbody tr td:nth-child(2)", "els => els.map(e => e.innerText)"
            )
            assert speakers == [
                v["speaker"] or "speaker not found"
                for v in sorted(voices, key=lambda v: (v["span"][0], -v["span"][1]))
            ]
        else:
            assert "No quote" in visible_text(page, "main")
        pairs = [p for p in data["pairs"] if article["id"] in (p["a"], p["b"])]
        assert page.locator("#pairs + ul a").count() == len(pairs)
        event = next(
            e["href"]
            for e in data["events"]
            if article["id"]
            in json.loads((report / e["href"]).with_suffix(".json").read_text())["flow"]["order"]
        )
        page.locator("nav.crumbs a", has_text="Event:").click()
        assert page.url.endswith(event)
        assert (
            page.locator(
                "#timeline-table a", has_text=(article["title"] or Path(article["path"]).name)
            ).count()
            >= 1
        )


def test_seed_articles_without_a_partner_are_readable(seed_report: Path, page: Any) -> None:
    for name in ("001_361b145900a59a0c.txt", "002_cd011de5a9c6030b.txt", "004_552685f68ac672a1.txt"):
        article = article_by_file(seed_report, name)
        page.goto((seed_report / article["page"]).as_uri())
        assert "Lavrov" in visible_text(page, ".article-text")
        assert "only article of its event" in visible_text(page, "main")


# Item 8: a phone. No page scrolls sideways; wide tables scroll inside their own box.


@pytest.mark.parametrize("which", ["seed_report", "sample_report"])
def test_no_page_scrolls_sideways_on_a_phone(
    which: str, request: pytest.FixtureRequest, chromium: Any
) -> None:
    report: Path = request.getfixturevalue(which)
    context = chromium.new_context(viewport=PHONE)
    phone = context.new_page()
    wide = []
    squeezed = []
    for html in sorted(report.rglob("*.html")):
        phone.goto(html.as_uri())
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{html.relative_to(report)}: {width} px")
        # A text cell at least 12 characters long may not be narrower than about two words.
        narrow = phone.evaluate(
            """() => Array.from(document.querySelectorAll('td')).filter(td =>
                td.innerText.trim().length > 12 && td.getBoundingClientRect().width > 0
                && td.getBoundingClientRect().width < 70).length"""
        )
        if narrow:
            squeezed.append(f"{html.relative_to(report)}: {narrow} cells")
    context.close()
    assert wide == []
    assert squeezed == []
