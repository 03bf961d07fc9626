"""How a figure's parts share the screen: the same figure on a phone and a desktop.

A figure is a column of *parts*, top to bottom:

:class:`Controls`
    sliders, menus and buttons in a grid of ``columns`` columns; one column
    when the figure is narrow.
:class:`Readout`
    the line of numbers the controls change (a ``Div`` made by
    :func:`~mlmath.figures.kit.readout`; a bare ``Div`` is read as one).
:class:`Panels`
    one or more plots side by side, each as wide as its share of the column
    and never wider than it was made (:func:`~mlmath.figures.kit.canvas`);
    stacked, one above the other, when the figure is narrow.

Every part is its own Bokeh root inside HTML and CSS of the book's own
(:data:`STYLESHEET`): the page, not BokehJS, decides where each goes, with a
CSS container query on the figure's width (narrow below :data:`NARROW_PX`).
Every cell reserves the room its content will take before BokehJS has
drawn it (a plot by its proportions, a control or a readout by a height in
pixels), so that nothing on the page moves when the figure appears, nor
when a reader's slider makes the readout longer or shorter.

Heights of Bokeh 3.9's widgets (with the book's styles) were measured in
Chromium; ``tests/browser/test_figure_layout.py`` checks every figure's
reservation against what is drawn, at phone, tablet and desktop widths.
"""

from __future__ import annotations

import html
import math
import re

from bokeh.model import Model
from bokeh.models import (AbstractSlider, Column, Div, GridBox, InputWidget, Markup, Plot,
                          Row, Widget)

from mlmath.figures.kit import palette
from mlmath.figures.kit.widgets import READOUT_FONT_PX, READOUT_LINE_HEIGHT

__all__ = ["Controls", "NARROW_PX", "Panels", "Readout", "STYLESHEET", "as_parts",
           "parts_html", "reserved_height"]

#: A figure narrower than this (a phone: the book's column is 312 px at 360)
#: stacks its controls in one column and its panels one above the other.
NARROW_PX = 560
#: The narrowest column the book is laid out for (a 360 px phone).
PHONE_COLUMN_PX = 312
PANEL_GAP_PX = 12
CONTROL_GAP_PX = 16

# Heights (CSS px) of the cells Bokeh 3.9 draws widgets in, margins included,
# with the kit's widget styles, measured in Chromium.
_SLIDER_PX = 52  # title line, track and a 26 px handle
_INPUT_PX = 43  # a select, a spinner or a text input, without its title
_TITLE_PX = 19  # the title line above an input
_BUTTON_PX = 41  # a button or a toggle
_CHAR_EM = 0.5  # the mean width of a character of running text, in em
_TAG = re.compile(r"<[^>]+>")
_LINE_BREAK = re.compile(r"<br\s*/?>|</?p\b[^>]*>", re.IGNORECASE)


def _margin(model) -> int:
    margin = getattr(model, "margin", None)
    if margin is None:
        return 0
    if isinstance(margin, (int, float)):
        return 2 * int(margin)
    top, _, bottom, _ = (tuple(margin) * 2)[:4] if len(margin) == 2 else margin
    return int(top) + int(bottom)


def _font_px(model) -> float:
    value = str((model.styles or {}).get("font-size", "")) if hasattr(model, "styles") else ""
    return float(value[:-2]) if value.endswith("px") else 16.0


def text_lines(markup: str, width_px: float, font_px: float) -> int:
    """How many lines ``markup`` (HTML) takes in a box ``width_px`` wide: one per
    ``<br>`` or paragraph, more where a line is longer than the box."""
    per_line = max(width_px / (_CHAR_EM * font_px), 1.0)
    segments = [html.unescape(_TAG.sub("", part)).strip() for part in _LINE_BREAK.split(markup)]
    return max(sum(math.ceil(len(part) / per_line) for part in segments if part), 1)


