"""Event grouping benchmark: quality on labelled sets, time and memory at 1k and 10k articles.

Quality: adjusted Rand index and pairwise precision/recall (pairs of articles put in one event)
on FNC-1 (gold events = connected components of bodies related to one headline), the seeds
(TRUTH.json), the bundled sample (tests/fixtures/examples_expected.json) and, in Urdu, the
398 counter-dev documents read from their XML files (gold events = the 199 agency/newspaper pairs;
several pairs tell one story, so pair precision understates; topics are counted). FNC-1 settings are calibrated on
``training_ids`` only, on parts of whole training events grouped on their own (unseen claims, as
in a test set, at three folder sizes) and all training bodies; ``hold_out_ids`` and all bodies
are reported, never used to choose.

Usage::

    python benchmarks/events_bench.py            # everything, writes benchmarks/results/events_bench.json
    python benchmarks/events_bench.py --calibrate  # also the grid on training_ids (events_calibration.jsonl)
    python benchmarks/events_bench.py --scale 10000  # one timing run (used in a child process)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import replace
from functools import cache
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare.group import group_events  # noqa: E402
from compare.model import Article  # noqa: E402
from compare.settings import DEFAULT_SETTINGS, GroupSettings  # noqa: E402

SHARED = ROOT / ".." / "shared"
FNC = SHARED / "corpora" / "fnc-1-train"
COUNTER = SHARED / "corpora" / "counter-dev" / "COUNTER"
RESULTS = ROOT / "benchmarks" / "results" / "events_bench.json"
CALIBRATION = ROOT / "benchmarks" / "results" / "events_calibration.jsonl"


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


def fnc_all(bodies: dict[int, str], gold: dict[int, int], settings: GroupSettings) -> dict[str, float]:
    """All 1,683 bodies grouped at once, scored on all of them."""
    return fnc_part(sorted(bodies), bodies, gold, settings)


def fnc_transductive(
    bodies: dict[int, str], gold: dict[int, int], hold: list[int], settings: GroupSettings
) -> dict[str, float]:
    """All 1,683 bodies grouped at once (unsupervised), scored on the hold-out bodies only."""
    articles = [Article(id=f"fnc-{b:05d}", text=bodies[b]) for b in sorted(bodies)]
    found = grouped(articles, settings)
    return scores([gold[b] for b in hold], [found[f"fnc-{b:05d}"][0] for b in hold])


def plain_baseline(
    bodies: dict[int, str], gold: dict[int, int], train: list[int], hold: list[int]
) -> dict[str, object]:
    """The issue's reference: sublinear word TF-IDF of the bodies, cosine, average link.

    The cut is the best on training_ids (each part fitted and grouped on its own); hold-out, all
    bodies and the event folds of the training ids (``event_folds``) are scored at that cut, and
    the folds also with the cut chosen on the other half (grouped cross-validation). The parts of
    whole training events (``event_parts``) are also scored at the cut that ``calibrate`` would
    choose for it (best mean over the four folder sizes; the seeds do not bound it).
    """
    import numpy as np

    def curve(ids: list[int]) -> list[float]:
        return _tfidf_curve(ids, bodies, gold)

    trained = curve(train)
    best = int(np.argmax(trained))
    folds = [curve(f) for f in event_folds(train, gold)]
    cv = [fold[int(np.argmax(folds[i ^ 1]))] for i, fold in enumerate(folds)]
    means = {name: np.mean([curve(p) for p in ps], axis=0) for name, ps in event_parts(train, gold).items()}
    unseen = int(np.argmax((np.sum(list(means.values()), axis=0) + np.asarray(trained)) / (len(means) + 1)))
    return {
        "event_distance": CUTS[best],
        "training_ids_ari": round(trained[best], 4),
        "hold_out_ids_ari": round(curve(hold)[best], 4),
        "all_bodies_ari": round(curve(sorted(bodies))[best], 4),
        "event_folds_ari_at_cut": round(float(np.mean([f[best] for f in folds])), 4),
        "event_folds_cv_ari": round(float(np.mean(cv)), 4),
        "four_sizes_event_distance": CUTS[unseen],
        **{f"{name}_ari_at_four_sizes_cut": round(float(m[unseen]), 4) for name, m in means.items()},
        "training_ids_ari_at_four_sizes_cut": round(trained[unseen], 4),
    }


def fnc_event_folds(
    bodies: dict[int, str], gold: dict[int, int], train: list[int], settings: GroupSettings
) -> dict[str, dict[str, float]]:
    """Mean scores of ``group_events`` on parts of the training events, each grouped on its own.

    The parts hold whole events, as a test set of other claims would: halves (about 670 bodies),
    two thirds (about 900, the size of the FNC-1 competition test set) and one third (about 450).
    The settings are fixed, so this shows how the cut carries to unseen events and other sizes.
    """
    out = {}
    for name, parts in event_parts(train, gold).items():
        runs = [fnc_part(ids, bodies, gold, settings) for ids in parts]
        out[name] = {
            key: round(sum(r[key] for r in runs) / len(runs), 4)
            for key in ("ari", "pair_precision", "pair_recall")
        }
    return out


def event_folds(train: list[int], gold: dict[int, int], repeats: int = 3) -> list[list[int]]:
    """Training bodies split in two by gold event, ``repeats`` times: unseen events, as in a test set."""
    events = sorted({gold[b] for b in train})
    folds = []
    for seed in range(repeats):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        half = set(shuffled[: len(shuffled) // 2])
        folds.append(sorted(b for b in train if gold[b] in half))
        folds.append(sorted(b for b in train if gold[b] not in half))
    return folds


def event_parts(train: list[int], gold: dict[int, int], repeats: int = 2) -> dict[str, list[list[int]]]:
    """Training bodies in parts of whole events: halves (``event_folds``), two thirds and one third.

    The thirds are drawn ``repeats`` times (seeds 100 on, apart from the halves' seeds); each
    third and its complement make one "one_third" and one "two_thirds" part.
    """
    events = sorted({gold[b] for b in train})
    small, large = [], []
    for seed in range(repeats):
        shuffled = events[:]
        random.Random(100 + seed).shuffle(shuffled)
        for third in (set(shuffled[i::3]) for i in range(3)):
            small.append(sorted(b for b in train if gold[b] in third))
            large.append(sorted(b for b in train if gold[b] not in third))
    return {"halves": event_folds(train, gold), "two_thirds": large, "one_third": small}


CUTS = [round(0.6 + 0.01 * i, 2) for i in range(38)]


def ari_curve(
    ids: list[int], bodies: dict[int, str], gold: dict[int, int], settings: GroupSettings
) -> list[float]:
    """ARI of the bodies ``ids`` grouped on their own at every cut in CUTS.

    One average-link tree (scipy) over the same sparse event graph ``group_events`` clusters
    (absent pairs are similarity zero), cut at each distance, lone articles joined as
    ``group_events`` joins them: the clusters ``group_events`` finds.
    """
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.metrics import adjusted_rand_score

    from compare.group.events import stable_order
    from compare.group.similarity import event_graph, fit_features, join_lone_articles

    articles = stable_order(Article(id=f"fnc-{b:05d}", text=bodies[b]) for b in ids)
    labels = [gold[int(a.id[4:])] for a in articles]
    graph = event_graph(fit_features(articles, settings), settings)
    gaps = 1.0 - graph.toarray().astype(np.float64)
    np.fill_diagonal(gaps, 0.0)
    tree = linkage(squareform(gaps, checks=False), method="average")

    def found(cut: float) -> list[int]:
        cut_labels = fcluster(tree, t=cut, criterion="distance")
        clusters = [list(np.flatnonzero(cut_labels == k)) for k in np.unique(cut_labels)]
        predicted = [0] * len(articles)
        for k, members in enumerate(join_lone_articles(graph, clusters, settings)):
            for i in members:
                predicted[i] = k
        return predicted

    return [round(float(adjusted_rand_score(labels, found(c))), 4) for c in CUTS]


GRID = {
    "neighbours": (7,),
    "neighbour_floor": (0.2,),
    "shared_neighbour_weight": (0.2, 0.3, 0.4, 0.5),
}


def calibrate(
    bodies: dict[int, str], gold: dict[int, int], train: list[int], hold: list[int]
) -> list[dict[str, object]]:
    """Grid over the shared-neighbour settings and the event cut, scored on training_ids only.

    Per setting, the ARI curve of every part of whole training events grouped on its own
    (``event_parts``: halves, two thirds, one third) and of all training bodies. The cut is the
    best of the mean over the four folder sizes (the three kinds of parts and all training bodies:
    a test folder's size is not known, and a looser cut suits smaller folders) among the cuts that
    group the seeds and the sample exactly. ``event_folds_cv_ari`` chooses each half's cut on the other half, and
    ``two_thirds_cv_ari`` each two-thirds part's cut on the one-third parts, as checks that a cut
    chosen on some events carries to others. The hold-out curve is printed beside, never used.
    """
    import numpy as np

    parts = event_parts(train, gold)
    rows = []
    for values in product(*GRID.values()):
        settings = replace(DEFAULT_SETTINGS.group, **dict(zip(GRID, values, strict=True)))
        curves = {name: [ari_curve(p, bodies, gold, settings) for p in ps] for name, ps in parts.items()}
        means = {name: np.mean(c, axis=0) for name, c in curves.items()}
        curve = ari_curve(train, bodies, gold, settings)
        held = ari_curve(hold, bodies, gold, settings)
        exact = [c for c in CUTS if _seeds_and_sample_exact(replace(settings, event_distance=c))]
        allowed = [i for i, c in enumerate(CUTS) if c in exact] or list(range(len(CUTS)))
        unseen = np.mean(list(means.values()), axis=0)
        sizes = (np.sum(list(means.values()), axis=0) + np.asarray(curve)) / (len(means) + 1)
        best = max(allowed, key=lambda i: sizes[i])
        halves = curves["halves"]
        cv = [fold[max(allowed, key=lambda j: halves[i ^ 1][j])] for i, fold in enumerate(halves)]
        small_cut = max(allowed, key=lambda j: means["one_third"][j])
        row = dict(zip(GRID, values, strict=True)) | {
            "event_distance": CUTS[best],
            "seeds_and_sample_exact_cuts": [exact[0], exact[-1]] if exact else None,
            "four_sizes_ari_at_cut": round(float(sizes[best]), 4),
            "unseen_parts_ari_at_cut": round(float(unseen[best]), 4),
            **{f"{name}_ari_at_cut": round(float(m[best]), 4) for name, m in means.items()},
            "training_ari_at_cut": curve[best],
            "event_folds_cv_ari": round(float(np.mean(cv)), 4),
            "two_thirds_cv_ari": round(float(means["two_thirds"][small_cut]), 4),
            "hold_out_ari_at_cut": held[best],
            "curves": {
                str(c): [round(float(means[n][i]), 4) for n in means] + [curve[i]]
                for i, c in enumerate(CUTS)
                if 0.78 <= c <= 0.92
            },
        }
        print(json.dumps(row), flush=True)
        rows.append(row)
    return rows


def _seeds_and_sample_exact(settings: GroupSettings) -> bool:
    """Whether the seeds and the sample are grouped as labelled with ``settings``."""
    seeds, sample = seeds_result(settings), sample_result(settings)
    return all(r is None or r["exact"] for r in (seeds, sample))


def seeds_result(settings: GroupSettings) -> dict[str, object] | None:
    """Seeds grouped against TRUTH.json: exact events and one topic."""
    truth_path = SHARED / "seeds" / "TRUTH.json"
    if not truth_path.is_file():
        return None

    truth = json.loads(truth_path.read_text())
    names = sorted(truth["articles"])
    found = {
        Path(k).name: v
        for k, v in grouped(_loaded(tuple(SHARED / "seeds" / n for n in names)), settings).items()
    }
    gold = [truth["articles"][n]["event"] for n in names]
    predicted = [found[n][0] for n in names]
    return scores(gold, predicted) | {
        "exact": scores(gold, predicted)["ari"] == 1.0,
        "topics": len({found[n][1] for n in names}),
    }


def sample_result(settings: GroupSettings) -> dict[str, object] | None:
    """The bundled sample grouped against tests/fixtures/examples_expected.json (its "events" lists)."""
    expected_path = ROOT / "tests" / "fixtures" / "examples_expected.json"
    if not expected_path.is_file():
        return None
    from compare.examples_path import example_articles

    events = json.loads(expected_path.read_text())["events"]
    # "unrelated" lists stories that are each their own event.
    gold_of = {name: key for key, group in events.items() if key != "unrelated" for name in group}
    gold_of |= {name: name for name in events.get("unrelated", [])}
    found: dict[str, tuple[str, str]] = {}
    for event in group_events(_loaded(tuple(example_articles())), settings):
        for a in event.articles:
            name = Path(a.path or a.id).name
            found[f"{name}#{a.id}" if name.endswith(".jsonl") else name] = (event.id, event.topic)
    names = sorted(n for n in gold_of if n in found)
    result = scores([gold_of[n] for n in names], [found[n][0] for n in names])
    return result | {"exact": result["ari"] == 1.0, "articles": len(names)}


def counter_result(settings: GroupSettings) -> dict[str, object] | None:
    """counter-dev's documents grouped, against their pairs (``0001.xml`` with ``0001p.xml``)."""
    if not COUNTER.is_dir():
        return None
    articles = _loaded((COUNTER,))
    found = grouped(articles, settings)
    gold = [Path(a.id).stem.rstrip("pP") for a in articles]
    topics: dict[str, set[str]] = defaultdict(set)
    for event, topic in found.values():
        topics[topic].add(event)
    return scores(gold, [found[a.id][0] for a in articles]) | {
        "documents": len(articles),
        "events": len({event for event, _ in found.values()}),
        "topics": len(topics),
        "largest_topic_events": max(len(events) for events in topics.values()),
    }


@cache
def _loaded(paths: tuple[Path, ...]) -> list[Article]:
    """Articles loaded from ``paths`` (once per run: the calibration groups them at every cut)."""
    from compare.ingest import load_many

    return list(load_many([str(p) for p in paths]).articles)


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
        # Other jobs share the machine: the load says how far wall time is from an idle run.
        "load_average_1min": round(os.getloadavg()[0], 1),
    }


PROTOCOL_CUTS = (0.84, 0.86, 0.88)


def heldout_protocol(bodies: dict[int, str], gold: dict[int, int]) -> dict[str, object]:
    """The held-out protocol (benchmarks/heldout.py) on FNC-1 events.

    Gold events whose hash falls in the untouched quarter are never used to choose. The event cut
    is chosen by repeated two-fold cross-validation by event on the rest
    (each half grouped on its own, as unseen claims are), among the settings that group the seeds
    and the sample exactly; so is the plain TF-IDF baseline's cut. Both are then scored on the
    untouched events grouped on their own, and on five random halves of them (the spread).
    """
    import numpy as np
    from heldout import REPEATS, grouped_folds, is_untouched, spread

    dev = sorted(b for b in bodies if not is_untouched(gold[b]))
    held = sorted(b for b in bodies if is_untouched(gold[b]))
    parts = [[dev[i] for i in test] for _, _, test in grouped_folds([gold[b] for b in dev], folds=2)]
    candidates = [replace(DEFAULT_SETTINGS.group, event_distance=cut) for cut in PROTOCOL_CUTS]
    cv = {s.event_distance: [fnc_part(p, bodies, gold, s)["ari"] for p in parts] for s in candidates}
    allowed = [s for s in candidates if _seeds_and_sample_exact(s)]
    chosen = max(allowed, key=lambda s: float(np.mean(cv[s.event_distance])))
    baseline_cv = np.array([_tfidf_curve(p, bodies, gold) for p in parts])
    baseline_cut = CUTS[int(np.argmax(baseline_cv.mean(axis=0)))]
    shipped = DEFAULT_SETTINGS.group
    halves = [[held[i] for i in test] for _, _, test in grouped_folds([gold[b] for b in held], folds=2, repeats=REPEATS)]
    halves = halves[::2]  # one half per repeat
    return {
        "bodies": {"development": len(dev), "untouched": len(held)},
        "cv_ari_by_cut": {str(c): spread(v) for c, v in cv.items()},
        "seeds_and_sample_exact_cuts": [s.event_distance for s in allowed],
        "chosen_event_distance": chosen.event_distance,
        "shipped_event_distance": shipped.event_distance,
        "baseline_cut_chosen_on_development": baseline_cut,
        "baseline_cv_ari": spread(list(baseline_cv.max(axis=1))),
        "untouched": {
            "shipped_ari": fnc_part(held, bodies, gold, shipped)["ari"],
            "baseline_ari": _tfidf_curve(held, bodies, gold)[CUTS.index(baseline_cut)],
            "shipped_ari_halves": spread([fnc_part(h, bodies, gold, shipped)["ari"] for h in halves]),
            "baseline_ari_halves": spread([_tfidf_curve(h, bodies, gold)[CUTS.index(baseline_cut)] for h in halves]),
        },
    }


def _tfidf_curve(ids: list[int], bodies: dict[int, str], gold: dict[int, int]) -> list[float]:
    """The plain baseline (sublinear word TF-IDF, cosine, average link) at every cut in CUTS."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score

    vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([bodies[b] for b in ids])
    gaps = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, 1.0)
    np.fill_diagonal(gaps, 0.0)
    tree = linkage(squareform((gaps + gaps.T) / 2.0, checks=False), method="average")
    labels = [gold[b] for b in ids]
    return [round(float(adjusted_rand_score(labels, fcluster(tree, t=c, criterion="distance"))), 4) for c in CUTS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", action="store_true", help="print the grid on training_ids")
    parser.add_argument("--protocol", action="store_true", help="only the held-out protocol (and seeds, sample)")
    parser.add_argument("--scale", type=int, default=0, help="one timing run of this many articles")
    parser.add_argument(
        "--sizes", default="1000,10000", help="comma-separated sizes of the timing runs ('' for none)"
    )
    args = parser.parse_args()
    if args.scale:
        print(json.dumps(scale_run(args.scale)))
        return
    settings = DEFAULT_SETTINGS.group
    out: dict[str, object] = {"settings": settings.__dict__}
    if FNC.is_dir():
        bodies, gold, train, hold = fnc_gold()
        if args.calibrate:
            out["calibration_training_ids"] = calibrate(bodies, gold, train, hold)
            CALIBRATION.write_text("".join(json.dumps(row) + "\n" for row in out["calibration_training_ids"]))
        out["fnc1_heldout_protocol"] = heldout_protocol(bodies, gold)
        if not args.protocol:
            # Also grouped all together (no labels used): hold-out bodies scored on their own labels.
            out["fnc1_all_bodies_scored_on_hold_out"] = fnc_transductive(bodies, gold, hold, settings)
            out["fnc1_all_bodies"] = fnc_all(bodies, gold, settings)
            out["fnc1_training_ids"] = fnc_part(train, bodies, gold, settings)
            out["fnc1_hold_out_ids"] = fnc_part(hold, bodies, gold, settings)
            out["fnc1_training_event_parts"] = fnc_event_folds(bodies, gold, train, settings)
            out["fnc1_plain_tfidf_baseline"] = plain_baseline(bodies, gold, train, hold)
    out["seeds"] = seeds_result(settings)
    out["sample"] = sample_result(settings)
    out["counter_dev_urdu"] = counter_result(settings)
    sizes = [int(n) for n in args.sizes.split(",") if n]
    if FNC.is_dir() and sizes:
        out["scale"] = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--scale", str(n)], check=True, capture_output=True, text=True
                ).stdout
            )
            for n in sizes
        ]
    for key, value in out.items():
        if key != "calibration_training_ids":
            print(f"{key}: {json.dumps(value)}")
    if "calibration_training_ids" not in out and RESULTS.is_file():
        # A run without --calibrate keeps the last calibration grid on record.
        previous = json.loads(RESULTS.read_text()).get("calibration_training_ids")
        if previous is not None:
            out = {"settings": out["settings"], "calibration_training_ids": previous, **out}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
