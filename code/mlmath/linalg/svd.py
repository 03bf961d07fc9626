"""The singular value decomposition and low-rank approximation
(chapter ``chapters/linear-algebra/norms-svd.md``).

The decomposition itself comes from ``numpy.linalg.svd`` (LAPACK): computing it
stably is a subject of its own. What the chapter teaches is written out here:
the rebuilding of a matrix as a sum of rank-one layers, the rank, the Frobenius
norm, and the error of keeping only the first layers (Eckart–Young). The tests
check them against ``numpy.linalg`` and ``sklearn.decomposition.TruncatedSVD``.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlmath._validate import as_matrix, as_real

__all__ = [
    "svd",
    "matrix_rank",
    "frobenius_norm",
    "low_rank_approximation",
    "energy_kept",
    "low_rank_error",
]


def _as_singular_values(value) -> np.ndarray:
    """Validate a vector of singular values: finite, >= 0, sorted, not all 0."""
    try:
        s = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("singular_values must be a sequence of real numbers") from None
    if s.ndim != 1 or s.size == 0:
        raise ValueError(
            f"singular_values must be a non-empty 1-D array, got shape {s.shape}"
        )
    if not np.all(np.isfinite(s)) or np.any(s < 0):
        raise ValueError("singular_values must be finite and >= 0")
    if np.any(np.diff(s) > 0):
        raise ValueError("singular_values must be sorted from largest to smallest")
    if s[0] == 0:
        raise ValueError(
            "singular_values must not all be 0: a zero matrix has no energy to keep"
        )
    return s


def _check_rank(rank, largest: int) -> int:
    if isinstance(rank, bool) or not isinstance(rank, numbers.Integral) or not (
        1 <= rank <= largest
    ):
        raise ValueError(
            f"rank must be an integer from 1 to {largest} (the number of singular "
            f"values), got {rank!r}"
        )
    return int(rank)


def svd(matrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""The thin singular value decomposition :math:`A = U \Sigma V^\top`.

    .. math::

        A = \sum_{k=1}^{r} \sigma_k\, \mathbf u_k \mathbf v_k^\top,
        \qquad \sigma_1 \ge \sigma_2 \ge \dots \ge \sigma_r \ge 0

    For an ``m × n`` matrix and ``r = min(m, n)``: ``U`` is ``m × r`` with
    orthonormal columns :math:`\mathbf u_k`, ``s`` holds the singular values
    :math:`\sigma_k`, ``Vt`` is ``r × n`` with orthonormal rows
    :math:`\mathbf v_k^\top`. Each pair :math:`(\mathbf u_k, \mathbf v_k)` is
    fixed only up to a common sign; the one returned makes the largest entry
    (in absolute value) of :math:`\mathbf u_k` positive, so that results do not
    depend on the LAPACK build (scikit-learn's ``svd_flip`` rule).
    Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    matrix : array_like, shape (m, n)

    Returns
    -------
    U : numpy.ndarray, shape (m, r)
    s : numpy.ndarray, shape (r,)
    Vt : numpy.ndarray, shape (r, n)
    """
    matrix = as_matrix(matrix, "matrix")
    U, s, Vt = np.linalg.svd(matrix, full_matrices=False)
    biggest = np.argmax(np.abs(U), axis=0)
    signs = np.sign(U[biggest, np.arange(U.shape[1])])
    signs[signs == 0] = 1.0
    return U * signs, s, Vt * signs[:, np.newaxis]


def matrix_rank(matrix, tol: float | None = None) -> int:
    r"""The rank: how many singular values are (numerically) nonzero.

    .. math:: \operatorname{rank} A = \#\{k : \sigma_k > \text{tol}\}

    The default tolerance, :math:`\sigma_1 \max(m, n)\,\varepsilon` with
    :math:`\varepsilon` the float64 machine epsilon, treats as zero what
    rounding alone could have produced (NumPy's ``matrix_rank`` uses the same).
    Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    matrix : array_like, shape (m, n)
    tol : float, optional
        Singular values at or below ``tol`` count as zero; ``tol >= 0``.
    """
    matrix = as_matrix(matrix, "matrix")
    s = np.linalg.svd(matrix, compute_uv=False)
    if tol is None:
        tol = s[0] * max(matrix.shape) * np.finfo(float).eps
    else:
        tol = as_real(tol, "tol", low=0.0)
    return int(np.sum(s > tol))


