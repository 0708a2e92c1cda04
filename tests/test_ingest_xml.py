"""News XML: corpus story files, NITF, RSS and Atom feeds; malformed and hostile XML."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.errors import InputError
from compare.ingest import load, load_many

LEAD = (
    "The harbour master of Lundhaven said on Tuesday that the new pier would open in the spring, "
    "and that the ferry to Skarvoy would keep its winter timetable until then."
)
MORE = (
    "Fishermen who lost a season to the works will be paid from the port's reserve fund, the "
    "council said, and the first claims will be settled before the end of the month."
)
CORPUS_STORY = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<story_document classification="PD" newsdate="01.12.14" newspaper="Lundhaven Post" totalnoofwords="60">
<headline>New pier to open in the spring</headline>
<body>{LEAD}

{MORE}</body>
</story_document>
"""
NITF = f"""<?xml version="1.0"?>
<nitf>
 <head>
  <title>Lundhaven pier — wire copy</title>
  <pubdata date.publication="20250311T090000Z" name="Nordpress"/>
  <docdata><doc.copyright holder="Nordpress" year="2025"/></docdata>
 </head>
 <body>
  <body.head>
   <hedline><hl1>New pier to open in the spring</hl1></hedline>
   <byline><person>Anna Holm</person></byline>
  </body.head>
  <body.content><p>{LEAD}</p><p>{MORE}</p></body.content>
 </body>
</nitf>
"""
RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel>
  <title>Harbour Daily</title>
  <link>https://harbour.example/</link>
  <item>
   <title>New pier to open in the spring</title>
   <link>https://harbour.example/pier</link>
   <pubDate>Tue, 11 Mar 2025 09:00:00 GMT</pubDate>
   <dc:creator>Per Lind</dc:creator>
   <description>Short summary.</description>
   <content:encoded><![CDATA[<p>{LEAD}</p><p>{MORE}</p>]]></content:encoded>
  </item>
  <item>
   <title>Ferry keeps its winter timetable</title>
   <link>https://harbour.example/ferry</link>
   <pubDate>Wed, 12 Mar 2025 10:00:00 GMT</pubDate>
   <description>{MORE}</description>
  </item>
  <item><title>Title and link only</title><link>https://harbour.example/empty</link></item>
 </channel>
</rss>
"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>Coastwatch</title>
 <entry>
  <title>New pier to open in the spring</title>
  <link rel="alternate" href="https://coastwatch.example/pier"/>
  <published>2025-03-11T09:00:00Z</published>
  <author><name>Tove Ek</name><email>tove@coastwatch.example</email></author>
  <content type="html">&lt;p&gt;{LEAD}&lt;/p&gt;&lt;p&gt;{MORE}&lt;/p&gt;</content>
 </entry>
</feed>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_corpus_story_file_gives_its_body_headline_outlet_and_date(tmp_path: Path) -> None:
    article = load(_write(tmp_path, "0001.xml", CORPUS_STORY))
    assert article.text == f"{LEAD}\n\n{MORE}"
    assert "<" not in article.text and "headline" not in article.text
    assert (article.title, article.outlet, article.date) == (
        "New pier to open in the spring",
        "Lundhaven Post",
        "2014-12-01",
    )


def test_nitf_gives_the_headline_paragraphs_and_publication_data(tmp_path: Path) -> None:
    article = load(_write(tmp_path, "story.xml", NITF))
    assert article.text == f"{LEAD}\n\n{MORE}"
    assert article.title == "New pier to open in the spring"
    assert article.date == "2025-03-11"
    assert article.outlet == "Nordpress"
    assert article.author == "Anna Holm"


def test_an_rss_feed_gives_an_article_per_item_with_text(tmp_path: Path) -> None:
    articles = load_many([_write(tmp_path, "feed.rss", RSS)]).articles
    assert [a.title for a in articles] == [
        "New pier to open in the spring",
        "Ferry keeps its winter timetable",
    ]
    pier, ferry = articles
    assert pier.text == f"{LEAD}\n\n{MORE}"  # the full content, not the summary
    assert (pier.url, pier.date, pier.author) == ("https://harbour.example/pier", "2025-03-11", "Per Lind")
    assert {pier.outlet, ferry.outlet} == {"Harbour Daily"}
    assert ferry.text == MORE and ferry.date == "2025-03-12"
    assert pier.id != ferry.id


