"""What an article leaves out, and the words it swaps, read from the pairwise alignments.

- :func:`omissions`: for one article, the quotes and facts that other articles of the event carry
  and it does not, from the ``unique`` passages of its alignment with each of them. Each omitted
  sentence is a quote (it holds a direct quote, with its speaker) or a fact (it names someone,
  or gives a number or a date, and is a clause of at least ``StanceSettings.fact_min_words`` words); the
  same sentence carried by several others is listed once with every carrier.
- :func:`labelling_differences`: the word substitutions inside ``edited`` passages ("reunited
  with" vs "annexed by"), flagged when either side is in a wording lexicon.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import regex

from compare.measure.stance.voices_ru import voices_of
from compare.measure.stance.wording import find_wording
from compare.model import LabellingDifference, Omission, Passage
from compare.normalise import WORD, sentence_spans, tokenize
from compare.settings import DEFAULT_SETTINGS, StanceSettings

NAME_OR_NUMBER = regex.compile(r"\p{N}|(?<=\s)\p{Lu}\p{Ll}+")


@dataclass(frozen=True)
class OtherArticle:
    """Another article of the event and the passages of its alignment with this one."""

    id: str
    text: str
    passages: tuple[Passage, ...]
    side: Literal["a", "b"] = "b"  # which side of the passages this other article is


def _words(text: str) -> set[str]:
    return {t.norm for t in tokenize(text)}


def _candidates(other: OtherArticle, fact_min_words: int) -> list[tuple[str, str, str | None, int, int]]:
    """(kind, sentence, speaker, start, end) for each sentence of the other's unique passages."""
    spans = []
    shared = []
    for p in other.passages:
        own = p.b if other.side == "b" else p.a
        mine = p.a if other.side == "b" else p.b
        if p.kind == "unique" and own is not None and mine is None:
            spans.append((own.start, own.end))
        elif own is not None and mine is not None:
            shared.append((own.start, own.end))
    if not spans:
        return []
    # A quote this article gives in its own words (a passage or a matched quote holds part of it)
    # is carried, not left out, however much of the other's wording is unique.
    voices = [v for v in voices_of(other.text) if v.kind in {"full", "block", "partial"}]
    carried = {v.start for v in voices if any(s < v.end and e > v.start for s, e in shared)}
    out = []
    for start, end in spans:
        for s, e in sentence_spans(other.text[start:end]):
            s, e = start + s, start + e
            sentence = other.text[s:e]
            quote = next((v for v in voices if v.start < e and v.end > s), None)
            if quote is not None and quote.start in carried:
                continue
            if quote is not None:
                out.append(("quote", sentence, quote.speaker, s, e))
            elif len(WORD.findall(sentence)) >= fact_min_words and NAME_OR_NUMBER.search(" " + sentence):
                out.append(("fact", sentence, None, s, e))
    return out


def omissions(
    others: Sequence[OtherArticle], settings: StanceSettings = DEFAULT_SETTINGS.stance
) -> list[Omission]:
    """Quotes and facts the other articles carry that this article lacks, most carried first."""
    items: list[tuple[str, str, str | None, set[str], list[tuple[str, int, int]]]] = []
    for other in others:
        for kind, sentence, speaker, s, e in _candidates(other, settings.fact_min_words):
            words = _words(sentence)
            for item in items:
                union = words | item[3]
                if union and len(words & item[3]) / len(union) >= settings.same_item_jaccard:
                    if all(a != other.id for a, _, _ in item[4]):
                        item[4].append((other.id, s, e))
                    break
            else:
                items.append((kind, sentence, speaker, words, [(other.id, s, e)]))
    result = [Omission(k, t, sp, tuple(c)) for k, t, sp, _, c in items]  # type: ignore[arg-type]
    return sorted(result, key=lambda o: (-len(o.carried_by), o.kind != "quote", -len(o.text)))


def labelling_differences(
    passages: Sequence[Passage], a_text: str, b_text: str,
    settings: StanceSettings = DEFAULT_SETTINGS.stance,
) -> list[LabellingDifference]:
    """Word substitutions (replace edits) inside edited passages, lexicon-flagged ones first."""
    out = []
    for p in passages:
        if p.kind != "edited":
            continue
        for edit in p.edits:
            if edit.op != "replace":
                continue
            a_words, b_words = _words(edit.a_text), _words(edit.b_text)
            if not a_words or not b_words or a_words == b_words:
                continue
            if max(len(WORD.findall(edit.a_text)), len(WORD.findall(edit.b_text))) > settings.max_substitution_words:
                continue
            cats = sorted({m.category for m in find_wording(edit.a_text) + find_wording(edit.b_text)})
            out.append(LabellingDifference(
                edit.a.start, edit.a.end, edit.b.start, edit.b.end,
                a_text[edit.a.start : edit.a.end] or edit.a_text,
                b_text[edit.b.start : edit.b.end] or edit.b_text, tuple(cats),
            ))
    return sorted(out, key=lambda d: (not d.categories, d.a_start))
