"""Looks shared by every figure: palette, sizes, and the plain Bokeh canvas.

Colours are the Okabe–Ito palette, chosen to stay distinct for readers with
colour-vision deficiencies; every series is also told apart by something other
than colour (a label at its tip, a dash pattern, a line width).
"""

from __future__ import annotations

from importlib import resources

from bokeh.models import CustomJS
from bokeh.plotting import figure

#: Okabe–Ito colours with at least 4.5:1 contrast on white (WCAG AA for text:
#: the figures write labels in them; tests/figures/test_style.py checks).
BLUE = "#0072B2"
VERMILLION = "#C05200"  # Okabe–Ito vermillion (#D55E00, 3.9:1), darkened for text contrast
GREEN = "#007A5A"  # Okabe–Ito bluish green, darkened for text contrast
PURPLE = "#8E4B7C"  # Okabe–Ito reddish purple, darkened for text contrast
GREY = "#6B6B6B"

#: Canvas size in CSS pixels, and the same size in inches for matplotlib twins.
PLOT_PX = 440
PLOT_INCHES = 4.6


def square_canvas(limit: float, *, name: str, title: str):
    """An empty, square Bokeh plot spanning ``[-limit, limit]`` on both axes.

    No toolbar: the figures teach by their sliders, and a wheel-zoom that
    captures the page's scrolling helps nobody.
    """
    plot = figure(
        name=name,
        title=title,
        width=PLOT_PX,
        height=PLOT_PX,
        x_range=(-limit, limit),
        y_range=(-limit, limit),
        tools="",
        toolbar_location=None,
        match_aspect=True,
    )
    plot.xaxis.axis_label = "x₁"
    plot.yaxis.axis_label = "x₂"
    for axis in (plot.xaxis, plot.yaxis):
        axis.axis_label_text_font_style = "normal"
    plot.grid.grid_line_alpha = 0.5
    return plot


def axes_through_origin(plot) -> None:
    """Draw the two coordinate axes as thin grey lines through the origin."""
    from bokeh.models import Span

    for dimension in ("width", "height"):
        plot.add_layout(Span(location=0, dimension=dimension,
                             line_color=GREY, line_width=1))


def js_callback(filename: str, **args) -> CustomJS:
    """A ``CustomJS`` whose code is ``figures/js/<filename>``, after ``fixed.js``.

    Every callback can so write numbers with ``fixed(x, digits, trim)``, exactly
    as Python's :func:`mlmath.figures._numbers.to_fixed` does. Files are found
    through :mod:`importlib.resources`, never relative to the working directory
    (each chapter runs in its own folder during the build).
    """
    folder = resources.files("mlmath.figures").joinpath("js")
    code = folder.joinpath("fixed.js").read_text("utf-8") + "\n" + \
        folder.joinpath(filename).read_text("utf-8")
    return CustomJS(args=args, code=code)


def mpl_square_axes(figure_, limit: float, title: str):
    """A square matplotlib axes matching :func:`square_canvas`."""
    ax = figure_.add_subplot()
    ax.set_xlim(-limit, limit)
    ax.set_ylim(-limit, limit)
    ax.set_aspect("equal")
    ax.axhline(0, color=GREY, linewidth=0.8)
    ax.axvline(0, color=GREY, linewidth=0.8)
    ax.grid(alpha=0.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title, fontsize=10)
    return ax
