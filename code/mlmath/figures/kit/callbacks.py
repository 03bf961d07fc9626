"""Slider callbacks: JavaScript files run by the page, with the kit's helpers.

A figure in the book has no Python behind it: its controls drive ``CustomJS``
callbacks, one file each in ``figures/js/``, named like the figure's module.
:func:`callback` loads one and puts ``js/kit.js`` in front of it, so every
callback can write numbers with ``fixed(x, digits, trim)``, subscripts with
``sub(...)`` and coloured text with ``tint(text, name)``, exactly as the
Python twins in :mod:`~mlmath.figures.kit.numbers` and
:mod:`~mlmath.figures.kit.palette` do. :func:`link` runs a callback whenever
any of the given controls changes. :func:`tap_moves` lets a tap or a click on a
plot set two sliders, so that a point the sliders place can also be put down
by hand (the sliders stay the keyboard's way to move it).

Files are found through :mod:`importlib.resources`, never relative to the
working directory (each chapter runs in its own folder during the build).
"""

from __future__ import annotations

from importlib import resources

from bokeh.models import (CheckboxButtonGroup, CheckboxGroup, CustomJS, RadioButtonGroup,
                          RadioGroup, Toggle)

__all__ = ["TAP_TAG", "callback", "link", "script", "tap_moves"]

#: Marks a plot that :func:`tap_moves` made tappable: ``"mlmath-tap-moves:<x slider>:<y slider>"``.
TAP_TAG = "mlmath-tap-moves"

# The property a reader changes, for controls whose property is not "value".
_ACTIVE = (Toggle, CheckboxGroup, CheckboxButtonGroup, RadioGroup, RadioButtonGroup)


def script(filename: str) -> str:
    """The text of ``figures/js/<filename>``."""
    folder = resources.files("mlmath.figures").joinpath("js")
    path = folder.joinpath(filename)
    if not path.is_file():
        raise ValueError(f"filename must name a file in mlmath/figures/js/, got {filename!r}")
    return path.read_text("utf-8")


def callback(filename: str, **args) -> CustomJS:
    """A ``CustomJS`` running ``figures/js/<filename>`` after ``kit.js``, with ``args``."""
    return CustomJS(args=args, code=script("kit.js") + "\n" + script(filename))


def link(code: CustomJS, *controls) -> CustomJS:
    """Run ``code`` when any of ``controls`` changes (``active`` for toggles and
    button groups, ``value`` otherwise); returns ``code``."""
    if not controls:
        raise ValueError("controls must name at least one widget to link")
    for control in controls:
        control.js_on_change("active" if isinstance(control, _ACTIVE) else "value", code)
    return code


def tap_moves(plot, x, y) -> CustomJS:
    """Let a tap or a click on ``plot`` set the sliders ``x`` and ``y`` to the
    data coordinates of the tap, each snapped to its slider's grid and kept in
    its range; whatever is linked to them then runs as for a slider move.
    The plot is tagged ``TAP_TAG:<x name>:<y name>``, which the browser tests use
    to tap every such plot. Returns the callback."""
    for slider, axis in ((x, "x"), (y, "y")):
        if not getattr(slider, "name", None) or not hasattr(slider, "step"):
            raise ValueError(f"{axis} must be a named Slider, got {slider!r}")
    code = CustomJS(args={"x": x, "y": y}, code=script("kit_tap_moves.js"))
    plot.js_on_event("tap", code)
    plot.tags = [*plot.tags, f"{TAP_TAG}:{x.name}:{y.name}"]
    return code
