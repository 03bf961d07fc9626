"""IPython extension for the kernels that execute the book's chapters.

The book's Sphinx extension (:mod:`mlmath.book.extension`) gives the build's
kernels an IPython profile that loads this module. A chapter may draw a plain
matplotlib figure and end with ``plt.show()``; IPython's inline backend would
keep it as a PNG at the figure's 100 dpi, which the PDF prints blurred. Here
every matplotlib figure is kept as

``image/png``
    at twice the figure's dpi, displayed at its width (IPython's "retina"
    format, without a fixed height): sharp on high-density screens, for the
    HTML page;
``application/pdf``
    vector, made by :func:`mlmath.figures.kit.pdf_bytes` like the static twins
    of the interactive figures: the PDF book prefers it.

Readers' own kernels (JupyterLab, Colab) do not load it: they get IPython's
defaults.
"""

from __future__ import annotations

import base64

__all__ = ["load_ipython_extension"]


def _png(figure):
    """The retina PNG and its display width. Not its height: a page narrower
    than the figure scales it down (``max-width: 100%``), and a fixed height
    would then squash it."""
    from IPython.core.pylabtools import retina_figure

    shown = retina_figure(figure, base64=True, bbox_inches="tight")
    if shown is None:
        return None
    data, metadata = shown
    return data, {"width": metadata["width"]}


def _pdf(figure) -> str | None:
    from mlmath.figures.kit.display import pdf_bytes

    if not figure.axes:  # as IPython does: an empty figure shows nothing
        return None
    return base64.b64encode(pdf_bytes(figure, bbox_inches="tight")).decode("ascii")


def load_ipython_extension(ipython) -> None:
    """Register the book's PNG and PDF formatters for matplotlib figures."""
    from matplotlib.figure import Figure

    # Importing the inline backend sets IPython's figure formatters (it clears
    # any made before), so it goes first and ours replace its own.
    import matplotlib_inline.backend_inline  # noqa: F401

    formatters = ipython.display_formatter.formatters
    formatters["image/png"].for_type(Figure, _png)
    formatters["application/pdf"].for_type(Figure, _pdf)
