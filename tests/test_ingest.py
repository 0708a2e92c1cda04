"""Readers: text, HTML, JSON, JSONL, WARC, folders and stdin; format sniffing; encodings."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.errors import InputError
from compare.ingest import load, load_many
from compare.ingest.decode import decode_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
TODAY = dt.date(2026, 11, 22)
RU = (
    "Министр иностранных дел Вельмории заявил в среду, что переговоры о новом маяке продолжатся "
    "в следующем месяце, а рыбаки получат компенсацию за потерянный сезон."
)
EN = (
    "The harbour master of Lundhaven said on Tuesday that the new pier would open in the spring, "
    "and that the ferry to Skarvoy would keep its winter timetable until then."
)
PAGE = (
    "<!DOCTYPE html><html><head><meta charset='{charset}'><title>{title}</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/n'>News</a></nav><article><h1>{title}</h1>"
    "<p>{body}</p><p>{body}</p></article></body></html>"
)


def test_text_dump_gives_clean_text_and_metadata() -> None:
    article = load(FIXTURES / "harbour-dump.txt", today=TODAY)
    truth = json.loads((FIXTURES / "harbour-dump.truth.json").read_text(encoding="utf-8"))
    assert article.title == truth["title"]
    assert article.outlet == truth["outlet"]
    assert (article.date, article.date_inferred) == (truth["date"], True)
    assert article.language == "en"
    assert "\n\n" in article.text and "Read also" not in article.text
    assert {"dateline", "credit"} <= {a.kind for a in article.attribution}


def test_html_page_uses_metadata_and_drops_chrome() -> None:
    article = load(FIXTURES / "lighthouse.html")
    truth = json.loads((FIXTURES / "lighthouse.truth.json").read_text(encoding="utf-8"))
    for key in ("title", "outlet", "date", "author"):
        assert getattr(article, key) == truth[key], key
    paragraphs = article.text.split("\n\n")
    assert [p[: len(s)] for p, s in zip(paragraphs, truth["body"], strict=True)] == truth["body"]
    assert article.raw_format == "html"
    assert any(r.text == "Ferry fares to rise in the autumn" for r in article.removed)


def test_no_clean_keeps_the_decoded_file_exactly(tmp_path: Path) -> None:
    raw = (FIXTURES / "harbour-dump.txt").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "dump.txt"
    path.write_bytes(raw.encode("cp1252"))
    article = load(path, clean=False)
    assert article.text == raw
    assert article.removed == ()
    assert article.title is not None
    html = (FIXTURES / "lighthouse.html").read_text(encoding="utf-8")
    assert load(FIXTURES / "lighthouse.html", clean=False).text == html


def test_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "a1", "text": EN, "outlet": "Lundhaven Post", "date": "2024-02-03"}))
    article = load(one)
    assert (article.id, article.outlet, article.date) == ("a1", "Lundhaven Post", "2024-02-03")
    assert any(p.field == "outlet" and p.method == "given with the input" for p in article.provenance)
    many = tmp_path / "many.json"
    many.write_text(
        json.dumps(
            [
                {"id": "x", "text": EN},
                {"id": "y", "html": PAGE.format(charset="utf-8", title="Pier", body=EN)},
            ]
        )
    )
    result = load_many([many])
    assert [a.id for a in result.articles] == ["x", "y"]
    assert result.articles[1].title == "Pier"


def test_jsonl_keeps_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "id": "story-7",
                "text": EN,
                "title": "Pier opens",
                "url": "https://lundhaven.example/pier",
                "language": "en",
            }
        ),
        "{not json",
        json.dumps({"id": "story-8", "text": RU}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    result = load_many([path])
    # The broken line is named with its number; the lines after it are still read.
    assert [a.id for a in result.articles] == ["story-7", "story-8"]
    assert result.articles[0].url == "https://lundhaven.example/pier"
    assert result.articles[0].outlet == "lundhaven.example"
    assert [str(e) for e in result.skipped] == [f"{path}:2: malformed JSON line (Expecting property name enclosed in double quotes)"]


def _warc(records: list[tuple[str, bytes]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, body in records:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-05-06T10:00:00Z"},
        )
        writer.write_record(record)
    return out.getvalue()


def _pages() -> list[tuple[str, bytes]]:
    return [
        (
            f"https://lundhaven.example/{n}",
            PAGE.format(charset="utf-8", title=f"Pier story {n}", body=EN).encode(),
        )
        for n in range(3)
    ]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_records_become_articles_with_url_and_capture_date(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(_warc(_pages(), gz))
    result = load_many([path])
    assert [a.url for a in result.articles] == [u for u, _ in _pages()]
    assert all(a.date == "2024-05-06" for a in result.articles)
    assert any(p.method == "web archive capture date" for p in result.articles[0].provenance)


def test_format_is_sniffed_when_extension_is_missing_or_wrong(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE.format(charset="utf-8", title="Pier", body=EN))
    (tmp_path / "feed").write_text(
        json.dumps({"id": "j1", "text": EN}) + "\n" + json.dumps({"id": "j2", "text": EN})
    )
    (tmp_path / "archive.bin").write_bytes(_warc(_pages()[:1], True))
    assert load(tmp_path / "page.txt").raw_format == "html"
    assert [a.id for a in load_many([tmp_path / "feed"]).articles] == ["j1", "j2"]
    assert load(tmp_path / "archive.bin").raw_format == "warc"


def test_folders_are_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(EN)
    (tmp_path / "a" / "b" / "two.txt").write_text(EN.replace("Tuesday", "Friday"))
    (tmp_path / "a" / ".hidden.txt").write_text(EN)
    result = load_many([tmp_path])
    assert sorted(Path(a.path or "").name for a in result.articles) == ["one.txt", "two.txt"]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EN.encode("utf-8"))))
    article = load("-")
    assert article.text == EN and article.path is None and article.id.startswith("stdin-")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-16", "utf-16-le", "utf-16-be", "utf-8"])
def test_russian_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes((RU + "\n\n" + RU).encode(encoding))
    article = load(path)
    assert article.text.startswith(RU)
    assert article.language == "ru"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Le café a rouvert, a déclaré le maire à la presse.", "cp1252"),
        ("Der Bürgermeister sagte, die Brücke öffne früher.", "cp1252"),
        ("Zażółć gęślą jaźń, powiedział minister.", "cp1250"),
        ("Министр заявил, что переговоры возобновятся.", "cp1251"),
        ("قال الوزير إن المحادثات ستستأنف يوم الاثنين", "cp1256"),
    ],
)
def test_a_short_legacy_encoded_text_is_decoded_as_written(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "x.txt") == text


def test_a_lying_declared_charset_is_overruled() -> None:
    html = PAGE.format(charset="utf-8", title="Маяк", body=RU)
    assert RU in decode_bytes(html.encode("cp1251"), "x.html", declared="utf-8")
    html = PAGE.format(charset="koi8-r", title="Маяк", body=RU)
    assert RU in decode_bytes(html.encode("cp1251"), "x.html", declared="koi8-r")
    html = PAGE.format(charset="windows-1251", title="Маяк", body=RU)
    assert RU in decode_bytes(html.encode("utf-8"), "x.html", declared="windows-1251")


def test_html_falls_back_to_the_text_cleaner_when_trafilatura_finds_a_sliver(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from compare.ingest import html as html_module

    monkeypatch.setattr(html_module, "_trafilatura", lambda page, url: "Oskar Brenning climbed.")
    article = load(FIXTURES / "lighthouse.html")
    assert article.text.startswith("Oskar Brenning climbed the hundred and twelve steps")
    assert "Ferry fares to rise in the autumn" not in article.text
    assert ("text", "text cleaner (trafilatura found too little)") in {
        (p.field, p.method) for p in article.provenance
    }


def test_russian_page_dump_in_cp1251_end_to_end() -> None:
    truth = json.loads((FIXTURES / "paromy-cp1251.truth.json").read_text(encoding="utf-8"))
    article = load(FIXTURES / "paromy-cp1251.txt", today=TODAY)
    for key in ("title", "outlet", "date", "language"):
        assert getattr(article, key) == truth[key], key
    assert article.date_inferred
    assert len(article.text.split("\n\n")) == len(truth["body_lines"])
    assert "Читайте также" not in article.text


def test_json_record_without_cleaning_keeps_its_text_exactly(tmp_path: Path) -> None:
    text = "Menu\nShare\n\n" + EN + "\r\n"
    path = tmp_path / "raw.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": text}) + "\n")
    assert load_many([path], clean=False).articles[0].text == text


def test_importing_ingest_does_not_import_trafilatura() -> None:
    import subprocess

    code = (
        "import sys, compare.ingest; print('trafilatura' in sys.modules, 'charset_normalizer' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_url_captured_twice_gives_distinct_ids(tmp_path: Path) -> None:
    page = _pages()[0]
    path = tmp_path / "twice.warc"
    path.write_bytes(_warc([page, page], gz=False))
    ids = [a.id for a in load_many([path]).articles]
    assert ids == [page[0], f"{page[0]}#2"]


@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip() and "\x00" not in t))
@settings(max_examples=60, deadline=None)
def test_no_clean_text_is_exactly_the_decoded_input(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.txt"
        path.write_bytes(text.encode("utf-8"))
        try:
            article = load(path, clean=False)
        except InputError as error:
            # Control characters are refused; a byte-order mark alone is an empty file.
            empty = error.reason == "empty file" and not text.lstrip("\ufeff").strip()
            assert error.reason == "binary content, not text" or empty
            return
        assert article.text == text
