"""Entropy, Gini impurity and information gain of labelled examples, against SciPy,
scikit-learn and closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from sklearn.metrics import mutual_info_score
from sklearn.tree import DecisionTreeClassifier

from mlmath import models


@pytest.mark.parametrize("labels, expected", [
    ([1, 1, 1, 1], 0.0), ([0, 1], 1.0), ([0, 1, 2, 3], 2.0), (list("aab"), None),
    ([0, 0, 0, 1], None), ([2, 0, 1, 1, 2, 2], None)])
def test_node_entropy_against_scipy_and_closed_forms(labels, expected):
    counts = np.unique(labels, return_counts=True)[1]
    assert models.node_entropy(labels) == pytest.approx(stats.entropy(counts, base=2), abs=1e-15)
    if expected is not None:
        assert models.node_entropy(labels) == expected
    assert models.class_proportions(labels).sum() == pytest.approx(1.0)


def test_entropy_of_k_equal_classes_is_log2_k_and_the_largest_possible():
    for k in range(1, 9):
        assert models.node_entropy(np.repeat(np.arange(k), 5)) == pytest.approx(math.log2(k))
    rng = np.random.default_rng(0)
    for _ in range(20):
        labels = rng.integers(0, 3, size=30)
        assert models.node_entropy(labels) <= math.log2(3) + 1e-12


def test_gini_impurity_is_one_minus_the_sum_of_squares_and_sklearns_root_impurity():
    labels = np.array([0, 0, 0, 1, 1, 2])
    assert models.gini_impurity(labels) == pytest.approx(1 - (0.5**2 + (1 / 3) ** 2 + (1 / 6) ** 2))
    assert models.gini_impurity([4, 4]) == 0.0
    X, y = models.labelled_clusters(90, ((-1.0, 0.0), (1.0, 0.0), (0.0, 1.0)), 0.7, seed=5)
    root = DecisionTreeClassifier(criterion="gini", max_depth=1).fit(X, y).tree_.impurity[0]
    assert models.gini_impurity(y) == pytest.approx(root, abs=1e-15)


def test_information_gain_is_the_mutual_information_of_answer_and_label():
    rng = np.random.default_rng(1)
    for _ in range(30):
        labels = rng.integers(0, 3, size=40)
        answer = rng.random(40) < rng.random()
        # sklearn's mutual information is in nats
        expected = mutual_info_score(labels, answer) / math.log(2)
        assert models.information_gain(labels, answer) == pytest.approx(expected, abs=1e-12)
        assert 0.0 <= models.information_gain(labels, answer) <= 1.0 + 1e-12  # one yes/no


def test_information_gain_by_hand_and_of_a_question_that_separates_nothing():
    labels = np.array([0, 0, 0, 1, 1, 1, 1, 1])
    left = np.array([True, True, True, True, False, False, False, False])
    # H(S) = H(3/8); left 3:1, right 0:4 (pure)
    h = lambda p: -p * math.log2(p) - (1 - p) * math.log2(1 - p)  # noqa: E731
    assert models.information_gain(labels, left) == pytest.approx(h(3 / 8) - 0.5 * h(1 / 4))
    assert models.information_gain(labels, np.ones(8, bool)) == 0.0
    assert models.information_gain(labels, np.zeros(8, bool)) == 0.0
    assert models.information_gain(labels, labels == 0) == pytest.approx(h(3 / 8))


def test_bad_input_is_refused_naming_the_argument():
    with pytest.raises(ValueError, match=r"^y must hold at least one label"):
        models.node_entropy([])
    with pytest.raises(ValueError, match=r"^y must not contain NaN"):
        models.gini_impurity([0.0, float("nan")])
    with pytest.raises(ValueError, match=r"^goes_left must be a boolean array with one entry"):
        models.information_gain([0, 1], [1, 0])
    with pytest.raises(ValueError, match=r"^goes_left must be a boolean array"):
        models.information_gain([0, 1], [True])
