"""Orthogonality, projections and least squares (chapter
``chapters/linear-algebra/orthogonality.md``).

Gram–Schmidt turns the columns of a matrix into an orthonormal basis of the
same column space and records how to rebuild them, ``A = QR``; with it, the
projection of a vector on a column space and the least-squares solution of
``Xw ≈ y`` follow without ever forming ``XᵀX``. A second least-squares solver
goes through the normal equations ``XᵀXw = Xᵀy`` (by a Cholesky factorisation),
so that the chapter can show what forming ``XᵀX`` costs in accuracy. The tests
check every function against ``numpy.linalg.qr`` and ``numpy.linalg.lstsq``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmath._validate import as_matrix, as_vector

__all__ = ["LeastSquaresFit", "gram_schmidt", "qr", "project", "projection_matrix",
           "lstsq", "lstsq_normal"]

#: A column counts as dependent on the ones before it when what is left of it after
#: removing their directions is shorter than this many machine epsilons times the
#: longest column of the matrix (times the larger dimension), the scale of the rounding
#: error the subtraction itself makes. ``numpy.linalg.matrix_rank`` uses the same scale.
_DEPENDENT = np.finfo(float).eps


def _orthonormalise(A: np.ndarray, *, modified: bool = True,
                    scale: float | None = None):
    """Gram–Schmidt on the columns of ``A``, skipping dependent ones.

    Returns ``(Q, R, kept)``: ``Q`` (m × n) holds a unit vector in each kept
    column and zeros elsewhere, ``R`` (n × n) is upper triangular with A = QR
    (up to rounding) and zero rows for the skipped columns, and ``kept`` lists
    the columns that added a new direction. ``scale`` is the column length the
    tolerance is relative to (by default the longest column of ``A``).
    """
    m, n = A.shape
    Q, R = np.zeros((m, n)), np.zeros((n, n))
    if scale is None:
        scale = float(np.max(np.linalg.norm(A, axis=0)))
    tolerance = _DEPENDENT * max(m, n) * max(scale, np.finfo(float).tiny)
    kept = []
    for j in range(n):
        v = A[:, j].copy()
        for k in kept:
            # Classical: the coefficient of the original column a_j on q_k.
            # Modified: of what is left of it, v, already orthogonal to the
            # earlier q's, so the rounding errors they left are removed too.
            R[k, j] = Q[:, k] @ (v if modified else A[:, j])
            v -= R[k, j] * Q[:, k]
        length = float(np.sqrt(v @ v))
        # R^m has room for m directions only: once m are kept, any further column
        # is a combination of them, whatever rounding has left of it.
        if length > tolerance and len(kept) < m:
            R[j, j] = length
            Q[:, j] = v / length
            kept.append(j)
    return Q, R, kept


def _full_column_rank(A: np.ndarray, kept: list, what: str) -> None:
    if len(kept) < A.shape[1]:
        first = next(j for j in range(A.shape[1]) if j not in kept)
        raise ValueError(
            f"A must have linearly independent columns for {what}, but column {first + 1} "
            f"(of {A.shape[1]}) is a combination of the columns before it"
            + (f" (A has more columns than rows, {A.shape[1]} > {A.shape[0]})"
               if A.shape[1] > A.shape[0] else "")
            + "; the column space still has an orthonormal basis, with fewer vectors: "
              "project() and lstsq() accept such matrices")


def gram_schmidt(A, *, modified: bool = True) -> np.ndarray:
    r"""An orthonormal basis of the column space of ``A``, by Gram–Schmidt.

    Column by column, subtract from :math:`\mathbf a_j` its components along the
    unit vectors already found and scale what is left to length 1:

    .. math::

        \mathbf v_j = \mathbf a_j - \sum_{k<j} (\mathbf q_k \cdot \mathbf a_j)\,\mathbf q_k,
        \qquad \mathbf q_j = \mathbf v_j / \lVert \mathbf v_j \rVert .

    That is the *classical* recipe (``modified=False``). The *modified* one (the
    default) subtracts the same directions one at a time, taking each coefficient
    from what is left, :math:`\mathbf q_k \cdot \mathbf v_j`: equal in exact
    arithmetic, but it keeps the :math:`\mathbf q`'s far closer to orthogonal when
    the columns are nearly dependent. Book section: Linear Algebra,
    *Orthogonality, projections and least squares*.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Linearly independent columns (so ``m >= n``).
    modified : bool, default True
        Modified (True) or classical (False) Gram–Schmidt.

    Returns
    -------
    numpy.ndarray, shape (m, n)
        ``Q`` with orthonormal columns, :math:`Q^\top Q = I`, spanning the same
        space as the columns of ``A``; the first :math:`j` columns of ``Q`` span
        the first :math:`j` of ``A``.

    Raises
    ------
    ValueError
        If ``A`` is not a finite matrix, or a column is (numerically) a combination of
        the columns before it: then there are fewer than ``n`` orthonormal vectors.
    """
    A = as_matrix(A, "A")
    Q, _, kept = _orthonormalise(A, modified=modified)
    _full_column_rank(A, kept, "Gram–Schmidt")
    return Q


def qr(A, *, modified: bool = True) -> tuple[np.ndarray, np.ndarray]:
    r"""The reduced QR decomposition :math:`A = QR`, by Gram–Schmidt.

    ``Q`` (m × n) has orthonormal columns, ``R`` (n × n) is upper triangular with a
    positive diagonal: :math:`r_{kj} = \mathbf q_k \cdot \mathbf a_j` says how much of
    :math:`\mathbf q_k` column :math:`j` contains, and :math:`r_{jj}` is the length of
    what was new in it. With a positive diagonal the factors are unique;
    ``numpy.linalg.qr`` (Householder reflections) returns the same up to the signs
    of matching columns of ``Q`` and rows of ``R``. Book section: Linear Algebra,
    *Orthogonality, projections and least squares*.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Linearly independent columns (so ``m >= n``).
    modified : bool, default True
        Modified (True) or classical (False) Gram–Schmidt.

    Returns
    -------
    Q : numpy.ndarray, shape (m, n)
    R : numpy.ndarray, shape (n, n)

    Raises
    ------
    ValueError
        If ``A`` is not a finite matrix, or its columns are dependent (then ``R``
        would have a zero on its diagonal and no unique ``Q`` exists; use
        :func:`lstsq` or :func:`project`, which handle that case).
    """
    A = as_matrix(A, "A")
    Q, R, kept = _orthonormalise(A, modified=modified)
    _full_column_rank(A, kept, "a QR decomposition")
    return Q, R


def _basis(A, name: str) -> tuple[np.ndarray, np.ndarray, list]:
    A = as_matrix(A, name)
    return (A, *_orthonormalise(A))


def project(b, A) -> np.ndarray:
    r"""The projection of ``b`` on the column space of ``A``: its closest point there.

    .. math:: \hat{\mathbf b} = Q Q^\top \mathbf b = A (A^\top A)^{-1} A^\top \mathbf b

    with ``Q`` an orthonormal basis of the column space (from Gram–Schmidt). The
    remainder :math:`\mathbf b_\perp = \mathbf b - \hat{\mathbf b}` is perpendicular to
    every column, :math:`A^\top \mathbf b_\perp = \mathbf 0`.

    Dependent columns are allowed: the column space, and so the projection, is the
    same whatever the spanning set, and the columns that add no new direction are
    skipped. (The middle formula needs independent columns; the first does not.)
    Book section: Linear Algebra, *Orthogonality, projections and least squares*.

    Parameters
    ----------
    b : array_like, shape (m,)
    A : array_like, shape (m, n)

    Returns
    -------
    numpy.ndarray, shape (m,)

    Raises
    ------
    ValueError
        If either is not finite, or ``b`` does not have one component per row of ``A``.
    """
    A, Q, _, _ = _basis(A, "A")
    b = as_vector(b, "b")
    if b.size != A.shape[0]:
        raise ValueError(f"b must have {A.shape[0]} components, one per row of A "
                         f"(shape {A.shape}), got {b.size}")
    return Q @ (Q.T @ b)


def projection_matrix(A) -> np.ndarray:
    r"""The matrix :math:`P = QQ^\top` that projects on the column space of ``A``.

    It is symmetric (:math:`P^\top = P`) and idempotent (:math:`P^2 = P`: projecting
    twice changes nothing). Dependent columns are allowed, as in :func:`project`.
    Book section: Linear Algebra, *Orthogonality, projections and least squares*.

    Parameters
    ----------
    A : array_like, shape (m, n)

    Returns
    -------
    numpy.ndarray, shape (m, m)
    """
    _, Q, _, _ = _basis(A, "A")
    return Q @ Q.T


@dataclass(frozen=True)
class LeastSquaresFit:
    """A least-squares solution of ``X w ≈ y``.

    ``weights`` (d,), ``residual`` = y − X·weights (N,), ``rank``: how many
    independent columns ``X`` has (``d`` unless they are dependent).
    """

    weights: np.ndarray
    residual: np.ndarray
    rank: int

    @property
    def rss(self) -> float:
        """The residual sum of squares, ‖y − Xw‖²."""
        return float(self.residual @ self.residual)


def _checked(X, y) -> tuple[np.ndarray, np.ndarray]:
    X = as_matrix(X, "X")
    y = as_vector(y, "y")
    if y.size != X.shape[0]:
        raise ValueError(f"y must have {X.shape[0]} components, one per row of X "
                         f"(shape {X.shape}), got {y.size}")
    return X, y


def _back_substitute(R: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Solve the upper triangular system R w = c, last unknown first."""
    w = np.zeros_like(c)
    for i in range(len(c) - 1, -1, -1):
        w[i] = (c[i] - R[i, i + 1:] @ w[i + 1:]) / R[i, i]
    return w


