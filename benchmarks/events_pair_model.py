"""Experiment (not shipped): a learned same-event probability instead of the hand-weighted mix.

A logistic regression on pair signals (the three cosines of ``fit_features``, the shared-neighbour
cosine, optionally each pair's similarity relative to each article's nearest), fitted on the
candidate pairs (direct similarity above ``direct_floor``) of some training events and applied to
other events, then average link at every probability cut. Scored on the same parts of whole
FNC-1 training events as ``events_bench.py --calibrate`` (halves, two thirds, one third; the
model is always fitted on the complement) and on all training bodies (model fitted on them),
the cut chosen as there (best mean over the four, among cuts exact on the seeds and the sample).
Writes benchmarks/results/events_pair_model.json. Result: with the same four signals the learned
weights score below the hand mix (their probability scale moves with the folder size: a bigger
folder has more cross-event candidate pairs per same-event pair); relative signals score higher
on FNC-1 but merge the seeds' events at every cut, and with a floor under the nearest's
similarity they keep the seeds apart only at cuts where they score below the hand mix.

Usage::

    python benchmarks/events_pair_model.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import events_bench as bench  # noqa: E402

from compare.group.events import stable_order  # noqa: E402
from compare.group.similarity import _tfidf, char_grams, day_gaps, fit_features, lead  # noqa: E402
from compare.model import Article  # noqa: E402
from compare.settings import DEFAULT_SETTINGS, GroupSettings  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "events_pair_model.json"
CUTS = [round(0.1 + 0.01 * i, 2) for i in range(85)]
RELATIVE = ("text", "lead_words", "lead_chars", "shared", "rel_min", "rel_max")
# Name: (signals, class weighting, floor of the nearest's similarity in the relative signals).
VARIANTS: dict[str, tuple[tuple[str, ...], str | None, float]] = {
    "cosines_and_shared_neighbours": (("text", "lead_words", "lead_chars", "shared"), None, 0.0),
    "same_balanced": (("text", "lead_words", "lead_chars", "shared"), "balanced", 0.0),
    "with_relative_similarity": (RELATIVE, None, 0.0),
    # A floor keeps a folder of one topic, where even the nearest is far, from saturating them.
    "with_relative_similarity_floor_0.35": (RELATIVE, None, 0.35),
    "with_relative_similarity_floor_0.5": (RELATIVE, None, 0.5),
}


def pair_signals(
    articles: list[Article], settings: GroupSettings, floor: float
) -> tuple[dict[str, Any], Any]:
    """Dense n x n signals of a small folder, and the candidate mask (direct > floor, in the date window)."""
    full = [f"{a.title or ''}\n{a.text}" for a in articles]
    leads = [lead(a, settings.lead_words) for a in articles]
    blocks = (
        _tfidf(full, settings.idf_offset, stop_words="english")[0],
        _tfidf(leads, settings.idf_offset, stop_words="english")[0],
        _tfidf(leads, settings.idf_offset, analyzer=char_grams)[0],
    )
    cosines = [np.clip((m @ m.T).toarray(), 0.0, 1.0) for m in blocks]
    weights = np.array([settings.weight_text, settings.weight_lead, settings.weight_lead_chars])
    direct = sum(w * c for w, c in zip(weights / weights.sum(), cosines, strict=True))
    days = fit_features(articles, settings).days
    direct[day_gaps(days, np.arange(len(articles)), slice(None)) > settings.event_days] = 0.0
    np.fill_diagonal(direct, 1.0)
    k = min(settings.neighbours + 1, len(articles))
    profile = np.zeros_like(direct)
    near = np.argsort(-direct, axis=1, kind="stable")[:, :k]
    values = np.take_along_axis(direct, near, axis=1)
    np.put_along_axis(profile, near, np.where(values > settings.neighbour_floor, values, 0.0), axis=1)
    profile /= np.linalg.norm(profile, axis=1, keepdims=True)
    np.fill_diagonal(direct, 0.0)
    top = np.maximum(direct.max(axis=1), max(floor, 1e-6))
    relative = direct / top[:, None]
    signals = dict(zip(("text", "lead_words", "lead_chars"), cosines, strict=True))
    signals |= {
        "shared": profile @ profile.T,
        "rel_min": np.minimum(relative, relative.T),
        "rel_max": np.maximum(relative, relative.T),
    }
    candidates = direct > settings.direct_floor
    return signals, candidates | candidates.T


def folder(ids: list[int], bodies: dict[int, str]) -> list[Article]:
    """FNC-1 bodies as articles, in the stable order."""
    return stable_order(Article(id=f"fnc-{b:05d}", text=bodies[b]) for b in ids)


def pairs(articles: list[Article], variant: str, settings: GroupSettings) -> tuple[Any, Any, Any]:
    """Upper-triangle candidate pairs (rows, cols) and the variant's signals."""
    names, _, floor = VARIANTS[variant]
    signals, candidates = pair_signals(articles, settings, floor)
    rows, cols = np.nonzero(np.triu(candidates, 1))
    return rows, cols, np.column_stack([signals[n][rows, cols] for n in names])


