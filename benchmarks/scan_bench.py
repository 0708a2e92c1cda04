"""Scan benchmark as a user runs it: the installed `compare` commands, defaults, end to end.

On a generated feed and crawl (``scan_corpus.py``: outlet footers, aggregator chrome listing
other originals' headlines, a Zipfian list of ~20k stock phrases, 2% syndicated originals,
digests, 55% unrelated pages; one JSONL file per side), it runs

    compare index build originals.jsonl --db feed.sqlite
    compare scan pages.jsonl --index feed.sqlite -o out

and reports each command's wall time, CPU time and peak memory (every process of the command
together, sampled), the output folder's size, recall by kind of copy and precision over every
row of matches.csv. In the same run, on the same files: datasketch MinHashLSH over word
4-shingles and a plain sparse-matrix join of hashed word 5-shingles (scikit-learn's
HashingVectorizer and a scipy product), timed from reading the JSONL to the candidate pairs.
Their thresholds, and every threshold of `compare` itself, were chosen on another seed
(``--tune-seed``, default 1) than the one reported (``--seed``, default 2).

    python benchmarks/scan_bench.py --size 20000
    python benchmarks/scan_bench.py --size 100000 --skip-baselines
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scan_corpus import write_corpus  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "scan_bench.json"


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


def run_command(args: list[str], cwd: Path) -> dict[str, Any]:
    """Run one command; its wall time, CPU time, peak memory of all its processes together (RSS and
    PSS, which counts memory shared between them once) and the load averages around it."""
    load_before = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            rss, pss = tree_memory(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    sampler.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}):\n{stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "command": " ".join(["compare", *args[1:]]),
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_mb_all_processes": round(peak[0] / 2**20, 1),
        "peak_pss_mb_all_processes": round(peak[1] / 2**20, 1),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "output": stdout.strip().splitlines()[-1:] or [""],
    }


def folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def load_truth(folder: Path) -> tuple[dict[str, set[str]], list[tuple[str, str, str]]]:
    truth = json.loads((folder / "truth.json").read_text())
    return {k: set(v) for k, v in truth["holders"].items()}, [tuple(t) for t in truth["targets"]]


def evaluate_rows(rows: list[dict[str, str]], folder: Path) -> dict[str, Any]:
    """Recall by kind (a target is found when a row of its page names it, as source or syndicated
    copy) and precision over every row (a row is right when its page holds a body paragraph of
    an original the row names)."""
    holders, targets = load_truth(folder)
    named: dict[str, set[str]] = {}
    wrong: list[dict[str, str]] = []
    for row in rows:
        group = {row["original_id"], row.get("compared_with", ""), *row.get("syndicated_copies", "").split("; ")}
        group.discard("")
        named.setdefault(row["page_id"], set()).update(group)
        if not group & holders.get(row["page_id"], set()):
            wrong.append(row)
    return {
        "rows": len(rows),
        "precision": round(1 - len(wrong) / max(len(rows), 1), 4),
        "wrong_rows": len(wrong),
        **_recall(named, targets),
        "wrong_examples": [
            {k: r.get(k, "") for k in ("page_id", "original_id", "copied_words", "discounted_words", "reason")}
            for r in wrong[:5]
        ],
    }


def _recall(named: dict[str, set[str]], targets: list[tuple[str, str, str]]) -> dict[str, Any]:
    by_kind: dict[str, list[int]] = {}
    for page, original, kind in targets:
        hits = by_kind.setdefault(kind, [0, 0])
        hits[0] += original in named.get(page, set())
        hits[1] += 1
    return {
        "recall_by_kind": {k: round(v[0] / max(v[1], 1), 4) for k, v in sorted(by_kind.items())},
        "targets_by_kind": {k: v[1] for k, v in sorted(by_kind.items())},
    }


def syndicated(folder: Path) -> dict[str, str]:
    """Each original that carries an earlier one's whole body (a syndicated copy), with that original.

    Read off the files: every paragraph of the earlier one's body is in the later one.
    """
    records = _records(folder / "originals.jsonl")
    holders: dict[str, list[str]] = {}
    for record in records:
        for paragraph in record["text"].split("\n\n")[1:]:
            holders.setdefault(paragraph, []).append(record["id"])
    found: dict[str, str] = {}
    for record in records:
        # Its paragraphs but the headline and a footer (a paragraph under many stories).
        body = [p for p in record["text"].split("\n\n")[1:] if len(holders[p]) < 5]
        sharing = set.intersection(*(set(holders[p]) for p in body)) if body else set()
        for other in sorted(sharing - {record["id"]}):
            found.setdefault(other, record["id"])
    return found


def evaluate_syndication(rows: list[dict[str, str]], folder: Path) -> dict[str, Any]:
    """Of the rows naming a syndicated copy or its source, the share that name the source as the
    row's original and the copy among its syndicated copies."""
    copies = syndicated(folder)
    right = total = 0
    for row in rows:
        named = {row["original_id"], row.get("compared_with", ""), *row.get("syndicated_copies", "").split("; ")}
        for copy, source in copies.items():
            if copy in named or source in named:
                total += 1
                right += row["original_id"] == source and copy in row.get("syndicated_copies", "").split("; ")
    return {"syndicated_originals": len(copies), "rows_naming_them": total, "named_as_one_group": right}


