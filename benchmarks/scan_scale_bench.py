"""The copy scan at growing sizes through the CLI defaults, and its cost projected to a larger feed.

For each size, ``scan_bench.py``'s corpus (generated once per size and seed, kept in
``--corpus-dir``) is indexed and scanned with the installed commands and their defaults:

    compare index build originals.jsonl --db feed.sqlite
    compare scan pages.jsonl --index feed.sqlite -o out

and each command's CPU seconds (every process of it), wall time, load average and peak memory of
all its processes together (RSS, and PSS, which counts memory they share once) are recorded, with
precision and recall. A size already measured by ``scan_bench.py`` can be given as its result
file instead (``--measured``).

The projection to ``--project`` originals and as many pages fits each command's CPU seconds and
peak memory over the measured sizes twice: a power law ``a * n ** b`` (least squares on the
logarithms: a cost growing faster than the feed shows as b > 1) and a straight line ``a + b * n``
(a fixed part plus a cost per original, which a power law through a fixed part underestimates).
The larger of the two is the projection. The wall time on two free cores is at least the CPU
seconds / 2 (both cores busy throughout), what the projection states beside the 30 minutes aimed
for; peak memory is set beside 12 GB.

    python benchmarks/scan_scale_bench.py --sizes 20000 300000 --project 1000000
    python benchmarks/scan_scale_bench.py --measured results/scan_bench_300k.json --sizes 20000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan_bench import corpus, run_compare  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "scan_scale.json"
COMMANDS = ("index_build", "scan")
FIGURES = ("cpu_seconds", "peak_pss_mb_all_processes", "peak_mb_all_processes")
CORES = 2
AIMED_MINUTES, AIMED_GB = 30, 12


def measure(size: int, seed: int, corpus_dir: Path) -> dict[str, Any]:
    """Index build and scan of the corpus of ``size`` originals and pages, through the CLI."""
    folder = corpus_dir / f"{size}-seed{seed}"
    found = corpus(folder, size, seed)
    return {"size": size, "corpus": found, "compare": run_compare(folder)}


def measured_file(path: Path) -> dict[str, Any]:
    """A size measured earlier by ``scan_bench.py`` (its result file)."""
    report = json.loads(path.read_text())
    return {"size": report["size"], "from": str(path), "corpus": report["corpus"], "compare": report["compare"]}


def projections(sizes: list[int], values: list[float], target: int) -> dict[str, float]:
    """``values`` at ``sizes`` projected to ``target``: by a power law, by a line, and the larger."""
    n, y = np.array(sizes, dtype=float), np.array(values, dtype=float)
    exponent, scale = np.polyfit(np.log(n), np.log(y), 1)
    slope, intercept = np.polyfit(n, y, 1)
    power = float(np.exp(scale) * target**exponent)
    line = float(intercept + slope * target)
    return {
        "power_law": round(power, 1),
        "exponent": round(float(exponent), 3),
        "line": round(line, 1),
        "per_original": round(float(slope), 6),
        "projected": round(max(power, line), 1),
    }


def project(points: list[dict[str, Any]], target: int) -> dict[str, Any]:
    """Each command's figures projected to ``target`` originals, against the aims."""
    sizes = [p["size"] for p in points]
    out: dict[str, Any] = {"originals": target, "pages": target, "from_sizes": sizes}
    for command in COMMANDS:
        runs = [p["compare"][command] for p in points]
        out[command] = {f: projections(sizes, [r[f] for r in runs], target) for f in FIGURES if all(f in r for r in runs)}
    cpu = sum(out[c]["cpu_seconds"]["projected"] for c in COMMANDS)
    # PSS where every size has it (memory the processes share counted once), RSS otherwise.
    peak = max(out[c].get(FIGURES[1], out[c][FIGURES[2]])["projected"] for c in COMMANDS)
    out["minutes_on_two_free_cores_at_least"] = round(cpu / CORES / 60, 1)
    out["peak_gb"] = round(peak / 1024, 2)
    out["within_aims"] = cpu / CORES / 60 <= AIMED_MINUTES and peak / 1024 <= AIMED_GB
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[], help="Sizes to measure here.")
    parser.add_argument("--measured", type=Path, nargs="*", default=[], help="scan_bench.py result files.")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--project", type=int, default=1_000_000, help="Originals (and pages) to project to.")
    parser.add_argument("--corpus-dir", type=Path, default=Path("/tmp/compare-scan-bench"))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    points = [measured_file(path) for path in args.measured]
    for size in args.sizes:
        points.append(measure(size, args.seed, args.corpus_dir))
        print(f"{size}: {json.dumps(points[-1]['compare'])}", flush=True)
    points.sort(key=lambda p: p["size"])
    if len({p["size"] for p in points}) < 2:
        raise SystemExit("a projection needs at least two sizes (--sizes, --measured)")
    report = {
        "command": " ".join(["python", "benchmarks/scan_scale_bench.py", *sys.argv[1:]]),
        "cores": os.cpu_count(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "measured": points,
        "projection": project(points, args.project),
    }
    print(f"projection: {json.dumps(report['projection'])}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
