"""Atomic file writes: a reader never sees a half-written report, index or table."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write text to ``path`` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        # mkstemp makes the file private (0600); a report is meant to be served, zipped and shared.
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def replaced_folder(out_dir: Path, owned: frozenset[str]) -> Iterator[Path]:
    """A new folder beside ``out_dir`` to write into; when the block succeeds it takes
    ``out_dir``'s place, so a reader never sees a half-written report nor pages left from an
    earlier one. Entries of the old folder whose names are not in ``owned`` (what a report writes)
    are kept: a scan folder or notes put there survive. On failure the old folder is untouched.
    """
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".new", dir=parent))
    try:
        os.chmod(fresh, 0o755)
        yield fresh
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if not out_dir.is_dir():
        os.replace(fresh, out_dir)
        return
    for entry in out_dir.iterdir():
        if entry.name not in owned:
            os.replace(entry, fresh / entry.name)
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".old", dir=parent))
    os.replace(out_dir, old / "report")
    os.replace(fresh, out_dir)
    shutil.rmtree(old, ignore_errors=True)
