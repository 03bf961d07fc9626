"""Interactive figures respond to the keyboard and compute what Python computes."""

from __future__ import annotations

import json

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg
from mlmath.figures.linalg import _arrow_rows, vector_addition_readout
from tests.browser.conftest import wait_for_figures
from tests.browser.support import FIGURES_FINISHED, FIND_MODEL, html_pages

pytestmark = pytest.mark.browser

SNAPSHOT = """() => {
  const state = {sliders: {}, sources: {}, texts: {}}
  for (const doc of Bokeh.documents) {
    for (const model of doc.all_models) {
      const key = model.name || model.id
      if (model.type === 'Slider') state.sliders[key] = model.value
      else if (model.type === 'ColumnDataSource') state.sources[key] = JSON.stringify(model.data)
      else if (model.type === 'Div') state.texts[key] = model.text
    }
  }
  return state
}"""


def press(page, handle, key):
    handle.focus()
    page.keyboard.press(key)
    page.wait_for_function(FIGURES_FINISHED)


def changed(before: dict, after: dict) -> list:
    return [key for key in after if before.get(key) != after[key]]


def test_every_slider_moves_by_keyboard_and_changes_data_and_readout(visit, built_book):
    sliders_tested = 0
    for path in html_pages(built_book):
        record = visit(path)
        if wait_for_figures(record.page) == 0:
            continue
        page = record.page
        handles = page.locator(".noUi-handle")
        for index in range(handles.count()):
            before = page.evaluate(SNAPSHOT)
            press(page, handles.nth(index), "ArrowRight")
            after = page.evaluate(SNAPSHOT)
            if not changed(before["sliders"], after["sliders"]):  # already at its maximum
                press(page, handles.nth(index), "ArrowLeft")
                after = page.evaluate(SNAPSHOT)
            where = f"{path}, slider {index}"
            assert len(changed(before["sliders"], after["sliders"])) == 1, where
            assert changed(before["sources"], after["sources"]), f"{where}: plot unchanged"
            assert changed(before["texts"], after["texts"]), f"{where}: readout unchanged"
            sliders_tested += 1
        record.assert_clean()
    assert sliders_tested >= 4


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
        press(page, handles.nth(names.index(name)), key)

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
    assert f"A + B = ({a[0] + b[0]:.1f}, {a[1] + b[1]:.1f})" in shown
    record.assert_clean()