def evaluate_pairs(pairs: set[tuple[str, str]], folder: Path) -> dict[str, Any]:
    """Recall by kind and precision of (page, original) candidate pairs of a baseline."""
    holders, targets = load_truth(folder)
    named: dict[str, set[str]] = {}
    for page, original in pairs:
        named.setdefault(page, set()).add(original)
    right = sum(original in holders.get(page, set()) for page, original in pairs)
    return {"pairs": len(pairs), "precision": round(right / max(len(pairs), 1), 4), **_recall(named, targets)}


def _f1(result: dict[str, Any]) -> float:
    recalls = list(result["recall_by_kind"].values())
    recall = sum(recalls) / max(len(recalls), 1)
    precision = float(result["precision"])
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _records(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def minhash_pairs(folder: Path, threshold: float, num_perm: int = 128) -> tuple[set[tuple[str, str]], float]:
    """datasketch MinHashLSH over word 4-shingles: the candidate pairs and the seconds they took."""
    from datasketch import MinHash, MinHashLSH

    start = time.perf_counter()

    def sketch(text: str) -> MinHash:
        words = text.lower().split()
        grams = {" ".join(words[i : i + 4]).encode() for i in range(max(len(words) - 3, 1))}
        signature = MinHash(num_perm=num_perm)
        signature.update_batch(list(grams))
        return signature

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for record in _records(folder / "originals.jsonl"):
        lsh.insert(record["id"], sketch(record["text"]))
    pairs = {(r["id"], hit) for r in _records(folder / "pages.jsonl") for hit in lsh.query(sketch(r["text"]))}
    return pairs, time.perf_counter() - start


def sparse_join_pairs(folder: Path, min_shared: int) -> tuple[set[tuple[str, str]], float]:
    """Hashed word 5-shingles of both sides as binary sparse matrices; pairs sharing ``min_shared``."""
    from sklearn.feature_extraction.text import HashingVectorizer

    start = time.perf_counter()
    vectorizer = HashingVectorizer(
        analyzer="word", ngram_range=(5, 5), n_features=2**24, binary=True, norm=None, alternate_sign=False
    )
    originals, pages = _records(folder / "originals.jsonl"), _records(folder / "pages.jsonl")
    o = vectorizer.transform(r["text"] for r in originals).tocsr()
    p = vectorizer.transform(r["text"] for r in pages).tocsr()
    shared = (p @ o.T).tocoo()
    keep = shared.data >= min_shared
    pairs = {
        (pages[i]["id"], originals[j]["id"])
        for i, j in zip(shared.row[keep].tolist(), shared.col[keep].tolist(), strict=True)
    }
    return pairs, time.perf_counter() - start


def corpus(folder: Path, size: int, seed: int) -> dict[str, Any]:
    """The corpus of ``size`` originals and pages of one seed, generated once and kept in ``folder``."""
    if not (folder / "truth.json").is_file():
        start = time.perf_counter()
        write_corpus(folder, size, size, seed)
        (folder / "generated.json").write_text(json.dumps({"seconds": round(time.perf_counter() - start, 1)}))
    return {
        "folder": str(folder),
        "originals_mb": round((folder / "originals.jsonl").stat().st_size / 2**20, 1),
        "pages_mb": round((folder / "pages.jsonl").stat().st_size / 2**20, 1),
    }


def tune_baselines(folder: Path) -> dict[str, Any]:
    """The MinHashLSH threshold and sparse-join minimum with the best F1 on the tuning corpus."""
    minhash = {t: evaluate_pairs(minhash_pairs(folder, t)[0], folder) for t in (0.05, 0.1, 0.2, 0.3, 0.5)}
    sparse = {k: evaluate_pairs(sparse_join_pairs(folder, k)[0], folder) for k in (1, 2, 3, 5, 8, 12)}
    return {
        "minhash_threshold": max(minhash, key=lambda t: _f1(minhash[t])),
        "sparse_min_shared": max(sparse, key=lambda k: _f1(sparse[k])),
        "minhash": {str(k): v for k, v in minhash.items()},
        "sparse": {str(k): v for k, v in sparse.items()},
    }


def run_compare(folder: Path) -> dict[str, Any]:
    """The two commands a user runs, with their defaults, and what their outputs hold."""
    executable = shutil.which("compare")
    if executable is None:
        raise SystemExit("the `compare` command is not installed: pip install -e . first")
    for stale in ("feed.sqlite", "out"):
        target = folder / stale
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
    build = run_command([executable, "index", "build", "originals.jsonl", "--db", "feed.sqlite"], folder)
    scan = run_command([executable, "scan", "pages.jsonl", "--index", "feed.sqlite", "-o", "out"], folder)
    with (folder / "out" / "matches.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    return {
        "index_build": build,
        "scan": {**scan, "output_folder_mb": folder_mb(folder / "out")},
        "index_file_mb": round((folder / "feed.sqlite").stat().st_size / 2**20, 1),
        "total_wall_seconds": round(build["wall_seconds"] + scan["wall_seconds"], 2),
        "total_cpu_seconds": round(build["cpu_seconds"] + scan["cpu_seconds"], 2),
        **evaluate_rows(rows, folder),
        "syndication": evaluate_syndication(rows, folder),
    }


def calibrate(folder: Path, values: list[int]) -> dict[str, Any]:
    """``compare scan --min-words N`` for each N on the tuning corpus: how the default was chosen."""
    executable = shutil.which("compare") or "compare"
    shutil.rmtree(folder / "calibration", ignore_errors=True)
    (folder / "calibration").mkdir()
    run_command([executable, "index", "build", "originals.jsonl", "--db", "calibration/feed.sqlite"], folder)
    out: dict[str, Any] = {}
    for words in values:
        target = f"calibration/out-{words}"
        command = [executable, "scan", "pages.jsonl", "--index", "calibration/feed.sqlite", "-o", target]
        run_command([*command, "--min-words", str(words), "--pages", "0"], folder)
        with (folder / target / "matches.csv").open(encoding="utf-8") as stream:
            figures = evaluate_rows(list(csv.DictReader(stream)), folder)
        out[str(words)] = {k: figures[k] for k in ("rows", "precision", "recall_by_kind")}
        print(f"calibration --min-words {words}: {json.dumps(out[str(words)])}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--size", type=int, default=20_000, help="Originals, and as many pages.")
    parser.add_argument("--seed", type=int, default=2, help="Seed of the corpus reported on.")
    parser.add_argument("--tune-seed", type=int, default=1, help="Seed of the corpus baselines are tuned on.")
    parser.add_argument("--tune-size", type=int, default=2000)
    parser.add_argument("--corpus-dir", type=Path, default=Path("/tmp/compare-scan-bench"))
    parser.add_argument("--skip-baselines", action="store_true", help="Only the compare commands (for 100k).")
    parser.add_argument(
        "--tuned",
        type=Path,
        help="Take the baselines' thresholds from this earlier tuning (results/scan_baseline_tuning.json).",
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--calibrate",
        type=int,
        nargs="*",
        help="Only scan the tuning corpus at each --min-words given (how the default was chosen).",
    )
    args = parser.parse_args()
    if args.calibrate:
        tune_folder = args.corpus_dir / f"{args.tune_size}-seed{args.tune_seed}"
        corpus(tune_folder, args.tune_size, args.tune_seed)
        figures = {"seed": args.tune_seed, "size": args.tune_size, "min_words": calibrate(tune_folder, args.calibrate)}
        target = args.out.with_name("scan_calibration.json")
        target.write_text(json.dumps(figures, indent=2) + "\n")
        print(f"wrote {target}")
        return
    report: dict[str, Any] = {
        "command": " ".join(["python", "benchmarks/scan_bench.py", *sys.argv[1:]]),
        "cores": os.cpu_count(),
        # The machine is shared: the load says how far wall times are from free cores.
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "size": args.size,
        "seed": args.seed,
    }
    folder = args.corpus_dir / f"{args.size}-seed{args.seed}"
    report["corpus"] = corpus(folder, args.size, args.seed)
    print(f"corpus: {json.dumps(report['corpus'])}", flush=True)
    report["compare"] = run_compare(folder)
    print(f"compare: {json.dumps(report['compare'])}", flush=True)
    if not args.skip_baselines:
        if args.tuned:
            tuned = json.loads(args.tuned.read_text())
            report["baseline_tuning"] = {"from": str(args.tuned), **tuned}
        else:
            tune_folder = args.corpus_dir / f"{args.tune_size}-seed{args.tune_seed}"
            corpus(tune_folder, args.tune_size, args.tune_seed)
            tuned = tune_baselines(tune_folder)
            report["baseline_tuning"] = {"size": args.tune_size, "seed": args.tune_seed, **tuned}
            args.out.with_name("scan_baseline_tuning.json").write_text(
                json.dumps(report["baseline_tuning"], indent=2) + "\n"
            )
        pairs, seconds = minhash_pairs(folder, tuned["minhash_threshold"])
        report["minhash_lsh"] = {
            "threshold": tuned["minhash_threshold"],
            "candidate_seconds": round(seconds, 2),
            **evaluate_pairs(pairs, folder),
        }
        print(f"MinHashLSH: {json.dumps(report['minhash_lsh'])}", flush=True)
        pairs, seconds = sparse_join_pairs(folder, tuned["sparse_min_shared"])
        report["sparse_join"] = {
            "min_shared": tuned["sparse_min_shared"],
            "candidate_seconds": round(seconds, 2),
            **evaluate_pairs(pairs, folder),
        }
        print(f"sparse join: {json.dumps(report['sparse_join'])}", flush=True)
        report["compare_vs_minhash"] = round(
            report["compare"]["total_wall_seconds"] / report["minhash_lsh"]["candidate_seconds"], 2
        )
    report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