def lstsq(X, y) -> LeastSquaresFit:
    r"""Least squares by QR: the ``w`` that minimises :math:`\lVert \mathbf y - X\mathbf w \rVert^2`.

    Modified Gram–Schmidt runs on the columns of :math:`[X \mid \mathbf y]`: the
    columns of ``X`` give :math:`X = QR`, and ``y``'s column gives
    :math:`\mathbf c = Q^\top\mathbf y` and the residual (what is left of ``y``). Then
    :math:`R\mathbf w = \mathbf c` is solved by back substitution. Taking
    :math:`\mathbf c` from the same sweep, rather than as :math:`Q^\top\mathbf y`
    afterwards, keeps the answer accurate even where ``Q`` has lost some
    orthogonality (Å. Björck, 1967). :math:`X^\top X` is never formed.

    **Dependent columns.** The fitted values :math:`X\hat{\mathbf w}` (the projection of
    ``y``) and the residual are unique, but then infinitely many weights give them.
    This function returns the one of smallest length :math:`\lVert\mathbf w\rVert`, the
    *minimum-norm* solution, as ``numpy.linalg.lstsq`` does: the columns that add no
    new direction are left out of ``Q``, and the remaining equations
    :math:`R\mathbf w = \mathbf c` (fewer rows than unknowns) are solved by a second QR,
    of :math:`R^\top`, which puts ``w`` in the row space of ``X``. ``rank`` in the
    result says how many columns were independent. Book section: Linear Algebra,
    *Orthogonality, projections and least squares*.

    Parameters
    ----------
    X : array_like, shape (N, d)
    y : array_like, shape (N,)

    Returns
    -------
    LeastSquaresFit
        ``weights``, ``residual`` = y − X·weights, ``rank``.

    Raises
    ------
    ValueError
        If either is not finite, or ``y`` does not have one component per row of ``X``.
    """
    X, y = _checked(X, y)
    weights, rank = _solve_by_qr(X, y)
    return LeastSquaresFit(weights=weights, residual=y - X @ weights, rank=rank)


