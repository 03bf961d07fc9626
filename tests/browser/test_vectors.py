"""The vector-addition figure computes in the page what mlmath computes in Python."""

from __future__ import annotations

import json

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg
from mlmath.figures._numbers import to_fixed
from mlmath.figures.linalg.vectors import _arrow_rows, vector_addition_readout
from tests.browser.conftest import wait_for_figures
from tests.browser.support import FIND_MODEL, press_key

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "presses",
    [
        [],
        [("vector-addition-a-x", "ArrowRight")],
        [("vector-addition-b-y", "ArrowLeft")] * 3 + [("vector-addition-a-y", "ArrowRight")],
        [("vector-addition-a-x", "End"), ("vector-addition-b-x", "Home")],  # opposite extremes
    ],
)
def test_vector_addition_page_matches_python(visit, presses):
    record = visit("chapters/linear-algebra/vectors.html")
    page = record.page
    wait_for_figures(page)
    names = ["vector-addition-a-x", "vector-addition-a-y", "vector-addition-b-x",
             "vector-addition-b-y"]
    handles = page.locator("[data-mlmath-figure='vector-addition'] .noUi-handle")
    assert handles.count() == 4
    for name, key in presses:
        press_key(page, handles.nth(names.index(name)), key)

    value = lambda name: page.evaluate(f"({FIND_MODEL})('{name}').value")
    a = np.array([value(names[0]), value(names[1])])
    b = np.array([value(names[2]), value(names[3])])
    arrows = json.loads(page.evaluate(
        f"JSON.stringify(({FIND_MODEL})('vector-addition-arrows').data)"))
    readout = page.evaluate(f"({FIND_MODEL})('vector-addition-readout').text")

    expected, _ = _arrow_rows(a, linalg.vector_add(a, b), b)
    for column in ("x0", "y0", "x1", "y1", "label_x", "label_y"):
        assert_allclose(arrows[column], expected[column], rtol=1e-9, atol=1e-12, err_msg=column)
    assert readout == vector_addition_readout(a, b)
    # ... and the reader sees it: the Div's rendered text, inside Bokeh's shadow DOM.
    shown = page.locator("[data-mlmath-figure='vector-addition'] .bk-clearfix").inner_text()
    assert f"A + B = ({to_fixed(a[0] + b[0], 1)}, {to_fixed(a[1] + b[1], 1)})" in shown
    record.assert_clean()
