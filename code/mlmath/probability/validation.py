r"""Cross-validation from scratch (chapter *Cross-validation*,
``chapters/probability/cross-validation.md``).

A model is judged on examples it was not fitted to. Here: a seeded train/test
split, the :math:`k` folds of :math:`k`-fold cross-validation (the same folds as
scikit-learn's ``KFold``), the cross-validation loop for any model given as a
fitting function, with the spread of its fold errors, and what the chapter
applies it to: polynomial regression of rising degree, fitted by least squares
with :func:`mlmath.linalg.lstsq`, and the feature screening that leaks when it
sees the whole data set. ``tests/probability/test_validation.py`` checks the
folds and the scores against ``sklearn.model_selection``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, NamedTuple

import numpy as np

from mlmath import linalg
from mlmath._validate import as_int, as_matrix, as_real, as_vector

__all__ = ["CrossValidation", "Fold", "PolynomialCV", "PolynomialFit", "correlation_screen",
           "cross_validate", "fit_linear", "fit_polynomial", "kfold", "legendre_columns",
           "mean_squared_error", "noisy_sine", "polynomial_cv", "screened_fit", "train_test_split"]


class Fold(NamedTuple):
    """One split of :func:`kfold`: row indices to fit on and to score on, each ascending."""

    train: np.ndarray
    test: np.ndarray


def _permutation(n: int, seed) -> np.ndarray:
    return np.random.default_rng(as_int(seed, "seed", low=0)).permutation(n)


def train_test_split(n_samples, test_fraction=0.25, seed=0) -> Fold:
    r"""A seeded split of ``n_samples`` examples into a training and a test set.

    The examples are put in a random order (``numpy.random.default_rng(seed)``),
    and the last :math:`\lceil fN \rceil` of that order, :math:`f` the test
    fraction, become the test set, as many as scikit-learn's ``train_test_split``
    takes (its shuffle comes from another generator, so its rows differ).
    Explained in the chapter *Cross-validation*, section *Training error, test error
    and the held-out set*.

    Parameters
    ----------
    n_samples : int
        :math:`N \ge 2`.
    test_fraction : float
        :math:`f` in :math:`(0, 1)`; both sets must come out non-empty.
    seed : int
        The generator's seed, ``>= 0``.

    Returns
    -------
    Fold
        ``train`` and ``test``, arrays of row indices, each in ascending order.
    """
    n = as_int(n_samples, "n_samples", low=2)
    fraction = as_real(test_fraction, "test_fraction", low=0.0, low_inclusive=False, high=1.0)
    n_test = math.ceil(fraction * n)
    if n_test >= n:
        raise ValueError(f"test_fraction must leave at least one training example: "
                         f"{fraction:g} of {n} is {n_test}, got test_fraction={fraction:g}")
    order = _permutation(n, seed)
    return Fold(np.sort(order[:n - n_test]), np.sort(order[n - n_test:]))


def kfold(n_samples, k=5, *, shuffle=False, seed=0) -> list[Fold]:
    r"""The :math:`k` splits of :math:`k`-fold cross-validation.

    The examples, in their own order or shuffled, are cut into :math:`k`
    consecutive *folds* :math:`F_1, \dots, F_k`; the first :math:`N \bmod k` hold
    :math:`\lfloor N/k \rfloor + 1` examples, the others :math:`\lfloor N/k \rfloor`.
    Split :math:`m` holds out :math:`F_m` and trains on the rest, so every
    example is held out exactly once. Unshuffled, these are the splits of
    ``sklearn.model_selection.KFold(k)``. Shuffled, the order is
    ``numpy.random.default_rng(seed).permutation(N)``, where ``KFold(k,
    shuffle=True, random_state=seed)`` uses NumPy's legacy ``RandomState``: the
    same construction on a different permutation. Explained in the chapter
    *Cross-validation*, section *k-fold cross-validation*.

    Parameters
    ----------
    n_samples : int
        :math:`N \ge 2`.
    k : int
        The number of folds, from 2 to :math:`N` (:math:`k = N` is leave-one-out).
    shuffle : bool
        Shuffle the examples before cutting them into folds.
    seed : int
        The shuffle's seed, ``>= 0`` (unused without ``shuffle``).

    Returns
    -------
    list of Fold
        ``k`` pairs ``(train, test)`` of row indices, each in ascending order.
    """
    n = as_int(n_samples, "n_samples", low=2)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 2 <= k <= n:
        raise ValueError(f"k must be an integer from 2 to n_samples = {n} (each fold holds at "
                         f"least one example, and at least two folds), got {k!r}")
    k = int(k)
    order = _permutation(n, seed) if shuffle else np.arange(n)
    sizes = np.full(k, n // k)
    sizes[:n % k] += 1
    ends = np.cumsum(sizes)
    folds = []
    for start, end in zip(ends - sizes, ends):
        test = np.sort(order[start:end])
        held_out = np.zeros(n, dtype=bool)
        held_out[test] = True
        folds.append(Fold(np.flatnonzero(~held_out), test))
    return folds


def mean_squared_error(y, y_hat) -> float:
    r"""The mean squared error :math:`\frac1n\sum_i (y_i - \hat y_i)^2` of ``n`` predictions."""
    y, y_hat = as_vector(y, "y"), as_vector(y_hat, "y_hat")
    if y.shape != y_hat.shape:
        raise ValueError(f"y and y_hat must have the same length, got {y.size} and {y_hat.size}")
    return float(np.mean((y - y_hat) ** 2))


@dataclass(frozen=True)
class CrossValidation:
    r"""The result of :func:`cross_validate`.

    ``fold_errors`` (k,) holds :math:`\mathrm{MSE}_m`, the error of the model fitted
    without fold :math:`m` on fold :math:`m`; ``mean`` is the cross-validation
    error :math:`\mathrm{CV}_k`; ``std`` their standard deviation :math:`s` (divisor
    :math:`k - 1`), and ``standard_error`` :math:`s/\sqrt k`.
    """

    fold_errors: np.ndarray

    @property
    def mean(self) -> float:
        return float(np.mean(self.fold_errors))

    @property
    def std(self) -> float:
        return float(np.std(self.fold_errors, ddof=1))

    @property
    def standard_error(self) -> float:
        return self.std / math.sqrt(self.fold_errors.size)


def _rows(X, N: int) -> np.ndarray:
    """``X`` as N checked rows: a vector (one input per example) or a matrix."""
    try:
        one_dimensional = np.ndim(X) == 1
    except ValueError:  # ragged: as_matrix says so
        one_dimensional = False
    X = as_vector(X, "X") if one_dimensional else as_matrix(X, "X")
    if len(X) != N:
        raise ValueError(f"X must have one row per target, {N}, got {len(X)}")
    return X


def cross_validate(X, y, fit: Callable, k=5, *, shuffle=False, seed=0) -> CrossValidation:
    r"""k-fold cross-validation of the model that ``fit`` makes.

    For each fold :math:`m` of :func:`kfold`, ``fit(X_train, y_train)`` is called
    on the other folds and returns a predictor, which is scored on fold
    :math:`m`:

    .. math::

        \mathrm{MSE}_m = \frac{1}{|F_m|}\sum_{i \in F_m} \bigl(y_i - \hat y_{-m}(\mathbf x_i)\bigr)^2,
        \qquad
        \mathrm{CV}_k = \frac1k \sum_{m=1}^{k} \mathrm{MSE}_m .

    Everything the model learns from data, including any choice of features,
    must happen inside ``fit``, or the held-out fold leaks into the score.
    ``cross_val_score`` of scikit-learn with ``scoring="neg_mean_squared_error"``
    gives the same fold errors, negated. Explained in the chapter
    *Cross-validation*, section *k-fold cross-validation*.

    Parameters
    ----------
    X : array_like, shape (N,) or (N, d)
        The inputs, one row per example.
    y : array_like, shape (N,)
    fit : callable
        ``fit(X_train, y_train)`` returns ``predict``, and ``predict(X_test)``
        the predictions, shape (number of test rows,).
    k, shuffle, seed
        As in :func:`kfold`.
    """
    y = as_vector(y, "y")
    X = _rows(X, y.size)
    if not callable(fit):
        raise ValueError(f"fit must be a function fit(X_train, y_train) -> predict, got {fit!r}")
    errors = []
    for train, test in kfold(y.size, k, shuffle=shuffle, seed=seed):
        predict = fit(X[train], y[train])
        errors.append(mean_squared_error(y[test], np.asarray(predict(X[test]), dtype=float)))
    return CrossValidation(np.array(errors))


def fit_linear(X, y) -> Callable:
    r"""Least squares with an intercept, :math:`\hat y = b + \mathbf w \cdot \mathbf x`, by
    :func:`mlmath.linalg.lstsq` on :math:`[\mathbf 1 \mid X]`; returns the predictor
    ``predict(X)``. A ``fit`` for :func:`cross_validate`."""
    y = as_vector(y, "y")
    X = _rows(X, y.size).reshape(y.size, -1)
    weights = linalg.lstsq(np.column_stack([np.ones(y.size), X]), y).weights

    def predict(X_new) -> np.ndarray:
        X_new = np.asarray(X_new, dtype=float).reshape(-1, X.shape[1])
        return weights[0] + X_new @ weights[1:]

    return predict


def legendre_columns(t, degree) -> np.ndarray:
    r"""The Legendre polynomials :math:`P_0, \dots, P_D` at the points ``t``, one per column.

    :math:`P_0 = 1`, :math:`P_1 = t` and
    :math:`(n + 1)P_{n+1}(t) = (2n + 1)\,t\,P_n(t) - n\,P_{n-1}(t)`. They span the same
    polynomials as :math:`1, t, \dots, t^D`, but on :math:`[-1, 1]` they stay between
    :math:`-1` and 1 and are orthogonal, so that, for points spread over that
    interval, the columns are far from dependent where the powers of :math:`t` are
    nearly so (``numpy.polynomial.legendre.legvander`` is the same matrix).

    Returns
    -------
    numpy.ndarray, shape (len(t), degree + 1)
    """
    t = as_vector(t, "t")
    D = as_int(degree, "degree", low=0)
    columns = np.empty((t.size, D + 1))
    columns[:, 0] = 1.0
    if D >= 1:
        columns[:, 1] = t
    for n in range(1, D):
        columns[:, n + 1] = ((2 * n + 1) * t * columns[:, n] - n * columns[:, n - 1]) / (n + 1)
    return columns


def _scaled(x: np.ndarray, low: float, high: float) -> np.ndarray:
    """``x`` mapped to ``t`` so that ``low`` goes to -1 and ``high`` to 1 (0 if they are equal)."""
    span = high - low
    return (2.0 * x - (low + high)) / span if span > 0 else np.zeros_like(x)


@dataclass(frozen=True)
class PolynomialFit:
    r"""A least-squares polynomial of degree ``degree`` in the scaled input
    :math:`t = (2x - \mathrm{low} - \mathrm{high})/(\mathrm{high} - \mathrm{low})`,
    written in Legendre polynomials: :math:`\hat y(x) = \sum_n c_n P_n(t)`.
    Call it on inputs, shape (n,), to predict, shape (n,)."""

    degree: int
    low: float
    high: float
    coefficients: np.ndarray

    def __call__(self, x) -> np.ndarray:
        t = _scaled(as_vector(x, "x"), self.low, self.high)
        return legendre_columns(t, self.degree) @ self.coefficients


def fit_polynomial(x, y, degree) -> PolynomialFit:
    r"""The polynomial of degree :math:`D` closest to the points :math:`(x_i, y_i)` in
    squared error, by :func:`mlmath.linalg.lstsq` (QR, never :math:`X^\top X`).

    The inputs are first scaled to :math:`t \in [-1, 1]` (their smallest to their
    largest), and the columns are the Legendre polynomials of :math:`t`
    (:func:`legendre_columns`): the fitted polynomial is the one the powers
    :math:`1, x, \dots, x^D` would give, but its least-squares problem stays
    well conditioned at high degree. Explained in the chapter *Cross-validation*,
    section *The running example: polynomials of rising degree*.

    Raises
    ------
    ValueError
        If ``degree`` is negative, or if there are not more distinct inputs than
        ``degree``: a polynomial of degree :math:`D` has :math:`D + 1` coefficients,
        and fewer points than that are passed through exactly by infinitely many of
        them (the fit is underdetermined).
    """
    y = as_vector(y, "y")
    x = as_vector(x, "x")
    if x.size != y.size:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    D = as_int(degree, "degree", low=0)
    distinct = np.unique(x).size
    if distinct <= D:
        raise ValueError(
            f"degree must be at most {distinct - 1} for {distinct} distinct input(s), got {D}: "
            f"a polynomial of degree {D} has {D + 1} coefficients, and infinitely many of "
            f"them pass through {distinct} point(s) exactly (the fit is underdetermined)")
    low, high = float(x.min()), float(x.max())
    solution = linalg.lstsq(legendre_columns(_scaled(x, low, high), D), y)
    return PolynomialFit(D, low, high, solution.weights)


@dataclass(frozen=True)
class PolynomialCV:
    """The result of :func:`polynomial_cv`: for each degree in ``degrees``, shape (n,),
    ``training_error`` (n,) of the fit to all the data, and ``fold_errors`` (n, k),
    each row one degree's :class:`CrossValidation`."""

    degrees: np.ndarray
    training_error: np.ndarray
    fold_errors: np.ndarray

    @property
    def cv_error(self) -> np.ndarray:
        return self.fold_errors.mean(axis=1)

    @property
    def cv_std(self) -> np.ndarray:
        return self.fold_errors.std(axis=1, ddof=1)

    @property
    def best_degree(self) -> int:
        """The degree of lowest cross-validation error (the lowest such degree on a tie)."""
        return int(self.degrees[np.argmin(self.cv_error)])


