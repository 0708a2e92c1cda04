"""The scan on the local engine and on Dask, as a user runs them: time, memory, identical rows.

On the scan benchmark's generated feed and crawl (``scan_corpus.py``, one seed), the index is
built once (``compare index build``), then each engine scans the crawl through the installed
command with its defaults, in turn, ``--repeats`` times:

    compare scan pages.jsonl --index feed.sqlite -o out-local --engine local
    compare scan pages.jsonl --index feed.sqlite -o out-dask --engine dask

(a LocalCluster of a worker process per core, the index shipped to it in shards). Each run's
wall and CPU time, and its peak memory over every process of the command: resident (RSS, which
counts a page shared by several processes once per process) and proportional (PSS, which shares
it among them). The Dask overhead is the ratio of the engines' median wall times; the rows of
matches.csv must be byte-identical. The same ratio of CPU times (every process of the command)
says the same on a loaded machine, where wall times also measure the other work. The load average before and after each run is recorded:
the machine may be shared.

    python benchmarks/scan_engines_bench.py --size 20000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan_bench import run_command  # noqa: E402
from scan_corpus import write_corpus  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "scan_engines.json"


def prepare(folder: Path, size: int, seed: int) -> dict[str, Any]:
    """The corpus and its index, made once and kept in ``folder``."""
    if not (folder / "truth.json").is_file():
        write_corpus(folder, size, size, seed)
    if not (folder / "feed.sqlite").is_file():
        run_command(["compare", "index", "build", "originals.jsonl", "--db", "feed.sqlite"], folder)
    return {
        "folder": str(folder),
        "originals_mb": round((folder / "originals.jsonl").stat().st_size / 2**20, 1),
        "pages_mb": round((folder / "pages.jsonl").stat().st_size / 2**20, 1),
        "index_mb": round((folder / "feed.sqlite").stat().st_size / 2**20, 1),
    }


def scan(folder: Path, engine: str, extra: list[str]) -> dict[str, Any]:
    """``compare scan`` of the crawl on one engine into ``out-ENGINE`` (emptied first)."""
    out = folder / f"out-{engine}"
    shutil.rmtree(out, ignore_errors=True)
    command = ["compare", "scan", "pages.jsonl", "--index", "feed.sqlite", "-o", out.name]
    return run_command([*command, "--engine", engine, *extra], folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--size", type=int, default=20_000, help="Originals, and as many pages.")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=1, help="Scans per engine, alternating.")
    parser.add_argument("--corpus-dir", type=Path, default=Path("/tmp/compare-scan-engines"))
    parser.add_argument("--shard-mb", type=float, default=None, help="--shard-mb of the Dask scans.")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    folder = args.corpus_dir / f"{args.size}-seed{args.seed}"
    report: dict[str, Any] = {
        "command": " ".join(["python", "benchmarks/scan_engines_bench.py", *sys.argv[1:]]),
        "cores": os.cpu_count(),
        "size": args.size,
        "corpus": prepare(folder, args.size, args.seed),
    }
    extra = {"local": [], "dask": [] if args.shard_mb is None else ["--shard-mb", str(args.shard_mb)]}
    runs: dict[str, list[dict[str, Any]]] = {"local": [], "dask": []}
    for _ in range(args.repeats):
        for engine in ("local", "dask"):
            runs[engine].append(scan(folder, engine, extra[engine]))
            print(f"{engine}: {json.dumps(runs[engine][-1])}", flush=True)
    report["runs"] = runs
    wall = {engine: statistics.median(r["wall_seconds"] for r in done) for engine, done in runs.items()}
    report["dask_over_local_wall"] = round(wall["dask"] / wall["local"], 3)
    cpu = {engine: statistics.median(r["cpu_seconds"] for r in done) for engine, done in runs.items()}
    report["dask_over_local_cpu"] = round(cpu["dask"] / cpu["local"], 3)
    same = (folder / "out-local" / "matches.csv").read_bytes() == (folder / "out-dask" / "matches.csv").read_bytes()
    report["identical_matches_csv"] = same
    ratios = f"wall {report['dask_over_local_wall']}, CPU {report['dask_over_local_cpu']}"
    print(f"dask/local {ratios}, identical rows: {same}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
