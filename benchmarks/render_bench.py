"""Render figures: pair page of two 2,000-word articles in Chromium, size of a 20-article report folder.

Run: python benchmarks/render_bench.py   (prints the figures, writes benchmarks/results/render_bench.json)
The articles are generated fiction (seeded), so the figures are reproducible on any machine.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from compare.model import Article  # noqa: E402
from compare.pipeline import build_report, compare_pair, pairs_report  # noqa: E402
from compare.render.html import write_pair, write_report  # noqa: E402

SYLLABLES = [
    "ka",
    "lo",
    "ven",
    "dra",
    "mi",
    "sol",
    "tor",
    "ber",
    "an",
    "is",
    "ul",
    "gren",
    "hav",
    "et",
    "ron",
    "sa",
]
SMALL = ["the", "a", "of", "to", "in", "and", "said", "on", "for", "that", "with", "was", "by", "at", "from"]


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    """Made-up words, so the generated articles are fiction with a realistic spread of words."""
    words = sorted(
        {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))) for _ in range(size * 2)}
    )
    return rng.sample(words, min(size, len(words)))


def sentence(rng: random.Random, words: list[str]) -> str:
    """A sentence of 12-28 words: function words often, content words drawn with a Zipf-like skew."""
    out = []
    for _ in range(rng.randint(12, 28)):
        if rng.random() < 0.35:
            out.append(rng.choice(SMALL))
        else:
            out.append(words[min(len(words) - 1, int(rng.paretovariate(1.1)) - 1 + rng.randint(0, 40))])
    return " ".join(out).capitalize() + "."


def article(rng: random.Random, words: list[str], length: int) -> str:
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < length:
        sentences.append(sentence(rng, words))
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))


def rework(rng: random.Random, words: list[str], text: str, swap: float, drop: float, fresh: float) -> str:
    """A copy of ``text`` with words swapped, sentences dropped and new sentences added."""
    out = []
    for paragraph in text.split("\n\n"):
        kept = []
        for s in paragraph.split(". "):
            if rng.random() < drop:
                continue
            kept.append(" ".join(rng.choice(words) if rng.random() < swap else w for w in s.split()))
            if rng.random() < fresh:
                kept.append(sentence(rng, words).rstrip("."))
        if kept:
            out.append(". ".join(kept))
    return "\n\n".join(out)


ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_load_ms(paths: list[Path], runs: int = 5) -> list[float]:
    """Median load time (navigation start to load event end) of each page, in ms."""
    from playwright.sync_api import sync_playwright

    medians = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        for path in paths:
            times = []
            for _ in range(runs):
                page.goto(path.as_uri(), wait_until="load")
                times.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            medians.append(statistics.median(times))
        browser.close()
    return medians


# "5 MB" read strictly: 5,000,000 bytes, not 5 MiB.
LIMIT_BYTES = 5_000_000


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    rng = random.Random(6)
    work = Path(tempfile.mkdtemp(prefix="render-bench-"))
    words = vocabulary(rng)
    base = article(rng, words, 2000)
    a = Article(id="bench-a", text=base, title="Wire: harbour timetable", outlet="Wire", date="2026-03-03")
    b_text = rework(rng, words, base, swap=0.05, drop=0.15, fresh=0.2)
    b = Article(
        id="bench-b",
        text=b_text,
        title="Aggregator: harbour timetable",
        outlet="Aggregator",
        date="2026-03-04",
    )
    started = time.perf_counter()
    result = compare_pair(a, b)
    compare_s = time.perf_counter() - started
    started = time.perf_counter()
    pair_html = write_pair(result, work / "pair")
    write_s = time.perf_counter() - started
    # The same pair inside a report: the page draws both texts from the report's articles/ scripts.
    write_report(pairs_report((a, b), (result,)), work / "pair-report")
    report_pair_html = next((work / "pair-report" / "pairs").glob("*.html"))

    event = [
        Article(
            id="ev-00", text=article(rng, words, 450), title="Wire report", outlet="Wire", date="2026-03-03"
        )
    ]
    for i in range(1, 20):
        text = rework(
            rng, words, event[0].text, swap=0.04 * (i % 4), drop=0.1 + 0.02 * (i % 5), fresh=0.1 * (i % 3)
        )
        event.append(
            Article(
                id=f"ev-{i:02}",
                text=text,
                title=f"Outlet {i} report",
                outlet=f"Outlet {i}",
                date=f"2026-03-{3 + i % 3:02}",
            )
        )
    started = time.perf_counter()
    report = build_report(tuple(event))
    index = write_report(report, work / "event")
    report_s = time.perf_counter() - started
    size = folder_bytes(work / "event")

    largest_event_pair = max((work / "event" / "pairs").glob("*.html"), key=lambda p: p.stat().st_size)
    pair_ms, report_pair_ms, index_ms, event_pair_ms = chromium_load_ms(
        [pair_html, report_pair_html, index, largest_event_pair]
    )
    figures = {
        "pair_words": [len(a.text.split()), len(b.text.split())],
        "pair_passages": len(result.passages),
        "pair_html_bytes": pair_html.stat().st_size,
        "pair_compare_seconds": round(compare_s, 3),
        "pair_write_seconds": round(write_s, 3),
        "pair_chromium_load_ms": round(pair_ms, 1),
        "report_pair_chromium_load_ms": round(report_pair_ms, 1),
        "pair_chromium_load_limit_ms": 1000,
        "event_articles": len(event),
        "event_groups": len(report.events or ()),
        "event_pairs": len(report.pairs),
        "event_report_bytes": size,
        "event_report_limit_bytes": LIMIT_BYTES,
        "event_report_seconds": round(report_s, 2),
        "event_index_chromium_load_ms": round(index_ms, 1),
        "event_largest_pair_chromium_load_ms": round(event_pair_ms, 1),
        # Timings depend on what else runs: the machine's 1-minute load average when measured.
        "load_average": round(os.getloadavg()[0], 2),
    }
    for key, value in figures.items():
        print(f"{key:32} {value}")
    out = REPO / "benchmarks" / "results" / "render_bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    shutil.rmtree(work)
    ok = max(pair_ms, report_pair_ms) <= 1000 and size <= LIMIT_BYTES
    print("within limits" if ok else "OVER LIMIT")


if __name__ == "__main__":
    main()
