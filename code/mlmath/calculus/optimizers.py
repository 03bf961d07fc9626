"""Optimizers from scratch (chapter *Optimization algorithms*,
``chapters/calculus/optimizers.md``).

Every optimizer of the chapter is an *update rule*: from the gradient
:math:`\\mathbf g^{(t)} = \\nabla L(\\mathbf w^{(t-1)})` and what it remembers
(its *state*), it computes the step :math:`\\Delta\\mathbf w^{(t)}` that
:func:`optimize` adds to the parameters,
:math:`\\mathbf w^{(t)} = \\mathbf w^{(t-1)} + \\Delta\\mathbf w^{(t)}`.

:class:`SGD`
    :math:`\\Delta\\mathbf w = -\\eta\\,\\mathbf g` (stochastic when ``grad``
    is estimated on a mini-batch).
:class:`Momentum`
    the heavy ball, as PyTorch writes it:
    :math:`\\mathbf v \\leftarrow \\beta\\mathbf v + \\mathbf g`,
    :math:`\\Delta\\mathbf w = -\\eta\\,\\mathbf v`.
:class:`RMSProp`
    a step per coordinate scaled by a running root mean square of the
    gradient.
:class:`Adam`
    momentum and RMSProp together, with their averages' bias corrected.

Newton's method, which needs the Hessian, is :class:`mlmath.calculus.Newton`
(``newton.py``). Each rule is a frozen dataclass of its hyperparameters,
checked when it is made; its defaults are PyTorch's (``torch.optim``), with
the customary :math:`\\beta = 0.9` for momentum (PyTorch's own default is
no momentum).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from mlmath._validate import as_int, as_real, as_vector
from mlmath.calculus.descent import DIVERGENCE_LIMIT
from mlmath.calculus.gradients import _callable

__all__ = ["Adam", "Momentum", "OptimizerResult", "RMSProp", "SGD", "optimize"]


def _rate(value, name: str) -> float:
    """A decay rate of a running average, in ``[0, 1)``."""
    number = as_real(value, name, low=0.0)
    if number >= 1:
        raise ValueError(f"{name} must be in [0, 1), got {number}")
    return number


def _positive(value, name: str) -> float:
    return as_real(value, name, low=0.0, low_inclusive=False)


@dataclass(frozen=True)
class SGD:
    """Plain (stochastic) gradient descent, :math:`\\Delta\\mathbf w = -\\eta\\,\\mathbf g`.

    Parameters
    ----------
    eta : float, default 0.001
        The learning rate :math:`\\eta > 0` (PyTorch's default).
    """

    eta: float = 1e-3
    name: ClassVar[str] = "SGD"

    def __post_init__(self):
        object.__setattr__(self, "eta", _positive(self.eta, "eta"))

    def start(self, w: np.ndarray) -> tuple:
        return ()

    def update(self, g, state, t, w=None):
        return -self.eta * g, state


@dataclass(frozen=True)
class Momentum:
    """Gradient descent with heavy-ball momentum (PyTorch's form).

    .. math::

       \\mathbf v^{(t)} = \\beta\\,\\mathbf v^{(t-1)} + \\mathbf g^{(t)}, \\qquad
       \\Delta\\mathbf w^{(t)} = -\\eta\\,\\mathbf v^{(t)}, \\qquad \\mathbf v^{(0)} = \\mathbf 0 .

    The same iterates as :func:`mlmath.calculus.gradient_descent` with
    ``momentum=beta``, and as Polyak's
    :math:`\\mathbf w^{(t+1)} = \\mathbf w^{(t)} - \\eta\\nabla L(\\mathbf w^{(t)})
    + \\beta(\\mathbf w^{(t)} - \\mathbf w^{(t-1)})`.

    Parameters
    ----------
    eta : float, default 0.001
        The learning rate, above 0.
    beta : float, default 0.9
        The momentum :math:`\\beta`, in ``[0, 1)``.
    """

    eta: float = 1e-3
    beta: float = 0.9
    name: ClassVar[str] = "Momentum"

    def __post_init__(self):
        object.__setattr__(self, "eta", _positive(self.eta, "eta"))
        object.__setattr__(self, "beta", _rate(self.beta, "beta"))

    def start(self, w: np.ndarray) -> tuple:
        return (np.zeros_like(w),)

    def update(self, g, state, t, w=None):
        (velocity,) = state
        velocity = self.beta * velocity + g
        return -self.eta * velocity, (velocity,)


@dataclass(frozen=True)
class RMSProp:
    """RMSProp: each coordinate's step divided by its running root mean square.

    .. math::

       \\mathbf s^{(t)} = \\beta_2\\,\\mathbf s^{(t-1)} + (1 - \\beta_2)\\,\\mathbf g^{(t)} \\odot \\mathbf g^{(t)},
       \\qquad
       \\Delta\\mathbf w^{(t)} = -\\eta\\,\\frac{\\mathbf g^{(t)}}{\\sqrt{\\mathbf s^{(t)}} + \\delta},
       \\qquad \\mathbf s^{(0)} = \\mathbf 0,

    the square, the root and the division taken coordinate by coordinate.
    A coordinate whose gradients are large takes steps of about
    :math:`\\eta` times the sign of its gradient, and so does one whose
    gradients are small. Book section: Calculus, *Optimization algorithms*.

    Parameters
    ----------
    eta : float, default 0.01
        The learning rate, above 0 (PyTorch's default).
    beta2 : float, default 0.99
        The decay rate :math:`\\beta_2` of the average of squares, in ``[0, 1)``
        (PyTorch's ``alpha``, Keras's ``rho``).
    delta : float, default 1e-8
        The constant :math:`\\delta > 0` that keeps the denominator above 0
        (PyTorch's ``eps``).
    """

    eta: float = 1e-2
    beta2: float = 0.99
    delta: float = 1e-8
    name: ClassVar[str] = "RMSProp"

    def __post_init__(self):
        object.__setattr__(self, "eta", _positive(self.eta, "eta"))
        object.__setattr__(self, "beta2", _rate(self.beta2, "beta2"))
        object.__setattr__(self, "delta", _positive(self.delta, "delta"))

    def start(self, w: np.ndarray) -> tuple:
        return (np.zeros_like(w),)

    def update(self, g, state, t, w=None):
        (squares,) = state
        squares = self.beta2 * squares + (1 - self.beta2) * (g * g)
        return -self.eta * g / (np.sqrt(squares) + self.delta), (squares,)


@dataclass(frozen=True)
class Adam:
    """Adam: momentum's average of gradients over RMSProp's root mean square,
    both corrected for starting at zero.

    .. math::

       \\mathbf m^{(t)} = \\beta_1\\mathbf m^{(t-1)} + (1 - \\beta_1)\\,\\mathbf g^{(t)}, \\qquad
       \\mathbf s^{(t)} = \\beta_2\\mathbf s^{(t-1)} + (1 - \\beta_2)\\,\\mathbf g^{(t)} \\odot \\mathbf g^{(t)},

       \\hat{\\mathbf m}^{(t)} = \\frac{\\mathbf m^{(t)}}{1 - \\beta_1^t}, \\qquad
       \\hat{\\mathbf s}^{(t)} = \\frac{\\mathbf s^{(t)}}{1 - \\beta_2^t}, \\qquad
       \\Delta\\mathbf w^{(t)} = -\\eta\\,\\frac{\\hat{\\mathbf m}^{(t)}}{\\sqrt{\\hat{\\mathbf s}^{(t)}} + \\delta},

    with :math:`\\mathbf m^{(0)} = \\mathbf s^{(0)} = \\mathbf 0`, coordinate by
    coordinate (Kingma and Ba, 2015). The powers :math:`\\beta^t` are kept
    as running products, one multiplication a step. Book section: Calculus,
    *Optimization algorithms*.

    Parameters
    ----------
    eta : float, default 0.001
        The learning rate, above 0 (PyTorch's default, and the paper's).
    beta1, beta2 : float, default 0.9 and 0.999
        The decay rates of the averages of gradients and of their squares,
        each in ``[0, 1)``.
    delta : float, default 1e-8
        The constant :math:`\\delta > 0` in the denominator (the paper's
        :math:`\\epsilon`, PyTorch's ``eps``).
    """

    eta: float = 1e-3
    beta1: float = 0.9
    beta2: float = 0.999
    delta: float = 1e-8
    name: ClassVar[str] = "Adam"

    def __post_init__(self):
        object.__setattr__(self, "eta", _positive(self.eta, "eta"))
        object.__setattr__(self, "beta1", _rate(self.beta1, "beta1"))
        object.__setattr__(self, "beta2", _rate(self.beta2, "beta2"))
        object.__setattr__(self, "delta", _positive(self.delta, "delta"))

    def start(self, w: np.ndarray) -> tuple:
        return np.zeros_like(w), np.zeros_like(w), 1.0, 1.0

    def update(self, g, state, t, w=None):
        mean, squares, power1, power2 = state
        mean = self.beta1 * mean + (1 - self.beta1) * g
        squares = self.beta2 * squares + (1 - self.beta2) * (g * g)
        power1, power2 = power1 * self.beta1, power2 * self.beta2  # β₁ᵗ and β₂ᵗ
        mean_hat = mean / (1 - power1)
        squares_hat = squares / (1 - power2)
        step = -self.eta * mean_hat / (np.sqrt(squares_hat) + self.delta)
        return step, (mean, squares, power1, power2)


@dataclass(frozen=True)
class OptimizerResult:
    """What :func:`optimize` did.

    Attributes
    ----------
    name : str
        The optimizer's name (``"Adam"``, ...).
    path : numpy.ndarray, shape (k + 1, n)
        The iterates :math:`\\mathbf w^{(0)}, \\dots, \\mathbf w^{(k)}`: all
        ``steps + 1``, or fewer when the run stopped early.
    losses : numpy.ndarray, shape (k + 1,), or None
        :math:`L(\\mathbf w^{(t)})` along the path, when ``f`` was given.
    step_lengths : numpy.ndarray, shape (k,)
        :math:`\\lVert\\mathbf w^{(t)} - \\mathbf w^{(t-1)}\\rVert` for each step taken.
    gradient_norms : numpy.ndarray, shape (k,)
        :math:`\\lVert\\nabla L(\\mathbf w^{(t-1)})\\rVert`, the gradient each step used.
    diverged_at, diverged_value : int or None, float or None
        The step whose iterate was not finite or had a coordinate beyond the
        limit, and that iterate's largest coordinate in size; ``None`` if none.
    singular_at : int or None
        For Newton's method, the step whose Hessian could not be solved with;
        the run stopped before it.
    """

    name: str
    path: np.ndarray
    losses: np.ndarray | None
    step_lengths: np.ndarray
    gradient_norms: np.ndarray
    diverged_at: int | None = None
    diverged_value: float | None = None
    singular_at: int | None = None

    @property
    def final(self) -> np.ndarray:
        """The last iterate recorded."""
        return self.path[-1]

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def effective_learning_rates(self) -> np.ndarray:
        """:math:`\\lVert\\Delta\\mathbf w^{(t)}\\rVert / \\lVert\\mathbf g^{(t)}\\rVert`
        for each step: the learning rate plain gradient descent would need to
        take a step that long (NaN where the gradient was exactly zero)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.gradient_norms > 0,
                            self.step_lengths / self.gradient_norms, np.nan)


class SingularHessian(ArithmeticError):
    """Raised by an update rule that cannot take its step (Newton's, at a singular Hessian)."""


RULES = (SGD, Momentum, RMSProp, Adam)


def _lengths(vectors: list, n: int) -> np.ndarray:
    """The Euclidean length of each vector: squares summed coordinate by coordinate,
    in order, as the figure's JavaScript does (no BLAS, no fused multiply-add)."""
    rows = np.array(vectors, dtype=float).reshape(len(vectors), n)
    total = np.zeros(len(vectors))
    for j in range(n):
        total = total + rows[:, j] * rows[:, j]
    return np.sqrt(total)


def optimize(rule, grad, w0, steps: int, f=None,
             limit: float = DIVERGENCE_LIMIT) -> OptimizerResult:
    """Run an optimizer's update rule from ``w0`` for ``steps`` steps.

    .. math::

       \\mathbf g^{(t)} = \\nabla L(\\mathbf w^{(t-1)}), \\qquad
       \\mathbf w^{(t)} = \\mathbf w^{(t-1)} + \\Delta\\mathbf w^{(t)}, \\qquad t = 1, 2, \\dots

    with :math:`\\Delta\\mathbf w^{(t)}` from ``rule.update``. The run stops
    early, and says at which step, when an iterate is not finite or has a
    coordinate larger than ``limit`` in size (it diverged), or when Newton's
    Hessian is singular. Book
    section: Calculus, *Optimization algorithms*.

    Parameters
    ----------
    rule : SGD, Momentum, RMSProp, Adam or Newton
        The update rule, with its hyperparameters.
    grad : callable
        ``grad(w)`` returns :math:`\\nabla L(\\mathbf w)` (or a mini-batch
        estimate of it), an array with the shape of ``w``.
    w0 : array_like, shape (n,)
        The start, finite.
    steps : int
        The most steps to take, at least 1.
    f : callable, optional
        The loss; when given, its value at every iterate is recorded.
    limit : float, default :data:`mlmath.calculus.DIVERGENCE_LIMIT`
        The size of a coordinate beyond which the run counts as diverged.

    Returns
    -------
    OptimizerResult

    Raises
    ------
    ValueError
        If ``rule`` is not one of the update rules, ``grad`` (or a given
        ``f``) is not callable, ``w0`` is not a finite vector, ``steps`` is
        not an integer of at least 1, ``limit`` is not above 0, or ``grad``
        returns an array of another shape than ``w0``.
    """
    from mlmath.calculus.newton import Newton  # newton.py builds on this module

    if not isinstance(rule, (*RULES, Newton)):
        raise ValueError("rule must be an update rule, one of SGD, Momentum, RMSProp, Adam "
                         f"or Newton (with its hyperparameters), got {rule!r}")
    grad = _callable(grad, "grad")
    if f is not None:
        f = _callable(f, "f")
    w = as_vector(w0, "w0").copy()
    steps = as_int(steps, "steps", low=1)
    limit = as_real(limit, "limit", low=0.0, low_inclusive=False)

    path, losses = [w.copy()], [] if f is None else [float(f(w.copy()))]
    taken, gradients = [], []
    found = {}
    state = rule.start(w)
    # An overflow on the way out is what the run reports as a divergence, not a warning.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for t in range(1, steps + 1):
            g = np.asarray(grad(w.copy()), dtype=float)
            if g.shape != w.shape:
                raise ValueError(f"grad must return an array with the shape of w0, {w.shape}, "
                                 f"got shape {g.shape}")
            try:
                step, state = rule.update(g, state, t, w)
            except SingularHessian:
                found["singular_at"] = t
                break
            w = w + step
            size = float(abs(w).max())
            if not size <= limit:  # also true for NaN
                found.update(diverged_at=t, diverged_value=size)
                break
            path.append(w)
            taken.append(step)
            gradients.append(g)
            if f is not None:
                losses.append(float(f(w.copy())))
    return OptimizerResult(rule.name, np.array(path), None if f is None else np.array(losses),
                           _lengths(taken, w.size), _lengths(gradients, w.size), **found)
