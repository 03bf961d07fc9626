"""The figures' colours, each with a light and a dark value.

Series colours are the Okabe–Ito palette, chosen to stay distinct for readers
with colour-vision deficiencies, darkened where needed so that text written in
them has WCAG AA contrast (4.5:1) on white; every series is also told apart by
something other than colour (a label at its tip, a dash pattern, a width).

Each colour is a :class:`Colour`: a ``str`` (its light value, which is what
the builders write into Bokeh models and matplotlib twins) that also carries
its ``dark`` value. The static twins are always light. In the web book the
page's script (``mlmath/book/static/mlmath-figures.js``) swaps every light
value in a drawn figure for its dark one when the reader picks the theme's
dark mode, and back; :func:`theme_map` is the table it uses. Text in a
readout is coloured with :func:`tint`, through CSS variables
(:func:`css_variables`), so it follows the page's mode without any swap.
``tests/figures/test_palette.py`` checks the contrast of every pair.
"""

from __future__ import annotations

import re

__all__ = [
    "Colour", "PAPER", "INK", "INK_SOFT", "RULE", "GREY", "BLUE", "VERMILLION", "GREEN",
    "PURPLE", "ROW_FILL", "COLUMN_FILL", "ENTRY_FILL", "TRACK", "BAR", "CONTROL_BORDER",
    "HANDLE_BORDER", "COLOURS", "css_variables",
    "dark_svg", "data_colours", "theme_map", "tint",
]


class Colour(str):
    """A colour's light value (the string itself) with its dark-mode value ``dark``.

    ``name`` is its CSS name: the page defines ``--mlmath-<name>`` in both
    modes, which :func:`tint` uses.
    """

    dark: str
    name: str

    def __new__(cls, light: str, dark: str, name: str):
        colour = super().__new__(cls, light)
        colour.dark = dark
        colour.name = name
        return colour


#: The plot's background, and the fill of cells with nothing to show.
PAPER = Colour("#FFFFFF", "#14181E", "paper")  # dark: the theme's own background
#: Text drawn in a plot (numbers in cells, headers).
INK = Colour("#222222", "#CED6DD", "ink")
#: Titles, axis labels and tick labels (Bokeh's #444444 in light mode).
INK_SOFT = Colour("#444444", "#B8C0C8", "ink-soft")
#: Grid lines.
RULE = Colour("#E5E5E5", "#2C323A", "rule")
GREY = Colour("#6B6B6B", "#9AA0A6", "grey")
BLUE = Colour("#0072B2", "#56B4E9", "blue")
#: Okabe–Ito vermillion (#D55E00, 3.9:1 on white), darkened for text contrast.
VERMILLION = Colour("#C05200", "#F0883E", "vermillion")
#: Okabe–Ito bluish green, darkened for text contrast.
GREEN = Colour("#007A5A", "#2EC4A0", "green")
#: Okabe–Ito reddish purple, darkened for text contrast.
PURPLE = Colour("#8E4B7C", "#E08BC7", "purple")
#: Light fills that mark a chosen row (the hue of A), a chosen column (the hue
#: of B) and a chosen entry (the hue of AB) in tables drawn as matrices.
ROW_FILL = Colour("#CDE4F2", "#1F3A50", "row-fill")
COLUMN_FILL = Colour("#F9DCC8", "#4A2A14", "column-fill")
ENTRY_FILL = Colour("#CBEBDD", "#173F33", "entry-fill")
#: Controls: a slider's track and its filled part, and borders of inputs and
#: handles with WCAG's 3:1 contrast for what a reader must see to use them.
TRACK = Colour("#FAFAFA", "#1F242B", "track")
BAR = Colour("#C9D1D9", "#3A4048", "bar")
CONTROL_BORDER = Colour("#767676", "#8B949E", "control-border")
HANDLE_BORDER = Colour("#595959", "#AEB6BF", "handle-border")

#: Every colour of the kit, by CSS name.
COLOURS: dict[str, Colour] = {c.name: c for c in (
    PAPER, INK, INK_SOFT, RULE, GREY, BLUE, VERMILLION, GREEN, PURPLE,
    ROW_FILL, COLUMN_FILL, ENTRY_FILL, TRACK, BAR, CONTROL_BORDER, HANDLE_BORDER)}


def theme_map() -> dict[str, str]:
    """Light value → dark value, in lower case, for every kit colour.

    A figure whose models hold only kit colours (the kit's canvases set every
    colour Bokeh would otherwise default) turns wholly dark with it; the
    tests check that every figure does.
    """
    return {str(c).lower(): c.dark.lower() for c in COLOURS.values()}


def data_colours(colours) -> list[str]:
    """Colours that are data, not theme (the greys of a photograph), written
    ``#rrggbbff`` so that the page's dark mode, which swaps ``#rrggbb`` palette
    colours, leaves them as they are."""
    written = [str(c) for c in colours]
    bad = [c for c in written if not re.fullmatch(r"#[0-9a-fA-F]{6}", c)]
    if bad:
        raise ValueError(f"colours must be #rrggbb strings, got {bad[:3]}")
    return [c + "ff" for c in written]


def tint(text: str, colour: Colour) -> str:
    """``text`` as HTML in ``colour``, light or dark as the page is.

    ``tint(text, name)`` in ``kit.js`` writes the same string from a name.
    """
    return f'<span style="color: var(--mlmath-{colour.name})">{text}</span>'


def css_variables(mode: str = "light") -> str:
    """``--mlmath-<name>: <value>`` declarations for every colour, in ``mode``."""
    if mode not in ("light", "dark"):
        raise ValueError(f"mode must be 'light' or 'dark', got {mode!r}")
    return ";".join(f"--mlmath-{name}:{colour if mode == 'light' else colour.dark}"
                    for name, colour in COLOURS.items())


def dark_svg(svg: str) -> str:
    """A light twin drawn as SVG, recoloured for dark mode: every palette colour
    swapped for its dark value, and matplotlib's black ink (text, axes) for the
    dark mode's ink. The web book shows it in place of a figure not yet drawn."""
    table = {**theme_map(), "#000000": INK.dark.lower()}
    return re.sub(r"#[0-9a-fA-F]{6}\b", lambda m: table.get(m.group(0).lower(), m.group(0)),
                  svg)
