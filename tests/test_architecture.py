"""Data flows one way: a module imports only its own stage and the stages before it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "compare"

# The package's areas in the order data flows through them (a module is in the area of its first
# path part). The shared errors, settings, records and model files (``artefacts``) come first, so
# every stage may use them; the public API (``__init__``) then the command line (``cli``,
# ``__main__``) come last, so nothing below imports them.
STAGES: tuple[str, ...] = (
    "errors",
    "settings",
    "model",
    "artefacts",
    "normalise",
    "ingest",
    "align",
    "group",
    "measure",
    "trace",
    "pipeline",
    "render",
    "scan",
    "examples_path",
    "__init__",
    "cli",
    "__main__",
)


def _area(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def _imported_areas(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    areas: set[str] = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        areas.update(name.split(".")[1] for name in names if name.startswith("compare.") and "." in name)
    return areas


def test_every_area_is_a_stage() -> None:
    assert {_area(path) for path in PACKAGE.rglob("*.py")} == set(STAGES)


def test_stages_import_only_earlier_stages() -> None:
    rank = {area: position for position, area in enumerate(STAGES)}
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        area = _area(path)
        later = sorted(a for a in _imported_areas(path) if rank[a] > rank[area])
        if later:
            offences.append(f"{path.relative_to(PACKAGE)} imports the later {later}")
    assert offences == []


def test_public_api_resolves_every_name() -> None:
    import compare

    for name in compare.__all__:
        assert getattr(compare, name) is not None, name


def test_every_lazy_name_is_public() -> None:
    import compare

    assert set(compare._LAZY) <= set(compare.__all__)
