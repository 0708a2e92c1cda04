"""Gradient-boosted trees scored without scikit-learn: every node tested at once (leaf bit masks)
gives the very scores of a walk down each tree, and scikit-learn's own."""

from __future__ import annotations

from functools import cache

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from compare.artefacts import LeafMasks, TreeEnsemble

FEATURES = 5


@cache
def fitted(leaves: int, classes: int) -> tuple[object, TreeEnsemble]:
    """A model with up to ``leaves`` leaves a tree, fitted on data with missing values."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    rng = np.random.default_rng(leaves)
    x = rng.normal(size=(2000, FEATURES))
    y = (x[:, 0] + np.sin(3 * x[:, 1]) > 0).astype(int) + (classes > 2) * (x[:, 2] > 0.5)
    x[rng.random(x.shape) < 0.1] = np.nan
    with threadpool_limits(limits=1):
        clf = HistGradientBoostingClassifier(
            max_iter=15, max_leaf_nodes=leaves, min_samples_leaf=2, random_state=0
        )
        clf.fit(x, y)
    return clf, TreeEnsemble.from_sklearn(clf)


samples = arrays(
    np.float64,
    st.tuples(st.integers(0, 40), st.just(FEATURES)),
    elements=st.one_of(st.floats(-3, 3), st.just(np.nan), st.just(np.inf), st.just(-np.inf), st.just(0.0)),
)


@settings(max_examples=60, deadline=None)
@given(samples, st.sampled_from([(3, 2), (15, 2), (31, 3), (64, 2)]))
def test_all_nodes_at_once_score_as_the_walk_down_each_tree(x: np.ndarray, shape: tuple[int, int]) -> None:
    clf, trees = fitted(*shape)
    masks = LeafMasks.of(trees)
    assert masks is not None
    assert np.array_equal(masks.exit_values(x), trees.value[trees._walk(x)])
    if len(x):
        np.testing.assert_allclose(trees.raw_scores(x), clf._raw_predict(x), atol=1e-9)  # type: ignore[attr-defined]


def test_trees_of_more_leaves_than_64_bits_are_walked_and_score_as_sklearn() -> None:
    clf, trees = fitted(100, 2)
    assert LeafMasks.of(trees) is None
    x = np.random.default_rng(1).normal(size=(50, FEATURES))
    np.testing.assert_allclose(trees.predict_proba(x), clf.predict_proba(x), atol=1e-9)  # type: ignore[attr-defined]
