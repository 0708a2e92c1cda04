"""Render: view models match their documentation, templates use only documented fields, bad input renders."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

import compare.render as render_package
from compare.ingest import load
from compare.model import (
    ActorSentiment,
    Article,
    LabellingDifference,
    Omission,
    Omissions,
    Passage,
    SentenceBias,
    Span,
    Voice,
    WordingMatch,
)
from compare.pipeline import build_report, compare_all, compare_pair, pairs_report
from compare.render import charts, html, index_view, panels, segments, views
from compare.render.segments import diff_pieces, side_segments
from tests.stance_fixtures import pair_stance, stance_profile

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VIEW_MODULES = [
    importlib.import_module(f"compare.render.{module.name}")
    for module in pkgutil.iter_modules(render_package.__path__)
] + [importlib.import_module("compare.scan.view")]
# Every dataclass the renderer and the scan page define: page contexts, their rows, chart parts.
PAGE_CLASSES = sorted(
    (
        value
        for module in VIEW_MODULES
        for value in vars(module).values()
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__
    ),
    key=lambda cls: (cls.__module__, cls.__name__),
)
FIELD_LINE = re.compile(r"(?:^|\.\s+)((?:[a-z_]+(?:,\s*)?)+):\s")


def documented(cls: type) -> set[str]:
    """Field names listed in the ``Fields:`` section of a dataclass docstring."""
    doc = cls.__doc__ or ""
    assert "Fields:" in doc, f"{cls.__name__} has no Fields: section"
    # A page that extends another (EventsIndexPage) documents the fields it adds.
    names: set[str] = set().union(
        *(documented(base) for base in cls.__bases__ if dataclasses.is_dataclass(base))
    )
    for line in doc.split("Fields:", 1)[1].splitlines():
        for match in FIELD_LINE.finditer(line.strip()):
            names.update(n.strip() for n in match.group(1).split(","))
    return names


@pytest.mark.parametrize("cls", PAGE_CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_documented(cls: type) -> None:
    properties = {name for name, value in vars(cls).items() if isinstance(value, property)}
    assert documented(cls) == {f.name for f in dataclasses.fields(cls)} | properties


class Spy:
    """Wraps a view model and records every attribute the template reads, per class."""

    def __init__(self, target: Any, seen: dict[str, set[str]]) -> None:
        self._target, self._seen = target, seen

    def __getattr__(self, name: str) -> Any:
        self._seen.setdefault(type(self._target).__name__, set()).add(name)
        return spy(getattr(self._target, name), self._seen)


def spy(value: Any, seen: dict[str, set[str]]) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return Spy(value, seen)
    if isinstance(value, list):
        return [spy(v, seen) for v in value]
    return value


def articles() -> tuple[Article, ...]:
    names = ["render/wire.txt", "render/aggregator.txt", "render/rewrite.txt", "render/unrelated.txt"]
    return tuple(load(str(FIXTURES / n)) for n in names)


@pytest.fixture(scope="module")
def results() -> list[Any]:
    return compare_all(articles())


def check_context(template: str, page: Any) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    html.render(template, spy(page, seen))
    for cls in PAGE_CLASSES:
        used = seen.get(cls.__name__, set())
        assert used <= documented(cls), (
            f"{template} reads undocumented {cls.__name__} fields {used - documented(cls)}"
        )
    return seen


def test_pair_template_reads_only_documented_fields(results: list[Any]) -> None:
    copy = next(r for r in results if r.relation == "copy-with-edits")
    seen = check_context("pair.html", views.pair_page(copy, "x.json", "../index.html"))
    apart = next(r for r in results if r.relation == "different-event")
    empty = check_context(
        "pair.html", views.pair_page(dataclasses.replace(apart, quotes=(), stance=None), "x.json", "")
    )
    first = next(i for i, p in enumerate(copy.passages) if p.kind != "unique")
    quoted = list(copy.passages)
    quoted[first] = dataclasses.replace(quoted[first], is_quote=True)
    shared = quoted[first]
    assert shared.a is not None and shared.b is not None
    filled = dataclasses.replace(
        copy,
        passages=tuple(quoted),
        quotes=(dataclasses.replace(shared, similarity=1.0),),
        stance=copy.stance,
    )
    full = check_context(
        "pair.html",
        views.pair_page(filled, "x.json", "", "../articles/", ("../events/e.html", "Ferry strike")),
    )
    assert seen["PairPage"] | empty["PairPage"] | full["PairPage"] == documented(views.PairPage)
    assert full["PanelTable"] == documented(panels.PanelTable)
    assert seen["PanelRow"] | full["PanelRow"] == documented(panels.PanelRow)
    assert seen["Segment"] == documented(segments.Segment) - {"start", "end"}
    assert full["QuoteRow"] == documented(views.QuoteRow)


def test_index_template_reads_only_documented_fields(results: list[Any]) -> None:
    links = [(f"pairs/{i}.html", r) for i, r in enumerate(results)]
    seen = check_context("index.html", index_view.index_page(articles(), links, ["x.txt: empty file"]))
    empty = check_context("index.html", index_view.index_page(articles()[:1], [], []))
    assert seen["IndexPage"] | empty["IndexPage"] == documented(index_view.IndexPage)


def covers(segs: list[segments.Segment], text: str) -> bool:
    """Whether segments run back to back over all of ``text``, each mark inside its segment."""
    ends = [0] + [s.end for s in segs]
    return (
        [s.start for s in segs] == ends[:-1]
        and ends[-1] == len(text)
        and all(0 <= m0 < m1 <= s.end - s.start for s in segs for m0, m1 in s.marks)
    )


def test_segments_cover_the_text_and_diffs_rebuild_side_a(results: list[Any]) -> None:
    for r in results:
        assert covers(side_segments(r.a.text, r.passages, "a"), r.a.text)
        assert covers(side_segments(r.b.text, r.passages, "b"), r.b.text)
        for p in r.passages:
            if p.kind == "edited" and p.a is not None:
                kept = "".join(x.text for x in diff_pieces(p, r.a.text) if x.css != "ins")
                assert kept == r.a.text[p.a.start : p.a.end]


def test_permalinks_are_unique_and_every_passage_has_one(results: list[Any]) -> None:
    copy = next(r for r in results if r.relation == "copy-with-edits")
    page = views.pair_page(copy, "x.json", "")
    anchors = [s.anchor for side in (page.a, page.b) for s in side.segments if s.anchor]
    assert len(anchors) == len(set(anchors))
    assert {f"#{a}" for a in anchors if not a.endswith("-b")} == {row.href for row in page.passages}


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    hostile = load(str(FIXTURES / "hostile/script-tags.txt"))
    other = load(str(FIXTURES / "hostile/attributes.json"))
    out = html.write_pair(compare_pair(hostile, other), tmp_path)
    text = out.read_text()
    assert '\\u003cscript\\u003ealert(\\"pwned\\")\\u003c/script\\u003e' in text
    assert "<script>alert" not in text and "<img src=x" not in text and "<svg onload" not in text
    assert 'href="javascript:' not in text and "</textarea>" not in text
    assert text.count("<script>") == 1 and text.count("<script") == 2


def test_csp_allows_only_the_page_script(tmp_path: Path) -> None:
    page = unescape(html.render("pair.html", views.pair_page(compare_pair(*articles()[:2]), "x.json", "")))
    assert "script-src 'sha256-" in page and "unsafe-inline'; connect" not in page
    assert "connect-src 'none'" in page


def test_output_is_deterministic(tmp_path: Path) -> None:
    arts = articles()
    report = build_report(arts)
    first = html.write_report(report, tmp_path / "one")
    second = html.write_report(report, tmp_path / "two")
    for path in sorted((tmp_path / "one").rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / "two" / path.relative_to(tmp_path / "one")).read_bytes()
    assert first.name == second.name == "index.html"


def test_report_files_are_readable_by_others(tmp_path: Path) -> None:
    index = html.write_report(pairs_report(articles()[:2], compare_all(articles()[:2])), tmp_path)
    assert index.stat().st_mode & 0o044 == 0o044


def test_single_article_report_says_there_is_nothing_to_chart(tmp_path: Path) -> None:
    lone = Article(id="lone", text="A short fictional note about nothing in particular.")
    text = html.write_report(pairs_report((lone,), ()), tmp_path).read_text()
    assert "No pairs were compared" in text
    assert "No similarity to map" in text and "No article carries another" in text
    assert "<svg" not in text
    assert "No publication dates known." in text


def test_pair_with_nothing_in_common_states_it(tmp_path: Path) -> None:
    a = Article(id="a", text="Lanterns were hung along the quay before the regatta.")
    b = Article(id="b", text="The orchard cooperative sold its pears at a loss this year.")
    text = html.write_pair(compare_pair(a, b, stance=False), tmp_path).read_text()
    assert "These articles share no passages" in text
    assert "(no title found)" in text and "undated" in text
    assert "Stance and bias figures are not available for these articles." in text
    with_stance = html.write_pair(compare_pair(a, b), tmp_path / "stance").read_text()
    assert "Stance and bias figures are not available" not in with_stance


def test_value_text_formats() -> None:
    assert panels.value_text(None) == "—"
    assert panels.value_text(True) == "yes"
    assert panels.value_text({"agree": 0.5}) == "agree: 0.50"
    assert panels.value_text(list(range(10))) == "0; 1; 2; 3; 4; 5; 6; 7; 8; 9"  # every item, none hidden
    assert panels.value_text([]) == "none"


def test_heatmap_and_timeline_need_something_to_draw() -> None:
    assert charts.heatmap(["one"], {}, {}, "c") is None
    assert charts.timeline([charts.TimelineItem("x", None)], [], "c") is None
    chart = charts.heatmap(["one", "two"], {(0, 1): 0.5, (1, 0): 0.25}, {(0, 1): "p.html"}, "c")
    assert chart is not None
    assert [c.text for c in chart.cells] == ["50", "25"]
    assert [c.href for c in chart.cells] == ["p.html", ""]


def test_timeline_places_undated_articles_last_and_draws_arrows_from_the_source() -> None:
    items = [charts.TimelineItem("copy", None), charts.TimelineItem("wire", "2026-03-03")]
    graph = charts.timeline(items, [charts.Link(1, 0, "duplicate", "wire → copy")], "c")
    assert graph is not None
    assert [t.text for t in graph.ticks] == ["2026-03-03", "undated"]
    assert graph.nodes[0].label.endswith("wire")
    assert graph.edges[0].marker == "url(#arrow-duplicate)"
    assert [k.text for k in graph.legend] == ["duplicate"]


def test_ramp_colour_bounds() -> None:
    assert charts.ramp_colour(0.0) == charts.RAMP[0]
    assert charts.ramp_colour(1.0) == charts.RAMP[-1]


def test_nested_passages_each_keep_an_element() -> None:
    text = "One two three four five six seven eight nine ten."
    outer = Passage("paraphrase", Span(0, len(text)), Span(0, len(text)), 0.5)
    inner = Passage("verbatim", Span(8, 24), Span(8, 24), 1.0)
    segs = side_segments(text, (outer, inner), "a")
    assert covers(segs, text)
    assert [(s.pid, s.kind, s.range) for s in segs] == [
        ("p1", "paraphrase", "0,8"),
        ("p2", "verbatim", "8,24"),
        ("p1", "paraphrase", f"24,{len(text)}"),
    ]
    assert [s.anchor for s in segs] == ["p1", "p2", ""]


def test_a_stance_profile_fills_both_panels() -> None:
    voice: dict[str, Any] = {
        "start": 0,
        "end": 5,
        "text": "x",
        "speaker_kind": None,
        "side": None,
        "words": 1,
    }
    profile = stance_profile(
        "a",
        voices=(
            Voice("full", speaker="Okafor", **voice),
            Voice("reported", speaker="Brandt", **voice),
            Voice("scare", speaker=None, **voice),
        ),
        speaker_shares={"Okafor": 0.25, "Brandt": 0.1},
        wording=(WordingMatch("hedge", "reportedly", 3, 13, "reportedly"),),
        wording_rates={"hedge": 8.333},
        actors=(ActorSentiment("Okafor", "person", None, 3, 0, 2, 1, ()),),
        bias=(SentenceBias(0, 5, 0.6), SentenceBias(6, 9, 0.2), SentenceBias(10, 12, 0.13)),
    )
    stance, bias = panels.panel_tables(pair_stance(profile, stance_profile("b")))
    rows = {r.label: r.a for r in stance.rows}
    assert rows == {
        "Claim stance": "not measured",
        "Quotes": "1 direct, 1 reported, 1 partial or scare",
        "Voices": "Okafor 25%, Brandt 10%",
        "Sentiment toward actors": "Okafor: 0 negative, 2 neutral, 1 positive",
    }
    assert {r.label: r.a for r in bias.rows} == {
        "Mean sentence bias": "0.31",
        "Loaded sentences": "1 of 3",
        "Wording per 1000 words": "hedge 8.3",
        "Loaded or hedging words": "reportedly (hedge)",
        "Left out": "0 quotes, 0 facts",
    }
    assert all(r.help for r in stance.rows + bias.rows)
    assert {r.label: r.b for r in stance.rows}["Voices"] == "none"


def test_pair_stance_section_adds_omissions_and_changed_words() -> None:
    left_out = Omissions(
        (
            Omission("quote", "“No,” said Brandt.", "Brandt", (("b", 0, 18),)),
            Omission("fact", "Ferries run at 9.", None, (("b", 20, 37),)),
            Omission("fact", "Tolls rise by 2%.", None, (("b", 40, 57),)),
        )
    )
    changed = LabellingDifference(0, 10, 0, 7, "criticised", "slammed", ("loaded",))
    section = pair_stance(
        stance_profile("a"), stance_profile("b"), labelling_differences=(changed,), omissions_a=left_out
    )
    stance, bias = panels.panel_tables(section)
    rows = {r.label: r for r in bias.rows}
    assert (rows["Left out"].a, rows["Left out"].b) == (
        "1 quote, 2 facts (quotes of Brandt)",
        "0 quotes, 0 facts",
    )
    words = rows["Words changed (A ↔ B)"]
    assert words.joint and words.a == "criticised ↔ slammed"
    assert "Left out" not in {r.label for r in stance.rows}