def fit(ids: list[int], bodies: dict[int, str], gold: dict[int, int], variant: str) -> Any:
    """The variant's logistic regression fitted on the candidate pairs of the bodies ``ids``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    weighting = VARIANTS[variant][1]
    articles = folder(ids, bodies)
    labels = np.array([gold[int(a.id[4:])] for a in articles])
    rows, cols, x = pairs(articles, variant, DEFAULT_SETTINGS.group)
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000, class_weight=weighting))
    return model.fit(x, labels[rows] == labels[cols])


def curve(articles: list[Article], labels: list[object], model: Any, variant: str) -> list[float]:
    """ARI of average link over the model's probabilities (absent pairs zero) at every cut."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.metrics import adjusted_rand_score

    rows, cols, x = pairs(articles, variant, DEFAULT_SETTINGS.group)
    chance = np.zeros((len(articles), len(articles)))
    chance[rows, cols] = model.predict_proba(x)[:, 1]
    gaps = 1.0 - (chance + chance.T)
    np.fill_diagonal(gaps, 0.0)
    tree = linkage(squareform(gaps, checks=False), method="average")
    return [float(adjusted_rand_score(labels, fcluster(tree, t=c, criterion="distance"))) for c in CUTS]


def small_sets_exact(model: Any, variant: str) -> list[float]:
    """Cuts at which the seeds and the sample are grouped exactly by ``model``."""
    sets = []
    truth_path = bench.SHARED / "seeds" / "TRUTH.json"
    if truth_path.is_file():
        truth = json.loads(truth_path.read_text())
        seeds = stable_order(
            bench._loaded(tuple(bench.SHARED / "seeds" / n for n in sorted(truth["articles"])))
        )
        sets.append((seeds, [truth["articles"][Path(a.path or a.id).name]["event"] for a in seeds]))
    from compare.examples_path import example_articles

    events = json.loads((ROOT / "tests" / "fixtures" / "examples_expected.json").read_text())["events"]
    gold_of = {name: key for key, group in events.items() if key != "unrelated" for name in group}
    gold_of |= {name: name for name in events.get("unrelated", [])}
    sample = stable_order(bench._loaded(tuple(example_articles())))

    def name(a: Article) -> str:
        base = Path(a.path or a.id).name
        return f"{base}#{a.id}" if base.endswith(".jsonl") else base

    sets.append((sample, [gold_of[name(a)] for a in sample]))
    curves = [curve(articles, labels, model, variant) for articles, labels in sets]
    return [c for i, c in enumerate(CUTS) if all(v[i] > 0.9999 for v in curves)]


def main() -> None:
    bodies, gold, train, hold = bench.fnc_gold()
    parts = bench.event_parts(train, gold)
    out: dict[str, Any] = {}
    for variant in VARIANTS:
        means = {}
        for kind, ps in parts.items():
            runs = []
            for p in ps:
                chosen = set(p)
                other = [b for b in train if b not in chosen]
                articles = folder(p, bodies)
                runs.append(
                    curve(
                        articles,
                        [gold[int(a.id[4:])] for a in articles],
                        fit(other, bodies, gold, variant),
                        variant,
                    )
                )
            means[kind] = np.mean(runs, axis=0)
        model = fit(train, bodies, gold, variant)
        articles = folder(train, bodies)
        trained = curve(articles, [gold[int(a.id[4:])] for a in articles], model, variant)
        exact = small_sets_exact(model, variant)
        unseen = np.mean(list(means.values()), axis=0)
        sizes = (np.sum(list(means.values()), axis=0) + np.asarray(trained)) / (len(means) + 1)
        allowed = [i for i, c in enumerate(CUTS) if c in exact] or list(range(len(CUTS)))
        best = max(allowed, key=lambda i: sizes[i])
        out[variant] = {
            "signals": list(VARIANTS[variant][0]),
            "class_weight": VARIANTS[variant][1],
            "relative_floor": VARIANTS[variant][2],
            "seeds_and_sample_exact_cuts": [exact[0], exact[-1]] if exact else None,
            "event_distance": CUTS[best],
            "four_sizes_ari_at_cut": round(float(sizes[best]), 4),
            "unseen_parts_ari_at_cut": round(float(unseen[best]), 4),
            **{f"{kind}_ari_at_cut": round(float(m[best]), 4) for kind, m in means.items()},
            "training_ari_at_cut": round(trained[best], 4),
            "best_four_sizes_ari_any_cut": round(float(sizes.max()), 4),
        }
        print(variant, json.dumps(out[variant]), flush=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
