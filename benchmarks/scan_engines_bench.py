"""The scan on the local engine and on Dask, as a user runs them: time, memory, identical rows.

On the scan benchmark's generated feed and crawl (``scan_corpus.py``, one seed), the index is
built once (``compare index build``), then each engine scans the crawl through the installed
command with its defaults, in turn, ``--repeats`` times:

    compare scan pages.jsonl --index feed.sqlite -o out-local --engine local --pages 0
    compare scan pages.jsonl --index feed.sqlite -o out-dask --engine dask --pages 0

(a LocalCluster of a worker process per core, the index shipped to it in shards). Each run's
wall and CPU time, and its peak memory over every process of the command: resident (RSS, which
counts a page shared by several processes once per process) and proportional (PSS, which shares
it among them). The Dask overhead is the ratio of the engines' median wall times; the rows of
matches.csv must be byte-identical. The load average before and after each run is recorded:
the machine may be shared.

    python benchmarks/scan_engines_bench.py --size 20000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan_corpus import write_corpus  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "scan_engines.json"


def tree_memory(pid: int) -> tuple[int, int]:
    """Resident and proportional bytes of a process and all its descendants ((0, 0) once gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    rss = pss = 0
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss, pss


def run(args: list[str], cwd: Path) -> dict[str, Any]:
    """One command: wall and CPU seconds, peak RSS and PSS of its process tree, load averages."""
    load_before = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            rss, pss = tree_memory(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    sampler.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}):\n{stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_mb": round(peak[0] / 2**20),
        "peak_pss_mb": round(peak[1] / 2**20),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "summary": stdout.strip().splitlines()[-1] if stdout.strip() else "",
    }


def prepare(folder: Path, size: int, seed: int) -> dict[str, Any]:
    """The corpus and its index, made once and kept in ``folder``."""
    if not (folder / "truth.json").is_file():
        write_corpus(folder, size, size, seed)
    if not (folder / "feed.sqlite").is_file():
        run(["compare", "index", "build", "originals.jsonl", "--db", "feed.sqlite"], folder)
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
    command = ["compare", "scan", "pages.jsonl", "--index", "feed.sqlite", "-o", out.name, "--pages", "0"]
    return run([*command, "--engine", engine, *extra], folder)


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
    same = (folder / "out-local" / "matches.csv").read_bytes() == (folder / "out-dask" / "matches.csv").read_bytes()
    report["identical_matches_csv"] = same
    print(f"dask/local wall {report['dask_over_local_wall']}, identical rows: {same}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
