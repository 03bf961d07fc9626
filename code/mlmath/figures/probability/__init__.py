"""The interactive figures of Part III (Probability & Statistics), one module per figure.

Each module ``<name>`` holds ``fig_<name>`` and ``page_state``; its
callback is ``figures/js/<name>.js``.
"""

from mlmath.figures.probability.bayes_explorer import fig_bayes_explorer
from mlmath.figures.probability.distribution_explorer import fig_distribution_explorer
from mlmath.figures.probability.likelihood_explorer import fig_likelihood_explorer
from mlmath.figures.probability.normal_explorer import fig_normal_explorer
from mlmath.figures.probability.cross_validation_explorer import fig_cross_validation_explorer

__all__: list[str] = [
    "fig_bayes_explorer",
    "fig_distribution_explorer",
    "fig_likelihood_explorer",
    "fig_normal_explorer",
    "fig_cross_validation_explorer",
]
