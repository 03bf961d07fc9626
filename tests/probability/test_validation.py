"""Cross-validation from scratch, against scikit-learn and NumPy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.polynomial import Polynomial, legendre
from sklearn.feature_selection import r_regression
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import KFold, cross_val_score
from sklearn.model_selection import train_test_split as sklearn_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures

from mlmath import probability

SIZES = [(30, 5), (31, 4), (10, 10), (7, 2), (12, 5), (2, 2), (100, 3)]


def _regression(N=40, d=3, seed=5):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((N, d))
    return X, X @ rng.standard_normal(d) + 1.5 + 0.5 * rng.standard_normal(N)


@pytest.mark.parametrize("n, k", SIZES)
def test_kfold_gives_scikit_learns_folds(n, k):
    ours = probability.kfold(n, k)
    theirs = list(KFold(n_splits=k).split(np.zeros((n, 1))))
    assert len(ours) == len(theirs) == k
    for fold, (train, test) in zip(ours, theirs):
        np.testing.assert_array_equal(fold.train, train)
        np.testing.assert_array_equal(fold.test, test)


@pytest.mark.parametrize("n, k", SIZES)
def test_shuffled_kfold_is_kfold_of_the_documented_permutation(n, k):
    order = np.random.default_rng(7).permutation(n)
    unshuffled = KFold(n_splits=k).split(np.zeros((n, 1)))
    for fold, (_, test) in zip(probability.kfold(n, k, shuffle=True, seed=7), unshuffled):
        np.testing.assert_array_equal(fold.test, np.sort(order[test]))
        np.testing.assert_array_equal(fold.train, np.setdiff1d(np.arange(n), order[test]))
    # scikit-learn's shuffle draws from the legacy RandomState: same sizes, other rows
    theirs = list(KFold(n_splits=k, shuffle=True, random_state=7).split(np.zeros((n, 1))))
    ours = probability.kfold(n, k, shuffle=True, seed=7)
    assert [f.test.size for f in ours] == [test.size for _, test in theirs]


@pytest.mark.parametrize("shuffle", [False, True])
def test_every_example_is_held_out_exactly_once(shuffle):
    n = 23
    folds = probability.kfold(n, 6, shuffle=shuffle, seed=1)
    held = np.concatenate([fold.test for fold in folds])
    np.testing.assert_array_equal(np.sort(held), np.arange(n))
    for fold in folds:
        assert np.intersect1d(fold.train, fold.test).size == 0
        assert fold.train.size + fold.test.size == n
        assert np.all(np.diff(fold.train) > 0) and np.all(np.diff(fold.test) > 0)


@pytest.mark.parametrize("n, fraction", [(30, 0.25), (10, 0.3), (7, 0.5), (101, 0.2), (2, 0.5)])
def test_train_test_split_sizes_match_scikit_learn(n, fraction):
    split = probability.train_test_split(n, fraction, seed=3)
    train, test = sklearn_split(np.arange(n), test_size=fraction, random_state=3)
    assert (split.train.size, split.test.size) == (train.size, test.size)
    np.testing.assert_array_equal(np.sort(np.concatenate(split)), np.arange(n))
    again = probability.train_test_split(n, fraction, seed=3)
    np.testing.assert_array_equal(split.test, again.test)


def test_cross_validate_matches_cross_val_score_of_linear_regression():
    X, y = _regression()
    for k in (2, 5, 10, 40):
        ours = probability.cross_validate(X, y, probability.fit_linear, k)
        theirs = -cross_val_score(LinearRegression(), X, y, cv=KFold(k),
                                  scoring="neg_mean_squared_error")
        np.testing.assert_allclose(ours.fold_errors, theirs, rtol=1e-11)
        assert ours.mean == pytest.approx(theirs.mean(), rel=1e-11)
        assert ours.std == pytest.approx(theirs.std(ddof=1), rel=1e-9)
        assert ours.standard_error == pytest.approx(theirs.std(ddof=1) / math.sqrt(k), rel=1e-9)
    # shuffled: scikit-learn scores the same folds when it is handed them
    folds = probability.kfold(len(y), 5, shuffle=True, seed=2)
    ours = probability.cross_validate(X, y, probability.fit_linear, 5, shuffle=True, seed=2)
    theirs = -cross_val_score(LinearRegression(), X, y, cv=[tuple(f) for f in folds],
                              scoring="neg_mean_squared_error")
    np.testing.assert_allclose(ours.fold_errors, theirs, rtol=1e-11)


def test_the_model_sees_only_the_training_rows():
    X, y = _regression(N=23)
    seen = []

    def fit(X_train, y_train):
        seen.append(len(X_train))
        return lambda X_test: np.zeros(len(X_test))

    result = probability.cross_validate(X, y, fit, 5)
    assert seen == [18, 18, 18, 19, 19]  # folds of 5, 5, 5, 4 and 4
    # predicting 0 everywhere scores the mean square of each fold's targets
    expected = [np.mean(y[f.test] ** 2) for f in probability.kfold(23, 5)]
    np.testing.assert_allclose(result.fold_errors, expected, rtol=1e-14)


def test_legendre_columns_are_numpys_legvander():
    t = np.linspace(-1.0, 1.0, 37)
    for degree in (0, 1, 2, 7, 15, 25):
        np.testing.assert_allclose(probability.legendre_columns(t, degree),
                                   legendre.legvander(t, degree), rtol=1e-13, atol=1e-14)


@pytest.mark.parametrize("degree", range(16))
def test_fit_polynomial_predicts_as_numpys_polynomial_fit(degree):
    x, y = probability.noisy_sine(30, 0.3, seed=3)
    grid = np.linspace(0.0, 1.0, 101)
    ours = probability.fit_polynomial(x, y, degree)(grid)
    theirs = Polynomial.fit(x, y, degree)(grid)
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-9 * np.max(np.abs(theirs)))


def test_polynomial_cv_matches_scikit_learn_pipeline_of_scaled_powers():
    x, y = probability.noisy_sine(30, 0.3, seed=3)
    for k in (2, 5, 10):
        top = 30 - math.ceil(30 / k) - 1
        degrees = list(range(min(top, 15) + 1))
        ours = probability.polynomial_cv(x, y, degrees, k)
        for D in degrees:
            # the inputs scaled to [-1, 1] on each training set, as fit_polynomial does;
            # a tiny tol, since LinearRegression drops directions below tol = 1e-6 otherwise
            model = make_pipeline(MinMaxScaler((-1, 1)), PolynomialFeatures(D),
                                  LinearRegression(tol=1e-14))
            theirs = -cross_val_score(model, x[:, None], y, cv=KFold(k),
                                      scoring="neg_mean_squared_error")
            np.testing.assert_allclose(ours.fold_errors[D], theirs, rtol=1e-8)
        training = [np.mean((y - Polynomial.fit(x, y, D)(x)) ** 2) for D in degrees]
        np.testing.assert_allclose(ours.training_error, training, rtol=1e-9)
    assert np.all(np.diff(ours.training_error) <= 1e-12)  # nested models: never worse
    assert ours.best_degree == int(np.argmin(ours.cv_error))


def test_correlation_screen_ranks_by_pearson_r_as_scikit_learn():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 60))
    y = X[:, 7] - 0.5 * X[:, 3] + rng.standard_normal(40)
    chosen = probability.correlation_screen(X, y, 10)
    r = r_regression(X, y)
    np.testing.assert_array_equal(chosen, np.argsort(-np.abs(r))[:10])
    assert chosen[0] == 7 and 3 in chosen[:3]
    constant = np.column_stack([np.ones(40), X[:, :2]])  # a column with no spread scores 0
    assert probability.correlation_screen(constant, y, 3)[-1] == 0


def test_screening_on_all_rows_leaks_and_inside_each_fold_does_not():
    for seed in range(4):
        rng = np.random.default_rng(seed)
        X, y = rng.standard_normal((50, 1000)), rng.standard_normal(50)
        chosen = probability.correlation_screen(X, y, 10)
        leaky = probability.cross_validate(X[:, chosen], y, probability.fit_linear, 5)
        honest = probability.cross_validate(X, y, probability.screened_fit(10), 5)
        guess = probability.cross_validate(X, y, lambda _, t: (lambda Z: np.full(len(Z),
                                                                                 t.mean())), 5)
        assert leaky.mean < 0.8 * guess.mean < honest.mean


def test_noisy_sine_is_seeded_with_the_stated_noise():
    x, y = probability.noisy_sine(30, 0.3, seed=3)
    x2, y2 = probability.noisy_sine(30, 0.3, seed=3)
    np.testing.assert_array_equal(y, y2)
    assert np.all((0 <= x) & (x <= 1))
    x, y = probability.noisy_sine(20_000, 0.3, seed=1)
    assert np.std(y - np.sin(2 * np.pi * x)) == pytest.approx(0.3, abs=0.01)


def test_underdetermined_fits_are_refused_in_words():
    x, y = probability.noisy_sine(30, 0.3, seed=3)
    with pytest.raises(ValueError, match=r"^degree must be at most 4 for 5 distinct .*"
                                         r"underdetermined"):
        probability.fit_polynomial(x[:5], y[:5], 5)
    with pytest.raises(ValueError, match=r"^degree must be at most 0 for 1 distinct"):
        probability.fit_polynomial([0.5, 0.5, 0.5], [1.0, 2.0, 3.0], 1)
    np.testing.assert_allclose(probability.fit_polynomial([0.5, 0.5], [1.0, 3.0], 0)([0.0, 9.0]),
                               [2.0, 2.0], rtol=1e-15)
    with pytest.raises(ValueError, match=r"^degrees must be at most 14 with k = 2 folds.*"
                                         r"underdetermined"):
        probability.polynomial_cv(x, y, range(16), k=2)


@pytest.mark.parametrize("call, message", [
    (lambda: probability.kfold(10, 1), r"^k must be an integer from 2 to n_samples = 10"),
    (lambda: probability.kfold(10, 11), r"^k must be an integer from 2 to n_samples = 10"),
    (lambda: probability.kfold(10, 2.5), r"^k must be an integer"),
    (lambda: probability.kfold(0, 2), r"^n_samples must be >= 2"),
    (lambda: probability.kfold(1, 2), r"^n_samples must be >= 2"),
    (lambda: probability.train_test_split(0), r"^n_samples must be >= 2"),
    (lambda: probability.train_test_split(10, 0.0), r"^test_fraction must be > 0"),
    (lambda: probability.train_test_split(10, 1.0), r"^test_fraction must leave"),
    (lambda: probability.cross_validate([], [], probability.fit_linear),
     r"^y must have at least one component"),
    (lambda: probability.cross_validate([[1.0], [np.nan]], [1.0, 2.0], probability.fit_linear),
     r"^X must be finite"),
    (lambda: probability.cross_validate([1.0, 2.0], [1.0, np.nan], probability.fit_linear),
     r"^y must be finite"),
    (lambda: probability.cross_validate([1.0, 2.0, 3.0], [1.0, 2.0], probability.fit_linear),
     r"^X must have one row per target, 2"),
    (lambda: probability.cross_validate([1.0, 2.0], [1.0, 2.0], "linear"), r"^fit must be"),
    (lambda: probability.fit_polynomial([1.0, 2.0], [1.0, 2.0], -1), r"^degree must be >= 0"),
    (lambda: probability.polynomial_cv([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0], [1, -1], 2),
     r"^degrees must be >= 0"),
    (lambda: probability.fit_polynomial([1.0, np.nan], [1.0, 2.0], 1), r"^x must be finite"),
    (lambda: probability.noisy_sine(0), r"^n_samples must be >= 1"),
    (lambda: probability.correlation_screen(np.ones((3, 2)), [1.0, 2.0, 3.0], 3),
     r"^count must be <= 2"),
])
def test_bad_input_is_refused_with_the_argument_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
