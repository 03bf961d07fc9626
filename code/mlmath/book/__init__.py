"""Build glue for the book: how figures are displayed, rendered and served.

``display``
    :class:`BookFigure`, the object a chapter cell returns to show a figure.
``render``
    the myst-nb renderer that carries figures' alt text into HTML and PDF.
``extension``
    the Sphinx extension: offline BokehJS and MathJax, and re-execution of the
    chapters when this package's source changes.
"""

from mlmath.book.display import BookFigure

__all__ = ["BookFigure"]
