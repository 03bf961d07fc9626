"""Figures of Part I, Linear Algebra, one module per chapter.

``vectors``
    :func:`fig_vector_addition`.
``matrices``
    :func:`fig_data_matrix` (chapter *Matrices*) and
    :func:`fig_matrix_multiplication` (chapter *Matrix multiplication*).
"""

from mlmath.figures.linalg.matrices import fig_data_matrix, fig_matrix_multiplication
from mlmath.figures.linalg.vectors import fig_vector_addition

__all__ = ["fig_vector_addition", "fig_data_matrix", "fig_matrix_multiplication"]
