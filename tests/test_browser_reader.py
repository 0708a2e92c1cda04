"""What a reader sees on the seed articles and the bundled sample, in headless Chromium at 1280 px
and at 390 px (a phone): every fact a page states checked against what is known of the texts
(../shared/seeds/TRUTH.json for the seeds, tests/fixtures/examples_expected.json for the sample)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from compare.pipeline import build_report
from compare.render.html import write_report
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
    return write_report(build_report(files), tmp_path_factory.mktemp("seeds")).parent


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report `compare demo` writes on the bundled sample."""
    from compare.examples_path import example_articles

    return write_report(
        build_report([str(p) for p in example_articles()]), tmp_path_factory.mktemp("sample")
    ).parent


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
        assert page.locator(".article-text").get_attribute("lang") == (article["language"] or None)
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


def event_page_of(report: Path, page: Any, title_part: str) -> None:
    """Open the event page whose label holds ``title_part``, from the index."""
    page.goto((report / "index.html").as_uri())
    page.locator("#events a", has_text=title_part).first.click()


def pair_page_between(report: Path, page: Any, first: str, second: str) -> dict[str, Any]:
    """Open the pair page of the two files and return its JSON."""
    pair = next(
        p for p in index_json(report)["pairs"] if {Path(p["a"]).name, Path(p["b"]).name} == {first, second}
    )
    page.goto((report / pair["href"]).as_uri())
    return dict(json.loads((report / pair["href"]).with_suffix(".json").read_text(encoding="utf-8")))


def collation_cells(page: Any) -> list[list[str]]:
    return list(
        page.eval_on_selector_all(
            "table.collation tbody tr",
            "rows => rows.map(r => Array.from(r.cells).map(c => (c.querySelector('.how') || {}).innerText || ''))",
        )
    )


# Item 1: the passage table's kinds come from the pairwise passages and how much they cover.


def test_seed_event_passage_table_reads_as_paraphrase_not_verbatim(seed_report: Path, page: Any) -> None:
    event_page_of(seed_report, page, "strategic stability, have active contacts")
    cells = collation_cells(page)
    assert cells, "the two translations of Lavrov's quote share a row"
    assert {how for row in cells for how in row} <= {"first", "paraphrase", ""}
    texts = page.eval_on_selector_all("table.collation td", "els => els.map(e => e.innerText)")
    assert all(len(text) < 400 for text in texts), "a row is a passage, not whole paragraphs"
    assert "No article of this event carries another's text" in visible_text(page, "main")


def test_sample_event_passage_table_tells_copies_from_an_independent_account(
    sample_report: Path, page: Any
) -> None:
    event_page_of(sample_report, page, "Saltbay")
    columns = page.eval_on_selector_all("table.collation thead th", "els => els.map(e => e.innerText)")
    harbor = next(k for k, name in enumerate(columns) if name.startswith("Harbor Daily"))
    newshub = next(k for k, name in enumerate(columns) if name.startswith("NewsHub"))
    cells = collation_cells(page)
    assert not {row[harbor] for row in cells} & {"verbatim", "edited"}
    assert "verbatim" in {row[newshub] for row in cells}


# Item 2: two translations of one quote are a paraphrase, whole, and neither side "leaves it out".


def test_seed_translated_quotes_are_paraphrase_and_not_omissions(seed_report: Path, page: Any) -> None:
    data = pair_page_between(seed_report, page, "000_2b789904169a3f38.txt", "003_bcf33ebb3281a79a.txt")
    kinds = page.eval_on_selector_all(
        "#passage-table tbody td:nth-child(2)", "els => els.map(e => e.innerText)"
    )
    assert "edited" not in " ".join(kinds)
    assert "Words changed" not in visible_text(page, "main")
    quotes = page.eval_on_selector_all(
        "table.quotes tbody tr", "rows => rows.map(r => [r.cells[3].innerText, r.cells[4].innerText])"
    )
    assert any(
        a.startswith("“We share common interests") and b.startswith("“We have common interests")
        for a, b in quotes
    )
    texts = {a["id"]: a["text"] for a in index_json(seed_report)["articles"]}
    spans = [
        texts[c["article"]][c["span"][0] : c["span"][1]]
        for side in ("a", "b")
        for item in data["stance"]["omissions"][side]["items"]
        for c in item["carried_by"]
    ]
    assert spans and not [s for s in spans if "share common interests" in s or "have common interests" in s]


