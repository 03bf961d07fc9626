"""Linear regression from scratch (chapter *Linear regression*,
``chapters/ml/linear-regression.md``).

A linear model predicts :math:`\\hat{\\mathbf y} = X\\mathbf w + b`. Its
least-squares parameters are Part I's projection: :func:`fit_least_squares`
puts a column of ones in front of ``X`` (:func:`design_matrix`) and hands the
problem to :func:`mlmath.linalg.lstsq` (QR) or :func:`mlmath.linalg.lstsq_normal`
(the normal equations). :func:`fit_gradient_descent` reaches the same
parameters with Part II's :func:`mlmath.calculus.gradient_descent` on the mean
squared error (:func:`least_squares_loss`), at a speed set by the conditioning
of :math:`X^\\top X`. :func:`fit_line` is the one-feature case in closed form,
the formulas the chapter's click-to-fit figure recomputes in the page;
:func:`r2_score` and :func:`mean_squared_error` measure a fit, and
:func:`study_hours` generates the chapter's data. The tests check everything
against ``numpy.linalg.lstsq`` and scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, NamedTuple

import numpy as np

from mlmath import calculus, linalg, probability
from mlmath._validate import as_int, as_matrix, as_vector, same_size

__all__ = ["GradientFit", "LeastSquaresLoss", "LineFit", "LinearModel", "StudyScores",
           "design_matrix", "fit_gradient_descent", "fit_least_squares", "fit_line",
           "least_squares_loss", "mean_squared_error", "r2_score", "study_hours"]

#: The solvers :func:`fit_least_squares` can use: QR (Gram–Schmidt) or the normal equations.
METHODS = ("qr", "normal")


class StudyScores(NamedTuple):
    """Hours of study and test scores, one entry per student."""

    hours: np.ndarray
    """shape (n,): hours studied, from 0.5 to 9.5 in half hours."""
    scores: np.ndarray
    """shape (n,): test scores out of 100, whole points."""


def study_hours(n: int = 12, seed: int = 0) -> StudyScores:
    r"""Generate ``n`` students' hours of study and test scores.

    Hours are drawn uniformly between 0.5 and 9.5 and rounded to half hours;
    each score follows a straight line plus normal noise, rounded to a whole
    point and kept within 0 to 100:

    .. math:: \text{score} = 40 + 5.5\,\text{hours} + \varepsilon,\qquad
              \varepsilon \sim \mathcal N(0, 6^2).

    Book section: Machine Learning, *Linear regression*.

    Parameters
    ----------
    n : int, 1 <= n <= 10000
        Number of students.
    seed : int, >= 0
        Seed for :func:`numpy.random.default_rng`.
    """
    n = as_int(n, "n", low=1, high=10_000)
    seed = as_int(seed, "seed", low=0)
    rng = np.random.default_rng(seed)
    hours = np.round(rng.uniform(0.5, 9.5, n) * 2) / 2
    scores = np.clip(np.round(40 + 5.5 * hours + rng.normal(0, 6, n)), 0, 100)
    return StudyScores(hours, scores)


@dataclass(frozen=True)
class LineFit:
    """The least-squares line :math:`\\hat y = \\hat\\beta_0 + \\hat\\beta_1 x` through points."""

    intercept: float
    """:math:`\\hat\\beta_0`, the fitted value at :math:`x = 0`."""
    slope: float
    """:math:`\\hat\\beta_1`, the change in :math:`\\hat y` per unit of :math:`x`."""
    fitted: np.ndarray
    """shape (N,): :math:`\\hat y_i`."""
    residuals: np.ndarray
    """shape (N,): :math:`\\hat\\varepsilon_i = y_i - \\hat y_i`."""
    tss: float
    """The total sum of squares :math:`\\sum_i (y_i - \\bar y)^2`: exactly 0 when every
    :math:`y_i` is equal."""

    @property
    def rss(self) -> float:
        """The residual sum of squares :math:`\\sum_i \\hat\\varepsilon_i^2`."""
        return float(self.residuals @ self.residuals)

    @property
    def r2(self) -> float | None:
        """:math:`R^2 = 1 - \\text{RSS}/\\text{TSS}`, or ``None`` when it is undefined
        (every :math:`y_i` equal, so that TSS = 0 and the ratio is 0/0)."""
        return None if self.tss == 0 else 1 - self.rss / self.tss


def fit_line(x, y) -> LineFit:
    r"""The least-squares line through the points :math:`(x_i, y_i)`, in closed form.

    Solving the two normal equations of :math:`y \approx \beta_0 + \beta_1 x` gives

    .. math::

        \hat\beta_1 = \frac{\sum_i (x_i - \bar x)(y_i - \bar y)}{\sum_i (x_i - \bar x)^2},
        \qquad \hat\beta_0 = \bar y - \hat\beta_1 \bar x ,

    so the line passes through the centre of the points, :math:`(\bar x, \bar y)`.
    When every :math:`y_i` is equal the answer is the flat line through them,
    returned exactly (rounding would otherwise leave a slope of about
    :math:`10^{-17}`), with ``tss = 0``. Book section: Machine Learning,
    *Linear regression*.

    Parameters
    ----------
    x, y : array_like, shape (N,)
        The points' coordinates, finite, with at least two different ``x``.

    Raises
    ------
    ValueError
        If ``x`` or ``y`` is empty or not finite, they differ in length, or the
        ``x`` values are all equal (then :math:`\sum_i (x_i - \bar x)^2 = 0`, and
        every line through :math:`(\bar x, \bar y)` misses the points equally:
        no line is best).
    """
    x = as_vector(x, "x")
    y = as_vector(y, "y")
    same_size(x, y, "x", "y")
    if np.ptp(x) == 0:
        raise ValueError(
            f"x must hold at least two different values to single out a line, got "
            f"{x.size} value{'s' if x.size > 1 else ''} all equal to {x[0]:g}: every line "
            f"through ({x[0]:g}, ȳ) fits them equally well")
    dx = x - x.mean()
    if np.ptp(y) == 0:
        slope, intercept, tss = 0.0, float(y[0]), 0.0
    else:
        dy = y - y.mean()
        slope = float(dx @ dy / (dx @ dx))
        intercept = float(y.mean() - slope * x.mean())
        tss = float(dy @ dy)
    fitted = intercept + slope * x
    return LineFit(intercept, slope, fitted, y - fitted, tss)


def _data(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = as_matrix(X, "X")
    y = as_vector(y, "y")
    if y.size != X.shape[0]:
        raise ValueError(f"y must have one target per row of X: X has {X.shape[0]} rows "
                         f"(shape {X.shape}), y has {y.size} entries")
    return X, y


def _flag(value, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def design_matrix(X, fit_intercept: bool = True) -> np.ndarray:
    r"""The data matrix with a column of ones in front, :math:`\tilde X = [\mathbf 1 \; X]`.

    With :math:`\boldsymbol\theta = (b, w_1, \dots, w_d)^\top`,
    :math:`\tilde X\boldsymbol\theta = X\mathbf w + b\,\mathbf 1`: the intercept becomes
    one more weight, on a feature that is always 1. Without an intercept,
    ``X`` itself. Book section: Machine Learning, *Linear regression*.

    Parameters
    ----------
    X : array_like, shape (N, d)
    fit_intercept : bool, default True

    Returns
    -------
    numpy.ndarray, shape (N, d + 1), or (N, d) without an intercept
    """
    X = as_matrix(X, "X")
    if not _flag(fit_intercept, "fit_intercept"):
        return X
    return np.column_stack([np.ones(len(X)), X])


@dataclass(frozen=True)
class LinearModel:
    """A fitted linear model :math:`\\hat y = \\mathbf w \\cdot \\mathbf x + b`."""

    weights: np.ndarray
    """shape (d,): :math:`\\hat{\\mathbf w}`, one weight per feature (scikit-learn's ``coef_``)."""
    bias: float
    """:math:`\\hat b`, the intercept (scikit-learn's ``intercept_``); 0 when none was fitted."""

    def predict(self, X) -> np.ndarray:
        """The predictions :math:`X\\hat{\\mathbf w} + \\hat b` for the rows of ``X`` (N, d)."""
        X = as_matrix(X, "X")
        if X.shape[1] != self.weights.size:
            raise ValueError(f"X must have {self.weights.size} columns, one per weight, "
                             f"got shape {X.shape}")
        return X @ self.weights + self.bias

    def score(self, X, y) -> float:
        """:math:`R^2` of the predictions for ``X`` against the targets ``y`` (:func:`r2_score`)."""
        return r2_score(y, self.predict(X))


def _model(theta: np.ndarray, fit_intercept: bool) -> LinearModel:
    if fit_intercept:
        return LinearModel(weights=theta[1:].copy(), bias=float(theta[0]))
    return LinearModel(weights=theta.copy(), bias=0.0)


def fit_least_squares(X, y, *, method: str = "qr", fit_intercept: bool = True) -> LinearModel:
    r"""The least-squares linear model: :math:`\hat{\mathbf w}, \hat b` minimising
    :math:`\lVert \mathbf y - X\mathbf w - b\mathbf 1 \rVert^2`.

    With :math:`\tilde X` from :func:`design_matrix`, the parameters
    :math:`\hat{\boldsymbol\theta} = (\hat b, \hat{\mathbf w})` solve the normal
    equations

    .. math:: \tilde X^\top \tilde X\,\hat{\boldsymbol\theta} = \tilde X^\top \mathbf y ,

    here by QR (:func:`mlmath.linalg.lstsq`, the safe way, and the minimum-norm
    solution when columns are dependent) or by forming them
    (:func:`mlmath.linalg.lstsq_normal`, which loses twice the digits).
    Book section: Machine Learning, *Linear regression*.

    Parameters
    ----------
    X : array_like, shape (N, d)
        The data matrix, one row per example.
    y : array_like, shape (N,)
        The targets.
    method : {"qr", "normal"}, default "qr"
    fit_intercept : bool, default True
        Fit :math:`b` (True) or force the model through the origin, :math:`b = 0`.

    Raises
    ------
    ValueError
        If ``X`` or ``y`` is empty or not finite, ``y`` does not have one entry per
        row of ``X``, ``method`` is not one of :data:`METHODS`, or (``"normal"``
        only) the columns of :math:`\tilde X` are dependent.
    """
    X, y = _data(X, y)
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(map(repr, METHODS))}, "
                         f"got {method!r}")
    fit_intercept = _flag(fit_intercept, "fit_intercept")
    solve = linalg.lstsq if method == "qr" else linalg.lstsq_normal
    return _model(solve(design_matrix(X, fit_intercept), y).weights, fit_intercept)


