"""mlmath.book.display: one figure, three media."""

import base64
import json
import os
import subprocess
import sys

import pytest
from bokeh.models import Slider
from bokeh.plotting import figure
from matplotlib.figure import Figure

from mlmath.book.display import BOOK_BUILD_ENV, FIGURE_MARKER, BookFigure, bokehjs_bundles


def small_figure(**overrides) -> BookFigure:
    static = Figure(figsize=(2, 2))
    static.add_subplot().plot([0, 1], [1, 0])
    plot = figure(width=200, height=200, name="plot")
    plot.line([0, 1], [1, 0])
    kwargs = dict(name="small-test", layout=plot, static=static, alt="A line falling from 1 to 0.")
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
    from bokeh.layouts import column

    layout = column(Slider(start=0, end=1, value=0, step=0.1), figure(width=100, height=100))
    assert bokehjs_bundles(layout) == ["bokeh", "bokeh-widgets"]
    assert bokehjs_bundles(figure()) == ["bokeh"]


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
        ({"layout": "plot"}, "layout must be a Bokeh model"),
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
    layout = column(row(widgets[0], widgets[1]), figure(width=100, height=100),
                    row(widgets[2], widgets[3]))
    controls = small_figure(layout=layout)._repr_mimebundle_()[1]["mlmath"]["controls"]
    assert [c["label"] for c in controls] == ["first", "a menu", "last", "reset"]
    assert [c["kind"] for c in controls] == ["slider", "menu", "slider", "button"]


def test_static_pdf_embeds_truetype_not_type3_fonts():
    static = Figure(figsize=(2, 2))
    static.add_subplot().set_title("text that needs a font")
    pdf = small_figure(static=static).to_pdf()
    assert b"/FontFile2" in pdf  # an embedded TrueType font program
    assert b"/Type3" not in pdf


def test_a_long_readout_reserves_the_lines_it_wraps_into():
    from bokeh.models import Div

    from mlmath.book.display import reserved_height

    words = "the readout of a figure, long enough to wrap " * 4
    narrow = Div(text=words, styles={"font-size": "15px", "max-width": "200px"})
    wide = Div(text=words, styles={"font-size": "15px", "max-width": "2000px"})
    two_lines = Div(text="one<br>two", styles={"font-size": "15px"})
    line = reserved_height(two_lines) - reserved_height(wide)  # margins cancel
    assert line == round(1.4 * 15)
    # 180 characters at about 7.5 px each in 200 px: seven lines, six more.
    assert reserved_height(narrow) - reserved_height(wide) >= 5 * line
