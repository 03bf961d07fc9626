"""Legend stand-ins (mlmath.figures.kit.legends): the entry a reader sees is unchanged.

That moving a figure no longer redraws its legend is tested in Chromium
(tests/browser/test_live_figures.py); here, what each stand-in copies.
"""

from __future__ import annotations

import math

from bokeh.models import ColumnDataSource, Legend, LegendItem
from bokeh.plotting import figure

from mlmath.figures.kit.legends import steady_legends


def test_a_stand_in_copies_the_drawn_row_and_places_nothing():
    plot = figure()
    source = ColumnDataSource({"x": [1.0, 2.0], "y": [3.0, 4.0], "colour": ["#111111", "#222222"]})
    dots = plot.scatter("x", "y", color="colour", size=9, source=source)
    plot.add_layout(Legend(items=[LegendItem(label="second", renderers=[dots], index=1)]))
    steady_legends([plot])
    (stand_in,) = plot.legend[0].items[0].renderers
    assert stand_in is not dots and not stand_in.visible and stand_in in plot.renderers
    data = stand_in.data_source.data
    assert data["colour"] == ["#222222"]  # the row the legend drew: its index, now 0
    assert plot.legend[0].items[0].index == 0
    assert math.isnan(data["x"][0]) and math.isnan(data["y"][0])
    size = stand_in.glyph.size  # clone() writes a number as value(9): the same to BokehJS
    assert getattr(size, "value", size) == 9 and stand_in.glyph is not dots.glyph


def test_an_item_with_an_empty_renderer_keeps_its_renderers():
    # No row to copy a colour from: the legend draws nothing for it today, and
    # it will draw what the renderer gets later.
    plot = figure()
    empty = plot.line("x", "y", source=ColumnDataSource({"x": [], "y": []}), legend_label="empty")
    steady_legends([plot])
    assert plot.legend[0].items[0].renderers == [empty]
