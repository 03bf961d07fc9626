"""Figures of Part I, Linear Algebra: one module per figure, named like its
callback in ``figures/js/`` and its test in ``tests/figures/``.

``vector_addition``
    :func:`fig_vector_addition` (chapter *Vectors*).
``data_matrix``
    :func:`fig_data_matrix` (chapter *Matrices*).
``matrix_multiplication``
    :func:`fig_matrix_multiplication` (chapter *Matrix multiplication*).
``column_picture``
    :func:`fig_column_picture` (chapter *Linear systems, the inverse and rank*).
``dot_product``
    :func:`fig_dot_product` (chapter *The dot product*).
``least_squares``
    :func:`fig_least_squares` (chapter *Orthogonality, projections and least squares*).
``linear_transformation``
    :func:`fig_linear_transformation` (chapter *Eigenvalues and eigenvectors*).
``pca_explorer``
    :func:`fig_pca_explorer` (chapter *Principal component analysis*).
``ridge_lasso``, ``low_rank_image``
    :func:`fig_ridge_lasso` and :func:`fig_low_rank_image` (chapter *Norms and the SVD*).
"""

from mlmath.figures.linalg.column_picture import fig_column_picture
from mlmath.figures.linalg.data_matrix import fig_data_matrix
from mlmath.figures.linalg.dot_product import fig_dot_product
from mlmath.figures.linalg.least_squares import fig_least_squares
from mlmath.figures.linalg.linear_transformation import fig_linear_transformation
from mlmath.figures.linalg.low_rank_image import fig_low_rank_image
from mlmath.figures.linalg.matrix_multiplication import fig_matrix_multiplication
from mlmath.figures.linalg.pca_explorer import fig_pca_explorer
from mlmath.figures.linalg.ridge_lasso import fig_ridge_lasso
from mlmath.figures.linalg.vector_addition import fig_vector_addition

__all__ = [
    "fig_vector_addition", "fig_data_matrix", "fig_matrix_multiplication",
    "fig_dot_product", "fig_linear_transformation", "fig_pca_explorer",
    "fig_ridge_lasso", "fig_low_rank_image", "fig_column_picture", "fig_least_squares",
]
