"""Gradient descent from scratch (chapter *Gradient descent*,
``chapters/calculus/gradient-descent.md``).

Plain gradient descent steps against the gradient,
:math:`\\mathbf w^{(t+1)} = \\mathbf w^{(t)} - \\eta\\,\\nabla L(\\mathbf w^{(t)})`;
with momentum (the heavy ball, as PyTorch writes it) it steps along a running
sum of gradients instead. :func:`gradient_descent` runs either, records the
path, and stops, saying so, when the iterates blow up. On a quadratic the
run is stable exactly when :math:`\\eta\\,\\lambda_{\\max} < 2`
(:func:`stability_bound`). :data:`SURFACES` are the four surfaces of the
chapter's figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from mlmath._validate import as_int, as_matrix, as_real, as_vector
from mlmath.calculus import curvature
from mlmath.calculus.gradients import (_callable, bowl, bowl_gradient, rosenbrock,
                                       rosenbrock_gradient)
from mlmath.linalg.eigen import symmetric_eigen

__all__ = [
    "DIVERGENCE_LIMIT",
    "DescentResult",
    "SURFACES",
    "Surface",
    "StabilityBound",
    "gradient_descent",
    "stability_bound",
]

#: A run counts as diverged once a coordinate of an iterate is larger than this
#: in size (or is not a number at all). Every surface of the chapter has its
#: minimum within a few units of the origin, so an iterate a hundred million
#: units out is running away, not converging; stopping there also keeps every
#: loss of the chapter's surfaces (at most quartic) far from overflow.
DIVERGENCE_LIMIT = 1e8


@dataclass(frozen=True)
class DescentResult:
    """What :func:`gradient_descent` did.

    Attributes
    ----------
    path : numpy.ndarray, shape (k + 1, n)
        The iterates :math:`\\mathbf w^{(0)}, \\dots, \\mathbf w^{(k)}`: all
        ``steps + 1`` of them, or, after a divergence at step ``k + 1``, the
        ones before it.
    losses : numpy.ndarray, shape (k + 1,), or None
        :math:`L(\\mathbf w^{(t)})` along the path, when ``f`` was given.
    diverged_at : int or None
        The step :math:`t` whose iterate :math:`\\mathbf w^{(t)}` was not finite
        or had a coordinate beyond ``limit``; ``None`` if the run finished.
    diverged_value : float or None
        That iterate's largest coordinate in size (``inf`` or ``nan`` when it
        was not finite).
    """

    path: np.ndarray
    losses: np.ndarray | None
    diverged_at: int | None
    diverged_value: float | None

    @property
    def final(self) -> np.ndarray:
        """The last iterate recorded."""
        return self.path[-1]

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None


def gradient_descent(grad, w0, eta: float, steps: int, momentum: float = 0.0, f=None,
                     limit: float = DIVERGENCE_LIMIT) -> DescentResult:
    """Run gradient descent, with optional heavy-ball momentum, from ``w0``.

    .. math::

       \\mathbf v^{(t+1)} = \\beta\\,\\mathbf v^{(t)} + \\nabla L(\\mathbf w^{(t)}),
       \\qquad
       \\mathbf w^{(t+1)} = \\mathbf w^{(t)} - \\eta\\,\\mathbf v^{(t+1)},
       \\qquad \\mathbf v^{(0)} = \\mathbf 0,

    which for :math:`\\beta = 0` is plain gradient descent,
    :math:`\\mathbf w^{(t+1)} = \\mathbf w^{(t)} - \\eta\\,\\nabla L(\\mathbf w^{(t)})`.
    The run stops early, and reports the step, when an iterate is not finite
    or has a coordinate larger than ``limit`` in size. Book section: Calculus,
    *Gradient descent*.

    Parameters
    ----------
    grad : callable
        ``grad(w)`` returns :math:`\\nabla L(\\mathbf w)`, with the shape of ``w``.
    w0 : array_like, shape (n,)
        The start :math:`\\mathbf w^{(0)}`, finite.
    eta : float
        The learning rate :math:`\\eta > 0`.
    steps : int
        How many steps to take, at least 1.
    momentum : float, default 0.0
        The momentum coefficient :math:`\\beta`, in ``[0, 1)``.
    f : callable, optional
        The loss :math:`L`; when given, its value at every iterate is recorded.
    limit : float, default :data:`DIVERGENCE_LIMIT`
        The size of a coordinate beyond which the run counts as diverged.

    Returns
    -------
    DescentResult
        The path, the losses, and where the run diverged, if it did.

    Raises
    ------
    ValueError
        If ``grad`` (or a given ``f``) is not callable, ``w0`` is not a finite
        vector, ``eta`` is not a finite number above 0, ``steps`` is not an
        integer of at least 1, ``momentum`` is outside ``[0, 1)``, ``limit``
        is not above 0, or ``grad`` returns an array of another shape than ``w0``.
    """
    grad = _callable(grad, "grad")
    if f is not None:
        f = _callable(f, "f")
    w = as_vector(w0, "w0").copy()
    eta = as_real(eta, "eta", low=0.0, low_inclusive=False)
    steps = as_int(steps, "steps", low=1)
    beta = _momentum(momentum)
    limit = as_real(limit, "limit", low=0.0, low_inclusive=False)

    path = [w.copy()]
    velocity = np.zeros_like(w)
    diverged_at = diverged_value = None
    # An overflow on the way out is what the run reports as a divergence, not a warning.
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(1, steps + 1):
            g = np.asarray(grad(w.copy()), dtype=float)
            if g.shape != w.shape:
                raise ValueError(f"grad must return an array with the shape of w0, {w.shape}, "
                                 f"got shape {g.shape}")
            velocity = beta * velocity + g
            w = w - eta * velocity
            size = float(np.max(np.abs(w)))
            if not size <= limit:  # also true for NaN
                diverged_at, diverged_value = t, size
                break
            path.append(w.copy())
    path = np.array(path)
    losses = None if f is None else np.array([float(f(p)) for p in path])
    return DescentResult(path, losses, diverged_at, diverged_value)


@dataclass(frozen=True)
class StabilityBound:
    """The learning rates at which gradient descent on ``½ wᵀ A w`` converges."""

    eigenvalues: np.ndarray
    """The Hessian's eigenvalues, largest first."""
    largest: float
    """:math:`\\lambda_{\\max}`."""
    momentum: float
    """The momentum coefficient :math:`\\beta` the bound is for."""
    max_eta: float
    """:math:`2(1 + \\beta)/\\lambda_{\\max}`: every :math:`0 < \\eta <` this converges."""
    condition_number: float
    """:math:`\\kappa = \\lambda_{\\max}/\\lambda_{\\min}`."""


