"""Scan benchmark: index + scan of a synthetic corpus, against datasketch MinHashLSH, same run.

Prints and writes benchmarks/results/scan_bench.json: wall time, peak memory, index size per
document, recall and precision of (page, original) pairs by kind of copy; bulk-alignment speed
and character precision/recall against the generator's copied spans; and for MinHashLSH (its
threshold tuned for F1 on a small corpus of the same generator) time, memory, recall, precision.

Each measured phase runs in a fresh process that reads the corpus from JSONL, so its peak
memory (ru_maxrss, children included) is its own; the corpus held in memory is reported apart.

    python benchmarks/scan_bench.py --sizes 20000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import corpus, truth, write_jsonl  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "scan_bench.json"
COPY_KINDS = ("verbatim", "wrapped", "partial", "rewrite")


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _peaks_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _cpu_seconds() -> float:
    """CPU seconds used by this process and its finished children (user + system)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _own_cpu_seconds() -> float:
    """CPU seconds of this process alone (its workers excluded)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _rss_mb() -> float:
    with open("/proc/self/statm") as stream:
        return int(stream.read().split()[1]) * resource.getpagesize() / 2**20


def _articles(path: Path) -> list[Any]:
    from compare.model import Article, Attribution

    out = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            r = json.loads(line)
            credit = (
                (Attribution("republication_notice", r["attribution"], None),) if r.get("attribution") else ()
            )
            out.append(
                Article(id=r["id"], text=r["text"], outlet=r["outlet"], date=r["date"], attribution=credit)
            )
    return out


def _evaluate(predicted: set[tuple[str, str]], folder: Path) -> dict[str, Any]:
    """Recall per kind (copies of >= 30% of an original; digests) and precision over all pairs."""
    meta = json.loads((folder / "truth.json").read_text())
    true_pairs = {tuple(p) for p in meta["pairs"]}
    by_kind: dict[str, list[int]] = {}
    for page, original, kind in meta["targets"]:
        hits = by_kind.setdefault(kind, [0, 0])
        hits[0] += (page, original) in predicted
        hits[1] += 1
    copy_hits = sum(by_kind[k][0] for k in COPY_KINDS if k in by_kind)
    copy_total = sum(by_kind[k][1] for k in COPY_KINDS if k in by_kind)
    correct = len(predicted & true_pairs)
    return {
        "recall_copies_30pct": round(copy_hits / max(copy_total, 1), 4),
        "recall_digests": round(
            by_kind.get("digest", [0, 1])[0] / max(by_kind.get("digest", [0, 1])[1], 1), 4
        ),
        "recall_by_kind": {k: round(v[0] / max(v[1], 1), 4) for k, v in sorted(by_kind.items())},
        "recall_all_true_pairs": round(correct / max(len(true_pairs), 1), 4),
        "precision": round(correct / max(len(predicted), 1), 4),
        "predicted_pairs": len(predicted),
        "true_pairs": len(true_pairs),
    }


def run_scan(folder: Path, workers: int) -> dict[str, Any]:
    """Child: build the index of the originals, scan the pages, evaluate."""
    from compare.scan import Engine, build_index, index_info, scan_pages

    originals, pages = _articles(folder / "originals.jsonl"), _articles(folder / "pages.jsonl")
    loaded = _rss_mb()
    cpu_start = _cpu_seconds()
    start = time.perf_counter()
    db = folder / "index.db"
    # A reused corpus folder holds the last run's outputs: a scan would resume from them.
    shutil.rmtree(folder / "scan-out", ignore_errors=True)
    build_index(db, originals, workers=workers)
    built = time.perf_counter()
    cpu_built = _cpu_seconds()
    own_built = _own_cpu_seconds()
    result = scan_pages(pages, db, folder / "scan-out", engine=Engine("local", workers), pair_pages=0)
    done = time.perf_counter()
    cpu_done = _cpu_seconds()
    own_done = _own_cpu_seconds()
    info = index_info(db)
    figures = _evaluate({(m.page_id, m.original_id) for m in result.matches}, folder)
    return {
        "index_seconds": round(built - start, 2),
        "scan_seconds": round(done - built, 2),
        "total_seconds": round(done - start, 2),
        # CPU time says what the wall time would be on free cores: the benchmark machine is shared.
        "index_cpu_seconds": round(cpu_built - cpu_start, 2),
        "scan_cpu_seconds": round(cpu_done - cpu_built, 2),
        # This process alone: reading results, writing the state file and the outputs.
        "scan_cpu_seconds_main_process": round(own_done - own_built, 2),
        "peak_mb": round(_peak_mb(), 1),
        # Worker processes run at once: their peaks add up (an upper bound: they need not peak together).
        "peak_mb_all_processes": round(_peaks_mb()[0] + (workers if workers > 1 else 0) * _peaks_mb()[1], 1),
        "corpus_in_memory_mb": round(loaded, 1),
        # What the index and scan hold, without the benchmark's own copy of both corpora.
        "peak_mb_all_processes_without_corpus": round(
            _peaks_mb()[0] + (workers if workers > 1 else 0) * _peaks_mb()[1] - loaded, 1
        ),
        "index_bytes_per_doc": round(info.bytes_per_document, 1),
        "index_bytes_per_doc_without_texts": round(info.index_bytes_per_document, 1),
        "fingerprints_per_doc": round(info.fingerprints / max(info.documents, 1), 1),
        "matches": len(result.matches),
        **figures,
    }


def run_bulk(folder: Path, limit: int = 4000) -> dict[str, Any]:
    """Child: bulk alignment speed and character precision/recall on true (page, source) pairs.

    Timed twice from freshly wrapped texts: as the scan runs it (word counts and the page's
    copied character ranges, which the precision and recall are measured on), and with the
    passages' word edits as well (what a caller asking for ``passages`` pays).
    """
    from compare.scan.bulk import Words, bulk_align
    from compare.scan.fingerprint import tokenize_many
    from compare.settings import DEFAULT_SETTINGS

    meta = json.loads((folder / "truth.json").read_text())
    originals = {a.id: a for a in _articles(folder / "originals.jsonl")}
    pages = {a.id: a for a in _articles(folder / "pages.jsonl")}
    spans = meta["spans"]
    pairs = [tuple(p) for p in meta["targets"]][:limit]
    texts = sorted({p for p, _, _ in pairs}) + sorted({o for _, o, _ in pairs})
    articles = {**pages, **originals}
    tokens = dict(zip(texts, tokenize_many([articles[t].text for t in texts]), strict=True))
    settings = DEFAULT_SETTINGS.align

    def timed(with_edits: bool) -> tuple[float, float, list[Any]]:
        words = {t: Words.of(articles[t].text, tokens[t]) for t in texts}
        start, cpu = time.perf_counter(), time.process_time()
        out = []
        for p, o, _ in pairs:
            result = bulk_align(words[o], words[p], settings)
            out.append(result.passages if with_edits else result.page_spans())
        return time.perf_counter() - start, time.process_time() - cpu, out

    seconds, cpu, copied = timed(False)
    seconds_edits, cpu_edits, passages = timed(True)
    assert copied == [[x.b for x in found] for found in passages]
    hit = predicted_chars = true_chars = 0
    for (page, original, _), found in zip(pairs, copied, strict=True):
        truth_spans = spans.get(f"{page}|{original}", [])
        marks = bytearray(len(pages[page].text))
        for s, e in truth_spans:
            marks[s:e] = b"\x01" * (e - s)
        for span in found:
            for k in range(span.start, span.end):
                marks[k] |= 2
        hit += marks.count(3)
        predicted_chars += marks.count(2) + marks.count(3)
        true_chars += marks.count(1) + marks.count(3)
    return {
        "pairs": len(pairs),
        "pairs_per_second": round(len(pairs) / seconds, 1),
        "pairs_per_cpu_second": round(len(pairs) / cpu, 1),
        "pairs_per_cpu_second_with_edits": round(len(pairs) / cpu_edits, 1),
        "pairs_per_second_with_edits": round(len(pairs) / seconds_edits, 1),
        "char_precision": round(hit / max(predicted_chars, 1), 4),
        "char_recall": round(hit / max(true_chars, 1), 4),
    }


def _minhash(text: str, num_perm: int) -> Any:
    from datasketch import MinHash

    words = text.lower().split()
    grams = {" ".join(words[i : i + 4]).encode() for i in range(max(len(words) - 3, 1))}
    m = MinHash(num_perm=num_perm)
    m.update_batch(list(grams))
    return m


def run_minhash(folder: Path, threshold: float, num_perm: int = 128) -> dict[str, Any]:
    """Child: MinHashLSH over word 4-shingles at one threshold; candidates are the answer."""
    from datasketch import MinHashLSH

    originals, pages = _articles(folder / "originals.jsonl"), _articles(folder / "pages.jsonl")
    start, cpu = time.perf_counter(), time.process_time()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for article in originals:
        lsh.insert(article.id, _minhash(article.text, num_perm))
    built = time.perf_counter()
    predicted = {(page.id, hit) for page in pages for hit in lsh.query(_minhash(page.text, num_perm))}
    done, cpu = time.perf_counter(), time.process_time() - cpu
    return {
        "threshold": threshold,
        "cpu_seconds": round(cpu, 2),
        "index_seconds": round(built - start, 2),
        "scan_seconds": round(done - built, 2),
        "total_seconds": round(done - start, 2),
        "peak_mb": round(_peak_mb(), 1),
        **_evaluate(predicted, folder),
    }


def _child(connection: Any, function: Any, args: tuple[Any, ...]) -> None:
    connection.send(function(*args))
    connection.close()


def _in_child(function: Any, *args: Any) -> dict[str, Any]:
    """Run one phase in a fresh (non-daemonic, so it may start workers) process."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, function, args))
    process.start()
    result: dict[str, Any] = receiver.recv()
    process.join()
    return result


