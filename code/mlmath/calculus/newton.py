"""Newton's method for minimisation (chapter *Optimization algorithms*,
``chapters/calculus/optimizers.md``).

Gradient descent steps along :math:`-\\nabla L`, which on a narrow valley points
mostly across it; Newton's method steps to the minimum of the quadratic
that matches :math:`L` to second order at the current point,

.. math:: \\Delta\\mathbf w = -H(\\mathbf w)^{-1}\\,\\nabla L(\\mathbf w),

which rescales the step along each eigenvector of the Hessian by one over
its curvature. On a quadratic bowl it lands on the minimum in one step,
whatever the condition number. The linear system is solved by Part I's
Gaussian elimination (:func:`mlmath.linalg.solve`), never by forming
:math:`H^{-1}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, ClassVar

import numpy as np

from mlmath._validate import as_real
from mlmath.calculus.gradients import _callable
from mlmath.calculus.optimizers import SingularHessian
from mlmath.linalg.systems import solve

__all__ = ["Newton"]


@dataclass(frozen=True)
class Newton:
    """Newton's method as an update rule for :func:`mlmath.calculus.optimize`.

    .. math::

       H(\\mathbf w^{(t-1)})\\,\\mathbf p^{(t)} = \\nabla L(\\mathbf w^{(t-1)}), \\qquad
       \\Delta\\mathbf w^{(t)} = -\\eta\\,\\mathbf p^{(t)} .

    With :math:`\\eta = 1` (pure Newton) the step goes to the stationary point
    of the local quadratic model: the minimum where the Hessian is positive
    definite, but a saddle or a maximum where it is not, so on a surface that
    is not convex Newton's method can climb. When the Hessian is singular
    (:func:`mlmath.linalg.solve` finds fewer pivots than coordinates) there is
    no such point, and the run stops there and says so (``singular_at``).
    Book section: Calculus, *Optimization algorithms*.

    Parameters
    ----------
    hessian : callable
        ``hessian(w)`` returns :math:`H(\\mathbf w)`, an ``(n, n)`` array for
        ``w`` of shape ``(n,)``.
    eta : float, default 1.0
        A damping factor :math:`0 < \\eta`, 1 for the full Newton step.

    Raises
    ------
    ValueError
        If ``hessian`` is not callable or ``eta`` is not a finite number
        above 0 (when made), or ``hessian`` returns an array of another shape
        (during a run).
    """

    hessian: Callable
    eta: float = 1.0
    name: ClassVar[str] = "Newton"

    def __post_init__(self):
        _callable(self.hessian, "hessian")
        object.__setattr__(self, "eta", as_real(self.eta, "eta", low=0.0,
                                                low_inclusive=False))

    def start(self, w: np.ndarray) -> tuple:
        return ()

    def update(self, g, state, t, w):
        H = np.asarray(self.hessian(w.copy()), dtype=float)
        if H.shape != (w.size, w.size):
            raise ValueError(f"hessian must return an array of shape {(w.size, w.size)}, "
                             f"got shape {H.shape}")
        if not (np.all(np.isfinite(H)) and np.all(np.isfinite(g))):
            return np.full_like(w, np.nan), state  # the run reports it as diverged
        try:
            direction = solve(H, g)
        except ValueError as error:  # fewer pivots than coordinates
            raise SingularHessian(str(error)) from None
        return -self.eta * direction, state
