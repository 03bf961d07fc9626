"""mlmath.models.linear_regression against scikit-learn, NumPy and closed forms.

Tolerances, relative to the size of the numbers compared: a QR fit agrees with
scikit-learn and numpy.linalg.lstsq (both SVD- or LAPACK-based) to COEF_RTOL on
data whose design matrix is well conditioned (κ below 10⁴ here, so a backward
stable solver loses at most four of sixteen digits); the normal equations,
which square κ, to NORMAL_RTOL.
"""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import check_grad
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error, r2_score

from mlmath import data, models

COEF_RTOL = 1e-9
NORMAL_RTOL = 1e-6
rng = np.random.default_rng(20261207)
DIABETES = load_diabetes()
HOUSES = data.make_houses(n=60, seed=3)
STUDY = models.study_hours(n=40, seed=11)


def datasets():
    """(name, X, y) on which every solver is compared with scikit-learn."""
    X_random = rng.normal(size=(30, 4)) * [1.0, 10.0, 0.1, 3.0]
    y_random = X_random @ [2.0, -0.5, 7.0, 1.0] + 4.0 + rng.normal(size=30)
    return [("study hours", STUDY.hours[:, None], STUDY.scores),
            ("houses", HOUSES.features, HOUSES.price),
            ("diabetes", DIABETES.data, DIABETES.target),
            ("random scales", X_random, y_random)]


DATASETS = datasets()


# --- the line in closed form ------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 4, 9])
def test_fit_line_matches_scikit_learn_and_polyfit(seed):
    hours, scores = models.study_hours(n=25, seed=seed)
    fit = models.fit_line(hours, scores)
    reference = LinearRegression().fit(hours[:, None], scores)
    assert_allclose([fit.intercept, fit.slope], [reference.intercept_, reference.coef_[0]],
                    rtol=COEF_RTOL)
    assert_allclose(fit.fitted, reference.predict(hours[:, None]), rtol=COEF_RTOL)
    assert_allclose(fit.r2, r2_score(scores, fit.fitted), rtol=COEF_RTOL)
    slope, intercept = np.polyfit(hours, scores, 1)
    assert_allclose([fit.intercept, fit.slope], [intercept, slope], rtol=COEF_RTOL)
    assert_allclose(fit.rss, np.sum((scores - reference.predict(hours[:, None])) ** 2),
                    rtol=COEF_RTOL)


def test_the_line_passes_through_the_centre_and_its_residuals_balance():
    hours, scores = STUDY
    fit = models.fit_line(hours, scores)
    assert fit.intercept + fit.slope * hours.mean() == pytest.approx(scores.mean(), rel=1e-14)
    assert abs(fit.residuals.sum()) < 1e-10 * np.abs(scores).sum()
    assert abs(fit.residuals @ hours) < 1e-10 * np.abs(scores * hours).sum()
    # In simple regression R² is the squared correlation of x and y.
    assert fit.r2 == pytest.approx(np.corrcoef(hours, scores)[0, 1] ** 2, rel=1e-12)


def test_points_on_a_line_give_r2_one_and_equal_scores_leave_it_undefined():
    on_a_line = models.fit_line([1.0, 2.0, 4.0, 7.0], [28.0, 36.0, 52.0, 76.0])
    assert on_a_line.slope == pytest.approx(8.0) and on_a_line.intercept == pytest.approx(20.0)
    assert on_a_line.rss < 1e-24 and on_a_line.r2 == pytest.approx(1.0, abs=1e-14)
    flat = models.fit_line([1.0, 3.0, 4.0], [0.1, 0.1, 0.1])  # their float mean is not 0.1
    assert (flat.slope, flat.intercept, flat.tss, flat.rss) == (0.0, 0.1, 0.0, 0.0)
    assert flat.r2 is None
    two = models.fit_line([1.0, 3.0], [10.0, 20.0])  # two points: the line through them
    assert (two.slope, two.intercept, two.r2) == (5.0, 5.0, 1.0)


