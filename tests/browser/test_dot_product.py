"""The dot-product figure computes in the page what mlmath computes in Python."""

from __future__ import annotations

import json

import pytest
from numpy.testing import assert_allclose

from mlmath.figures.linalg.dot import dot_product_readout, dot_product_state
from tests.browser.conftest import wait_for_figures
from tests.browser.support import FIND_MODEL, press_key

pytestmark = pytest.mark.browser

SLIDERS = ["dot-product-length-a", "dot-product-angle-a", "dot-product-length-b",
           "dot-product-angle-b"]
SOURCES = {"arrows": ("x0", "y0", "x1", "y1", "label_x", "label_y"),
           "projection": ("x0", "y0", "x1", "y1", "label_x", "label_y"),
           "guides": ("xs", "ys"), "arc": ("x", "y"), "arc-label": ("x", "y")}


@pytest.mark.parametrize(
    "presses",
    [
        [],
        [("dot-product-angle-b", "ArrowRight")] * 7,      # B at 110 degrees: orthogonal to A
        [("dot-product-angle-b", "ArrowRight")] * 20,     # B at 175 degrees: obtuse, p flips
        [("dot-product-length-a", "Home")],               # A is the zero vector
        [("dot-product-length-b", "Home"), ("dot-product-angle-a", "End")],
        [("dot-product-length-a", "End"), ("dot-product-angle-a", "ArrowLeft"),
         ("dot-product-length-b", "ArrowLeft")] + [("dot-product-angle-b", "ArrowLeft")] * 4,
    ],
)
def test_dot_product_page_matches_python(visit, presses):
    record = visit("chapters/linear-algebra/dot-product.html")
    page = record.page
    wait_for_figures(page)
    handles = page.locator("[data-mlmath-figure='dot-product'] .noUi-handle")
    assert handles.count() == 4
    value = lambda name: page.evaluate(f"({FIND_MODEL})('{name}').value")
    for name, key in presses:
        before = value(name)
        press_key(page, handles.nth(SLIDERS.index(name)), key)
        assert value(name) != before, f"{name} did not move on {key}"

    values = [value(name) for name in SLIDERS]
    expected = dot_product_state(*values)
    for source, columns in SOURCES.items():
        data = json.loads(page.evaluate(
            f"JSON.stringify(({FIND_MODEL})('dot-product-{source}').data)"))
        python = expected[source.replace("-", "_")]
        for column in columns:
            assert len(data[column]) == len(python[column]), (source, column)
            if data[column]:
                assert_allclose(data[column], python[column], rtol=1e-9, atol=1e-12,
                                err_msg=f"{source}.{column}")
    readout = page.evaluate(f"({FIND_MODEL})('dot-product-readout').text")
    assert readout == dot_product_readout(*values)
    # ... and the reader sees it, inside Bokeh's shadow DOM.
    shown = page.locator("[data-mlmath-figure='dot-product'] .bk-clearfix").inner_text()
    assert "A · B = " in shown and "nan" not in shown.lower()
    record.assert_clean()
