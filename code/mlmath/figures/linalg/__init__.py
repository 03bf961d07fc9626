"""Figures of Part I, Linear Algebra, one module per chapter.

``vectors``
    :func:`fig_vector_addition`.
``matrices``
    :func:`fig_data_matrix` (chapter *Matrices*) and
    :func:`fig_matrix_multiplication` (chapter *Matrix multiplication*).
``dot``
    :func:`fig_dot_product`.
``eigen``
    :func:`fig_linear_transformation`.
``pca``
    :func:`fig_pca_explorer`.
``norms``
    :func:`fig_ridge_lasso` (chapter *Norms and the SVD*).
``svd``
    :func:`fig_low_rank_image` (chapter *Norms and the SVD*).
"""

from mlmath.figures.linalg.dot import fig_dot_product
from mlmath.figures.linalg.eigen import fig_linear_transformation
from mlmath.figures.linalg.matrices import fig_data_matrix, fig_matrix_multiplication
from mlmath.figures.linalg.norms import fig_ridge_lasso
from mlmath.figures.linalg.pca import fig_pca_explorer
from mlmath.figures.linalg.svd import fig_low_rank_image
from mlmath.figures.linalg.vectors import fig_vector_addition

__all__ = [
    "fig_vector_addition", "fig_data_matrix", "fig_matrix_multiplication",
    "fig_dot_product", "fig_linear_transformation", "fig_pca_explorer",
    "fig_ridge_lasso", "fig_low_rank_image",
]
