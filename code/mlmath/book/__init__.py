"""Build glue for the book: how figures are displayed, rendered and served.

``display``
    :class:`BookFigure`, the object a chapter cell returns to show a figure.
``render``
    the myst-nb renderer that carries figures' alt text into HTML and PDF.
``extension``
    the Sphinx extension: offline BokehJS, and re-execution of the
    chapters when this package's source changes.
``math``
    the math typeset at build time by MathJax 3 in Node: pages load no MathJax.
``styles``
    the pages' one stylesheet: the theme's CSS bundled and purged by
    PurgeCSS, icon fonts subset to the icons the book shows.
``kernel``
    the IPython extension the build's kernels load: plain matplotlib figures
    as a sharp PNG and a vector PDF.
"""

from mlmath.book.display import BookFigure

__all__ = ["BookFigure"]
