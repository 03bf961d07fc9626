"""The figures of the matrix chapters compute in the page what mlmath computes in Python.

The reader's moves are made the way a reader makes them: spinners and sliders by
keyboard, menus by choosing an option, the transpose button by keyboard, an
entry of C by clicking it.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg
from mlmath.data import make_houses
from mlmath.figures.linalg import matrices as figure_module
from tests.browser.conftest import wait_for_figures
from tests.browser.support import FIGURES_FINISHED, FIND_MODEL, press_key

pytestmark = pytest.mark.browser

MULTIPLICATION_PAGE = "chapters/linear-algebra/matrix-multiplication.html"
MATRICES_PAGE = "chapters/linear-algebra/matrices.html"
PREFIX = "matrix-multiplication"


def model_value(page, name):
    return page.evaluate(f"({FIND_MODEL})('{name}').value")


def source_data(page, name) -> dict:
    return json.loads(page.evaluate(f"JSON.stringify(({FIND_MODEL})('{name}').data)"))


def spinner(page, name):
    return page.locator(f"input[name='{PREFIX}-{name}']")


def choose(page, menu: str, option: str) -> None:
    page.locator(f"select[name='{PREFIX}-{menu}']").select_option(option)
    page.wait_for_function(FIGURES_FINISHED)


def matrices_in_page(page):
    """A, B (as the spinners inside the chosen shapes hold them) and the chosen cell."""
    sizes = {key: int(model_value(page, f"{PREFIX}-{key}"))
             for key in ("a-rows", "a-columns", "b-rows", "b-columns")}

    def read(letter, rows, columns):
        return np.array([[model_value(page, f"{PREFIX}-{letter}-{r + 1}{c + 1}")
                          for c in range(columns)] for r in range(rows)], dtype=float)

    a = read("a", sizes["a-rows"], sizes["a-columns"])
    b = read("b", sizes["b-rows"], sizes["b-columns"])
    cell = (int(model_value(page, f"{PREFIX}-cell-row")),
            int(model_value(page, f"{PREFIX}-cell-column")))
    return a, b, cell


def assert_page_matches_python(page):
    a, b, cell = matrices_in_page(page)
    state = figure_module._multiplication_state(a, b, cell)
    expected_cells, expected_labels = figure_module._scheme_rows(state)
    expected_shapes, expected_corners, limit = figure_module._map_rows(state)

    cells = source_data(page, f"{PREFIX}-cells")
    for column in ("x", "y", "value"):
        assert_allclose(cells[column], expected_cells[column], rtol=1e-9, atol=1e-12,
                        err_msg=column)
    for column in ("text", "fill", "line_color", "line_width", "matrix", "row", "column"):
        assert cells[column] == expected_cells[column], column
    if state["defined"]:
        # C itself, entry by entry, against NumPy's product
        in_c = [index for index, matrix in enumerate(cells["matrix"]) if matrix == "C"]
        c_page = np.zeros((a.shape[0], b.shape[1]))
        for index in in_c:
            c_page[cells["row"][index] - 1, cells["column"][index] - 1] = cells["value"][index]
        assert len(in_c) == c_page.size
        assert_allclose(c_page, a @ b, rtol=1e-9, atol=1e-12)
    labels = source_data(page, f"{PREFIX}-labels")
    assert labels["text"] == expected_labels["text"]
    assert_allclose([labels["x"], labels["y"]], [expected_labels["x"], expected_labels["y"]],
                    rtol=1e-9)

    shapes = source_data(page, f"{PREFIX}-shapes")
    assert shapes["label"] == expected_shapes["label"]
    for page_xs, page_ys, xs, ys in zip(shapes["xs"], shapes["ys"], expected_shapes["xs"],
                                        expected_shapes["ys"]):
        assert_allclose(page_xs, xs, rtol=1e-9, atol=1e-12)
        assert_allclose(page_ys, ys, rtol=1e-9, atol=1e-12)
    corners = source_data(page, f"{PREFIX}-corners")
    assert_allclose([corners["x"], corners["y"]],
                    [expected_corners["x"], expected_corners["y"]], rtol=1e-9, atol=1e-12)
    for axis in ("x", "y"):
        assert page.evaluate(f"({FIND_MODEL})('{PREFIX}-maps-{axis}').end") == limit
        assert page.evaluate(f"({FIND_MODEL})('{PREFIX}-maps-{axis}').start") == -limit
    title = page.evaluate(f"({FIND_MODEL})('{PREFIX}-maps').title.text")
    assert title == figure_module._maps_title(state)

    readout = page.evaluate(f"({FIND_MODEL})('{PREFIX}-readout').text")
    assert readout == figure_module.matrix_multiplication_readout(a, b, cell)
    return a, b, cell, state


@pytest.mark.parametrize(
    "presses",
    [
        [],
        [("a-11", "ArrowUp")] * 3 + [("b-21", "ArrowDown")] * 5,
        [("a-22", "PageDown"), ("b-12", "ArrowUp"), ("a-12", "ArrowDown")],  # page step: 10x
        [("b-11", "PageUp"), ("a-21", "PageUp")],  # to the top of the range
    ],
)
def test_explorer_entries_by_keyboard_match_python(visit, presses):
    record = visit(MULTIPLICATION_PAGE)
    page = record.page
    wait_for_figures(page)
    for name, key in presses:
        press_key(page, spinner(page, name), key)
    a, b, cell, state = assert_page_matches_python(page)
    assert state["defined"]
    # the reader sees the sum of products, inside Bokeh's shadow DOM
    i, j = cell
    shown = page.locator(f"[data-mlmath-figure='{PREFIX}'] .bk-clearfix").filter(
        has_text="C = AB").inner_text()
    assert f"c{figure_module._sub(i, j)} = row {i} of A times column {j} of B" in shown
    assert shown.endswith(figure_module.format_number((a @ b)[i - 1, j - 1]))
    record.assert_clean()


def test_explorer_three_by_three_and_another_cell(visit):
    record = visit(MULTIPLICATION_PAGE)
    page = record.page
    wait_for_figures(page)
    for menu in ("a-rows", "a-columns", "b-rows", "b-columns"):
        choose(page, menu, "3")
    # the third row and column of spinners are now there to be typed into
    for name, key in [("a-13", "ArrowUp"), ("a-31", "ArrowDown"), ("b-32", "ArrowUp"),
                      ("b-33", "ArrowDown"), ("b-23", "ArrowUp")]:
        assert spinner(page, name).is_visible()
        press_key(page, spinner(page, name), key)
    choose(page, "cell-row", "3")
    choose(page, "cell-column", "2")
    a, b, cell, state = assert_page_matches_python(page)
    assert a.shape == b.shape == (3, 3) and cell == (3, 2)
    assert_allclose(state["terms"], [a[2, k] * b[k, 1] for k in range(3)])
    # back to two rows of A: the chosen row 3 no longer exists and falls back to row 2
    choose(page, "a-rows", "2")
    a, b, cell, _ = assert_page_matches_python(page)
    assert cell == (2, 2) and not spinner(page, "a-31").is_visible()
    record.assert_clean()


def test_explorer_says_in_words_when_there_is_no_product(visit):
    record = visit(MULTIPLICATION_PAGE)
    page = record.page
    wait_for_figures(page)
    choose(page, "a-columns", "3")  # A is 2x3, B is still 2x2
    a, b, _, state = assert_page_matches_python(page)
    assert not state["defined"]
    readout = page.evaluate(f"({FIND_MODEL})('{PREFIX}-readout').text")
    assert "No product AB" in readout and "3 ≠ 2" in readout
    with pytest.raises(ValueError, match=r"\(2, 3\) and b has shape \(2, 2\)"):
        linalg.matrix_multiply(a, b)  # the package agrees there is none
    cells = source_data(page, f"{PREFIX}-cells")
    assert "C" not in cells["matrix"]
    assert source_data(page, f"{PREFIX}-shapes")["xs"][3] == []  # no AB to draw
    # nothing in the page went NaN
    assert "NaN" not in json.dumps([cells, source_data(page, f"{PREFIX}-shapes")])
    # and it recovers when B gets its third row
    choose(page, "b-rows", "3")
    assert assert_page_matches_python(page)[3]["defined"]
    record.assert_clean()


def test_explorer_empty_entry_is_named_not_drawn_as_nan(visit):
    record = visit(MULTIPLICATION_PAGE)
    page = record.page
    wait_for_figures(page)
    field = spinner(page, "a-12")
    field.fill("")
    field.press("Tab")
    page.wait_for_function(FIGURES_FINISHED)
    assert model_value(page, f"{PREFIX}-a-12") is None
    readout = page.evaluate(f"({FIND_MODEL})('{PREFIX}-readout').text")
    assert "a₁₂ is empty" in readout and "from −5 to 5" in readout
    cells = source_data(page, f"{PREFIX}-cells")
    assert "?" in cells["text"] and "C" not in cells["matrix"]
    field.fill("1.5")
    field.press("Tab")
    page.wait_for_function(FIGURES_FINISHED)
    a, *_ = assert_page_matches_python(page)
    assert a[0, 1] == 1.5
    record.assert_clean()


def test_clicking_an_entry_of_c_explains_it(visit):
    record = visit(MULTIPLICATION_PAGE)
    page = record.page
    wait_for_figures(page)
    cells = source_data(page, f"{PREFIX}-cells")
    target = next(k for k, (matrix, r, c) in enumerate(
        zip(cells["matrix"], cells["row"], cells["column"])) if (matrix, r, c) == ("C", 2, 1))
    page.locator(f"[data-mlmath-figure='{PREFIX}']").scroll_into_view_if_needed()
    # where that cell is on the screen: Bokeh's own data-to-screen mapping
    x, y = page.evaluate(
        """([name, x, y]) => {
          const plot = Bokeh.index.query_one((view) => view.model.name === name)
          const frame = plot.frame
          const box = plot.canvas_view.el.getBoundingClientRect()
          return [box.left + frame.x_scale.compute(x), box.top + frame.y_scale.compute(y)]
        }""",
        [f"{PREFIX}-scheme", cells["x"][target], cells["y"][target]])
    page.mouse.click(x, y)
    page.wait_for_function(FIGURES_FINISHED)
    _, _, cell, _ = assert_page_matches_python(page)
    assert cell == (2, 1)
    record.assert_clean()


# -- the data matrix (chapter Matrices) ------------------------------------------------
def test_data_matrix_sliders_and_transpose_match_python(visit):
    record = visit(MATRICES_PAGE)
    page = record.page
    wait_for_figures(page)
    # The chapter draws the six houses of make_houses(n=6, seed=7).
    data = make_houses(n=6, seed=7).features
    texts = figure_module._table_texts(data)
    names = ("sq ft", "beds", "age")
    figure = page.locator("[data-mlmath-figure='data-matrix']")
    handles = figure.locator(".noUi-handle")
    toggle = figure.locator(".bk-btn")
    for moves in ([], [(0, "ArrowRight")] * 3 + [(1, "ArrowLeft")], [(0, "Home")],
                  ["toggle", (1, "End"), (0, "End")], ["toggle"]):
        for move in moves:
            if move == "toggle":
                toggle.focus()
                page.keyboard.press("Space")
                page.wait_for_function(FIGURES_FINISHED)
            else:
                press_key(page, handles.nth(move[0]), move[1])
        i = int(model_value(page, "data-matrix-row"))
        j = int(model_value(page, "data-matrix-column"))
        transposed = page.evaluate(f"({FIND_MODEL})('data-matrix-transpose').active")
        cells, headers = figure_module._table_rows(texts, names, i, j, transposed)
        assert source_data(page, "data-matrix-cells") == cells
        assert source_data(page, "data-matrix-headers") == headers
        points = source_data(page, "data-matrix-points")
        expected = figure_module._point_rows(data, (0, 2), i)
        assert points["color"] == expected["color"] and points["size"] == expected["size"]
        assert page.evaluate(f"({FIND_MODEL})('data-matrix-readout').text") == \
            figure_module.data_matrix_readout(data, names, i, j, transposed)
        assert toggle.inner_text() == figure_module.TOGGLE_LABELS[transposed]
        # the entry shaded green holds a_ij, wherever the table has moved it
        chosen = cells["line_width"].index(3.0)
        assert cells["text"][chosen] == texts[i - 1][j - 1]
        if transposed:  # row i of A runs down column i of the table drawn
            assert cells["x"][chosen] == i - 0.5 and cells["y"][chosen] == -(j - 0.5)
    record.assert_clean()