# Item 3: publication times order the articles and choose the event's claim.


def test_sample_event_lists_articles_by_publication_time(sample_report: Path, page: Any) -> None:
    event_page_of(sample_report, page, "Saltbay")
    rows = page.eval_on_selector_all(
        "#timeline-table tbody tr", "rows => rows.map(r => [r.cells[2].innerText, r.cells[3].innerText])"
    )
    assert [outlet for outlet, _ in rows] == ["Nordpress", "NewsHub", "Harbor Daily", "DailyFeed"]
    assert dict(rows)["NewsHub"] == "2026-03-03 16:40 UTC"
    assert dict(rows)["Harbor Daily"] == "2026-03-03 18:05 UTC"
    claim = visible_text(page, "#stance ~ p")
    assert "from Nordpress:" in claim


# Item 4: reported speech is given to the person speaking, and titles are not names.


def test_seed_reported_speech_goes_to_the_last_named_speaker(seed_report: Path, page: Any) -> None:
    article = article_by_file(seed_report, "000_2b789904169a3f38.txt")
    page.goto((seed_report / article["page"]).as_uri())
    rows = page.eval_on_selector_all(
        "#quotes-table tbody tr", "rows => rows.map(r => [r.cells[1].innerText, r.cells[3].innerText])"
    )
    remarked = next(speaker for speaker, text in rows if "nuclear triad, he remarked" in text)
    assert remarked == "Sergey Lavrov"
    direct = [speaker for speaker, text in rows if text.startswith(("We share", "I hope"))]
    assert direct == [seed_truth()["000_2b789904169a3f38.txt"]["quote_speakers"][0]] * 2
    pair_page_between(seed_report, page, "000_2b789904169a3f38.txt", "003_bcf33ebb3281a79a.txt")
    panels = " ".join(page.eval_on_selector_all("table.panel", "els => els.map(e => e.innerText)"))
    assert "Presidents Joe Biden" not in panels and "Joe Biden:" in panels


# Item 5: a republication names its host and its origin.


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("000_2b789904169a3f38.txt", "republication of TASS's story on a site that does not name itself"),
        ("002_cd011de5a9c6030b.txt", "republication of RT's story on {host}"),
        ("004_552685f68ac672a1.txt", "published as TASS's own story"),
    ],
)
def test_seed_roles_name_host_and_origin(seed_report: Path, page: Any, name: str, role: str) -> None:
    article = article_by_file(seed_report, name)
    assert article["role"]["origin"] == seed_truth()[name]["origin_outlet"]
    assert (article["role"]["kind"] == "republication") == seed_truth()[name]["republished"]
    assert ("{host}" in role) == (article["role"]["host"] is not None)
    page.goto((seed_report / article["page"]).as_uri())
    assert role.format(host=article["role"]["host"]) in visible_text(page, "header")


def test_sample_roles_and_credits(sample_report: Path, page: Any) -> None:
    page.goto((sample_report / article_by_file(sample_report, "newshub-aggregator.html")["page"]).as_uri())
    assert "republication of Nordpress's story on NewsHub" in visible_text(page, "header")
    brief = next(a for a in index_json(sample_report)["articles"] if a["id"] == "coastwatch-orsa-brief")
    page.goto((sample_report / brief["page"]).as_uri())
    assert "Coastwatch's text, crediting Meridian" in visible_text(page, "header")
    assert "the Meridian news agency reported" in visible_text(page, "#attribution-table")
    event_page_of(sample_report, page, "Saltbay")
    roles = dict(
        page.eval_on_selector_all(
            "#timeline-table tbody tr", "rows => rows.map(r => [r.cells[2].innerText, r.cells[4].innerText])"
        )
    )
    assert "republication of Nordpress's story on NewsHub" in roles["NewsHub"]
    assert "carries text of Nordpress" in roles["DailyFeed"]


