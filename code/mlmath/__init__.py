"""mlmath: the shared code of *Math for Machine Learning*.

Subpackages and modules, by area of mathematics:

``mlmath.linalg``
    vectors and matrices, from scratch in NumPy (Part I).
``mlmath.calculus``
    derivatives, gradients and the optimizers built on them (Part II).
``mlmath.probability``
    distributions, estimation and validation (Part III).
``mlmath.models``
    the models of machine learning, built on the three above (Part IV).
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
"""

from mlmath import calculus, data, linalg, models, probability

__version__ = "0.1.0"
__all__ = ["calculus", "data", "linalg", "models", "probability", "__version__"]
