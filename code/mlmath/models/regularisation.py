r"""Ridge regression: the penalised least squares of the chapter *Regularisation*
(``chapters/ml/regularisation.md``).

Part I solved ridge when the features are orthonormal
(:func:`mlmath.linalg.ridge_shrink`); this module solves it for any data
matrix, through the singular value decomposition of Part I
(:func:`mlmath.linalg.svd`), where it becomes that same one-weight-at-a-time
problem along each singular direction, with its own shrinking factor
:math:`s_i^2/(s_i^2 + \alpha)`. Around it: the standardised, centred fit with
an unpenalised intercept, the effective degrees of freedom, the choice of
:math:`\alpha` by the k-fold cross-validation of Part III
(:func:`mlmath.probability.cross_validate`), the polynomial features the chapter
fits, and the weight-decay step of gradient descent.
``tests/models/test_regularisation.py`` checks them against
``sklearn.linear_model.Ridge``, ``RidgeCV`` and ``cross_val_score``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from mlmath import linalg, probability
from mlmath._validate import as_int, as_matrix, as_real, as_vector

__all__ = ["RidgeFit", "RidgeCV", "filter_factors", "effective_dof", "ridge_svd", "fit_ridge",
           "polynomial_powers", "ridge_cv", "weight_decay_step"]


def _check_alpha(alpha, name: str = "alpha") -> float:
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.integer, np.floating)) \
            or not math.isfinite(alpha) or alpha < 0:
        raise ValueError(f"{name} must be a finite number >= 0 (the penalty strength; 0 is "
                         f"plain least squares), got {alpha!r}")
    return float(alpha)


def _rows(X, y) -> tuple[np.ndarray, np.ndarray]:
    y = as_vector(y, "y")
    X = as_matrix(X, "X")
    if X.shape[0] != y.size:
        raise ValueError(f"X and y must have the same number of examples (rows of X, entries "
                         f"of y), got {X.shape[0]} and {y.size}")
    return X, y


def _singular_values(values) -> np.ndarray:
    s = as_vector(values, "singular_values")
    if np.any(s < 0):
        raise ValueError(f"singular_values must be >= 0, got {s}")
    return s


def filter_factors(singular_values, alpha) -> np.ndarray:
    r"""How much of each singular direction ridge keeps:
    :math:`f_i = s_i^2 / (s_i^2 + \alpha)`.

    Close to 1 where :math:`s_i^2 \gg \alpha` (a direction the data pin down
    firmly), close to 0 where :math:`s_i^2 \ll \alpha` (a direction along which
    least squares would only amplify noise). A direction with :math:`s_i = 0`
    gets 0, also at :math:`\alpha = 0` (least squares' minimum-norm answer).
    Explained in :ref:`regularisation`, section *Ridge through the SVD*.

    Parameters
    ----------
    singular_values : array_like, shape (r,)
        :math:`s_1, \dots, s_r \ge 0`.
    alpha : float >= 0

    Returns
    -------
    numpy.ndarray, shape (r,)
    """
    s = _singular_values(singular_values)
    alpha = _check_alpha(alpha)
    squares = s ** 2
    return np.divide(squares, squares + alpha, out=np.zeros_like(s), where=squares > 0)


def effective_dof(singular_values, alpha) -> float:
    r"""The effective degrees of freedom of a ridge fit,
    :math:`\operatorname{df}(\alpha) = \sum_i s_i^2 / (s_i^2 + \alpha)`.

    The number of weights for least squares (:math:`\alpha = 0`, full rank),
    falling towards 0 as :math:`\alpha` grows: the trace of the matrix that maps
    the centred targets to the fitted values. The intercept adds one more.
    Explained in :ref:`regularisation`, section *Ridge through the SVD*.
    """
    return float(np.sum(filter_factors(singular_values, alpha)))


def ridge_svd(X, y, alpha) -> np.ndarray:
    r"""The ridge weights without an intercept, through the SVD :math:`X = U\Sigma V^\top`.

    .. math::

        \hat{\mathbf w} = \operatorname*{argmin}_{\mathbf w}
        \tfrac12\lVert X\mathbf w - \mathbf y\rVert^2 + \tfrac{\alpha}{2}\lVert\mathbf w\rVert^2
        = \sum_i \frac{s_i}{s_i^2 + \alpha}\,(\mathbf u_i^\top\mathbf y)\,\mathbf v_i

    which is :math:`(X^\top X + \alpha I)^{-1}X^\top\mathbf y`, computed without
    forming :math:`X^\top X`. At :math:`\alpha = 0` it is the minimum-norm
    least-squares solution (directions with :math:`s_i = 0` are left out).
    scikit-learn's ``Ridge(alpha, fit_intercept=False)`` minimises twice this
    objective, so its ``alpha`` is this :math:`\alpha`. Explained in
    :ref:`regularisation`, section *Ridge through the SVD*.

    Parameters
    ----------
    X : array_like, shape (N, d)
    y : array_like, shape (N,)
    alpha : float >= 0

    Returns
    -------
    numpy.ndarray, shape (d,)
    """
    X, y = _rows(X, y)
    alpha = _check_alpha(alpha)
    U, s, Vt = linalg.svd(X)
    # s_i / (s_i² + α) = f_i / s_i: each direction's least-squares coordinate, filtered
    keep = s > 0 if alpha > 0 else s > s[0] * max(X.shape) * np.finfo(float).eps
    gains = np.zeros_like(s)
    gains[keep] = s[keep] / (s[keep] ** 2 + alpha)
    return Vt.T @ (gains * (U.T @ y))


@dataclass(frozen=True)
class RidgeFit:
    r"""A ridge fit on standardised features with an unpenalised intercept:
    :math:`\hat y(\mathbf x) = \bar y + \sum_j w_j\,(x_j - m_j)/c_j`.

    ``weights`` (d,) are the weights of the standardised features (scikit-learn's
    ``coef_`` after a ``StandardScaler``), ``intercept`` is :math:`\bar y`,
    ``mean`` and ``scale`` (d,) the training columns' means :math:`m_j` and
    standard deviations :math:`c_j` (1 for a constant column, as scikit-learn
    does, or for every column without standardising), ``singular_values`` those of
    the centred, scaled training matrix, and ``alpha`` the strength."""

    weights: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray
    singular_values: np.ndarray
    alpha: float

    def predict(self, X) -> np.ndarray:
        """The predictions for the rows of ``X``, shape (n, d), as shape (n,)."""
        X = as_matrix(X, "X")
        if X.shape[1] != self.weights.size:
            raise ValueError(f"X must have {self.weights.size} columns, one per weight, "
                             f"got {X.shape[1]}")
        return self.intercept + ((X - self.mean) / self.scale) @ self.weights

    @property
    def norm(self) -> float:
        r""":math:`\lVert\hat{\mathbf w}\rVert`, the length of the (standardised) weights."""
        return float(linalg.norm(self.weights)) if self.weights.any() else 0.0

    @property
    def effective_dof(self) -> float:
        r""":math:`\sum_i s_i^2/(s_i^2 + \alpha)` (:func:`effective_dof`)."""
        return effective_dof(self.singular_values, self.alpha)


def fit_ridge(X, y, alpha, *, standardise: bool = True) -> RidgeFit:
    r"""Ridge regression with an intercept that is not penalised.

    Centre every column of ``X`` and the targets (which fits the intercept,
    :math:`\bar y`, outside the penalty), divide every column by its standard
    deviation (with ``standardise``, so that the penalty weighs all features
    alike whatever their units), then solve :func:`ridge_svd` on the result:

    .. math::

        \min_{b, \mathbf w}\ \tfrac12\lVert Z\mathbf w + b\mathbf 1 - \mathbf y\rVert^2
        + \tfrac{\alpha}{2}\lVert\mathbf w\rVert^2,
        \qquad z_{ij} = (x_{ij} - m_j)/c_j .

    The same fit as scikit-learn's ``make_pipeline(StandardScaler(),
    Ridge(alpha))``. Explained in :ref:`regularisation`, section *The intercept
    and the scale of the features*.

    Parameters
    ----------
    X : array_like, shape (N, d)
    y : array_like, shape (N,)
    alpha : float >= 0
    standardise : bool, default True
    """
    X, y = _rows(X, y)
    alpha = _check_alpha(alpha)
    mean = X.mean(axis=0)
    scale = X.std(axis=0) if standardise else np.ones(X.shape[1])
    scale = np.where(scale > 0, scale, 1.0)
    Z = (X - mean) / scale
    intercept = float(y.mean())
    if not Z.any():  # every column constant: nothing to fit but the mean
        return RidgeFit(np.zeros(X.shape[1]), intercept, mean, scale,
                        np.zeros(min(X.shape)), alpha)
    weights = ridge_svd(Z, y - intercept, alpha)
    return RidgeFit(weights, intercept, mean, scale, linalg.svd(Z)[1], alpha)


def polynomial_powers(x, degree) -> np.ndarray:
    r"""The features :math:`x, x^2, \dots, x^D` of a polynomial of degree :math:`D`, one
    column each: the constant is left out, since the intercept of :func:`fit_ridge`
    stands for it (scikit-learn's ``PolynomialFeatures(D, include_bias=False)``).

    Parameters
    ----------
    x : array_like, shape (N,)
    degree : int >= 1

    Returns
    -------
    numpy.ndarray, shape (N, degree)
    """
    x = as_vector(x, "x")
    if isinstance(degree, bool) or not isinstance(degree, (int, np.integer)) or degree < 1:
        raise ValueError(f"degree must be an integer >= 1 (the powers x, ..., x^D; degree 0, "
                         f"the constant, is the intercept alone), got {degree!r}")
    return x[:, np.newaxis] ** np.arange(1, int(degree) + 1)


@dataclass(frozen=True)
class RidgeCV:
    """The result of :func:`ridge_cv`: for each strength in ``alphas`` (n,), the
    ``training_error`` (n,) of the fit to all the data, and ``fold_errors`` (n, k)."""

    alphas: np.ndarray
    training_error: np.ndarray
    fold_errors: np.ndarray

    @property
    def cv_error(self) -> np.ndarray:
        return self.fold_errors.mean(axis=1)

    @property
    def cv_std(self) -> np.ndarray:
        return self.fold_errors.std(axis=1, ddof=1)

    @property
    def best_alpha(self) -> float:
        """The strength of lowest cross-validation error (the smallest such on a tie)."""
        return float(self.alphas[np.argmin(self.cv_error)])


def ridge_cv(X, y, alphas, k=5, *, standardise: bool = True, shuffle: bool = False,
             seed=0) -> RidgeCV:
    r"""Training and k-fold cross-validation errors of :func:`fit_ridge` for each strength.

    Every strength is scored on the same folds (:func:`mlmath.probability.kfold`),
    and the standardisation is refitted inside every fold, on its training rows
    only (means and scales are learnt from data: computed on all the rows, they
    would leak the held-out fold into the fit). ``RidgeCV`` and
    ``cross_val_score`` of scikit-learn on ``make_pipeline(StandardScaler(),
    Ridge(alpha))`` give the same errors. Explained in :ref:`regularisation`,
    section *Choosing the strength by cross-validation*.

    Parameters
    ----------
    X : array_like, shape (N, d)
    y : array_like, shape (N,)
    alphas : array_like of floats >= 0, shape (n,)
    k, shuffle, seed
        As in :func:`mlmath.probability.kfold`.
    """
    X, y = _rows(X, y)
    alphas = np.array([_check_alpha(a, "alphas") for a in np.atleast_1d(alphas).tolist()])
    if alphas.size == 0:
        raise ValueError("alphas must hold at least one strength, got none")
    k = as_int(k, "k", low=2, high=y.size)
    training, folds = [], []
    for alpha in alphas:
        fit = fit_ridge(X, y, alpha, standardise=standardise)
        training.append(probability.mean_squared_error(y, fit.predict(X)))
        result = probability.cross_validate(
            X, y, lambda Xs, ys, a=alpha: fit_ridge(Xs, ys, a, standardise=standardise).predict,
            k, shuffle=shuffle, seed=seed)
        folds.append(result.fold_errors)
    return RidgeCV(alphas, np.array(training), np.array(folds))


def weight_decay_step(w, gradient, learning_rate, alpha) -> np.ndarray:
    r"""One step of gradient descent on the penalised loss
    :math:`L(\mathbf w) + \frac{\alpha}{2}\lVert\mathbf w\rVert^2`.

    .. math::

        \mathbf w \leftarrow \mathbf w - \eta\bigl(\nabla L(\mathbf w) + \alpha\mathbf w\bigr)
        = (1 - \eta\alpha)\,\mathbf w - \eta\,\nabla L(\mathbf w)

    The penalty's share of the step shrinks the weights by the factor
    :math:`1 - \eta\alpha` before the loss's gradient moves them: *weight decay*.
    Explained in :ref:`regularisation`, section *Weight decay*.

    Parameters
    ----------
    w, gradient : array_like, shape (d,)
        The weights and :math:`\nabla L(\mathbf w)`, the loss's gradient there.
    learning_rate : float > 0
        :math:`\eta`.
    alpha : float >= 0
    """
    w = as_vector(w, "w")
    gradient = as_vector(gradient, "gradient", size=w.size)
    eta = as_real(learning_rate, "learning_rate", low=0.0, low_inclusive=False)
    alpha = _check_alpha(alpha)
    return (1.0 - eta * alpha) * w - eta * gradient
