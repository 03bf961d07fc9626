"""Forward and central differences against closed forms, SciPy, and their error orders."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.differentiate import derivative as scipy_derivative

from mlmath import calculus

XS = np.linspace(-2.0, 2.0, 9)


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_power_rule(n):
    # d/dx x^n = n x^(n-1), written independently of the package
    exact = n * XS ** (n - 1)
    assert np.allclose(calculus.central_difference(lambda x: x**n, XS), exact, atol=1e-8)
    assert np.allclose(calculus.forward_difference(lambda x: x**n, XS), exact, atol=1e-4)


@pytest.mark.parametrize("f, df", [(np.sin, np.cos), (np.exp, np.exp)])
def test_sin_and_exp(f, df):
    assert np.allclose(calculus.central_difference(f, XS), df(XS), rtol=1e-8, atol=1e-9)
    assert np.allclose(calculus.forward_difference(f, XS), df(XS), rtol=1e-4, atol=1e-5)


def test_product_and_quotient_rules():
    x = np.linspace(0.5, 2.0, 7)
    product = calculus.central_difference(lambda t: t**2 * np.sin(t), x)
    assert np.allclose(product, 2 * x * np.sin(x) + x**2 * np.cos(x), atol=1e-8)
    quotient = calculus.central_difference(lambda t: np.sin(t) / t, x)
    assert np.allclose(quotient, (x * np.cos(x) - np.sin(x)) / x**2, atol=1e-8)


def test_agrees_with_scipy():
    x = np.array([-1.0, 0.3, 1.7])
    f = lambda t: np.exp(-t**2) * np.cos(3 * t)  # noqa: E731
    reference = scipy_derivative(f, x).df
    assert np.allclose(calculus.central_difference(f, x, 1e-5), reference, atol=1e-8)


def test_scalar_in_scalar_out_and_shape_kept():
    assert isinstance(calculus.central_difference(np.sin, 0.0), float)
    grid = np.zeros((2, 3))
    assert calculus.forward_difference(np.sin, grid).shape == (2, 3)


def _slope(steps, errors):
    return np.polyfit(np.log10(steps), np.log10(errors), 1)[0]


def test_error_orders_are_one_and_two():
    # steps large enough that rounding is negligible against the truncation error
    steps = np.logspace(-4, -1, 10)
    forward, central = calculus.difference_errors(np.sin, np.cos, 1.0, steps)
    assert _slope(steps, forward) == pytest.approx(1.0, abs=0.05)
    assert _slope(steps, central) == pytest.approx(2.0, abs=0.05)
    # the leading terms: h/2 |f''(1)| and h^2/6 |f'''(1)|
    assert forward[0] == pytest.approx(steps[0] / 2 * math.sin(1.0), rel=1e-2)
    assert central[-1] == pytest.approx(steps[-1] ** 2 / 6 * math.cos(1.0), rel=1e-2)


def test_rounding_takes_over_for_tiny_steps():
    steps = np.logspace(-15, -1, 57)
    forward, central = calculus.difference_errors(np.sin, np.cos, 1.0, steps)
    # the error is smallest in the middle, not at the smallest step
    assert 1e-10 < steps[np.argmin(forward)] < 1e-6
    assert 1e-7 < steps[np.argmin(central)] < 1e-3
    assert forward[0] > 100 * forward.min() and central[0] > 100 * central.min()


def test_functions_table_derivatives():
    for name, (f, df) in calculus.FUNCTIONS.items():
        assert np.allclose(calculus.central_difference(f, XS), df(XS), rtol=1e-7,
                           atol=1e-8), name


@pytest.mark.parametrize("function", [calculus.forward_difference,
                                      calculus.central_difference])
@pytest.mark.parametrize("args, message", [
    ((3.0, 1.0, 0.1), r"^f must be a callable"),
    ((np.sin, 1.0, 0.0), r"^h must be a finite number > 0"),
    ((np.sin, 1.0, -1e-3), r"^h must be a finite number > 0"),
    ((np.sin, 1.0, float("nan")), r"^h must be a finite number > 0"),
    ((np.sin, 1.0, float("inf")), r"^h must be a finite number > 0"),
    ((np.sin, 1.0, "0.1"), r"^h must be a real number"),
    ((np.sin, 1.0, True), r"^h must be a real number"),
    ((np.sin, float("nan"), 0.1), r"^x must be finite"),
    ((np.sin, [0.0, float("inf")], 0.1), r"^x must be finite"),
    ((np.sin, [], 0.1), r"^x must hold at least one point"),
    ((np.sin, "one", 0.1), r"^x must be a real number"),
])
def test_bad_input_names_the_argument(function, args, message):
    with pytest.raises(ValueError, match=message):
        function(*args)


@pytest.mark.parametrize("args, message", [
    ((np.sin, 2.0, 1.0, [0.1]), r"^df must be a callable"),
    ((np.sin, np.cos, [1.0, 2.0], [0.1]), r"^x must be a single real number"),
    ((np.sin, np.cos, 1.0, [0.1, 0.0]), r"^steps must all be > 0"),
    ((np.sin, np.cos, 1.0, [float("nan")]), r"^steps must be finite"),
])
def test_difference_errors_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        calculus.difference_errors(*args)
