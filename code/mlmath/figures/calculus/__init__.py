"""The interactive figures of Part II (Calculus), one module per figure.

Each module ``<name>`` holds ``fig_<name>`` and ``page_state``; its
callback is ``figures/js/<name>.js``.
"""

from mlmath.figures.calculus.computational_graph import fig_computational_graph
from mlmath.figures.calculus.derivative_explorer import fig_derivative_explorer
from mlmath.figures.calculus.descent_simulation import fig_descent_simulation
from mlmath.figures.calculus.gradient_field import fig_gradient_field
from mlmath.figures.calculus.optimizer_race import fig_optimizer_race

__all__: list[str] = [
    "fig_computational_graph",
    "fig_derivative_explorer",
    "fig_descent_simulation",
    "fig_gradient_field",
    "fig_optimizer_race",
]