def reserved_height(model, width_px: float = PHONE_COLUMN_PX) -> int:
    """The height, in CSS px, that Bokeh draws ``model`` at (a control, or a small
    fixed-size layout of controls) in a cell ``width_px`` wide."""
    def spacing(layout) -> int:
        value = layout.spacing or 0
        return int(value[0] if isinstance(value, (tuple, list)) else value)

    if isinstance(model, Plot):
        own = model.height or 0
    elif isinstance(model, Column):
        children = [c for c in model.children if c.visible]
        own = sum(reserved_height(c, width_px) for c in children) \
            + spacing(model) * max(len(children) - 1, 0)
    elif isinstance(model, Row):
        own = max((reserved_height(c, width_px) for c in model.children), default=0)
    elif isinstance(model, GridBox):
        rows: dict[int, int] = {}
        for child, row, *_ in model.children:
            rows[row] = max(rows.get(row, 0), reserved_height(child, width_px))
        own = sum(rows.values()) + spacing(model) * max(len(rows) - 1, 0)
    elif isinstance(model, AbstractSlider):
        return _SLIDER_PX
    elif isinstance(model, InputWidget):
        return _INPUT_PX + (_TITLE_PX if model.title else 0)
    elif isinstance(model, Markup):
        font = _font_px(model)
        line_height = float((model.styles or {}).get("line-height", 1.3))
        width = min(width_px, model.width or width_px)
        own = math.ceil(line_height * font * text_lines(str(model.text), width, font))
    elif isinstance(model, Widget):
        return _BUTTON_PX
    else:
        own = 0
    return int(own) + _margin(model)


class Controls:
    """Controls in a grid of ``columns`` columns (one on a narrow screen).

    ``controls`` are widgets, or small fixed-size Bokeh layouts of them (a
    matrix of spinners); each fills one cell, in reading order.
    """

    def __init__(self, *controls: Model, columns: int = 2):
        if not controls or not all(isinstance(c, Model) for c in controls):
            raise ValueError("controls must be one or more Bokeh widgets or layouts")
        if isinstance(columns, bool) or not isinstance(columns, int) or not 1 <= columns <= 4:
            raise ValueError(f"columns must be an integer from 1 to 4, got {columns!r}")
        self.controls = list(controls)
        self.columns = columns

    def roots(self) -> list[Model]:
        return self.controls

    def html(self, divs: dict[str, str], width_px: int) -> str:
        cell = (width_px - CONTROL_GAP_PX * (self.columns - 1)) / self.columns
        slots = "".join(
            f'<div class="mlmath-slot" style="--mlmath-narrow:'
            f'{reserved_height(c, PHONE_COLUMN_PX)}px;--mlmath-wide:'
            f'{reserved_height(c, cell)}px">{divs[c.id]}</div>' for c in self.controls)
        return (f'<div class="mlmath-controls" style="--mlmath-columns:{self.columns}">'
                f"{slots}</div>")


class Readout:
    """The readout, with room for ``lines`` lines (narrow, wide) of text.

    By default the room is what its first text takes; give ``lines`` when the
    callback can write much longer text than that.
    """

    def __init__(self, div: Div, lines: tuple[int, int] | None = None):
        if not isinstance(div, Div):
            raise ValueError(f"div must be a Bokeh Div, got {type(div).__name__}")
        if lines is not None and (len(lines) != 2 or not all(
                isinstance(n, int) and n >= 1 for n in lines)):
            raise ValueError(f"lines must be two positive integers (narrow, wide), got {lines!r}")
        self.div = div
        self.lines = lines

    def roots(self) -> list[Model]:
        return [self.div]

    def _height(self, width_px: float, lines: int | None) -> int:
        if lines is None:
            return reserved_height(self.div, width_px)
        return math.ceil(READOUT_LINE_HEIGHT * READOUT_FONT_PX * lines) + _margin(self.div)

    def html(self, divs: dict[str, str], width_px: int) -> str:
        narrow, wide = self.lines or (None, None)
        wide_px = min(width_px, NARROW_PX)  # the narrowest a wide figure's readout gets
        return (f'<div class="mlmath-slot mlmath-readout" style="--mlmath-narrow:'
                f"{self._height(PHONE_COLUMN_PX, narrow)}px;--mlmath-wide:"
                f'{self._height(wide_px, wide)}px">{divs[self.div.id]}</div>')


