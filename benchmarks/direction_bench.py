"""Direction benchmark: does `compare pair` name the news agency as the source of a newspaper copy?

Data: counter-dev's derived pairs (wholly and partially derived, 141 of 199): the agency story
(``NNNN.xml``) is the source, the newspaper story (``NNNNp.xml``) the copy. Each pair is compared
both ways round (agency as A, then as B), so a side preference cannot score.

Two readings:
- ``from_files``: the XML files as a user gives them, so dates, outlets and datelines count;
- ``text_only``: the bodies alone (no metadata), so only the texts' own evidence counts
  (containment asymmetry, material added or dropped, credits in the text).

For each: among pairs the product calls a copy, the share whose source is the agency
(``correct``), the other side (``wrong``), ``common`` or undecided; the accuracy among decided
pairs; and the mean confidence of right and wrong calls.

What it shows: with the files, the dates decide (the newspaper runs the agency story a day later).
With the texts alone, the one vote left is containment asymmetry ("the text more fully found in
the other is the copy"): right for trimmed copies (wholly derived: 18 of 20 decided) and wrong for
expanded ones (partially derived, where the newspaper adds its own material: 2 of 13), so most
pairs stay undecided at low confidence, as they should.
Usage: python benchmarks/direction_bench.py -> benchmarks/results/direction_bench.json
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus_module import corpus_module  # noqa: E402

from compare.ingest import load  # noqa: E402
from compare.model import Article, PairResult  # noqa: E402
from compare.pipeline import compare_pair  # noqa: E402

COUNTER = ROOT.parent / "shared" / "corpora" / "counter-dev"
RESULTS = ROOT / "benchmarks" / "results" / "direction_bench.json"


def derived_pairs() -> list[tuple[Path, Path, dict]]:
    """(agency file, newspaper file, pair record) of each derived counter-dev pair."""
    module = corpus_module(COUNTER / "load.py")
    pairs = []
    for pair in module.load_pairs("dev"):
        if pair["label"] == "non_derived":
            continue
        folder = COUNTER / "COUNTER"
        derived = next(
            p for p in (folder / f"{pair['id']}p.xml", folder / f"{pair['id']}P.xml") if p.exists()
        )
        pairs.append((folder / f"{pair['id']}.xml", derived, pair))
    return pairs


def score(calls: list[tuple[PairResult, str]]) -> dict[str, object]:
    """Tally of direction calls against the side that holds the agency story."""
    outcome: Counter[str] = Counter()
    confidence: dict[str, list[float]] = {"correct": [], "wrong": []}
    for result, agency in calls:
        source = result.direction.source
        if result.relation in ("same-event", "different-event"):
            outcome["not called a copy"] += 1
            continue
        kind = (
            "correct"
            if source == agency
            else "common"
            if source == "common"
            else "undecided"
            if source is None
            else "wrong"
        )
        outcome[kind] += 1
        if kind in confidence:
            confidence[kind].append(result.direction.confidence)
    decided = outcome["correct"] + outcome["wrong"]
    return {
        "calls": len(calls),
        "outcomes": dict(outcome),
        "accuracy_among_decided": round(outcome["correct"] / decided, 4) if decided else None,
        "mean_confidence": {k: round(sum(v) / len(v), 3) if v else None for k, v in confidence.items()},
    }


def main() -> None:
    if not COUNTER.is_dir():
        print(f"skipped: {COUNTER} is not present")
        return
    pairs = derived_pairs()
    from_files: list[tuple[PairResult, str]] = []
    text_only: list[tuple[PairResult, str]] = []
    for agency_path, paper_path, record in pairs:
        agency, paper = load(agency_path), load(paper_path)
        from_files += [
            (compare_pair(agency, paper, stance=False), "a"),
            (compare_pair(paper, agency, stance=False), "b"),
        ]
        bare_agency = Article("agency", record["source"]["body"])
        bare_paper = Article("paper", record["derived"]["body"])
        text_only += [
            (compare_pair(bare_agency, bare_paper, stance=False), "a"),
            (compare_pair(bare_paper, bare_agency, stance=False), "b"),
        ]
    figures = {"pairs": len(pairs), "from_files": score(from_files), "text_only": score(text_only)}
    print(json.dumps(figures, indent=2))
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
