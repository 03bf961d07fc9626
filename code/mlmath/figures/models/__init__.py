"""The interactive figures of Part IV (Machine Learning Concepts), one module per figure.

Each module ``<name>`` holds ``fig_<name>`` and ``page_state``; its
callback is ``figures/js/<name>.js``.

``click_to_fit``
    :func:`fig_click_to_fit`, the least-squares line through points the reader
    adds, drags and deletes (chapter *Linear regression*).
``logistic_explorer`` (numbers in ``logistic_explorer_state``)
    :func:`fig_logistic_explorer`, the sigmoid and the decision boundary steered
    by their weights, with k steps of gradient descent (chapter *Logistic regression*).
``network_playground`` (numbers in ``network_playground_state``)
    :func:`fig_network_playground`, a two-layer network that trains in the page
    (chapter *Neural networks*).
``split_explorer``
    :func:`fig_split_explorer` (chapter *Decision trees*).
``kmeans_steps``
    :func:`fig_kmeans_steps` (chapter *Clustering and k-means*).
``ridge_path``
    :func:`fig_ridge_path`, a degree-12 ridge fit, its weights and its training and
    cross-validation errors as the penalty strength α moves over its log scale
    (chapter *Regularisation*).
"""

from mlmath.figures.models.click_to_fit import fig_click_to_fit
from mlmath.figures.models.kmeans_steps import fig_kmeans_steps
from mlmath.figures.models.logistic_explorer import fig_logistic_explorer
from mlmath.figures.models.network_playground import fig_network_playground
from mlmath.figures.models.ridge_path import fig_ridge_path
from mlmath.figures.models.split_explorer import fig_split_explorer

__all__: list[str] = [
    "fig_click_to_fit",
    "fig_logistic_explorer",
    "fig_network_playground",
    "fig_split_explorer",
    "fig_kmeans_steps",
    "fig_ridge_path",
]
