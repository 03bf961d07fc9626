"""mlmath.figures.kit.display: one figure, three media."""

import base64
import json
import os
import re
import subprocess
import sys

import pytest
from bokeh.models import Slider
from bokeh.plotting import figure
from matplotlib.figure import Figure

from mlmath.figures import kit
from mlmath.figures.kit import BOOK_BUILD_ENV, FIGURE_MARKER, BookFigure
from mlmath.figures.kit.bokehjs import bundles


def small_figure(**overrides) -> BookFigure:
    static = Figure(figsize=(2, 2))
    static.add_subplot().plot([0, 1], [1, 0])
    plot = kit.canvas("small-test-plot", title="a line", width=200, height=200)
    plot.line([0, 1], [1, 0])
    kwargs = dict(name="small-test", parts=[plot], static=static,
                  alt="A line falling from 1 to 0.")
    kwargs.update(overrides)
    return BookFigure(**kwargs)


def test_bundle_has_html_png_pdf_and_alt_text(monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    data, metadata = small_figure()._repr_mimebundle_()
    assert set(data) == {"text/html", "image/png", "application/pdf", "text/plain"}
    assert base64.b64decode(data["image/png"]).startswith(b"\x89PNG\r\n\x1a\n")
    assert base64.b64decode(data["application/pdf"]).startswith(b"%PDF-")
    assert data["text/plain"] == "A line falling from 1 to 0."
    assert metadata["image/png"]["alt"] == metadata["application/pdf"]["alt"] == data["text/plain"]
    html = data["text/html"]
    assert f'{FIGURE_MARKER}="small-test"' in html
    assert 'data-bokehjs="bokeh"' in html
    assert "A line falling from 1 to 0." in html  # the text alternative
    assert "Bokeh.safely" in html and "embed_items" in html
    assert "bokeh.min.js" not in html and "cdn.bokeh.org" not in html


def test_widgets_bundle_is_declared_when_a_widget_is_present():
    roots = [Slider(start=0, end=1, value=0, step=0.1), figure(width=100, height=100)]
    assert bundles(roots) == ["bokeh", "bokeh-widgets"]
    assert bundles([figure()]) == ["bokeh"]


def test_live_jupyter_kernel_gets_bokehjs_inline_but_the_book_build_does_not(monkeypatch):
    monkeypatch.setenv("JPY_SESSION_NAME", "/tmp/notebook.ipynb")
    monkeypatch.delenv(BOOK_BUILD_ENV, raising=False)
    live = small_figure()._repr_mimebundle_()[0]["text/html"]
    assert "typeof window.Bokeh === 'undefined'" in live and len(live) > 1_000_000
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    book = small_figure()._repr_mimebundle_()[0]["text/html"]
    assert "typeof window.Bokeh" not in book and len(book) < 50_000


REPRODUCE = """
import json
from mlmath.figures import fig_vector_addition
data, _ = fig_vector_addition()._repr_mimebundle_()
print(json.dumps(data))
"""


def test_two_fresh_kernels_produce_identical_bytes():
    # Each build executes a chapter in a fresh kernel: the same cell must give
    # the same HTML, PNG and PDF, or two builds of the book differ.
    env = {k: v for k, v in os.environ.items() if k != "JPY_SESSION_NAME"}
    runs = [
        subprocess.run([sys.executable, "-c", REPRODUCE], capture_output=True, text=True,
                       env=env, check=True).stdout
        for _ in range(2)
    ]
    first, second = (json.loads(run) for run in runs)
    assert first == second


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"name": "Not A Slug"}, "name must be a slug"),
        ({"parts": ["plot"]}, "parts must be Controls, Readout, Panels"),
        ({"parts": []}, "parts must hold at least one part"),
        ({"static": None}, "static must be a matplotlib Figure"),
        ({"alt": "  "}, "alt must be a non-empty description"),
    ],
)
def test_bad_arguments(overrides, message):
    with pytest.raises(ValueError, match=message):
        small_figure(**overrides)


def test_controls_are_listed_in_reading_order_with_their_kind():
    from bokeh.layouts import column, row
    from bokeh.models import Button, Select

    widgets = [Slider(start=0, end=1, value=0, step=0.1, title="first"),
               Select(title="a menu", options=["x", "y"]),
               Slider(start=0, end=1, value=0, step=0.1, title="last"),
               Button(label="reset")]
    parts = [kit.Controls(row(widgets[0], widgets[1])),
             kit.canvas("small-test-plot", title="p", width=100, height=100),
             kit.Controls(column(widgets[2], widgets[3]))]
    controls = small_figure(parts=parts)._repr_mimebundle_()[1]["mlmath"]["controls"]
    assert [c["label"] for c in controls] == ["first", "a menu", "last", "reset"]
    assert [c["kind"] for c in controls] == ["slider", "menu", "slider", "button"]


def test_static_pdf_embeds_truetype_not_type3_fonts():
    static = Figure(figsize=(2, 2))
    static.add_subplot().set_title("text that needs a font")
    pdf = small_figure(static=static).to_pdf()
    assert b"/FontFile2" in pdf  # an embedded TrueType font program
    assert b"/Type3" not in pdf


def test_parts_are_cells_of_one_bokeh_document():
    html = small_figure().to_html()
    assert html.count("data-root-id=") == 1
    assert 'class="mlmath-panel"' in html and "--mlmath-ratio:1" in html


def test_every_widget_gets_the_kit_stylesheet_once():
    slider = kit.SliderSpec("x", 0, 1, 0.5).slider(0.5, name="small-test-x")
    figure_ = small_figure(parts=[kit.Controls(slider), kit.readout("small-test", "r")])
    sheets = {id(s) for s in slider.stylesheets}
    assert len(slider.stylesheets) == 1
    assert sheets == {id(s) for s in figure_.model("small-test-readout").stylesheets}
    assert "--handle-width:26px" in slider.stylesheets[0].css


def test_the_page_can_recolour_the_document_before_it_is_drawn():
    html = small_figure().to_html()
    assert "theme ? theme(docs_json) : docs_json" in html
    palette_json = json.loads(html.split("data-mlmath-palette='", 1)[1].split("'", 1)[0])
    assert palette_json["#0072b2"] == "#56b4e9"


def test_colours_that_are_bokehs_defaults_are_in_the_document_for_dark_mode():
    # The page swaps light colours for dark ones in the document's JSON before
    # BokehJS draws; Bokeh leaves defaults out of that JSON, and the kit's
    # INK_SOFT for titles and tick labels is Bokeh's default #444444.
    from bokeh.embed import json_item

    from mlmath.figures.kit import palette

    figure = small_figure()
    plot = figure.model("small-test-plot")
    assert plot.title.text_color == str(palette.INK_SOFT)
    document = json.dumps(json_item(figure.roots[0]))
    title = re.search(r'"name":"Title".*?"attributes":\{(.*?)\}', document.replace(" ", ""))
    assert title and str(palette.INK_SOFT).lower() in title.group(1).lower(), title
    assert document.lower().count(str(palette.INK_SOFT).lower()) >= 3  # title, tick labels
