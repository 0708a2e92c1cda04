"""Main text from real web pages: `compare extract` beside trafilatura, from HTML and from text dumps.

Run from the repository root: ``python benchmarks/extract_bench.py [--dumps]``. Prints the figures and
writes them to ``benchmarks/results/extract_bench.json`` (with ``--dumps``, only the text dump
figures are measured again; the HTML ones in the file stay). Needs ``../shared/corpora/trafilatura-eval``
(949 pages with snippets that must and must not be in the main text; its ``score.py`` rule:
a snippet counts when found, whitespace-normalised, in the extracted text).

- HTML: trafilatura's ``extract()`` with its defaults, ``favor_precision`` and ``favor_recall``,
  and the installed ``compare extract FOLDER --format jsonl`` with its defaults (every core), as a
  user runs it: precision, recall, F1 of snippets, pages per second (wall) and per CPU second (the
  command and its worker processes), with the load averages (``uptime``) before and after.
- Text dumps: every page rendered to text as a browser gives it (``render_text``: block
  elements on lines, scripts and styles dropped), saved as ``.txt`` and read by ``compare
  extract``; beside it, keeping every line, and jusText (its defaults, each line a paragraph,
  the stoplist of the language ``compare`` detects; without one, its language-independent mode).

Held-out honesty: a page is held out when the SHA-256 of its file name is 0-2 modulo 10 (about
30%). Every choice (chrome rules, lead and fallback thresholds) was made on the other pages;
both parts are reported, each with trafilatura's defaults beside it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare.ingest.decode import declared_charset, decode_bytes  # noqa: E402
from compare.ingest.html import render_text  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpora" / "trafilatura-eval"
RESULTS = ROOT / "benchmarks" / "results" / "extract_bench.json"
HELD_OUT_MODULUS, HELD_OUT_BELOW = 10, 3
Page = tuple[str, str, bytes, list[str], list[str]]


def held_out(name: str) -> bool:
    """The fixed held-out part: no choice of the product looked at these pages."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % HELD_OUT_MODULUS < HELD_OUT_BELOW


def pages() -> Iterator[Page]:
    """(url, file name, HTML bytes, snippets with, snippets without) of every page."""
    truth = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    for url, facts in truth.items():
        raw = gzip.decompress((CORPUS / "html" / f"{facts['file']}.gz").read_bytes())
        yield url, facts["file"], raw, facts["with"], facts["without"]


def score(texts: dict[str, str], corpus: list[Page], part: bool) -> dict[str, float]:
    """Snippet precision, recall and F1 (score.py's rule) on the held-out or development part."""
    tp = fn = fp = 0
    for _, name, _, with_, without in corpus:
        if held_out(name) != part:
            continue
        text = " ".join((texts.get(name) or "").split())
        found = [" ".join(s.split()) in text for s in with_]
        tp, fn = tp + sum(found), fn + len(found) - sum(found)
        fp += sum(" ".join(s.split()) in text for s in without)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def by_part(texts: dict[str, str], corpus: list[Page], rate: float) -> dict[str, object]:
    return {
        "development": score(texts, corpus, False),
        "held_out": score(texts, corpus, True),
        "pages_per_cpu_s": round(rate, 1),
    }


def trafilatura_run(corpus: list[Page], **options: bool) -> tuple[dict[str, str], float]:
    import trafilatura

    started = time.process_time()
    texts = {name: trafilatura.extract(raw, url=url, **options) or "" for url, name, raw, _, _ in corpus}
    return texts, len(corpus) / (time.process_time() - started)


