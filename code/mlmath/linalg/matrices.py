"""Matrices and their product (chapters ``chapters/linear-algebra/matrices.md``
and ``chapters/linear-algebra/matrix-multiplication.md``).

Each function is the few lines of NumPy that the book explains, written from
the definition rather than with ``@``; the tests check every one against
NumPy's own ``@``, ``.T`` and ``numpy.eye``.
"""

from __future__ import annotations

import numpy as np

from mlmath._validate import as_int, as_matrix, as_vector

__all__ = [
    "as_matrix",
    "transpose",
    "identity",
    "matrix_multiply",
    "product_terms",
    "matrix_vector_multiply",
    "transform_points",
    "dense_layer",
]


def _check_inner_sizes(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    """The shape rule of the product: columns of ``a`` = rows of ``b``."""
    if a.shape[1] != b.shape[0]:
        raise ValueError(
            f"{name_a} has shape {a.shape} and {name_b} has shape {b.shape}: the product "
            f"{name_a} {name_b} needs as many columns in {name_a} as rows in {name_b} "
            f"({a.shape[1]} != {b.shape[0]})"
        )


def transpose(a) -> np.ndarray:
    r"""The transpose of ``a``: its rows become columns.

    .. math:: (A^\top)_{ij} = a_{ji}

    An :math:`m \times n` matrix has an :math:`n \times m` transpose; a data
    table with one row per house becomes one with one row per feature.
    Book section: Linear Algebra, *Matrices*.

    Parameters
    ----------
    a : array_like, shape (m, n)

    Returns
    -------
    numpy.ndarray, shape (n, m)
    """
    a = as_matrix(a, "a")
    rows, columns = a.shape
    result = np.empty((columns, rows))
    for j in range(columns):
        result[j, :] = a[:, j]  # column j of A is row j of A transposed
    return result


def identity(n) -> np.ndarray:
    r"""The :math:`n \times n` identity matrix: ones on the diagonal, zeros elsewhere.

    .. math:: (I_n)_{ij} = \delta_{ij} = \begin{cases} 1 & i = j \\ 0 & i \ne j \end{cases}

    Multiplying by it changes nothing: :math:`I_m A = A = A I_n`.
    Book section: Linear Algebra, *Matrices*.

    Parameters
    ----------
    n : int, >= 1

    Returns
    -------
    numpy.ndarray, shape (n, n)
    """
    n = as_int(n, "n", low=1)
    result = np.zeros((n, n))
    for i in range(n):
        result[i, i] = 1.0
    return result


def matrix_multiply(a, b) -> np.ndarray:
    r"""The matrix product :math:`C = AB`.

    .. math:: c_{ij} = \sum_{k=1}^{n} a_{ik}\, b_{kj},
              \qquad A \in \mathbb R^{m\times n},\ B \in \mathbb R^{n\times p},\
              C \in \mathbb R^{m\times p}

    Entry :math:`c_{ij}` pairs row :math:`i` of ``a`` with column :math:`j`
    of ``b``, so the product exists only when ``a`` has as many columns as
    ``b`` has rows. The sum over :math:`k` runs in order, one term per pass,
    for every :math:`(i, j)` at once.
    Book section: Linear Algebra, *Matrix multiplication*.

    Parameters
    ----------
    a : array_like, shape (m, n)
    b : array_like, shape (n, p)

    Returns
    -------
    numpy.ndarray, shape (m, p)

    Raises
    ------
    ValueError
        If the shapes do not fit (the message gives both shapes and the rule).
    """
    a = as_matrix(a, "a")
    b = as_matrix(b, "b")
    _check_inner_sizes(a, b, "a", "b")
    product = np.zeros((a.shape[0], b.shape[1]))
    for k in range(a.shape[1]):
        # term k of every sum: a_ik * b_kj for all i (rows) and j (columns)
        product += a[:, k, np.newaxis] * b[np.newaxis, k, :]
    return product


def product_terms(a, b, i, j) -> np.ndarray:
    r"""The products whose sum is entry ``(i, j)`` of :math:`AB`.

    .. math:: \bigl(a_{i1}b_{1j},\ a_{i2}b_{2j},\ \dots,\ a_{in}b_{nj}\bigr)

    Row ``i`` of ``a`` times column ``j`` of ``b``, entry by entry; their sum
    is ``matrix_multiply(a, b)[i, j]``. Indices count from 0, as in NumPy:
    ``i = 0`` is the book's :math:`c_{1j}`.
    Book section: Linear Algebra, *Matrix multiplication*.

    Parameters
    ----------
    a : array_like, shape (m, n)
    b : array_like, shape (n, p)
    i : int, 0 <= i < m
    j : int, 0 <= j < p

    Returns
    -------
    numpy.ndarray, shape (n,)
    """
    a = as_matrix(a, "a")
    b = as_matrix(b, "b")
    _check_inner_sizes(a, b, "a", "b")
    i = as_int(i, "i", low=0, high=a.shape[0] - 1)
    j = as_int(j, "j", low=0, high=b.shape[1] - 1)
    return a[i, :] * b[:, j]


def matrix_vector_multiply(a, x) -> np.ndarray:
    r"""The vector :math:`A\mathbf x`: a combination of the columns of ``a``.

    .. math:: (A\mathbf x)_i = \sum_{j=1}^{n} a_{ij} x_j,
              \qquad A\mathbf x = x_1\,\mathbf a_{:1} + x_2\,\mathbf a_{:2}
              + \dots + x_n\,\mathbf a_{:n}

    Read by rows, each entry is a sum of products; read by columns, the
    result is the linear combination of the columns of ``a`` with weights
    ``x``. This function computes it the second way.
    Book section: Linear Algebra, *Matrix multiplication*.

    Parameters
    ----------
    a : array_like, shape (m, n)
    x : array_like, shape (n,)

    Returns
    -------
    numpy.ndarray, shape (m,)
    """
    a = as_matrix(a, "a")
    x = as_vector(x, "x")
    if a.shape[1] != x.size:
        raise ValueError(
            f"a has shape {a.shape} and x has {x.size} components: the product a x "
            f"needs as many columns in a as components in x ({a.shape[1]} != {x.size})"
        )
    result = np.zeros(a.shape[0])
    for j in range(a.shape[1]):
        result += x[j] * a[:, j]
    return result


def transform_points(a, points) -> np.ndarray:
    r"""Apply the linear map :math:`\mathbf x \mapsto A\mathbf x` to many points.

    Each row of ``points`` is one point :math:`\mathbf x_r`; row :math:`r`
    of the result is :math:`A\mathbf x_r`. With the points stacked as the
    rows of :math:`X`, that is

    .. math:: (A X^\top)^\top = X A^\top .

    Book section: Linear Algebra, *Matrix multiplication* (the unit square
    mapped by a matrix).

    Parameters
    ----------
    a : array_like, shape (m, n)
    points : array_like, shape (k, n)

    Returns
    -------
    numpy.ndarray, shape (k, m)
    """
    a = as_matrix(a, "a")
    points = as_matrix(points, "points")
    if points.shape[1] != a.shape[1]:
        raise ValueError(
            f"points has shape {points.shape} and a has shape {a.shape}: each point needs "
            f"one coordinate per column of a ({points.shape[1]} != {a.shape[1]})"
        )
    return matrix_multiply(points, transpose(a))


def dense_layer(x, weights, bias) -> np.ndarray:
    r"""A dense (fully connected) neural-network layer, before its activation.

    .. math:: Z = XW + \mathbf 1\mathbf b^\top,
              \qquad z_{rj} = \sum_{k=1}^{d} x_{rk} w_{kj} + b_j

    Row :math:`r` of ``x`` is one input (a batch of :math:`N` inputs with
    :math:`d` features each); column :math:`j` of ``weights`` holds the
    weights of output unit :math:`j`, and ``bias[j]`` is added to every row.
    Book section: Linear Algebra, *Matrix multiplication*.

    Parameters
    ----------
    x : array_like, shape (N, d)
    weights : array_like, shape (d, h)
    bias : array_like, shape (h,)

    Returns
    -------
    numpy.ndarray, shape (N, h)
    """
    x = as_matrix(x, "x")
    weights = as_matrix(weights, "weights")
    bias = as_vector(bias, "bias")
    _check_inner_sizes(x, weights, "x", "weights")
    if bias.size != weights.shape[1]:
        raise ValueError(
            f"bias must have one entry per column of weights ({weights.shape[1]}), "
            f"got {bias.size}"
        )
    return matrix_multiply(x, weights) + bias[np.newaxis, :]