def _solve_by_qr(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, int]:
    """The minimum-norm least-squares weights and the rank of X (see :func:`lstsq`)."""
    d = X.shape[1]
    # Gram–Schmidt on [X | y]: X = QR, and y's column of R is c = Qᵀy. The
    # tolerance for "dependent" is relative to the columns of X, not to y.
    Q, R, kept = _orthonormalise(np.column_stack([X, y]),
                                 scale=float(np.max(np.linalg.norm(X, axis=0))))
    columns = [j for j in kept if j < d]
    c = R[columns, d]
    R = R[np.ix_(columns, range(d))]  # r × d: the rows of the independent columns
    if len(columns) == d:
        return _back_substitute(R, c), d
    if not columns:  # X is all zeros: every w fits equally badly; the smallest is 0
        return np.zeros(d), 0
    # R w = c with fewer equations than unknowns: the smallest w lies in the row
    # space of R. With Rᵀ = Q₂R₂ (d × r and r × r), R = R₂ᵀQ₂ᵀ: solve R₂ᵀ z = c
    # (lower triangular: first unknown first), then w = Q₂ z.
    Q2, R2, _ = _orthonormalise(R.T)
    z = _back_substitute(R2.T[::-1, ::-1], c[::-1])[::-1]
    return Q2 @ z, len(columns)


