"""The plots figures draw on: sized for every screen, coloured from the palette.

Every canvas scales with its column: it is as wide as its cell of the figure
(:class:`~mlmath.figures.kit.layout.Panels`), never wider than the ``width``
it was made with, and keeps the proportions ``width : height`` on a phone as
on a desktop. Text in it keeps its size in pixels (12-13 px), so a narrow
screen shows the same words at the same size, with less room between them.

No toolbar: the figures teach by their controls, and a wheel zoom that
captures the page's scrolling helps nobody. Every colour is set from
:mod:`~mlmath.figures.kit.palette`, none left to Bokeh's defaults, so that
the page can turn the whole plot dark.
"""

from __future__ import annotations

from bokeh.models import DataRange1d, Span
from bokeh.plotting import figure

from mlmath.figures.kit import palette

__all__ = ["PLOT_PX", "PLOT_INCHES", "axes_through_origin", "board", "canvas",
           "square_canvas", "theme_legend"]

#: A square plot's width in CSS pixels on a wide screen, and in inches in the twin.
PLOT_PX = 440
PLOT_INCHES = 4.6
TITLE_FONT = "13px"
TICK_FONT = "12px"
AXIS_LABEL_FONT = "13px"


def _theme(plot) -> None:
    """Set every colour and font of ``plot`` that Bokeh would otherwise default."""
    plot.background_fill_color = palette.PAPER
    plot.border_fill_color = palette.PAPER
    plot.outline_line_color = palette.RULE
    plot.title.text_color = palette.INK_SOFT
    plot.title.text_font_size = TITLE_FONT
    for axis in plot.axis:
        axis.axis_line_color = palette.GREY
        axis.major_tick_line_color = palette.GREY
        axis.minor_tick_line_color = palette.GREY
        axis.major_label_text_color = palette.INK_SOFT
        axis.major_label_text_font_size = TICK_FONT
        axis.axis_label_text_color = palette.INK_SOFT
        axis.axis_label_text_font_size = AXIS_LABEL_FONT
        axis.axis_label_text_font_style = "normal"
    for grid in plot.grid:
        grid.grid_line_color = palette.RULE


def theme_legend(legend) -> None:
    """Set every colour of a plot's legend from the palette (Bokeh draws it on
    #f1f1f1 and white otherwise, which would stay light in dark mode)."""
    legend.background_fill_color = legend.item_background_fill_color = palette.PAPER
    legend.inactive_fill_color = palette.PAPER
    legend.border_line_color = palette.RULE
    legend.label_text_color = palette.INK_SOFT


def canvas(name: str, *, title: str, width: int, height: int, **options):
    """A plot ``width`` × ``height`` CSS pixels at most, scaling down with its column.

    ``options`` go to :func:`bokeh.plotting.figure` (ranges, axis types, ...).
    """
    plot = figure(name=name, title=title, tools="", toolbar_location=None,
                  sizing_mode="stretch_width", aspect_ratio=width / height,
                  max_width=width, **options)
    _theme(plot)
    return plot


def board(name: str, *, title: str, x_range, y_range, width: int, height: int):
    """A canvas used as a drawing board: no axes, no grid, no frame.

    For tables and schemes drawn in data units; ``width / height`` should
    match the ranges' proportions, so that a unit square stays square.
    """
    plot = canvas(name, title=title, width=width, height=height, x_range=x_range,
                  y_range=y_range)
    plot.axis.visible = False
    plot.grid.visible = False
    plot.outline_line_color = None
    return plot


def square_canvas(name: str, limit: float, *, title: str, size: int = PLOT_PX,
                  labels: tuple[str, str] = ("x₁", "x₂")):
    """A plot of the plane from ``-limit`` to ``limit`` on both axes, with one
    unit as long across as up, whatever the screen.

    The axes and the title take fixed pixels out of a square that scales, so
    a fixed range would draw circles as ovals on a phone. The ranges are
    instead fitted to an invisible square of corners and widened in one
    direction to make the units equal (Bokeh's ``match_aspect``).
    """
    corners = ([-limit, limit, limit, -limit], [-limit, -limit, limit, limit])
    x_range = DataRange1d(range_padding=0, name=f"{name}-x")
    y_range = DataRange1d(range_padding=0, name=f"{name}-y")
    plot = canvas(name, title=title, width=size, height=size, x_range=x_range,
                  y_range=y_range, match_aspect=True)
    frame = plot.scatter(*corners, size=0, alpha=0)
    frame.data_source.name = f"{name}-frame"  # a callback may move the corners
    x_range.renderers = y_range.renderers = [frame]
    plot.xaxis.axis_label, plot.yaxis.axis_label = labels
    plot.grid.grid_line_alpha = 0.8
    return plot


def axes_through_origin(plot) -> None:
    """Draw the two coordinate axes as thin grey lines through the origin."""
    for dimension in ("width", "height"):
        plot.add_layout(Span(location=0, dimension=dimension, line_color=palette.GREY,
                             line_width=1))
