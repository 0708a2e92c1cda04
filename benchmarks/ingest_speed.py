"""Ingest speed as a user gets it: the installed ``compare`` reading one big JSONL export.

Generates a feed of invented English news stories (fixed seed; ~700 words in 6-12 paragraphs,
with the title, URL, date and outlet fields a wire export carries), then times
``compare extract FILE --format jsonl > /dev/null`` end to end in a child process, which reads
the file as a stream and runs everything ingest runs on each record. Prints records/s and the
child's peak memory, and writes benchmarks/results/ingest_speed.json.

    python benchmarks/ingest_speed.py                 # 20,000 records (~95 MB)
    python benchmarks/ingest_speed.py --records 2000  # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "ingest_speed.json"
OUTLETS = [
    f"{name}.example"
    for name in (
        "nordpress",
        "harbourtimes",
        "valecourier",
        "kestrianews",
        "eastwire",
        "morningpost",
        "skarvoydaily",
        "lundhavenherald",
        "coastalledger",
        "ridgegazette",
    )
]
PLACES = ["Lundhaven", "Skarvoy", "Kestria", "Vellmoria", "Orsk", "Tannford", "Brightwater", "Halden"]
PEOPLE = [
    "the harbour master",
    "the finance minister",
    "a council spokeswoman",
    "the mayor",
    "union leaders",
    "the port authority",
    "local fishermen",
    "the coast guard",
    "opposition members",
    "the ferry operator",
]
NOUNS = [
    "pier",
    "ferry",
    "budget",
    "timetable",
    "storm",
    "contract",
    "strike",
    "bridge",
    "election",
    "harbour",
    "lighthouse",
    "road",
    "school",
    "hospital",
    "market",
    "tax",
    "plan",
    "report",
    "inquiry",
    "festival",
]
ADJECTIVES = [
    "new",
    "delayed",
    "costly",
    "disputed",
    "temporary",
    "long-awaited",
    "controversial",
    "modest",
    "revised",
    "annual",
    "first",
    "final",
]
VERBS = [
    "open",
    "close",
    "cost more than expected",
    "be reviewed",
    "go ahead",
    "be postponed",
    "need repairs",
    "change",
    "resume",
    "face new questions",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PATTERNS = [
    "{Who} said on {day} that the {adj} {noun} in {place} would {verb} before the end of the month.",
    "According to {who}, the {noun} had been discussed for years, but no decision was taken until {day}.",
    "Residents of {place} told reporters that they were worried about the {noun} and its effect on prices.",
    "The {adj} {noun} is expected to {verb}, {who} said in a statement published on {day}.",
    "In {place}, where the {noun} has been a matter of debate since the spring, few expected the vote to pass.",
    '"We have waited long enough for the {noun}," one resident said, adding that {who} had promised more.',
    "Officials did not say how much the {noun} would cost, and {who} declined to comment further.",
    "The decision follows weeks of talks between {who} and representatives of {place}.",
    "Critics argue that the {adj} {noun} will {verb} unless the government changes its approach.",
    "Figures released on {day} showed that {number} people had signed a petition about the {noun}.",
]


def sentence(rng: random.Random) -> str:
    """One sentence of invented news prose."""
    who = rng.choice(PEOPLE)
    text = rng.choice(PATTERNS).format(
        who=who,
        Who=who[0].upper() + who[1:],
        day=rng.choice(WEEKDAYS),
        adj=rng.choice(ADJECTIVES),
        noun=rng.choice(NOUNS),
        place=rng.choice(PLACES),
        verb=rng.choice(VERBS),
        number=rng.randint(200, 90000),
    )
    return text


def story(rng: random.Random, number: int) -> dict[str, str]:
    """A wire-export record of about 700 words."""
    paragraphs: list[str] = []
    words = 0
    target = rng.randint(600, 800)
    while words < target:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    outlet = rng.choice(OUTLETS)
    place, noun = rng.choice(PLACES), rng.choice(NOUNS)
    return {
        "id": f"story-{number:06d}",
        "url": f"https://{outlet}/news/{number}",
        "title": f"{place} {noun} to {rng.choice(VERBS)}",
        "date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "outlet": outlet,
        "text": "\n\n".join(paragraphs),
    }


def write_feed(path: Path, records: int, seed: int = 20261202) -> None:
    """The benchmark's JSONL feed."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(records):
            handle.write(json.dumps(story(rng, number), ensure_ascii=False) + "\n")


def run_extract(feed: Path) -> dict[str, float]:
    """Time the installed CLI on the feed; peak memory of the child from getrusage."""
    command = shutil.which("compare") or sys.exit("the compare command is not installed")
    started = time.perf_counter()
    with open("/dev/null", "wb") as sink:
        done = subprocess.run(
            [command, "extract", str(feed), "--format", "jsonl"],
            stdout=sink,
            stderr=subprocess.PIPE,
            check=False,
        )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"compare extract failed: {done.stderr.decode()[-2000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "skipped_lines": done.stderr.decode().count("Skipped: "),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / "feed.jsonl"
        write_feed(feed, args.records)
        size_mb = feed.stat().st_size / 1e6
        timing = run_extract(feed)
    report = {
        "command": "compare extract FEED.jsonl --format jsonl > /dev/null",
        "records": args.records,
        "file_mb": round(size_mb, 1),
        **timing,
        "records_per_second": round(args.records / timing["seconds"], 1),
        # extract runs in one process, so records per CPU second is the rate per core; it is the
        # figure to read on a shared machine, where wall time includes waiting for a core.
        "records_per_cpu_second": round(args.records / timing["cpu_seconds"], 1),
        "load_average": round(os.getloadavg()[0], 1),
    }
    print(json.dumps(report, indent=2))
    if args.records >= 20_000:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