@pytest.mark.parametrize("x, y, message", [
    ([3.0, 3.0, 3.0], [1.0, 2.0, 4.0], r"^x must hold at least two different values .* got "
                                       r"3 values all equal to 3"),
    ([5.0], [60.0], r"^x must hold at least two different values .* got 1 value all equal"),
    ([], [], r"^x must have at least one component"),
    ([1.0, 2.0], [1.0, 2.0, 3.0], r"^x and y must have the same number of components"),
    ([1.0, np.nan], [1.0, 2.0], r"^x must be finite"),
    ([1.0, 2.0], [np.inf, 2.0], r"^y must be finite"),
])
def test_fit_line_refuses_what_has_no_line(x, y, message):
    with pytest.raises(ValueError, match=message):
        models.fit_line(x, y)


# --- several features: QR and the normal equations -----------------------------------------

@pytest.mark.parametrize("name, X, y", DATASETS, ids=[d[0] for d in DATASETS])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_least_squares_matches_scikit_learn_and_numpy(name, X, y, fit_intercept):
    reference = LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    A = np.column_stack([np.ones(len(X)), X]) if fit_intercept else X
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    for method, rtol in (("qr", COEF_RTOL), ("normal", NORMAL_RTOL)):
        model = models.fit_least_squares(X, y, method=method, fit_intercept=fit_intercept)
        scale = np.abs(reference.coef_).max()
        assert_allclose(model.weights, reference.coef_, rtol=rtol, atol=rtol * scale,
                        err_msg=f"{name}, {method}")
        assert model.bias == pytest.approx(float(reference.intercept_), rel=rtol,
                                           abs=rtol * np.abs(y).max())
        assert_allclose(np.r_[model.bias, model.weights] if fit_intercept else model.weights,
                        theta, rtol=rtol, atol=rtol * scale)
        assert_allclose(model.predict(X), reference.predict(X), rtol=rtol,
                        atol=rtol * np.abs(y).max())
        assert model.score(X, y) == pytest.approx(reference.score(X, y), rel=rtol, abs=rtol)


def test_the_design_matrix_puts_the_intercept_in_front():
    X = np.array([[2.0, 3.0], [4.0, 5.0]])
    assert_allclose(models.design_matrix(X), [[1.0, 2.0, 3.0], [1.0, 4.0, 5.0]])
    assert_allclose(models.design_matrix(X, fit_intercept=False), X)


def test_dependent_features_get_the_minimum_norm_weights_and_the_same_predictions():
    # Floor area twice (square feet and square metres): infinitely many weights fit.
    X = np.column_stack([HOUSES.features, 0.09290304 * HOUSES.features[:, 0]])
    model = models.fit_least_squares(X, HOUSES.price)
    A = np.column_stack([np.ones(len(X)), X])
    minimum_norm = np.linalg.lstsq(A, HOUSES.price, rcond=None)[0]
    assert_allclose(np.r_[model.bias, model.weights], minimum_norm, rtol=1e-7, atol=1e-9)
    reference = LinearRegression().fit(X, HOUSES.price)
    assert_allclose(model.predict(X), reference.predict(X), rtol=1e-9)
    with pytest.raises(ValueError, match="linearly independent columns"):
        models.fit_least_squares(X, HOUSES.price, method="normal")


# --- gradient descent -------------------------------------------------------------------

