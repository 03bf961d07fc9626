"""mlmath.linalg.norms: unit balls, and the penalised solutions against scikit-learn."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.linear_model import Lasso, Ridge

from mlmath import linalg

rng = np.random.default_rng(20261128)


@pytest.mark.parametrize("p", [1, 1.5, 2, 4, np.inf])
def test_unit_ball_boundary_has_norm_one(p):
    points = linalg.unit_ball_boundary(p, n_points=64)
    assert points.shape == (65, 2)
    assert_allclose([np.linalg.norm(x, ord=p) for x in points], 1.0, rtol=1e-12)
    assert_allclose(points[0], points[-1], atol=1e-15)  # the outline closes


def test_unit_balls_have_their_corners():
    diamond = linalg.unit_ball_boundary(1, n_points=8)
    assert_allclose(diamond[[0, 2, 4, 6]], [[1, 0], [0, 1], [-1, 0], [0, -1]], atol=1e-15)
    square = linalg.unit_ball_boundary(np.inf, n_points=8)
    assert_allclose(square[1], [1, 1], rtol=1e-15)
    # Nested: the L1 ball inside the L2 ball inside the L-infinity ball.
    for angle_index in range(1, 8, 2):
        radii = [np.linalg.norm(linalg.unit_ball_boundary(p, 8)[angle_index]) for p in (1, 2, np.inf)]
        assert radii[0] < radii[1] < radii[2]


def orthonormal_problem(n_samples=50, n_features=6):
    """A design with orthonormal columns (X^T X = I) and a target y."""
    X, _ = np.linalg.qr(rng.normal(size=(n_samples, n_features)))
    y = X @ rng.normal(0, 2, n_features) + 0.1 * rng.normal(size=n_samples)
    return X, y, X.T @ y  # z = X^T y is the least-squares fit


@pytest.mark.parametrize("penalty", [0.0, 0.3, 1.0, 5.0])
def test_ridge_shrink_is_ridge_regression_on_orthonormal_features(penalty):
    X, y, z = orthonormal_problem()
    # scikit-learn's Ridge minimises ||y - Xw||^2 + alpha ||w||^2: alpha = lambda.
    model = Ridge(alpha=penalty, fit_intercept=False, solver="cholesky").fit(X, y)
    assert_allclose(linalg.ridge_shrink(z, penalty), model.coef_, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("penalty", [0.05, 0.5, 1.5, 100.0])
def test_soft_threshold_is_the_lasso_on_orthonormal_features(penalty):
    X, y, z = orthonormal_problem()
    n = len(y)
    # Lasso minimises ||y - Xw||^2 / (2n) + alpha ||w||_1: multiply by n, alpha = lambda / n.
    model = Lasso(alpha=penalty / n, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y)
    ours = linalg.soft_threshold(z, penalty)
    assert_allclose(ours, model.coef_, atol=1e-8)
    assert np.array_equal(ours == 0, np.abs(z) <= penalty)


def test_soft_threshold_zeroes_what_ridge_only_shrinks():
    z = np.array([3.0, -0.4, 0.9, -2.0])
    assert_allclose(linalg.soft_threshold(z, 1.0), [2.0, 0.0, 0.0, -1.0])
    assert_allclose(linalg.ridge_shrink(z, 1.0), z / 2)
    assert np.all(linalg.ridge_shrink(z, 1e6) != 0)
    assert not np.any(np.signbit(linalg.soft_threshold([-0.5], 1.0)))  # 0, not -0
    assert_allclose(linalg.soft_threshold(z, 0.0), z)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: linalg.unit_ball_boundary(0.5), "p must be a real number >= 1"),
        (lambda: linalg.unit_ball_boundary("2"), "p must be a real number >= 1"),
        (lambda: linalg.unit_ball_boundary(2, n_points=3), "n_points must be >= 8"),
        (lambda: linalg.soft_threshold([1, 2], -0.1), "penalty must be >= 0"),
        (lambda: linalg.soft_threshold([1, np.nan], 1), "z must be finite"),
        (lambda: linalg.ridge_shrink([1, 2], np.inf), "penalty must be finite"),
        (lambda: linalg.ridge_shrink([], 1), "z must have at least one"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
