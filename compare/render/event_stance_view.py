"""The event page's stance section: each article's stance toward the event's claim, who speaks in
which article (a voices matrix), what each leaves out, and each outlet's distinctive terms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compare.model import Article, ArticleStance, EventStance
from compare.render.charts import Heatmap, heatmap
from compare.render.panels import bias_figures, left_out_text, stance_figures, value_text

VOICE_ROWS = 12
TERMS_SHOWN = 8


@dataclass(frozen=True)
class StanceRow:
    """One article's stance figures, in order of publication.

    Fields:
        position: the article's number in order of publication.
        name: the article's title or file name.
        outlet: its outlet, or "unknown outlet".
        claim_stance: agree, disagree, discuss or unrelated toward the claim; "the claim's source" for
        the article it comes from.
        quotes: counts of direct, reported and partial quotes.
        voices: the speakers with the largest shares of its words.
        bias: mean sentence bias and loaded sentences.
        wording: its loaded, hedging and attribution words.
        left_out: the quotes and facts other articles of the event carry and it does not.
    """

    position: str
    name: str
    outlet: str
    claim_stance: str
    quotes: str
    voices: str
    bias: str
    wording: str
    left_out: str


@dataclass(frozen=True)
class TermsRow:
    """The terms most distinctive of one outlet within the event.

    Fields:
        outlet: the outlet (or the article, when it names none).
        terms: its terms with their z-scores, most distinctive first.
    """

    outlet: str
    terms: str


@dataclass(frozen=True)
class EventStanceView:
    """Context of the event page's stance section.

    Fields:
        available: whether stance figures were measured (a report run without stance has none).
        missing: the statement shown when they were not.
        claim: the event's central claim (the earliest article's headline).
        claim_from: the article it comes from.
        rows: StanceRow list, one per article.
        voices: Heatmap of speakers (rows) by article (columns), or None when nobody is quoted.
        has_voices: whether the voices chart is drawn.
        terms: TermsRow list, one per outlet.
        has_terms: whether any outlet has distinctive terms.
    """

    available: bool
    missing: str
    claim: str
    claim_from: str
    rows: list[StanceRow]
    voices: Heatmap | None
    has_voices: bool
    terms: list[TermsRow]
    has_terms: bool


def _voices_chart(order: Sequence[Article], section: EventStance) -> Heatmap | None:
    """Speakers by article, shaded by their share of the article's words (the largest share darkest)."""
    shares = {a.id: _shares(section.of(a.id)) for a in order}
    top: dict[str, float] = {}
    for per_article in shares.values():
        for speaker, share in per_article.items():
            top[speaker] = max(top.get(speaker, 0.0), share)
    speakers = sorted(top, key=lambda s: (-top[s], s))[:VOICE_ROWS]
    values = {
        (row, col): shares[a.id][speaker]
        for row, speaker in enumerate(speakers)
        for col, a in enumerate(order)
        if speaker in shares[a.id]
    }
    names = [a.name for a in order]
    return heatmap(
        speakers,
        values,
        {},
        "Share of each article's words given to each speaker's quotes (columns in order of publication).",
        columns=names,
        describe=lambda row, col, value: f"{speakers[row]}: {value * 100:.0f}% of the words of {names[col]}",
        scale=max(values.values(), default=1.0),
    )


def _shares(stance: ArticleStance | None) -> dict[str, float]:
    return stance.profile.speaker_shares if stance else {}


def _stance_row(position: int, article: Article, stance: ArticleStance, source: Article | None) -> StanceRow:
    """One article's row of the stance table."""
    figures, bias = stance_figures(stance.profile), bias_figures(stance.profile)
    return StanceRow(
        position=str(position),
        name=article.name,
        outlet=article.outlet or "unknown outlet",
        claim_stance="the claim's source" if article is source else str(figures["claim_stance"]),
        quotes=str(figures["quotes"]),
        voices=str(figures["voices"]),
        bias=(
            f"loaded-language score {value_text(bias['mean_sentence_bias'])} (0 to 1); "
            f"{bias['loaded_sentences']} sentences loaded"
        ),
        wording=value_text(bias["loaded_or_hedging_words"]),
        left_out=left_out_text(stance.omissions),
    )


def event_stance_view(section: EventStance | None, order: Sequence[Article]) -> EventStanceView:
    """The stance section's view from the event's stance record (None: not measured)."""
    if section is None:
        return EventStanceView(
            False, "Stance figures were not measured for this report.", "", "", [], None, False, [], False
        )
    claim = section.claim
    source = next((a for a in order if claim and a.id == claim.article), None)
    rows = [
        _stance_row(position, article, stance, source)
        for position, article in enumerate(order, start=1)
        if (stance := section.of(article.id)) is not None
    ]
    # Articles with no outlet are keyed by their id (often a file path): show their name instead.
    names = {a.id: f"{a.name} (no outlet named)" for a in order}
    terms = [
        TermsRow(
            names.get(outlet, outlet), ", ".join(f"{term} (z {z:.1f})" for term, z in found[:TERMS_SHOWN])
        )
        for outlet, found in sorted(section.distinctive_terms.items())
        if found
    ]
    voices = _voices_chart(order, section)
    return EventStanceView(
        available=True,
        missing="",
        claim=claim.text if claim else "",
        claim_from=source.credited_name if source else "",
        rows=rows,
        voices=voices,
        has_voices=voices is not None,
        terms=terms,
        has_terms=bool(terms),
    )
