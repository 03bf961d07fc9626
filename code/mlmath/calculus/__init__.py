"""Calculus from scratch (Part II of the book), one module per chapter.

``derivatives``
    derivatives by their definition: forward and central differences, their
    errors, and the exact derivatives of the chapter's functions.
``gradients``
    partial derivatives, gradients, directional derivatives, and the gradient
    check every analytic gradient in the package is tested with.
``descent``, ``curvature``
    gradient descent with momentum, its stability bound on a quadratic, the
    chapter's test surfaces, and Hessians (exact, and by central differences).
``autodiff``
    reverse-mode automatic differentiation: ``Value``, a number that records
    its computational graph, and its backward pass (backpropagation).
``optimizers``, ``newton``, ``convergence``, ``stochastic``
    SGD, momentum, RMSProp and Adam as update rules run by ``optimize``;
    Newton's method; the rates of gradient descent and momentum on a quadratic,
    and the race of optimizers on test surfaces; mini-batch gradients of least
    squares and the noise they bring.

Everything public is re-exported here, so chapters write ``calculus.central_difference(...)``.
"""

from mlmath.calculus.derivatives import (
    FUNCTIONS,
    central_difference,
    difference_errors,
    forward_difference,
)
from mlmath.calculus.gradients import (
    GRADIENT_CHECK_TOLERANCE,
    bowl,
    bowl_gradient,
    directional_derivative,
    gradient_check,
    numerical_gradient,
    rosenbrock,
    rosenbrock_gradient,
)
from mlmath.calculus.curvature import (
    DOUBLE_WELL_TILT,
    bowl_hessian,
    double_well,
    double_well_gradient,
    double_well_hessian,
    double_well_minima,
    numerical_hessian,
    rosenbrock_hessian,
)
from mlmath.calculus.descent import (
    DIVERGENCE_LIMIT,
    SURFACES,
    DescentResult,
    StabilityBound,
    Surface,
    gradient_descent,
    stability_bound,
)
from mlmath.calculus.autodiff import (
    BackwardStep,
    Contribution,
    NeuronGraph,
    Value,
    backward_steps,
    neuron_squared_error,
    value_and_gradient,
)

from mlmath.calculus.optimizers import Adam, Momentum, OptimizerResult, RMSProp, SGD, optimize
from mlmath.calculus.newton import Newton
from mlmath.calculus.convergence import (
    DEFAULT_RULES,
    LEARNING_RATE_GRID,
    RACE_BUDGET,
    RACE_STARTS,
    RACE_SURFACES,
    RACE_TOLERANCE,
    QuadraticRates,
    RaceRun,
    Tuning,
    convergence_rate,
    quadratic_rates,
    steps_to_tolerance,
    tune_learning_rate,
)
from mlmath.calculus.stochastic import LeastSquares
from mlmath.calculus import derivatives as _derivatives
from mlmath.calculus import gradients as _gradients
from mlmath.calculus import curvature as _curvature
from mlmath.calculus import descent as _descent
from mlmath.calculus import autodiff as _autodiff

from mlmath.calculus import optimizers as _optimizers
from mlmath.calculus import newton as _newton
from mlmath.calculus import convergence as _convergence
from mlmath.calculus import stochastic as _stochastic

# One line per module: a new chapter's module adds its own.
__all__: list[str] = [
    *_derivatives.__all__,
    *_gradients.__all__,
    *_curvature.__all__,
    *_descent.__all__,
    *_autodiff.__all__,
    *_optimizers.__all__,
    *_newton.__all__,
    *_convergence.__all__,
    *_stochastic.__all__,
]