def frobenius_norm(matrix) -> float:
    r"""The Frobenius norm: the :math:`L_2` norm of all entries, laid end to end.

    .. math:: \lVert A \rVert_F = \Bigl(\sum_{i,j} a_{ij}^2\Bigr)^{1/2}
              = \Bigl(\sum_k \sigma_k^2\Bigr)^{1/2}

    Book section: Linear Algebra, *Norms and the SVD*.
    """
    matrix = as_matrix(matrix, "matrix")
    largest = np.max(np.abs(matrix))
    if largest == 0:
        return 0.0
    # Scale first so that squaring huge entries cannot overflow.
    return float(largest * np.sqrt(np.sum((matrix / largest) ** 2)))


def low_rank_approximation(matrix, rank: int) -> np.ndarray:
    r"""The best approximation of ``matrix`` by a matrix of rank ``rank``.

    Keep the first ``rank`` layers of the SVD and drop the rest:

    .. math:: A_r = \sum_{k=1}^{r} \sigma_k\, \mathbf u_k \mathbf v_k^\top

    By the Eckart–Young theorem no matrix of rank :math:`r` is closer to
    :math:`A` in the Frobenius norm; the error is
    :math:`\lVert A - A_r \rVert_F = (\sum_{k>r} \sigma_k^2)^{1/2}`
    (see :func:`low_rank_error`).
    Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    matrix : array_like, shape (m, n)
    rank : int, 1 <= rank <= min(m, n)

    Returns
    -------
    numpy.ndarray, shape (m, n)
    """
    matrix = as_matrix(matrix, "matrix")
    rank = _check_rank(rank, min(matrix.shape))
    U, s, Vt = svd(matrix)
    approximation = np.zeros_like(matrix)
    for k in range(rank):
        # One layer: an m x n matrix in which every row is a multiple of v_k
        # and every column a multiple of u_k.
        approximation += s[k] * np.outer(U[:, k], Vt[k])
    return approximation


def energy_kept(singular_values, rank: int) -> float:
    r"""The fraction of the matrix's "energy" that the first ``rank`` layers hold.

    .. math:: E_r = \frac{\sum_{k=1}^{r} \sigma_k^2}{\sum_{k} \sigma_k^2}
              = 1 - \frac{\lVert A - A_r \rVert_F^2}{\lVert A \rVert_F^2}

    Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    singular_values : array_like, shape (p,)
        Sorted from largest to smallest, as :func:`svd` returns them.
    rank : int, 1 <= rank <= p
    """
    s = _as_singular_values(singular_values)
    rank = _check_rank(rank, s.size)
    squares = (s / s[0]) ** 2  # scaled so that squaring cannot overflow
    return float(np.sum(squares[:rank]) / np.sum(squares))


def low_rank_error(singular_values, rank: int) -> float:
    r"""The relative error of the best rank-``rank`` approximation (Eckart–Young).

    .. math:: \frac{\lVert A - A_r \rVert_F}{\lVert A \rVert_F}
              = \Bigl(\frac{\sum_{k>r} \sigma_k^2}{\sum_k \sigma_k^2}\Bigr)^{1/2}

    Computed from the dropped singular values, not as :math:`\sqrt{1 - E_r}`,
    which would lose every digit once :math:`E_r` is within rounding of 1.
    Book section: Linear Algebra, *Norms and the SVD*.

    Parameters
    ----------
    singular_values : array_like, shape (p,)
        Sorted from largest to smallest, as :func:`svd` returns them.
    rank : int, 1 <= rank <= p
    """
    s = _as_singular_values(singular_values)
    rank = _check_rank(rank, s.size)
    squares = (s / s[0]) ** 2
    return float(np.sqrt(np.sum(squares[rank:]) / np.sum(squares)))
