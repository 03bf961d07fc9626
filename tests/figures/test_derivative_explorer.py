"""The derivative explorer: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mlmath.figures import fig_derivative_explorer
from mlmath.figures.calculus.derivative_explorer import CHOICES, page_state, readout_text
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "derivative-explorer"
# Each function's closed form and exact derivative, written here independently of the package.
EXACT = {"x²": (lambda x: x * x, lambda x: 2 * x), "sin x": (math.sin, math.cos),
         "x³ − 3x": (lambda x: x**3 - 3 * x, lambda x: 3 * x * x - 3),
         "eˣ": (math.exp, math.exp)}


def _values(function="x²", x0=1.0, log_h=-0.5):
    return {f"{NAME}-function": function, f"{NAME}-x0": x0, f"{NAME}-log-h": log_h}


@pytest.mark.parametrize("function", CHOICES)
@pytest.mark.parametrize("x0, log_h", [(-2.0, -4.0), (2.0, 0.0), (0.0, -4.0), (1.3, -1.75)])
def test_secant_and_tangent_against_closed_forms(function, x0, log_h):
    state = page_state(_values(function, x0, log_h))
    f, df = EXACT[function]
    h = 10.0**log_h
    secant = (f(x0 + h) - f(x0)) / h
    tangent, line = state[f"{NAME}-tangent"]["data"], state[f"{NAME}-secant"]["data"]
    assert np.allclose(np.diff(tangent["y"]) / np.diff(tangent["x"]), df(x0), rtol=1e-9)
    assert np.allclose(np.diff(line["y"]) / np.diff(line["x"]), secant, rtol=1e-9, atol=1e-9)
    points = state[f"{NAME}-points"]["data"]
    assert np.allclose(points["y"], [f(x0), f(x0 + h)])
    slope_curve = state[f"{NAME}-slope-curve"]["data"]
    assert np.allclose(slope_curve["y"], [df(x) for x in slope_curve["x"]])
    # every number drawn is finite, and the curves stay inside the x range
    for key, source in state.items():
        for column in source.get("data", {}).values():
            if column and isinstance(column[0], float):
                assert np.all(np.isfinite(column)), key
    # the secant slope approaches the tangent's: within h · max|f''| / 2 on [x0, x0 + h]
    curvature = {"x²": 2.0, "sin x": 1.0, "x³ − 3x": 6 * (abs(x0) + h),
                 "eˣ": math.exp(x0 + h)}[function]
    assert abs(secant - df(x0)) <= h * curvature / 2 + 1e-9


def test_readout_gives_exact_secant_and_difference():
    text = readout_text("x²", 1.0, -1.0)  # secant slope of x² is 2 x0 + h exactly
    assert "h = 0.100000" in text
    assert "2.000000" in text and "2.100000" in text and "difference = <b>0.100000</b>" in text


def test_difference_shrinks_tenfold_with_h_where_f_has_curvature():
    gap = [page_state(_values("eˣ", 0.5, t))[f"{NAME}-slopes"]["data"]["y"] for t in (-2, -3)]
    ratio = (gap[0][1] - gap[0][0]) / (gap[1][1] - gap[1][0])
    assert ratio == pytest.approx(10, rel=0.01)


@pytest.mark.parametrize("function", CHOICES)
@pytest.mark.parametrize("x0, log_h", [(-2.0, -4.0), (2.0, 0.0), (0.0, -2.5)])
def test_edge_settings_in_bokehjs_match_page_state(function, x0, log_h):
    figure = fig_derivative_explorer()
    steps = [(f"{NAME}-function", "value", function), (f"{NAME}-x0", "value", x0),
             (f"{NAME}-log-h", "value", log_h)]
    with BokehJS() as runner:
        shown, expected = runner.state_after(figure, steps, page_state)
    assert_matches(shown, expected)


@pytest.mark.parametrize("kwargs, message", [
    ({"function": "tan x"}, r"^function must be one of"),
    ({"x0": 2.5}, r"^x0 must be in \[-2, 2\]"),
    ({"x0": float("nan")}, r"^x0 must be"),
    ({"x0": 0.05}, r"^x0 must be .* between two steps"),
    ({"log_h": 0.5}, r"^log_h must be in \[-4, 0\]"),
    ({"log_h": "small"}, r"^log_h must be a number"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_derivative_explorer(**kwargs)


def test_alt_text_states_the_function_and_the_slopes():
    alt = fig_derivative_explorer("sin x", 0.0, -1.0).alt
    assert "f(x) = sin x" in alt and "x₀ = 0" in alt and "1.000000" in alt
