"""mlmath.calculus.descent and .curvature against closed forms, NumPy and SciPy."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import minimize, rosen_hess

from mlmath import calculus

rng = np.random.default_rng(20261203)
M = rng.normal(size=(3, 3))
A3 = M @ M.T + 0.5 * np.eye(3)  # symmetric positive definite, not diagonal
POINTS = [np.array([-1.2, 1.0]), np.array([0.3, -0.7]), np.array([2.0, 1.5]),
          np.array([0.0, 0.0])]


# --- convergence -------------------------------------------------------------------------

# For each surface: a learning rate, a step count, a start, and how close the run ends to the
# known global minimum (largest coordinate error).
CONVERGENCE = [
    ("round bowl", 0.5, 100, [2.0, -1.5], 1e-12),
    ("elongated bowl", 0.15, 300, [-2.0, 1.0], 1e-12),
    ("Rosenbrock", 1e-3, 30_000, [-1.2, 1.0], 1e-5),
    ("two minima", 0.05, 500, [-0.5, 1.0], 1e-10),
]


@pytest.mark.parametrize("name, eta, steps, start, tolerance", CONVERGENCE)
def test_each_surface_reaches_its_known_minimum(name, eta, steps, start, tolerance):
    surface = calculus.SURFACES[name]
    result = calculus.gradient_descent(surface.grad, start, eta, steps, f=surface.f)
    assert not result.diverged
    assert np.abs(result.final - surface.minimum).max() < tolerance
    assert result.losses[-1] - surface.lowest < 1e-9
    assert result.path.shape == (steps + 1, 2) and result.losses.shape == (steps + 1,)


def test_the_minima_agree_with_scipy():
    # scipy's BFGS is an independent answer for each surface's minimum.
    for name, surface in calculus.SURFACES.items():
        start = [-1.5, 0.5] if name == "two minima" else [-1.2, 1.0]
        found = minimize(surface.f, start, jac=surface.grad, method="BFGS", tol=1e-12).x
        assert_allclose(found, surface.minimum, atol=1e-6)


def test_the_two_minima_are_the_roots_of_the_gradient_and_the_start_decides():
    deep, shallow = calculus.double_well_minima()
    for point in (deep, shallow):
        assert_allclose(calculus.double_well_gradient(point), 0.0, atol=1e-12)
        assert np.all(np.linalg.eigvalsh(calculus.double_well_hessian(point)) > 0)
    assert calculus.double_well(deep) < calculus.double_well(shallow)
    surface = calculus.SURFACES["two minima"]
    right = calculus.gradient_descent(surface.grad, [0.5, 1.0], 0.05, 500)
    left = calculus.gradient_descent(surface.grad, [-0.5, 1.0], 0.05, 500)
    assert_allclose(right.final, shallow, atol=1e-10)
    assert_allclose(left.final, deep, atol=1e-10)


def test_double_well_minima_refuses_a_tilt_that_leaves_one_minimum():
    with pytest.raises(ValueError, match=r"^tilt must be between"):
        calculus.double_well_minima(1.6)
    assert len(calculus.double_well_minima(1.5)) == 2


# --- the quadratic: closed form and stability ---------------------------------------------

def test_on_a_quadratic_the_iterates_are_the_closed_form():
    eta = 0.9 * calculus.stability_bound(A3).max_eta
    w0 = np.array([1.0, -2.0, 0.5])
    result = calculus.gradient_descent(lambda w: calculus.bowl_gradient(w, A3), w0, eta, 60)
    step = np.eye(3) - eta * A3
    for t in (0, 1, 2, 17, 60):
        assert_allclose(result.path[t], np.linalg.matrix_power(step, t) @ w0,
                        rtol=1e-10, atol=1e-13)


def test_the_error_along_each_eigenvector_shrinks_by_one_minus_eta_lambda():
    eta = 0.1
    values, vectors = np.linalg.eigh(A3)
    w0 = vectors @ np.array([1.0, 1.0, 1.0])
    result = calculus.gradient_descent(lambda w: A3 @ w, w0, eta, 20)
    coordinates = result.path @ vectors  # the error's coordinates along the eigenvectors
    assert_allclose(coordinates[20], (1 - eta * values) ** 20, rtol=1e-9, atol=1e-15)


def test_stability_bound_uses_the_largest_eigenvalue():
    bound = calculus.stability_bound(A3)
    largest, smallest = np.linalg.eigvalsh(A3)[[-1, 0]]
    assert_allclose(bound.largest, largest, rtol=1e-12)
    assert_allclose(bound.max_eta, 2 / largest, rtol=1e-12)
    assert_allclose(bound.condition_number, np.linalg.cond(A3), rtol=1e-10)
    assert_allclose(bound.eigenvalues, np.linalg.eigvalsh(A3)[::-1], rtol=1e-12)


@pytest.mark.parametrize("A", [A3, np.diag([1.0, 10.0]), np.eye(2)])
def test_just_below_the_bound_converges_and_just_above_diverges(A):
    bound = calculus.stability_bound(A)
    w0 = np.ones(len(A))

    def grad(w):
        return calculus.bowl_gradient(w, A)

    below = calculus.gradient_descent(grad, w0, 0.99 * bound.max_eta, 5000)
    assert not below.diverged and np.abs(below.final).max() < 1e-12
    above = calculus.gradient_descent(grad, w0, 1.01 * bound.max_eta, 5000)
    # 1 − ηλ_max = 1 − 2.02: the error flips sign and grows by 2% a step until it passes the
    # limit, about log(10⁸)/log(1.02) steps from a start of size 1.
    assert above.diverged
    expected = np.log(calculus.DIVERGENCE_LIMIT) / np.log(1.02)
    assert abs(above.diverged_at - expected) < 0.1 * expected
    assert above.diverged_value > calculus.DIVERGENCE_LIMIT
    assert len(above.path) == above.diverged_at  # the steps before it, from w⁽⁰⁾
    assert np.all(np.isfinite(above.path))


def test_a_non_finite_iterate_is_reported_with_its_step():
    # w: 0, 1, 1 + 1e300, then 1e300 + 1e600 overflows to inf; the limit is never the reason.
    def grad(w):
        return -1e300 * w - 1.0
    result = calculus.gradient_descent(grad, [0.0], 1.0, 10, limit=1.7e308)
    assert result.diverged_at == 3 and result.diverged_value == np.inf
    assert_allclose(result.path, [[0.0], [1.0], [1e300]])

    result = calculus.gradient_descent(lambda w: np.array([np.nan]), [0.0], 1.0, 10)
    assert result.diverged_at == 1 and np.isnan(result.diverged_value)
    assert result.path.shape == (1, 1)


def test_stability_bound_refuses_a_matrix_with_no_minimum():
    with pytest.raises(ValueError, match=r"^A must be positive definite"):
        calculus.stability_bound([[1.0, 0.0], [0.0, -1.0]])


# --- momentum -----------------------------------------------------------------------------

def test_momentum_matches_an_independent_heavy_ball_loop():
    surface = calculus.SURFACES["Rosenbrock"]
    eta, beta, steps = 5e-4, 0.9, 300
    w = np.array([-1.2, 1.0])
    previous = w.copy()
    expected = [w.copy()]
    # The heavy ball in its other textbook form, w⁺ = w − η∇L(w) + β (w − w⁻), which is the
    # same recurrence as v⁺ = βv + ∇L(w), w⁺ = w − ηv⁺ (v = (w⁻ − w)/η).
    for _ in range(steps):
        w, previous = w - eta * surface.grad(w) + beta * (w - previous), w
        expected.append(w.copy())
    result = calculus.gradient_descent(surface.grad, [-1.2, 1.0], eta, steps, momentum=beta)
    assert_allclose(result.path, expected, rtol=1e-9, atol=1e-12)


def test_momentum_zero_is_plain_descent():
    surface = calculus.SURFACES["elongated bowl"]
    plain = calculus.gradient_descent(surface.grad, [2.0, 1.0], 0.1, 50)
    w = np.array([2.0, 1.0])
    for _ in range(50):
        w = w - 0.1 * surface.grad(w)
    assert_allclose(plain.final, w, rtol=0, atol=0)


# --- Hessians and gradients ----------------------------------------------------------------

@pytest.mark.parametrize("x", POINTS)
def test_analytic_hessians_match_scipy_and_central_differences(x):
    assert_allclose(calculus.rosenbrock_hessian(x), rosen_hess(x), rtol=1e-12)
    assert_allclose(calculus.numerical_hessian(calculus.rosenbrock_gradient, x),
                    rosen_hess(x), rtol=1e-6, atol=1e-6)
    assert_allclose(calculus.numerical_hessian(calculus.double_well_gradient, x),
                    calculus.double_well_hessian(x), rtol=1e-7, atol=1e-7)
    for surface in calculus.SURFACES.values():
        assert_allclose(calculus.numerical_hessian(surface.grad, x), surface.hessian(x),
                        rtol=1e-6, atol=1e-6)


def test_numerical_hessian_of_a_quadratic_is_its_matrix():
    x = np.array([0.4, -1.0, 2.0])
    assert_allclose(calculus.numerical_hessian(lambda w: A3 @ w, x), A3, rtol=1e-8, atol=1e-9)
    assert_allclose(calculus.bowl_hessian(x, A3), A3)


def test_numerical_hessian_of_a_non_separable_function_by_hand():
    # f = x² y + sin(x y): ∂²f/∂x∂y = 2x + cos(xy) − xy sin(xy).
    def grad(v):
        x, y = v
        return np.array([2 * x * y + y * np.cos(x * y), x * x + x * np.cos(x * y)])
    x, y = 0.7, -1.3
    expected = [[2 * y - y * y * np.sin(x * y), 2 * x + np.cos(x * y) - x * y * np.sin(x * y)],
                [2 * x + np.cos(x * y) - x * y * np.sin(x * y), -x * x * np.sin(x * y)]]
    assert_allclose(calculus.numerical_hessian(grad, [x, y]), expected, rtol=1e-8)


@pytest.mark.parametrize("x", POINTS)
def test_every_new_gradient_passes_the_gradient_check(x):
    tolerance = calculus.GRADIENT_CHECK_TOLERANCE
    for tilt in (0.0, 0.5, -1.2):
        error = calculus.gradient_check(lambda w: calculus.double_well(w, tilt),
                                        lambda w: calculus.double_well_gradient(w, tilt), x)
        assert error < tolerance
    for name, surface in calculus.SURFACES.items():
        if np.any(surface.grad(x) != 0):
            assert calculus.gradient_check(surface.f, surface.grad, x) < tolerance, name


def test_double_well_is_not_convex_between_its_wells():
    assert np.linalg.eigvalsh(calculus.double_well_hessian([0.0, 0.0]))[0] < 0
    # The chord between the two minima passes below the function somewhere: not convex.
    deep, shallow = calculus.double_well_minima()
    middle = (deep + shallow) / 2
    chord = (calculus.double_well(deep) + calculus.double_well(shallow)) / 2
    assert calculus.double_well(middle) > chord


# --- bad input ----------------------------------------------------------------------------

GRAD = calculus.SURFACES["round bowl"].grad


@pytest.mark.parametrize("kwargs, message", [
    ({"eta": 0.0}, r"^eta must be > 0"),
    ({"eta": -0.1}, r"^eta must be > 0"),
    ({"eta": float("nan")}, r"^eta must be finite"),
    ({"eta": "fast"}, r"^eta must be a real number"),
    ({"steps": 0}, r"^steps must be >= 1"),
    ({"steps": 2.5}, r"^steps must be an integer"),
    ({"w0": [np.nan, 1.0]}, r"^w0 must be finite"),
    ({"w0": [np.inf, 1.0]}, r"^w0 must be finite"),
    ({"grad": "not a function"}, r"^grad must be a callable"),
    ({"f": 3.0}, r"^f must be a callable"),
    ({"grad": lambda w: np.zeros((2, 1))}, r"^grad must return an array with the shape of w0"),
    ({"grad": lambda w: np.zeros(3)}, r"^grad must return an array with the shape of w0"),
    ({"momentum": 1.0}, r"^momentum must be in \[0, 1\)"),
    ({"momentum": -0.5}, r"^momentum must be >= 0"),
    ({"limit": 0.0}, r"^limit must be > 0"),
])
def test_bad_input_to_gradient_descent_names_the_argument(kwargs, message):
    arguments = {"grad": GRAD, "w0": [1.0, 1.0], "eta": 0.1, "steps": 5, **kwargs}
    with pytest.raises(ValueError, match=message):
        calculus.gradient_descent(**arguments)


@pytest.mark.parametrize("call, message", [
    (lambda: calculus.numerical_hessian(GRAD, [1.0, 1.0], h=0.0), r"^h must be > 0"),
    (lambda: calculus.numerical_hessian(GRAD, [1.0, 1.0], h=-1e-3), r"^h must be > 0"),
    (lambda: calculus.numerical_hessian(GRAD, [1.0, 1.0], h=float("nan")), r"^h must be finite"),
    (lambda: calculus.numerical_hessian(None, [1.0, 1.0]), r"^grad must be a callable"),
    (lambda: calculus.numerical_hessian(GRAD, [1.0, np.nan]), r"^x must be finite"),
    (lambda: calculus.numerical_hessian(lambda w: np.zeros(1), [1.0, 1.0]),
     r"^grad must return an array with the shape of x"),
    (lambda: calculus.double_well([1.0, 2.0, 3.0]), r"^x must have 2 components"),
    (lambda: calculus.double_well([1.0, 2.0], tilt=float("nan")), r"^tilt must be finite"),
    (lambda: calculus.rosenbrock_hessian([np.inf, 0.0]), r"^x must be finite"),
    (lambda: calculus.stability_bound([[1.0, 2.0], [0.0, 1.0]]), r"symmetric"),
    (lambda: calculus.stability_bound([[1.0, 2.0]]), r"^A must be a square matrix"),
])
def test_bad_input_to_the_curvature_functions_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9])
def test_with_momentum_the_bound_is_two_times_one_plus_beta(beta):
    A = np.diag([1.0, 10.0])
    bound = calculus.stability_bound(A, momentum=beta)
    assert_allclose(bound.max_eta, 2 * (1 + beta) / 10.0)
    # Independent check: the spectral radius of the 2 x 2 recurrence matrix of the heavy ball
    # on the steepest eigenvector, (e_{t+1}, e_t) = [[1 + β − ηλ, −β], [1, 0]] (e_t, e_{t−1}).
    for factor, stable in ((0.99, True), (1.01, False)):
        eta = factor * bound.max_eta
        recurrence = np.array([[1 + beta - eta * 10.0, -beta], [1.0, 0.0]])
        assert (np.abs(np.linalg.eigvals(recurrence)).max() < 1) == stable
        result = calculus.gradient_descent(lambda w: A @ w, [1.0, 1.0], eta, 20_000,
                                           momentum=beta)
        assert result.diverged != stable
        if stable:
            assert np.abs(result.final).max() < 1e-10


def test_each_surface_on_a_grid_is_its_function_point_by_point():
    w1, w2 = np.meshgrid(np.linspace(-3, 3, 7), np.linspace(-2, 2, 5))
    for surface in calculus.SURFACES.values():
        expected = [[surface.f(np.array([a, b])) for a, b in zip(r1, r2)] for r1, r2 in zip(w1, w2)]
        assert_allclose(surface.on_grid(w1, w2), expected, rtol=1e-13, atol=1e-13)
