"""Decision trees from scratch, against scikit-learn, SciPy and closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.tree import DecisionTreeClassifier, export_text

from mlmath import models

CENTRES = ((-1.0, -0.6), (1.0, -0.6), (0.0, 1.0))


def dyadic_clusters(n, seed, centres=CENTRES, spread=0.7):
    """Clustered points on a grid of 1/256: exact in float32, which scikit-learn stores
    X as, so that its thresholds (midpoints of float32 values) can be compared exactly."""
    X, y = models.labelled_clusters(n, centres, spread, seed=seed, decimals=None)
    return np.round(X * 256) / 256, y


def rows_at_nodes(tree, X):
    """The rows of X that reach each node of ``tree``."""
    rows = {0: np.arange(len(X))}
    for node in range(tree.node_count):
        if tree.left[node] >= 0:
            here = rows[node]
            yes = X[here, tree.feature[node]] <= tree.threshold[node]
            rows[tree.left[node]], rows[tree.right[node]] = here[yes], here[~yes]
    return rows


def smallest_margin(tree, X, y):
    """Over the tree's questions, the smallest gap between the best gain at a node and the
    next best (every question tried with ``information_gain``, not ``best_split``)."""
    smallest = math.inf
    for node, rows in rows_at_nodes(tree, X).items():
        if tree.left[node] < 0:
            continue
        gains = sorted((models.information_gain(y[rows], X[rows, j] <= tau)
                        for j in range(X.shape[1]) for tau in models.split_thresholds(X[rows, j])),
                       reverse=True)
        if len(gains) > 1:
            smallest = min(smallest, gains[0] - gains[1])
    return smallest


def sklearn_tree(X, y, max_depth=None, random_state=0, criterion="entropy"):
    return DecisionTreeClassifier(criterion=criterion, max_depth=max_depth,
                                  random_state=random_state).fit(X, y)


# -- candidate thresholds and the best split ----------------------------------------------


def test_thresholds_are_midpoints_between_distinct_values():
    np.testing.assert_array_equal(models.split_thresholds([3.0, 1.0, 2.0, 1.0, 3.0]), [1.5, 2.5])
    assert models.split_thresholds([2.0, 2.0]).size == 0


def test_best_split_is_the_best_of_every_question_tried_one_by_one():
    rng = np.random.default_rng(2)
    for trial in range(10):
        X = np.round(rng.normal(size=(40, 3)), 1)  # repeated values in every feature
        y = (X[:, trial % 3] + 0.5 * rng.normal(size=40) > 0).astype(int) + (X[:, 0] > 1)
        tried = [(models.information_gain(y, X[:, j] <= tau), j, tau)
                 for j in range(3) for tau in models.split_thresholds(X[:, j])]
        gain, feature, threshold = max(tried, key=lambda t: t[0])
        found = models.best_split(X, y)
        assert found.gain == pytest.approx(gain, abs=1e-12)
        # the first of equal gains, in the order (feature, threshold)
        first = next(t for t in tried if t[0] > gain - models.TIE_TOLERANCE)
        assert (found.feature, found.threshold) == (first[1], first[2])


def test_best_split_is_none_when_every_feature_is_constant():
    assert models.best_split([[1.0, 2.0]] * 4, [0, 1, 0, 1]) is None


# -- the tree against scikit-learn --------------------------------------------------------

TIE_FREE = [(0, 300, 3), (0, 300, 4), (1, 300, 4), (1, 150, 4), (2, 300, 3), (2, 150, 4)]


@pytest.mark.parametrize("seed, n, depth", TIE_FREE)
def test_tree_equals_sklearns_on_data_without_ties(seed, n, depth):
    X, y = dyadic_clusters(n, seed)
    mine = models.fit_decision_tree(X, y, max_depth=depth)
    # No two questions at any node of the tree have the same gain, so the best is unique
    # and the order in which features are tried cannot matter.
    assert smallest_margin(mine, X, y) > 1e-9
    X_new, _ = dyadic_clusters(500, seed + 50)
    for random_state in range(5):
        theirs = sklearn_tree(X, y, depth, random_state)
        tree = theirs.tree_
        np.testing.assert_array_equal(mine.feature, np.where(tree.feature < 0, -1, tree.feature))
        # Exactly equal: midpoints of the same float32-exact values.
        np.testing.assert_array_equal(mine.threshold[~mine.is_leaf],
                                      tree.threshold[tree.children_left >= 0])
        np.testing.assert_array_equal(mine.left, tree.children_left)
        np.testing.assert_array_equal(mine.right, tree.children_right)
        np.testing.assert_allclose(mine.counts / mine.counts.sum(1, keepdims=True),
                                   tree.value[:, 0, :], rtol=1e-15)
        np.testing.assert_allclose(mine.entropies, tree.impurity, atol=1e-12)
        assert mine.depth == theirs.get_depth() and mine.n_leaves == theirs.get_n_leaves()
        np.testing.assert_array_equal(mine.predict(X_new), theirs.predict(X_new))
        np.testing.assert_array_equal(mine.apply(X_new), theirs.apply(X_new))


def test_fully_grown_trees_agree_where_they_have_no_ties():
    # Two well-separated clusters with a little overlap: the full tree has no ties.
    X, y = dyadic_clusters(120, seed=4, centres=((-1.5, 0.0), (1.5, 0.0)), spread=0.8)
    mine = models.fit_decision_tree(X, y)
    assert smallest_margin(mine, X, y) > 1e-9
    theirs = sklearn_tree(X, y, random_state=7)
    assert mine.depth == theirs.get_depth() and mine.node_count == theirs.tree_.node_count
    assert mine.accuracy(X, y) == 1.0  # distinct points: grown until every leaf is pure


def test_ties_between_features_go_to_the_first_feature_and_sklearn_decides_by_its_seed():
    # The second feature is the first one doubled: every question on one has a twin on the
    # other, with the same gain, that splits the points the same way.
    x, y = dyadic_clusters(200, seed=6)
    X = np.c_[x[:, 0], 2 * x[:, 0]]
    mine = models.fit_decision_tree(X, y, max_depth=3)
    assert set(mine.feature[~mine.is_leaf]) == {0}
    roots = set()
    for random_state in range(20):
        theirs = sklearn_tree(X, y, 3, random_state)
        roots.add(int(theirs.tree_.feature[0]))
        # Different questions, the same partition: the same predictions everywhere.
        np.testing.assert_array_equal(mine.predict(X), theirs.predict(X))
    assert roots == {0, 1}


def test_a_split_is_made_even_when_no_question_gains_anything_as_sklearn_does():
    # XOR: each feature alone says nothing about the label, both together everything.
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]] * 5)
    y = np.array([0, 1, 1, 0] * 5)
    assert models.best_split(X, y).gain == pytest.approx(0.0, abs=1e-15)
    mine = models.fit_decision_tree(X, y, max_depth=2)
    theirs = sklearn_tree(X, y, 2)
    assert mine.accuracy(X, y) == 1.0 == theirs.score(X, y)
    assert mine.depth == theirs.get_depth() == 2 and mine.n_leaves == theirs.get_n_leaves() == 4


def test_leaves_pure_nodes_and_constant_features():
    one = models.fit_decision_tree([[0.0], [1.0], [2.0]], ["a", "a", "a"])
    assert one.node_count == 1 and list(one.predict([[5.0]])) == ["a"]
    # Identical points with different labels cannot be told apart: one leaf, and its tied
    # counts go to the first class in sorted order, as sklearn's argmax.
    same = models.fit_decision_tree([[1.0, 1.0]] * 4, [1, 0, 1, 0])
    assert same.node_count == 1 and same.predict([[0.0, 0.0]])[0] == 0
    assert sklearn_tree(np.ones((4, 2)), [1, 0, 1, 0]).predict([[0.0, 0.0]])[0] == 0


def test_string_labels_are_kept():
    X, y = dyadic_clusters(60, seed=3, centres=((-2.0, 0.0), (2.0, 0.0)))
    names = np.array(["cat", "dog"])[y]
    tree = models.fit_decision_tree(X, names, max_depth=2)
    assert set(tree.predict(X)) <= {"cat", "dog"}
    np.testing.assert_array_equal(tree.predict(X), sklearn_tree(X, names, 2).predict(X))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_shallow_tree_is_the_deep_one_cut_at_that_depth(seed):
    X, y = models.labelled_clusters(200, CENTRES, 0.7, seed=seed)
    full = models.fit_decision_tree(X, y)
    for depth in range(1, full.depth + 2):
        grown = models.fit_decision_tree(X, y, max_depth=depth)
        cut = full.cut_at(depth)
        for field in ("feature", "left", "right", "counts", "node_depth"):
            np.testing.assert_array_equal(getattr(cut, field), getattr(grown, field), field)
        np.testing.assert_array_equal(cut.threshold, grown.threshold)
        assert cut.depth == min(depth, full.depth)


def test_the_flow_chart_is_sklearns_export_text():
    X, y = dyadic_clusters(300, seed=0)
    mine = models.fit_decision_tree(X, y, max_depth=3)
    theirs = sklearn_tree(X, y, 3)
    assert models.tree_text(mine) == export_text(theirs)
    assert models.tree_text(mine, ["x1", "x2"], decimals=3) == export_text(
        theirs, feature_names=["x1", "x2"], decimals=3)


def test_labelled_clusters_are_seeded_balanced_and_extend_each_other():
    X, y = models.labelled_clusters(10, CENTRES, 0.5, seed=9)
    assert X.shape == (10, 2) and list(y) == [0, 1, 2, 0, 1, 2, 0, 1, 2, 0]
    np.testing.assert_array_equal(X, np.round(X, 2))
    bigger, _ = models.labelled_clusters(30, CENTRES, 0.5, seed=9)
    np.testing.assert_array_equal(bigger[:10], X)
    many, labels = models.labelled_clusters(3000, CENTRES, 0.5, seed=1, decimals=None)
    for c, centre in enumerate(CENTRES):
        np.testing.assert_allclose(many[labels == c].mean(0), centre, atol=0.05)
        np.testing.assert_allclose(many[labels == c].std(0), 0.5, atol=0.03)


# -- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("X, y, kwargs, message", [
    ([], [], {}, r"^X must hold at least one example \(a row of features\), got an empty"),
    (np.empty((0, 2)), [], {}, r"^X must hold at least one example"),
    ([[1.0], [2.0]], [0], {}, r"^X and y must describe the same examples: X has 2 rows but y "
                              r"has 1 labels"),
    ([[1.0], [np.nan]], [0, 1], {}, r"^X must be finite \(no NaN or inf\)"),
    ([[1.0], [2.0]], [0.0, np.nan], {}, r"^y must not contain NaN"),
    ([[1.0], [2.0]], [], {}, r"^y must hold at least one label"),
    ([[1.0], [2.0]], [0, 1], {"max_depth": 0},
     r"^max_depth must be a whole number of at least 1, or None for no limit, got 0"),
    ([[1.0], [2.0]], [0, 1], {"max_depth": -3}, r"^max_depth must be a whole number"),
    ([[1.0], [2.0]], [0, 1], {"max_depth": 2.5}, r"^max_depth must be a whole number"),
    ([[1.0], [2.0]], [0, 1], {"max_depth": True}, r"^max_depth must be a whole number"),
])
def test_bad_input_is_refused_naming_the_argument(X, y, kwargs, message):
    with pytest.raises(ValueError, match=message):
        models.fit_decision_tree(X, y, **kwargs)


def test_bad_input_to_the_pieces():
    with pytest.raises(ValueError, match=r"^X and y must describe the same examples"):
        models.best_split([[1.0], [2.0]], [0, 1, 1])
    tree = models.fit_decision_tree([[1.0, 0.0], [1.0, 1.0]], [0, 1])  # asks about x[1]
    with pytest.raises(ValueError, match=r"^max_depth must be a whole number of at least 1, got 0"):
        tree.cut_at(0)
    with pytest.raises(ValueError, match=r"^X must be finite"):
        tree.predict([[np.nan, 0.0]])
    with pytest.raises(ValueError, match=r"^feature_names must name the"):
        models.tree_text(tree, ["only one"])
    with pytest.raises(ValueError, match=r"^spread must be > 0"):
        models.labelled_clusters(5, CENTRES, spread=0.0)
