"""Legends that stay put while their figure moves.

BokehJS redraws a legend from scratch (new DOM, a new canvas per entry, and a
style recalculation of the whole page forced by reading CSS values) whenever
anything reachable from its items changes, the data of the renderers it lists
included. On a long chapter that is 10-30 ms for every slider move, most of
the callback's frame (measured with ``benchmarks/run.py`` and a CPU profile:
``LegendView._render_items``), and it happens every animation frame while the
network playground trains.

A legend only draws each renderer's glyph with its colours, never its data. So
each legend item is given *stand-ins*: invisible renderers with a copy of the
glyph and one row of data that no callback touches, added to the plot. The
legend looks the same (the row is the one it drew before: the first, or the
item's ``index``) and is never redrawn by a moving figure. The stand-in's
coordinates are NaN, so it draws nothing and widens no automatic range.
"""

from __future__ import annotations

import math

from bokeh.models import ColumnDataSource, GlyphRenderer, Legend, Plot

#: Glyph properties that place a glyph (set to NaN in a stand-in); every other
#: property (colours, sizes, markers, dashes) keeps the value the legend draws.
PLACING = {"x", "y", "x0", "y0", "x1", "y1", "cx0", "cy0", "cx1", "cy1", "xs", "ys",
           "left", "right", "top", "bottom"}


def _stand_in(renderer, index: int | None):
    """An invisible renderer drawing ``renderer``'s legend entry, or None if there
    is no row to copy its colours from (an empty source: the entry stays as it is)."""
    if not isinstance(renderer, GlyphRenderer) or not isinstance(
            renderer.data_source, ColumnDataSource):
        return None
    data = renderer.data_source.data
    row = 0 if index is None else index
    if not data or any(len(column) <= row for column in data.values()):
        return None
    copied = {}
    for name, column in data.items():
        value = column[row]
        if name in PLACING or _places(renderer.glyph, name):
            value = [math.nan] if isinstance(value, (list, tuple)) or hasattr(
                value, "shape") else math.nan
        elif hasattr(value, "item") and not hasattr(value, "__len__"):
            value = value.item()  # a NumPy scalar
        copied[name] = [value]
    return GlyphRenderer(data_source=ColumnDataSource(data=copied), glyph=renderer.glyph.clone(),
                         visible=False, nonselection_glyph=None, muted_glyph=None)


def _places(glyph, column: str) -> bool:
    """Whether ``glyph`` reads a coordinate from the data column ``column``."""
    for name in PLACING & set(glyph.properties()):
        spec = getattr(glyph, name)
        field = spec if isinstance(spec, str) else getattr(spec, "field", None)
        if isinstance(spec, dict):
            field = spec.get("field")
        if field == column:
            return True
    return False


def steady_legends(roots) -> None:
    """Point every legend item of the figure ``roots`` at stand-ins (see the module)."""
    for root in roots:
        for plot in root.select({"type": Plot}):
            for legend in plot.select({"type": Legend}):
                for item in legend.items:
                    if getattr(item.label, "field", None) is not None:
                        continue  # labels read from the data: the legend needs all of it
                    stand_ins = [_stand_in(r, item.index) for r in item.renderers]
                    if not stand_ins or any(s is None for s in stand_ins):
                        continue
                    plot.renderers.extend(stand_ins)
                    item.renderers = stand_ins
                    if item.index is not None:
                        item.index = 0
