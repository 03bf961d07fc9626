"""Vectors and the operations on them (chapter ``chapters/linear-algebra/vectors.md``).

Each function is the few lines of NumPy that the book explains; the tests check
every one against ``numpy.linalg`` or a closed form.
"""

from __future__ import annotations

import numbers

import numpy as np

from mlmath._validate import as_real, as_vector, same_size

__all__ = [
    "vector_add",
    "scalar_multiply",
    "norm",
    "distance",
    "unit_vector",
]


def vector_add(a, b) -> np.ndarray:
    r"""Add two vectors component by component.

    .. math:: (\mathbf a + \mathbf b)_i = a_i + b_i

    Geometrically: walk along ``a``, then along ``b`` from where you stopped
    (tip to tail); the sum is the arrow from the start to the end.
    Book section: Linear Algebra, *Vectors*.

    Parameters
    ----------
    a, b : array_like, shape (n,)
        Vectors with the same number of components.

    Returns
    -------
    numpy.ndarray, shape (n,)
    """
    a = as_vector(a, "a")
    b = as_vector(b, "b")
    same_size(a, b, "a", "b")
    return a + b


def scalar_multiply(c, x) -> np.ndarray:
    r"""Scale every component of ``x`` by the number ``c``.

    .. math:: (c\,\mathbf x)_i = c\,x_i

    The result points along ``x`` (``c > 0``), against it (``c < 0``) or is
    the zero vector (``c = 0``); its length is ``|c|`` times that of ``x``.
    Book section: Linear Algebra, *Vectors*.

    Parameters
    ----------
    c : float
        The scalar.
    x : array_like, shape (n,)

    Returns
    -------
    numpy.ndarray, shape (n,)
    """
    c = as_real(c, "c")
    x = as_vector(x, "x")
    return c * x


def norm(x, p: float = 2) -> float:
    r"""The length of ``x`` measured by the :math:`L_p` norm.

    .. math::

        \lVert \mathbf x \rVert_p = \Bigl(\sum_{i=1}^n |x_i|^p\Bigr)^{1/p},
        \qquad
        \lVert \mathbf x \rVert_\infty = \max_i |x_i|

    ``p = 2`` is the everyday (Euclidean) length, Pythagoras in ``n``
    dimensions; ``p = 1`` sums the absolute components ("taxicab" length).
    Book section: Linear Algebra, *Vectors*.

    Parameters
    ----------
    x : array_like, shape (n,)
    p : float or ``numpy.inf``, default 2
        Which norm: any real ``p >= 1``, or ``numpy.inf`` for the max norm.
        (For ``p < 1`` the formula is not a norm: the triangle inequality
        fails.)

    Returns
    -------
    float
    """
    x = as_vector(x, "x")
    magnitudes = np.abs(x)
    if p == np.inf:
        return float(magnitudes.max())
    if isinstance(p, bool) or not isinstance(p, numbers.Real) or not p >= 1:
        raise ValueError(f"p must be a real number >= 1 or numpy.inf, got {p!r}")
    # Divide by the largest magnitude first: squaring 1e200 overflows to inf even
    # though the length itself is a perfectly ordinary float.
    largest = magnitudes.max()
    if largest == 0:
        return 0.0
    scaled = magnitudes / largest
    return float(largest * np.sum(scaled**p) ** (1 / p))


def distance(a, b, p: float = 2) -> float:
    r"""The distance between points ``a`` and ``b``: the norm of ``a - b``.

    .. math:: d_p(\mathbf a, \mathbf b) = \lVert \mathbf a - \mathbf b \rVert_p

    Book section: Linear Algebra, *Vectors*.
    """
    a = as_vector(a, "a")
    b = as_vector(b, "b")
    same_size(a, b, "a", "b")
    return norm(a - b, p)


def unit_vector(x) -> np.ndarray:
    r"""The vector of length 1 pointing the same way as ``x``.

    .. math:: \hat{\mathbf x} = \mathbf x / \lVert \mathbf x \rVert_2

    Book section: Linear Algebra, *Vectors*.

    Raises
    ------
    ValueError
        If ``x`` is the zero vector, which points nowhere.
    """
    x = as_vector(x, "x")
    length = norm(x)
    if length == 0:
        raise ValueError("x must be a nonzero vector: the zero vector has no direction")
    return x / length
