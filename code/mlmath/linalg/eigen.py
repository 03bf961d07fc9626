"""Eigenvalues and eigenvectors (chapter ``chapters/linear-algebra/eigenvectors.md``).

Two algorithms, both from scratch:

:func:`eigen_2x2`
    the eigenvalues of a 2x2 matrix as the roots of its characteristic
    polynomial, and an eigenvector for each real one. The three possible cases
    (two distinct real eigenvalues, one repeated, a complex pair) are reported
    by name, never as NaN.
:func:`symmetric_eigen`
    every eigenvalue and an orthonormal set of eigenvectors of a symmetric
    matrix of any size, by cyclic Jacobi rotations; principal component
    analysis (:mod:`mlmath.linalg.pca`) uses it on covariance matrices.
    :func:`jacobi_rotation` exposes one rotation, for the chapter to show.

The tests check both against :func:`numpy.linalg.eig` and
:func:`numpy.linalg.eigh`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from mlmath._validate import as_int, as_matrix

__all__ = [
    "Eigen2x2",
    "EigenDecomposition",
    "eigen_2x2",
    "symmetric_eigen",
    "jacobi_rotation",
]

#: Machine epsilon of float64: the relative size of one rounding error.
_EPS = float(np.finfo(float).eps)

#: A discriminant this small, relative to the terms it is computed from, is
#: zero up to rounding: the eigenvalue is repeated. ``linear_transformation.js``
#: uses the same rule.
REPEATED_TOLERANCE = 8 * _EPS


@dataclass(frozen=True)
class Eigen2x2:
    """The eigenvalues and eigenvectors of a 2x2 matrix, case by case.

    Attributes
    ----------
    kind : {"distinct", "repeated", "complex"}
        ``"distinct"``: two different real eigenvalues, each with its own line
        of eigenvectors. ``"repeated"``: one real eigenvalue counted twice;
        either a single line of eigenvectors (a shear, say) or, when the
        matrix is :math:`\\lambda I`, every nonzero vector. ``"complex"``: a
        pair :math:`\\alpha \\pm i\\beta` with :math:`\\beta > 0`, and no real
        eigenvector: the matrix turns every direction.
    eigenvalues : tuple of two floats, or of two complex numbers
        Real kinds: largest first (a repeated value appears twice). Complex:
        :math:`\\alpha + i\\beta` first, then its conjugate.
    eigenvectors : numpy.ndarray, shape (2, k)
        Unit eigenvectors as columns, matching ``eigenvalues``: ``k = 2`` for
        ``"distinct"``; ``k = 1`` for a repeated eigenvalue with a single line;
        ``k = 2`` (the columns of the identity) when ``every_vector``; ``k = 0``
        for ``"complex"``. Each is signed so that its largest component (the
        first, on a tie) is positive.
    every_vector : bool
        True when the matrix is :math:`\\lambda I`, so that every nonzero
        vector is an eigenvector.
    trace, determinant, discriminant : float
        :math:`\\operatorname{tr} A = a + d`, :math:`\\det A = ad - bc` and
        :math:`(\\operatorname{tr} A)^2 - 4\\det A`, computed as
        :math:`(a - d)^2 + 4bc`.
    """

    kind: str
    eigenvalues: tuple
    eigenvectors: np.ndarray
    every_vector: bool
    trace: float
    determinant: float
    discriminant: float


def _unit_with_sign(x: float, y: float) -> tuple[float, float]:
    """``(x, y)`` scaled to length 1, its larger component made positive.

    Dividing by the larger magnitude first keeps ``x*x + y*y`` from
    overflowing; the sign rule makes the answer unique (scikit-learn's PCA
    signs its components the same way).
    """
    largest = max(abs(x), abs(y))
    x, y = x / largest, y / largest
    length = math.sqrt(x * x + y * y)
    x, y = x / length, y / length
    if (x if abs(x) >= abs(y) else y) < 0:
        x, y = -x, -y
    return x + 0.0, y + 0.0  # + 0.0 turns -0.0 into 0.0


def _eigenvector_2x2(a: float, b: float, c: float, d: float, lam: float):
    """A unit vector ``v`` with ``(A - lam I) v = 0``.

    Each row of :math:`A - \\lambda I` is perpendicular to ``v``, so turning
    a row by 90 degrees gives ``v``. The longer of the two turned rows is used:
    it carries the least relative rounding error.
    """
    from_first_row = (b, lam - a)
    from_second_row = (lam - d, c)
    first = from_first_row[0] * from_first_row[0] + from_first_row[1] * from_first_row[1]
    second = from_second_row[0] * from_second_row[0] + from_second_row[1] * from_second_row[1]
    return _unit_with_sign(*(from_first_row if first >= second else from_second_row))


def eigen_2x2(matrix) -> Eigen2x2:
    r"""Eigenvalues and eigenvectors of a 2x2 matrix from its characteristic polynomial.

    For :math:`A = \begin{bmatrix} a & b \\ c & d \end{bmatrix}` the
    eigenvalues are the roots of

    .. math::

        \det(A - \lambda I) = \lambda^2 - (\operatorname{tr} A)\,\lambda + \det A = 0,
        \qquad
        \lambda_{1,2} = \frac{\operatorname{tr} A \pm \sqrt{\Delta}}{2},
        \quad \Delta = (\operatorname{tr} A)^2 - 4 \det A = (a - d)^2 + 4bc .

    The sign of :math:`\Delta` decides the case: two real eigenvalues
    (:math:`\Delta > 0`), one repeated (:math:`\Delta = 0`, up to rounding) or
    a complex-conjugate pair (:math:`\Delta < 0`). The root of larger magnitude
    comes from the formula; the other is :math:`\det A / \lambda_1`, which
    avoids subtracting two nearly equal numbers. An eigenvector for a real
    :math:`\lambda` is a nonzero solution of :math:`(A - \lambda I)\mathbf v = \mathbf 0`.
    Book section: Linear Algebra, *Eigenvalues and eigenvectors*.

    Parameters
    ----------
    matrix : array_like, shape (2, 2)
        Finite real entries ``[[a, b], [c, d]]``.

    Returns
    -------
    Eigen2x2
        The case, the eigenvalues, unit eigenvectors and the trace,
        determinant and discriminant.

    Raises
    ------
    ValueError
        If ``matrix`` is not a finite 2x2 array.
    """
    matrix = as_matrix(matrix, "matrix", square=True)
    if matrix.shape != (2, 2):
        raise ValueError(f"matrix must be 2x2, got shape {matrix.shape}")
    largest = float(np.max(np.abs(matrix)))
    if largest == 0:
        return Eigen2x2("repeated", (0.0, 0.0), np.eye(2), True, 0.0, 0.0, 0.0)
    # Work on A / 2^k with entries in (-1, 1]: products cannot overflow, and
    # dividing by a power of two is exact, so the answer is that of A itself,
    # rescaled. (linear_transformation.js, whose entries come from sliders,
    # skips this step and gets the same bits.)
    scale = math.ldexp(1.0, math.frexp(largest)[1])
    eigen = _eigen_2x2_scaled(*(float(entry) / scale for entry in matrix.ravel()))
    return Eigen2x2(
        eigen.kind,
        tuple(value * scale for value in eigen.eigenvalues),
        eigen.eigenvectors,
        eigen.every_vector,
        eigen.trace * scale,
        eigen.determinant * scale * scale,
        eigen.discriminant * scale * scale,
    )


def _eigen_2x2_scaled(a: float, b: float, c: float, d: float) -> Eigen2x2:
    """:func:`eigen_2x2` for the matrix ``[[a, b], [c, d]]``, entries at most 1 in size."""
    trace = a + d
    determinant = a * d - b * c
    # (a - d)^2 + 4bc equals tr^2 - 4 det but cancels less.
    discriminant = (a - d) * (a - d) + 4 * b * c
    scale = (a - d) * (a - d) + 4 * abs(b * c)

    if abs(discriminant) <= REPEATED_TOLERANCE * scale:
        lam = trace / 2
        residual = max(abs(a - lam), abs(b), abs(c), abs(d - lam))
        every_vector = residual <= REPEATED_TOLERANCE * max(abs(a), abs(b), abs(c), abs(d))
        if every_vector:
            vectors = np.eye(2)
        else:
            vectors = np.array([_eigenvector_2x2(a, b, c, d, lam)]).T
        return Eigen2x2("repeated", (lam, lam), vectors, every_vector,
                        trace, determinant, 0.0)

    if discriminant < 0:
        alpha = trace / 2
        beta = math.sqrt(-discriminant) / 2
        return Eigen2x2("complex", (complex(alpha, beta), complex(alpha, -beta)),
                        np.zeros((2, 0)), False, trace, determinant, discriminant)

    root = math.sqrt(discriminant)
    larger_magnitude = (trace + root) / 2 if trace >= 0 else (trace - root) / 2
    other = determinant / larger_magnitude
    lam1, lam2 = max(larger_magnitude, other), min(larger_magnitude, other)
    vectors = np.array([_eigenvector_2x2(a, b, c, d, lam1),
                        _eigenvector_2x2(a, b, c, d, lam2)]).T
    return Eigen2x2("distinct", (lam1, lam2), vectors, False,
                    trace, determinant, discriminant)


# -- symmetric matrices of any size: cyclic Jacobi ------------------------------------
class EigenDecomposition(NamedTuple):
    """Eigenvalues and orthonormal eigenvectors of a symmetric matrix."""

    eigenvalues: np.ndarray
    """shape (n,): largest first."""
    eigenvectors: np.ndarray
    """shape (n, n): column ``i`` is the unit eigenvector of ``eigenvalues[i]``,
    signed so that its largest-magnitude entry is positive."""


def _rotate(work: np.ndarray, vectors: np.ndarray, p: int, q: int) -> bool:
    r"""Apply the Jacobi rotation that zeroes ``work[p, q]``, in place.

    With :math:`\theta = (a_{qq} - a_{pp}) / (2a_{pq})` and
    :math:`t = \operatorname{sign}\theta / (|\theta| + \sqrt{\theta^2 + 1})`
    (the smaller root of :math:`t^2 + 2\theta t - 1 = 0`, i.e. the tangent of
    the smaller rotation angle), :math:`c = 1/\sqrt{t^2 + 1}` and
    :math:`s = tc`, the rotation :math:`J` in the :math:`(p, q)` plane makes
    :math:`(J^\top A J)_{pq} = 0`. Returns False (and does nothing) when the
    entry is already negligible next to the diagonal entries it couples.
    ``pca_explorer.js`` repeats this step for 2x2 covariance matrices.
    """
    apq = work[p, q]
    app, aqq = work[p, p], work[q, q]
    if apq == 0 or abs(apq) <= _EPS * math.sqrt(abs(app * aqq)):
        return False
    theta = (aqq - app) / (2 * apq)
    if abs(theta) > 1e150:  # theta * theta would overflow; t is then 1 / (2 theta)
        t = 1 / (2 * theta)
    else:
        t = (1.0 if theta >= 0 else -1.0) / (abs(theta) + math.sqrt(theta * theta + 1))
    c = 1 / math.sqrt(t * t + 1)
    s = t * c
    column_p, column_q = work[:, p].copy(), work[:, q].copy()
    work[:, p] = c * column_p - s * column_q
    work[:, q] = s * column_p + c * column_q
    work[p, :] = work[:, p]
    work[q, :] = work[:, q]
    work[p, p] = app - t * apq
    work[q, q] = aqq + t * apq
    work[p, q] = work[q, p] = 0.0
    vector_p, vector_q = vectors[:, p].copy(), vectors[:, q].copy()
    vectors[:, p] = c * vector_p - s * vector_q
    vectors[:, q] = s * vector_p + c * vector_q
    return True


def _as_symmetric(matrix, name: str = "matrix") -> np.ndarray:
    matrix = as_matrix(matrix, name, square=True)
    largest = float(np.max(np.abs(matrix)))
    asymmetry = float(np.max(np.abs(matrix - matrix.T)))
    if asymmetry > 1e-12 * largest:
        raise ValueError(
            f"{name} must be symmetric (equal to its transpose); its largest entry "
            f"differs from its mirror image by {asymmetry:.3g}"
        )
    # Average away rounding-level asymmetry, so both triangles agree exactly.
    return (matrix + matrix.T) / 2


def jacobi_rotation(matrix, p: int, q: int) -> tuple[np.ndarray, np.ndarray]:
    r"""One Jacobi rotation: the rotated matrix :math:`J^\top A J` and :math:`J`.

    :math:`J` turns the :math:`(p, q)` coordinate plane by the angle that
    makes entry :math:`(p, q)` of :math:`J^\top A J` zero. The rotation keeps
    the eigenvalues and moves weight from the off-diagonal entries onto the
    diagonal; :func:`symmetric_eigen` repeats it until nothing off the
    diagonal is left. Book section: Linear Algebra, *Eigenvalues and
    eigenvectors*.

    Parameters
    ----------
    matrix : array_like, shape (n, n)
        A symmetric matrix, ``n >= 2``.
    p, q : int
        Two different indices in ``[0, n)``.

    Returns
    -------
    rotated : numpy.ndarray, shape (n, n)
    rotation : numpy.ndarray, shape (n, n)
        Orthogonal: ``rotation.T @ matrix @ rotation`` equals ``rotated``.
    """
    work = _as_symmetric(matrix).copy()
    n = work.shape[0]
    if n < 2:
        raise ValueError(f"matrix must be at least 2x2 to rotate, got shape {work.shape}")
    p = as_int(p, "p", low=0, high=n - 1)
    q = as_int(q, "q", low=0, high=n - 1)
    if p == q:
        raise ValueError(f"p and q must differ, got p = q = {p}")
    rotation = np.eye(n)
    _rotate(work, rotation, min(p, q), max(p, q))
    return work, rotation


def symmetric_eigen(matrix, max_sweeps: int = 50) -> EigenDecomposition:
    r"""Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.

    A symmetric :math:`A` has real eigenvalues and orthonormal eigenvectors,
    :math:`A = V \Lambda V^\top`. The Jacobi method finds them by rotating:
    each rotation :math:`J` (see :func:`jacobi_rotation`) zeroes one
    off-diagonal pair, :math:`A \leftarrow J^\top A J`, and the product of the
    rotations collects the eigenvectors, :math:`V \leftarrow V J`. A *sweep*
    visits every pair :math:`p < q` once; the off-diagonal part shrinks
    quadratically, and after a handful of sweeps

    .. math:: V^\top A V = \Lambda = \operatorname{diag}(\lambda_1, \dots, \lambda_n).

    Book sections: Linear Algebra, *Eigenvalues and eigenvectors* and
    *Principal Component Analysis*.

    Parameters
    ----------
    matrix : array_like, shape (n, n)
        A finite symmetric matrix (asymmetry up to :math:`10^{-12}` of its
        largest entry is treated as rounding and averaged away).
    max_sweeps : int, default 50
        Give up after this many sweeps (about ten are needed in practice).

    Returns
    -------
    EigenDecomposition
        ``eigenvalues`` in decreasing order and the matching unit
        ``eigenvectors`` as columns, each signed so that its
        largest-magnitude entry is positive.

    Raises
    ------
    ValueError
        If ``matrix`` is not square, not symmetric or not finite.
    RuntimeError
        If the rotations have not converged after ``max_sweeps`` sweeps.
    """
    work = _as_symmetric(matrix).copy()
    max_sweeps = as_int(max_sweeps, "max_sweeps", low=1)
    n = work.shape[0]
    vectors = np.eye(n)
    for _ in range(max_sweeps):
        rotated = False
        for p in range(n - 1):
            for q in range(p + 1, n):
                rotated |= _rotate(work, vectors, p, q)
        if not rotated:
            break
    else:
        raise RuntimeError(f"Jacobi rotations did not converge in {max_sweeps} sweeps")

    values = np.diag(work).copy()
    order = np.argsort(-values, kind="stable")
    values, vectors = values[order], vectors[:, order]
    largest = np.argmax(np.abs(vectors), axis=0)
    signs = np.where(vectors[largest, np.arange(n)] < 0, -1.0, 1.0)
    return EigenDecomposition(values + 0.0, vectors * signs + 0.0)
