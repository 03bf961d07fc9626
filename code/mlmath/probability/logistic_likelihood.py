r"""The likelihood of logistic regression, from scratch (chapter *Maximum likelihood
estimation*, ``chapters/probability/maximum-likelihood.md``, and *Logistic
regression*, ``chapters/ml/logistic-regression.md``).

Logistic regression is a coin flip per example whose chance of 1 depends on its
features, :math:`\hat p_i = \sigma(\mathbf w \cdot \mathbf x_i)`, with the logistic
function :func:`sigmoid`. Its log-likelihood is the coin's
(:func:`mlmath.probability.bernoulli_log_likelihood`) with one :math:`\theta` per
example; on separable data it rises towards 0 without ever reaching it, and no
maximum exists. :mod:`mlmath.models` fits the weights with it.
"""

from __future__ import annotations

import numpy as np

from mlmath._validate import as_matrix, as_vector
from mlmath.probability.likelihood import _binary

__all__ = ["logistic_log_likelihood", "logistic_log_likelihood_gradient", "sigmoid"]


def _logistic_arguments(weights, X, y) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X = as_matrix(X, "X")
    w = as_vector(weights, "weights")
    if w.size != X.shape[1]:
        raise ValueError(f"weights must have {X.shape[1]} components, one per column of X "
                         f"(shape {X.shape}), got {w.size}")
    labels = _binary(y, "y")
    if labels.size != X.shape[0]:
        raise ValueError(f"y must have {X.shape[0]} components, one per row of X "
                         f"(shape {X.shape}), got {labels.size}")
    return w, X, labels


def logistic_log_likelihood(weights, X, y) -> float:
    r"""The log-likelihood of logistic regression's ``weights`` given features ``X``
    and 0/1 labels ``y``,

    .. math::

        \ell(\mathbf w) = \sum_{i=1}^N \Bigl(y_i \log\hat p_i + (1 - y_i)\log(1 - \hat p_i)\Bigr),
        \qquad \hat p_i = \sigma(z_i) = \frac{1}{1 + e^{-z_i}},
        \quad z_i = \mathbf x_i \cdot \mathbf w .

    Each label is a coin flip whose chance of 1 is :math:`\hat p_i`, so this is
    :func:`~mlmath.probability.bernoulli_log_likelihood` with one :math:`\theta` per
    example; minus it, divided by :math:`N`, is the log-loss (binary
    cross-entropy). For an intercept, give ``X`` a column of ones. Computed as :math:`\log\sigma(z) = -\log(1 + e^{-z})`
    and :math:`\log(1 - \sigma(z)) = -\log(1 + e^{z})` with ``numpy.logaddexp``, so
    that no :math:`\log 0` occurs however large :math:`|z|` grows: on separable
    data the value creeps up towards 0 as the weights grow.
    Explained in the chapter *Maximum likelihood estimation*.

    Parameters
    ----------
    weights : array_like, shape (d,)
    X : array_like, shape (N, d)
        One example per row.
    y : array_like, shape (N,)
        The labels, 0 or 1.

    Returns
    -------
    float
        :math:`\ell(\mathbf w) \le 0`.

    Raises
    ------
    ValueError
        If the shapes do not match, anything is NaN or infinite, or ``y`` holds
        anything but 0s and 1s.
    """
    w, X, labels = _logistic_arguments(weights, X, y)
    z = X @ w
    # -log σ(z) = log(1 + e^{-z}) and -log(1 - σ(z)) = log(1 + e^{z}).
    return -float(np.sum(labels * np.logaddexp(0.0, -z) + (1.0 - labels) * np.logaddexp(0.0, z)))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # σ(z) without overflow: e^{-z} is only taken for z ≥ 0, e^{z} only for z < 0.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid(z):
    r"""The logistic function, applied to each entry of ``z``,

    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}},

    which turns any real score into a probability in (0, 1), with
    :math:`\sigma(0) = \tfrac12` and :math:`\sigma(-z) = 1 - \sigma(z)`.
    Computed from :math:`e = e^{-|z|} \le 1` as :math:`1/(1 + e)` for
    :math:`z \ge 0` and :math:`e/(1 + e)` for :math:`z < 0`, so that no
    exponential overflows however large :math:`|z|` is, and a very negative
    score gives its tiny probability (about :math:`e^{z}`) rather than 0 found
    by a subtraction. It is the :math:`\hat p_i` of :func:`logistic_log_likelihood`.
    Explained in the chapters *Maximum likelihood estimation* and *Logistic
    regression*.

    Parameters
    ----------
    z : float or array_like
        Real scores; ``inf`` and ``-inf`` give 1 and 0.

    Returns
    -------
    float or numpy.ndarray
        A float for a number, else an array with the shape of ``z``.

    Raises
    ------
    ValueError
        If ``z`` is not numeric or holds a NaN.
    """
    try:
        array = np.asarray(z, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"z must be a real number or an array of them, got {z!r}") from None
    if np.any(np.isnan(array)):
        raise ValueError(f"z must be real numbers (inf and -inf allowed), not NaN, got {z!r}")
    result = _sigmoid(array)
    return float(result) if result.ndim == 0 else result


def logistic_log_likelihood_gradient(weights, X, y) -> np.ndarray:
    r"""The gradient of :func:`logistic_log_likelihood` with respect to the weights,

    .. math:: \nabla\ell(\mathbf w) = \sum_{i=1}^N (y_i - \hat p_i)\,\mathbf x_i
              = X^\top(\mathbf y - \hat{\mathbf p}),

    each example pulling the weights along its features by its error.
    Explained in the chapter *Maximum likelihood estimation*.

    Returns
    -------
    numpy.ndarray, shape (d,)
    """
    w, X, labels = _logistic_arguments(weights, X, y)
    return X.T @ (labels - _sigmoid(X @ w))
