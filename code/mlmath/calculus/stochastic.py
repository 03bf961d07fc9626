"""Mini-batch gradients on least squares (chapter *Optimization algorithms*,
``chapters/calculus/optimizers.md``).

The least-squares loss of :math:`N` examples is an average,
:math:`L(\\mathbf w) = \\frac1N\\sum_i \\ell_i(\\mathbf w)` with
:math:`\\ell_i = \\frac12(\\mathbf x_i^\\top\\mathbf w - y_i)^2`, so the average of
the gradients of a random *mini-batch* of :math:`B` examples is an unbiased
estimate of its gradient: :math:`N/B` times cheaper, and noisy.
:class:`LeastSquares` holds one such problem: the loss, its gradient and
Hessian, its minimum (Part I's :func:`mlmath.linalg.lstsq`), mini-batch
gradients for stochastic gradient descent, the covariance of their noise,
and the level of loss at which SGD with a fixed learning rate hovers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmath._validate import as_int, as_matrix, as_real, as_vector
from mlmath.linalg.eigen import symmetric_eigen
from mlmath.linalg.orthogonal import lstsq

__all__ = ["LeastSquares"]


@dataclass(frozen=True)
class LeastSquares:
    """The least-squares loss :math:`L(\\mathbf w) = \\frac{1}{2N}\\lVert X\\mathbf w - \\mathbf y\\rVert^2`.

    Book section: Calculus, *Optimization algorithms*.

    Parameters
    ----------
    X : array_like, shape (N, d)
        The data matrix, finite, with independent columns.
    y : array_like, shape (N,)
        The targets.

    Raises
    ------
    ValueError
        If ``X`` or ``y`` is not finite, ``y`` does not have one entry per row of
        ``X``, or the columns of ``X`` are dependent (then the minimum is not
        a single point).
    """

    X: np.ndarray
    y: np.ndarray
    minimum: np.ndarray = field(init=False)
    """:math:`\\hat{\\mathbf w}`, the weights that minimise the loss."""

    def __post_init__(self):
        X = as_matrix(self.X, "X")
        y = as_vector(self.y, "y")
        if y.size != X.shape[0]:
            raise ValueError(f"y must have {X.shape[0]} entries, one per row of X, got {y.size}")
        fit = lstsq(X, y)
        if fit.rank < X.shape[1]:
            raise ValueError(f"X must have independent columns (rank {X.shape[1]}), got rank "
                             f"{fit.rank}")
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "y", y)
        object.__setattr__(self, "minimum", fit.weights)

    @property
    def size(self) -> int:
        """:math:`N`, the number of examples."""
        return self.X.shape[0]

    def _weights(self, w) -> np.ndarray:
        return as_vector(w, "w", size=self.X.shape[1])

    def loss(self, w) -> float:
        """:math:`\\frac{1}{2N}\\lVert X\\mathbf w - \\mathbf y\\rVert^2`."""
        residual = self.X @ self._weights(w) - self.y
        return float(residual @ residual / (2 * self.size))

    def gradient(self, w) -> np.ndarray:
        """:math:`\\nabla L(\\mathbf w) = X^\\top(X\\mathbf w - \\mathbf y)/N`, shape (d,)."""
        return self.X.T @ (self.X @ self._weights(w) - self.y) / self.size

    @property
    def hessian(self) -> np.ndarray:
        """:math:`X^\\top X/N`, the same at every :math:`\\mathbf w`, shape (d, d)."""
        return self.X.T @ self.X / self.size

    @property
    def lowest(self) -> float:
        """:math:`L^* = L(\\hat{\\mathbf w})`."""
        return self.loss(self.minimum)

    def minibatch_gradient(self, batch_size: int, seed: int = 0):
        """A function ``grad(w)`` that averages the gradients of a fresh random
        mini-batch at every call.

        .. math:: \\hat{\\mathbf g}(\\mathbf w) = \\frac1B\\sum_{i \\in S} \\mathbf x_i
                  (\\mathbf x_i^\\top\\mathbf w - y_i),

        with :math:`S` drawn from the :math:`N` examples without replacement,
        independently at each call, from ``numpy.random.default_rng(seed)``:
        the same seed gives the same batches. ``batch_size`` :math:`= N` is the
        full gradient.

        Raises
        ------
        ValueError
            If ``batch_size`` is not an integer from 1 to :math:`N`, or ``seed``
            is not an integer of at least 0.
        """
        B = as_int(batch_size, "batch_size", low=1, high=self.size)
        rng = np.random.default_rng(as_int(seed, "seed", low=0))
        X, y, N = self.X, self.y, self.size

        def grad(w):
            w = self._weights(w)
            rows = rng.choice(N, size=B, replace=False) if B < N else slice(None)
            return X[rows].T @ (X[rows] @ w - y[rows]) / B

        return grad

    def gradient_covariance(self, w, batch_size: int) -> np.ndarray:
        """The covariance of a mini-batch gradient at ``w``, shape (d, d).

        With :math:`\\Sigma(\\mathbf w) = \\frac1N\\sum_i (\\mathbf g_i - \\nabla L)
        (\\mathbf g_i - \\nabla L)^\\top` the covariance of one example's gradient
        :math:`\\mathbf g_i`, a batch of :math:`B` drawn without replacement has

        .. math:: \\Sigma_B = \\frac{N - B}{N - 1}\\,\\frac{\\Sigma}{B},

        the finite-population version of "the variance of a mean of :math:`B`
        draws is the variance over :math:`B`" (zero at :math:`B = N`).
        """
        w = self._weights(w)
        B = as_int(batch_size, "batch_size", low=1, high=self.size)
        per_example = (self.X @ w - self.y)[:, None] * self.X
        centred = per_example - per_example.mean(axis=0)
        sigma = centred.T @ centred / self.size
        if self.size == 1:
            return np.zeros_like(sigma)
        return (self.size - B) / (self.size - 1) * sigma / B

    def sgd_noise_floor(self, eta: float, batch_size: int) -> float:
        """The mean excess loss :math:`\\mathbb E[L(\\mathbf w^{(t)})] - L^*` at which
        SGD with learning rate ``eta`` and batches of ``batch_size`` settles.

        Near the minimum the error :math:`\\mathbf e = \\mathbf w - \\hat{\\mathbf w}`
        follows :math:`\\mathbf e^{(t+1)} = (I - \\eta H)\\mathbf e^{(t)} - \\eta\\,
        \\boldsymbol\\xi^{(t)}`, with noise :math:`\\boldsymbol\\xi` of covariance
        :math:`\\Sigma_B` (:meth:`gradient_covariance` at :math:`\\hat{\\mathbf w}`).
        Along each eigenvector :math:`\\mathbf v_j` of :math:`H` (eigenvalue
        :math:`\\lambda_j`) the stationary variance is
        :math:`\\eta^2\\sigma_j^2/(1 - (1 - \\eta\\lambda_j)^2)` with
        :math:`\\sigma_j^2 = \\mathbf v_j^\\top\\Sigma_B\\mathbf v_j`, and
        :math:`L - L^* = \\frac12\\mathbf e^\\top H\\mathbf e` then averages

        .. math:: \\frac\\eta2\\sum_j \\frac{\\sigma_j^2}{2 - \\eta\\lambda_j}
                  \\;\\approx\\; \\frac{\\eta}{4}\\operatorname{tr}\\Sigma_B
                  \\quad\\text{for small } \\eta .

        It takes the noise's covariance at the minimum as fixed, which holds
        while the run stays close to it (large enough batches, small enough
        :math:`\\eta`); with single examples the noise grows with the distance
        and the level is higher.

        Raises
        ------
        ValueError
            If ``eta`` is not above 0 or is at or beyond the stability bound
            :math:`2/\\lambda_{\\max}` (then there is no level to settle at), or
            ``batch_size`` is out of range.
        """
        eta = as_real(eta, "eta", low=0.0, low_inclusive=False)
        eigen = symmetric_eigen(self.hessian)
        largest = float(eigen.eigenvalues[0])
        if eta * largest >= 2:
            raise ValueError(f"eta must be below the stability bound 2/λ_max = "
                             f"{2 / largest:.4g}, got {eta}")
        sigma = self.gradient_covariance(self.minimum, batch_size)
        V = eigen.eigenvectors
        along = np.einsum("ij,ik,kj->j", V, sigma, V)  # σⱼ² = vⱼᵀ Σ_B vⱼ
        return float(eta / 2 * np.sum(along / (2 - eta * eigen.eigenvalues)))
