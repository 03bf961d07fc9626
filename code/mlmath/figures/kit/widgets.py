"""Sliders and readouts: the controls every figure has, made and checked once.

:class:`SliderSpec` is a slider's range, step and title. It checks itself when
made (a step that does not divide the range is an error, not a slider whose
end cannot be reached) and checks the values a builder is given
(:meth:`SliderSpec.check`): a figure started off its slider's grid would show
a state the reader can never come back to. :meth:`SliderSpec.slider` makes the
Bokeh ``Slider``, stretched to its cell of the figure's controls.

:func:`readout` is the line of numbers under the controls: a ``Div`` named
``<figure>-readout``, which the page's script makes a polite live region, so
that a screen reader announces what a slider changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from bokeh.models import Div, InlineStyleSheet, Slider

from mlmath.figures.kit import palette

__all__ = ["CONTROL_FONT_PX", "READOUT_FONT_PX", "READOUT_LINE_HEIGHT", "SliderSpec",
           "readout", "widget_stylesheet"]

#: Titles of sliders and menus, and the text of buttons and inputs.
CONTROL_FONT_PX = 13
#: A slider handle, as wide and as tall as WCAG's smallest touch target (24 px).
HANDLE_PX = 26

#: The readout's type: large enough to read beside a plot, on every screen.
READOUT_FONT_PX = 15
READOUT_LINE_HEIGHT = 1.4
# A value is on the grid when it is within this many steps of a grid point.
_ON_GRID = 1e-9


def _real(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return value


@dataclass(frozen=True)
class SliderSpec:
    """A slider's range ``[start, end]``, its ``step`` and its ``title``.

    ``step`` must divide ``end - start``, so that both ends can be reached.
    ``title`` is what the reader sees above the slider, and what screen
    readers and the PDF's caption call it.
    """

    title: str
    start: float
    end: float
    step: float

    def __post_init__(self):
        if not isinstance(self.title, str) or not self.title.strip():
            raise ValueError(f"title must be a non-empty string, got {self.title!r}")
        for field in ("start", "end", "step"):
            object.__setattr__(self, field, _real(getattr(self, field), field))
        if not self.start < self.end:
            raise ValueError(f"start must be less than end, got start={self.start:g}, "
                             f"end={self.end:g}")
        if self.step <= 0:
            raise ValueError(f"step must be positive, got {self.step:g}")
        steps = (self.end - self.start) / self.step
        if abs(steps - round(steps)) > _ON_GRID * max(1.0, steps):
            raise ValueError(
                f"step must divide end - start = {self.end - self.start:g} into whole steps, "
                f"got step={self.step:g} ({steps:g} steps)")

    @property
    def count(self) -> int:
        """How many values the slider can take."""
        return round((self.end - self.start) / self.step) + 1

    def values(self) -> np.ndarray:
        """Every value the slider can take, from ``start`` to ``end``."""
        return self.start + self.step * np.arange(self.count)

    def check(self, value, argument: str) -> float:
        """``value`` as a float, if the slider can show it; else a ``ValueError``
        that names ``argument`` (the builder's parameter) and the allowed values."""
        allowed = (f"in [{self.start:g}, {self.end:g}] in steps of {self.step:g} "
                   f"(the slider '{self.title}')")
        if isinstance(value, bool) or not isinstance(
                value, (int, float, np.integer, np.floating)):
            raise ValueError(f"{argument} must be a number {allowed}, got {value!r}")
        value = float(value)
        if not math.isfinite(value) or not self.start <= value <= self.end:
            raise ValueError(f"{argument} must be {allowed}, got {value!r}")
        steps = (value - self.start) / self.step
        if abs(steps - round(steps)) > _ON_GRID * max(1.0, steps):
            raise ValueError(f"{argument} must be {allowed}, got {value:g}, between two steps")
        return value

    def slider(self, value, *, name: str, argument: str | None = None,
               format: str | None = None) -> Slider:
        """The Bokeh slider, at ``value`` (checked, as ``argument`` or ``name``);
        ``format`` is how its title writes the value (a numbro format such as
        ``"0.0"``; Bokeh's own by default)."""
        options = {"format": format} if format else {}
        return Slider(start=self.start, end=self.end, step=self.step,
                      value=self.check(value, argument or name), title=self.title,
                      name=name, sizing_mode="stretch_width", bar_color=palette.BAR,
                      **options)


# Inside each widget's shadow DOM: Bokeh's own variables set to the palette's
# (which the page defines for light and dark mode), handles large enough to
# touch and kept inside the slider's cell at both ends of its track (a handle
# overhangs the track by half its width), borders with 3:1 contrast, and a
# focus ring a keyboard user can see. A spinner's two buttons sit side by
# side, each a 24 px target (Bokeh stacks them, 15 px tall), arrows in ink.
_SPIN = ".bk-input-group>.bk-spin-wrapper"
_WIDGET_CSS = (
    f":host{{--bokeh-font-size:{CONTROL_FONT_PX}px;--background-color:var(--mlmath-paper);"
    "--border-color:var(--mlmath-control-border);"
    f"--handle-width:{HANDLE_PX}px;--handle-height:{HANDLE_PX}px;color:var(--mlmath-ink)}}"
    ".noUi-target{background:var(--mlmath-track);border-color:var(--mlmath-control-border);"
    "box-shadow:none}"
    ".noUi-handle{background:var(--mlmath-paper);border-color:var(--mlmath-handle-border);"
    "border-radius:50%;box-shadow:none}"
    ".noUi-handle:before,.noUi-handle:after{display:none}"
    ".noUi-handle:focus-visible{outline:3px solid var(--mlmath-blue);outline-offset:2px}"
    ".noUi-target.noUi-horizontal{margin-left:calc(var(--handle-width) / 2);"
    "width:calc(100% - var(--handle-width))}"
    f"{_SPIN} input{{padding-left:4px;padding-right:50px}}"
    f"{_SPIN}>.bk-spin-btn{{height:100%;width:24px}}"
    f"{_SPIN}>.bk-spin-btn.bk-spin-btn-down{{top:0;right:24px}}"
    f"{_SPIN}>.bk-spin-btn.bk-spin-btn-up:before{{border-bottom-color:var(--mlmath-ink)}}"
    f"{_SPIN}>.bk-spin-btn.bk-spin-btn-down:before{{border-top-color:var(--mlmath-ink)}}"
    f"{_SPIN}>.bk-spin-btn:focus-visible{{outline:3px solid var(--mlmath-blue);"
    "outline-offset:-3px}"
    ".bk-input{color:var(--mlmath-ink)}"
    # Sub- and superscripts in a readout do not make its line taller than reserved.
    "sub,sup{line-height:0}"
    ".bk-btn-default{background-color:var(--mlmath-paper);color:var(--mlmath-ink);"
    "border-color:var(--mlmath-control-border)}"
    ".bk-btn-default.bk-active{background-color:var(--mlmath-row-fill)}"
)


def widget_stylesheet() -> InlineStyleSheet:
    """The stylesheet every widget of a figure shares (one per figure: a Bokeh
    model belongs to one document)."""
    return InlineStyleSheet(css=_WIDGET_CSS)


def readout(figure: str, text: str) -> Div:
    """The figure's readout, named ``<figure>-readout``, showing ``text`` (HTML).

    Its callback rewrites ``text``; the tests compare that with the Python
    function that wrote the first one.
    """
    return Div(text=text, name=f"{figure}-readout", sizing_mode="stretch_width",
               styles={"font-size": f"{READOUT_FONT_PX}px",
                       "line-height": str(READOUT_LINE_HEIGHT), "text-align": "left"})
