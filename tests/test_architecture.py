"""Data flows one way: a stage imports only the shared records and earlier stages, never the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "compare"

# For each area, the areas of the package it must not import.
FORBIDDEN: dict[str, set[str]] = {
    "model": {"ingest", "align", "group", "measure", "render", "scan", "pipeline", "cli"},
    "normalise": {"ingest", "align", "group", "measure", "render", "scan", "pipeline", "cli"},
    "ingest": {"align", "group", "measure", "render", "scan", "pipeline", "cli"},
    "align": {"group", "measure", "render", "scan", "pipeline", "cli"},
    "measure": {"render", "scan", "pipeline", "cli"},
    "group": {"render", "scan", "cli"},
    "render": {"cli"},
    "pipeline": {"render", "cli"},
    "scan": {"cli"},
}


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


def test_stages_import_only_earlier_stages() -> None:
    offences = []
    for path in sorted(PACKAGE.rglob("*.py")):
        area = _area(path)
        bad = _imported_areas(path) & FORBIDDEN.get(area, set())
        if bad:
            offences.append(f"{path.relative_to(PACKAGE)} imports {sorted(bad)}")
    assert offences == []


def test_nothing_outside_the_cli_imports_it() -> None:
    users = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if _area(path) not in {"cli", "__main__"} and "cli" in _imported_areas(path)
    ]
    assert users == []


def test_public_api_resolves_every_name() -> None:
    import compare

    for name in compare.__all__:
        assert getattr(compare, name) is not None, name


def test_every_lazy_name_is_public() -> None:
    import compare

    assert set(compare._LAZY) <= set(compare.__all__)
