"""The interactive figures of Part IV (Machine Learning Concepts), one module per figure.

Each module ``<name>`` holds ``fig_<name>`` and ``page_state``; its
callback is ``figures/js/<name>.js``.

``split_explorer``
    :func:`fig_split_explorer` (chapter *Decision trees*).
"""

from mlmath.figures.models.split_explorer import fig_split_explorer

__all__: list[str] = [
    "fig_split_explorer",
]
