"""Gradients from scratch (chapter *Gradients*, ``chapters/calculus/gradients.md``).

The gradient of :math:`f:\\mathbb R^n \\to \\mathbb R` collects its partial
derivatives, :math:`\\nabla f(\\mathbf x) = (\\partial f/\\partial x_1, \\dots,
\\partial f/\\partial x_n)^\\top`, and has the shape of :math:`\\mathbf x` (a
gradient has the shape of the parameters). This module estimates it by
central differences, turns it into directional derivatives, and checks an
analytic gradient against the estimate by a relative error: the check every
analytic gradient in the package is tested with.
"""

from __future__ import annotations

import numpy as np

from mlmath._validate import as_matrix, as_real, as_vector

__all__ = [
    "GRADIENT_CHECK_TOLERANCE",
    "bowl",
    "bowl_gradient",
    "directional_derivative",
    "gradient_check",
    "numerical_gradient",
    "rosenbrock",
    "rosenbrock_gradient",
]

#: The relative error below which :func:`gradient_check` counts an analytic
#: gradient as right. Central differences with the default step are accurate
#: to about ``1e-10`` relative on smooth, well-scaled functions; a wrong
#: gradient (a dropped factor, a sign, a swapped component) gives errors of
#: order ``1e-1`` to ``1``. ``1e-6`` sits far from both.
GRADIENT_CHECK_TOLERANCE = 1e-6
#: The default step of :func:`numerical_gradient`: near the cube root of the
#: machine epsilon, where truncation error (order h²) and round-off (order
#: ε/h) of a central difference balance.
DEFAULT_STEP = 1e-5
_TINY = 1e-300


def _callable(f, name: str):
    if not callable(f):
        raise ValueError(f"{name} must be a callable function, got {f!r}")
    return f


def _step(h) -> float:
    # as_real refuses NaN, inf and booleans; low_inclusive=False refuses 0.
    return as_real(h, "h", low=0.0, low_inclusive=False)


def _value(f, x: np.ndarray) -> float:
    value = np.asarray(f(x), dtype=float)
    if value.shape not in ((), (1,)):
        raise ValueError(
            f"f must return a single number (a scalar), got an array of shape {value.shape}")
    return float(value.reshape(()))


def numerical_gradient(f, x, h: float = DEFAULT_STEP) -> np.ndarray:
    """Estimate the gradient of ``f`` at ``x`` by central differences.

    Each partial derivative is the central difference along one coordinate,

    .. math::

       \\frac{\\partial f}{\\partial x_j}(\\mathbf x) \\approx
       \\frac{f(\\mathbf x + h\\,\\mathbf e_j) - f(\\mathbf x - h\\,\\mathbf e_j)}{2h},

    with an error of order :math:`h^2` for a smooth ``f``. Book section:
    Calculus, *Gradients*.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a real number for a vector ``x`` of shape ``(n,)``.
    x : array_like, shape (n,)
        The point, finite.
    h : float, default 1e-5
        The step, ``h > 0``.

    Returns
    -------
    numpy.ndarray, shape (n,)
        The estimate, with the shape of ``x`` (2n evaluations of ``f``).

    Raises
    ------
    ValueError
        If ``f`` is not callable or returns more than one number, ``x`` is
        not a finite vector, or ``h`` is not a finite number above 0.
    """
    f = _callable(f, "f")
    x = as_vector(x, "x")
    h = _step(h)
    gradient = np.empty_like(x)
    for j in range(x.size):
        step = np.zeros_like(x)
        step[j] = h
        gradient[j] = (_value(f, x + step) - _value(f, x - step)) / (2 * h)
    return gradient


