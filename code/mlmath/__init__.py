"""mlmath: the shared code of *Math for Machine Learning*.

Subpackages and modules, by area of mathematics:

``mlmath.linalg``
    vectors and matrices, from scratch in NumPy (Part I).
``mlmath.data``
    small seeded data sets generated for the book (never downloaded).
``mlmath.figures``
    one module per interactive figure, each builder returning a
    :class:`~mlmath.figures.kit.BookFigure` (the live figure and its static
    twin), made with the figure kit :mod:`mlmath.figures.kit`.
``mlmath.book``
    build glue: the myst-nb renderer, the Sphinx extension, the PDF's and the
    notebooks' additions. It uses the figures; nothing else uses it.

Dependencies run one way: chapters → figures → algorithms and data; the
build glue sits apart.

Calculus, probability and the models of Part IV join as ``mlmath.calculus``,
``mlmath.probability`` and ``mlmath.models`` with the chapters that teach them.
"""

from mlmath import data, linalg

__version__ = "0.1.0"
__all__ = ["data", "linalg", "__version__"]