@dataclass(frozen=True)
class LeastSquaresLoss:
    """The mean squared error as a function of :math:`\\boldsymbol\\theta = (b, \\mathbf w)`."""

    f: Callable[[np.ndarray], float]
    """:math:`L(\\boldsymbol\\theta) = \\frac{1}{2N}\\lVert \\tilde X\\boldsymbol\\theta -
    \\mathbf y \\rVert^2`."""
    grad: Callable[[np.ndarray], np.ndarray]
    """:math:`\\nabla L(\\boldsymbol\\theta) = \\frac1N \\tilde X^\\top (\\tilde X
    \\boldsymbol\\theta - \\mathbf y)`."""
    hessian: np.ndarray
    """:math:`\\tilde X^\\top \\tilde X / N`, the same at every :math:`\\boldsymbol\\theta`."""


def least_squares_loss(X, y, *, fit_intercept: bool = True) -> LeastSquaresLoss:
    r"""Half the mean squared error of a linear model, with its gradient and Hessian.

    .. math::

        L(\boldsymbol\theta) = \frac{1}{2N}\lVert \tilde X\boldsymbol\theta - \mathbf y \rVert^2,
        \qquad
        \nabla L(\boldsymbol\theta) = \frac1N\,\tilde X^\top(\tilde X\boldsymbol\theta - \mathbf y),
        \qquad
        \nabla^2 L = \frac1N\,\tilde X^\top\tilde X ,

    with :math:`\tilde X` from :func:`design_matrix`. The gradient is zero exactly
    at the solutions of the normal equations; the factor :math:`\tfrac12` only
    tidies the gradient. Book section: Machine Learning, *Linear regression*.

    Parameters
    ----------
    X : array_like, shape (N, d)
    y : array_like, shape (N,)
    fit_intercept : bool, default True
        With an intercept :math:`\boldsymbol\theta` has ``d + 1`` entries, ``b`` first.
    """
    X, y = _data(X, y)
    A = design_matrix(X, fit_intercept)
    n = len(y)

    def f(theta) -> float:
        r = A @ theta - y
        return float(r @ r) / (2 * n)

    def grad(theta) -> np.ndarray:
        return A.T @ (A @ theta - y) / n

    return LeastSquaresLoss(f, grad, A.T @ A / n)


