"""Where the bundled sample corpus is: the checkout's ``examples/`` or the installed copy."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def examples_dir() -> Path:
    """The folder holding the sample articles that `compare demo` reports on."""
    checkout = Path(__file__).resolve().parents[1] / "examples"
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files("compare.examples")))


SIDECARS = {"README.md", "EXPECTED.json"}


def example_articles() -> list[Path]:
    """The sample's article files (its README and truth file are not articles)."""
    return sorted(p for p in examples_dir().iterdir() if p.is_file() and p.name not in SIDECARS)
