"""The text cleaner: chrome rules, jusText-style classification, unwrapping, and its records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.ingest import load
from compare.ingest.clean import clean_text, join_wrapped, paragraph_sample, strip_chrome
from compare.ingest.language import language_sample
from compare.ingest.rules import rule_reason

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
BODY = (
    "The village council of Orrby voted on Monday to reopen the old school as a library, after a "
    "campaign by parents who said the children had nowhere quiet to read in the evenings."
)
BODY2 = (
    "The building has stood empty since the school merged with its neighbour, and the council "
    "said that the roof and the heating would be repaired before the doors open in the spring."
)


def test_harbour_dump_keeps_exactly_the_body_lines() -> None:
    raw = (FIXTURES / "harbour-dump.txt").read_text(encoding="utf-8")
    truth = json.loads((FIXTURES / "harbour-dump.truth.json").read_text(encoding="utf-8"))
    cleaned = clean_text(raw)
    kept = sorted(n for p in cleaned.paragraphs for n in p.lines)
    assert kept == truth["body_lines"]
    assert cleaned.title is not None and cleaned.title.text == truth["title"]


def test_every_removed_line_is_recorded_with_a_reason() -> None:
    raw = (FIXTURES / "harbour-dump.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    accounted = [p.text for p in cleaned.paragraphs] + [r.text for r in cleaned.removed]
    assert sorted(accounted) == sorted(lines)
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Read also"] == "teaser"
    assert reasons["{{article.related_date}}"] == "template placeholder"
    assert reasons["© Ivo Brandt/Velmora Courier"] == "photo credit"
    assert reasons["March 14, 09:30 UTC+1"] == "timestamp (metadata)"
    assert reasons["Ferry fares to rise in the autumn"] == "list of other stories"
    assert all(r.reason for r in cleaned.removed)


def test_body_resumes_after_an_inline_teaser() -> None:
    raw = "\n\n".join(
        [BODY, "Read also", "Mayor opens new bridge to cyclists", "The bridge took four years", BODY2]
    )
    cleaned = clean_text(raw)
    assert [p.text for p in cleaned.paragraphs] == [BODY, BODY2]


def test_share_prompts_comments_and_cookie_banners_go() -> None:
    raw = "\n\n".join(
        [
            BODY,
            BODY2,
            "Share this story!",
            "3 comments",
            "Leave a reply",
            "We use cookies to give you the best experience on our site.",
            "Follow us on Twitter",
        ]
    )
    assert clean_text(raw).text == f"{BODY}\n\n{BODY2}"


def test_a_short_paragraph_inside_the_body_stays() -> None:
    raw = "\n\n".join([BODY, "The vote was unanimous.", BODY2])
    assert [p.text for p in clean_text(raw).paragraphs] == [BODY, "The vote was unanimous.", BODY2]


def test_menu_lines_before_the_body_go() -> None:
    raw = "\n".join(["News", "Sport", "Opinion", "Weather"]) + "\n\n" + BODY + "\n\n" + BODY2
    cleaned = clean_text(raw)
    assert cleaned.text == f"{BODY}\n\n{BODY2}"
    assert {r.text for r in cleaned.removed} == {"News", "Sport", "Opinion", "Weather"}


def test_no_title_when_the_first_line_is_a_sentence() -> None:
    assert clean_text(f"{BODY}\n{BODY2}").title is None


def test_site_name_is_not_taken_for_the_headline() -> None:
    raw = "\n\n".join(
        ["Granny Weatherwax Blog", "Orrby council votes to reopen the old school as library", BODY, BODY2]
    )
    cleaned = clean_text(raw)
    assert cleaned.title is not None
    assert cleaned.title.text.startswith("Orrby council")


def test_hard_wrapped_paragraphs_are_joined() -> None:
    words = (BODY + " " + BODY2).split()
    lines, line = [], ""
    for word in words:
        if len(line) + len(word) + 1 > 60:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    wrapped = "\n".join(lines) + "\n\n" + "\n".join(lines)
    paragraphs = join_wrapped(wrapped)
    assert len(paragraphs) == 2
    assert paragraphs[0].text == " ".join(words)


def test_russian_text_is_classified_with_the_russian_stoplist() -> None:
    body = (
        "Совет деревни Оррби в понедельник проголосовал за то, чтобы снова открыть старую школу "
        "как библиотеку, после того как родители сказали, что детям негде читать по вечерам."
    )
    cleaned = clean_text("\n\n".join(["Главная", "Новости", body, "Поделиться", "Читайте также"]))
    assert cleaned.language == "ru"
    assert cleaned.text == body


def test_strip_chrome_only_applies_rules() -> None:
    kept, removed = strip_chrome([BODY, "Also on rt.com Bridge opens", "Short line"])
    assert kept == [BODY, "Short line"]
    assert removed[0].reason == "teaser"


def test_a_page_in_another_sites_style() -> None:
    raw = (FIXTURES / "strike-dump.txt").read_text(encoding="utf-8")
    truth = json.loads((FIXTURES / "strike-dump.truth.json").read_text(encoding="utf-8"))
    cleaned = clean_text(raw)
    assert sorted(n for p in cleaned.paragraphs for n in p.lines) == truth["body_lines"]
    assert cleaned.title is not None and cleaned.title.text == truth["title"]
    assert cleaned.timestamp is None  # "12 March" dates another story's teaser
    assert cleaned.byline == f"By {truth['author']}"


def test_a_wire_page_with_related_coverage_and_a_corporate_footer() -> None:
    raw = (FIXTURES / "wire-dump.txt").read_text(encoding="utf-8")
    truth = json.loads((FIXTURES / "wire-dump.truth.json").read_text(encoding="utf-8"))
    cleaned = clean_text(raw)
    assert sorted(n for p in cleaned.paragraphs for n in p.lines) == truth["body_lines"]
    assert cleaned.title is not None and cleaned.title.text == truth["title"]
    reasons = {r.reason for r in cleaned.removed}
    assert {"below the end of the article", "credits (metadata)", "teaser (another story)"} <= reasons


def test_wire_page_metadata() -> None:
    article = load(FIXTURES / "wire-dump.txt")
    assert (article.outlet, article.date, article.date_inferred) == ("Nordpress", "2025-05-07", False)
    assert article.author == "Olav Berge, Siri Nyquist"
    assert ("dateline", "Nordpress") in {(a.kind, a.outlet) for a in article.attribution}


def test_a_language_without_a_stoplist_is_cleaned_by_length() -> None:
    body = (
        "Kuntaneuvosto päätti maanantaina avata vanhan koulun uudelleen kirjastona, kun vanhemmat "
        "olivat pitkään valittaneet, ettei lapsilla ole iltaisin rauhallista paikkaa lukea."
    )
    swahili = (
        "Baraza la kijiji liliamua Jumatatu kufungua tena shule ya zamani kama maktaba baada ya "
        "wazazi kulalamika kwamba watoto hawana mahali tulivu pa kusoma jioni."
    )
    for text in (body, swahili):
        cleaned = clean_text("\n\n".join(["Etusivu", "Urheilu", text, text.replace("a", "e")]))
        assert cleaned.text.startswith(text)
        assert "Urheilu" not in cleaned.text


@pytest.mark.parametrize(
    "brief",
    [
        "وزیر اعظم نے کہا کہ مذاکرات پیر کو دوبارہ شروع ہوں گے۔",
        "प्रधानमंत्री ने कहा कि बातचीत सोमवार को फिर से शुरू होगी।",
        "قال رئيس الوزراء إن المحادثات ستستأنف يوم الاثنين.",
    ],
)
def test_a_one_sentence_brief_in_a_script_without_capitals_is_kept(brief: str) -> None:
    cleaned = clean_text(f"Home\n\n{brief}")
    assert cleaned.text == brief
    assert [r.text for r in cleaned.removed] == ["Home"]


LINES = [
    BODY,
    BODY2,
    "Share",
    "Read also",
    "News",
    "Sport",
    "© Ivo Brandt/Velmora Courier",
    "Mayor opens new bridge to cyclists",
    "The vote was unanimous.",
    "12 comments",
    "March 3, 10:15",
    "By Kari Strand",
    "{{item.date}}",
    "",
    "",
    "1",
    "Most read",
]


@given(st.lists(st.sampled_from(LINES), max_size=30), st.sampled_from(["\n", "\n\n", "\r\n"]))
@settings(max_examples=150, deadline=None)
def test_every_line_is_kept_or_removed_with_a_reason(lines: list[str], separator: str) -> None:
    raw = separator.join(lines)
    cleaned = clean_text(raw)
    kept = {n for p in cleaned.paragraphs for n in p.lines}
    removed_text = " ".join(r.text for r in cleaned.removed)
    for number, line in enumerate(raw.replace("\r\n", "\n").split("\n"), 1):
        if line.strip():
            assert number in kept or line.strip() in removed_text
    assert all(r.reason for r in cleaned.removed)
    assert cleaned.text == "\n\n".join(p.text for p in cleaned.paragraphs)


# Words and spaces the sample test builds pages from: ASCII and other letters, a final sigma,
# apostrophes, digits, long lines that wrap, lower-case line starts that join a line to the last.
PIECES = ["word", "Gerät", "ΟΔΟΣ", "l'eau", "don’t", "2024", "x" * 90, ",", ".", " ", " ", "\t", "«"]


@given(
    st.lists(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), max_size=160),
    st.sampled_from(["\n", "\n\n", "\n \n", "\r\n"]),
)
@settings(max_examples=200, deadline=None)
def test_the_language_sample_read_from_the_paragraphs_is_the_pages_own(lines: list[str], separator: str) -> None:
    raw = separator.join(lines)
    assert paragraph_sample(raw, join_wrapped(raw)) == language_sample(raw)


@pytest.mark.parametrize("placeholder", ["{{story.byline}}", "{% endblock %}", "${page.title}", "<%= author %>"])
def test_a_long_line_holding_a_template_placeholder_is_chrome(placeholder: str) -> None:
    long = f"{BODY} {placeholder} {BODY}"
    assert rule_reason(long) == "template placeholder"
    assert rule_reason(f"{BODY} {{not a placeholder}} <% {BODY}") is None


def test_the_body_going_on_below_a_block_of_related_links_is_kept() -> None:
    links = (
        ["More", "ON THIS TOPIC"] + [f"Council story number {n} in brief" for n in range(6)] + ["Sign up now"]
    )
    below = (
        "Parents at the meeting said the library should stay open until nine, and the council "
        "agreed to ask the volunteers of the reading club whether they could keep the school's "
        "doors open on weekday evenings. The head of the council said the school library would "
        "need two new staff, paid from the village budget, and that the council would vote on "
        "the money in May."
    )
    cleaned = clean_text("\n\n".join([BODY, BODY2, *links, below, BODY2.replace("spring", "summer")]))
    assert [p.text for p in cleaned.paragraphs] == [BODY, BODY2, below, BODY2.replace("spring", "summer")]
    assert {r.text for r in cleaned.removed} == set(links)


def test_a_lead_told_in_one_sentence_paragraphs_above_a_caption_is_kept() -> None:
    lead = [
        "The village council of Orrby has voted to turn the old school into a public library.",
        "It was the first time in ten years that the council had met in the school hall.",
        "Parents said that the children had nowhere quiet to read after the school closed.",
    ]
    # A caption below the lead (no rule names it; its few function words make it "bad").
    caption = "Council chair Lena Berg, library volunteers Anna Holm, Per Lind, Tove Ek, Orrby school hall"
    cleaned = clean_text("\n\n".join([*lead, caption, f"{BODY} {BODY2}"]))
    assert [p.text for p in cleaned.paragraphs] == [*lead, f"{BODY} {BODY2}"]


def test_a_one_sentence_brief_between_chrome_lines_is_kept(tmp_path: Path) -> None:
    page = tmp_path / "brief.txt"
    page.write_text(
        "Home | World | Sport\n\n"
        "al-Marwani has been detained at the border crossing near Tolvik.\n\n"
        "Share this article\n",
        encoding="utf-8",
    )
    assert load(page).text == "al-Marwani has been detained at the border crossing near Tolvik."


def test_nothing_below_a_comment_form_is_the_article() -> None:
    comment = (
        "I grew up in Orrby and went to that school myself, so I am very glad that the council "
        "finally decided to do something with the building instead of letting it fall apart."
    )
    cleaned = clean_text("\n\n".join([BODY, BODY2, "3 Comments", "Leave a Reply", comment]))
    assert [p.text for p in cleaned.paragraphs] == [BODY, BODY2]
    assert comment in {r.text for r in cleaned.removed}


def test_a_short_blurb_two_chrome_lines_below_the_body_goes() -> None:
    blurb = "Anna Holm writes about local politics and the schools of the coast for the Orrby Post."
    cleaned = clean_text("\n\n".join([BODY, BODY2, "Anna Holm", "Reporter", blurb]))
    assert [p.text for p in cleaned.paragraphs] == [BODY, BODY2]


def test_the_body_below_a_lead_and_a_photo_block_is_kept() -> None:
    """A share prompt and a photo credit under the lead neither end the article nor cut the body
    away from its lead, though more of the body lies below them than above."""
    body = [BODY2, BODY2.replace("spring", "summer"), BODY2.replace("roof", "windows")]
    cleaned = clean_text("\n\n".join([BODY, "Share", "3 photos in this article", "© Tove Ek", *body]))
    assert [p.text for p in cleaned.paragraphs] == [BODY, *body]


def test_strip_chrome_removes_what_trafilatura_keeps_inside_an_article() -> None:
    """Trafilatura's real output on a page whose article holds a teaser and a share prompt: the
    rules take those out, and a short line the text repeats (a refrain) stays."""
    from compare.ingest.html import _trafilatura

    refrain = "Keep the light burning."
    story = "Lighthouse keeper retires after forty years on Skarvoy"
    page = (
        "<html><head><title>Orrby library</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Orrby library</h1><p>{BODY}</p><p>{refrain}</p><p>Read also:</p>"
        f"<p><a href='/keeper'>{story}</a></p><p>{BODY2}</p><p>{refrain}</p>"
        "<p>Share on Facebook</p></article></body></html>"
    )
    chosen = _trafilatura(page, None).split("\n\n")
    assert {"Read also:", story, "Share on Facebook"} <= set(chosen)
    kept, removed = strip_chrome(chosen)
    assert [line for line in kept if line != "Orrby library"] == [BODY, refrain, BODY2, refrain]
    assert {r.text for r in removed} == {"Read also:", story, "Share on Facebook"}
