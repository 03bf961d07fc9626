"""Figures of Part I, Linear Algebra, one module per chapter.

``vectors``
    :func:`fig_vector_addition`.
"""

from mlmath.figures.linalg.vectors import fig_vector_addition

__all__ = ["fig_vector_addition"]