def stability_bound(A, momentum: float = 0.0) -> StabilityBound:
    """The stability bound of gradient descent on the quadratic ``½ wᵀ A w``.

    Along the eigenvector of eigenvalue :math:`\\lambda` the error is
    multiplied by :math:`1 - \\eta\\lambda` at every step, so plain gradient
    descent converges from every start exactly when :math:`|1 - \\eta\\lambda| < 1`
    for every :math:`\\lambda`, that is when

    .. math:: 0 < \\eta\\,\\lambda_{\\max} < 2 .

    With momentum :math:`\\beta` the error along that eigenvector follows
    :math:`e_{t+1} = (1 + \\beta - \\eta\\lambda)\\,e_t - \\beta\\,e_{t-1}`,
    whose two roots lie inside the unit circle exactly when
    :math:`0 < \\eta\\lambda < 2(1 + \\beta)`: the bound becomes
    :math:`\\eta\\,\\lambda_{\\max} < 2(1 + \\beta)`. The eigenvalues come from
    :func:`mlmath.linalg.symmetric_eigen`. Book section: Calculus, *Gradient
    descent*.

    Parameters
    ----------
    A : array_like, shape (n, n)
        The Hessian, symmetric positive definite.
    momentum : float, default 0.0
        The momentum coefficient :math:`\\beta`, in ``[0, 1)``.

    Raises
    ------
    ValueError
        If ``A`` is not a finite symmetric matrix with every eigenvalue above 0
        (without that the quadratic has no minimum to converge to), or
        ``momentum`` is outside ``[0, 1)``.
    """
    A = as_matrix(A, "A", square=True)
    beta = _momentum(momentum)
    eigenvalues = symmetric_eigen(A).eigenvalues
    if not eigenvalues[-1] > 0:
        raise ValueError("A must be positive definite (every eigenvalue above 0), got "
                         f"eigenvalues {eigenvalues}")
    largest = float(eigenvalues[0])
    return StabilityBound(eigenvalues, largest, beta, 2 * (1 + beta) / largest,
                          largest / float(eigenvalues[-1]))


def _momentum(momentum) -> float:
    beta = as_real(momentum, "momentum", low=0.0)
    if beta >= 1:
        raise ValueError(f"momentum must be in [0, 1), got {beta}")
    return beta


@dataclass(frozen=True)
class Surface:
    """A loss surface of the chapter: value, gradient, Hessian and global minimum."""

    f: Callable
    grad: Callable
    hessian: Callable
    minimum: np.ndarray
    """The global minimiser."""
    quadratic: bool
    """Whether the surface is a quadratic bowl (its Hessian the same everywhere)."""
    on_grid: Callable
    """``on_grid(W1, W2)``: ``f`` at every point of two arrays of coordinates at once
    (for contour plots, where calling ``f`` point by point would be slow)."""

    @property
    def lowest(self) -> float:
        """The global minimum value."""
        return self.f(self.minimum)


def _bowl_surface(A) -> Surface:
    A = np.array(A, dtype=float)

    def on_grid(w1, w2):
        return 0.5 * (A[0, 0] * w1 * w1 + 2 * A[0, 1] * w1 * w2 + A[1, 1] * w2 * w2)

    return Surface(lambda w: bowl(w, A), lambda w: bowl_gradient(w, A),
                   lambda w: curvature.bowl_hessian(w, A), np.zeros(len(A)), True, on_grid)


def _rosenbrock_on_grid(w1, w2):
    return (1 - w1) ** 2 + 100 * (w2 - w1**2) ** 2


def _double_well_on_grid(w1, w2):
    return (w1**2 - 1) ** 2 + curvature.DOUBLE_WELL_TILT * w1 + w2**2


#: The four surfaces of the chapter's figure, by the names its menu shows.
#: The bowls are ``½ wᵀ A w`` with ``A = I`` (round) and ``A = diag(1, 10)``
#: (elongated, condition number 10), axis-aligned so that their eigenvectors
#: are the axes.
SURFACES = {
    "round bowl": _bowl_surface([[1.0, 0.0], [0.0, 1.0]]),
    "elongated bowl": _bowl_surface([[1.0, 0.0], [0.0, 10.0]]),
    "Rosenbrock": Surface(rosenbrock, rosenbrock_gradient, curvature.rosenbrock_hessian,
                          np.array([1.0, 1.0]), False, _rosenbrock_on_grid),
    "two minima": Surface(curvature.double_well, curvature.double_well_gradient,
                          curvature.double_well_hessian, curvature.double_well_minima()[0],
                          False, _double_well_on_grid),
}
