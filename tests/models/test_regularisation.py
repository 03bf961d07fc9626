"""Ridge regression (mlmath.models.regularisation) against scikit-learn, the normal
equations of ridge, Part I's orthonormal case and the definition of the objective."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize
from sklearn.linear_model import Ridge, RidgeCV
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

from mlmath import linalg, models, probability


def _data(n=40, d=6, seed=1):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * np.array([1, 10, 0.1, 3, 1, 50])[:d] + 5
    w = rng.normal(size=d)
    return X, X @ w + 0.5 * rng.normal(size=n)


def _sine_powers(n=15, degree=12, seed=0):
    x, y = probability.noisy_sine(n, 0.3, seed=seed)
    return models.polynomial_powers(x, degree), y


@pytest.mark.parametrize("alpha", [1e-6, 0.01, 1.0, 30.0, 1e4])
def test_ridge_svd_solves_the_penalised_normal_equations(alpha):
    X, y = _data()
    w = models.ridge_svd(X, y, alpha)
    # (XᵀX + αI) w = Xᵀy, solved by a different route
    expected = np.linalg.solve(X.T @ X + alpha * np.eye(X.shape[1]), X.T @ y)
    np.testing.assert_allclose(w, expected, rtol=1e-9, atol=1e-12)
    theirs = Ridge(alpha=alpha, fit_intercept=False, solver="cholesky").fit(X, y).coef_
    np.testing.assert_allclose(w, theirs, rtol=1e-8, atol=1e-12)


def test_ridge_svd_minimises_the_halved_objective():
    X, y = _data(n=20, d=4, seed=5)
    alpha = 2.5

    def objective(w):
        return 0.5 * np.sum((X @ w - y) ** 2) + 0.5 * alpha * np.sum(w ** 2)

    found = minimize(objective, np.zeros(4), method="BFGS", options={"gtol": 1e-10}).x
    np.testing.assert_allclose(models.ridge_svd(X, y, alpha), found, rtol=1e-5, atol=1e-7)


def test_alpha_zero_is_least_squares_and_minimum_norm_when_underdetermined():
    X, y = _data()
    np.testing.assert_allclose(models.ridge_svd(X, y, 0.0), np.linalg.lstsq(X, y, rcond=None)[0],
                               rtol=1e-9)
    wide = X[:4]  # 4 equations, 6 unknowns
    np.testing.assert_allclose(models.ridge_svd(wide, y[:4], 0.0), np.linalg.pinv(wide) @ y[:4],
                               rtol=1e-9, atol=1e-12)
    # and a tiny α approaches that minimum-norm solution
    np.testing.assert_allclose(models.ridge_svd(wide, y[:4], 1e-10),
                               np.linalg.pinv(wide) @ y[:4], rtol=1e-6)


def test_orthonormal_features_give_part_ones_uniform_shrink():
    Q, _ = np.linalg.qr(np.random.default_rng(3).normal(size=(30, 5)))
    y = np.random.default_rng(4).normal(size=30)
    z = Q.T @ y  # the least-squares weights
    for alpha in (0.5, 2.0):
        np.testing.assert_allclose(models.ridge_svd(Q, y, alpha), linalg.ridge_shrink(z, alpha),
                                   rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(models.filter_factors(np.ones(5), alpha),
                                   np.full(5, 1 / (1 + alpha)))


def test_filter_factors_and_degrees_of_freedom():
    s = np.array([10.0, 1.0, 0.1, 0.0])
    np.testing.assert_allclose(models.filter_factors(s, 1.0), [100 / 101, 0.5, 0.01 / 1.01, 0.0])
    assert models.filter_factors(s, 0.0).tolist() == [1.0, 1.0, 1.0, 0.0]
    X, _ = _data()
    Z = StandardScaler().fit_transform(X)
    for alpha in (0.0, 0.3, 7.0):
        # the trace of the hat matrix Z (ZᵀZ + αI)⁻¹ Zᵀ
        hat = Z @ np.linalg.solve(Z.T @ Z + alpha * np.eye(Z.shape[1]), Z.T)
        assert models.effective_dof(np.linalg.svd(Z, compute_uv=False), alpha) == \
            pytest.approx(np.trace(hat), rel=1e-10)
    dofs = [models.effective_dof([3.0, 1.0, 0.2], 10.0 ** k) for k in range(-4, 5)]
    assert all(a > b for a, b in zip(dofs, dofs[1:]))  # falls as α grows


@pytest.mark.parametrize("alpha", [1e-8, 1e-3, 1.0, 100.0])
def test_fit_ridge_matches_a_standard_scaler_and_ridge_pipeline(alpha):
    for X, y in (_data(), _sine_powers()):
        ours = models.fit_ridge(X, y, alpha)
        pipe = make_pipeline(StandardScaler(), Ridge(alpha=alpha, solver="svd")).fit(X, y)
        scale = np.abs(pipe[-1].coef_).max()
        np.testing.assert_allclose(ours.weights, pipe[-1].coef_, rtol=1e-7, atol=1e-10 * scale)
        assert ours.intercept == pytest.approx(pipe[-1].intercept_, rel=1e-12, abs=1e-12)
        grid = np.linspace(X.min(axis=0), X.max(axis=0), 7)
        np.testing.assert_allclose(ours.predict(grid), pipe.predict(grid), rtol=1e-7,
                                   atol=1e-9 * max(1.0, scale))


def test_fit_ridge_without_standardising_is_sklearn_ridge_with_an_intercept():
    X, y = _data()
    ours = models.fit_ridge(X, y, 3.0, standardise=False)
    theirs = Ridge(alpha=3.0).fit(X, y)
    np.testing.assert_allclose(ours.weights, theirs.coef_, rtol=1e-9)
    np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=1e-9)


def test_the_intercept_is_not_penalised():
    # Shifting every target by a constant moves only the intercept, whatever α is.
    X, y = _data()
    for alpha in (0.1, 1e3):
        a, b = models.fit_ridge(X, y, alpha), models.fit_ridge(X, y + 100.0, alpha)
        np.testing.assert_allclose(a.weights, b.weights, rtol=1e-9, atol=1e-12)
        assert b.intercept - a.intercept == pytest.approx(100.0)
    # and an infinite penalty in the limit leaves the mean of the targets
    assert models.fit_ridge(X, y, 1e12).predict(X) == pytest.approx(np.full(40, y.mean()))


def test_standardising_makes_the_fit_independent_of_the_features_units():
    X, y = _data()
    in_other_units = X * np.array([1000, 0.01, 1, 1, 60, 1])
    a, b = models.fit_ridge(X, y, 5.0), models.fit_ridge(in_other_units, y, 5.0)
    np.testing.assert_allclose(a.predict(X), b.predict(in_other_units), rtol=1e-10)
    raw_a = models.fit_ridge(X, y, 5.0, standardise=False)
    raw_b = models.fit_ridge(in_other_units, y, 5.0, standardise=False)
    assert not np.allclose(raw_a.predict(X), raw_b.predict(in_other_units), rtol=1e-3)


def test_weights_shrink_as_alpha_grows():
    X, y = _sine_powers()
    norms = [models.fit_ridge(X, y, 10.0 ** k).norm for k in range(-8, 3)]
    assert all(a > b for a, b in zip(norms, norms[1:]))


def test_a_constant_column_gets_no_weight_and_constant_data_the_mean():
    X, y = _data()
    X[:, 2] = 4.0
    fit = models.fit_ridge(X, y, 1.0)
    assert abs(fit.weights[2]) < 1e-12 and fit.scale[2] == 1.0  # 0 up to the SVD's rounding
    flat = models.fit_ridge(np.full((5, 2), 3.0), [1.0, 2.0, 3.0, 4.0, 5.0], 1.0)
    assert flat.predict([[0.0, 0.0]]).tolist() == [3.0] and flat.norm == 0.0


def test_polynomial_powers_are_scikit_learns_polynomial_features():
    x = np.linspace(-1.3, 2.0, 9)
    np.testing.assert_allclose(models.polynomial_powers(x, 5),
                               PolynomialFeatures(5, include_bias=False).fit_transform(x[:, None]))


@pytest.mark.parametrize("k", [3, 5])
def test_ridge_cv_errors_are_cross_val_scores(k):
    X, y = _sine_powers()
    alphas = [1e-6, 1e-3, 0.1, 10.0]
    ours = models.ridge_cv(X, y, alphas, k)
    for alpha, errors, training in zip(alphas, ours.fold_errors, ours.training_error):
        pipe = make_pipeline(StandardScaler(), Ridge(alpha=alpha, solver="svd"))
        theirs = -cross_val_score(pipe, X, y, cv=KFold(k), scoring="neg_mean_squared_error")
        np.testing.assert_allclose(errors, theirs, rtol=1e-6)
        fitted = pipe.fit(X, y).predict(X)
        assert training == pytest.approx(np.mean((fitted - y) ** 2), rel=1e-6)


def test_ridge_cv_chooses_what_sklearn_ridgecv_chooses_with_leave_one_out():
    X, y = _data(n=30, d=4, seed=7)
    alphas = 10.0 ** np.arange(-3, 3.5, 0.5)
    ours = models.ridge_cv(X, y, alphas, k=30, standardise=False)
    theirs = RidgeCV(alphas=alphas).fit(X, y)  # efficient leave-one-out, intercept unpenalised
    assert ours.best_alpha == pytest.approx(theirs.alpha_)
    assert ours.cv_error.min() == pytest.approx(theirs.best_score_ * -1, rel=1e-8)


def test_weight_decay_descent_converges_to_the_ridge_solution():
    X, y = _data(n=25, d=3, seed=2)
    Z = StandardScaler().fit_transform(X)
    yc = y - y.mean()
    alpha, eta = 2.0, 0.01
    w = np.zeros(3)
    for _ in range(3000):
        w = models.weight_decay_step(w, Z.T @ (Z @ w - yc), eta, alpha)
    np.testing.assert_allclose(w, models.fit_ridge(X, y, alpha).weights, rtol=1e-9)
    # one step by hand: decay, then the loss's gradient
    assert models.weight_decay_step([2.0, -1.0], [0.5, 0.5], 0.1, 3.0).tolist() == \
        pytest.approx([0.7 * 2.0 - 0.05, 0.7 * -1.0 - 0.05])


@pytest.mark.parametrize("call, message", [
    (lambda: models.fit_ridge([[1.0], [2.0]], [1.0, 2.0], -1.0), r"^alpha must be a finite "
     r"number >= 0"),
    (lambda: models.fit_ridge([[1.0], [2.0]], [1.0, 2.0], float("nan")), r"^alpha must be"),
    (lambda: models.ridge_svd([[1.0], [2.0]], [1.0, 2.0], float("inf")), r"^alpha must be"),
    (lambda: models.fit_ridge([[1.0], [2.0]], [1.0, 2.0], "1"), r"^alpha must be"),
    (lambda: models.fit_ridge([[1.0], [2.0]], [1.0, 2.0, 3.0], 1.0),
     r"^X and y must have the same number of examples .* got 2 and 3"),
    (lambda: models.fit_ridge([], [], 1.0), r"^y must have at least one component"),
    (lambda: models.fit_ridge(np.empty((0, 2)), [1.0], 1.0), r"^X must have at least one row"),
    (lambda: models.polynomial_powers([1.0, 2.0], -1), r"^degree must be an integer >= 1"),
    (lambda: models.polynomial_powers([1.0, 2.0], 0), r"^degree must be an integer >= 1"),
    (lambda: models.polynomial_powers([1.0, 2.0], 2.5), r"^degree must be an integer"),
    (lambda: models.ridge_cv([[1.0], [2.0], [3.0]], [1.0, 2.0, 3.0], [1.0, -2.0], k=2),
     r"^alphas must be a finite number >= 0"),
    (lambda: models.ridge_cv([[1.0], [2.0], [3.0]], [1.0, 2.0, 3.0], [], k=2),
     r"^alphas must hold at least one"),
    (lambda: models.ridge_cv([[1.0], [2.0], [3.0]], [1.0, 2.0, 3.0], [1.0], k=4),
     r"^k must be <= 3"),
    (lambda: models.filter_factors([1.0, -1.0], 1.0), r"^singular_values must be >= 0"),
    (lambda: models.weight_decay_step([1.0], [1.0], 0.0, 1.0), r"^learning_rate must be > 0"),
    (lambda: models.weight_decay_step([1.0], [1.0, 2.0], 0.1, 1.0), r"^gradient must have 1"),
])
def test_bad_input_is_refused_with_the_argument_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