class Panels:
    """Plots side by side, sharing the column in proportion to their widths;
    one above the other on a narrow screen. Each plot must come from
    :func:`~mlmath.figures.kit.canvas` (or set ``max_width`` and
    ``aspect_ratio`` with ``sizing_mode="stretch_width"``)."""

    def __init__(self, *plots: Plot):
        for plot in plots:
            if not isinstance(plot, Plot) or plot.max_width is None \
                    or not isinstance(plot.aspect_ratio, (int, float)):
                raise ValueError("plots must be Bokeh plots made with mlmath.figures.kit"
                                 ".canvas (a max_width and a numeric aspect_ratio)")
        if not plots:
            raise ValueError("plots must hold at least one plot")
        self.plots = list(plots)

    def roots(self) -> list[Model]:
        return self.plots

    @property
    def width(self) -> int:
        return sum(p.max_width for p in self.plots) + PANEL_GAP_PX * (len(self.plots) - 1)

    def html(self, divs: dict[str, str], width_px: int) -> str:
        cells = "".join(
            f'<div class="mlmath-panel" style="--mlmath-grow:{p.max_width};'
            f'--mlmath-max:{p.max_width}px;--mlmath-ratio:{p.aspect_ratio:.6g}">'
            f"{divs[p.id]}</div>" for p in self.plots)
        return f'<div class="mlmath-panels">{cells}</div>'


def as_parts(parts) -> list:
    """``parts`` with a bare ``Div`` read as a :class:`Readout` and a bare plot
    as a one-plot :class:`Panels`."""
    result = []
    for part in parts:
        if isinstance(part, Div):
            part = Readout(part)
        elif isinstance(part, Plot):
            part = Panels(part)
        if not isinstance(part, (Controls, Readout, Panels)):
            raise ValueError("parts must be Controls, Readout, Panels, a readout Div or a "
                             f"plot, got {type(part).__name__}")
        result.append(part)
    if not result:
        raise ValueError("parts must hold at least one part")
    return result


def figure_width(parts) -> int:
    """How wide the figure is on a wide screen: its panels side by side, or
    the width of one square plot when it has none."""
    return max([p.width for p in parts if isinstance(p, Panels)] or [440])


def parts_html(parts, divs: dict[str, str], before: str = "") -> str:
    """The figure's parts as HTML, each Bokeh root ``divs[model.id]`` in its cell,
    after ``before``."""
    width = figure_width(parts)
    inner = "".join(part.html(divs, width) for part in parts)
    return (f'<div class="mlmath-figure-live" style="--mlmath-width:{width}px">'
            f"{before}{inner}</div>")


#: The figures' CSS, carried by every figure so that it is laid out the same in
#: the book and in Jupyter. The colours' variables follow the theme's dark mode.
STYLESHEET = (
    ".mlmath-figure{container:mlmath-figure/inline-size;margin:0 auto 1rem;"
    f"color:var(--mlmath-ink);{palette.css_variables('light')}}}"
    f'html[data-theme="dark"] .mlmath-figure{{color-scheme:dark;{palette.css_variables("dark")}}}'
    # The description is for screen readers (the wrapper points to it), not shown.
    ".mlmath-figure-description{position:absolute!important;width:1px;height:1px;"
    "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
    ".mlmath-figure-live{position:relative;max-width:var(--mlmath-width);margin:0 auto}"
    ".mlmath-controls{display:grid;grid-template-columns:repeat(var(--mlmath-columns),"
    f"minmax(0,1fr));column-gap:{CONTROL_GAP_PX}px;align-items:start}}"
    ".mlmath-slot{display:flow-root;min-width:0;min-height:var(--mlmath-wide)}"
    f".mlmath-panels{{display:flex;gap:{PANEL_GAP_PX}px;justify-content:center;"
    "align-items:flex-start}"
    ".mlmath-panel{display:flow-root;flex:var(--mlmath-grow) 1 0;min-width:0;"
    "max-width:var(--mlmath-max);aspect-ratio:var(--mlmath-ratio)}"
    f"@container mlmath-figure (max-width:{NARROW_PX - 0.02}px){{"
    ".mlmath-controls{grid-template-columns:minmax(0,1fr)}"
    ".mlmath-slot{min-height:var(--mlmath-narrow)}"
    ".mlmath-panels{flex-direction:column;align-items:center}"
    ".mlmath-panel{flex:none;width:100%}}"
)
