"""Principal component analysis from scratch (chapter ``chapters/linear-algebra/pca.md``).

The steps of the chapter, one function each:

1. :func:`center` subtracts each feature's mean;
2. :func:`covariance_matrix` measures how the features vary together;
3. :func:`fit_pca` diagonalises the covariance with
   :func:`mlmath.linalg.eigen.symmetric_eigen` (Jacobi rotations): its
   eigenvectors are the principal components, its eigenvalues the variances
   along them;
4. :func:`pca_project` gives each data point's coordinates along the first
   ``k`` components, and :func:`pca_reconstruct` maps them back.

The tests compare every step with NumPy and with
:class:`sklearn.decomposition.PCA`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mlmath._validate import as_int, as_matrix
from mlmath.linalg.eigen import symmetric_eigen

__all__ = [
    "PCAResult",
    "center",
    "covariance_matrix",
    "fit_pca",
    "pca_project",
    "pca_reconstruct",
]


def _as_data(X) -> np.ndarray:
    X = as_matrix(X, "X")
    if len(X) < 2:
        raise ValueError(
            f"X must hold at least 2 data points (rows): one point has no spread, "
            f"got shape {X.shape}"
        )
    return X


def center(X) -> tuple[np.ndarray, np.ndarray]:
    r"""Subtract each column's mean: the data cloud moved to the origin.

    .. math::

        \boldsymbol\mu = \frac1N \sum_{i=1}^N \mathbf x_i, \qquad
        \tilde{\mathbf x}_i = \mathbf x_i - \boldsymbol\mu

    Book section: Linear Algebra, *Principal Component Analysis*.

    Parameters
    ----------
    X : array_like, shape (N, d)
        ``N >= 2`` data points (rows) with ``d`` features (columns).

    Returns
    -------
    centered : numpy.ndarray, shape (N, d)
        Every column has mean zero (up to rounding).
    mean : numpy.ndarray, shape (d,)
        The column means :math:`\boldsymbol\mu`.
    """
    X = _as_data(X)
    mean = X.mean(axis=0)
    return X - mean, mean


def covariance_matrix(X) -> np.ndarray:
    r"""The sample covariance matrix of the columns of ``X``.

    .. math::

        C = \frac{1}{N - 1} \tilde X^\top \tilde X, \qquad
        C_{jk} = \frac{1}{N - 1} \sum_{i=1}^N (x_{ij} - \mu_j)(x_{ik} - \mu_k)

    where :math:`\tilde X` is ``X`` centred (:func:`center`). The diagonal
    holds each feature's variance, the off-diagonal entries how two features
    vary together. Dividing by :math:`N - 1` rather than :math:`N` makes it an
    unbiased estimate (as :func:`numpy.cov` and scikit-learn do).
    Book section: Linear Algebra, *Principal Component Analysis*.

    Parameters
    ----------
    X : array_like, shape (N, d)
        ``N >= 2`` data points with ``d`` features.

    Returns
    -------
    numpy.ndarray, shape (d, d)
        Symmetric, with nonnegative eigenvalues.
    """
    centered, _ = center(X)
    covariance = centered.T @ centered / (len(centered) - 1)
    return (covariance + covariance.T) / 2  # exactly symmetric, whatever the BLAS did


class PCAResult(NamedTuple):
    """A fitted principal component analysis (the result of :func:`fit_pca`)."""

    mean: np.ndarray
    """shape (d,): the column means subtracted before projecting."""
    components: np.ndarray
    """shape (k, d): the principal directions as unit rows, most variance
    first; each signed so that its largest-magnitude entry is positive (as in
    scikit-learn)."""
    explained_variance: np.ndarray
    """shape (k,): the variance of the data along each component, an
    eigenvalue of the covariance matrix."""
    explained_variance_ratio: np.ndarray
    """shape (k,): each component's share of the total variance."""