def polynomial_cv(x, y, degrees, k=5, *, shuffle=False, seed=0) -> PolynomialCV:
    r"""Training and k-fold cross-validation errors of polynomial fits of each degree.

    Every degree is scored on the same folds (:func:`kfold`), so the errors of two
    degrees differ by the model alone. Explained in the chapter *Cross-validation*,
    section *Choosing the degree*.

    Raises
    ------
    ValueError
        If a degree is too high for the smallest training set of the folds
        (:func:`fit_polynomial`), with the largest degree ``k`` allows.
    """
    y = as_vector(y, "y")
    x = as_vector(x, "x")
    if x.size != y.size:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    degrees = np.array([as_int(D, "degrees", low=0) for D in np.atleast_1d(degrees).tolist()])
    folds = kfold(y.size, k, shuffle=shuffle, seed=seed)
    fewest = min(np.unique(x[fold.train]).size for fold in folds)
    if degrees.max() >= fewest:
        raise ValueError(
            f"degrees must be at most {fewest - 1} with k = {len(folds)} folds: the smallest "
            f"training set has {fewest} distinct inputs, so a polynomial of degree "
            f"{degrees.max()} ({degrees.max() + 1} coefficients) would be underdetermined, "
            "passed through them exactly by infinitely many curves; use more folds or a "
            "lower degree")
    training, folds_errors = [], []
    for D in degrees:
        training.append(mean_squared_error(y, fit_polynomial(x, y, D)(x)))
        result = cross_validate(x, y, lambda xs, ys, D=D: fit_polynomial(xs, ys, D), len(folds),
                                shuffle=shuffle, seed=seed)
        folds_errors.append(result.fold_errors)
    return PolynomialCV(degrees, np.array(training), np.array(folds_errors))


