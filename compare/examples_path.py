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
