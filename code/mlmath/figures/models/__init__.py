"""The interactive figures of Part IV (Machine Learning Concepts), one module per figure.

Each module ``<name>`` holds ``fig_<name>`` and ``page_state``; its
callback is ``figures/js/<name>.js``.
"""

from mlmath.figures.models.network_playground import fig_network_playground

__all__: list[str] = [
    "fig_network_playground",
]
