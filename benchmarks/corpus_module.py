"""Import a corpus's own Python file (its ``load.py``, PAN's ``plagdet.py``) from ``../shared/corpora``."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def corpus_module(path: Path) -> ModuleType:
    """The module at ``path``, named after its folder and file so two corpora's ``load.py`` differ."""
    name = f"corpus_{path.parent.name}_{path.stem}".replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
