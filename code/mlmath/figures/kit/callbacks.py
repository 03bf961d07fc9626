"""Slider callbacks: JavaScript files run by the page, with the kit's helpers.

A figure in the book has no Python behind it: its controls drive ``CustomJS``
callbacks, one file each in ``figures/js/``, named like the figure's module.
:func:`callback` loads one and puts ``js/kit.js`` in front of it, so every
callback can write numbers with ``fixed(x, digits, trim)``, subscripts with
``sub(...)`` and coloured text with ``tint(text, name)``, exactly as the
Python twins in :mod:`~mlmath.figures.kit.numbers` and
:mod:`~mlmath.figures.kit.palette` do. :func:`link` runs a callback whenever
any of the given controls changes.

Files are found through :mod:`importlib.resources`, never relative to the
working directory (each chapter runs in its own folder during the build).
"""

from __future__ import annotations

from importlib import resources

from bokeh.models import (CheckboxButtonGroup, CheckboxGroup, CustomJS, RadioButtonGroup,
                          RadioGroup, Toggle)

__all__ = ["callback", "link", "script"]

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
