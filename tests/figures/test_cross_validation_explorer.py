"""The cross-validation explorer: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import json
import re
import subprocess

import numpy as np
import pytest
from numpy.polynomial import Polynomial
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures

from mlmath import linalg, probability
from mlmath.figures import fig_cross_validation_explorer
from mlmath.figures.kit.callbacks import script
from mlmath.figures.probability.cross_validation_explorer import (
    N_SAMPLES, data, mse_text, page_state, readout_text, scientific, training_errors)
from tests.conftest import ROOT
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "cross-validation-explorer"
GRID = np.linspace(0.0, 1.0, 161)


def _values(k=5, degree=3):
    return {f"{NAME}-k": k, f"{NAME}-degree": degree}


def _js_fits(cases: list[tuple[list, list, int, int]]) -> list[np.ndarray]:
    """The callback's polynomial fit, run by Node: for each (xs, ys, degree, top), the
    polynomial of that degree on GRID, from one factorisation of the degrees up to top."""
    block = re.search(r"// polynomial fit: begin.*?// polynomial fit: end",
                      script("cross_validation_explorer.js"), re.DOTALL).group(0)
    program = (block + "\nlet input = ''\nprocess.stdin.on('data', (d) => { input += d })\n"
               "process.stdin.on('end', () => { const {cases, grid} = JSON.parse(input)\n"
               "  process.stdout.write(JSON.stringify(cases.map(([xs, ys, degree, top]) =>\n"
               "    grid.map(polynomial(factorise(xs, ys, top), degree))))) })\n")
    request = json.dumps({"cases": cases, "grid": GRID.tolist()})
    answer = subprocess.run(["node", "-e", program], input=request, capture_output=True,
                            text=True, check=True, cwd=ROOT, timeout=60)
    return [np.array(curve) for curve in json.loads(answer.stdout)]


def _fit_cases():
    """Every fit the figure makes at the extremes: all 30 points at every degree, and the
    training sets of k = 2 (15 points) and k = 10 (27) up to degree 14 and 15, each degree
    alone and from the factorisation of the highest (as the callback's CV does)."""
    x, y = map(np.array, data())
    cases = [(x, y, D, D) for D in range(16)]
    for k, top, degrees in ((2, 14, (0, 7, 13, 14)), (10, 15, (0, 8, 15))):
        for fold in probability.kfold(N_SAMPLES, k):
            cases += [(x[fold.train], y[fold.train], D, T) for D in degrees for T in (D, top)]
    return cases


def test_javascript_fits_agree_with_numpy_and_the_package_up_to_degree_15():
    cases = _fit_cases()
    shown = _js_fits([(xs.tolist(), ys.tolist(), D, T) for xs, ys, D, T in cases])
    for (xs, ys, D, _), curve in zip(cases, shown):
        where = f"{xs.size} points, degree {D}"
        ours = probability.fit_polynomial(xs, ys, D)(GRID)
        # the same operations in the same order: agreement to rounding
        np.testing.assert_allclose(curve, ours, rtol=1e-10, atol=1e-10 * np.abs(ours).max(),
                                   err_msg=where)
        # NumPy's own least squares (by the SVD), an independent answer
        theirs = Polynomial.fit(xs, ys, D)(GRID)
        np.testing.assert_allclose(curve, theirs, rtol=1e-8, atol=1e-8 * np.abs(theirs).max(),
                                   err_msg=where)


def test_every_fit_the_figure_makes_has_independent_columns():
    # The callback ports lstsq's full-rank path only; a dependent column would need the
    # minimum-norm one. The Legendre columns keep every fold's fit far from that.
    x, y = map(np.array, data())
    for k in range(2, 11):
        folds = probability.kfold(N_SAMPLES, k)
        top = min(15, min(f.train.size for f in folds) - 1)
        for fold in folds:
            xs = x[fold.train]
            t = 2 * (xs - xs.min()) / (xs.max() - xs.min()) - 1
            for D in (top, 0):
                assert linalg.lstsq(probability.legendre_columns(t, D), y[fold.train]).rank \
                    == D + 1


@pytest.mark.parametrize("k", [2, 3, 5, 10])
def test_cv_errors_shown_against_scikit_learn(k):
    x, y = map(np.array, data())
    cv = page_state(_values(k, 0))[f"{NAME}-cv"]["data"]
    assert cv["degree"] == list(range(min(15, N_SAMPLES - -(-N_SAMPLES // k) - 1) + 1))
    for D in cv["degree"]:
        model = make_pipeline(MinMaxScaler((-1, 1)), PolynomialFeatures(D),
                              LinearRegression(tol=1e-14))
        folds = -cross_val_score(model, x[:, None], y, cv=KFold(k),
                                 scoring="neg_mean_squared_error")
        assert cv["mean"][D] == pytest.approx(folds.mean(), rel=1e-8)
        assert cv["low"][D] == pytest.approx(folds.min(), rel=1e-8)
        assert cv["high"][D] == pytest.approx(folds.max(), rel=1e-8)
    best = page_state(_values(k, 0))[f"{NAME}-best"]["data"]
    assert best["degree"] == [int(np.argmin(cv["mean"]))]


def test_the_splits_hold_out_each_point_once_with_numbered_folds():
    for k in (2, 5, 7, 10):
        state = page_state(_values(k, 4))
        held = state[f"{NAME}-held-cells"]["data"]
        rows = sorted(set(held["top"]), reverse=True)
        assert len(rows) == k
        columns = sorted(round(left - 0.06) for left in held["left"])
        assert columns == list(range(N_SAMPLES))  # each point held out in exactly one row
        for row, fold in zip(rows, probability.kfold(N_SAMPLES, k)):
            cells = [round(left - 0.06) for left, top in zip(held["left"], held["top"])
                     if top == row]
            assert cells == fold.test.tolist()
        train = state[f"{NAME}-train-cells"]["data"]
        assert len(train["left"]) + len(held["left"]) == k * N_SAMPLES
        assert state[f"{NAME}-fold-labels"]["data"]["text"] == [str(m) for m in range(1, k + 1)]
        assert len(state[f"{NAME}-fold-errors"]["data"]["text"]) == k


def test_readout_reports_the_mean_with_its_spread():
    x, y = map(np.array, data())
    folds = -cross_val_score(make_pipeline(MinMaxScaler((-1, 1)), PolynomialFeatures(3),
                                           LinearRegression()), x[:, None], y, cv=KFold(5),
                             scoring="neg_mean_squared_error")
    text = readout_text(5, 3)
    assert f"CV MSE {folds.mean():.3f} ± {folds.std(ddof=1):.3f}" in text
    assert f"{folds.min():.3f} to {folds.max():.3f}" in text
    assert f"training MSE {training_errors()[3]:.3f}" in text


def test_a_degree_too_high_for_the_folds_is_said_in_words_never_nan():
    state = page_state(_values(2, 15))
    text = state[f"{NAME}-readout"]["text"]
    assert "underdetermined" in text and "only 15 points" in text
    assert "16 coefficients" in text and "Lower the degree to 14" in text
    assert state[f"{NAME}-fold-fits"]["data"] == {"xs": [], "ys": []}
    assert state[f"{NAME}-fold-errors"]["data"]["text"] == []
    assert max(state[f"{NAME}-cv"]["data"]["degree"]) == 14
    for k, degree in ((2, 15), (2, 14), (10, 15), (3, 15)):
        shown = json.dumps(page_state(_values(k, degree)))
        assert "NaN" not in shown and "Infinity" not in shown
    assert "underdetermined" not in readout_text(3, 15)


def test_huge_errors_are_written_as_powers_of_ten_like_to_exponential():
    assert mse_text(0.0684999) == "0.068"
    assert mse_text(99.9994) == "99.999"
    assert mse_text(287.19) == "2.9 × 10²"
    assert mse_text(5.15e10) == "5.2 × 10¹⁰"
    assert scientific(1.25, 1) == "1.3 × 10⁰"  # a tie goes up, as toExponential
    assert scientific(0.00012, 1) == "1.2 × 10⁻⁴"


SETTINGS = [_values(), _values(2, 0), _values(2, 14), _values(2, 15), _values(10, 15),
            _values(10, 0), _values(3, 15), _values(7, 9), _values(4, 1), _values(9, 12)]


def test_settings_in_bokehjs_match_page_state():
    figure = fig_cross_validation_explorer()
    with BokehJS() as runner:  # one Node process for every setting
        for values in SETTINGS:
            steps = [[name, "value", value] for name, value in values.items()]
            shown, expected = runner.state_after(figure, steps, page_state)
            assert_matches(shown, expected, str(values))


@pytest.mark.parametrize("kwargs, message", [
    ({"k": 1}, r"^k must be in \[2, 10\]"),
    ({"k": 11}, r"^k must be in \[2, 10\]"),
    ({"k": 2.5}, r"^k must be .* between two steps"),
    ({"degree": -1}, r"^degree must be in \[0, 15\]"),
    ({"degree": 16}, r"^degree must be in \[0, 15\]"),
    ({"degree": float("nan")}, r"^degree must be"),
    ({"k": "5"}, r"^k must be a number"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_cross_validation_explorer(**kwargs)


def test_alt_text_gives_the_shape_of_both_error_curves():
    alt = fig_cross_validation_explorer(k=5, degree=3).alt
    assert "k = 5" in alt and "degree 3" in alt
    assert "lowest" in alt and "climbs" in alt
    assert mse_text(training_errors()[0]) in alt
