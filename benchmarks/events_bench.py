"""Event grouping benchmark: quality on labelled sets, time and memory at 1k and 10k articles.

Quality: adjusted Rand index and pairwise precision/recall (pairs of articles put in one event)
on FNC-1 (gold events = connected components of bodies related to one headline), the seeds
(TRUTH.json) and the bundled sample (examples/EXPECTED.json). FNC-1 settings are calibrated on
``training_ids`` only and reported on ``hold_out_ids``, each part grouped on its own.

Usage::

    python benchmarks/events_bench.py            # everything, writes benchmarks/results/events_bench.json
    python benchmarks/events_bench.py --calibrate  # also print the calibration grid on training_ids
    python benchmarks/events_bench.py --scale 10000  # one timing run (used in a child process)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import replace
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare.group import group_events  # noqa: E402
from compare.model import Article  # noqa: E402
from compare.settings import DEFAULT_SETTINGS, GroupSettings  # noqa: E402

SHARED = ROOT / ".." / "shared"
FNC = SHARED / "corpora" / "fnc-1-train"
RESULTS = ROOT / "benchmarks" / "results" / "events_bench.json"


def fnc_gold() -> tuple[dict[int, str], dict[int, int], list[int], list[int]]:
    """FNC-1 bodies, gold event of each body (union-find over related headlines), the two parts."""
    with open(FNC / "train_bodies.csv", newline="", encoding="utf-8") as stream:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(stream)}
    parent = {b: b for b in bodies}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_headline: dict[str, list[int]] = defaultdict(list)
    with open(FNC / "train_stances.csv", newline="", encoding="utf-8") as stream:
        for r in csv.DictReader(stream):
            if r["Stance"] != "unrelated":
                by_headline[r["Headline"]].append(int(r["Body ID"]))
    for related in by_headline.values():
        for body in related[1:]:
            parent[find(body)] = find(related[0])
    gold = {b: find(b) for b in bodies}
    train = [int(x) for x in (FNC / "training_ids.txt").read_text().split()]
    hold = [int(x) for x in (FNC / "hold_out_ids.txt").read_text().split()]
    return bodies, gold, train, hold


def scores(gold: list[object], predicted: list[object]) -> dict[str, float]:
    """ARI and pairwise precision/recall/F1 of a predicted grouping against the gold one."""
    from sklearn.metrics import adjusted_rand_score
    from sklearn.metrics.cluster import pair_confusion_matrix

    (_, fp), (fn, tp) = pair_confusion_matrix(gold, predicted) / 2
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "ari": round(float(adjusted_rand_score(gold, predicted)), 4),
        "pair_precision": round(float(precision), 4),
        "pair_recall": round(float(recall), 4),
        "pair_f1": round(float(f1), 4),
    }


def grouped(articles: list[Article], settings: GroupSettings) -> dict[str, tuple[str, str]]:
    """Event id and topic id of each article id."""
    return {a.id: (e.id, e.topic) for e in group_events(articles, settings) for a in e.articles}


def fnc_part(
    ids: list[int], bodies: dict[int, str], gold: dict[int, int], settings: GroupSettings
) -> dict[str, float]:
    """Scores of one FNC-1 part grouped on its own."""
    articles = [Article(id=f"fnc-{b:05d}", text=bodies[b]) for b in ids]
    found = grouped(articles, settings)
    return scores([gold[b] for b in ids], [found[f"fnc-{b:05d}"][0] for b in ids]) | {
        "bodies": len(ids),
        "gold_events": len({gold[b] for b in ids}),
    }


def calibrate(bodies: dict[int, str], gold: dict[int, int], train: list[int]) -> list[dict[str, float]]:
    """ARI on training_ids over a grid of signal weights and event cuts (training labels only).

    One average-link tree per weighting (scipy), cut at every candidate distance: the same
    clusters ``group_events`` finds (it clusters the same distances per connected component).
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.metrics import adjusted_rand_score

    from compare.group.events import stable_order
    from compare.group.similarity import fit_features, similarity_block

    articles = stable_order(Article(id=f"fnc-{b:05d}", text=bodies[b]) for b in train)
    labels = [gold[int(a.id[4:])] for a in articles]
    everything = np.arange(len(articles))
    rows = []
    for offset, lead, chars, bonus in product((1.0, 0.3), (0.0, 0.5, 1.0), (0.0, 0.25, 0.5), (0.0, 0.02)):
        settings = replace(
            DEFAULT_SETTINGS.group,
            idf_offset=offset,
            weight_lead=lead,
            weight_lead_chars=chars,
            entity_bonus=bonus,
        )
        f = fit_features(articles, settings)
        gaps = 1.0 - similarity_block(f.split, f.entities, f.days, everything, everything, settings, True)
        gaps = np.clip((gaps + gaps.T) / 2.0, 0.0, 1.0).astype(np.float64)
        np.fill_diagonal(gaps, 0.0)
        tree = linkage(squareform(gaps, checks=False), method="average")
        for cut in np.arange(0.7, 0.93, 0.01):
            found = fcluster(tree, t=cut - 1e-9, criterion="distance")
            row = {
                "idf_offset": offset,
                "weight_lead": lead,
                "weight_lead_chars": chars,
                "entity_bonus": bonus,
                "event_distance": round(float(cut), 2),
                "ari": round(float(adjusted_rand_score(labels, found)), 4),
            }
            rows.append(row)
        best = max(rows[-23:], key=lambda r: r["ari"])
        print(json.dumps(best), flush=True)
    return rows


