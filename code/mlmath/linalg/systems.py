"""Linear systems by elimination (chapter ``chapters/linear-algebra/linear-systems.md``).

Everything here comes from one algorithm, Gaussian elimination with partial
pivoting (:func:`eliminate`), which turns any matrix into row echelon form
:math:`U` and records the multipliers :math:`L` and the row swaps :math:`P`,
so that :math:`PA = LU`. From it:

:func:`solve`
    the one solution of a square, invertible system :math:`A\\mathbf x = \\mathbf b`;
:func:`solution_set`
    every solution of any system: one particular solution plus the null space,
    or none when :math:`\\mathbf b` is outside the column space;
:func:`rank`, :func:`null_space`, :func:`det`, :func:`inverse`
    the number of pivots, a basis of :math:`\\{\\mathbf x : A\\mathbf x = \\mathbf 0\\}`,
    the product of the pivots (signed by the swaps), and :math:`A^{-1}`;
:func:`condition_number`
    :math:`\\sigma_1 / \\sigma_n`, how many digits a solve can lose.

The tests check them against :func:`numpy.linalg.solve`, ``matrix_rank``,
``det``, ``inv``, ``cond`` and :func:`scipy.linalg.null_space`.
``figures/js/column_picture.js`` repeats :func:`eliminate` for 2 × 2 systems,
operation for operation, so that the page and Python agree to the last bit.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from mlmath._validate import as_matrix, as_real, as_vector

__all__ = [
    "Elimination",
    "SolutionSet",
    "eliminate",
    "pivot_tolerance",
    "rank_tolerance",
    "solve",
    "solution_set",
    "rank",
    "null_space",
    "det",
    "inverse",
    "condition_number",
]

_EPS = float(np.finfo(float).eps)


class Elimination(NamedTuple):
    """The result of :func:`eliminate` on an :math:`m \\times n` matrix :math:`A`.

    Attributes
    ----------
    U : numpy.ndarray, shape (m, n)
        Row echelon form: each pivot row starts further right than the one
        above it; entries below the pivots, and rows after the last pivot
        row, are zero.
    L : numpy.ndarray, shape (m, m)
        Unit lower triangular: ``L[i, k]`` is the multiple of pivot row ``k``
        subtracted from row ``i``.
    perm : numpy.ndarray of int, shape (m,)
        Row ``i`` of :math:`PA` is row ``perm[i]`` of :math:`A`; :math:`PA = LU`
        up to rounding and the entries treated as zero.
    pivots : tuple of int
        The pivot columns, left to right; ``len(pivots)`` is the rank.
    swaps : int
        How many row exchanges were made (each flips the determinant's sign).
    tol : float
        Entries of magnitude at most ``tol`` counted as zero.
    """

    U: np.ndarray
    L: np.ndarray
    perm: np.ndarray
    pivots: tuple
    swaps: int
    tol: float


class SolutionSet(NamedTuple):
    """Every solution of :math:`A\\mathbf x = \\mathbf b`, from :func:`solution_set`.

    ``particular`` is one solution (its free variables set to 0), or ``None``
    when there is none; ``null_space`` holds a basis of the null space as
    columns, shape ``(n, n - rank)``. The solutions are ``particular`` plus any
    combination of those columns.
    """

    particular: np.ndarray | None
    null_space: np.ndarray
    rank: int
    augmented_rank: int


def pivot_tolerance(matrix) -> float:
    r"""The size below which :func:`eliminate` and :func:`solve` treat an entry as zero.

    .. math:: \tau = \max(m, n)\,\varepsilon\,\max_{i,j} |a_{ij}|

    with :math:`\varepsilon \approx 2.2 \times 10^{-16}` the float64 machine
    epsilon: a matrix is refused as singular only when a pivot is as small
    as one rounding error of its largest entry. Nearly singular matrices
    (the Hilbert matrices of the chapter) are still solved, and their
    answers are only as good as :func:`condition_number` allows.
    """
    matrix = as_matrix(matrix, "matrix")
    return max(matrix.shape) * _EPS * float(np.max(np.abs(matrix)))


def rank_tolerance(matrix) -> float:
    r"""The size below which :func:`rank`, :func:`null_space` and
    :func:`solution_set` treat a pivot as zero.

    .. math:: \tau_r = \max(m, n)\,\sqrt{\varepsilon}\,\max_{i,j} |a_{ij}|,
              \qquad \sqrt{\varepsilon} \approx 1.5 \times 10^{-8}.

    Elimination's rounding grows with every step: on random matrices of rank
    :math:`r` built as products of two thin factors, the leftover "pivots"
    after the first :math:`r` reach :math:`10^{5}\,\varepsilon\max|a_{ij}|`
    at 100 × 80, far above :func:`pivot_tolerance`, so a rank needs a margin.
    :math:`\sqrt\varepsilon` leaves room on both sides: rounding far below,
    the pivots of columns that are honestly independent far above. Columns
    within about :math:`10^{-8}` of dependent are counted as dependent; the
    SVD's :func:`mlmath.linalg.matrix_rank` is the finer judge there.
    """
    matrix = as_matrix(matrix, "matrix")
    return max(matrix.shape) * math.sqrt(_EPS) * float(np.max(np.abs(matrix)))


def _tolerance(matrix: np.ndarray, tol, default=pivot_tolerance) -> float:
    return default(matrix) if tol is None else as_real(tol, "tol", low=0.0)


def eliminate(matrix, tol: float | None = None, *, default=pivot_tolerance) -> Elimination:
    r"""Gaussian elimination with partial pivoting: :math:`PA = LU`, :math:`U` in
    row echelon form.

    Column by column, the entry of largest magnitude on or below the current
    row becomes the pivot (its row is swapped up), and multiples of the pivot
    row are subtracted from the rows below until the column is zero there. A
    column whose candidates are all at most ``tol`` has no pivot; elimination
    moves on to the next column in the same row. Book section: Linear
    Algebra, *Linear systems, the inverse and rank*.

    Parameters
    ----------
    matrix : array_like, shape (m, n)
        Finite real entries; any shape.
    tol : float, optional
        Entries this small count as zero (``tol >= 0``); by default
        ``default(matrix)``.
    default : callable, default :func:`pivot_tolerance`
        The rule for ``tol`` when it is not given (:func:`rank` passes
        :func:`rank_tolerance`).

    Returns
    -------
    Elimination
    """
    U = as_matrix(matrix, "matrix").copy()
    tol = _tolerance(U, tol, default)
    m, n = U.shape
    L, perm = np.eye(m), np.arange(m)
    pivots, swaps, row = [], 0, 0
    for col in range(n):
        if row == m:
            break
        best = row + int(np.argmax(np.abs(U[row:, col])))  # first of equal sizes
        if abs(U[best, col]) <= tol:
            U[row:, col] = 0.0  # no pivot here: what is left is rounding
            continue
        if best != row:  # swap rows of U, of the finished part of L, and of perm
            U[[row, best]] = U[[best, row]]
            L[[row, best], :row] = L[[best, row], :row]
            perm[[row, best]] = perm[[best, row]]
            swaps += 1
        for i in range(row + 1, m):
            factor = U[i, col] / U[row, col]
            L[i, row] = factor
            U[i, col:] -= factor * U[row, col:]
            U[i, col] = 0.0  # zero by construction; do not keep the rounding
        pivots.append(col)
        row += 1
    U[row:, :] = 0.0
    return Elimination(U, L, perm, tuple(pivots), swaps, tol)


def _square(matrix, name: str = "matrix") -> np.ndarray:
    matrix = as_matrix(matrix, name)
    if matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"{name} must be square (n x n) for this, got shape {matrix.shape}; "
                         "use solution_set for a system that is not square")
    return matrix


def _right_side(b, rows: int) -> np.ndarray:
    try:
        two_d = np.ndim(b) == 2
    except ValueError:  # ragged: let as_vector say what is wrong
        two_d = False
    right = as_matrix(b, "b") if two_d else as_vector(b, "b")
    if right.shape[0] != rows:
        raise ValueError(f"b must have {rows} rows, one per equation, got shape {right.shape}")
    return right


def solve(matrix, b, tol: float | None = None) -> np.ndarray:
    r"""The solution :math:`\mathbf x` of :math:`A\mathbf x = \mathbf b`, for square invertible :math:`A`.

    Eliminate (:math:`PA = LU`), then solve :math:`L\mathbf y = P\mathbf b`
    from the top (forward substitution) and :math:`U\mathbf x = \mathbf y`
    from the bottom (back substitution):

    .. math:: x_i = \Bigl(y_i - \sum_{j > i} u_{ij} x_j\Bigr) / u_{ii}.

    Book section: Linear Algebra, *Linear systems, the inverse and rank*.

    Parameters
    ----------
    matrix : array_like, shape (n, n)
    b : array_like, shape (n,) or (n, k)
        One right-hand side, or ``k`` of them as columns.
    tol : float, optional
        As in :func:`eliminate`.

    Raises
    ------
    ValueError
        If ``matrix`` is not square or is singular (fewer than ``n`` pivots:
        no solution, or infinitely many; :func:`solution_set` says which), or
        ``b`` has the wrong number of rows; or any entry is NaN or infinite.
    """
    A = _square(matrix)
    right = _right_side(b, A.shape[0])
    steps = eliminate(A, tol)
    n = A.shape[0]
    if len(steps.pivots) < n:
        raise ValueError(f"matrix is singular (rank {len(steps.pivots)} < {n}): the system "
                         "has no solution or infinitely many; use solution_set")
    y = right[steps.perm].copy()
    for i in range(n):  # forward: L y = P b
        y[i] = y[i] - steps.L[i, :i] @ y[:i]
    x = np.empty_like(y)
    for i in reversed(range(n)):  # back: U x = y
        x[i] = (y[i] - steps.U[i, i + 1:] @ x[i + 1:]) / steps.U[i, i]
    return x


def _back_substitute(U: np.ndarray, pivots: tuple, y: np.ndarray, n: int) -> np.ndarray:
    """The x with U x = y whose non-pivot (free) components are those already in it."""
    x = y
    for i in reversed(range(len(pivots))):
        p = pivots[i]
        x[p] = (x[p] - U[i, p + 1:] @ x[p + 1:]) / U[i, p]
    return x


def null_space(matrix, tol: float | None = None) -> np.ndarray:
    r"""A basis of the null space :math:`\{\mathbf x : A\mathbf x = \mathbf 0\}`, as columns.

    One basis vector per free (non-pivot) column :math:`f` of the echelon form:
    set :math:`x_f = 1`, the other free components to 0, and back-substitute
    for the pivot components. By rank–nullity there are
    :math:`n - \operatorname{rank} A` of them. The basis is not orthonormal
    (SciPy's ``null_space`` returns an orthonormal one of the same space).
    Pivots at most ``tol`` (by default :func:`rank_tolerance`) count as zero,
    as in :func:`rank`, so the two always agree.
    Book section: Linear Algebra, *Linear systems, the inverse and rank*.

    Returns
    -------
    numpy.ndarray, shape (n, n - rank)
    """
    steps = eliminate(matrix, tol, default=rank_tolerance)
    n = steps.U.shape[1]
    free = [j for j in range(n) if j not in steps.pivots]
    basis = np.zeros((n, len(free)))
    for k, f in enumerate(free):
        x = np.zeros(n)
        x[f] = 1.0
        basis[:, k] = _back_substitute(steps.U, steps.pivots, x, n)
    return basis + 0.0  # -0.0 (from 0 divided by a negative pivot) printed as 0


def solution_set(matrix, b, tol: float | None = None) -> SolutionSet:
    r"""Every solution of :math:`A\mathbf x = \mathbf b`, for any :math:`m \times n` matrix.

    Eliminates the augmented matrix :math:`[A \mid \mathbf b]`. A pivot in its
    last column means a row :math:`0 = c \ne 0`: no solution
    (:math:`\operatorname{rank}[A \mid \mathbf b] > \operatorname{rank} A`).
    Otherwise the free variables are set to 0 and the pivot variables found by
    back substitution; adding any vector of the null space gives every other
    solution. ``tol`` applies to the augmented matrix (by default
    :func:`rank_tolerance` of it). Book section: Linear Algebra, *Linear
    systems, the inverse and rank*.

    Parameters
    ----------
    matrix : array_like, shape (m, n)
    b : array_like, shape (m,)

    Returns
    -------
    SolutionSet
    """
    A = as_matrix(matrix, "matrix")
    right = as_vector(b, "b")
    if right.size != A.shape[0]:
        raise ValueError(f"b must have {A.shape[0]} components, one per row of matrix, "
                         f"got {right.size}")
    m, n = A.shape
    steps = eliminate(np.column_stack([A, right]), tol, default=rank_tolerance)
    pivots = tuple(p for p in steps.pivots if p < n)
    basis = null_space(A, steps.tol)
    if len(pivots) < len(steps.pivots):
        return SolutionSet(None, basis, len(pivots), len(steps.pivots))
    x = np.zeros(n)
    for i, p in enumerate(pivots):
        x[p] = steps.U[i, n]
    x = _back_substitute(steps.U[:, :n], pivots, x, n)
    return SolutionSet(x, basis, len(pivots), len(pivots))


def rank(matrix, tol: float | None = None) -> int:
    r"""The rank of a matrix: the number of pivots elimination finds.

    Counts pivots larger than ``tol`` (by default :func:`rank_tolerance`,
    which explains the choice).
    For ordinary matrices it agrees with the SVD's count
    (:func:`mlmath.linalg.matrix_rank`); for nearly dependent columns,
    elimination can keep a pivot that is only rounding grown large, and the
    SVD is the reliable judge. Book section: Linear Algebra, *Linear systems,
    the inverse and rank*.
    """
    return len(eliminate(matrix, tol, default=rank_tolerance).pivots)


def det(matrix) -> float:
    r"""The determinant, from elimination: the product of the pivots, signed by the swaps.

    .. math:: \det A = (-1)^{s} \, u_{11} u_{22} \cdots u_{nn}

    where :math:`s` is the number of row exchanges: subtracting a multiple of
    one row from another leaves the determinant alone, and each exchange flips
    its sign. Elimination here uses ``tol = 0``, so only an exactly zero
    column of candidates makes the determinant exactly 0; rounding can leave
    a singular matrix a determinant like ``1e-16``. Book section: Linear
    Algebra, *Linear systems, the inverse and rank*.
    """
    A = _square(matrix)
    steps = eliminate(A, tol=0.0)
    if len(steps.pivots) < A.shape[0]:
        return 0.0
    sign = -1.0 if steps.swaps % 2 else 1.0
    return float(sign * np.prod(np.diag(steps.U)))


def inverse(matrix, tol: float | None = None) -> np.ndarray:
    r"""The inverse :math:`A^{-1}`, column by column: :math:`A\mathbf x_j = \mathbf e_j`.

    Solves the :math:`n` systems with the columns of :math:`I` as right-hand
    sides (one elimination, :func:`solve`). Book section: Linear Algebra,
    *Linear systems, the inverse and rank*.

    Raises
    ------
    ValueError
        If ``matrix`` is not square, or is singular (it has no inverse).
    """
    A = _square(matrix)
    try:
        return solve(A, np.eye(A.shape[0]), tol)
    except ValueError as error:
        raise ValueError(f"{error}; a singular matrix has no inverse") from None


def condition_number(matrix) -> float:
    r"""The condition number :math:`\kappa(A) = \sigma_1 / \sigma_n` of a square matrix.

    The ratio of the largest to the smallest singular value: how much a
    relative change in :math:`\mathbf b` can be magnified in the solution of
    :math:`A\mathbf x = \mathbf b`. A solve in float64 loses about
    :math:`\log_{10}\kappa(A)` of its 16 significant digits. ``inf`` for a
    singular matrix. Book section: Linear Algebra, *Linear systems, the
    inverse and rank*.
    """
    A = _square(matrix)
    s = np.linalg.svd(A, compute_uv=False)
    return float(s[0] / s[-1]) if s[-1] > 0 else float("inf")
