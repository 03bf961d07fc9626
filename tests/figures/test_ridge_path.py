"""The ridge path: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from mlmath import models
from mlmath.figures import fig_ridge_path
from mlmath.figures.models.ridge_path import (CURVE_POINTS, DEGREE, LOG_ALPHA, page_state, path,
                                              readout_text)
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "ridge-path"
GRID = np.array([1.0 if i == CURVE_POINTS - 1 else i / (CURVE_POINTS - 1)
                 for i in range(CURVE_POINTS)])


def _values(log_alpha):
    return {f"{NAME}-log-alpha": log_alpha}


def _pipeline(alpha):
    return make_pipeline(PolynomialFeatures(DEGREE, include_bias=False), StandardScaler(),
                         Ridge(alpha=alpha, solver="svd"))


def test_the_slider_has_41_stops_from_1e_minus_8_to_100():
    assert LOG_ALPHA.count == 41
    np.testing.assert_allclose(path()["alphas"][[0, -1]], [1e-8, 100.0])


@pytest.mark.parametrize("log_alpha", [-8.0, -5.0, -2.5, 0.0, 2.0])
def test_the_fit_drawn_is_scikit_learns_ridge_pipeline(log_alpha):
    p = path()
    model = _pipeline(10.0 ** log_alpha).fit(p["x"][:, None], p["y"])
    drawn = np.array(page_state(_values(log_alpha))[f"{NAME}-fit"]["data"]["y"])
    theirs = model.predict(GRID[:, None])
    # scikit-learn's own rounding grows with the weights (|w| up to 250 at α = 1e-8)
    np.testing.assert_allclose(drawn, theirs, atol=1e-7 * np.abs(model[-1].coef_).max())
    weights = page_state(_values(log_alpha))[f"{NAME}-weights-now"]["data"]["w"]
    np.testing.assert_allclose(weights, model[-1].coef_, rtol=1e-6,
                               atol=1e-9 * np.abs(model[-1].coef_).max())


def test_every_drawn_curve_is_the_packages_prediction():
    # The page evaluates the polynomial term by term; the package by a matrix product.
    p = path()
    X = models.polynomial_powers(GRID, DEGREE)
    for stop, fit in zip(LOG_ALPHA.values(), p["fits"]):
        drawn = page_state(_values(float(stop)))[f"{NAME}-fit"]["data"]["y"]
        np.testing.assert_allclose(drawn, fit.predict(X), rtol=1e-10,
                                   atol=1e-12 * max(1.0, np.abs(fit.weights).sum()))


@pytest.mark.parametrize("log_alpha", [-8.0, -2.5, 2.0])
def test_the_errors_shown_are_cross_val_scores(log_alpha):
    p = path()
    X = p["x"][:, None]
    folds = -cross_val_score(_pipeline(10.0 ** log_alpha), X, p["y"], cv=KFold(5),
                             scoring="neg_mean_squared_error")
    now = page_state(_values(log_alpha))[f"{NAME}-errors-now"]["data"]
    assert now["cv"][0] == pytest.approx(folds.mean(), rel=1e-6)
    training = np.mean((_pipeline(10.0 ** log_alpha).fit(X, p["y"]).predict(X) - p["y"]) ** 2)
    assert now["training"][0] == pytest.approx(training, rel=1e-6)


def test_training_error_rises_and_weights_shrink_along_the_path():
    p = path()
    assert np.all(np.diff(p["cv"].training_error) > 0)
    norms = [f.norm for f in p["fits"]]
    assert all(a > b for a, b in zip(norms, norms[1:]))
    best = int(np.argmin(p["cv"].cv_error))
    assert 0 < best < LOG_ALPHA.count - 1  # the CV curve has its lowest point inside


def test_readout_says_which_side_of_the_cv_choice_alpha_is():
    best = float(path()["log_alphas"][np.argmin(path()["cv"].cv_error)])
    assert "lowest CV error" in readout_text(best)
    assert "follows the noise" in readout_text(-8.0)
    assert "flat mean" in readout_text(2.0)
    text = readout_text(-8.0)
    fit = path()["fits"][0]
    assert f"‖w‖ = {fit.norm:.2f}" in text and f"freedom {fit.effective_dof:.2f} of 12" in text
    assert "10<sup>−8.00</sup>" in text


SETTINGS = [-8.0, -7.75, -5.0, -2.5, -1.25, 0.0, 1.75, 2.0]


def test_settings_in_bokehjs_match_page_state():
    figure = fig_ridge_path()
    with BokehJS() as runner:  # one Node process for every setting
        for log_alpha in SETTINGS:
            steps = [[f"{NAME}-log-alpha", "value", log_alpha]]
            shown, expected = runner.state_after(figure, steps, page_state)
            assert_matches(shown, expected, str(log_alpha))


def test_no_stop_shows_nan_or_infinity():
    for stop in LOG_ALPHA.values():
        shown = json.dumps(page_state(_values(float(stop))))
        assert "NaN" not in shown and "Infinity" not in shown


@pytest.mark.parametrize("kwargs, message", [
    ({"log_alpha": -8.25}, r"^log_alpha must be in \[-8, 2\]"),
    ({"log_alpha": 2.5}, r"^log_alpha must be in \[-8, 2\]"),
    ({"log_alpha": -2.6}, r"^log_alpha must be .* between two steps"),
    ({"log_alpha": float("nan")}, r"^log_alpha must be"),
    ({"log_alpha": "1"}, r"^log_alpha must be a number"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_ridge_path(**kwargs)


def test_alt_text_gives_the_shape_of_both_error_curves():
    alt = fig_ridge_path(log_alpha=-2.5).alt
    cv = path()["cv"]
    assert "−2.50" in alt and "cross-validation's choice" in alt
    assert f"{cv.training_error[0]:.3f}" in alt and f"{cv.cv_error.min():.3f}" in alt
    assert "climbs again" in alt


def test_filter_factors_shown_sum_to_the_effective_degrees_of_freedom():
    p = path()
    for stop, fit in zip(LOG_ALPHA.values(), p["fits"]):
        shown = page_state(_values(float(stop)))[f"{NAME}-factors"]["data"]
        assert shown["direction"] == list(range(1, DEGREE + 1))
        assert sum(shown["f"]) == pytest.approx(fit.effective_dof, rel=1e-12)
        # independently: the trace of the ridge hat matrix on the standardised powers
        Z = StandardScaler().fit_transform(models.polynomial_powers(p["x"], DEGREE))
        alpha = 10.0 ** stop
        hat = Z @ np.linalg.solve(Z.T @ Z + alpha * np.eye(DEGREE), Z.T)
        assert sum(shown["f"]) == pytest.approx(np.trace(hat), rel=1e-6)
    f = page_state(_values(-2.5))[f"{NAME}-factors"]["data"]["f"]
    assert all(a >= b for a, b in zip(f, f[1:]))  # larger singular values keep more