def fit_pca(X, n_components: int | None = None) -> PCAResult:
    r"""Principal components of ``X``: the eigenvectors of its covariance matrix.

    With :math:`C = V \Lambda V^\top` (:func:`covariance_matrix`,
    :func:`~mlmath.linalg.eigen.symmetric_eigen`), the :math:`j`-th principal
    component is the unit eigenvector :math:`\mathbf v_j` of the
    :math:`j`-th largest eigenvalue :math:`\lambda_j`. No other unit
    direction has a larger variance of the projected data than
    :math:`\mathbf v_1`, namely :math:`\mathbf v_1^\top C \mathbf v_1 = \lambda_1`,
    and so on down the list. Each component's share of the total variance is

    .. math::

        \text{explained variance ratio}_j
        = \frac{\lambda_j}{\lambda_1 + \dots + \lambda_d}
        = \frac{\lambda_j}{\operatorname{tr} C} .

    Eigenvalues that rounding made slightly negative are set to 0 (a
    covariance matrix has none below 0). The Jacobi rotations run in Python,
    one pair of features at a time: a 64-feature data set takes a fraction of
    a second, but for many hundreds of features use
    :class:`sklearn.decomposition.PCA`. Book section: Linear Algebra,
    *Principal Component Analysis*.

    Parameters
    ----------
    X : array_like, shape (N, d)
        ``N >= 2`` data points (rows), ``d`` features (columns), not all rows
        equal.
    n_components : int, optional
        How many components to keep, ``1 <= n_components <= d``; all ``d`` by
        default.

    Returns
    -------
    PCAResult

    Raises
    ------
    ValueError
        If ``X`` is not a finite 2-D array with at least two rows, if every
        row is the same point (there is no variance to explain), or if
        ``n_components`` is out of range.
    """
    X = _as_data(X)
    n_features = X.shape[1]
    if n_components is None:
        n_components = n_features
    n_components = as_int(n_components, "n_components", low=1, high=n_features)
    centered, mean = center(X)
    covariance = covariance_matrix(X)
    total = float(np.trace(covariance))
    if total == 0:
        raise ValueError(
            "X must vary: all of its rows are the same point, so no direction "
            "has any variance to explain"
        )
    values, vectors = symmetric_eigen(covariance)
    values = np.clip(values[:n_components], 0.0, None)
    return PCAResult(
        mean=mean,
        components=vectors[:, :n_components].T.copy(),
        explained_variance=values,
        explained_variance_ratio=values / total,
    )


def _check_result(pca) -> PCAResult:
    if not isinstance(pca, PCAResult):
        raise ValueError(f"pca must be the result of fit_pca, got {type(pca).__name__}")
    return pca


def pca_project(X, pca: PCAResult) -> np.ndarray:
    r"""Coordinates of the rows of ``X`` along the principal components.

    .. math:: \mathbf z_i = V_k^\top (\mathbf x_i - \boldsymbol\mu),
              \qquad Z = (X - \boldsymbol\mu) V_k

    where the columns of :math:`V_k` are the ``k`` kept components. Each
    :math:`z_{ij}` is the signed length of the shadow of
    :math:`\mathbf x_i - \boldsymbol\mu` on component :math:`j`.
    Book section: Linear Algebra, *Principal Component Analysis*.

    Parameters
    ----------
    X : array_like, shape (N, d)
        Any number of points (``N >= 1``) with the features ``pca`` was fitted on.
    pca : PCAResult

    Returns
    -------
    numpy.ndarray, shape (N, k)
    """
    pca = _check_result(pca)
    X = as_matrix(X, "X")
    if X.shape[1] != pca.mean.size:
        raise ValueError(
            f"X must have {pca.mean.size} columns (the features pca was fitted on), "
            f"got {X.shape[1]}"
        )
    return (X - pca.mean) @ pca.components.T


def pca_reconstruct(scores, pca: PCAResult) -> np.ndarray:
    r"""Map coordinates along the components back to the original features.

    .. math:: \hat{\mathbf x}_i = \boldsymbol\mu + V_k \mathbf z_i,
              \qquad \hat X = \boldsymbol\mu + Z V_k^\top

    With all ``d`` components this returns the data exactly; with fewer, the
    closest points (in squared distance) that lie in the ``k``-dimensional
    plane through the mean spanned by the components. The mean squared
    error, summed over features, is :math:`\frac{N-1}{N}` times the sum of
    the discarded eigenvalues. Book section: Linear Algebra, *Principal
    Component Analysis*.

    Parameters
    ----------
    scores : array_like, shape (N, k)
        Output of :func:`pca_project` (``k`` = the number of components kept).
    pca : PCAResult

    Returns
    -------
    numpy.ndarray, shape (N, d)
    """
    pca = _check_result(pca)
    scores = as_matrix(scores, "scores")
    if scores.shape[1] != len(pca.components):
        raise ValueError(
            f"scores must have {len(pca.components)} columns (one per component kept), "
            f"got {scores.shape[1]}"
        )
    return pca.mean + scores @ pca.components
