"""The interactive figures of Part IV (Machine Learning Concepts), one module per figure.

Each module ``<name>`` holds ``fig_<name>`` and ``page_state``; its
callback is ``figures/js/<name>.js``.

``click_to_fit``
    the least-squares line through points the reader adds, drags and deletes
    (chapter *Linear regression*).
"""

from mlmath.figures.models.click_to_fit import fig_click_to_fit

__all__: list[str] = [
    "fig_click_to_fit",
]
