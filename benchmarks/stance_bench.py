"""Claim stance on FNC-1: train on the official training bodies, score the hold-out bodies.

Run: python benchmarks/stance_bench.py [--data ../shared/corpora/fnc-1-train]
Prints the FNC score (% of the best possible) and macro-F1 over the four labels, checks that
the exported tree arrays predict exactly what scikit-learn predicts, and writes
benchmarks/results/stance_bench.json. The hold-out split is by body id (never by pair).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare.artefacts import TreeEnsemble  # noqa: E402
from compare.measure.stance import claim as C  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT / ".." / "shared" / "corpora" / "fnc-1-train"))
    args = parser.parse_args()
    from sklearn.metrics import f1_score

    data = Path(args.data)
    claims, bodies, labels, ids = C.read_fnc(data)
    hold = {int(x) for x in (data / "hold_out_ids.txt").read_text().split()}
    tr = [i for i, b in enumerate(ids) if b not in hold]
    te = [i for i, b in enumerate(ids) if b in hold]
    t0 = time.perf_counter()
    model = C.fit_stance(*([seq[i] for i in tr] for seq in (claims, bodies, labels, ids)))
    fit_s = time.perf_counter() - t0
    with_tmp = ROOT / "benchmarks" / "results" / "stance_holdout.tmp.npz"
    model.save(with_tmp)
    reloaded = C.StanceModel.load(with_tmp)
    with_tmp.unlink()
    t1 = time.perf_counter()
    pred = reloaded.predict([claims[i] for i in te], [bodies[i] for i in te])
    per_pair_ms = (time.perf_counter() - t1) / len(te) * 1000
    gold = [labels[i] for i in te]
    result = {
        "data": "fnc-1-train, official body-id split (training_ids / hold_out_ids)",
        "train_pairs": len(tr),
        "holdout_pairs": len(te),
        "fnc_score_pct": round(100 * C.fnc_score(gold, pred), 2),
        "macro_f1": round(float(f1_score(gold, pred, labels=list(C.LABELS), average="macro")), 4),
        "f1_per_label": dict(zip(C.LABELS, [round(float(f), 4) for f in
                             f1_score(gold, pred, labels=list(C.LABELS), average=None)], strict=True)),
        "all_unrelated_fnc_score_pct": round(100 * C.fnc_score(gold, ["unrelated"] * len(gold)), 2),
        "fit_seconds": round(fit_s, 1),
        "predict_ms_per_pair": round(per_pair_ms, 3),
        "exported_arrays": type(reloaded.trees) is TreeEnsemble,
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "benchmarks" / "results" / "stance_bench.json"
    out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