def compare_extract(folder: Path, count: int) -> tuple[dict[str, str], float, float, int]:
    """The installed command on a folder: texts by file name, pages per CPU second and per wall
    second, and the number of inputs it skipped."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        ["compare", "extract", str(folder), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers, all reaped
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    texts = {}
    for line in done.stdout.split("\n"):
        if not line.strip():
            continue
        record = json.loads(line)
        texts[os.path.basename(record["path"]).rsplit(".", 1)[0]] = record["text"]
    skipped = done.stderr.count("Skipped: ")
    return texts, count / cpu, count / wall, skipped


def run_compare(corpus: list[Page], write: Callable[[Page], tuple[str, bytes]]) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        stems = {}
        for page in corpus:
            file_name, data = write(page)
            (folder / file_name).write_bytes(data)
            stems[file_name.rsplit(".", 1)[0]] = page[1]
        load_before = os.getloadavg()
        texts, cpu_rate, wall_rate, skipped = compare_extract(folder, len(corpus))
    named = {stems[stem]: text for stem, text in texts.items()}
    result = by_part(named, corpus, cpu_rate)
    result["pages_per_wall_s"] = round(wall_rate, 1)
    result["cores"] = len(os.sched_getaffinity(0))
    result["load_average_before_after"] = [round(load_before[0], 1), round(os.getloadavg()[0], 1)]
    result["skipped"] = skipped
    return result


def as_html(page: Page) -> tuple[str, bytes]:
    return f"{page[1].rsplit('.', 1)[0]}.html", page[2]


def dump_text(page: Page) -> str:
    raw = page[2]
    return render_text(decode_bytes(raw, page[1], declared_charset(raw)))


def justext_text(dump: str) -> str:
    """jusText's main text of a dump: every line a paragraph, the detected language's stoplist."""
    import html

    import justext

    from compare.ingest.language import detect_language, stoplist

    lines = [line for line in dump.split("\n") if line.strip()]
    if not lines:
        return ""
    code = detect_language(dump)
    words = stoplist(code) if code else frozenset()
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    low_high = {} if words else {"stopwords_low": 0.0, "stopwords_high": 0.0}
    paragraphs = justext.justext(page.encode("utf-8"), words, encoding="utf-8", **low_high)
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def as_dump(page: Page) -> tuple[str, bytes]:
    return f"{page[1].rsplit('.', 1)[0]}.txt", dump_text(page).encode("utf-8")


def html_figures(corpus: list[Page]) -> dict[str, object]:
    html: dict[str, object] = {"compare extract": run_compare(corpus, as_html)}
    for label, options in (
        ("trafilatura defaults", {}),
        ("trafilatura favor_precision", {"favor_precision": True}),
        ("trafilatura favor_recall", {"favor_recall": True}),
    ):
        texts, rate = trafilatura_run(corpus, **options)
        html[label] = by_part(texts, corpus, rate)
    return html


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} not found")
    corpus = list(pages())
    results: dict[str, object] = {
        "pages": len(corpus),
        "held_out_pages": sum(held_out(p[1]) for p in corpus),
        "split": f"held out when sha256(file name) % {HELD_OUT_MODULUS} < {HELD_OUT_BELOW}",
    }
    if "--dumps" in sys.argv[1:]:
        results["html"] = json.loads(RESULTS.read_text(encoding="utf-8"))["html"]
    else:
        results["html"] = html_figures(corpus)
    dumps = {name: text for name, text in ((p[1], dump_text(p)) for p in corpus)}
    results["text_dumps"] = {
        "compare extract": run_compare(corpus, as_dump),
        "keep every line": by_part(dumps, corpus, 0.0),
        "jusText": by_part({name: justext_text(text) for name, text in dumps.items()}, corpus, 0.0),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for kind in ("html", "text_dumps"):
        print(kind)
        for label, figures in results[kind].items():  # type: ignore[attr-defined]
            dev, held = figures["development"], figures["held_out"]
            print(
                f"  {label:30s} dev P {dev['precision']:.3f} R {dev['recall']:.3f} F1 {dev['f1']:.3f}"
                f" | held-out P {held['precision']:.3f} R {held['recall']:.3f} F1 {held['f1']:.3f}"
                f" | {figures['pages_per_cpu_s']} pages/CPU s"
            )
            if "pages_per_wall_s" in figures:
                print(
                    f"  {'':30s} {figures['pages_per_wall_s']} pages/s wall on {figures['cores']} cores,"
                    f" load average {figures['load_average_before_after']} (before, after)"
                )


if __name__ == "__main__":
    main()