@dataclass(frozen=True)
class GradientFit:
    """What :func:`fit_gradient_descent` did."""

    model: LinearModel
    """The model at the last step (at the last finite step, if the run diverged)."""
    run: calculus.DescentResult
    """The path of :math:`\\boldsymbol\\theta = (b, \\mathbf w)` and the loss at every step."""
    eta: float
    """The learning rate used."""
    eigenvalues: np.ndarray
    """The Hessian's eigenvalues :math:`\\tilde X^\\top\\tilde X/N`, largest first."""

    @property
    def condition_number(self) -> float:
        """:math:`\\kappa = \\lambda_{\\max}/\\lambda_{\\min}` of the Hessian (``inf`` if singular)."""
        smallest = float(self.eigenvalues[-1])
        return float(self.eigenvalues[0]) / smallest if smallest > 0 else float("inf")

    @property
    def diverged(self) -> bool:
        return self.run.diverged


def fit_gradient_descent(X, y, *, eta: float | None = None, steps: int = 1000,
                         fit_intercept: bool = True) -> GradientFit:
    r"""Fit a linear model by gradient descent on :func:`least_squares_loss`, from zero.

    The loss is a quadratic bowl with Hessian :math:`H = \tilde X^\top\tilde X/N`, so
    the gradient descent chapter's analysis applies exactly: the run converges
    to the least-squares solution for every :math:`0 < \eta < 2/\lambda_{\max}(H)`,
    and the error along the flattest direction shrinks by only
    :math:`1 - \eta\lambda_{\min}` per step, so the number of steps grows with
    :math:`\kappa(H) = \lambda_{\max}/\lambda_{\min}`. The default
    :math:`\eta = 1/\lambda_{\max}` is safely inside the bound. The eigenvalues
    come from :func:`mlmath.linalg.symmetric_eigen`, the steps from
    :func:`mlmath.calculus.gradient_descent`. Book section: Machine Learning,
    *Linear regression*.

    Parameters
    ----------
    X : array_like, shape (N, d)
    y : array_like, shape (N,)
    eta : float, optional
        The learning rate, > 0; by default :math:`1/\lambda_{\max}(H)`.
    steps : int, default 1000
        The number of steps, at least 1.
    fit_intercept : bool, default True

    Raises
    ------
    ValueError
        For the bad inputs of :func:`fit_least_squares`, an ``eta`` that is not a
        finite number above 0, ``steps`` below 1, or an ``X`` of zeros with no
        intercept (a loss with no curvature gives no default step).
    """
    loss = least_squares_loss(X, y, fit_intercept=fit_intercept)
    eigenvalues = linalg.symmetric_eigen(loss.hessian).eigenvalues
    if eta is None:
        if not eigenvalues[0] > 0:
            raise ValueError("X must have a non-zero entry when no intercept is fitted: the "
                             "loss is then flat and gives no default learning rate")
        eta = 1.0 / float(eigenvalues[0])
    start = np.zeros(loss.hessian.shape[0])
    run = calculus.gradient_descent(loss.grad, start, eta, steps, f=loss.f)
    return GradientFit(_model(run.final, _flag(fit_intercept, "fit_intercept")), run,
                       float(eta), eigenvalues)