def prepare(size: int, folder: Path) -> dict[str, Any]:
    """Generate a corpus of ``size`` originals and ``size`` pages with its truth file."""
    start = time.perf_counter()
    originals, pages = corpus(size, size)
    pairs = truth(originals, pages)
    by_id = {d.id: d for d in originals}
    targets: list[tuple[str, str, str]] = []
    spans: dict[str, list[tuple[int, int]]] = {}
    for page in pages:
        for source in page.sources:
            original = by_id[source]
            held = {pid for pid, _, _ in original.paragraphs}
            mine = [(s, e) for pid, s, e in page.paragraphs if pid in held]
            copied = sum(page.text.count(" ", s, e) + 1 for s, e in mine)
            spans[f"{page.id}|{source}"] = mine
            share = copied / max(len(original.text.split()), 1)
            if page.kind == "digest" or share >= 0.3:
                targets.append((page.id, source, page.kind))
    write_jsonl(originals, folder / "originals.jsonl")
    write_jsonl(pages, folder / "pages.jsonl")
    (folder / "truth.json").write_text(
        json.dumps({"pairs": sorted(pairs), "targets": targets, "spans": spans})
    )
    return {
        "generate_seconds": round(time.perf_counter() - start, 1),
        "targets": len(targets),
        "true_pairs": len(pairs),
    }


