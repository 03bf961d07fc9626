"""Curvature: Hessians and the test surfaces of gradient descent
(chapter *Gradient descent*, ``chapters/calculus/gradient-descent.md``).

The Hessian of :math:`f:\\mathbb R^n \\to \\mathbb R` is the matrix of its
second partial derivatives, :math:`H_{jk} = \\partial^2 f / \\partial x_j
\\partial x_k`: the Jacobian of the gradient. Its eigenvalues are the
curvatures of ``f`` along its eigenvectors, which decide how large a step
gradient descent can take. This module estimates a Hessian by central
differences of the gradient and gives the exact Hessians of the chapter's
surfaces: the quadratic bowl and Rosenbrock's valley (whose values and
gradients are in :mod:`mlmath.calculus.gradients`), and a tilted double well
with two minima, the chapter's example of a function that is not convex.
"""

from __future__ import annotations

import numpy as np

from mlmath._validate import as_real, as_vector
from mlmath.calculus.gradients import DEFAULT_STEP, _bowl_arguments, _callable

__all__ = [
    "DOUBLE_WELL_TILT",
    "bowl_hessian",
    "double_well",
    "double_well_gradient",
    "double_well_hessian",
    "double_well_minima",
    "numerical_hessian",
    "rosenbrock_hessian",
]

#: The tilt of the chapter's double well: enough to make one well deeper than
#: the other, small enough to keep both.
DOUBLE_WELL_TILT = 0.5


def numerical_hessian(grad, x, h: float = DEFAULT_STEP) -> np.ndarray:
    """Estimate the Hessian at ``x`` by central differences of the gradient.

    Column ``k`` is how the gradient changes along the ``k``-th coordinate,

    .. math::

       H_{:,k} \\approx \\frac{\\nabla f(\\mathbf x + h\\,\\mathbf e_k)
       - \\nabla f(\\mathbf x - h\\,\\mathbf e_k)}{2h},

    with an error of order :math:`h^2`. The true Hessian of a smooth ``f`` is
    symmetric; the estimate is symmetrised, :math:`(H + H^\\top)/2`, which
    keeps its accuracy and removes the rounding that makes the two halves
    differ. Book section: Calculus, *Gradient descent*.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient, an array with the shape of ``x``.
    x : array_like, shape (n,)
        The point, finite.
    h : float, default 1e-5
        The step, ``h > 0``.

    Returns
    -------
    numpy.ndarray, shape (n, n)
        The symmetric estimate (2n evaluations of ``grad``).

    Raises
    ------
    ValueError
        If ``grad`` is not callable or returns an array of another shape than
        ``x``, ``x`` is not a finite vector, or ``h`` is not a finite number
        above 0.
    """
    grad = _callable(grad, "grad")
    x = as_vector(x, "x")
    h = as_real(h, "h", low=0.0, low_inclusive=False)
    n = x.size
    columns = np.empty((n, n))
    for k in range(n):
        step = np.zeros(n)
        step[k] = h
        columns[:, k] = (_gradient(grad, x + step) - _gradient(grad, x - step)) / (2 * h)
    return (columns + columns.T) / 2


def _gradient(grad, x: np.ndarray) -> np.ndarray:
    value = np.asarray(grad(x), dtype=float)
    if value.shape != x.shape:
        raise ValueError(f"grad must return an array with the shape of x, {x.shape}, "
                         f"got shape {value.shape}")
    return value


def bowl_hessian(x, A) -> np.ndarray:
    """The Hessian of the bowl ``½ xᵀ A x``: ``A`` itself, at every ``x``."""
    _, A = _bowl_arguments(x, A)
    return A.copy()


def rosenbrock_hessian(x, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    """The Hessian of :func:`~mlmath.calculus.rosenbrock`, differentiating its gradient:
    ``[[2 − 4b(x₂ − 3x₁²), −4b x₁], [−4b x₁, 2b]]``."""
    x1, x2 = as_vector(x, "x", size=2)
    return np.array([[2 - 4 * b * (x2 - 3 * x1 * x1), -4 * b * x1],
                     [-4 * b * x1, 2 * b]])


def double_well(x, tilt: float = DOUBLE_WELL_TILT) -> float:
    """A tilted double well, ``f(x₁, x₂) = (x₁² − 1)² + tilt·x₁ + x₂²``.

    Two valleys, near ``x₁ = −1`` and ``x₁ = 1`` on the line ``x₂ = 0``, and
    a ridge between them; a positive ``tilt`` makes the left valley the deeper
    one (the global minimum) and the right one a local minimum only, as long
    as ``|tilt| < 8 / (3√3) ≈ 1.54`` (beyond that the shallow valley
    disappears). Not convex: its Hessian has a negative eigenvalue for
    ``|x₁| < 1/√3``. Book section: Calculus, *Gradient descent*.
    """
    x1, x2 = as_vector(x, "x", size=2)
    tilt = as_real(tilt, "tilt")
    return float((x1 * x1 - 1) ** 2 + tilt * x1 + x2 * x2)


def double_well_gradient(x, tilt: float = DOUBLE_WELL_TILT) -> np.ndarray:
    """The gradient of :func:`double_well`, ``(4x₁(x₁² − 1) + tilt, 2x₂)``."""
    x1, x2 = as_vector(x, "x", size=2)
    tilt = as_real(tilt, "tilt")
    return np.array([4 * x1 * (x1 * x1 - 1) + tilt, 2 * x2])


def double_well_hessian(x, tilt: float = DOUBLE_WELL_TILT) -> np.ndarray:
    """The Hessian of :func:`double_well`, ``diag(12x₁² − 4, 2)`` (the tilt drops out)."""
    x1, _ = as_vector(x, "x", size=2)
    as_real(tilt, "tilt")
    return np.array([[12 * x1 * x1 - 4, 0.0], [0.0, 2.0]])


def double_well_minima(tilt: float = DOUBLE_WELL_TILT) -> np.ndarray:
    """The two minima of :func:`double_well`, as rows ``(x₁, 0)``, the deeper one first.

    They are the outer two roots of the cubic ``4x₁³ − 4x₁ + tilt = 0`` (where
    the gradient's first component vanishes); the middle root is the top of
    the ridge between them.

    Raises
    ------
    ValueError
        If ``tilt`` is not a finite number with ``|tilt| < 8 / (3√3)`` (with a
        larger tilt the cubic has one real root and there is one minimum).
    """
    tilt = as_real(tilt, "tilt")
    limit = 8 / (3 * np.sqrt(3))
    if abs(tilt) >= limit:
        raise ValueError(f"tilt must be between −{limit:.4f} and {limit:.4f} for two minima, "
                         f"got {tilt}")
    roots = np.sort(np.roots([4.0, 0.0, -4.0, tilt]).real)
    outer = [roots[0], roots[2]]
    outer.sort(key=lambda r: double_well([r, 0.0], tilt))
    return np.array([[r, 0.0] for r in outer])
