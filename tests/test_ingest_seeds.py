"""Quality gate on the seed pages (../shared/seeds, skipped when absent): figures may not drop."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from compare.ingest import load, load_many
from compare.ingest.clean import clean_text

TODAY = dt.date(2026, 11, 22)
# Floor for body-line F1 over the five seeds (benchmarks/ingest_bench.py measures 1.0).
MIN_BODY_LINE_F1 = 0.95


def _truth(seeds: Path) -> dict[str, dict[str, object]]:
    return json.loads((seeds / "TRUTH.json").read_text(encoding="utf-8"))["articles"]  # type: ignore[no-any-return]


def test_body_line_f1(seeds: Path) -> None:
    tp = fp = fn = 0
    for name, facts in _truth(seeds).items():
        cleaned = clean_text((seeds / name).read_text(encoding="utf-8"))
        kept = {n for p in cleaned.paragraphs for n in p.lines}
        gold = set(facts["body_lines"])  # type: ignore[arg-type]
        tp, fp, fn = tp + len(kept & gold), fp + len(kept - gold), fn + len(gold - kept)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= MIN_BODY_LINE_F1


def test_title_outlet_and_date(seeds: Path) -> None:
    truth = _truth(seeds)
    result = load_many([seeds / name for name in sorted(truth)], today=TODAY)
    for article in result.articles:
        facts = truth[Path(article.path or "").name]
        assert article.title == facts["title"]
        assert article.outlet == facts["origin_outlet"]
        assert article.date == facts["date"]
        assert article.date_inferred == (facts["date"] is not None)
        assert article.language == "en"


def test_attribution_evidence(seeds: Path) -> None:
    def kinds(name: str) -> set[tuple[str, str | None]]:
        return {(a.kind, a.outlet) for a in load(seeds / name, today=TODAY).attribution}

    assert {("dateline", "TASS"), ("republication_notice", None)} <= kinds("000_2b789904169a3f38.txt")
    assert {("also_on", "RT"), ("source_link", None)} <= kinds("002_cd011de5a9c6030b.txt")
    assert {("dateline", "TASS"), ("credit", "TASS")} <= kinds("004_552685f68ac672a1.txt")


def test_body_resumes_after_the_read_also_teaser(seeds: Path) -> None:
    article = load(seeds / "004_552685f68ac672a1.txt")
    raw = (seeds / "004_552685f68ac672a1.txt").read_text(encoding="utf-8").splitlines()
    assert raw[52].strip() in article.text and raw[48].strip() not in article.text


def test_no_clean_keeps_the_seed_exactly(seeds: Path) -> None:
    for name in _truth(seeds):
        path = seeds / name
        assert load(path, clean=False).text == path.read_bytes().decode("utf-8")
