"""`compare train relation`: refit the relation model on labelled pairs given as JSON Lines."""

from __future__ import annotations

import json
import random
import sys
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compare.cli import app
from compare.measure.relation import LEVELS, MODEL_FILE, derivation_level, model_features
from compare.normalise import tokenize

REPO = Path(__file__).resolve().parents[1]
WORDS = [
    "harbour",
    "ferry",
    "council",
    "vote",
    "tariff",
    "storm",
    "bridge",
    "quay",
    "pier",
    "budget",
    "lantern",
    "mayor",
    "port",
    "tide",
]


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randint(0, 300)) for _ in range(words)) + "."


def labelled_pairs(path: Path, count: int = 30) -> Path:
    """Fiction: copies (wholly), half copies (partially) and unrelated texts (non)."""
    rng = random.Random(3)
    lines = []
    for k in range(count):
        a = text(rng, 80)
        level = LEVELS[k % 3]
        b = {"wholly": a, "partially": a[: len(a) // 2] + " " + text(rng, 40), "non": text(rng, 80)}[level]
        lines.append(json.dumps({"a": a, "b": b, "level": level}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_train_relation_writes_a_model_that_reads_its_levels(tmp_path: Path) -> None:
    out = tmp_path / "relation.json"
    done = CliRunner().invoke(
        app, ["train", "relation", "--data", str(labelled_pairs(tmp_path / "p.jsonl")), "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert done.output.strip() == str(out)
    model = json.loads(out.read_text())
    assert model["classes"] == list(LEVELS) and len(model["coef"]) == 3
    rng = random.Random(9)
    a = text(rng, 80)
    b = text(rng, 80)
    copy = model_features(a, a, tokenize(a), tokenize(a), model)
    apart = model_features(a, b, tokenize(a), tokenize(b), model)
    assert copy is not None and apart is not None
    assert derivation_level(copy, model)[0] == "wholly"
    assert derivation_level(apart, model)[0] == "non"


def test_train_relation_names_the_bad_line(tmp_path: Path) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text('{"a": "x", "b": "y", "level": "wholly"}\n{"a": "x", "level": "non"}\n', encoding="utf-8")
    done = CliRunner().invoke(
        app, ["train", "relation", "--data", str(data), "--out", str(tmp_path / "m.json")]
    )
    assert done.exit_code != 0
    assert f"{data}: line 2 is not a pair with a, b and level" in done.output
    data.write_text('{"a": "x", "b": "y", "level": "copied"}\n', encoding="utf-8")
    done = CliRunner().invoke(
        app, ["train", "relation", "--data", str(data), "--out", str(tmp_path / "m.json")]
    )
    assert "line 1: level 'copied' is not one of wholly, partially, non" in done.output
    assert not (tmp_path / "m.json").exists()


def test_train_relation_counts_each_pair_its_weight(tmp_path: Path) -> None:
    data = labelled_pairs(tmp_path / "p.jsonl")
    lines = data.read_text(encoding="utf-8").splitlines()
    weighted = tmp_path / "weighted.jsonl"
    weighted.write_text(
        "\n".join(json.dumps({**json.loads(line), "weight": 3.0}) if k % 3 == 1 else line for k, line in enumerate(lines))
        + "\n",
        encoding="utf-8",
    )
    models = []
    for name, source in (("plain.json", data), ("weighted.json", weighted)):
        done = CliRunner().invoke(app, ["train", "relation", "--data", str(source), "--out", str(tmp_path / name)])
        assert done.exit_code == 0, done.output
        models.append(json.loads((tmp_path / name).read_text()))
    assert models[0]["coef"] != models[1]["coef"]
    data.write_text('{"a": "x", "b": "y", "level": "non", "weight": 0}\n', encoding="utf-8")
    done = CliRunner().invoke(app, ["train", "relation", "--data", str(data), "--out", str(tmp_path / "m.json")])
    assert "line 1: weight 0.0 is not above 0" in done.output


@pytest.mark.slow
def test_train_relation_rebuilds_the_shipped_model_exactly(tmp_path: Path) -> None:
    """The shipped model's recipe is the library's: its training pairs (written by
    benchmarks/reuse_heldout.py from the public corpora) refit to the very same file."""
    if not (REPO.parent / "shared" / "corpora" / "counter-dev").is_dir():
        pytest.skip("../shared/corpora is not present")
    sys.path.insert(0, str(REPO / "benchmarks"))
    from reuse_heldout import shipped_training_pairs

    data = shipped_training_pairs(tmp_path)
    out = tmp_path / "relation_model.json"
    done = CliRunner().invoke(app, ["train", "relation", "--data", str(data), "--out", str(out)])
    assert done.exit_code == 0, done.output
    shipped = resources.files("compare").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == shipped