def standardised(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def test_gradient_descent_reaches_the_least_squares_solution():
    # κ ≈ 27 standardised: the error shrinks by at least 1 − 1/27 a step, e⁻⁷⁴ in 2000.
    X, y = standardised(HOUSES.features), HOUSES.price
    fit = models.fit_gradient_descent(X, y, steps=2000)
    reference = LinearRegression().fit(X, y)
    assert not fit.diverged and fit.condition_number < 30
    assert_allclose(fit.model.weights, reference.coef_, rtol=1e-9)
    assert fit.model.bias == pytest.approx(reference.intercept_, rel=1e-12)
    # The loss is half the mean squared error, as scikit-learn computes it.
    assert fit.run.losses[-1] == pytest.approx(mean_squared_error(y, reference.predict(X)) / 2,
                                               rel=1e-12)


def test_each_step_is_the_closed_form_of_descent_on_a_quadratic():
    # θ⁽ᵗ⁾ − θ* = (I − ηH)ᵗ (θ⁽⁰⁾ − θ*), with H = ÃᵀÃ/N: NumPy's matrix power, not the package.
    X, y = HOUSES.features[:, :2] / [1000.0, 1.0], HOUSES.price
    fit = models.fit_gradient_descent(X, y, eta=0.05, steps=60)
    A = np.column_stack([np.ones(len(X)), X])
    H = A.T @ A / len(y)
    best = np.linalg.lstsq(A, y, rcond=None)[0]
    for t in (1, 10, 60):
        expected = best + np.linalg.matrix_power(np.eye(3) - 0.05 * H, t) @ (0 - best)
        assert_allclose(fit.run.path[t], expected, rtol=1e-10, atol=1e-10)


def test_the_hessian_is_the_gram_matrix_and_its_condition_number_is_kappa_squared():
    X, y = HOUSES.features, HOUSES.price
    fit = models.fit_gradient_descent(X, y, steps=1)
    A = np.column_stack([np.ones(len(X)), X])
    assert_allclose(fit.eigenvalues, np.linalg.eigvalsh(A.T @ A / len(y))[::-1], rtol=1e-7)
    assert fit.condition_number == pytest.approx(np.linalg.cond(A) ** 2, rel=1e-6)
    assert fit.eta == pytest.approx(1 / fit.eigenvalues[0])


def test_the_learning_rate_bound_is_two_over_the_largest_eigenvalue():
    X = standardised(HOUSES.features)
    bound = 2 / models.fit_gradient_descent(X, HOUSES.price, steps=1).eigenvalues[0]
    below = models.fit_gradient_descent(X, HOUSES.price, eta=0.99 * bound, steps=3000)
    above = models.fit_gradient_descent(X, HOUSES.price, eta=1.01 * bound, steps=3000)
    reference = LinearRegression().fit(X, HOUSES.price)
    assert not below.diverged
    assert_allclose(below.model.weights, reference.coef_, rtol=1e-6)
    assert above.diverged


def test_raw_features_need_many_more_steps_than_standardised_ones():
    # κ is about 5·10⁷ on the raw houses, under 30 standardised: same data, same steps.
    raw = models.fit_gradient_descent(HOUSES.features, HOUSES.price, steps=500)
    scaled = models.fit_gradient_descent(standardised(HOUSES.features), HOUSES.price,
                                         steps=500)
    best = LinearRegression().fit(HOUSES.features, HOUSES.price).score(HOUSES.features,
                                                                       HOUSES.price)
    assert raw.condition_number > 1e6 and scaled.condition_number < 100
    assert scaled.model.score(standardised(HOUSES.features), HOUSES.price) == pytest.approx(
        best, abs=1e-9)
    assert raw.model.score(HOUSES.features, HOUSES.price) < best - 0.01


def test_the_loss_gradient_and_hessian_are_consistent():
    X, y = HOUSES.features[:, 1:], HOUSES.price
    loss = models.least_squares_loss(X, y)
    for theta in (np.zeros(3), np.array([40.0, 10.0, -1.0]), rng.normal(size=3)):
        assert check_grad(loss.f, loss.grad, theta) < 1e-5 * (1 + np.abs(loss.grad(theta)).max())
        step = rng.normal(size=3)
        # A quadratic: its second difference along a step is exactly the Hessian's.
        second = loss.f(theta + step) - 2 * loss.f(theta) + loss.f(theta - step)
        assert second == pytest.approx(step @ loss.hessian @ step, rel=1e-8)
    assert loss.f(np.zeros(3)) == pytest.approx(np.mean(y**2) / 2)


# --- measuring a fit --------------------------------------------------------------------

def test_r2_and_mse_match_scikit_learn_even_below_zero():
    y = DIABETES.target[:100]
    for y_hat in (y + rng.normal(scale=20, size=100), np.full(100, y.mean()),
                  rng.permutation(y), np.full(100, 500.0)):
        assert models.r2_score(y, y_hat) == pytest.approx(r2_score(y, y_hat), rel=1e-12)
        assert models.mean_squared_error(y, y_hat) == pytest.approx(
            mean_squared_error(y, y_hat), rel=1e-12)
    assert models.r2_score(y, np.full(100, y.mean())) == pytest.approx(0.0, abs=1e-12)
    assert models.r2_score(y, np.full(100, 500.0)) < -1


def test_r2_on_held_out_data_can_be_negative():
    # Ten features fitted to twelve patients: the fit is nearly exact, and useless elsewhere.
    order = np.random.default_rng(5).permutation(len(DIABETES.target))
    train, test = order[:12], order[12:]
    model = models.fit_least_squares(DIABETES.data[train], DIABETES.target[train])
    reference = LinearRegression().fit(DIABETES.data[train], DIABETES.target[train])
    held_out = model.score(DIABETES.data[test], DIABETES.target[test])
    assert model.score(DIABETES.data[train], DIABETES.target[train]) > 0.9
    assert held_out < 0
    assert held_out == pytest.approx(reference.score(DIABETES.data[test],
                                                     DIABETES.target[test]), rel=1e-6)


def test_study_hours_is_seeded_and_in_range():
    a, b = models.study_hours(200, seed=3), models.study_hours(200, seed=3)
    assert np.array_equal(a.hours, b.hours) and np.array_equal(a.scores, b.scores)
    assert a.hours.min() >= 0.5 and a.hours.max() <= 9.5 and np.all(a.hours * 2 % 1 == 0)
    assert a.scores.min() >= 0 and a.scores.max() <= 100 and np.all(a.scores % 1 == 0)
    # The generator's line, recovered from many students.
    many = models.study_hours(10_000, seed=1)
    fit = models.fit_line(many.hours, many.scores)
    assert fit.slope == pytest.approx(5.5, abs=0.1) and fit.intercept == pytest.approx(40, abs=1)


# --- bad input --------------------------------------------------------------------------

X3 = np.ones((3, 2))
Y3 = np.ones(3)


@pytest.mark.parametrize("call, message", [
    (lambda: models.fit_least_squares(np.empty((0, 2)), []), r"^X must have at least one row"),
    (lambda: models.fit_least_squares([], []), r"^X must be a 2-D array"),
    (lambda: models.fit_least_squares(X3, [1.0, 2.0]), r"^y must have one target per row of X: "
                                                       r"X has 3 rows .* y has 2 entries"),
    (lambda: models.fit_least_squares([[1.0, np.nan], [2.0, 3.0]], [1.0, 2.0]),
     r"^X must be finite \(no NaN or inf\)"),
    (lambda: models.fit_least_squares(X3, [1.0, np.nan, 2.0]), r"^y must be finite"),
    (lambda: models.fit_least_squares(X3, Y3, method="svd"),
     r"^method must be one of 'qr', 'normal', got 'svd'"),
    (lambda: models.fit_least_squares(X3, Y3, fit_intercept="yes"),
     r"^fit_intercept must be True or False"),
    (lambda: models.fit_least_squares([1.0, 2.0, 3.0], Y3), r"^X must be a 2-D array .* "
                                                            r"write a single row as \[\[\.\.\.\]\]"),
    (lambda: models.fit_gradient_descent(X3, Y3, eta=0.0), r"^eta must be > 0"),
    (lambda: models.fit_gradient_descent(X3, Y3, eta=float("nan")), r"^eta must be finite"),
    (lambda: models.fit_gradient_descent(X3, Y3, steps=0), r"^steps must be >= 1"),
    (lambda: models.fit_gradient_descent(np.zeros((3, 2)), Y3, fit_intercept=False),
     r"^X must have a non-zero entry"),
    (lambda: models.LinearModel(np.ones(2), 0.0).predict(np.ones((4, 3))),
     r"^X must have 2 columns, one per weight, got shape \(4, 3\)"),
    (lambda: models.r2_score([1.0, 2.0], [1.0]), r"^y and y_hat must have the same number"),
    (lambda: models.r2_score([], []), r"^y must have at least one component"),
    (lambda: models.r2_score([7.0, 7.0, 7.0], [6.0, 7.0, 8.0]),
     r"^y must not be constant: every one of its 3 values is 7, so TSS = .* undefined"),
    (lambda: models.r2_score([1.0, 2.0], [1.0, np.nan]), r"^y_hat must be finite"),
    (lambda: models.mean_squared_error([1.0], []), r"^y_hat must have at least one component"),
    (lambda: models.study_hours(0), r"^n must be >= 1"),
    (lambda: models.study_hours(5, seed=-1), r"^seed must be >= 0"),
])
def test_bad_input_names_the_argument_and_what_is_allowed(call, message):
    with pytest.raises(ValueError, match=message):
        call()