def _targets(y, y_hat) -> tuple[np.ndarray, np.ndarray]:
    y = as_vector(y, "y")
    y_hat = as_vector(y_hat, "y_hat")
    same_size(y, y_hat, "y", "y_hat")
    return y, y_hat


def mean_squared_error(y, y_hat) -> float:
    r"""The mean squared error :math:`\frac1N\sum_i (y_i - \hat y_i)^2`, as Part III's
    :func:`mlmath.probability.mean_squared_error`, with NaN and empty input refused.
    Book section: Machine Learning, *Linear regression*.

    Raises ``ValueError`` if either is empty or not finite, or their lengths differ.
    """
    return probability.mean_squared_error(*_targets(y, y_hat))  # Part III's, on checked input


def r2_score(y, y_hat) -> float:
    r"""The coefficient of determination of predictions ``y_hat`` for targets ``y``:

    .. math::

        R^2 = 1 - \frac{\sum_i (y_i - \hat y_i)^2}{\sum_i (y_i - \bar y)^2}
            = 1 - \frac{\text{RSS}}{\text{TSS}} ,

    the fraction of the targets' variation around their own mean that the
    predictions account for. 1 is a perfect fit, 0 is no better than
    predicting :math:`\bar y` for everyone, and below 0 is worse than that (which
    happens on data the model was not fitted to). Book section: Machine Learning,
    *Linear regression*.

    Raises
    ------
    ValueError
        If either is empty or not finite, their lengths differ, or every ``y`` is
        equal: then TSS = 0 and :math:`R^2` is undefined. (scikit-learn's
        ``r2_score`` returns 1.0 or 0.0 there instead, by a convention.)
    """
    y, y_hat = _targets(y, y_hat)
    if np.ptp(y) == 0:
        raise ValueError(f"y must not be constant: every one of its {y.size} values is "
                         f"{y[0]:g}, so TSS = Σ(yᵢ − ȳ)² = 0 and R² = 1 − RSS/TSS is undefined")
    residuals = y - y_hat
    centred = y - y.mean()
    return 1 - float(residuals @ residuals) / float(centred @ centred)
