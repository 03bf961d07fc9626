r"""Covariance and the multivariate normal distribution (chapter *The normal
distribution*, ``chapters/probability/normal-distribution.md``, its last section).

A covariance matrix :math:`\Sigma` must be symmetric positive definite for the
density to exist; :func:`cholesky` checks both by factoring
:math:`\Sigma = LL^\top`, and the factor then gives the density (through
:math:`\det\Sigma = \prod_j l_{jj}^2`) and samples (:math:`\mathbf x = \boldsymbol\mu + L\mathbf z`).
The ellipses of constant density have the eigenvectors of :math:`\Sigma` as
their axes, the link to principal component analysis.
"""

from __future__ import annotations

import math

import numpy as np

from mlmath import linalg
from mlmath._validate import as_int, as_matrix, as_real, as_vector
from mlmath.probability.normal import standard_normals

__all__ = ["cholesky", "covariance_ellipse", "multivariate_normal_pdf",
           "multivariate_normal_sample", "sample_covariance"]

#: How far from symmetric, relative to its largest entry, a covariance matrix may be.
SYMMETRY_TOLERANCE = 1e-12


def cholesky(cov, name: str = "cov") -> np.ndarray:
    r"""The lower triangular :math:`L` with :math:`\Sigma = LL^\top` and a positive diagonal.

    Column by column, :math:`l_{jj} = \sqrt{\sigma_{jj} - \sum_{k<j} l_{jk}^2}` and
    :math:`l_{ij} = (\sigma_{ij} - \sum_{k<j} l_{ik}l_{jk}) / l_{jj}` below it. The
    square root exists for every column exactly when :math:`\Sigma` is positive
    definite, so the factorisation is also the test.
    Book section: Probability, *The normal distribution*.

    Raises
    ------
    ValueError
        Naming ``name`` if ``cov`` is not square, not symmetric, or not
        positive definite (a pivot :math:`\le 0`).
    """
    S = as_matrix(cov, name, square=True)
    scale = np.max(np.abs(S))
    if np.max(np.abs(S - S.T)) > SYMMETRY_TOLERANCE * scale:
        raise ValueError(f"{name} must be symmetric (a covariance matrix is), got\n{S}")
    d = len(S)
    L = np.zeros_like(S)
    for j in range(d):
        pivot = S[j, j] - L[j, :j] @ L[j, :j]
        if not pivot > 1e-14 * scale:
            raise ValueError(f"{name} must be positive definite (every variance along every "
                             f"direction > 0); pivot {j + 1} of its Cholesky factorisation "
                             f"is {pivot:.3g}, got\n{S}")
        L[j, j] = math.sqrt(pivot)
        L[j + 1:, j] = (S[j + 1:, j] - L[j + 1:, :j] @ L[j, :j]) / L[j, j]
    return L


