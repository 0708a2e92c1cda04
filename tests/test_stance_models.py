"""Model files, claim stance, target sentiment and bias: behaviour, I/O and errors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from compare.artefacts import TreeEnsemble, load_model, save_model
from compare.cli import app
from compare.errors import ModelError
from compare.measure.stance import bias, claim, sentiment
from compare.measure.stance.linear import LinearModel


def test_tree_export_predicts_like_sklearn() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 4))
    y = (x[:, 0] + x[:, 1] > 0).astype(int) + (x[:, 2] > 1).astype(int)
    with threadpool_limits(limits=1):  # OpenMP threads crawl on a busy shared machine
        clf = HistGradientBoostingClassifier(max_iter=10, random_state=0).fit(x, y)
    trees = TreeEnsemble.from_sklearn(clf)
    np.testing.assert_allclose(trees.predict_proba(x), clf.predict_proba(x), atol=1e-9)
    again = TreeEnsemble.from_arrays(trees.to_arrays("t_"), "t_")
    np.testing.assert_allclose(again.predict_proba(x[:5]), clf.predict_proba(x[:5]), atol=1e-9)


def test_model_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="model file not found"):
        load_model(tmp_path / "none.npz", "claim-stance")
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    with pytest.raises(ModelError, match="not a compare model file"):
        load_model(junk, "claim-stance")
    path = save_model(tmp_path / "m.npz", "sentence-bias", {"x": np.zeros(2)}, {})
    with pytest.raises(ModelError, match="a 'sentence-bias' model, expected a 'claim-stance' model"):
        load_model(path, "claim-stance")


def test_linear_model_round_trip(tmp_path: Path) -> None:
    model = LinearModel(("a", "b"), np.array([[1.0, -1.0]]), np.array([0.1]), ("no", "yes"))
    path = model.save(tmp_path / "lin.npz", "sentence-bias", {})
    loaded, header = LinearModel.load(path, "sentence-bias")
    assert header["labels"] == ["no", "yes"]
    assert loaded.predict([{"a": 3.0}, {"b": 3.0}, {"zzz": 1.0}]) == ["yes", "no", "yes"]
    assert loaded.predict([]) == []


@given(st.lists(st.dictionaries(st.sampled_from("abcxyz"), st.floats(-5, 5), max_size=6), max_size=5))
def test_linear_matrix_keeps_known_features_in_their_rows(rows: list[dict[str, float]]) -> None:
    model = LinearModel(("a", "b", "c"), np.eye(3), np.zeros(3), ("x", "y", "z"))
    dense = model.matrix(rows).toarray()
    assert dense.shape == (len(rows), 3)
    for i, row in enumerate(rows):
        assert dense[i].tolist() == [row.get(name, 0.0) for name in "abc"]


def test_target_features_repeat_exactly_for_repeated_mentions() -> None:
    text = "Critics said Mayor Ada Quill had not kept her promise, but Quill was praised by nobody."
    first = sentiment.target_features(text, 13, 27)
    assert sentiment.target_features(text, 13, 27) == first
    assert first["target_first"] == 0.0 and first["l:said"] == 1.0
    assert any(name.startswith("c:") for name in first)


def test_fnc_score_bounds() -> None:
    gold = ["agree", "unrelated", "discuss", "disagree"]
    assert claim.fnc_score(gold, gold) == 1.0
    assert claim.fnc_score(gold, ["unrelated"] * 4) == pytest.approx(0.25 / 3.25)
    assert claim.fnc_score(["unrelated"], ["agree"]) == 0.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(claim.LABELS), st.sampled_from(claim.LABELS)), min_size=1))
def test_fnc_score_in_unit_interval(pairs: list[tuple[str, str]]) -> None:
    gold, pred = zip(*pairs, strict=True)
    assert 0.0 <= claim.fnc_score(gold, pred) <= 1.0


def test_predict_stance_shipped_model() -> None:
    body = (
        "Officials in Lowtown denied on Tuesday reports that a crocodile escaped from the Lowtown zoo. "
        "The director of the zoo said the story was a hoax: the crocodile never left its enclosure, "
        "and all animals were accounted for. Claims that a crocodile escapes from the zoo spread on "
        "social media on Monday."
    )
    labels = claim.predict_stance(
        ["Crocodile escapes from Lowtown zoo", "New tax rules for wine exporters announced"],
        [body, body],
    )
    assert labels[1] == "unrelated"
    assert labels[0] in {"agree", "disagree", "discuss"}
    assert claim.predict_stance([], []) == []
    with pytest.raises(ValueError, match="1 claims but 0 bodies"):
        claim.predict_stance(["x"], [])
    assert claim.predict_stance([""], [""])[0] in claim.LABELS


def test_decision_offsets_let_an_underrated_label_be_said() -> None:
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(0)
    y = rng.integers(0, 4, 400)
    probs = np.full((400, 4), 0.1)
    probs[np.arange(400), y] = 0.6
    disagree = y == claim.LABELS.index("disagree")
    probs[disagree] = [0.1, 0.3, 0.1, 0.5]  # the trees rank disagree second, after unrelated
    offsets = claim.decision_offsets(probs, y)
    def macro(o: np.ndarray) -> float:
        return float(f1_score(y, claim.decide(probs, o), labels=range(4), average="macro"))

    assert offsets[claim.LABELS.index("unrelated")] == 0.0
    assert macro(offsets) == 1.0 > macro(np.zeros(4))


def test_stance_model_file_keeps_its_offsets(tmp_path: Path) -> None:
    claims = ["Crocodile escapes zoo", "Tax rules change", "Crocodile escapes zoo", "Tax rules change"] * 15
    bodies = ["The crocodile escaped, officials said.", "Wine exporters face new tax rules.",
              "Officials denied that a crocodile escaped.", "Nothing about taxes here."] * 15
    labels = ["agree", "discuss", "disagree", "unrelated"] * 15
    ids = [1, 2, 3, 4] * 15
    model = claim.fit_stance(claims, bodies, labels, ids)
    loaded = claim.StanceModel.load(model.save(tmp_path / "stance.npz"))
    assert np.array_equal(loaded.offsets, model.offsets)
    assert loaded.predict(claims[:4], bodies[:4]) == model.predict(claims[:4], bodies[:4])


def test_predict_target_sentiment_shipped_model() -> None:
    sentences = [
        "Critics slammed Mayor Ott for the disastrous handling of the flood.",
        "Voters praised Mayor Ott for her brave and effective leadership.",
    ]
    spans = [(s.index("Ott"), s.index("Ott") + 3) for s in sentences]
    labels = sentiment.predict_target_sentiment(sentences, spans)
    assert labels == ["negative", "positive"]
    assert sentiment.predict_target_sentiment([], []) == []
    assert sentiment.predict_target_sentiment([""], [(0, 0)])[0] in sentiment.LABELS


def test_models_load_once() -> None:
    for module, path in ((claim, claim.DEFAULT_MODEL), (sentiment, sentiment.DEFAULT_MODEL)):
        module._CACHE.clear()
        first = module.get_model()
        assert module.get_model() is first
        assert path.stat().st_size < 15 * 1024 * 1024


def test_lexicon_bias_scores() -> None:
    plain, loaded = bias.predict_bias([
        "The council met on Tuesday to discuss the budget.",
        "The corrupt regime's absurd propaganda stunt was a shameful disgrace.",
    ])
    assert 0.0 <= plain < 0.5 < loaded <= 1.0
    assert bias.predict_bias([]) == []


BABE_LIKE = "text;news_link;outlet;label_bias\n" + "".join(
    f"{t};http://x/{i % 4};O{i % 2};{lab}\n"
    for i, (t, lab) in enumerate(
        [("The absurd plan was a disgraceful sham", "Biased"),
         ("The committee published its report on Monday", "Non-biased")] * 10
    )
)


def test_train_bias_cli_and_use(tmp_path: Path) -> None:
    data = tmp_path / "babe.csv"
    data.write_text(BABE_LIKE, encoding="utf-8")
    out = tmp_path / "bias.npz"
    result = CliRunner().invoke(app, ["train", "bias", "--data", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    probs = bias.predict_bias(["An absurd sham", "The committee met on Monday"], model=out)
    assert probs[0] > 0.5 > probs[1]


def test_train_bias_cli_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a;b\n1;2\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "bias", "--data", str(bad), "--out", "m.npz"])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {bad}: needs ';'-separated columns 'text' and 'label_bias'"
    result = CliRunner().invoke(
        app, ["train", "stance", "--data", str(tmp_path), "--out", str(tmp_path / "s.npz")]
    )
    assert result.exit_code == 1
    assert "train_stances.csv: missing" in result.output


def test_predict_bias_with_missing_model_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="model file not found"):
        bias.predict_bias(["x"], model=tmp_path / "none.npz")


@pytest.mark.parametrize("command", ["stance", "sentiment", "bias"])
def test_train_commands_have_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(app, ["train", command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_marked_word_rates_and_model_file(tmp_path: Path) -> None:
    rates = bias.marked_rates(["a vile plan", "a good plan"], [["vile"], []])
    assert rates == {"vile": 0.5}
    data = tmp_path / "marked.csv"
    rows = [("The vile plan failed", "Biased", "['vile']"), ("The plan failed", "Non-biased", "[]")]
    data.write_text("text;label_bias;biased_words\n" + "".join(
        f"{t};{lab};{m}\n" for t, lab, m in rows * 6), encoding="utf-8")
    loaded = bias.read_babe(data)
    assert loaded.marked[0] == ["vile"] and loaded.labels[:2] == [1, 0]
    path = bias.train_bias(data, tmp_path / "b.npz")
    model = bias.BiasModel.load(path)
    assert model.marked["vile"] > 0
    assert model.predict_proba(["A vile idea", "An idea"])[0] > 0.5
