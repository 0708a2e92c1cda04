"""Metadata: datelines, dates and year inference, outlets, bylines, language, attribution."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.ingest import load, load_many
from compare.ingest.dates import candidate_years, choose_year, parse_date
from compare.ingest.language import detect_language
from compare.ingest.metadata import attribution_in, find_dateline, read_byline
from compare.ingest.outlets import canonical_outlet, name_from_domain

TODAY = dt.date(2026, 11, 22)
BODY = (
    "The council of Orrby voted to rebuild the quay, and the harbour master said that the work "
    "would start before the winter storms and finish before the summer ferries arrive."
)


@pytest.mark.parametrize(
    ("text", "outlet", "date"),
    [
        ("MOSCOW, June 9. /TASS/. The minister said", "TASS", (None, 6, 9)),
        ("VELMORA, December 26./NORDPRESS/. In a call", "Nordpress", (None, 12, 26)),
        ("LONDON, March 3 (Reuters) - The bank said", "Reuters", (None, 3, 3)),
        ("WASHINGTON (AP) — The senator said", "AP", None),
        ("МОСКВА, 9 июня. /ТАСС/. Министр заявил", "TASS", (None, 6, 9)),
        ("OSLO, 4 May 2023 (AFP) - Police said", "AFP", (2023, 5, 4)),
    ],
)
def test_datelines(text: str, outlet: str, date: tuple[int | None, int, int] | None) -> None:
    found = find_dateline([text])
    assert found is not None and found.outlet == outlet
    got = (found.date.year, found.date.month, found.date.day) if found.date else None
    assert got == date


def test_a_sentence_is_not_a_dateline() -> None:
    assert find_dateline(["The minister, speaking in Moscow, said (again) that talks go on."]) is None


def test_dates_in_their_written_forms() -> None:
    assert parse_date("Published 3 March 2020, 10:15").iso() == "2020-03-03"  # type: ignore[union-attr]
    assert parse_date("2021-06-09T10:00:00Z").iso() == "2021-06-09"  # type: ignore[union-attr]
    assert parse_date("June 2021").iso() == "2021-06"  # type: ignore[union-attr]
    assert parse_date("Updated 06/29/2021").iso() == "2021-06-29"  # type: ignore[union-attr]
    assert parse_date("December 26, 20:52 UTC+3").iso() is None  # type: ignore[union-attr]
    assert parse_date("no date here") is None


def test_year_from_weekday_latest_not_after_today() -> None:
    years = candidate_years(6, 9, 2, TODAY)  # a Wednesday
    assert years[-3:] == [2004, 2010, 2021]
    latest = choose_year(years, (), weekday_fits=True)
    assert latest is not None and latest.year == 2021
    assert latest.evidence.startswith("the latest of 2021, 2010, 2004, 1999 or earlier")
    assert choose_year(candidate_years(12, 26, 1, TODAY), [2015, 2018], weekday_fits=True).year == 2017  # type: ignore[union-attr]


def test_year_without_weekday_or_year_mention_stays_unknown() -> None:
    assert choose_year(candidate_years(6, 9, None, TODAY), (), weekday_fits=False) is None


def _dump(tmp_path: Path, name: str, dateline: str, weekday: str, extra: str = "") -> Path:
    path = tmp_path / name
    path.write_text(
        f"Quay to be rebuilt before the storms\n\n{dateline} The council voted on {weekday}. {BODY}\n\n{BODY}{extra}\n",
        encoding="utf-8",
    )
    return path


def test_other_articles_never_change_the_year_of_a_month_day(tmp_path: Path) -> None:
    wire = _dump(tmp_path, "a.txt", "ORRBY, June 9. /NORDPRESS/.", "Wednesday")
    dated = tmp_path / "b.json"
    dated.write_text(json.dumps({"id": "b", "text": BODY, "date": "2010-06-10"}))
    alone = load(wire, today=TODAY)
    assert (alone.date, alone.date_inferred) == ("2021-06-09", True)
    together = {a.id: a for a in load_many([wire, dated], today=TODAY).articles}
    assert together[str(wire)].date == "2021-06-09"
    assert together[str(wire)].date_inferred
    assert any("year inferred" in p.method for p in together[str(wire)].provenance)
    assert not together["b"].date_inferred


def test_month_day_with_no_weekday_or_year_stays_undated_with_its_candidates(tmp_path: Path) -> None:
    path = _dump(tmp_path, "a.txt", "ORRBY, June 9. /NORDPRESS/.", "the same day")
    article = load(path, today=TODAY)
    assert (article.date, article.date_inferred) == (None, False)
    (unknown,) = [p for p in article.provenance if p.field == "date"]
    assert unknown.method == (
        "dateline month-day 06-09, year unknown (the page names no year and no weekday; "
        "it may be any year up to 2026)"
    )


def test_page_years_fix_the_year_of_a_timestamp(tmp_path: Path) -> None:
    path = tmp_path / "stamp.txt"
    path.write_text(
        f"News\nSport\n\nQuay to be rebuilt\n\nDecember 26, 20:52\n\nOn Tuesday the council met. {BODY}\n\nThe quay was last rebuilt in 2015. {BODY}\n"
    )
    article = load(path, today=TODAY)
    assert (article.date, article.date_inferred) == ("2017-12-26", True)


def test_full_timestamp_is_not_inferred(tmp_path: Path) -> None:
    path = tmp_path / "stamp.txt"
    path.write_text(f"Quay to be rebuilt\n\nPublished 12 March 2024 10:15\n\n{BODY}\n\n{BODY}\n")
    article = load(path)
    assert (article.date, article.date_inferred) == ("2024-03-12", False)
    assert any(p.field == "date" and p.method == "page timestamp" for p in article.provenance)


def test_a_date_mentioned_in_the_body_is_not_the_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "mention.txt"
    path.write_text(f"{BODY} The previous vote was on Aug. 11.\n{BODY}\n")
    assert load(path).date is None


def test_outlet_aliases_and_domains() -> None:
    assert canonical_outlet("tass.ru") == canonical_outlet("ИТАР-ТАСС") == "TASS"
    assert canonical_outlet("www.rt.com") == canonical_outlet("russian.rt.com") == "RT"
    assert canonical_outlet("Lundhaven Post") is None
    assert name_from_domain("srv24.example") == "SRV24"
    assert name_from_domain("nordpress.example") == "Nordpress"


def test_wire_credits_are_outlets_not_authors() -> None:
    assert read_byline("By Reuters") == read_byline("By Reuters").__class__(None, "Reuters")
    both = read_byline("By Kari Strand and Lars Bekk, AP")
    assert (both.author, both.outlet) == ("Kari Strand, Lars Bekk", "AP")
    assert read_byline("By Harbour Daily staff").outlet == "Harbour Daily"


def test_byline_gives_the_author(tmp_path: Path) -> None:
    path = tmp_path / "byline.txt"
    path.write_text(f"Quay to be rebuilt before the storms\n\nBy Kari Strand\n\n{BODY}\n\n{BODY}\n")
    article = load(path)
    assert article.author == "Kari Strand"
    assert "By Kari Strand" not in article.text


def test_attribution_kinds() -> None:
    found = attribution_in(
        [
            "This article was originally published at nordpress.example, click here",
            "Also on rt.com Bridge opens to cyclists",
            "Source: Reuters",
            "Via AP",
            "© Ivo Brandt/TASS",
        ]
    )
    assert [(a.kind, a.outlet) for a in found] == [
        ("republication_notice", "Nordpress"),
        ("also_on", "RT"),
        ("source_link", "Reuters"),
        ("via", "AP"),
        ("credit", "TASS"),
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council said that the quay would be rebuilt before the winter.", "en"),
        ("Совет заявил, что причал будет восстановлен до зимы, а работы начнутся весной.", "ru"),
        ("Der Rat sagte, dass der Kai vor dem Winter wieder aufgebaut wird.", "de"),
        ("El consejo dijo que el muelle será reconstruido antes del invierno.", "es"),
        ("Рада заявила, що причал буде відновлено до зими, і роботи почнуться навесні.", "uk"),
        ("وزیر اعظم نے کہا کہ مذاکرات پیر کو دوبارہ شروع ہوں گے اور حکومت تیار ہے۔", "ur"),
        ("قال رئيس الوزراء إن المحادثات ستستأنف يوم الاثنين في العاصمة", "ar"),
        ("प्रधानमंत्री ने कहा कि बातचीत सोमवार को फिर से शुरू होगी।", "hi"),
        ("42", None),
    ],
)
def test_language(text: str, code: str | None) -> None:
    assert detect_language(text) == code


def test_template_lines_repeated_across_a_sites_pages_are_removed(tmp_path: Path) -> None:
    footer = "The Orrby Tidende is an independent newspaper published every day since the year of the great flood in our town."
    stories = [
        "The council voted to rebuild the quay before the storms, and the harbour master said the work would start soon and the ferries would run as usual.",
        "The school choir won the national competition in Velmora on Saturday, beating forty other choirs with a programme of old sea songs and new hymns.",
        "A storm damaged the lighthouse roof on Hallo point overnight, and the coastal authority said that the light would stay dark until the repairs end.",
    ]
    for number, story in enumerate(stories):
        (tmp_path / f"{number}.txt").write_text(f"{story}\n\n{story}\n\n{footer}\n")
    result = load_many([tmp_path])
    assert all(footer not in a.text for a in result.articles)
    assert all(
        any(r.reason == "repeated across pages of the site" for r in a.removed) for a in result.articles
    )
    copies = tmp_path / "copies"
    copies.mkdir()
    for number in range(3):
        (copies / f"{number}.txt").write_text(f"{stories[0]}\n\n{footer}\n")
    kept = load_many([copies]).articles
    assert all(stories[0] in a.text and footer in a.text for a in kept)


def test_a_paragraph_kept_by_edited_copies_is_not_template(tmp_path: Path) -> None:
    shared = (
        "The council voted to rebuild the quay before the storms, and the harbour master said that "
        "the work would start in the autumn, that the ferries would keep running from the fishing "
        "harbour meanwhile, and that the cost would stay below the twelve million crowns promised."
    )
    for number, extra in enumerate(["Residents welcomed it.", "Fishermen were wary.", "The mayor was glad."]):
        lead = (
            f"Copy {number} of the quay story leads with its own sentence about the vote and adds: {extra} "
            * 2
        )
        (tmp_path / f"{number}.txt").write_text(f"{lead}\n\n{shared}\n", encoding="utf-8")
    assert all(shared in a.text for a in load_many([tmp_path]).articles)


def test_a_short_paragraph_shared_by_some_pages_only_is_not_template(tmp_path: Path) -> None:
    footer = "Orrby Tidende is read in every harbour town of the coast since the great flood year."
    quote = '"We have waited long enough," said Ingrid Holm, who runs the only shop on Skarvoy.'
    for number, topic in enumerate(["ferry", "school", "storm", "bridge", "harbour", "museum"]):
        lead = f"The {topic} story of the day tells its own news about the coast and the island. " * 3
        middle = f"\n\n{quote}" if number < 3 else ""
        (tmp_path / f"{number}.txt").write_text(f"{lead}{middle}\n\n{lead}\n\n{footer}\n", encoding="utf-8")
    articles = load_many([tmp_path]).articles
    assert all(footer not in a.text for a in articles)
    assert sum(quote in a.text for a in articles) == 3


PAGE = (
    "<html><head><title>Quay vote</title>{meta}</head><body><article><h1>Quay vote</h1>"
    "{stamp}<p>{body}</p><p>{body}</p></article></body></html>"
)


def test_an_html_page_is_dated_by_its_stated_publication_time(tmp_path: Path) -> None:
    meta = (
        '<meta property="article:published_time" content="2021-03-04T23:30:00-05:00">'
        '<meta property="article:modified_time" content="2021-05-01T08:00:00Z">'
    )
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(meta=meta, stamp="<p>Updated 1 May 2021</p>", body=BODY), encoding="utf-8")
    article = load(path)
    assert (article.date, article.published_at) == ("2021-03-04", "2021-03-04T23:30:00-05:00")
    assert ("date", "HTML metadata (stated publication time)") in {(p.field, p.method) for p in article.provenance}


def test_an_html_page_without_a_date_in_its_markup_is_dated_from_its_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(meta="", stamp="<p>Published on 12 March 2019</p>", body=BODY), encoding="utf-8")
    article = load(path)
    assert article.date == "2019-03-12"
    assert ("date", "HTML metadata (htmldate)") in {(p.field, p.method) for p in article.provenance}


def test_a_date_in_a_developers_html_comment_is_not_the_pages_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    stamp = "<!-- menu entry marked active; 25.05.2015 --><p>Photo: <!-- credit -->Harbour Office</p>"
    path.write_text(PAGE.format(meta="", stamp=stamp, body=BODY), encoding="utf-8")
    article = load(path)
    assert article.date is None
    assert {"text": "Photo: Harbour Office", "reason": "photo credit"} in article.to_dict()["removed"]


AUTHOR_PAGES = [
    '<div class="byline">By <span class="author">Kari Strand</span></div>',
    # Inside a comment section: trafilatura's author search leaves it out.
    '<div id="comments"><span class="author">A. Reader</span></div><p class="author">Lars Bekk</p>',
    # A discarded element inside the author's element: its text goes, its tail stays, joined.
    '<div class="author-box">Kari<time>2021</time>Strand, Harbour desk</div>',
    '<span rel="author">Kari Strand</span><figure><span class="writer">Photo Desk</span></figure>',
    "<p>No author is named on this page at all.</p>",
]


@pytest.mark.parametrize("snippet", AUTHOR_PAGES)
def test_the_author_search_finds_what_trafilaturas_finds_and_leaves_the_page_unchanged(snippet: str) -> None:
    import lxml.html
    from trafilatura.metadata import extract_author

    from compare.ingest.html import parse_html
    from compare.ingest.htmlmeta import page_author

    tree = parse_html(f"<html><body><article>{snippet}<p>{BODY}</p></article></body></html>")
    assert tree is not None
    before = lxml.html.tostring(tree)
    assert page_author(tree) == extract_author(tree)
    assert lxml.html.tostring(tree) == before


# Tags and attribute values the author expressions test, and some they do not.
AUTHOR_TAGS = ["a", "div", "span", "p", "h3", "section", "strong", "link", "author", "time", "figure", "li"]
AUTHOR_VALUES = [
    "author", "Author", "author name", "byline", "BBL", "authorName", "post-author", "comments", "comments-top",
    "sidebar", "print-only", "title", "date", "writer", "AuthorCard", "meta-date", "channel-name", "story",
]  # fmt: skip
AUTHOR_ATTRIBUTE_NAMES = ["class", "id", "rel", "itemprop", "data-testid", "data-component", "title"]


@st.composite
def author_markup(draw: st.DrawFn, depth: int = 0) -> str:
    """Random nested elements with the attributes and values the author search looks at."""
    tag = draw(st.sampled_from(AUTHOR_TAGS))
    names = draw(st.lists(st.sampled_from(AUTHOR_ATTRIBUTE_NAMES), max_size=2, unique=True))
    attributes = "".join(f' {name}="{draw(st.sampled_from(AUTHOR_VALUES))}"' for name in names)
    inside = draw(st.lists(author_markup(depth + 1), max_size=2)) if depth < 3 else []
    words = draw(st.sampled_from(["Kari Strand", "By Lars Bekk", "", "2021", "Photo Desk and the Harbour"]))
    return f"<{tag}{attributes}>{words}{''.join(inside)}</{tag}>tail "


@settings(max_examples=300, deadline=None)
@given(st.lists(author_markup(), min_size=1, max_size=4))
def test_the_author_search_finds_what_trafilaturas_finds_on_any_markup(parts: list[str]) -> None:
    import lxml.html
    from trafilatura.metadata import extract_author

    from compare.ingest.html import parse_html
    from compare.ingest.htmlmeta import page_author

    tree = parse_html(f"<html><body><article>{''.join(parts)}<p>{BODY}</p></article></body></html>")
    assert tree is not None
    before = lxml.html.tostring(tree)
    assert page_author(tree) == extract_author(tree)
    assert lxml.html.tostring(tree) == before


def test_the_stated_publication_time_is_the_first_one_in_the_page() -> None:
    from compare.ingest.htmlmeta import published_time

    filler = "<p>" + "pubdate is not a date. " * 200 + "</p>"
    page = (
        f'<meta name="pubdate" content="soon">{filler}'
        '<meta property="article:published_time" content="2021-03-04T23:30:00-05:00">'
        '<script type="application/ld+json">{"datePublished": "2020-01-02T10:00:00Z"}</script>'
    )
    assert published_time(page) == "2021-03-04T23:30:00-05:00"
    assert published_time(filler) is None