def _cholesky(S: np.ndarray) -> np.ndarray:
    """The lower triangular ``L`` with ``S = L Lᵀ``, for a symmetric positive definite
    ``S``; ``None`` if a pivot is not positive (``S`` is singular, numerically)."""
    n = len(S)
    L = np.zeros_like(S)
    for j in range(n):
        pivot = S[j, j] - L[j, :j] @ L[j, :j]
        if not pivot > _DEPENDENT * n * np.max(np.abs(np.diag(S))):
            return None
        L[j, j] = np.sqrt(pivot)
        L[j + 1:, j] = (S[j + 1:, j] - L[j + 1:, :j] @ L[j, :j]) / L[j, j]
    return L


def lstsq_normal(X, y) -> LeastSquaresFit:
    r"""Least squares by the normal equations :math:`X^\top X\mathbf w = X^\top\mathbf y`.

    Forms the Gram matrix :math:`X^\top X`, factors it as :math:`LL^\top` (Cholesky)
    and solves two triangular systems. Fast and short, but the condition number of
    :math:`X^\top X` is the square of that of ``X``, so it can lose twice as many
    digits as :func:`lstsq`; it is here to show that. Book section: Linear Algebra,
    *Orthogonality, projections and least squares*.

    Parameters
    ----------
    X : array_like, shape (N, d)
        Linearly independent columns.
    y : array_like, shape (N,)

    Returns
    -------
    LeastSquaresFit

    Raises
    ------
    ValueError
        If either is not finite, ``y`` does not have one component per row of ``X``,
        or :math:`X^\top X` is singular to working precision (dependent, or nearly
        dependent, columns; :func:`lstsq` handles those).
    """
    X, y = _checked(X, y)
    L = _cholesky(X.T @ X)
    if L is None:
        raise ValueError(
            "X must have linearly independent columns for the normal equations: XᵀX is "
            "singular to working precision (use lstsq, which returns the minimum-norm "
            "solution)")
    z = _back_substitute(L[::-1, ::-1], (X.T @ y)[::-1])[::-1]  # L z = Xᵀy
    weights = _back_substitute(L.T, z)  # Lᵀ w = z
    return LeastSquaresFit(weights=weights, residual=y - X @ weights, rank=X.shape[1])
