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
from mlmath.calculus import derivatives as _derivatives
from mlmath.calculus import gradients as _gradients
from mlmath.calculus import curvature as _curvature
from mlmath.calculus import descent as _descent
from mlmath.calculus import autodiff as _autodiff

# One line per module: a new chapter's module adds its own.
__all__: list[str] = [
    *_derivatives.__all__,
    *_gradients.__all__,
    *_curvature.__all__,
    *_descent.__all__,
    *_autodiff.__all__,
]
