"""The split explorer: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from sklearn.metrics import mutual_info_score
from sklearn.tree import DecisionTreeClassifier

from mlmath import models
from mlmath.figures import fig_split_explorer
from mlmath.figures.models.split_explorer import (BOX, DEPTH, FEATURES, HELD_OUT, POINTS,
                                                  accuracies, full_tree, held_out, page_state,
                                                  pool, readout_text)
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "split-explorer"
SIZES = [int(v) for v in POINTS.values()]


def values(feature="x₁", tau=0.0, depth=3, n=200):
    return {f"{NAME}-feature": feature, f"{NAME}-threshold": tau, f"{NAME}-depth": depth,
            f"{NAME}-points": n}


def steps_for(**kwargs):
    return [[name, "value", value] for name, value in values(**kwargs).items()]


def number_after(text: str, words: str) -> float:
    """The number that follows ``words`` in the readout (a true minus read as '-')."""
    tail = text.split(words, 1)[1].lstrip(" :=")
    token = tail.split()[0].rstrip(",;:<").split("<")[0]
    return float(token.replace("−", "-"))


@pytest.mark.parametrize("feature, tau, n", [("x₁", 0.0, 200), ("x₂", 0.35, 500),
                                             ("x₁", -1.2, 50), ("x₂", 1.5, 350)])
def test_readout_entropies_and_gain_against_scipy_and_mutual_information(feature, tau, n):
    X, y = pool()
    X, y = X[:n], y[:n]
    yes = X[:, FEATURES.index(feature)] <= tau
    text = readout_text(feature, tau, 3, n)
    assert number_after(text, "H(S)") == pytest.approx(
        stats.entropy(np.bincount(y), base=2), abs=5e-4)
    for side, mask in (("yes", yes), ("no", ~yes)):
        counts = np.bincount(y[mask], minlength=3)
        shown = text.split(f"{side}: ", 1)[1]
        assert shown.startswith(f"{mask.sum()} points (○ {counts[0]}, □ {counts[1]}, "
                                f"△ {counts[2]})")
        assert number_after(shown, "H") == pytest.approx(stats.entropy(counts, base=2),
                                                         abs=5e-4)
    gain = mutual_info_score(y, yes) / math.log(2)
    assert number_after(text, "<b>gain") == pytest.approx(gain, abs=5e-4)


@pytest.mark.parametrize("n", [50, 200, 500])
def test_the_best_question_is_sklearns_first_split(n):
    X, y = pool()
    root = DecisionTreeClassifier(criterion="entropy", max_depth=1,
                                  random_state=0).fit(X[:n], y[:n]).tree_
    text = readout_text("x₁", 0.0, 1, n)
    best = text.split("Best question of all: ")[1]
    assert best.startswith(FEATURES[root.feature[0]])
    # scikit-learn keeps X as float32: the same midpoint to float32's precision.
    assert number_after(best, "≤") == pytest.approx(root.threshold[0], abs=6e-4)
    # the gain of sklearn's root split: the drop in its impurity
    left, right = root.children_left[0], root.children_right[0]
    weights = root.weighted_n_node_samples
    drop = root.impurity[0] - (weights[left] * root.impurity[left]
                               + weights[right] * root.impurity[right]) / weights[0]
    assert number_after(best, "gain") == pytest.approx(drop, abs=5e-4)


def test_the_best_on_a_feature_is_the_top_of_its_gain_curve():
    for n in (50, 300):
        for feature in FEATURES:
            state = page_state(values(feature, 0.0, 3, n))
            curve = state[f"{NAME}-gain"]["data"]
            star = state[f"{NAME}-gain-best"]["data"]
            assert star["gain"][0] == pytest.approx(max(curve["gain"]), abs=1e-12)
            # the star sits between the two values whose step is the highest
            k = int(np.argmax(curve["gain"]))
            assert curve["tau"][k] < star["tau"][0] < curve["tau"][k + 1]


def test_the_regions_tile_the_plane_and_predict_as_the_tree_does():
    rng = np.random.default_rng(0)
    probes = rng.uniform(-3.5, 3.5, size=(400, 2))
    for n, depth in ((50, 1), (200, 3), (500, 7), (500, 12)):
        state = page_state(values("x₁", 0.0, depth, n))
        area = 0.0
        found = np.full(len(probes), -1)
        for c in range(3):
            r = state[f"{NAME}-regions-{c}"]["data"]
            for x0, x1, y0, y1 in zip(r["left"], r["right"], r["bottom"], r["top"]):
                area += (x1 - x0) * (y1 - y0)
                inside = ((probes[:, 0] > x0) & (probes[:, 0] <= x1)
                          & (probes[:, 1] > y0) & (probes[:, 1] <= y1))
                assert np.all(found[inside] == -1)  # no probe in two rectangles
                found[inside] = c
        assert area == pytest.approx((2 * BOX) ** 2)
        X, y = pool()
        tree = models.fit_decision_tree(X[:n], y[:n], max_depth=depth)
        np.testing.assert_array_equal(found, tree.predict(probes))


def test_the_shipped_trees_cut_at_a_depth_are_the_trees_grown_to_it():
    X, y = pool()
    for n in (50, 500):
        for depth in (1, 2, 4, 12):
            grown = models.fit_decision_tree(X[:n], y[:n], max_depth=depth)
            cut = full_tree(n).cut_at(depth)
            np.testing.assert_array_equal(cut.feature, grown.feature)
            np.testing.assert_array_equal(cut.threshold, grown.threshold)


@pytest.mark.parametrize("n", [50, 250, 500])
def test_accuracies_against_sklearn_at_depths_without_ties(n):
    X, y = pool()
    training, held = accuracies(n)
    X_held, y_held = held_out()
    for depth in (1, 2, 3):
        theirs = DecisionTreeClassifier(criterion="entropy", max_depth=depth,
                                        random_state=0).fit(X[:n], y[:n])
        assert training[depth - 1] == pytest.approx(theirs.score(X[:n], y[:n]), abs=1e-12)
        # The points are rounded to 0.01, so a held-out point can lie exactly on a
        # threshold (1.44, between 1.43 and 1.45); whether it is ≤ the midpoint then depends
        # on rounding, and scikit-learn rounds X to float32 first. Elsewhere they agree.
        mine = full_tree(n).cut_at(depth)
        asked = ~mine.is_leaf
        on_a_line = np.any(np.isclose(X_held[:, mine.feature[asked]], mine.threshold[asked],
                                      rtol=0, atol=1e-9), axis=1)
        differ = mine.predict(X_held) != theirs.predict(X_held)
        assert not np.any(differ & ~on_a_line)
        assert held[depth - 1] == pytest.approx(
            theirs.score(X_held, y_held) + (np.sum(differ & (mine.predict(X_held) == y_held))
                                            - np.sum(differ & (theirs.predict(X_held) == y_held)))
            / len(y_held), abs=1e-12)
    # deep enough, a tree memorises its training points and does worse on new ones
    assert training[-1] > max(held) and held[-1] < max(held)
    # the accuracy plot's legend sits in the band below 0.5, which no curve enters
    assert min(training + held) > 0.5
    assert len(y_held) == HELD_OUT


def test_degenerate_settings_are_said_in_words_never_nan():
    low = readout_text("x₁", -3.5, 3, 200)
    assert "all 200 points answer no, none yes" in low and "separates nothing" in low
    assert "<b>gain 0.000 bits</b>" in low
    high = readout_text("x₂", 3.5, 3, 200)
    assert "all 200 points answer yes, none no" in high
    pure = readout_text("x₁", -2.0, 3, 200)  # only circles that far left
    assert "yes: " in pure and "(○ " in pure and "bits (pure)" in pure
    grown = readout_text("x₁", 0.0, 12, 50)
    assert f"Depth 12, but the tree stops at {full_tree(50).depth}" in grown
    for text in (low, high, pure, grown):
        assert "NaN" not in text and "nan" not in text and "undefined" not in text
    state = page_state(values("x₁", -3.5, 3, 200))
    assert state[f"{NAME}-gain-now"]["data"] == {"tau": [-3.5], "gain": [0.0]}


SETTINGS = [
    dict(), dict(feature="x₂", tau=0.35, depth=1, n=500), dict(tau=-3.5, depth=12, n=50),
    dict(feature="x₂", tau=3.5, depth=12, n=500), dict(tau=-2.0, depth=5, n=150),
    dict(feature="x₂", tau=-0.6, depth=7, n=450), dict(tau=1.25, depth=2, n=100),
]


def test_the_page_recomputes_counts_entropies_and_gains_as_python_does():
    figure = fig_split_explorer()
    with BokehJS() as runner:
        for setting in SETTINGS:
            shown, expected = runner.state_after(figure, steps_for(**setting), page_state)
            assert shown[f"{NAME}-readout"] == expected[f"{NAME}-readout"], setting
            assert_matches(shown, expected, str(setting))


def test_the_page_finds_the_best_questions_as_python_does_for_every_number_of_points():
    # The best question depends only on N and the feature; each is checked once.
    figure = fig_split_explorer()
    with BokehJS() as runner:
        for n in SIZES:
            for feature in FEATURES:
                shown, expected = runner.state_after(
                    figure, steps_for(feature=feature, tau=0.5, depth=4, n=n), page_state)
                for key in ("readout", "gain-best", "best", "gain"):
                    assert_matches(shown[f"{NAME}-{key}"], expected[f"{NAME}-{key}"],
                                   f"N = {n}, {feature}: {key}")


@pytest.mark.parametrize("kwargs, message", [
    ({"feature": "x₃"}, r"^feature must be one of 'x₁', 'x₂'"),
    ({"tau": 4.0}, r"^tau must be in \[-3.5, 3.5\] in steps of 0.05"),
    ({"tau": 0.01}, r"^tau must be .* between two steps"),
    ({"tau": float("nan")}, r"^tau must be"),
    ({"depth": 0}, r"^depth must be in \[1, 12\]"),
    ({"depth": 13}, r"^depth must be in \[1, 12\]"),
    ({"n": 40}, r"^n must be in \[50, 500\]"),
    ({"n": 75}, r"^n must be .* between two steps"),
])
def test_bad_settings_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_split_explorer(**kwargs)


def test_alt_text_states_the_question_the_gain_and_the_accuracies():
    alt = fig_split_explorer(feature="x₂", tau=0.35, depth=2, n=300).alt
    training, held = accuracies(300)
    assert "x₂ ≤ 0.35" in alt and "depth 2" in alt
    assert f"{100 * training[1]:.1f} % on the training points" in alt
    assert f"{100 * held[1]:.1f} % on {HELD_OUT} held-out points" in alt
    assert DEPTH.end == 12
