"""Static twins: the matplotlib drawings of a figure for print and notebooks.

Twins are always light (the PDF is printed on paper) and use the palette's
light values, so a twin and the page's light mode look alike.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from mlmath.figures.kit import palette
from mlmath.figures.kit.canvas import PLOT_INCHES

__all__ = ["square_axes", "twin"]


def twin(width: float = PLOT_INCHES, height: float = PLOT_INCHES) -> Figure:
    """An empty twin ``width`` × ``height`` inches, laid out by matplotlib.

    A ``matplotlib.figure.Figure``, not ``pyplot``'s: Jupyter then shows it
    only through the :class:`~mlmath.figures.kit.BookFigure` that holds it.
    """
    return Figure(figsize=(width, height), layout="constrained")


def square_axes(figure: Figure, limit: float, title: str, *, ax=None,
                labels: tuple[str, str] = ("$x_1$", "$x_2$"), title_size: float = 10):
    """Square axes from ``-limit`` to ``limit``, the twin of
    :func:`~mlmath.figures.kit.square_canvas`, with axes through the origin:
    a new subplot of ``figure``, or ``ax`` (one of several panels) styled so."""
    ax = figure.add_subplot() if ax is None else ax
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.axhline(0, color=palette.GREY, linewidth=0.8)
    ax.axvline(0, color=palette.GREY, linewidth=0.8)
    ax.grid(alpha=0.3)
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.set_title(title, fontsize=title_size)
    return ax
