"""mlmath: the shared code of *Math for Machine Learning*.

Subpackages and modules, by area of mathematics:

``mlmath.linalg``
    vectors and matrices, from scratch in NumPy (Part I).
``mlmath.data``
    small seeded data sets generated for the book (never downloaded).
``mlmath.figures``
    one builder per interactive figure, each returning a
    :class:`~mlmath.book.display.BookFigure` (Bokeh layout + static twin).
``mlmath.book``
    build glue: the display helper, the myst-nb renderer, the Sphinx extension.

Calculus, probability and the models of Part IV join as ``mlmath.calculus``,
``mlmath.probability`` and ``mlmath.models`` with the chapters that teach them.
"""

from mlmath import data, linalg

__version__ = "0.1.0"
__all__ = ["data", "linalg", "__version__"]