def _corpus(size: int, folder: Path) -> dict[str, Any]:
    """A corpus in ``folder``: generated, or the one an earlier run left there (same seed, same text)."""
    summary = folder / "corpus.json"
    if summary.is_file() and (folder / "truth.json").is_file():
        return {**json.loads(summary.read_text()), "reused": True}
    folder.mkdir(parents=True, exist_ok=True)
    figures = prepare(size, folder)
    summary.write_text(json.dumps(figures))
    return figures


def _tune(folder: Path, size: int, thresholds: list[float]) -> float:
    """The MinHashLSH threshold with the best F1 over all true pairs on a small corpus."""
    folder.mkdir()
    prepare(size, folder)
    tuning = [_in_child(run_minhash, folder, t) for t in thresholds]
    for row in tuning:
        print(f"MinHashLSH tuning at {size}: {json.dumps(row)}", flush=True)

    def f1(row: dict[str, Any]) -> float:
        p, r = row["precision"], row["recall_all_true_pairs"]
        return 2 * p * r / (p + r) if p + r else 0.0

    return float(max(tuning, key=f1)["threshold"])


def project(report: dict[str, Any], targets: tuple[int, ...] = (300_000, 1_000_000)) -> dict[str, Any]:
    """Linear projection of memory, index size and CPU time from the two largest sizes measured.

    Every structure of the scan grows linearly with the corpus: the inverted table holds about
    85 fingerprints per original, each page meets a bounded number of candidates (stock
    fingerprints are dropped), and pages go to the workers in batches. So each figure is fitted as
    a + b * N through the two largest sizes and read off at the targets.
    """
    sizes = sorted(int(k) for k, v in report["sizes"].items() if "scan" in v)
    if len(sizes) < 2:
        return {}
    small, large = sizes[-2], sizes[-1]
    out: dict[str, Any] = {"method": " ".join((project.__doc__ or "").split()), "from": [small, large]}
    keys = (
        "peak_mb_all_processes",
        "peak_mb_all_processes_without_corpus",
        "peak_mb",
        "index_cpu_seconds",
        "scan_cpu_seconds",
        "total_seconds",
    )
    for key in keys:
        a_value = report["sizes"][str(small)]["scan"].get(key)
        b_value = report["sizes"][str(large)]["scan"].get(key)
        if a_value is None or b_value is None:
            continue
        slope = (b_value - a_value) / (large - small)
        out[key] = {str(n): round(a_value + slope * (n - small), 1) for n in targets}
    bytes_per_doc = report["sizes"][str(large)]["scan"]["index_bytes_per_doc"]
    out["index_file_gb"] = {str(n): round(bytes_per_doc * n / 1e9, 2) for n in targets}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--minhash-max", type=int, default=20000, help="Largest size MinHashLSH runs at.")
    parser.add_argument("--tune-size", type=int, default=2000)
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.05, 0.1, 0.2, 0.3, 0.5])
    parser.add_argument("--threshold", type=float, help="Use this MinHashLSH threshold instead of tuning.")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        help="Keep generated corpora in DIR/<size> and reuse them on later runs (generation is slow).",
    )
    parser.add_argument("--project-only", action="store_true", help="Only add the projection to --out.")
    args = parser.parse_args()
    if args.project_only:
        report = json.loads(args.out.read_text())
        report["projection"] = project(report)
        args.out.write_text(json.dumps(report, indent=2) + "\n")
        print(json.dumps(report["projection"], indent=2))
        return
    report: dict[str, Any] = {
        "command": " ".join(["python", *sys.argv]),
        # The machine is shared: the load says how far wall times are from free cores.
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "workers": args.workers,
        "sizes": {},
    }
    with tempfile.TemporaryDirectory(prefix="scan-bench-") as tmp:
        corpora = args.corpus_dir or Path(tmp)
        if args.threshold is not None:
            best = args.threshold
            report["minhash_tuning"] = {
                "chosen_threshold": best,
                "tuned": "in an earlier run (given with --threshold)",
            }
        else:
            best = _tune(Path(tmp) / "tune", args.tune_size, args.thresholds)
            report["minhash_tuning"] = {"size": args.tune_size, "chosen_threshold": best}
        for size in args.sizes:
            folder = corpora / str(size)
            entry: dict[str, Any] = {"corpus": _corpus(size, folder)}
            print(f"{size} x {size}: corpus {entry['corpus']}", flush=True)
            entry["scan"] = _in_child(run_scan, folder, args.workers)
            print(f"{size} x {size}: scan {json.dumps(entry['scan'])}", flush=True)
            entry["bulk_alignment"] = _in_child(run_bulk, folder)
            print(f"{size} x {size}: bulk alignment {json.dumps(entry['bulk_alignment'])}", flush=True)
            if size <= args.minhash_max:
                entry["minhash_lsh"] = _in_child(run_minhash, folder, best)
                print(f"{size} x {size}: MinHashLSH {json.dumps(entry['minhash_lsh'])}", flush=True)
            report["sizes"][str(size)] = entry
            report["projection"] = project(report)
            report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
