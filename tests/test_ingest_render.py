"""A page laid out as text the way a browser saves it, and the chrome rules' reasons."""

from __future__ import annotations

import pytest

from compare.ingest.html import render_text
from compare.ingest.rules import rule_reason


def test_blocks_start_lines_and_paragraphs_are_set_off_by_a_blank_line() -> None:
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
        "<h1>Ferry   terminal approved</h1><p>The council voted on <b>Monday</b>.</p>"
        "<div>Share</div><p>Work starts<br>in the autumn.</p></body></html>"
    )
    assert render_text(page).split("\n") == [
        "Home World",
        "",
        "Ferry terminal approved",
        "",
        "The council voted on Monday.",
        "",
        "Share",
        "",
        "Work starts",
        "in the autumn.",
    ]


def test_what_a_browser_never_shows_is_left_out() -> None:
    page = (
        "<html><head><title>Head only</title><style>p{color:red}</style></head><body>"
        "<script>var x = 'script text';</script><noscript>Enable JavaScript</noscript>"
        "<p>Visible text.</p><p hidden>Hidden by attribute.</p>"
        "<div style='display: none'>Hidden by style.</div><template><p>Template</p></template>"
        "</body></html>"
    )
    assert render_text(page) == "Visible text."


def test_table_cells_are_separated_by_tabs() -> None:
    page = "<table><tr><td>Price</td><td>12 crowns</td></tr><tr><td>Days</td><td>3</td></tr></table>"
    assert render_text(page).split("\n") == ["Price\t12 crowns", "Days\t3"]


def test_text_after_an_html_comment_stays_in_its_line() -> None:
    page = (
        "<html><body><p>The council <!-- editor: check --> voted on Monday.</p>"
        "<div>Work<!--x--> starts <?php echo 1 ?>in the autumn.</div><!-- end --><p>Last line.</p></body></html>"
    )
    assert render_text(page).split("\n") == [
        "The council voted on Monday.",
        "",
        "Work starts in the autumn.",
        "",
        "Last line.",
    ]


def test_a_page_hidden_until_a_script_shows_it_is_read_unstyled() -> None:
    page = "<html><body style='visibility: hidden'><p>The whole article.</p></body></html>"
    assert render_text(page) == "The whole article."


def test_a_page_that_declares_its_xml_encoding_is_read() -> None:
    page = "<?xml version='1.0' encoding='utf-8'?><html><body><p>Körper des Artikels.</p></body></html>"
    assert render_text(page) == "Körper des Artikels."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Lesen Sie auch", "teaser"),
        ("À lire aussi", "teaser"),
        ("Leggi anche", "teaser"),
        ("Teilen", "share prompt"),
        ("Partager sur Facebook", "share prompt"),
        ("Hinterlasse einen Kommentar", "comment widget"),
        ("12 Kommentare", "comment widget"),
        ("Laisser un commentaire", "comment widget"),
        ("Jetzt abonnieren", "subscribe prompt"),
        ("Foto: Tove Ek", "photo credit"),
        ("Schlagwörter:", "tags"),
        ("Weiterlesen", "page furniture"),
        ("Anzeige", "advertisement"),
        (
            "Wir verwenden Cookies, um Ihnen ein besseres Erlebnis zu bieten. Diese Website uses cookies.",
            "cookie banner",
        ),
    ],
)
def test_chrome_lines_in_several_languages_are_named(line: str, reason: str) -> None:
    assert rule_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Die Gemeinde hat am Montag beschlossen, die alte Schule als Bibliothek wieder zu öffnen.",
        "Le conseil a voté lundi pour rouvrir l'ancienne école en bibliothèque.",
        "Share prices rose by three percent after the decision was announced on Monday.",
        "Comments from the minister were read out at the start of the meeting.",
    ],
)
def test_body_sentences_break_no_rule(line: str) -> None:
    assert rule_reason(line) is None
