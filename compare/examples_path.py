"""Where the bundled sample corpus is: the checkout's ``examples/`` or the installed copy."""

from __future__ import annotations

from pathlib import Path


def examples_dir() -> Path:
    """The folder holding the sample articles that `compare demo` reports on."""
    checkout = Path(__file__).resolve().parents[1] / "examples"
    if checkout.is_dir():
        return checkout
    return Path(__file__).resolve().parent / "examples"  # installed as compare.examples


SIDECARS = {"README.md"}


def example_articles() -> list[Path]:
    """The sample's article files (its README is not one)."""
    return sorted(p for p in examples_dir().iterdir() if p.is_file() and p.name not in SIDECARS)
