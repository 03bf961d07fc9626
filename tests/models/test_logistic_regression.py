"""mlmath.models.logistic_regression against scikit-learn, SciPy and central differences."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import optimize, special, stats
from sklearn.linear_model import LogisticRegression
from sklearn import metrics

from mlmath import calculus, models

DATA = {name: models.classification_data(name) for name in models.CLASSIFICATION_DATA}
rng = np.random.default_rng(20260301)
#: Five features, labels drawn from a known logistic model: the package is not only 2-D.
WIDE_X = rng.normal(size=(300, 5))
WIDE_Y = (rng.random(300) < special.expit(WIDE_X @ [1.0, -2.0, 0.5, 0.0, 1.5] - 0.3)) * 1.0

#: Gradient descent stops at a gradient of about 1e-10 after these steps (η = 1), and
#: scikit-learn's L-BFGS at its tolerance 1e-12: the two minimisers then agree to 1e-6
#: in every coefficient, 1e-7 in every probability.
STEPS = 5000
COEF_ATOL, PROBA_ATOL = 1e-6, 1e-7


def sklearn_fit(X, y, C=np.inf):
    """scikit-learn's logistic regression. C=np.inf means no penalty: on scikit-learn
    1.8 and later the spelling penalty=None is deprecated (a FutureWarning), so it is
    not used; its default C=1.0 adds an L2 penalty."""
    return LogisticRegression(C=C, tol=1e-12, max_iter=100_000).fit(X, y)


@pytest.mark.parametrize("X, y", [(DATA["overlapping"].X, DATA["overlapping"].y),
                                  (DATA["rare positives"].X, DATA["rare positives"].y),
                                  (WIDE_X, WIDE_Y)], ids=["overlapping", "rare", "five"])
def test_gradient_descent_finds_scikit_learns_unpenalised_fit(X, y):
    fit = models.fit_logistic_regression(X, y, eta=1.0, steps=STEPS)
    reference = sklearn_fit(X, y)
    assert fit.gradient_norm < 1e-8 and fit.diverged_at is None
    assert_allclose(fit.weights, reference.coef_[0], atol=COEF_ATOL)
    assert fit.bias == pytest.approx(reference.intercept_[0], abs=COEF_ATOL)
    assert_allclose(models.predict_proba(fit.theta, X), reference.predict_proba(X)[:, 1],
                    atol=PROBA_ATOL)
    assert_array_equal(models.predict(fit.theta, X), reference.predict(X))
    # the path's losses never rise (convex loss, η inside the stability bound)
    assert np.all(np.diff(fit.losses) <= 1e-15)


@pytest.mark.parametrize("C", [0.01, 1.0, 10.0])
def test_the_penalty_alpha_is_scikit_learns_C_as_one_over_alpha_n(C):
    X, y = DATA["overlapping"].X, DATA["overlapping"].y
    fit = models.fit_logistic_regression(X, y, steps=STEPS, alpha=1 / (C * y.size))
    reference = sklearn_fit(X, y, C=C)
    assert_allclose(fit.theta, np.r_[reference.coef_[0], reference.intercept_], atol=COEF_ATOL)


def test_scikit_learns_default_is_penalised_and_differs_from_maximum_likelihood():
    X, y = DATA["rare positives"].X, DATA["rare positives"].y
    plain = models.fit_logistic_regression(X, y, steps=STEPS)
    default = LogisticRegression().fit(X, y)  # C=1.0: an L2 penalty
    assert np.max(np.abs(plain.weights - default.coef_[0])) > 1e-3


def test_a_penalty_gives_separable_data_a_minimum():
    X, y = DATA["separable"].X, DATA["separable"].y
    fit = models.fit_logistic_regression(X, y, steps=STEPS, alpha=0.01)
    assert fit.gradient_norm < 1e-8
    assert_allclose(fit.theta, np.r_[sklearn_fit(X, y, C=1 / (0.01 * y.size)).coef_[0],
                                     sklearn_fit(X, y, C=1 / (0.01 * y.size)).intercept_],
                    atol=COEF_ATOL)


def test_on_separable_data_the_weights_grow_without_bound():
    X, y = DATA["separable"].X, DATA["separable"].y
    fit = models.fit_logistic_regression(X, y, steps=10_000)
    norms = np.linalg.norm(fit.path[:, :2], axis=1)
    checkpoints = norms[[10, 100, 1000, 10_000]]
    # every tenfold increase in steps adds about the same to ‖w‖: logarithmic growth
    assert np.all(np.diff(checkpoints) > 1.0)
    assert np.all(np.diff(fit.losses) < 0) and 0 < fit.losses[-1] < 1e-3
    assert 0 < fit.gradient_norm < 1e-3
    assert_array_equal(models.predict(fit.theta, X), y)  # every training label right


def test_the_classes_are_separable_exactly_when_a_linear_program_says_so():
    """y_i(w·x_i + b) >= 1 for all i is feasible exactly for separable data."""
    for name, separable in (("separable", True), ("overlapping", False),
                            ("rare positives", False)):
        X, y = DATA[name].X, DATA[name].y
        signs = 2 * y - 1
        A = -signs[:, None] * np.c_[X, np.ones(len(y))]
        result = optimize.linprog(np.zeros(3), A_ub=A, b_ub=-np.ones(len(y)),
                                  bounds=[(None, None)] * 3)
        assert (result.status == 0) == separable, name


@pytest.mark.parametrize("theta", [[0.0, 0.0, 0.0], [1.5, -0.7, 0.3], [-4.0, 5.0, 2.0]])
def test_log_loss_is_scikit_learns_and_its_gradient_central_differences(theta):
    X, y = DATA["overlapping"].X, DATA["overlapping"].y
    z = X @ theta[:2] + theta[2]
    p = special.expit(z)
    exact = -np.mean(y * special.log_expit(z) + (1 - y) * special.log_expit(-z))
    assert models.log_loss(theta, X, y) == pytest.approx(exact, rel=1e-13)
    # scikit-learn works from p̂ itself, and loses digits in log(1 − p̂) where p̂ is near 1
    assert models.log_loss(theta, X, y) == pytest.approx(metrics.log_loss(y, p), rel=1e-9)
    assert_allclose(models.log_loss_gradient(theta, X, y),
                    np.c_[X, np.ones(len(y))].T @ (p - y) / len(y), rtol=1e-12, atol=1e-15)
    for alpha in (0.0, 0.3):
        error = calculus.gradient_check(lambda t: models.log_loss(t, X, y, alpha),
                                        lambda t: models.log_loss_gradient(t, X, y, alpha),
                                        theta)
        assert error < calculus.GRADIENT_CHECK_TOLERANCE


def test_log_loss_stays_finite_and_exact_where_probabilities_round_to_0_and_1():
    X = np.array([[40.0], [-40.0], [800.0], [-800.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0])
    theta = [1.0, 0.0]
    # −log(1 − σ(40)) = −log σ(−40) ≈ 40 twice, −log σ(800) ≈ 0 twice (SciPy's log_expit)
    expected = -np.mean(special.log_expit([-40.0, -40.0, 800.0, 800.0]))
    assert models.log_loss(theta, X, y) == pytest.approx(expected, rel=1e-14)
    # the naive formula takes log 0: 1 − σ(40) rounds to 0 in floating point
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        p = 1 / (1 + np.exp(-X[:, 0]))
        naive = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert math.isinf(naive) or math.isnan(naive)


def test_at_the_minimum_the_probabilities_add_up_to_the_number_of_positives():
    """∂L/∂b = mean(p̂ − y) = 0: with an intercept, the fit is right on average."""
    for name in ("overlapping", "rare positives"):
        X, y = DATA[name].X, DATA[name].y
        fit = models.fit_logistic_regression(X, y, steps=STEPS)
        assert models.predict_proba(fit.theta, X).sum() == pytest.approx(y.sum(), abs=1e-7)


@pytest.mark.parametrize("tau", [0.0, 0.05, 0.3, 0.5, 0.77, 0.999, 1.0])
def test_confusion_matrix_precision_and_recall_are_scikit_learns(tau):
    X, y = DATA["rare positives"].X, DATA["rare positives"].y
    theta = sklearn_fit(X, y)
    theta = np.r_[theta.coef_[0], theta.intercept_]
    predicted = models.predict(theta, X, tau)
    assert_array_equal(predicted, (special.expit(X @ theta[:2] + theta[2]) >= tau).astype(int))
    counts = models.confusion_matrix(y, predicted)
    assert_array_equal(counts.as_array(), metrics.confusion_matrix(y, predicted, labels=[0, 1]))
    assert counts.recall == pytest.approx(metrics.recall_score(y, predicted))
    assert counts.accuracy == pytest.approx(metrics.accuracy_score(y, predicted))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nothing predicted 1: scikit-learn warns of 0/0
        precision = metrics.precision_score(y, predicted, zero_division=np.nan)
    if np.isnan(precision):
        assert counts.precision is None and counts.tp + counts.fp == 0
    else:
        assert counts.precision == pytest.approx(precision)


def test_the_threshold_on_probabilities_is_a_threshold_on_scores_at_the_log_odds():
    X, y = DATA["overlapping"].X, DATA["overlapping"].y
    theta = np.array([1.3, 0.6, -0.2])
    scores = X @ theta[:2] + theta[2]
    for tau in (0.1, 0.5, 0.83):
        assert_array_equal(models.predict(theta, X, tau), scores >= special.logit(tau))
    assert models.predict(theta, X, 0.0).sum() == len(y)


def test_logit_is_scipys_and_undoes_the_sigmoid():
    p = np.array([1e-300, 1e-9, 0.2, 0.5, 0.9, 1 - 1e-12])
    assert_allclose(models.logit(p), special.logit(p), rtol=1e-12)
    assert models.logit(0.5) == 0.0 and isinstance(models.logit(0.25), float)
    # up to z = 10: beyond it σ(z) is so near 1 that 1 − σ(z) keeps few digits
    z = np.linspace(-30, 10, 41)
    assert_allclose(models.logit(special.expit(z)), z, rtol=1e-9, atol=1e-9)


def test_the_data_sets_are_what_their_docstring_says():
    sizes = {"overlapping": (100, 100), "separable": (30, 30), "rare positives": (450, 50)}
    for name, (n0, n1) in sizes.items():
        data = DATA[name]
        assert data.X.shape == (n0 + n1, 2) and np.sum(data.y == 0) == n0
        assert np.sum(data.y == 1) == n1 and np.all(np.abs(data.X) <= 3.8)
        assert_array_equal(data.X, np.round(data.X, 2))
        again = models.classification_data(name)
        assert_array_equal(again.X, data.X) and (again.y == data.y).all()
    assert not (models.classification_data("overlapping", seed=1).X == DATA["overlapping"].X
                ).all()
    assert DATA["separable"].bayes_theta is None


@pytest.mark.parametrize("name, means, prior", [
    ("overlapping", ((-0.8, -0.5), (0.8, 0.5)), 0.5),
    ("rare positives", ((-0.4, -0.3), (1.6, 1.2)), 0.1)])
def test_bayes_theta_is_the_log_odds_of_the_truncated_normal_clouds(name, means, prior):
    """Bayes' theorem with SciPy's densities, each divided by its mass in the square."""
    def density(x, mean):
        mass = np.prod([stats.norm.cdf(3.8 - m) - stats.norm.cdf(-3.8 - m) for m in mean])
        return stats.multivariate_normal(mean, np.eye(2)).pdf(x) / mass

    x = np.random.default_rng(3).uniform(-3.8, 3.8, (50, 2))
    odds = np.log(prior * density(x, means[1]) / ((1 - prior) * density(x, means[0])))
    theta = DATA[name].bayes_theta
    assert_allclose(x @ theta[:2] + theta[2], odds, rtol=1e-10, atol=1e-10)


X_SMALL = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]])
Y_SMALL = np.array([0, 1, 1])


@pytest.mark.parametrize("call, message", [
    (lambda: models.log_loss([0, 0, 0], np.empty((0, 2)), []), r"^X must have at least one row"),
    (lambda: models.fit_logistic_regression([], []), r"^X must be a 2-D array"),
    (lambda: models.log_loss([0, 0, 0], X_SMALL, [0, 1]), r"^y must have one label per row"),
    (lambda: models.fit_logistic_regression(X_SMALL, [1, 1, 1]),
     r"^y must hold both labels, 0 and 1, got only 1s"),
    (lambda: models.fit_logistic_regression(X_SMALL, [0, 0, 0]), r"^y must hold both labels"),
    (lambda: models.fit_logistic_regression(X_SMALL, [-1, 1, 1]),
     r"^y must hold only the labels 0 and 1, got \[-1.0\]"),
    (lambda: models.log_loss([0, 0, 0], X_SMALL, [0, 2, 1]), r"^y must hold only the labels"),
    (lambda: models.log_loss([0, 0, 0], X_SMALL, [0, np.nan, 1]), r"^y must be finite"),
    (lambda: models.predict_proba([0, 0, 0], [[0.0, np.nan]]), r"^X must be finite"),
    (lambda: models.predict_proba([0, 0], X_SMALL), r"^theta must have d \+ 1 = 3 components"),
    (lambda: models.predict_proba([0, np.nan, 0], X_SMALL), r"^theta must be finite"),
    (lambda: models.predict([0, 0, 0], X_SMALL, 1.5), r"^threshold must be <= 1"),
    (lambda: models.predict([0, 0, 0], X_SMALL, np.nan), r"^threshold must be finite"),
    (lambda: models.log_loss([0, 0, 0], X_SMALL, Y_SMALL, alpha=-1.0), r"^alpha must be >= 0"),
    (lambda: models.fit_logistic_regression(X_SMALL, Y_SMALL, eta=0.0), r"^eta must be > 0"),
    (lambda: models.fit_logistic_regression(X_SMALL, Y_SMALL, steps=0), r"^steps must be >= 1"),
    (lambda: models.fit_logistic_regression(X_SMALL, Y_SMALL, start=[0, 0]),
     r"^theta must have d \+ 1 = 3"),
    (lambda: models.logit(1.0), r"^p must hold probabilities strictly between 0 and 1"),
    (lambda: models.logit([0.5, np.nan]), r"^p must hold probabilities"),
    (lambda: models.confusion_matrix([0, 1, 1], [0, 1]), r"^y_pred must have one label per"),
    (lambda: models.confusion_matrix([0, 1, 3], [0, 1, 1]), r"^y_true must hold only"),
    (lambda: models.classification_data("spirals"), r"^name must be one of 'overlapping'"),
])
def test_bad_input_is_refused_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
