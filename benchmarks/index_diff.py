"""Compare two `compare index build` files by what they hold: what a change to the build did to an index.

    python benchmarks/index_diff.py BEFORE.sqlite AFTER.sqlite

Compares, table by table, every document's row (number, id, metadata, text hash, word count,
fingerprints), its text (inflated: the stored bytes depend on the compression level and the
dictionary), its language and anchors, the boilerplate shingles and the syndication groups, and
the settings in the meta table; prints what differs and the stored text sizes; exits 1 when
anything a scan reads differs.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

from compare.scan.index import decompress_text, read_dictionary

# Meta keys that differ between any two builds (a new identity) or hold how texts are stored.
UNCOMPARED_META = ("uuid", "text_dictionary")


def _digest(rows: Iterable[tuple[object, ...]]) -> str:
    hashed = hashlib.sha1()
    for row in rows:
        hashed.update(repr(row).encode("utf-8"))
    return hashed.hexdigest()


def contents(path: Path) -> dict[str, str]:
    """A digest of each part of an index a scan reads."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dictionary = read_dictionary(conn)
        meta = [row for row in conn.execute("SELECT key, value FROM meta ORDER BY key") if row[0] not in UNCOMPARED_META]
        texts = ((doc, decompress_text(body, dictionary)) for doc, body in conn.execute("SELECT doc, body FROM texts ORDER BY doc"))
        return {
            "docs": _digest(conn.execute("SELECT * FROM docs ORDER BY doc")),
            "texts": _digest(texts),
            "anchors": _digest(conn.execute("SELECT doc, language, keys FROM anchors ORDER BY doc")),
            "common": _digest(conn.execute("SELECT part, keys, counts FROM common ORDER BY part")),
            "groups": _digest(conn.execute("SELECT doc, source FROM groups ORDER BY doc")),
            "meta": _digest(meta),
        }
    finally:
        conn.close()


def text_bytes(path: Path) -> int:
    """Bytes of the stored (compressed) texts."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT COALESCE(SUM(LENGTH(body)), 0) FROM texts").fetchone()[0])
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    before, after = contents(args.before), contents(args.after)
    differing = [part for part in before if before[part] != after[part]]
    for part in before:
        print(f"{part}: {'differs' if part in differing else 'same'}")
    print(f"stored text bytes: {text_bytes(args.before):,} -> {text_bytes(args.after):,}")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
