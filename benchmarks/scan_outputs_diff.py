"""Compare two `compare scan` output folders row by row: what a change to the scan did to its rows.

    python benchmarks/scan_outputs_diff.py BEFORE_DIR AFTER_DIR

Prints the rows of matches.csv found in one folder only, the rows whose fields differ (with the
fields), and whether matches.csv and matches.jsonl are byte-identical; exits 1 when any row differs.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

Rows = dict[tuple[str, str], dict[str, str]]


def read_rows(folder: Path) -> Rows:
    """matches.csv's rows by (page, original)."""
    with (folder / "matches.csv").open(newline="", encoding="utf-8") as stream:
        return {(row["page_id"], row["original_id"]): row for row in csv.DictReader(stream)}


def differences(before: Rows, after: Rows) -> list[str]:
    """One line per row found on one side only or with different fields."""
    lines = [f"only before: {pair}" for pair in sorted(before.keys() - after.keys())]
    lines += [f"only after: {pair}" for pair in sorted(after.keys() - before.keys())]
    for pair in sorted(before.keys() & after.keys()):
        changed = {k: (v, after[pair].get(k)) for k, v in before[pair].items() if after[pair].get(k) != v}
        if changed:
            lines.append(f"changed: {pair} {changed}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    before, after = read_rows(args.before), read_rows(args.after)
    found = differences(before, after)
    print("\n".join(found[:50]))
    for name in ("matches.csv", "matches.jsonl"):
        same = (args.before / name).read_bytes() == (args.after / name).read_bytes()
        print(f"{name}: {'byte-identical' if same else 'differs'}")
    print(f"{len(before)} rows before, {len(after)} after, {len(found)} differences")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