def noisy_sine(n_samples=30, noise=0.3, seed=0) -> tuple[np.ndarray, np.ndarray]:
    r"""Seeded data for polynomial regression: :math:`x_i` uniform on :math:`[0, 1]` and
    :math:`y_i = \sin(2\pi x_i) + \varepsilon_i`, :math:`\varepsilon_i \sim \mathcal N(0,
    \sigma^2)` with :math:`\sigma` = ``noise``. Returns ``(x, y)``, each shape (N,)."""
    n = as_int(n_samples, "n_samples", low=1)
    sigma = as_real(noise, "noise", low=0.0)
    rng = np.random.default_rng(as_int(seed, "seed", low=0))
    x = rng.uniform(0.0, 1.0, n)
    return x, np.sin(2 * np.pi * x) + sigma * rng.standard_normal(n)


def correlation_screen(X, y, count) -> np.ndarray:
    r"""The ``count`` columns of ``X`` most correlated with ``y``, strongest first.

    Each column's Pearson correlation with the targets,
    :math:`r_j = \frac{\sum_i (x_{ij} - \bar x_j)(y_i - \bar y)}{\sqrt{\sum_i (x_{ij} - \bar
    x_j)^2 \sum_i (y_i - \bar y)^2}}`, ranked by :math:`|r_j|`. A learning step like any
    other: run on the whole data set before cross-validation, it leaks (chapter
    *Cross-validation*, section *The leakage trap*).

    Returns
    -------
    numpy.ndarray of int, shape (count,)
        Column indices; on equal :math:`|r_j|`, the lower index first.
    """
    y = as_vector(y, "y")
    X = as_matrix(X, "X")
    if len(X) != y.size:
        raise ValueError(f"X must have one row per target, {y.size}, got {len(X)}")
    count = as_int(count, "count", low=1, high=X.shape[1])
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    spread = np.sqrt((Xc ** 2).sum(axis=0) * (yc @ yc))
    r = np.divide(Xc.T @ yc, spread, out=np.zeros(X.shape[1]), where=spread > 0)
    return np.argsort(-np.abs(r), kind="stable")[:count]


def screened_fit(count) -> Callable:
    """A ``fit`` for :func:`cross_validate` that keeps the ``count`` columns of its
    training rows most correlated with their targets (:func:`correlation_screen`),
    then fits least squares on them (:func:`fit_linear`): the screening is part of
    the model, so it runs again inside every fold and never sees the held-out one."""
    count = as_int(count, "count", low=1)

    def fit(X, y) -> Callable:
        chosen = correlation_screen(X, y, count)
        predict = fit_linear(np.asarray(X)[:, chosen], y)
        return lambda X_new: predict(np.asarray(X_new, dtype=float)[:, chosen])

    return fit