def test_an_atom_entry_with_escaped_html_content(tmp_path: Path) -> None:
    article = load(_write(tmp_path, "feed.atom", ATOM))
    assert LEAD in article.text and MORE in article.text and "<p>" not in article.text
    assert (article.url, article.date, article.outlet) == (
        "https://coastwatch.example/pier",
        "2025-03-11",
        "Coastwatch",
    )


def test_a_story_that_is_the_document_element(tmp_path: Path) -> None:
    story = f"<?xml version='1.0'?><article><title>Pier</title><p>{LEAD}</p><p>{MORE}</p></article>"
    article = load(_write(tmp_path, "story.xml", story))
    assert (article.title, article.text) == ("Pier", f"{LEAD}\n\n{MORE}")


def test_a_folder_reads_its_xml_files(tmp_path: Path) -> None:
    _write(tmp_path, "0001.xml", CORPUS_STORY)
    _write(tmp_path, "0001p.xml", NITF)
    assert len(load_many([tmp_path]).articles) == 2


def test_xhtml_still_goes_to_the_html_reader(tmp_path: Path) -> None:
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Pier</title></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>Pier</h1><p>{LEAD}</p><p>{MORE}</p></article></body></html>"
    )
    article = load(_write(tmp_path, "page.xml", page))
    assert LEAD in article.text and "Home" not in article.text


@pytest.mark.parametrize("name", ["fragment.html", "fragment.txt"])
def test_an_html_fragment_without_an_xml_declaration_stays_html(tmp_path: Path, name: str) -> None:
    fragment = f"<div class='story'><p><b>Breaking:</b> {LEAD}</p><p><i>{MORE}</i></p><p><br>1 of 3</p></div>"
    article = load(_write(tmp_path, name, fragment))
    assert "Breaking" in article.text and MORE in article.text and "<b>" not in article.text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<?xml version='1.0'?><story><headline>Pier</headline><body>cut off", "malformed XML"),
        ("<?xml version='1.0'?><story><headline>Pier</headline></story>", "holds no story text"),
        ("<?xml version='1.0'?><rss><channel><title>Empty</title></channel></rss>", "no <item> entries"),
        (
            "<?xml version='1.0'?><urlset><url><loc>https://harbour.example/pier</loc>"
            "<lastmod>2025-03-11</lastmod></url></urlset>",
            "holds no story text",
        ),
    ],
)
def test_broken_xml_is_named_with_its_reason(tmp_path: Path, text: str, reason: str) -> None:
    path = _write(tmp_path, "broken.xml", text)
    with pytest.raises(InputError, match=reason):
        load(path)
    result = load_many([path, _write(tmp_path, "good.xml", CORPUS_STORY)])
    assert len(result.articles) == 1 and reason in result.skipped[0].reason


def test_entity_expansion_is_refused_quickly(tmp_path: Path) -> None:
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE story [<!ENTITY e0 "pier">{entities}]><story><body>&e9;</body></story>'
    started = time.monotonic()
    with pytest.raises(InputError, match="refused"):
        load(_write(tmp_path, "bomb.xml", bomb))
    assert time.monotonic() - started < 5


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = _write(tmp_path, "secret.txt", "the harbour master's password")
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE story [<!ENTITY leak SYSTEM "file://{secret}">]>'
        f"<story><headline>Pier</headline><body>{LEAD} &leak;</body></story>"
    )
    with pytest.raises(InputError, match="refused"):
        load(_write(tmp_path, "hostile.xml", hostile))


def test_cli_extract_lists_the_feed_items(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(_write(tmp_path, "feed.rss", RSS)), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert (
        "New pier to open in the spring" in result.output
        and "Ferry keeps its winter timetable" in result.output
    )
    assert "Title and link only" not in result.output