def seeds_result(settings: GroupSettings) -> dict[str, object] | None:
    """Seeds grouped against TRUTH.json: exact events and one topic."""
    truth_path = SHARED / "seeds" / "TRUTH.json"
    if not truth_path.is_file():
        return None
    from compare.ingest import load_many

    truth = json.loads(truth_path.read_text())
    names = sorted(truth["articles"])
    loaded = load_many([str(SHARED / "seeds" / n) for n in names])
    found = {Path(k).name: v for k, v in grouped(list(loaded.articles), settings).items()}
    gold = [truth["articles"][n]["event"] for n in names]
    predicted = [found[n][0] for n in names]
    return scores(gold, predicted) | {
        "exact": scores(gold, predicted)["ari"] == 1.0,
        "topics": len({found[n][1] for n in names}),
    }


def sample_result(settings: GroupSettings) -> dict[str, object] | None:
    """The bundled sample grouped against examples/EXPECTED.json (its "events" lists)."""
    expected_path = ROOT / "examples" / "EXPECTED.json"
    if not expected_path.is_file():
        return None
    from compare.examples_path import example_articles
    from compare.ingest import load_many

    events = json.loads(expected_path.read_text())["events"]
    # "unrelated" lists stories that are each their own event.
    gold_of = {name: key for key, group in events.items() if key != "unrelated" for name in group}
    gold_of |= {name: name for name in events.get("unrelated", [])}
    loaded = load_many([str(p) for p in example_articles()])
    found: dict[str, tuple[str, str]] = {}
    for event in group_events(list(loaded.articles), settings):
        for a in event.articles:
            name = Path(a.path or a.id).name
            found[f"{name}#{a.id}" if name.endswith(".jsonl") else name] = (event.id, event.topic)
    names = sorted(n for n in gold_of if n in found)
    result = scores([gold_of[n] for n in names], [found[n][0] for n in names])
    return result | {"exact": result["ari"] == 1.0, "articles": len(names)}


def resampled(n: int, seed: int = 0) -> list[Article]:
    """``n`` articles made from FNC-1 bodies with a tenth of their words dropped at random."""
    bodies, _, _, _ = fnc_gold()
    rng = random.Random(seed)
    keys = sorted(bodies)
    out = []
    for i in range(n):
        words = bodies[keys[i % len(keys)]].split()
        kept = [w for w in words if rng.random() > 0.1]
        day = 1 + rng.randrange(28)
        out.append(Article(id=f"syn-{i:06d}", text=" ".join(kept), date=f"2015-02-{day:02d}"))
    return out


def scale_run(n: int) -> dict[str, float]:
    """Group ``n`` resampled articles: seconds and peak resident memory of this process."""
    articles = resampled(n)
    group_events(articles[:2])  # import sklearn and scipy before the clock starts
    start, cpu = time.perf_counter(), time.process_time()
    events = group_events(articles)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Wall time depends on what else runs on the machine; CPU time is the figure to compare.
    return {
        "articles": n,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mb": round(peak_mb, 1),
        "events": len(events),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", action="store_true", help="print the grid on training_ids")
    parser.add_argument("--scale", type=int, default=0, help="one timing run of this many articles")
    args = parser.parse_args()
    if args.scale:
        print(json.dumps(scale_run(args.scale)))
        return
    settings = DEFAULT_SETTINGS.group
    out: dict[str, object] = {"settings": settings.__dict__}
    if FNC.is_dir():
        bodies, gold, train, hold = fnc_gold()
        if args.calibrate:
            out["calibration_training_ids"] = calibrate(bodies, gold, train)
        out["fnc1_training_ids"] = fnc_part(train, bodies, gold, settings)
        out["fnc1_hold_out_ids"] = fnc_part(hold, bodies, gold, settings)
    out["seeds"] = seeds_result(settings)
    out["sample"] = sample_result(settings)
    if FNC.is_dir():
        out["scale"] = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--scale", str(n)], check=True, capture_output=True, text=True
                ).stdout
            )
            for n in (1000, 10000)
        ]
    for key, value in out.items():
        if key != "calibration_training_ids":
            print(f"{key}: {json.dumps(value)}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
