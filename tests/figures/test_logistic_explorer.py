"""The logistic explorer: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
from matplotlib.path import Path
from scipy import special
from sklearn import metrics

from mlmath import models
from mlmath.figures import fig_logistic_explorer
from mlmath.figures.models.logistic_explorer import (CLIP, DATA_CHOICES, ETA, SLIDERS,
                                                     page_state, readout_text, shipped_data)
from tests.figures.bokehjs import assert_matches

NAME = "logistic-explorer"
#: The page repeats the gradient steps with the same operations, but adds each step's
#: N terms left to right where NumPy's matrix product may group them otherwise: the
#: weights after 500 steps agree to 1e-12 of their size.
WEIGHTS_RTOL = 1e-12


def values(data="overlapping", tau=0.5, steps=0, w1=1.0, w2=0.0, b=0.0):
    return {f"{NAME}-data": data, f"{NAME}-tau": tau, f"{NAME}-steps": float(steps),
            f"{NAME}-w1": w1, f"{NAME}-w2": w2, f"{NAME}-b": b}


def steps_for(**kwargs):
    return [[name, "value", value] for name, value in values(**kwargs).items()]


def arrays(data):
    shipped = shipped_data()[data]
    return np.c_[shipped["x1"], shipped["x2"]], np.array(shipped["y"], dtype=float)


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


# The controls' ends, both directions of w, every data set, and the degenerate settings.
SETTINGS = [
    dict(),                                                                  # the chapter's
    dict(steps=1),
    dict(steps=37, w1=-5.0, w2=5.0, b=-5.0, tau=0.01),
    dict(steps=500, w1=-5.0, w2=-5.0, b=5.0, tau=0.99),
    dict(data="separable", steps=500, w1=0.0, w2=0.0, b=0.0),
    dict(data="separable", steps=0, w1=0.0, w2=0.0, b=-5.0, tau=0.99),      # w = 0
    dict(data="rare positives", steps=500, w1=5.0, w2=5.0, b=5.0, tau=0.99),
    dict(data="rare positives", steps=250, w1=0.0, w2=0.0, b=0.0, tau=0.2),
    dict(data="rare positives", steps=0, w1=0.3, w2=-0.2, b=-5.0, tau=0.5),  # nothing ≥ τ
    dict(data="overlapping", steps=0, w1=0.0, w2=0.0, b=0.0, tau=0.5),       # p̂ = τ for all
]


def test_the_pages_gradient_steps_are_the_packages_gradient_descent(bokehjs):
    figure = fig_logistic_explorer()
    for setting in SETTINGS:
        shown, expected = bokehjs.state_after(figure, steps_for(**setting), page_state)
        v = {**values(), **{f"{NAME}-{k}": val for k, val in setting.items()}}
        X, y = arrays(v[f"{NAME}-data"])
        start = [v[f"{NAME}-w1"], v[f"{NAME}-w2"], v[f"{NAME}-b"]]
        steps = int(v[f"{NAME}-steps"])
        theta = np.array(start) if steps == 0 else models.fit_logistic_regression(
            X, y, eta=ETA, steps=steps, start=start).theta
        arrow = shown[f"{NAME}-arrow"]["data"]
        if np.hypot(*theta[:2]) > 0:
            np.testing.assert_allclose([arrow["w1"][0], arrow["w2"][0], arrow["b"][0]], theta,
                                       rtol=WEIGHTS_RTOL, atol=1e-14, err_msg=str(setting))
        else:
            assert arrow["w1"] == [], setting
        assert shown[f"{NAME}-readout"] == expected[f"{NAME}-readout"], setting
        assert_matches(shown, expected, str(setting))


def test_the_menu_alone_redraws_every_data_set(bokehjs):
    figure = fig_logistic_explorer()
    for data, _ in DATA_CHOICES:
        shown, expected = bokehjs.state_after(figure, [[f"{NAME}-data", "value", data]],
                                              page_state)
        assert len(shown[f"{NAME}-points"]["data"]["x1"]) == len(arrays(data)[1])
        assert_matches(shown, expected, data)


@pytest.mark.parametrize("setting", SETTINGS)
def test_probabilities_loss_and_counts_against_scipy_and_scikit_learn(setting):
    v = {**values(), **{f"{NAME}-{k}": val for k, val in setting.items()}}
    state = page_state(v)
    X, y = arrays(v[f"{NAME}-data"])
    arrow = state[f"{NAME}-arrow"]["data"]
    theta = ([arrow["w1"][0], arrow["w2"][0], arrow["b"][0]] if arrow["w1"]
             else [v[f"{NAME}-w1"], v[f"{NAME}-w2"], v[f"{NAME}-b"]])
    z = X @ theta[:2] + theta[2]
    p = special.expit(z)
    np.testing.assert_allclose(state[f"{NAME}-along"]["data"]["p"], p, rtol=1e-13, atol=1e-300)
    tau = v[f"{NAME}-tau"]
    predicted = (p >= tau).astype(int)
    tn, fp, fn, tp = metrics.confusion_matrix(y, predicted, labels=[0, 1]).ravel()
    assert state[f"{NAME}-counts"]["data"]["text"] == [f"FN {fn}", f"TP {tp}", f"TN {tn}",
                                                       f"FP {fp}"]
    text = plain(state[f"{NAME}-readout"]["text"])
    assert f"TP = {tp}, FP = {fp}, FN = {fn}, TN = {tn}" in text
    assert f"recall = {metrics.recall_score(y, predicted):.3f}" in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        precision = metrics.precision_score(y, predicted, zero_division=np.nan)
    if np.isnan(precision):
        assert "0/0 is undefined" in text and "precision = " in text
    else:
        assert f"precision = {precision:.3f}" in text
    loss = -np.mean(y * special.log_expit(z) + (1 - y) * special.log_expit(-z))
    assert f"L = {loss:.3f}" in text
    assert state[f"{NAME}-plane-title"]["text"].endswith(f"L = {loss:.3f}")


def test_the_left_plot_is_the_sigmoid_along_w_and_its_cut_splits_the_predictions():
    state = page_state(values(steps=20, w1=-1.0, w2=2.0, b=0.5, tau=0.3))
    arrow = state[f"{NAME}-arrow"]["data"]
    w, b = np.array([arrow["w1"][0], arrow["w2"][0]]), arrow["b"][0]
    norm = np.linalg.norm(w)
    curve = state[f"{NAME}-curve"]["data"]
    np.testing.assert_allclose(curve["p"], special.expit(norm * np.array(curve["s"]) + b),
                               rtol=1e-13)
    along = state[f"{NAME}-along"]["data"]
    X, y = arrays("overlapping")
    np.testing.assert_allclose(along["s"], X @ w / norm, rtol=1e-12, atol=1e-12)
    cut = state[f"{NAME}-cut-line"]["location"]
    assert special.expit(norm * cut + b) == pytest.approx(0.3)
    right = np.array(along["s"]) >= cut
    np.testing.assert_array_equal(right, np.array(along["p"]) >= 0.3)
    assert state[f"{NAME}-cut-box"] == {"left": cut, "visible": True}
    # rows: each point at the height of its label, spread by at most 0.05
    assert np.all(np.abs(np.array(along["row"]) - y) <= 0.05 + 1e-12)


@pytest.mark.parametrize("setting", [dict(), dict(steps=60, w1=-3.0, w2=1.0, b=2.0, tau=0.8),
                                     dict(data="rare positives", steps=500, tau=0.1)])
def test_the_shaded_side_of_the_plane_holds_exactly_the_points_predicted_1(setting):
    v = {**values(), **{f"{NAME}-{k}": val for k, val in setting.items()}}
    state = page_state(v)
    region = state[f"{NAME}-region"]["data"]
    polygon = Path(np.c_[region["x"], region["y"]], closed=False)
    X, _ = arrays(v[f"{NAME}-data"])
    predicted = np.array(state[f"{NAME}-along"]["data"]["p"]) >= v[f"{NAME}-tau"]
    inside = polygon.contains_points(X)
    np.testing.assert_array_equal(inside, predicted)
    # the boundary's ends lie on w·x + b = logit(τ), on the square's edges
    arrow = state[f"{NAME}-arrow"]["data"]
    ends = state[f"{NAME}-boundary"]["data"]
    for x1, x2 in zip(ends["x"], ends["y"]):
        score = arrow["w1"][0] * x1 + arrow["w2"][0] * x2 + arrow["b"][0]
        assert score == pytest.approx(special.logit(v[f"{NAME}-tau"]), abs=1e-9)
        assert max(abs(x1), abs(x2)) == pytest.approx(CLIP)
    start = state[f"{NAME}-start-boundary"]["data"]
    assert (len(start["x"]) == 2) == (v[f"{NAME}-steps"] > 0)


def test_degenerate_settings_are_said_in_words_and_nothing_is_nan():
    nothing = readout_text("rare positives", 0.5, 0, 0.3, -0.2, -5.0)
    assert "no example has p̂ ≥ 0.50, so precision = TP/(TP + FP) = 0/0 is undefined" in \
        plain(nothing)
    flat = page_state(values(data="separable", w1=0.0, w2=0.0, b=-5.0, tau=0.99))
    text = plain(flat[f"{NAME}-readout"]["text"])
    assert "w = 0: every example gets p̂ = σ(b) = 0.007, whatever its features" in text
    assert flat[f"{NAME}-cut-line"]["visible"] is False
    assert flat[f"{NAME}-cut-box"]["visible"] is False  # σ(−5) < 0.99: nothing is predicted 1
    assert flat[f"{NAME}-region"]["data"] == {"x": [], "y": []}
    everything = page_state(values(w1=0.0, w2=0.0, b=0.0, tau=0.5))  # σ(0) = 0.5 ≥ τ
    assert everything[f"{NAME}-cut-box"]["visible"] is True
    assert len(everything[f"{NAME}-region"]["data"]["x"]) == 4
    for setting in SETTINGS:
        state = page_state({**values(), **{f"{NAME}-{k}": v for k, v in setting.items()}})
        for name, properties in state.items():
            for key, value in properties.items():
                found = ([v for column in value.values() for v in column] if key == "data"
                         else [value])
                for v in found:
                    if isinstance(v, float):
                        assert math.isfinite(v), (name, key, v)
                    else:
                        assert "NaN" not in str(v) and "nan" not in str(v).split() \
                            and "Infinity" not in str(v), (name, v)


def test_on_separable_data_more_steps_only_grow_the_weights_and_shrink_the_loss():
    norms, losses = [], []
    for steps in (10, 50, 100, 200, 500):
        text = plain(readout_text("separable", 0.5, steps, 0.0, 0.0, 0.0))
        norms.append(float(re.search(r"‖w‖ = ([\d.]+)", text).group(1)))
        losses.append(float(re.search(r"L = ([\d.]+)", text).group(1)))
        assert "A line separates these classes" in text
    assert norms == sorted(norms) and len(set(norms)) == len(norms)
    assert losses == sorted(losses, reverse=True) and losses[-1] > 0
    assert "TP = 30, FP = 0, FN = 0, TN = 30" in plain(readout_text("separable", 0.5, 500,
                                                                    0.0, 0.0, 0.0))


def test_the_shipped_data_are_the_packages_data_sets():
    for data, _ in DATA_CHOICES:
        X, y = arrays(data)
        made = models.classification_data(data)
        np.testing.assert_array_equal(X, made.X)
        np.testing.assert_array_equal(y, made.y)
        assert np.all(np.abs(shipped_data()[data]["spread"]) <= 0.05)


@pytest.mark.parametrize("kwargs, message", [
    ({"data": "moons"}, r"^data must be one of 'overlapping', 'rare positives', 'separable'"),
    ({"tau": 0.0}, r"^tau must be in \[0.01, 0.99\]"),
    ({"tau": float("nan")}, r"^tau must be"),
    ({"tau": 0.505}, r"^tau must be .* between two steps"),
    ({"steps": -1}, r"^steps must be in \[0, 500\]"),
    ({"steps": 501}, r"^steps must be in \[0, 500\]"),
    ({"w1": 5.5}, r"^w1 must be in \[-5, 5\]"),
    ({"w2": "1"}, r"^w2 must be a number"),
    ({"b": 0.25}, r"^b must be .* between two steps"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_logistic_explorer(**kwargs)


def test_alt_text_states_the_model_and_its_numbers():
    alt = fig_logistic_explorer().alt
    state = page_state(values())
    counts = state[f"{NAME}-counts"]["data"]["text"]
    tp, tn = counts[1].split()[1], counts[2].split()[1]
    assert f"{tp} true positives" in alt and f"{tn} true negatives" in alt
    assert "w = (1.00, 0.00), b = 0.00" in alt and "τ = 0.50" in alt
    assert state[f"{NAME}-plane-title"]["text"].split("L = ")[1] in alt
    trained = fig_logistic_explorer(steps=100).alt
    assert "after 100 gradient steps" in trained
    assert "undefined" in fig_logistic_explorer("rare positives", 0.5, 0, 0.3, -0.2, -5.0).alt


def test_the_sliders_cover_what_the_chapter_promises():
    assert SLIDERS["steps"].end == 500 and SLIDERS["tau"].start == 0.01
    assert max(len(arrays(d)[1]) for d, _ in DATA_CHOICES) == 500
