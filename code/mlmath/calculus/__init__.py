"""Calculus from scratch (Part II of the book), one module per chapter.

``derivatives``
    derivatives by their definition: forward and central differences, their
    errors, and the exact derivatives of the chapter's functions.
``gradients``
    partial derivatives, gradients, directional derivatives, and the gradient
    check every analytic gradient in the package is tested with.

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
from mlmath.calculus import derivatives as _derivatives
from mlmath.calculus import gradients as _gradients

# One line per module: a new chapter's module adds its own.
__all__: list[str] = [
    *_derivatives.__all__,
    *_gradients.__all__,
]
