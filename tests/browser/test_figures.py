"""Every interactive figure of the book responds to the keyboard.

Sliders move with the left and right arrow keys, spinners (number fields with
arrows) with the up and down arrow keys; both are covered.

Each figure also has a test of its own (``test_<chapter>.py``) comparing the
numbers in the page with the Python functions.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_figures
from tests.browser.support import html_pages, press_key

pytestmark = pytest.mark.browser

SNAPSHOT = """() => {
  const state = {controls: {}, sources: {}, texts: {}}
  for (const doc of Bokeh.documents) {
    for (const model of doc.all_models) {
      const key = model.name || model.id
      if (model.type === 'Slider' || model.type === 'Spinner') state.controls[key] = model.value
      else if (model.type === 'ColumnDataSource') state.sources[key] = JSON.stringify(model.data)
      else if (model.type === 'Div') state.texts[key] = model.text
    }
  }
  return state
}"""


#: What a keyboard user focuses, and the keys that move it up and back down.
CONTROLS = [
    ("slider", ".noUi-handle", "ArrowRight", "ArrowLeft"),
    ("spinner", ".bk-spin-wrapper input", "ArrowUp", "ArrowDown"),
]


def changed(before: dict, after: dict) -> list:
    return [key for key in after if before.get(key) != after[key]]


def test_every_slider_and_spinner_moves_by_keyboard_and_changes_data_and_readout(
        visit, built_book):
    tested = {kind: 0 for kind, *_ in CONTROLS}
    for path in html_pages(built_book):
        record = visit(path)
        if wait_for_figures(record.page) == 0:
            continue
        page = record.page
        for kind, selector, forward, back in CONTROLS:
            controls = page.locator(selector)
            for index in range(controls.count()):
                control = controls.nth(index)
                if not control.is_visible():  # hidden by its figure (e.g. outside a shape)
                    continue
                before = page.evaluate(SNAPSHOT)
                press_key(page, control, forward)
                after = page.evaluate(SNAPSHOT)
                if not changed(before["controls"], after["controls"]):  # at its maximum
                    press_key(page, control, back)
                    after = page.evaluate(SNAPSHOT)
                where = f"{path}, {kind} {index}"
                assert len(changed(before["controls"], after["controls"])) == 1, where
                assert changed(before["sources"], after["sources"]), f"{where}: plot unchanged"
                assert changed(before["texts"], after["texts"]), f"{where}: readout unchanged"
                tested[kind] += 1
        record.assert_clean()
    assert tested["slider"] >= 4, tested
    assert tested["spinner"] >= 8, tested
