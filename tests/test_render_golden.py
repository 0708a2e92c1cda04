"""Golden pages: a hand-built pair and index render byte for byte as stored.

The results are built by hand, not by the aligner, so only a change to rendering can move them.
Regenerate after an intended change with ``COMPARE_UPDATE_GOLDEN=1 python -m pytest tests/test_render_golden.py``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from compare.errors import InputError
from compare.model import Article, Direction, Edit, Overlap, PairResult, Passage, Removed, Span
from compare.pipeline import pairs_report
from compare.render.html import write_pair, write_report

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("COMPARE_UPDATE_GOLDEN") == "1"

WIRE = (
    'MARLOW, June 2. /NORDWIRE/. The mayor said the bridge would reopen on Friday. "We are ready," she said.'
)
COPY = (
    'The mayor said the bridge would open again on Friday. "We are ready," she said. Read more at our site.'
)


def golden_pair() -> PairResult:
    a = Article(
        id="wire",
        text=WIRE,
        path="wire.txt",
        title="Bridge to reopen",
        outlet="NORDWIRE",
        date="2026-06-02",
        removed=(Removed("Share this story", "share prompt"),),
    )
    b = Article(id="copy", text=COPY, path="copy.txt", title=None, outlet=None, date=None)
    reopen_a = WIRE.index("reopen")
    reopen_b = COPY.index("open again")
    passages = (
        Passage("unique", Span(0, 27), None, 0.0),
        Passage(
            "edited",
            Span(28, WIRE.index(' "We')),
            Span(0, COPY.index(' "We')),
            0.88,
            (
                Edit(
                    "replace",
                    Span(reopen_a, reopen_a + 6),
                    Span(reopen_b, reopen_b + 10),
                    "reopen",
                    "open again",
                ),
            ),
        ),
        Passage(
            "verbatim",
            Span(WIRE.index('"We'), len(WIRE)),
            Span(COPY.index('"We'), COPY.index(" Read")),
            1.0,
            is_quote=True,
        ),
        Passage("unique", None, Span(COPY.index("Read"), len(COPY)), 0.0),
    )
    overlap = Overlap(
        0.7,
        0.6,
        0.5,
        9,
        {"verbatim": 0.3, "edited": 0.5, "unique": 0.2},
        {"verbatim": 0.35, "edited": 0.5, "unique": 0.15},
        {"cosine_words": 0.9},
    )
    direction = Direction("a", 0.8, ("Only A carries the wire dateline.",))
    return PairResult(a, b, passages, overlap, "copy-with-edits", direction, quotes=(passages[2],))


def check(path: Path, name: str) -> None:
    expected = GOLDEN / name
    if UPDATE:
        expected.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    if not expected.is_file():
        pytest.fail(f"{expected} is missing: run with COMPARE_UPDATE_GOLDEN=1 to create it")
    assert path.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8"), (
        f"{name} changed; if intended, regenerate with COMPARE_UPDATE_GOLDEN=1 and review the diff"
    )


def test_pair_page_matches_golden(tmp_path: Path) -> None:
    check(write_pair(golden_pair(), tmp_path, name="pair"), "pair.html")
    check(tmp_path / "pair.json", "pair.json")


def test_index_matches_golden(tmp_path: Path) -> None:
    result = golden_pair()
    report = pairs_report((result.a, result.b), (result,), (InputError("empty.txt", "empty file"),))
    check(write_report(report, tmp_path), "index.html")
