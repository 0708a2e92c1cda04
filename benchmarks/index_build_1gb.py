"""Peak memory of `compare index build` on a 1 GB JSONL of originals, as a user runs it.

The file is the scan benchmark's originals (``scan_bench.py``'s generator, ``--size`` of them,
seed 2 by default) followed by copies of them with the words of each paragraph shuffled (new
ids; a shuffled copy shares the original's vocabulary but few of its shingles, so the index
grows as it would with more stories) until the file reaches ``--target-mib`` MiB (1 GiB by default).
Then

    compare index build originals.jsonl --db feed.sqlite

runs with its defaults, and its wall time, CPU time (all its processes) and peak memory of all
its processes together (RSS, and PSS counting shared memory once) are written to
``results/index_build_1gb.json``.

    python benchmarks/index_build_1gb.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan_bench import corpus, run_command  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "index_build_1gb.json"


def shuffled_copy(record: dict[str, Any], number: int, rng: random.Random) -> dict[str, Any]:
    """The record under a new id with the words of each of its paragraphs shuffled."""
    paragraphs = []
    for paragraph in record["text"].split("\n\n"):
        words = paragraph.split()
        rng.shuffle(words)
        paragraphs.append(" ".join(words))
    return {**record, "id": f"{record['id']}-shuffled-{number}", "text": "\n\n".join(paragraphs)}


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as stream:
        yield from stream


def write_feed(originals: Path, target: Path, target_bytes: int, seed: int) -> dict[str, int]:
    """``originals`` then shuffled copies of its records, round after round, until ``target``
    holds ``target_bytes``; streamed, a line at a time."""
    rng = random.Random(seed)
    written = records = 0
    with target.open("w", encoding="utf-8") as out:
        for line in _lines(originals):
            written += out.write(line)
            records += 1
        rounds = 0
        while written < target_bytes:
            rounds += 1
            for line in _lines(originals):
                if written >= target_bytes:
                    break
                copy = json.dumps(shuffled_copy(json.loads(line), rounds, rng), ensure_ascii=False) + "\n"
                written += out.write(copy)
                records += 1
    return {"records": records, "bytes": target.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="Originals of the generated corpus.")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--target-mib", type=float, default=1024.0, help="Size of the JSONL file in MiB.")
    parser.add_argument("--corpus-dir", type=Path, default=Path("/tmp/compare-scan-bench"))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    source = args.corpus_dir / f"{args.size}-seed{args.seed}"
    corpus(source, args.size, args.seed)
    folder = args.corpus_dir / f"1gb-{args.size}-seed{args.seed}"
    folder.mkdir(parents=True, exist_ok=True)
    feed = write_feed(source / "originals.jsonl", folder / "originals.jsonl", round(args.target_mib * 2**20), args.seed)
    print(f"feed: {json.dumps(feed)}", flush=True)
    (folder / "feed.sqlite").unlink(missing_ok=True)
    executable = shutil.which("compare")
    if executable is None:
        raise SystemExit("the `compare` command is not installed: pip install -e . first")
    build = run_command([executable, "index", "build", "originals.jsonl", "--db", "feed.sqlite"], folder)
    report = {
        "command": " ".join(["python", "benchmarks/index_build_1gb.py", *sys.argv[1:]]),
        "cores": os.cpu_count(),
        "file_mib": round(feed["bytes"] / 2**20, 1),
        "records": feed["records"],
        "index_build": build,
        "index_file_mib": round((folder / "feed.sqlite").stat().st_size / 2**20, 1),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