def directional_derivative(grad, u) -> float:
    """The rate of change of ``f`` along the unit vector ``u``: ``∇f · u``.

    .. math:: D_{\\mathbf u} f(\\mathbf x) = \\nabla f(\\mathbf x) \\cdot \\mathbf u .

    ``u`` is scaled to length 1 first, so only its direction matters. Book
    section: Calculus, *Gradients*.

    Parameters
    ----------
    grad : array_like, shape (n,)
        The gradient :math:`\\nabla f(\\mathbf x)`, finite.
    u : array_like, shape (n,)
        The direction, nonzero and finite.

    Raises
    ------
    ValueError
        If either is not a finite vector, their sizes differ, or ``u`` has
        zero length (it points in no direction).
    """
    grad = as_vector(grad, "grad")
    u = as_vector(u, "u", size=grad.size)
    length = np.linalg.norm(u)
    if length == 0:
        raise ValueError("u must have nonzero length (a direction), got the zero vector")
    return float(grad @ (u / length))


def gradient_check(f, grad, x, h: float = DEFAULT_STEP) -> float:
    """Relative error between an analytic gradient and central differences.

    .. math::

       \\text{error} = \\frac{\\lVert \\mathbf g - \\hat{\\mathbf g} \\rVert}
       {\\max(\\lVert \\mathbf g \\rVert + \\lVert \\hat{\\mathbf g} \\rVert,\\ 10^{-300})},

    where :math:`\\mathbf g` is ``grad(x)`` and :math:`\\hat{\\mathbf g}` is
    :func:`numerical_gradient`. The error lies in ``[0, 1]``; below
    :data:`GRADIENT_CHECK_TOLERANCE` (``1e-6``) the analytic gradient is
    taken as right. The floor in the denominator makes the error 0, not
    NaN, when both gradients are exactly zero. Book section: Calculus,
    *Gradients*.

    Parameters
    ----------
    f, grad : callable
        ``f(x)`` returns a number; ``grad(x)`` returns the gradient, with the
        shape of ``x``.
    x : array_like, shape (n,)
        The point, finite.
    h : float, default 1e-5
        The finite-difference step, ``h > 0``.

    Raises
    ------
    ValueError
        If ``f`` or ``grad`` is not callable, ``x`` is not a finite vector,
        ``h`` is not above 0, or ``grad(x)`` does not have the shape of ``x``
        or is not finite.
    """
    f = _callable(f, "f")
    grad = _callable(grad, "grad")
    x = as_vector(x, "x")
    h = _step(h)
    analytic = np.asarray(grad(x.copy()), dtype=float)
    if analytic.shape != x.shape:
        raise ValueError(
            f"grad must return an array with the shape of x, {x.shape}, "
            f"got shape {analytic.shape}")
    if not np.all(np.isfinite(analytic)):
        raise ValueError(f"grad must return finite numbers, got {analytic}")
    estimate = numerical_gradient(f, x, h)
    scale = max(np.linalg.norm(analytic) + np.linalg.norm(estimate), _TINY)
    return float(np.linalg.norm(analytic - estimate) / scale)


def bowl(x, A) -> float:
    """The quadratic bowl ``f(x) = ½ xᵀ A x`` for a symmetric matrix ``A``."""
    x, A = _bowl_arguments(x, A)
    return float(0.5 * x @ A @ x)


def bowl_gradient(x, A) -> np.ndarray:
    """The gradient of the bowl, ``∇f(x) = A x`` (``A`` symmetric)."""
    x, A = _bowl_arguments(x, A)
    return A @ x


def _bowl_arguments(x, A):
    A = as_matrix(A, "A", square=True)
    if not np.allclose(A, A.T):
        raise ValueError("A must be symmetric (A equal to its transpose)")
    return as_vector(x, "x", size=A.shape[0]), A


def rosenbrock(x, a: float = 1.0, b: float = 100.0) -> float:
    """Rosenbrock's banana, ``f(x₁, x₂) = (a − x₁)² + b (x₂ − x₁²)²``; minimum 0 at ``(a, a²)``."""
    x1, x2 = as_vector(x, "x", size=2)
    return float((a - x1) ** 2 + b * (x2 - x1**2) ** 2)


def rosenbrock_gradient(x, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    """The gradient of :func:`rosenbrock`, by the chain rule on each term."""
    x1, x2 = as_vector(x, "x", size=2)
    return np.array([-2 * (a - x1) - 4 * b * x1 * (x2 - x1**2),
                     2 * b * (x2 - x1**2)])
