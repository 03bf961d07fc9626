"""What only a browser can do to the matrix multiplication explorer: a reader
clears a spinner's field, and clicks an entry of C on the canvas.

Everything else the explorer computes is checked against Python in BokehJS
(``tests/figures/test_matrix_multiplication.py``) and, for a keyboard move, in
the page on every screen (``test_figure_screens.py``).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_figures
from tests.browser.support import FIGURES_FINISHED, FIND_MODEL
from tests.browser.support import assert_page_matches_python

pytestmark = pytest.mark.browser

PAGE = "chapters/linear-algebra/matrix-multiplication.html"
NAME = "matrix-multiplication"


def value(page, name):
    return page.evaluate(f"({FIND_MODEL})('{name}').value")


def test_an_emptied_entry_is_named_in_words_not_drawn_as_nan(visit):
    record = visit(PAGE)
    page = record.page
    wait_for_figures(page)
    field = page.locator(f"input[name='{NAME}-a-12']")
    field.fill("")
    field.press("Tab")
    page.wait_for_function(FIGURES_FINISHED)
    assert value(page, f"{NAME}-a-12") is None
    readout = page.evaluate(f"({FIND_MODEL})('{NAME}-readout').text")
    assert "a₁₂ is empty" in readout
    assert_page_matches_python(page, NAME)
    cells = page.evaluate(f"({FIND_MODEL})('{NAME}-cells').data")
    assert "?" in cells["text"] and "nan" not in str(cells).lower()
    field.fill("1.5")
    field.press("Tab")
    page.wait_for_function(FIGURES_FINISHED)
    assert value(page, f"{NAME}-a-12") == 1.5
    assert_page_matches_python(page, NAME)
    record.assert_clean()


def test_clicking_an_entry_of_c_explains_it(visit):
    record = visit(PAGE)
    page = record.page
    wait_for_figures(page)
    cells = page.evaluate(f"({FIND_MODEL})('{NAME}-cells').data")
    target = next(k for k, (matrix, r, c) in enumerate(
        zip(cells["matrix"], cells["row"], cells["column"])) if (matrix, r, c) == ("C", 2, 1))
    page.locator(f"[data-mlmath-figure='{NAME}']").scroll_into_view_if_needed()
    # Where that entry is on the screen, by Bokeh's own data-to-screen mapping.
    x, y = page.evaluate(
        """([name, x, y]) => {
          const plot = Bokeh.index.query_one((view) => view.model.name === name)
          const box = plot.canvas_view.el.getBoundingClientRect()
          return [box.left + plot.frame.x_scale.compute(x), box.top + plot.frame.y_scale.compute(y)]
        }""", [f"{NAME}-scheme", cells["x"][target], cells["y"][target]])
    page.mouse.click(x, y)
    page.wait_for_function(FIGURES_FINISHED)
    assert (value(page, f"{NAME}-cell-row"), value(page, f"{NAME}-cell-column")) == ("2", "1")
    assert_page_matches_python(page, NAME)
    record.assert_clean()
