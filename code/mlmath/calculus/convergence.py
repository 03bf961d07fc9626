"""How fast optimizers converge (chapter *Optimization algorithms*,
``chapters/calculus/optimizers.md``).

Two kinds of answer. On a quadratic bowl the rate is a formula in the
condition number :math:`\\kappa = \\lambda_{\\max}/\\lambda_{\\min}` of its
Hessian (:func:`quadratic_rates`), to be set against the rate a run shows
(:func:`convergence_rate`). Elsewhere, a race: the chapter's four test
surfaces (:data:`RACE_SURFACES`), each optimizer at its library defaults
(:data:`DEFAULT_RULES`) and at the learning rate that does best on a grid
(:func:`tune_learning_rate`), counting the steps until the loss is within
:data:`RACE_TOLERANCE` of its minimum for good (:func:`steps_to_tolerance`).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from mlmath._validate import as_int, as_matrix, as_real, as_vector
from mlmath.calculus import curvature
from mlmath.calculus.descent import StabilityBound, Surface, stability_bound
from mlmath.calculus.newton import Newton
from mlmath.calculus.optimizers import (RULES, SGD, Adam, Momentum, OptimizerResult, RMSProp,
                                        optimize)

__all__ = [
    "DEFAULT_RULES", "LEARNING_RATE_GRID", "RACE_BUDGET", "RACE_STARTS", "RACE_SURFACES",
    "RACE_TOLERANCE", "QuadraticRates", "RaceRun", "Tuning", "convergence_rate", "quadratic_rates",
    "steps_to_tolerance", "tune_learning_rate",
]

#: The race's finish line: the loss within this of its minimum, :math:`L - L^* \le 10^{-8}`.
RACE_TOLERANCE = 1e-8
#: The most steps a run of the race may take.
RACE_BUDGET = 1000
#: The learning rates tried when tuning: quarter-decades from 1 down to 0.001.
LEARNING_RATE_GRID = tuple(float(10.0 ** (-k / 4)) for k in range(13))
#: Each optimizer at the defaults of PyTorch's ``torch.optim`` (learning rate 0.001
#: for SGD and Adam, 0.01 for RMSProp), with momentum's customary β = 0.9.
DEFAULT_RULES = {"SGD": SGD(), "Momentum": Momentum(), "RMSProp": RMSProp(), "Adam": Adam()}


def _bowl(a: float, b: float, c: float) -> Surface:
    """The bowl ``½ wᵀ A w`` with ``A = [[a, b], [b, c]]``, written out term by term
    (the figure's JavaScript does the same operations)."""

    def f(w):
        w1, w2 = as_vector(w, "w", size=2)
        return float(0.5 * (a * w1 * w1 + 2 * b * w1 * w2 + c * w2 * w2))

    def grad(w):
        w1, w2 = as_vector(w, "w", size=2)
        return np.array([a * w1 + b * w2, b * w1 + c * w2])

    def hessian(w):
        as_vector(w, "w", size=2)
        return np.array([[a, b], [b, c]])

    def on_grid(w1, w2):
        return 0.5 * (a * w1 * w1 + 2 * b * w1 * w2 + c * w2 * w2)

    return Surface(f, grad, hessian, np.zeros(2), True, on_grid)


def _rosenbrock() -> Surface:
    """Rosenbrock's valley, :func:`mlmath.calculus.rosenbrock` with its default a = 1, b = 100."""

    def on_grid(w1, w2):
        return (1 - w1) * (1 - w1) + 100 * ((w2 - w1 * w1) * (w2 - w1 * w1))

    def f(w):
        return float(on_grid(*as_vector(w, "w", size=2)))

    def grad(w):
        w1, w2 = as_vector(w, "w", size=2)
        return np.array([-2 * (1 - w1) - 400 * w1 * (w2 - w1 * w1), 200 * (w2 - w1 * w1)])

    return Surface(f, grad, curvature.rosenbrock_hessian, np.array([1.0, 1.0]), False, on_grid)


def _double_well() -> Surface:
    """The tilted double well, :func:`mlmath.calculus.double_well`."""
    tilt = curvature.DOUBLE_WELL_TILT

    def on_grid(w1, w2):
        return (w1 * w1 - 1) * (w1 * w1 - 1) + tilt * w1 + w2 * w2

    def f(w):
        return float(on_grid(*as_vector(w, "w", size=2)))

    return Surface(f, curvature.double_well_gradient, curvature.double_well_hessian,
                   curvature.double_well_minima()[0], False, on_grid)


#: The race's surfaces. The two bowls have the same curvatures, 1 and 25
#: (condition number 25): "narrow bowl" with its axes along the coordinates,
#: ``diag(1, 25)``; "turned bowl" turned by 45°, ``[[13, 12], [12, 13]]``.
#: Then Rosenbrock's valley and the double well of *Gradient descent*. Every
#: square is written as a product (``x * x``, not ``x ** 2``, which NumPy hands
#: to the C library's ``pow``), so that the figure's JavaScript can repeat each
#: run bit for bit; they agree with :data:`mlmath.calculus.SURFACES` to rounding.
RACE_SURFACES = {
    "narrow bowl": _bowl(1.0, 0.0, 25.0),
    "turned bowl": _bowl(13.0, 12.0, 13.0),
    "Rosenbrock": _rosenbrock(),
    "two minima": _double_well(),
}
#: Where each surface's race starts.
RACE_STARTS = {
    "narrow bowl": (-2.0, 1.0),
    "turned bowl": (-2.0, 1.0),
    "Rosenbrock": (-1.2, 1.0),
    "two minima": (-1.5, 2.0),
}


def _surface(surface) -> Surface:
    if isinstance(surface, str):
        if surface not in RACE_SURFACES:
            raise ValueError(f"surface must be one of {', '.join(map(repr, RACE_SURFACES))} "
                             f"or a Surface, got {surface!r}")
        return RACE_SURFACES[surface]
    if not isinstance(surface, Surface):
        raise ValueError(f"surface must be a race surface's name or a Surface, got {surface!r}")
    return surface


def _rule(rule):
    if not isinstance(rule, (*RULES, Newton)):
        raise ValueError("rule must be an update rule, one of SGD, Momentum, RMSProp, Adam "
                         f"or Newton, got {rule!r}")
    return rule


@dataclass(frozen=True)
class RaceRun:
    """One run of the race (:func:`steps_to_tolerance`)."""

    result: OptimizerResult
    """The whole run; its ``losses`` are the gaps :math:`L(\\mathbf w^{(t)}) - L^*`."""
    steps: int | None
    """The step from which the gap stays at or below the tolerance to the end of the
    run; ``None`` if it is above it at the end, or the run diverged or stopped."""


def steps_to_tolerance(rule, surface, w0, tolerance: float = RACE_TOLERANCE,
                       budget: int = RACE_BUDGET) -> RaceRun:
    """Run ``rule`` on ``surface`` from ``w0`` for ``budget`` steps, and find the step
    from which :math:`L - L^* \\le` ``tolerance`` holds to the end.

    A run *finishes* at that step. The first step below the tolerance would
    not do: an optimizer whose step does not shrink as it nears the minimum
    (RMSProp, Adam at a large learning rate) can pass through the tolerance
    and out again, and that is not convergence. Book section: Calculus,
    *Optimization algorithms*.

    Parameters
    ----------
    rule : SGD, Momentum, RMSProp, Adam or Newton
    surface : str or Surface
        A name in :data:`RACE_SURFACES`, or any :class:`~mlmath.calculus.Surface`.
    w0 : array_like, shape (2,)
        The start.
    tolerance : float, default :data:`RACE_TOLERANCE`
        The finish line, above 0.
    budget : int, default :data:`RACE_BUDGET`
        The number of steps, at least 1.
    """
    surface = _surface(surface)
    tolerance = as_real(tolerance, "tolerance", low=0.0, low_inclusive=False)
    lowest = surface.lowest
    result = optimize(_rule(rule), surface.grad, w0, budget,
                      f=lambda w: surface.on_grid(w[0], w[1]) - lowest)
    gaps = result.losses
    if result.diverged or result.singular_at is not None or not gaps[-1] <= tolerance:
        return RaceRun(result, None)
    above = np.flatnonzero(gaps > tolerance)
    return RaceRun(result, int(above[-1]) + 1 if above.size else 0)


@dataclass(frozen=True)
class Tuning:
    """What :func:`tune_learning_rate` found."""

    rule: object
    """The rule with the best learning rate of the grid (its other settings unchanged)."""
    steps: int | None
    """The step at which its run finished; ``None`` if no rate of the grid finished."""
    gap: float
    """:math:`L - L^*` at the end of its run (``inf`` if it diverged)."""


def tune_learning_rate(rule, surface, w0, etas=LEARNING_RATE_GRID,
                       tolerance: float = RACE_TOLERANCE, budget: int = RACE_BUDGET) -> Tuning:
    """The learning rate of a grid with which ``rule`` finishes the race first.

    Every other hyperparameter of ``rule`` is kept. Each rate runs
    :func:`steps_to_tolerance`; the one that finishes in the fewest steps
    wins (the first of equals, in the order of ``etas``), and when none
    finishes, the one whose run ends with the smallest gap. Book section:
    Calculus, *Optimization algorithms*.

    Parameters
    ----------
    rule : SGD, Momentum, RMSProp or Adam
    surface : str or Surface
    w0 : array_like, shape (2,)
    etas : sequence of float, default :data:`LEARNING_RATE_GRID`
        The learning rates to try, each above 0.
    tolerance, budget
        As in :func:`steps_to_tolerance`.

    Raises
    ------
    ValueError
        If ``rule`` has no learning rate to tune (Newton's method), ``etas`` is
        empty or holds a rate that is not above 0, or an argument of
        :func:`steps_to_tolerance` is wrong.
    """
    if not isinstance(rule, RULES):
        raise ValueError("rule must be SGD, Momentum, RMSProp or Adam (a rule with a learning "
                         f"rate), got {rule!r}")
    etas = [as_real(eta, "etas", low=0.0, low_inclusive=False) for eta in etas]
    if not etas:
        raise ValueError("etas must hold at least one learning rate, got none")
    tried = []
    for eta in etas:
        candidate = dataclasses.replace(rule, eta=eta)
        run = steps_to_tolerance(candidate, surface, w0, tolerance, budget)
        gap = math.inf if run.result.diverged else float(run.result.losses[-1])
        tried.append(Tuning(candidate, run.steps, gap))
    finished = [t for t in tried if t.steps is not None]
    if finished:
        return min(finished, key=lambda t: t.steps)  # min keeps the first of equals
    return min(tried, key=lambda t: t.gap)


@dataclass(frozen=True)
class QuadraticRates:
    """The best fixed settings on a quadratic, and the rates they achieve."""

    bound: StabilityBound
    """The Hessian's eigenvalues and condition number (:func:`stability_bound`)."""
    gd_eta: float
    """:math:`2/(\\lambda_{\\max} + \\lambda_{\\min})`, gradient descent's best learning rate."""
    gd_rate: float
    """:math:`(\\kappa - 1)/(\\kappa + 1)`, its factor per step."""
    momentum_eta: float
    """:math:`4/(\\sqrt{\\lambda_{\\max}} + \\sqrt{\\lambda_{\\min}})^2`, the heavy ball's best."""
    momentum_beta: float
    """:math:`\\bigl((\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)\\bigr)^2`, with it."""
    momentum_rate: float
    """:math:`(\\sqrt\\kappa - 1)/(\\sqrt\\kappa + 1)`, their factor per step."""


def quadratic_rates(A) -> QuadraticRates:
    """Gradient descent's and the heavy ball's best settings on ``½ wᵀ A w``.

    Gradient descent multiplies the error along the eigenvector of
    :math:`\\lambda` by :math:`1 - \\eta\\lambda`; the worst factor,
    :math:`\\max(|1 - \\eta\\lambda_{\\min}|, |1 - \\eta\\lambda_{\\max}|)`, is
    smallest when the two are equal, at
    :math:`\\eta = 2/(\\lambda_{\\max} + \\lambda_{\\min})`, where it is

    .. math:: \\frac{\\lambda_{\\max} - \\lambda_{\\min}}{\\lambda_{\\max} + \\lambda_{\\min}}
              = \\frac{\\kappa - 1}{\\kappa + 1} .

    With momentum the error along that eigenvector follows
    :math:`e_{t+1} = (1 + \\beta - \\eta\\lambda)\\,e_t - \\beta\\,e_{t-1}`, whose
    roots have size :math:`\\sqrt\\beta` whenever they are complex. Choosing
    :math:`\\eta` and :math:`\\beta` so that both extreme eigenvalues sit on
    the edge of that case (a double root) gives Polyak's

    .. math:: \\eta = \\frac{4}{(\\sqrt{\\lambda_{\\max}} + \\sqrt{\\lambda_{\\min}})^2}, \\quad
              \\beta = \\Bigl(\\frac{\\sqrt\\kappa - 1}{\\sqrt\\kappa + 1}\\Bigr)^2, \\quad
              \\text{factor } \\sqrt\\beta = \\frac{\\sqrt\\kappa - 1}{\\sqrt\\kappa + 1} .

    Book section: Calculus, *Optimization algorithms*.

    Parameters
    ----------
    A : array_like, shape (n, n)
        The Hessian, symmetric positive definite.
    """
    bound = stability_bound(as_matrix(A, "A", square=True))
    largest, smallest = bound.largest, float(bound.eigenvalues[-1])
    kappa = bound.condition_number
    root = math.sqrt(kappa)
    momentum_rate = (root - 1) / (root + 1)
    return QuadraticRates(
        bound, 2 / (largest + smallest), (kappa - 1) / (kappa + 1),
        4 / (math.sqrt(largest) + math.sqrt(smallest)) ** 2, momentum_rate ** 2, momentum_rate)


def convergence_rate(path, minimum, start: int | None = None) -> float:
    """The factor per step by which a run's distance to ``minimum`` shrank.

    .. math:: \\Bigl(\\frac{\\lVert\\mathbf w^{(T)} - \\mathbf w^*\\rVert}
              {\\lVert\\mathbf w^{(s)} - \\mathbf w^*\\rVert}\\Bigr)^{1/(T - s)}

    over the steps from ``start`` (:math:`s`, by default half-way) to the
    last, :math:`T`: the geometric mean of the factors, measured late enough
    for the fastest-shrinking directions to have gone. Book section:
    Calculus, *Optimization algorithms*.

    Parameters
    ----------
    path : array_like, shape (T + 1, n)
        The iterates, as in :attr:`OptimizerResult.path`.
    minimum : array_like, shape (n,)
        :math:`\\mathbf w^*`.
    start : int, optional
        :math:`s`, from 0 to :math:`T - 1`.

    Raises
    ------
    ValueError
        If ``path`` is not a finite table of at least two iterates of the size
        of ``minimum``, ``start`` is out of range, or the distance at ``start``
        is already 0 (there is nothing left to shrink).
    """
    path = as_matrix(path, "path", min_rows=2)
    minimum = as_vector(minimum, "minimum", size=path.shape[1])
    last = len(path) - 1
    start = last // 2 if start is None else as_int(start, "start", low=0, high=last - 1)
    first, final = (float(np.linalg.norm(path[k] - minimum)) for k in (start, last))
    if first == 0:
        raise ValueError(f"start must be a step still away from the minimum, got step {start}, "
                         "which is on it")
    return (final / first) ** (1 / (last - start))

