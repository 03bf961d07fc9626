"""Figures of Part I, Linear Algebra, one module per chapter.

``vectors``
    :func:`fig_vector_addition`.
``eigen``
    :func:`fig_linear_transformation`.
``pca``
    :func:`fig_pca_explorer`.
"""

from mlmath.figures.linalg.eigen import fig_linear_transformation
from mlmath.figures.linalg.pca import fig_pca_explorer
from mlmath.figures.linalg.vectors import fig_vector_addition

__all__ = ["fig_vector_addition", "fig_linear_transformation", "fig_pca_explorer"]