# Item 6: outlets counted as known, articles told apart by outlet and headline.


def test_counts_and_names_tell_articles_apart(seed_report: Path, sample_report: Path, page: Any) -> None:
    page.goto((seed_report / "index.html").as_uri())
    assert (
        page.locator("h1").inner_text()
        == "Comparison report: 5 articles from 2 outlets (2 with no outlet named)"
    )
    page.goto((sample_report / "index.html").as_uri())
    names = page.eval_on_selector_all("#articles tbody td:nth-child(2)", "els => els.map(e => e.innerText)")
    assert len(names) == len(set(names))
    assert "Nordpress: Kestria and Lundmark sign 30-year agreement on Saltbay deep-water terminal" in names
    assert "NewsHub: Kestria and Lundmark sign 30-year agreement on Saltbay deep-water terminal" in names
    labels = page.eval_on_selector_all("svg.heatmap title", "els => els.map(e => e.textContent)")
    assert any(label.startswith("NewsHub: Kestria") for label in labels)


# Item 9: labels a reader understands without the README.

RAW_LABELS = (
    "attribution_neutral",
    "attribution_loaded",
    "cosine words",
    "ncd similarity",
    " mean, ",
    "more",
)


@pytest.mark.parametrize("which", ["seed_report", "sample_report"])
def test_labels_read_without_the_readme(which: str, request: pytest.FixtureRequest, chromium: Any) -> None:
    report: Path = request.getfixturevalue(which)
    context = chromium.new_context(viewport=PHONE)
    phone = context.new_page()
    words = {w for a in index_json(report)["articles"] for w in re.findall(r"\w+", a["text"])}
    found = []
    for html in sorted(report.rglob("*.html")):
        phone.goto(html.as_uri())
        text = visible_text(phone)
        found += [
            f"{html.name}: {label!r}"
            for label in RAW_LABELS
            if label in text and "… and" in text or label in text and label != "more"
        ]
        outlets = phone.eval_on_selector_all(
            "#terms-table tbody td:first-child", "els => els.map(e => e.innerText)"
        )
        found += [f"{html.name}: path as outlet {o!r}" for o in outlets if "/" in o]
        # A date cell is one line, not broken at its hyphens or before its time.
        broken = phone.evaluate(
            """() => Array.from(document.querySelectorAll('td.nowrap')).filter(td => {
                const r = document.createRange(); r.selectNodeContents(td);
                return new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top))).size > 1;
            }).map(td => td.innerText)"""
        )
        found += [f"{html.name}: date on two lines {d!r}" for d in broken]
        diffs = phone.eval_on_selector_all("td.diff", "els => els.map(e => e.innerText)")
        around = [w for d in diffs for pair in re.findall(r"(\w+) … (\w+)", d) for w in pair]
        found += [f"{html.name}: word cut in a diff {w!r}" for w in around if w not in words]
    context.close()
    assert found == []


# Item 10: writing a report where an earlier one was leaves no page of the earlier one.


def test_rewritten_report_folder_holds_only_the_new_report(
    seed_report: Path, tmp_path: Path, page: Any
) -> None:
    import shutil

    from compare.examples_path import example_articles

    out = tmp_path / "reports"
    shutil.copytree(seed_report, out)
    write_report(build_report([str(p) for p in example_articles()]), out)
    data = index_json(out)
    pages = {str(p.relative_to(out)) for p in out.rglob("*.html")}
    expected = {"index.html"} | {a["page"] for a in data["articles"]} | {p["href"] for p in data["pairs"]}
    expected |= {e["href"] for e in data["events"]}
    assert pages == expected
    page.goto((out / "index.html").as_uri())
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        if not href.startswith(("#", "http")):
            assert (out / href).is_file(), href
    assert "000_2b789904169a3f38" not in visible_text(page)
