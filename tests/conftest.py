"""Shared fixtures: paths to the bundled examples and to the optional shared data beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"
EXAMPLES = REPO / "examples"


@pytest.fixture
def seeds() -> Path:
    """The five seed articles; tests using it skip when ../shared is absent (a user's clone)."""
    if not (SEEDS / "TRUTH.json").is_file():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture
def corpora() -> Path:
    """The labelled corpora; tests using it skip when ../shared is absent."""
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not present")
    return CORPORA


@pytest.fixture
def examples() -> Path:
    """The bundled sample corpus."""
    return EXAMPLES
