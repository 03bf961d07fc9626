"""Interactive figures, one builder per figure, grouped by part of the book.

Every builder returns a :class:`~mlmath.book.display.BookFigure`; ending a
notebook cell with it shows the interactive figure in HTML and Jupyter and its
static twin in the PDF.
"""

from mlmath.figures.linalg import fig_linear_transformation, fig_pca_explorer, fig_vector_addition

__all__ = ["fig_vector_addition", "fig_linear_transformation", "fig_pca_explorer"]
