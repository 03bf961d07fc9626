"""The figure kit: what every interactive figure of the book is made of.

A figure is one module in ``mlmath.figures.<part>`` (``vector_addition.py``),
one callback in ``figures/js/`` (``vector_addition.js``) and one test file
(``tests/figures/test_vector_addition.py``). Its builder ``fig_<name>(...)``
checks its arguments, computes every number with the part's algorithms,
and returns a :class:`BookFigure` of three things built with this kit:

- the interactive figure, as *parts*: :class:`Controls` (sliders from
  :class:`SliderSpec`), a :func:`readout` and :class:`Panels` of plots from
  :func:`canvas`, :func:`square_canvas` or :func:`board`, its controls linked
  to a :func:`callback` with :func:`link`;
- the static twin, a matplotlib figure from :func:`twin`;
- the alt text, what the figure shows in words.

The module also has a function ``page_state(values)``: what the callback must
show for given control values (``{model name: {property: value}}``), computed
in Python. The tests run the callback in BokehJS and compare (see
``tests/figures/bokehjs.py``).

Modules: :mod:`~mlmath.figures.kit.palette` (colours, light and dark),
:mod:`~mlmath.figures.kit.numbers` (numbers written as the page writes them),
:mod:`~mlmath.figures.kit.widgets`, :mod:`~mlmath.figures.kit.canvas`,
:mod:`~mlmath.figures.kit.callbacks`, :mod:`~mlmath.figures.kit.layout`
(phone to desktop), :mod:`~mlmath.figures.kit.static`,
:mod:`~mlmath.figures.kit.display` (the three media), :mod:`~mlmath.figures.kit.legends`
(legends that a moving figure does not redraw) and
:mod:`~mlmath.figures.kit.bokehjs`.
"""

from mlmath.figures.kit import palette
from mlmath.figures.kit.bokehjs import BOOK_BUILD_ENV
from mlmath.figures.kit.callbacks import TAP_TAG, callback, link, tap_moves
from mlmath.figures.kit.canvas import (PLOT_INCHES, PLOT_PX, axes_through_origin, board,
                                       canvas, square_canvas, theme_legend)
from mlmath.figures.kit.display import FIGURE_MARKER, BookFigure, pdf_bytes
from mlmath.figures.kit.layout import (NARROW_PX, PHONE_COLUMN_PX, Controls, Panels, Readout,
                                       text_lines)
from mlmath.figures.kit.numbers import MINUS, paren, subscript, to_fixed
from mlmath.figures.kit.palette import tint
from mlmath.figures.kit.static import square_axes, twin
from mlmath.figures.kit.widgets import SliderSpec, readout

__all__ = [
    "BOOK_BUILD_ENV", "FIGURE_MARKER", "MINUS", "NARROW_PX", "PHONE_COLUMN_PX", "PLOT_INCHES",
    "PLOT_PX", "TAP_TAG", "BookFigure", "Controls", "Panels", "Readout", "SliderSpec",
    "axes_through_origin", "board", "callback", "canvas", "link", "palette", "paren",
    "pdf_bytes", "readout", "square_axes", "square_canvas", "subscript", "tap_moves",
    "text_lines", "theme_legend", "tint", "to_fixed", "twin",
]
