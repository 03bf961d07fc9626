"""The interactive figures of Part IV (Machine Learning Concepts), one module per figure.

Each module ``<name>`` holds ``fig_<name>`` and ``page_state``; its
callback is ``figures/js/<name>.js``.
"""

from mlmath.figures.models.kmeans_steps import fig_kmeans_steps
from mlmath.figures.models.logistic_explorer import fig_logistic_explorer

__all__: list[str] = [
    "fig_kmeans_steps",
    "fig_logistic_explorer",
]
