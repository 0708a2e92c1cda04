"""The installed ``compare`` console script, run as a real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "pair"


def _script() -> str:
    beside = Path(sys.executable).parent / "compare"
    found = str(beside) if beside.is_file() else shutil.which("compare")
    if not found:
        pytest.skip("the compare console script is not installed")
    return found


def test_installed_script_prints_pair_json() -> None:
    done = subprocess.run(
        [_script(), "pair", str(FIXTURES / "wire.txt"), str(FIXTURES / "copy.txt"), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["relation"] == "copy-with-edits"


def test_installed_script_reports_missing_file_with_exit_code_2() -> None:
    done = subprocess.run([_script(), "pair", "nope.txt", "nope.txt"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr == "Error: nope.txt: no such file or folder\n"


def test_installed_demo_writes_a_report_outside_the_checkout(tmp_path: Path) -> None:
    """The installed copy finds its own templates and sample corpus (run away from the source tree)."""
    done = subprocess.run(
        [_script(), "demo", "-o", str(tmp_path / "reports")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    index = tmp_path / "reports" / "index.html"
    assert done.stdout.strip() == str(index)
    pages = list((tmp_path / "reports" / "pairs").glob("*.html"))
    assert pages and list((tmp_path / "reports" / "events").glob("*.html"))
    assert (tmp_path / "reports" / "assets" / "compare.css").is_file()


def test_installed_pair_writes_html(tmp_path: Path) -> None:
    done = subprocess.run(
        [_script(), "pair", str(FIXTURES / "wire.txt"), str(FIXTURES / "copy.txt"), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    page = Path(done.stdout.strip())
    assert page.is_file() and "copy-with-edits" in page.read_text(encoding="utf-8")
