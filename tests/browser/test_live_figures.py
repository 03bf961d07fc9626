"""Figures as a live Jupyter kernel shows them: BokehJS inline, nothing else on the page.

JupyterLab runs the ``<script>``s of each output in order, in one page that
has no BokehJS of its own; a page holding the figures' HTML one after the
other reproduces that without a server. (``test_jupyterlab.py`` drives the
real JupyterLab.)
"""

from __future__ import annotations

import pytest
from bokeh.models import ColumnDataSource, CustomJS
from matplotlib.figure import Figure

from mlmath.figures import kit
from mlmath.figures.kit import BookFigure
from mlmath.figures import fig_vector_addition
from tests.browser.support import FIGURES_FINISHED

pytestmark = pytest.mark.browser


def figure_without_widgets() -> BookFigure:
    static = Figure(figsize=(2, 2))
    static.add_subplot().plot([0, 1], [0, 1])
    plot = kit.canvas("plain-line-plot", title="a line", width=200, height=200)
    plot.line([0, 1], [0, 1])
    return BookFigure("plain-line", [plot], static, "A line rising from 0 to 1.")


def test_each_bokehjs_bundle_loads_once_and_a_later_figure_gets_the_widgets(browser):
    # The first figure needs only BokehJS's core; the second also needs the
    # widgets bundle, which the first did not load.
    outputs = [figure_without_widgets().to_html(include_bokehjs=True),
               fig_vector_addition().to_html(include_bokehjs=True),
               fig_vector_addition(a=(1, 1)).to_html(include_bokehjs=True)]
    context = browser.new_context()
    outside, errors = [], []
    context.route("**/*", lambda route: (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    try:
        page.set_content("<!doctype html><html><body>" + "\n".join(outputs) + "</body></html>")
        page.wait_for_function(FIGURES_FINISHED, timeout=30_000)
        assert page.locator("[data-mlmath-figure]").count() == 3
        assert page.evaluate("() => Bokeh.documents.length") == 3
        # The widgets bundle ran once although two figures carry it.
        assert page.evaluate("() => Object.keys(Bokeh.mlmath_bundles)") == ["bokeh-widgets"]
        assert page.locator(".noUi-handle").count() == 8
        assert not errors, errors
        assert not outside, outside
    finally:
        context.close()


def figure_with_a_legend() -> BookFigure:
    """A line with a legend, and a slider whose callback changes the line's data."""
    static = Figure(figsize=(2, 2))
    static.add_subplot().plot([0, 1], [0, 1])
    plot = kit.canvas("moving-line-plot", title="a moving line", width=300, height=300)
    source = ColumnDataSource({"x": [0, 1], "y": [0, 1]})
    plot.line("x", "y", source=source, line_color=kit.palette.BLUE, line_width=3,
              legend_label="the line")
    slider = kit.SliderSpec("slope", 0, 2, 0.5).slider(1, name="moving-line-slope")
    slider.js_on_change("value", CustomJS(args={"source": source}, code=(
        "source.data = {x: [0, 1], y: [0, cb_obj.value]}")))
    return BookFigure("moving-line", [kit.Controls(slider), plot], static,
                      "A line from (0, 0) to (1, 1).")


#: JS: the legend's view of the figure's one legend, and a moved slider.
LEGEND_VIEW = """() => {
  const doc = Bokeh.documents[0]
  const legend = [...doc.all_models].find((model) => model.type === 'Legend')
  for (const root of document.querySelectorAll('[data-root-id]')) {
    const view = Bokeh.index.get_by_id(root.dataset.rootId)?.owner.find_one(legend)
    if (view) return view
  }
}"""


def test_moving_a_figure_does_not_redraw_its_legend(browser):
    # BokehJS rebuilds a legend (its DOM, a canvas per entry, a style
    # recalculation of the page) whenever a renderer it lists changes; the kit
    # gives legends stand-ins no callback touches (mlmath.figures.kit.legends).
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><html><body>"
                         + figure_with_a_legend().to_html(include_bokehjs=True) + "</body></html>")
        page.wait_for_function(FIGURES_FINISHED, timeout=30_000)
        page.evaluate(f"""() => {{
          window.legendView = ({LEGEND_VIEW})()
          window.entries = [...window.legendView.entries]
        }}""")
        moved = page.evaluate("""async () => {
          const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()))
          const doc = Bokeh.documents[0]
          const slider = [...doc.all_models].find((model) => model.name === 'moving-line-slope')
          const line = [...doc.all_models].find((model) => model.type === 'GlyphRenderer' &&
                                                        model.visible)
          slider.value = 2
          await frame()
          await frame()
          return line.data_source.data.y[1]
        }""")
        assert moved == 2  # the callback ran and the plotted line moved
        same = page.evaluate("""() => window.legendView.entries.length === window.entries.length
          && window.legendView.entries.every((entry, i) => entry.el === window.entries[i].el
                                                         && entry.el.isConnected)""")
        assert same, "the legend was drawn again when the line's data changed"
        # ... and it still shows the line's entry: its label, and its glyph in colour.
        entry = page.evaluate("""() => {
          const {label, glyph} = window.legendView.entries[0]
          const {width, height} = glyph.canvas
          const pixels = glyph.canvas.getContext('2d').getImageData(0, 0, width, height).data
          let inked = 0
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked += 1
          return {label, inked}
        }""")
        assert entry["label"] == "the line" and entry["inked"] > 20, entry
    finally:
        page.close()
