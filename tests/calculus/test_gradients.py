"""mlmath.calculus.gradients against closed forms and scipy.optimize."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import approx_fprime, check_grad, rosen, rosen_der

from mlmath import calculus

rng = np.random.default_rng(20261202)
M = rng.normal(size=(4, 4))
A = M @ M.T + np.eye(4)  # symmetric positive definite
POINTS = [rng.normal(size=4) * scale for scale in (1e-2, 1, 10)]


def bowl(x):
    return calculus.bowl(x, A)


def bowl_gradient(x):
    return calculus.bowl_gradient(x, A)


def test_partial_derivatives_of_a_polynomial_by_hand():
    # f(x1, x2) = x1^2 x2 + 3 x2: ∂f/∂x1 = 2 x1 x2, ∂f/∂x2 = x1^2 + 3.
    def f(x):
        return x[0] ** 2 * x[1] + 3 * x[1]
    assert_allclose(calculus.numerical_gradient(f, [2.0, -1.0]), [-4.0, 7.0], rtol=1e-9)


@pytest.mark.parametrize("x", POINTS)
def test_numerical_gradient_matches_the_closed_form_and_scipy(x):
    closed = A @ x
    assert_allclose(calculus.numerical_gradient(bowl, x), closed,
                    rtol=1e-7, atol=1e-8 * np.abs(closed).max())
    # scipy's forward difference is an independent, less accurate answer.
    assert_allclose(calculus.numerical_gradient(bowl, x), approx_fprime(x, bowl, 1e-7),
                    rtol=1e-4, atol=1e-5)


def test_rosenbrock_gradient_matches_scipys_rosen_der():
    for x in ([-1.2, 1.0], [0.0, 0.0], [1.0, 1.0], [2.5, -3.0]):
        assert_allclose(calculus.rosenbrock(x), rosen(np.array(x)))
        assert_allclose(calculus.rosenbrock_gradient(x), rosen_der(np.array(x)), atol=1e-12)
    assert calculus.rosenbrock([1.0, 1.0]) == 0.0


@pytest.mark.parametrize("x", POINTS + [np.array([-1.2, 1.0, 0.3, 2.0])])
def test_every_analytic_gradient_passes_the_check(x):
    assert calculus.gradient_check(bowl, bowl_gradient, x) < calculus.GRADIENT_CHECK_TOLERANCE
    y = x[:2]
    assert calculus.gradient_check(calculus.rosenbrock, calculus.rosenbrock_gradient, y) \
        < calculus.GRADIENT_CHECK_TOLERANCE


@pytest.mark.parametrize("x", POINTS)
def test_gradient_check_agrees_with_scipy_check_grad(x):
    # check_grad returns the absolute norm ‖g − ĝ‖; ours divides it by ‖g‖ + ‖ĝ‖.
    absolute = check_grad(bowl, bowl_gradient, x, epsilon=1e-7)
    relative = calculus.gradient_check(bowl, bowl_gradient, x)
    assert absolute / (2 * np.linalg.norm(A @ x)) < 1e-5
    assert relative < 1e-6


def test_a_wrong_gradient_fails_the_check():
    def wrong(x):
        return 2 * A @ x  # the factor ½ forgotten
    error = calculus.gradient_check(bowl, wrong, POINTS[1])
    assert_allclose(error, 1 / 3, rtol=1e-6)  # ‖2g − g‖ / (‖2g‖ + ‖g‖)
    assert calculus.gradient_check(bowl, lambda x: -A @ x, POINTS[1]) == pytest.approx(1.0)


def test_zero_gradients_give_zero_error_not_nan():
    assert calculus.gradient_check(bowl, bowl_gradient, np.zeros(4)) == 0.0


def test_shape_convention_gradient_has_the_shape_of_x():
    for n in (1, 3, 7):
        x = np.arange(1.0, n + 1)
        assert calculus.numerical_gradient(lambda v: float(v @ v), x).shape == x.shape


def test_directional_derivative_is_the_dot_product_and_bounded_by_the_norm():
    g = np.array([3.0, 4.0])
    assert calculus.directional_derivative(g, [1, 0]) == 3.0
    assert calculus.directional_derivative(g, [0, 10]) == pytest.approx(4.0)  # scaled to unit
    assert calculus.directional_derivative(g, g) == pytest.approx(5.0)        # steepest ascent
    assert calculus.directional_derivative(g, [-4, 3]) == pytest.approx(0.0)  # along the contour
    for angle in np.linspace(0, 2 * np.pi, 37):
        u = np.array([np.cos(angle), np.sin(angle)])
        assert abs(calculus.directional_derivative(g, u)) <= 5.0 + 1e-12


def test_directional_derivative_matches_a_difference_along_u():
    x, u = POINTS[1], rng.normal(size=4)
    u = u / np.linalg.norm(u)
    h = 1e-5
    along = (bowl(x + h * u) - bowl(x - h * u)) / (2 * h)
    assert_allclose(calculus.directional_derivative(A @ x, u), along, rtol=1e-7)


@pytest.mark.parametrize("call, message", [
    (lambda: calculus.numerical_gradient("f", [1.0]), r"^f must be a callable"),
    (lambda: calculus.numerical_gradient(sum, [1.0], h=0), r"^h must be > 0"),
    (lambda: calculus.numerical_gradient(sum, [1.0], h=-1e-3), r"^h must be > 0"),
    (lambda: calculus.numerical_gradient(sum, [1.0], h=float("nan")), r"^h must be finite"),
    (lambda: calculus.numerical_gradient(sum, [1.0, np.inf]), r"^x must be finite"),
    (lambda: calculus.numerical_gradient(sum, [np.nan]), r"^x must be finite"),
    (lambda: calculus.numerical_gradient(lambda x: x, [1.0, 2.0]), r"^f must return a single"),
    (lambda: calculus.gradient_check(bowl, None, POINTS[0]), r"^grad must be a callable"),
    (lambda: calculus.gradient_check(None, bowl_gradient, POINTS[0]), r"^f must be a callable"),
    (lambda: calculus.gradient_check(bowl, lambda x: (A @ x)[:3], POINTS[0]),
     r"^grad must return an array with the shape of x"),
    (lambda: calculus.gradient_check(bowl, lambda x: (A @ x)[:, None], POINTS[0]),
     r"^grad must return an array with the shape of x"),
    (lambda: calculus.gradient_check(bowl, lambda x: x * np.nan, POINTS[0]),
     r"^grad must return finite"),
    (lambda: calculus.gradient_check(bowl, bowl_gradient, POINTS[0], h=0.0), r"^h must be > 0"),
    (lambda: calculus.gradient_check(bowl, bowl_gradient, [np.nan] * 4), r"^x must be finite"),
    (lambda: calculus.directional_derivative([3.0, 4.0], [0.0, 0.0]), r"^u must have nonzero"),
    (lambda: calculus.directional_derivative([3.0, 4.0], [1.0, 0.0, 0.0]), r"^u must have 2"),
    (lambda: calculus.directional_derivative([3.0, np.nan], [1.0, 0.0]), r"^grad must be finite"),
    (lambda: calculus.bowl([1.0, 2.0], [[1.0, 2.0], [0.0, 1.0]]), r"^A must be symmetric"),
    (lambda: calculus.rosenbrock([1.0, 2.0, 3.0]), r"^x must have 2"),
])
def test_bad_input_is_refused_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
