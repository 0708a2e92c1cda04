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
