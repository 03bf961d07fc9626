"""Every interactive figure of the book responds to the keyboard.

Each figure also has a test of its own (``test_<chapter>.py``) comparing the
numbers in the page with the Python functions.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_figures
from tests.browser.support import html_pages, press_key

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
            press_key(page, handles.nth(index), "ArrowRight")
            after = page.evaluate(SNAPSHOT)
            if not changed(before["sliders"], after["sliders"]):  # already at its maximum
                press_key(page, handles.nth(index), "ArrowLeft")
                after = page.evaluate(SNAPSHOT)
            where = f"{path}, slider {index}"
            assert len(changed(before["sliders"], after["sliders"])) == 1, where
            assert changed(before["sources"], after["sources"]), f"{where}: plot unchanged"
            assert changed(before["texts"], after["texts"]), f"{where}: readout unchanged"
            sliders_tested += 1
        record.assert_clean()
    assert sliders_tested >= 4
