"""Figures as a live Jupyter kernel shows them: BokehJS inline, nothing else on the page.

JupyterLab runs the ``<script>``s of each output in order, in one page that
has no BokehJS of its own; a page holding the figures' HTML one after the
other reproduces that without a server. (``test_jupyterlab.py`` drives the
real JupyterLab.)
"""

from __future__ import annotations

import pytest
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
