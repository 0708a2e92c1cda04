"""One settings object: every threshold named, with its meaning and how it was calibrated.

Re-measure a threshold with the benchmark named beside it; change it here only together with
the figure that benchmark prints. The experiments behind the values (grids, values tried, figures
of the values not kept) are in benchmarks/results/settings_history.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from compare.errors import UsageError


@dataclass(frozen=True)
class AlignSettings:
    """Passage alignment (compare.align).

    Re-measure with ``python benchmarks/align_bench.py`` (PAN 2013 plagdet and the share of
    unrelated news pairs with a copied passage) and tests/test_align_seeds_real.py (the seeds);
    the bounds on work (``max_seed_occurrences``, ``max_diff_words``) with
    ``python benchmarks/align_speed.py``. Values without a figure are set by hand.
    """

    # Word n-gram length of the seeds. 3 finds short shared phrases in edited copies while
    # staying rare enough between independent accounts (benchmarks/align_bench.py on pan13-dev).
    seed_ngram: int = 3
    # A seed n-gram found more often than this in the other text is ignored (stock phrases,
    # repeated boilerplate) so that seeding stays linear in document length.
    max_seed_occurrences: int = 20
    # Two seeded runs merge into one passage when both gaps (in words) are at most this.
    merge_gap_words: int = 8
    # A gap is only bridged when it is no longer than this share of the merged passage, so two
    # distant quotes do not fuse across a paragraph of new text.
    merge_gap_share: float = 0.5
    # Copied (verbatim or edited) passages shorter than this many words are not reported as
    # copied; their text counts as unique (`--min-words`, compare_pair(min_words=...)). Shared
    # names and stock phrases are not evidence of copying. 5 is the smallest length at which
    # unrelated news stories almost never share a passage: of 400 pairs of FNC-1 bodies about
    # different claims, 0.75% share a copied passage of 5+ words, 0% of 12+ (benchmarks/
    # align_bench.py, ``news_chance_share_by_min_words``), while a copied 5-word quote fragment is
    # still found. Corpora that annotate only long inserted passages want more (40 for PAN 2013:
    # benchmarks/align_bench.py chooses it).
    min_passage_words: int = 5
    # A sentence pair is a paraphrase when the mean of word and character TF-IDF cosine reaches
    # this. Calibrated on seeds 000/003 (two translations of one quote score 0.35-0.5) against
    # unrelated sentences of one topic (at most 0.2): benchmarks/align_bench.py.
    paraphrase_threshold: float = 0.3
    # Sentences shorter than this (in words) are not considered for paraphrase matching.
    paraphrase_min_words: int = 5
    # A sentence or quote at least this share of whose characters copied passages already cover
    # is not matched as a paraphrase; of one covered less, only the stretches outside the copied
    # passages are (each of ``paraphrase_min_words`` or more): a paraphrase passage never overlaps
    # a copied one, and a copied sentence is not reported twice.
    paraphrase_max_covered: float = 0.5
    # Quotes of at least this many words are listed as quote variants (shorter ones are
    # scare quotes and names: "objective need").
    quote_min_words: int = 4
    # Two wordings of one quote (or of one short sentence) are one text copied and edited, not
    # reworded or translated, when at least this share of their words is kept in order (difflib
    # ratio): translations of one quote in seeds 000/003 keep well under half of their words in
    # order. Re-measure: tests/test_align_seeds_real.py on the seeds, benchmarks/align_bench.py.
    edited_quote_similarity: float = 0.8
    # A paragraph-level passage this long in words is split so the word diff stays bounded.
    max_diff_words: int = 4000
    # Look for paraphrased sentences and quotes at all (off for copy-only uses such as PAN).
    paraphrase: bool = True


@dataclass(frozen=True)
class RelationSettings:
    """How the relation of a pair is named (compare.measure.relation).

    The derivation level (wholly / partially / non derived) comes from the logistic regression in
    compare/data/relation_model.json over word 1-5-gram and character 4-8-gram containment (both
    ways, min and max) and each of them times the pair's letters per word (relation.SHIPPED_RECIPE),
    fitted on counter-dev pairs outside the untouched quarter (Urdu news, each counted twice),
    clough-stevenson-2011 (English answers) and English news pairs from FNC-1 training bodies
    labelled not derived. `python benchmarks/reuse_heldout.py` chooses the recipe by cross-validation
    grouped by source document and scores it on the 46 untouched pairs: 0.675 / 0.739 three levels /
    derived-or-not, a plain LR on word 1-3-gram containment 0.632 / 0.739 (and that one fails the
    English same-event checks); `compare train relation` rebuilds the file from the pairs it writes.
    Recipes adding the sentence cosines (compare.measure.sentence_cosines) cross-validate higher
    (0.710 / 0.825) but run the sentence encoder on every pair, so they are not shipped.
    The thresholds below only name the relation inside a level, or override the model where the
    alignment leaves no doubt. ``coverage`` is the share of a text's words inside verbatim or
    edited passages. With `--min-words` above the default, a pair left with no copied passage is
    named by its passages alone (pipeline.compare_pair): the model's n-grams count the shorter runs.
    """

    # Both texts covered this much by copied passages, almost all of it verbatim: a duplicate.
    # Set by definition (a duplicate differs only in trivia); checked by the identity tests.
    duplicate_coverage: float = 0.95
    duplicate_similarity: float = 0.98
    # One text this much inside copied passages is a copy with edits whatever the model says:
    # every COUNTER wholly-derived and Clough "cut" pair above it is labelled so
    # (benchmarks/reuse_bench.py prints the relation counts per label to re-check).
    copy_with_edits_coverage: float = 0.7
    # Without the model's features (bulk scans): partial reuse when this share of a text is
    # copied, or this share reworded. Set from the COUNTER label means of copied coverage
    # (non-derived about 0.07, partially derived about 0.13 at the max side) and Clough heavy
    # revisions (paraphrase share 0.3 and up); re-check with benchmarks/reuse_bench.py.
    partial_copy_coverage: float = 0.2
    rewrite_share: float = 0.3
    # Not derived, yet this share of a text is copied or reworded: the same event told twice.
    # Seeds 000/003 (one speech, two outlets) share about a fifth; different events of one
    # running story (seeds 000/001/002/004) share under a twentieth (tests/test_align_seeds_real.py).
    same_event_shared: float = 0.1
    # Or their content words (all but the languages' stopwords) point the same way. Seeds of one
    # topic but different events score 0.31-0.50 on this cosine, seeds 000/003 (one speech) 0.56;
    # independent English accounts of one claim (FNC-1) and Urdu ones (COUNTER's non-derived pairs)
    # mostly 0.4-0.7, unrelated stories under 0.3. 0.52 lies between the seeds' two sides. In
    # benchmarks/reuse_bench.py (``fnc_held_out_relations``, ``product_counter_relations``) it
    # names 14 of the 30 held-out FNC-1 accounts same-event and 23 of COUNTER's 48 non-derived
    # pairs judged not derived; on 80 pairs of unrelated COUNTER stories and 45 of FNC-1 claims it
    # never says same-event.
    same_event_cosine: float = 0.52
    # A side shorter than this many words gives the model nothing it was fitted on (the shortest
    # calibration text has 33): the copied shares alone decide, as in bulk scans.
    model_min_words: int = 25


@dataclass(frozen=True)
class DirectionSettings:
    """Votes on which article of a copied pair is the source (compare.measure.direction).

    Each kind of evidence casts one vote of its weight for a side; the side with the larger sum is
    the source. The weights only rank the kinds of evidence where they disagree, strongest first:
    a text that credits the other's outlet (3) > a republication notice (2.5) > an earlier date
    (2) > a wire dateline on one side only (1.5) > the shorter text being contained in the longer
    or wrapped in aggregator chrome (1). Set by that ranking, not fitted: no public set labels
    conflicting evidence. `python benchmarks/direction_bench.py` measures the verdicts on the 141
    derived counter-dev pairs, each both ways round (benchmarks/results/direction_bench.json):
    from the files (dates and datelines vote) 258 of 260 decided calls name the agency; from the
    bodies alone (only containment votes) 40 of 66 decided, the other 194 undecided. The sample's
    credits, notices and chrome are checked by tests/test_direction.py.
    """

    # A credit naming the other article's outlet ("via Nordpress"): the copy says where it is from.
    attribution_weight: float = 3.0
    # "Republished from ...", "Originally appeared on ...": the page says it is a copy.
    republication_weight: float = 2.5
    # An earlier publication date (day precision; the same day casts no vote).
    date_weight: float = 2.0
    # A wire dateline ("LONDON (Reuters) -") on one side only: the agency copy keeps it.
    dateline_weight: float = 1.5
    # The text more fully contained in the other, or wrapped in aggregator chrome, is the copy.
    containment_weight: float = 1.0
    # Containment must differ by at least this to count as asymmetry.
    containment_gap: float = 0.1
    # Total vote weight at which the verdict's confidence reaches the agreeing share of the votes;
    # below it confidence scales down in proportion (one date vote alone: 2 / 6 of full).
    full_confidence_weight: float = 6.0


@dataclass(frozen=True)
class StanceSettings:
    """Omissions and the loaded-language score (compare.measure.stance.omissions and .bias).

    None of these is fitted: they are set by hand and checked by the tests named beside them;
    the lexicon score is measured on BABE by ``python benchmarks/bias_bench.py``
    (``untouched.shipped_lexicon``), which is the figure to re-check after changing its curve or
    weights.
    """

    # Omissions: a sentence another article carries and this one lacks is a fact only with at
    # least this many words (and a name, number or date); shorter ones are fragments and bylines
    # (tests/test_stance_omissions.py; seeds 000/003 in tests/test_align_seeds_real.py).
    fact_min_words: int = 8
    # Two omitted sentences from different articles are one item when their word sets overlap
    # (Jaccard) this much: the same fact carried by two wire copies is listed once.
    same_item_jaccard: float = 0.6
    # A substitution inside an edited passage longer than this (words, either side) is a
    # rewrite, not a word choice, and is not listed as a labelling difference.
    max_substitution_words: int = 5
    # Loaded-language lexicon score: p = 1 / (1 + exp(-(bias_slope * hits + bias_offset))), hits
    # weighted by kind below. Set so that no hit reads about 0.2, one 0.5 and two 0.8; on BABE's
    # untouched articles it scores macro-F1 0.590 at p >= 0.5 (bias_bench.py), well below a model
    # trained on BABE (0.759), which may not be shipped.
    bias_slope: float = 1.4
    bias_offset: float = -1.4
    weight_loaded: float = 1.0
    weight_attribution_loaded: float = 0.7
    weight_labelling: float = 0.7
    weight_intensifier: float = 0.5
    weight_polar: float = 0.25
    # A model a user trains (compare train bias) reads, per word, the share of its training
    # sentences annotators marked biased, smoothed by ``marked_prior`` pseudo-occurrences; a word
    # at or above ``marked_rate`` counts as loaded. Part of that recipe, measured with it by
    # bias_bench.py.
    marked_rate: float = 0.3
    marked_prior: float = 1.0
    # The regularisation C of that model's logistic regression: chosen by cross-validation
    # grouped by article on babe-dev outside its untouched quarter; on the untouched articles the
    # model scores macro-F1 0.759 against TF-IDF + LR 0.723 (``python benchmarks/bias_bench.py``).
    bias_model_c: float = 0.1

    def hit_weights(self) -> dict[str, float]:
        """The weight of each kind of lexicon hit in the loaded-language score."""
        return {
            "loaded": self.weight_loaded, "attribution_loaded": self.weight_attribution_loaded,
            "labelling": self.weight_labelling, "intensifier": self.weight_intensifier,
            "polar": self.weight_polar,
        }


@dataclass(frozen=True)
class GroupSettings:
    """Event and topic grouping (compare.group): signal weights and clustering cuts.

    Direct similarity is a weighted mean of three cosines, each over TF-IDF fitted on the
    articles being grouped (unsupervised): the whole text by words, the lead (title + first
    ``lead_words`` words) by words, and the lead by character 3-5-grams; shared named entities
    may add a bonus. The event similarity mixes it with shared neighbours (see ``neighbours``);
    events are average-link clusters of it (an article left alone then joins the event holding
    most of its nearest articles, ``lone_join_share``), topics average-link clusters of event centroids.

    Calibration, FNC-1 training labels only (``python benchmarks/events_bench.py --calibrate``
    writes the grid to benchmarks/results/events_calibration.jsonl): the ARI curve over every cut of
    parts of whole training events grouped on their own (unseen claims, as in a test set: halves
    of about 670 bodies, two thirds of about 900 — the size of the FNC-1 competition test set —
    and one third of about 450, each drawn several times), and of all 1,346 ``training_ids``
    bodies. A looser cut suits smaller folders, so the cut is the best mean over these four folder
    sizes, among the cuts that group the seeds and the bundled sample exactly. ``hold_out_ids`` and
    all bodies are reported, never used to choose.
    """

    # The signal mix: text-heavy, as only such a mix keeps seeds 000/003 (one event) apart from
    # the other seed pairs, whose leads are generic navigation (same calibration).
    weight_text: float = 1.0
    weight_lead: float = 0.5
    weight_lead_chars: float = 0.25
    # Added to the similarity per shared named entity (people, places, organisations), at most
    # ``entity_bonus_max`` in all. Off: on FNC-1 it did not raise ARI (same calibration).
    entity_bonus: float = 0.0
    entity_bonus_max: float = 0.06
    lead_words: int = 60
    # Shared neighbours (similarity.event_graph): each article's profile is itself and its
    # ``neighbours`` most similar articles (above ``neighbour_floor``), and the event similarity is
    # (1 - w) x direct + w x cosine of the two profiles, w = ``shared_neighbour_weight``. Reports of
    # one claim share neighbours even when worded apart; stories of one topic with fellows of
    # their own share few. Chosen on the grid of the class docstring's calibration (a lower floor
    # merges the seeds at every cut).
    neighbours: int = 7
    shared_neighbour_weight: float = 0.4
    neighbour_floor: float = 0.2
    # Direct similarities at or below this count as zero in the event graph, so it stays sparse
    # (set by hand: far below the cut, 1 - event_distance = 0.14; the calibration used it).
    direct_floor: float = 0.05
    # idf = ln((1 + n) / (1 + df)) + idf_offset (scikit-learn uses 1): see similarity._tfidf.
    idf_offset: float = 1.0
    # Average-link distance (1 - event similarity) below which articles form one event: the best
    # mean FNC-1 ARI over the four folder sizes within the range that groups seeds and sample
    # exactly (0.966: halves 0.975, two thirds 0.961, one third 0.974, all training bodies 0.955).
    event_distance: float = 0.86
    # An article the cut leaves alone joins the event holding this share of its ``neighbours``
    # nearest articles (similarity.join_lone_articles): on FNC-1 most lone articles are long
    # reports that tell the claim among other material. Chosen on the training protocols at cut
    # 0.86 (0.966 mean ARI, 0.955 without joining); seeds and sample stay exact. All 1,683 bodies
    # score 0.960, the hold-out ids 0.865.
    lone_join_share: float = 0.8
    # Looser average-link cut over event centroids: events of one running story form a topic
    # (the five seeds, four events over four years, are one topic).
    topic_distance: float = 0.93
    # Two articles dated further apart than this (days) are never one event: a running story may
    # span years, one happening is reported within days. Inferred years compare month and day only.
    # A cluster whose dated articles span more is grouped again on its own word weights
    # (events._regrouped), then split into date windows (events.within_date_windows).
    event_days: int = 3
    # Articles per block when computing similarities, so memory stays O(block x n), not O(n^2).
    block_rows: int = 1024
    # Blocks computed side by side (the products release the GIL); the result does not depend on it.
    threads: int = 2
    # Terms and entities listed per article as the reason it joined its event.
    reason_terms: int = 6


@dataclass(frozen=True)
class CrosslingualSettings:
    """Translation passages and relations of two texts in different languages (compare.align.crosslingual).

    Calibrated with ``python benchmarks/crosslingual_bench.py`` on the calibration part of
    ntrex-dev (articles and languages named in the script); the figures it prints for the held-out
    articles and languages are the ones to re-check after a change.
    """

    # Sentences shorter than this (in words) are not aligned: bylines, "Share", photo credits.
    min_words: int = 3
    # Nearest sentences on the other side whose mean cosine is a sentence's baseline (the margin's
    # denominator), and among which its partner is looked for.
    neighbours: int = 4
    # A pair is linked when its margin (cosine over the mean baseline of its two sentences) plus
    # the anchor bonus reaches ``link_score``. Unlinked sentences between two links in order (or
    # a link and a text's start or end), as many on both sides and at most ``max_gap``, are
    # linked in order when each pair's score reaches ``gap_score``: a translation keeps its
    # order, so a pair a little under ``link_score`` there is one too. Chosen with
    # ``--calibrate`` on the calibration part (``chosen_setting``: the most sentences found
    # keeping passage precision and relation macro-F1 at 0.95): link 1.03, bonus 0.01, gap 1.0
    # find 0.967 of the translated sentences at passage precision 0.969, relation macro-F1
    # 0.960 (1.04 and 0.02 without gaps: 0.926 at 0.981, 0.968).
    link_score: float = 1.03
    gap_score: float = 1.0
    max_gap: int = 2
    # Added to the margin per shared anchor (number, month, name key), at most ``max_anchors`` times.
    anchor_weight: float = 0.01
    max_anchors: int = 3
    # An unlinked sentence next to a linked one joins its link (one sentence translated as two)
    # when its cosine to the link's partner is ``widen_score`` times the mean of its
    # ``neighbours`` best cosines, and the two sentences encoded together lose at most
    # ``merge_loss`` of the linked sentence's cosine to the partner (the encoder reads a longer
    # text as a little less like its partner even when it is a faithful translation; an
    # unrelated neighbour loses more).
    widen_score: float = 1.0
    merge_loss: float = 0.02
    # A pair is a translation when this share of one text's words lies in translation passages
    # ("most of the shorter text"), a partial translation from ``partial_share`` and at least
    # ``partial_sentences`` linked sentences.
    translation_share: float = 0.7
    partial_share: float = 0.15
    partial_sentences: int = 2
    # Two quotes, one in each language, are one quote translated when their cosine reaches this:
    # the plain baseline's sentence cosine chosen on the calibration part (benchmarks/results/
    # crosslingual_bench.json, held_out_baseline.link_cosine), as quotes are too few per pair
    # for a margin.
    quote_cosine: float = 0.85
    # Not a translation, yet the texts' mean sentence embeddings are this close: the same event
    # told in two languages.
    same_event_cosine: float = 0.95
    # Events (compare.group.crosslingual): each article is aligned with at most
    # ``event_candidates`` articles in other languages, those sharing the most anchor weight (at
    # least ``event_anchor_weight``: one anchor both hold in a folder of two articles weighs
    # ln 1.5 = 0.41); a pair with ``event_links`` sentences in common joins their events.
    event_candidates: int = 3
    event_anchor_weight: float = 0.4
    event_links: int = 2
    # Scans (compare.scan.crosslingual): a page's pool is the ``scan_pool`` originals in other
    # languages sharing the most anchor weight (ln of originals over holders, summed; at least
    # ``scan_anchor_weight``); anchors held by more than ``scan_max_holders`` originals are not
    # looked up. A page sentence is anchored in an original when it shares anchors weighing
    # ``scan_sentence_weight`` (in weights of an anchor one original alone holds) with one of its
    # sentences; the ``scan_candidates`` originals with the most anchored sentences (at least
    # ``scan_anchored_sentences``) are probed: the page's first ``scan_lead_sentences`` sentences
    # (its lead) are encoded with the ``scan_probe_sentences`` sentences of the original sharing
    # the most anchors with them, and the ``scan_aligned`` originals with the most lead sentences
    # reaching ``scan_cosine`` there (at least ``scan_probe_links``) are aligned whole with the
    # lead: links whose cosine reaches ``scan_cosine`` count, each lead sentence is owned by the
    # original it links to most closely, and ``scan_links`` owned sentences (all of a shorter
    # lead) make a translated match when the original's best ``scan_links`` links score
    # ``scan_verify_score`` on average (a link's margin over its sentences' nearest neighbours,
    # with the anchor bonus: a story on the same subject links lead sentences as closely, but
    # has other sentences about as close); a page keeps at most ``scan_rows`` of them, the most
    # owned first (a partial translation may mix in sentences of a second original).
    # Chosen on the calibration pages (the calibration articles in German, Ukrainian, Spanish
    # and Turkish, each page also scanned against the index without its own original, where
    # only stories on the same subject are left to find): ``benchmarks/crosslingual_bench.py
    # --calibrate-scan`` prints the grid tried there and the setting taken (the best F1 of
    # recall and precision, then the fewest sentences encoded): the verify score, the links,
    # the probe's sentences, the candidates probed, the pool and the anchor weight give recall
    # 0.967 at precision 1.0 (0.958 at 0.938 without the verify score, 37 wrong rows with the
    # page's own original left out; 0.956 at 1.0 with the former pool of 24 at weight 8); the
    # others were chosen by an earlier grid on the German and Ukrainian pages alone. The
    # sentence weight, the cosine and the rows a page keeps were chosen on German pages of a
    # quarter of those articles.
    scan_pool: int = 48
    scan_anchor_weight: float = 4.0
    scan_max_holders: int = 1000
    scan_sentence_weight: float = 0.7
    scan_anchored_sentences: int = 1
    scan_candidates: int = 12
    scan_probe_sentences: int = 2
    scan_probe_links: int = 1
    scan_aligned: int = 3
    scan_lead_sentences: int = 15
    scan_links: int = 2
    scan_cosine: float = 0.85
    scan_verify_score: float = 1.065
    scan_rows: int = 2


# Scan: re-measure each value with ``python benchmarks/scan_bench.py`` (recall per kind of copy,
# precision, pairs aligned per second); change one only with the figures it prints.


@dataclass(frozen=True)
class FingerprintSettings:
    """How texts are fingerprinted; stored in the index so every scan uses the same values."""

    # Words per shingle. 4 keeps half the shingles of a copy with 15% of words changed
    # (0.85^4) while chance 4-word collisions between unrelated stories stay rare
    # (benchmarks/scan_bench.py prints recall per kind of copy).
    shingle_words: int = 4
    # One shingle in ``modulo`` is kept (hash % modulo == 0): about 100 fingerprints for a
    # 500-word article, 12 for a 60-word paragraph taken into a digest.
    modulo: int = 5


@dataclass(frozen=True)
class BoilerplateSettings:
    """What the index counts as boilerplate and as syndication; stored in the index with it."""

    # A word shingle held by at least this many originals (a syndication group counted once)
    # is boilerplate: an outlet footer under its stories, a byline, a share prompt, a stock
    # phrase. 5: a footer is under tens to thousands of stories, while the paragraphs of one
    # story are in its syndication group only (benchmarks/scan_bench.py, chosen on seed 1).
    min_originals: int = 5
    # Two originals are copies of each other (one syndication group) when this share of the
    # shorter one's rare fingerprints are in the other, and at least ``syndication_min_shared``.
    # A wire story carried with a new intro and footer shares 0.7-1.0; two stories of one topic
    # share under 0.1.
    syndication_share: float = 0.5
    syndication_min_shared: int = 5


@dataclass(frozen=True)
class ScanSettings:
    """How pages are matched against the index of originals."""

    fingerprint: FingerprintSettings = field(default_factory=FingerprintSettings)
    # A fingerprint posted by more originals than this is a stock phrase or an outlet footer:
    # it is ignored, so it neither makes candidates nor costs time.
    max_postings: int = 50
    # An original becomes a candidate for a page when they share at least this many (non-stock)
    # fingerprints: a 60-word digest paragraph shares about 12 at modulo 5, chance matches 0-1.
    min_shared: int = 3
    # At most this many candidates (most shared fingerprints first) are aligned per page.
    max_candidates: int = 50
    # Alignment of a page with a candidate. Its ``min_passage_words`` is the scan's
    # ``--min-words`` (the same setting as ``compare pair --min-words``): a row needs a copied
    # passage of at least this many words that are not boilerplate, and shorter passages count
    # as not copied. 20 keeps every digest paragraph (40-120 words, a few stock words
    # discounted) while two stock phrases and a few shared words never reach it
    # (benchmarks/scan_bench.py, chosen on seed 1 and reported on seed 2).
    align: AlignSettings = field(default_factory=lambda: AlignSettings(min_passage_words=20))
    # Pages are sent to workers this many at a time; results are saved after each batch.
    batch_pages: int = 500
    # Pair pages a scan writes (`compare scan --pages`): those of the most copied matches. Every
    # other row's page is made on demand by `compare serve` (about 0.1 s each without the stance
    # section; rendering all of 10,000 matches was most of a 13-minute scan). Left out of the
    # scan's stamp (repr=False): the rows do not depend on it, so changing it re-scans nothing.
    pair_pages: int = field(default=50, repr=False)

# `compare scan --engine dask` ships the index to the workers in shards of about this size in
# memory (the inverted table, compressed texts and metadata of a range of originals): a second
# or two to ship each, and a few fit beside each other in a worker (`--shard-mb`).
SCAN_SHARD_BYTES = 100 * 2**20




@dataclass(frozen=True)
class TraceSettings:
    """Within an event, after the pairs are compared (compare.trace)."""

    # An event's N-way passage table (compare.trace.collation) joins a sentence of one article to a
    # sentence of another only when the pair's aligned passages cover at least this share of the
    # sentence's characters: a few shared words ("in Moscow on Wednesday", a name) do not make a
    # paragraph verbatim. Half a sentence: on seed event 000+003 the two translated quotes still join
    # (a paraphrase passage covers each whole) and the stock phrases do not; on the sample's event the
    # wire copies join sentence by sentence and Harbor Daily's own account joins nothing verbatim.
    # Re-measure: tests/test_trace_collation.py, and the event page of `compare report` on seeds
    # 000 and 003.
    collation_min_coverage: float = 0.5


@dataclass(frozen=True)
class MainTextSettings:
    """How an HTML page's main text is put together (compare.ingest.assemble).

    Trafilatura (its fast mode, comments left out) chooses the main text; its paragraphs then go
    through the chrome rules, and a lead it missed is taken from the text cleaner's reading of
    the rendered page. Calibrated on the development part of trafilatura-eval (the held-out part,
    fixed by a hash of the page name, is reported beside it): `python benchmarks/extract_bench.py`.
    """

    # Trafilatura's text is a "sliver", and the text cleaner's reading of the page is used
    # instead, when it is shorter than this and the cleaner finds this many times as much.
    # Trafilatura's defaults already fall back on their own; this only catches pages where it
    # found next to nothing (a stricter test lost F1 on dev).
    sliver_ratio: float = 4.0
    sliver_max_chars: int = 500
    # Body paragraphs the cleaner keeps just above trafilatura's first line (a standfirst, a
    # lead trafilatura took for a teaser) are added when they are among this many lines above
    # it and at least this long: +0.010 recall and no precision lost on dev.
    lead_lines: int = 3
    lead_min_chars: int = 100


@dataclass(frozen=True)
class CleanerSettings:
    """The text cleaner (compare.ingest.clean): which lines of a page dump are the article.

    Re-measure with ``python benchmarks/extract_bench.py`` (text dumps of trafilatura-eval: the
    development part chooses, the held-out part reports) and ``python benchmarks/ingest_bench.py``
    (seeds, fiction dumps, article bodies that must be kept).
    """

    # jusText's defaults, measured on its CleanEval evaluation: a line under ``length_low``
    # characters is "short" and decided by its neighbours; over ``length_high`` with a stopword
    # density of ``stopwords_high`` or more it is prose; a density under ``stopwords_low`` is chrome.
    length_low: int = 70
    length_high: int = 200
    stopwords_low: float = 0.30
    stopwords_high: float = 0.32
    # A short line shaped like a sentence (this many words, final punctuation) is borderline prose
    # rather than a menu entry: news bodies have one-sentence paragraphs, and one-sentence items
    # are articles.
    sentence_min_words: int = 5
    # This many borderline-prose lines in a row are body whatever their neighbours.
    prose_run: int = 2
    # Inline teasers ("Read also" + headline + lead) span at most this many lines.
    teaser_max_paragraphs: int = 3
    # Openers of teasers and story lists are at most this long ("Read also", "Most read:").
    opener_max_chars: int = 40
    # A timestamp or byline this many lines below the body still belongs to the article.
    metadata_after_body: int = 2
    # Below the body, this many lines in a row without prose end the article, unless the prose
    # after them goes on with the body: at least ``tail_body_words`` long (or as long as the body
    # above), or with ``tail_topic_share`` of its content words used by the body above (a footer
    # blurb is short and off the topic).
    tail_gap: int = 2
    tail_body_words: int = 150
    tail_topic_share: float = 0.3
    # Below a comment section's opener, a share prompt, tags or a subscribe prompt, with at least
    # this share of the body's characters above it, nothing is the article any more (share prompts
    # also sit under a lead, hence the share).
    end_share: float = 0.5
    # A dump is hard-wrapped when at most this share of its long lines run past the wrap width.
    wrap_max_over: float = 0.15
    # A line above the body is its headline when the body uses this share of its content words
    # (menu entries and site names score about 0).
    title_min_overlap: float = 0.4


@dataclass(frozen=True)
class TemplateSettings:
    """Paragraphs repeated across one site's pages, removed as its template (compare.ingest.corpus).

    Set by hand, checked with ``python benchmarks/ingest_bench.py`` (generated fiction sites) and
    tests/test_ingest_metadata.py (passages that edited copies of one story keep are not template).
    """

    # A paragraph is template when it is on at least this many pages of the site that are not
    # copies of each other (copies share their longest paragraph and count once) ...
    template_min_pages: int = 3
    # ... and on more than this share of the site's pages: chrome is on most pages of a site,
    # while a passage that edited copies of one story keep is on those copies only.
    template_min_share: float = 0.5
    # A paragraph at least this long counts as template only when nearly every page of the site
    # (this share, and at least five pages) carries it: a long shared paragraph is more likely a
    # kept passage (evidence compare must not lose) than a footer.
    template_long_chars: int = 200
    template_long_share: float = 0.8


@dataclass(frozen=True)
class DecodeSettings:
    """Bytes to text when no BOM or valid UTF-8 says the encoding (compare.ingest.decode).

    Re-measure with ``python -m pytest tests/test_ingest_bad_input.py tests/test_ingest_fuzz.py``
    (encodings, binary files under text names) and ``python benchmarks/ingest_bench.py``.
    """

    # charset-normalizer's "chaos" (share of implausible characters) above which no encoding fits:
    # the input is refused as undecodable.
    max_chaos: float = 0.3
    # Of bytes read as single-byte text, at most this share may be control characters; more is a
    # binary file.
    max_control_share: float = 0.02
    # Short texts fit several code pages about equally: an encoding in common use on the web whose
    # chaos is within this margin of the best guess wins over a rarer one (and a declared charset
    # within it is taken).
    chaos_margin: float = 0.01


@dataclass(frozen=True)
class Settings:
    """All tunable values of the pipeline."""

    align: AlignSettings = field(default_factory=AlignSettings)
    relation: RelationSettings = field(default_factory=RelationSettings)
    direction: DirectionSettings = field(default_factory=DirectionSettings)
    group: GroupSettings = field(default_factory=GroupSettings)
    stance: StanceSettings = field(default_factory=StanceSettings)
    scan: ScanSettings = field(default_factory=ScanSettings)
    crosslingual: CrosslingualSettings = field(default_factory=CrosslingualSettings)
    main_text: MainTextSettings = field(default_factory=MainTextSettings)
    cleaner: CleanerSettings = field(default_factory=CleanerSettings)
    template: TemplateSettings = field(default_factory=TemplateSettings)
    decode: DecodeSettings = field(default_factory=DecodeSettings)
    trace: TraceSettings = field(default_factory=TraceSettings)
    # Shingle length (words) of the pair's containment (each way) and Jaccard figures, which the
    # direction vote reads (DirectionSettings.containment_gap). Set by hand: word trigrams, the
    # usual unit of text-reuse containment; re-check with ``python benchmarks/direction_bench.py``.
    shingle_words: int = 3
    # A page, a document or one record (a JSONL line, a WARC record) larger than this is refused
    # with a clear message rather than read into memory; JSONL files and web archives of any size
    # are streamed record by record, so the limit never applies to a whole corpus file.
    max_input_bytes: int = 50 * 1024 * 1024
    # ``iter_articles`` holds this many articles at a time; the corpus passes (template
    # paragraphs repeated across a site's pages, years for month-days) run over each batch.
    # A site's template shows on a few of its pages, so any batch of hundreds finds it; memory
    # is about 20 kB per article, so a batch is tens of MB.
    ingest_batch_articles: int = 2000
    # A JSON record's text is plain prose (taken as given, no page-chrome cleaner) when every
    # line ends a sentence and has at least this many words: "He declined to comment." passes,
    # "All rights reserved." and menu lines do not, and send the record through the cleaner.
    plain_min_words: int = 4
    # Lines shorter than this (in words) must also break no chrome rule ("Sign up for our
    # newsletter.", "By Jane Doe."). Body paragraphs are longer; checking only short lines keeps
    # the test cheap (tests/test_ingest_prose.py checks the texts agree with the cleaner's).
    plain_checked_words: int = 30


DEFAULT_SETTINGS = Settings()

# The settings read while inputs are loaded (ingest: main text, cleaner, site template, encodings,
# size limits, plain-prose records). Loading runs with their defaults, so a command's --set and
# --settings refuse them rather than accept a value that would change nothing.
LOADING_SETTINGS = frozenset(
    {
        "main_text",
        "cleaner",
        "template",
        "decode",
        "max_input_bytes",
        "ingest_batch_articles",
        "plain_min_words",
        "plain_checked_words",
    }
)


def with_values(settings: Settings, values: Mapping[str, object]) -> Settings:
    """``settings`` with the fields named by dotted names (``align.min_passage_words``) set.

    A value given as text (``--set name=value`` on the command line) is read as the field's type;
    an unknown name or a value of the wrong type is a ``UsageError`` naming it.
    """
    for name, value in values.items():
        settings = _with_value(settings, name.split("."), value, name)
    return settings


def _with_value(group: Any, path: list[str], value: object, name: str) -> Any:
    """``group`` (a settings dataclass) with the field at ``path`` set to ``value``."""
    known = {f.name: f for f in fields(group)}
    if path[0] not in known:
        raise UsageError(f"unknown setting {name!r} (`compare settings` lists them)")
    current = getattr(group, path[0])
    if is_dataclass(current) and len(path) > 1:
        return replace(group, **{path[0]: _with_value(current, path[1:], value, name)})
    if is_dataclass(current) or len(path) > 1:
        raise UsageError(f"unknown setting {name!r} (`compare settings` lists them)")
    return replace(group, **{path[0]: _typed(current, value, name)})


def _typed(current: object, value: object, name: str) -> object:
    """``value`` as the type of the field's ``current`` value (text is parsed)."""
    kind = type(current)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip()
    try:
        if kind is bool:
            if text.lower() not in {"true", "false", "yes", "no", "1", "0"}:
                raise ValueError(text)
            return text.lower() in {"true", "yes", "1"}
        if kind in (int, float, str):
            return kind(text)
    except ValueError:
        raise UsageError(f"setting {name!r} takes a {kind.__name__}, not {text!r}") from None
    raise UsageError(f"setting {name!r} cannot be set from text")


def setting_values(settings: Settings) -> dict[str, object]:
    """Every setting by its dotted name, with its value."""
    out: dict[str, object] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if is_dataclass(value) and not isinstance(value, type):
            out.update({f"{f.name}.{k}": v for k, v in setting_values(value).items()})  # type: ignore[arg-type]
        else:
            out[f.name] = value
    return out


def settings_file_values(path: Path) -> dict[str, object]:
    """The settings a TOML file sets (``[align]`` then ``min_passage_words = 7``), by dotted name."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"{path}: cannot read the settings file ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not a TOML settings file ({error})") from None
    return _flattened(data)


def _flattened(data: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            out.update(_flattened(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


AlignedSettings = TypeVar("AlignedSettings", Settings, ScanSettings)


def with_min_words(settings: AlignedSettings, min_words: int | None) -> AlignedSettings:
    """``settings`` (the pipeline's or the scan's) with the shortest reported copied passage set
    to ``min_words`` (None: as is); below 1 is a ``UsageError`` naming ``--min-words``."""
    if min_words is None:
        return settings
    if min_words < 1:
        raise UsageError(f"--min-words must be at least 1, got {min_words}")
    return replace(settings, align=replace(settings.align, min_passage_words=min_words))
