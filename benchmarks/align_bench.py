"""Passage alignment on pan13-dev, scored with the corpus's own plagdet.py.

Aligns every suspicious document with its source, writes the copied passages (verbatim and
edited; paraphrase and unique are not PAN detections) as PAN XML detection files, and scores them
against the repaired truth.

PAN annotates only the passages it inserted (about 50 words and up); topic-related web pages also
share shorter natural overlaps that it does not annotate. The shortest reported detection
(``PAN_MIN_WORDS`` in compare/settings.py) is therefore calibrated here: every candidate minimum is
scored, and a two-fold cross-validation by suspicious document (choose on one half, score on the
other) shows the choice is not fitted to the dev pairs.
Usage: python benchmarks/align_bench.py [--out DIR]. Writes benchmarks/results/align_bench.json.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from xml.sax.saxutils import quoteattr

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PAN = REPO.parent / "shared" / "corpora" / "pan13-dev"

from corpus_module import corpus_module  # noqa: E402

from compare.align import align  # noqa: E402
from compare.normalise import WORD  # noqa: E402
from compare.settings import DEFAULT_SETTINGS, PAN_MIN_WORDS  # noqa: E402

CANDIDATES = (5, 10, 15, 20, 25, 30, 35, 40, 45, 50)

COPIED = ("verbatim", "edited")


def detection_xml(susp: str, src: str, spans: list[tuple[int, int, int, int]]) -> str:
    """A PAN detection file: one feature per (this_offset, this_length, source_offset, source_length)."""
    features = "".join(
        f'<feature name="detected-plagiarism" this_offset="{to}" this_length="{tl}" '
        f'source_reference={quoteattr(src)} source_offset="{so}" source_length="{sl}"/>'
        for to, tl, so, sl in spans
    )
    return f"<?xml version='1.0' encoding='utf-8'?>\n<document reference={quoteattr(susp)}>{features}</document>\n"


def main() -> None:
    if not PAN.is_dir():
        print(f"skipped: {PAN} is not present")
        return
    load = corpus_module(PAN / "load.py")
    plagdet = corpus_module(PAN / "plagdet.py")
    out = Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else Path(tempfile.mkdtemp())
    out.mkdir(parents=True, exist_ok=True)
    pairs = list(load.load_cases("repaired", "dev"))
    settings = replace(DEFAULT_SETTINGS.align, paraphrase=False)
    truth, found = [], []
    started = time.perf_counter()
    for pair in pairs:
        susp, src = load.read("susp", pair["susp"]), load.read("src", pair["src"])
        truth += [plagdet.Ann(pair["susp"], to, tl, pair["src"], so, sl) for to, tl, so, sl in pair["cases"]]
        for p in align(src, susp, settings):
            if p.kind in COPIED and p.a is not None and p.b is not None:
                words = len(WORD.findall(susp, p.b.start, p.b.end))
                found.append(
                    (words, plagdet.Ann(pair["susp"], p.b.start, len(p.b), pair["src"], p.a.start, len(p.a)))
                )
    seconds = time.perf_counter() - started
    sweep = {k: plagdet.score(truth, [d for w, d in found if w >= k])["plagdet"] for k in CANDIDATES}
    folds = _cross_validate(plagdet, truth, found, sorted({a.tref for a in truth}))
    for pair in pairs:
        spans = [
            (d.toff, d.tlen, d.soff, d.slen)
            for w, d in found
            if w >= PAN_MIN_WORDS and d.tref == pair["susp"] and d.sref == pair["src"]
        ]
        (out / pair["pair"]).write_text(detection_xml(pair["susp"], pair["src"], spans), encoding="utf-8")
    written = plagdet.read_dir(str(out), "detected-plagiarism")
    figures = plagdet.score(truth, written)
    figures.update(
        {
            "min_words": PAN_MIN_WORDS,
            "pairs": len(pairs),
            "align_seconds": round(seconds, 2),
            "sweep_plagdet_by_min_words": {str(k): round(v, 4) for k, v in sweep.items()},
            "cross_validation": folds,
        }
    )
    print(json.dumps(figures, indent=2))
    print(f"detections written to {out}")
    (REPO / "benchmarks" / "results" / "align_bench.json").write_text(json.dumps(figures, indent=2) + "\n")


def _cross_validate(plagdet: ModuleType, truth: list, found: list, docs: list[str]) -> list[dict[str, float]]:
    """Two folds by suspicious document: pick the minimum on one half, score it on the other."""
    halves = [set(docs[0::2]), set(docs[1::2])]
    folds = []
    for fit, held in (halves, halves[::-1]):

        def score(k: int, keep: set[str]) -> float:
            cases = [t for t in truth if t.tref in keep]
            return float(plagdet.score(cases, [d for w, d in found if w >= k and d.tref in keep])["plagdet"])

        best = max(CANDIDATES, key=lambda k: score(k, fit))
        folds.append({"chosen_min_words": best, "held_out_plagdet": round(score(best, held), 4)})
    return folds


if __name__ == "__main__":
    main()
