"""Omissions from unique passages and labelling differences from edited passages."""

from __future__ import annotations

from compare.measure.stance.omissions import (
    OtherArticle,
    labelling_differences,
    omissions,
)
from compare.model import Edit, Omissions, Passage, Span

OTHER = (
    "The ferry resumed service on Friday. "
    "“We will not raise fares this year,” harbour chief Lena Vik said. "
    "The company carried 41,000 passengers across the strait in 2023 according to its report. "
    "It was windy."
)


def _unique(text: str, part: str, side: str = "b") -> Passage:
    start = text.index(part)
    span = Span(start, start + len(part))
    return Passage("unique", None if side == "b" else span, span if side == "b" else None, 0.0)


def test_quote_and_fact_found_in_unique_passages() -> None:
    rest = OTHER[OTHER.index("“We") :]
    other = OtherArticle("harbour-times", OTHER, (_unique(OTHER, rest),))
    found = omissions([other])
    kinds = {(o.kind, o.speaker) for o in found}
    assert ("quote", "Lena Vik") in kinds
    assert ("fact", None) in kinds
    assert all("windy" not in o.text for o in found)
    for o in found:
        (article, start, end), = o.carried_by
        assert OTHER[start:end] == o.text and article == "harbour-times"
    assert Omissions(tuple(found)).counts() == {"quotes": 1, "facts": 1, "speakers_missing_quotes": ["Lena Vik"]}


def test_same_item_from_two_articles_is_listed_once() -> None:
    rest = OTHER[OTHER.index("The company") :]
    one = OtherArticle("x", OTHER, (_unique(OTHER, rest),))
    two = OtherArticle("y", OTHER, (_unique(OTHER, rest, side="a"),), side="a")
    (item,) = omissions([one, two])
    assert [a for a, _, _ in item.carried_by] == ["x", "y"]


def test_no_unique_passages_no_omissions() -> None:
    assert omissions([]) == []
    shared = Passage("verbatim", Span(0, 10), Span(0, 10), 1.0)
    assert omissions([OtherArticle("z", OTHER, (shared,))]) == []


def test_labelling_differences_from_replace_edits() -> None:
    a = "Crimea, which reunited with Russia in 2014, held drills."
    b = "Crimea, which was annexed by Russia in 2014, held drills."
    ea, eb = a.index("reunited with"), b.index("was annexed by")
    edit = Edit("replace", Span(ea, ea + 13), Span(eb, eb + 14), "reunited with", "was annexed by")
    typo = Edit("replace", Span(0, 6), Span(0, 6), "Crimea", "Crimea")
    passage = Passage("edited", Span(0, len(a)), Span(0, len(b)), 0.9, edits=(typo, edit))
    (diff,) = labelling_differences([passage], a, b)
    assert (diff.a_text, diff.b_text) == ("reunited with", "was annexed by")
    assert diff.categories == ("labelling",)
    assert labelling_differences([Passage("verbatim", Span(0, 1), Span(0, 1), 1.0)], a, b) == []


def test_event_and_pair_sections_without_models_for_claims() -> None:
    from compare.measure.stance.sections import central_claim, earliest, event_stance
    from compare.model import Article

    a = Article(id="a", text="Ferries stop. " + OTHER, date="2024-01-02", outlet="Harbour Times")
    b = Article(id="b", text="The ferry resumed service on Friday.", date="2024-01-01", outlet="Bay Post")
    assert earliest([a, b]) is b
    assert central_claim(b) == "The ferry resumed service on Friday."
    assert central_claim(Article(id="e", text="")) == ""
    empty = event_stance([], {})
    assert empty.to_dict() == {"claim": None, "articles": {}, "distinctive_terms": {}}
