"""Interactive figures, one builder per figure, grouped by part of the book.

Every builder returns a :class:`~mlmath.book.display.BookFigure`; ending a
notebook cell with it shows the interactive figure in HTML and Jupyter and its
static twin in the PDF.
"""

from mlmath.figures.linalg import (
    fig_data_matrix,
    fig_dot_product,
    fig_linear_transformation,
    fig_low_rank_image,
    fig_matrix_multiplication,
    fig_pca_explorer,
    fig_ridge_lasso,
    fig_vector_addition,
)

__all__ = [
    "fig_vector_addition", "fig_data_matrix", "fig_matrix_multiplication",
    "fig_dot_product", "fig_linear_transformation", "fig_pca_explorer",
    "fig_ridge_lasso", "fig_low_rank_image",
]
