"""The text cleaner: chrome rules, jusText-style classification, unwrapping, and its records."""

from __future__ import annotations

import json
from pathlib import Path

from compare.ingest.clean import clean_text, join_wrapped, strip_chrome

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
        [BODY, BODY2, "Share this story!", "3 comments", "Leave a reply",
         "We use cookies to give you the best experience on our site.", "Follow us on Twitter"]
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
    raw = "\n\n".join(["Granny Weatherwax Blog", "Orrby council votes to reopen the old school as library", BODY, BODY2])
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