def _forward_substitute(L: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Solve ``L Y = B`` for lower triangular ``L``, first row first; ``B`` is (d, m)."""
    Y = np.zeros_like(B)
    for i in range(len(L)):
        Y[i] = (B[i] - L[i, :i] @ Y[:i]) / L[i, i]
    return Y


def _points(x, d: int) -> tuple[np.ndarray, bool]:
    array = np.asarray(x, dtype=float)
    single = array.ndim == 1
    points = as_matrix(array[None, :] if single else array, "x")
    if points.shape[1] != d:
        raise ValueError(f"x must have {d} components per point (as mean), got {points.shape[1]}")
    return points, single


def multivariate_normal_pdf(x, mean, cov):
    r"""The density of :math:`\mathcal N(\boldsymbol\mu, \Sigma)` in :math:`\mathbb R^d`,

    .. math::

        p(\mathbf x) = \frac{1}{(2\pi)^{d/2}\sqrt{\det\Sigma}}
        \exp\!\left(-\tfrac12 (\mathbf x-\boldsymbol\mu)^\top\Sigma^{-1}(\mathbf x-\boldsymbol\mu)\right).

    With :math:`\Sigma = LL^\top` (:func:`cholesky`), the quadratic form is
    :math:`\lVert\mathbf u\rVert^2` for :math:`L\mathbf u = \mathbf x - \boldsymbol\mu`, and
    :math:`\sqrt{\det\Sigma} = \prod_j l_{jj}`; no inverse is formed.
    Book section: Probability, *The normal distribution*.

    Parameters
    ----------
    x : array_like, shape (d,) or (N, d)
        One point, or one point per row.
    mean : array_like, shape (d,)
    cov : array_like, shape (d, d)
        Symmetric positive definite.

    Returns
    -------
    float or numpy.ndarray of shape (N,)
    """
    mean = as_vector(mean, "mean")
    L = cholesky(cov)
    if len(L) != mean.size:
        raise ValueError(f"cov must be {mean.size} × {mean.size} to match mean, got {L.shape}")
    points, single = _points(x, mean.size)
    u = _forward_substitute(L, (points - mean).T)
    log_density = (-0.5 * np.sum(u * u, axis=0) - np.sum(np.log(np.diag(L)))
                   - 0.5 * mean.size * math.log(2 * math.pi))
    density = np.exp(log_density)
    return float(density[0]) if single else density


def multivariate_normal_sample(mean, cov, size, seed=0) -> np.ndarray:
    r"""``size`` draws from :math:`\mathcal N(\boldsymbol\mu, \Sigma)`, one per row:
    :math:`\mathbf x = \boldsymbol\mu + L\mathbf z` with :math:`\Sigma = LL^\top` and
    :math:`\mathbf z` a vector of independent standard normals, since then
    :math:`\operatorname{Cov}(\mathbf x) = L\,I\,L^\top = \Sigma`.
    Book section: Probability, *The normal distribution*.

    Returns
    -------
    numpy.ndarray, shape (size, d)
    """
    mean = as_vector(mean, "mean")
    L = cholesky(cov)
    if len(L) != mean.size:
        raise ValueError(f"cov must be {mean.size} × {mean.size} to match mean, got {L.shape}")
    size = as_int(size, "size", low=1)
    z = standard_normals(size * mean.size, seed).reshape(size, mean.size)
    return mean + z @ L.T


def sample_covariance(X, ddof: int = 1) -> np.ndarray:
    r"""The sample covariance matrix of the rows of ``X`` (one observation per row),

    .. math::

        \hat\Sigma = \frac{1}{N - \text{ddof}} \sum_{i=1}^N (\mathbf x_i - \bar{\mathbf x})
        (\mathbf x_i - \bar{\mathbf x})^\top,

    with divisor :math:`N - 1` by default (``ddof=1``, as :func:`numpy.cov`
    and :func:`mlmath.linalg.covariance_matrix`) or :math:`N` (``ddof=0``,
    the maximum-likelihood estimate).
    Book section: Probability, *The normal distribution*.
    """
    ddof = as_int(ddof, "ddof", low=0, high=1)
    X = as_matrix(X, "X", min_rows=ddof + 1)
    centred = X - X.mean(axis=0)
    cov = centred.T @ centred / (len(X) - ddof)
    return (cov + cov.T) / 2


def covariance_ellipse(mean, cov, k: float = 1.0, points: int = 100) -> np.ndarray:
    r"""Points on the ellipse :math:`(\mathbf x-\boldsymbol\mu)^\top\Sigma^{-1}(\mathbf x-\boldsymbol\mu) = k^2`
    of a 2 × 2 covariance matrix: a contour of constant density.

    With :math:`\Sigma = \lambda_1\mathbf v_1\mathbf v_1^\top + \lambda_2\mathbf v_2\mathbf v_2^\top`
    (:func:`mlmath.linalg.symmetric_eigen`), it is
    :math:`\boldsymbol\mu + k(\sqrt{\lambda_1}\cos t\,\mathbf v_1 + \sqrt{\lambda_2}\sin t\,\mathbf v_2)`:
    its axes point along the eigenvectors, with half-lengths :math:`k\sqrt{\lambda_j}`.

    Returns
    -------
    numpy.ndarray, shape (points, 2)
        The last point repeats the first, closing the curve.
    """
    mean = as_vector(mean, "mean", size=2)
    cholesky(cov)  # the checks: symmetric positive definite
    k = as_real(k, "k", low=0.0, low_inclusive=False)
    points = as_int(points, "points", low=3)
    values, vectors = linalg.symmetric_eigen(np.asarray(cov, dtype=float))  # columns
    t = np.linspace(0.0, 2.0 * math.pi, points)
    circle = np.stack([np.cos(t), np.sin(t)])
    return (mean[:, None] + k * vectors @ (np.sqrt(values)[:, None] * circle)).T
