"""Feed records whose text is plain prose are taken as given; anything with page chrome is cleaned."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare.ingest import load, load_many
from compare.ingest.clean import clean_text
from compare.ingest.prose import plain_paragraphs

PROSE = (
    "The harbour master of Lundhaven said on Tuesday that the new pier would open in the spring.\n\n"
    "\u201cWe have waited long enough,\u201d said one ferry captain, who has worked the route since 1998.\n\n"
    "He declined to comment.\n\n"
    "The council will vote on the budget for the ferry to Skarvoy at its meeting next month, and "
    "officials expect the winter timetable to stay in place until the pier is finished."
)
CHROME = {
    "a menu line": "Home | News | Sport\n\n" + PROSE,
    "a headline line": "Pier to open in spring\n\n" + PROSE,
    "a byline": "By Jane Morrow\n\n" + PROSE,
    "a share prompt": PROSE + "\n\nShare this article on Facebook.",
    "a newsletter prompt": PROSE + "\n\nSign up for our newsletter to get the news every morning.",
    "a short footer": PROSE + "\n\nAll rights reserved.",
    "a hard-wrapped dump": PROSE.replace("said on Tuesday that", "said on Tuesday\nthat"),
}


def _record(tmp_path: Path, text: str, **fields: str) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "s1", "text": text, **fields}) + "\n", encoding="utf-8")
    return path


def test_plain_prose_is_taken_as_given_and_agrees_with_the_cleaner(tmp_path: Path) -> None:
    article = load(_record(tmp_path, PROSE.replace("\n\n", "\n"), url="https://lundhaven.example/pier"))
    assert article.text == PROSE == clean_text(PROSE).text
    assert article.provenance[0].method == "plain text as given (no page chrome)"
    assert (article.language, article.outlet, article.removed) == ("en", "lundhaven.example", ())


@pytest.mark.parametrize("kind", sorted(CHROME))
def test_text_with_page_chrome_goes_through_the_cleaner(tmp_path: Path, kind: str) -> None:
    assert plain_paragraphs(CHROME[kind]) is None
    article = load(_record(tmp_path, CHROME[kind]))
    assert article.provenance[0].method == "text cleaner"


def test_plain_prose_without_cleaning_is_exactly_the_record(tmp_path: Path) -> None:
    text = "  " + PROSE.replace("\n\n", "\r\n\r\n") + "\n"
    assert load(_record(tmp_path, text), clean=False).text == text


def test_plain_prose_is_left_out_of_the_site_template_pass(tmp_path: Path) -> None:
    footer = "Lundhaven Herald is published by the Lundhaven Harbour Press Company of Norway."
    boats = ("trawlers", "ferries", "dinghies", "yachts", "tugs")
    stories = [
        f"The story begins on the quay, where the {kind} were tied up on Tuesday while the council "
        f"met to discuss the pier.\n\n{footer}"
        for kind in boats
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"id": f"s{n}", "text": t, "url": f"https://herald.example/{n}"})
            for n, t in enumerate(stories)
        ),
        encoding="utf-8",
    )
    assert all(footer in a.text for a in load_many([path]).articles)
    pages = tmp_path / "pages"
    pages.mkdir()
    for n, story in enumerate(stories):
        (pages / f"{n}.txt").write_text(f"Home | News\n\n{story}", encoding="utf-8")
    assert not any(footer in a.text for a in load_many([pages]).articles)


def test_a_first_line_repeating_the_title_is_the_headline_and_the_rest_is_taken_as_given(tmp_path: Path) -> None:
    text = CHROME["a headline line"]
    article = load(_record(tmp_path, text, title="Pier to open  in spring"))
    assert article.text == PROSE == clean_text(text).text
    assert article.provenance[0].method == "plain text as given (no page chrome)"
    assert article.title == "Pier to open  in spring"
    assert [(r.text, r.reason) for r in article.removed] == [("Pier to open in spring", "headline (kept as title)")]
    assert load(_record(tmp_path, text, title="Pier to open in spring"), clean=False).text == text
    other = load(_record(tmp_path, text, title="Ferry strike ends"))
    assert other.provenance[0].method == "text cleaner"
