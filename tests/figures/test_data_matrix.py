"""The data-matrix figure: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath.data import make_houses
from mlmath.figures.kit import Readout, palette
from mlmath.figures.kit.layout import NARROW_PX, PHONE_COLUMN_PX, text_lines
from mlmath.figures.kit.widgets import READOUT_FONT_PX
from mlmath.figures.linalg.data_matrix import (fig_data_matrix, page_state, readout_text,
                                               table_texts)
from tests.figures.bokehjs import assert_matches

HOUSES = make_houses(n=6, seed=7).features
NAMES = ("sq ft", "beds", "age")
PREFIX = "data-matrix"


def shown_at(cells, row, column, transposed):
    """The index of the cell drawn where entry (row, column) of A belongs."""
    x, y = (row - 0.5, column - 0.5) if transposed else (column - 0.5, row - 0.5)
    (index,) = [k for k, (cx, cy) in enumerate(zip(cells["x"], cells["y"]))
                if (cx, -cy) == (x, y)]
    return index


def written(v) -> str:
    return f"{v:,.0f}"  # the houses' numbers are whole


@pytest.mark.parametrize("row, column, transposed", [(1, 1, False), (2, 3, False),
                                                     (6, 2, True), (4, 1, True)])
def test_table_shades_the_row_the_column_and_the_entry(row, column, transposed):
    figure = fig_data_matrix(HOUSES, NAMES, row=row, column=column, transposed=transposed)
    cells = figure.model(f"{PREFIX}-cells").data
    assert len(cells["text"]) == HOUSES.size
    # every entry of A is drawn where A (or Aᵀ) has it
    for (r, c), value in np.ndenumerate(HOUSES):
        assert cells["text"][shown_at(cells, r + 1, c + 1, transposed)] == written(value)
    chosen = shown_at(cells, row, column, transposed)
    assert cells["line_width"][chosen] == 3.0 and cells["line_width"].count(3.0) == 1
    assert cells["fill"][chosen] == palette.ENTRY_FILL
    in_row = [t for t, fill in zip(cells["text"], cells["fill"]) if fill == palette.ROW_FILL]
    in_column = [t for t, fill in zip(cells["text"], cells["fill"])
                 if fill == palette.COLUMN_FILL]
    assert in_row == [written(v) for k, v in enumerate(HOUSES[row - 1]) if k != column - 1]
    assert in_column == [written(v) for k, v in enumerate(HOUSES[:, column - 1])
                         if k != row - 1]

    points = figure.model(f"{PREFIX}-points").data
    assert_allclose(points["x"], HOUSES[:, 0])
    assert_allclose(points["y"], HOUSES[:, 2])
    assert points["size"].index(max(points["size"])) == row - 1
    readout = figure.model(f"{PREFIX}-readout").text
    assert readout == readout_text(HOUSES, NAMES, row, column, transposed)
    assert f"house {row}: (" + ", ".join(map(written, HOUSES[row - 1])) + ")" in readout
    assert ("In Aᵀ (3×6)" in readout) == transposed
    assert figure.model(f"{PREFIX}-row").value == row
    assert figure.model(f"{PREFIX}-transpose").active == transposed
    assert figure.model(f"{PREFIX}-transpose").label == \
        ("Back to A" if transposed else "Show the transpose Aᵀ")
    assert "6 houses (rows) by 3 features" in figure.alt


def test_headers_name_the_houses_and_the_features_and_mark_the_chosen_ones():
    headers = page_state({f"{PREFIX}-row": 5, f"{PREFIX}-column": 3,
                          f"{PREFIX}-transpose": True})[f"{PREFIX}-headers"]["data"]
    marked = {t: c for t, c in zip(headers["text"], headers["color"]) if c != palette.INK}
    # in Aᵀ the houses run across (house 5 blue) and the features down (age vermillion)
    assert marked == {"5": palette.BLUE, "age": palette.VERMILLION, "house →": palette.GREY}


def test_readout_lists_the_row_the_column_and_the_entry():
    text = readout_text(HOUSES, NAMES, row=2, column=3)
    assert "<b>Row 2</b> of A is house 2: (3,210, 6, 36)" in text
    assert "age for all 6 houses: (20, 36, 40, 44, 80, 63)" in text
    assert text.endswith("Entry <b>a₂₃ = 36</b>.")
    turned = readout_text(HOUSES, NAMES, row=5, column=3, transposed=True)
    assert "entry (Aᵀ)₃₅: row 5 of A is column 5 of Aᵀ" in turned


def test_entries_are_written_with_separators_decimals_and_a_true_minus():
    assert table_texts([[2450, -1200, 0.5], [-0.0, 1e6, -2.125]]) == \
        [["2,450", "−1,200", "0.5"], ["0", "1,000,000", "−2.13"]]


def test_the_chapters_steps_in_bokehjs(bokehjs):
    """Row 5, column 3, then the transpose: the green entry moves from (5, 3) to (3, 5)."""
    figure = fig_data_matrix()
    steps = [[f"{PREFIX}-row", "value", 5], [f"{PREFIX}-transpose", "active", True]]
    shown, expected = bokehjs.state_after(figure, steps, page_state)
    assert_matches(shown, expected)
    cells = shown[f"{PREFIX}-cells"]["data"]
    chosen = cells["line_width"].index(3.0)
    assert (cells["x"][chosen], cells["y"][chosen]) == (4.5, -2.5)  # column 5, row 3
    assert cells["text"][chosen] == "80"
    assert shown[f"{PREFIX}-transpose"]["label"] == "Back to A"
    # and back
    back, expected = bokehjs.state_after(
        figure, [*steps, [f"{PREFIX}-transpose", "active", False]], page_state)
    assert_matches(back, expected)
    assert back[f"{PREFIX}-transpose"]["label"] == "Show the transpose Aᵀ"
    assert "In Aᵀ" not in back[f"{PREFIX}-readout"]["text"]


def test_another_table_in_bokehjs(bokehjs):
    """A wide table (2 × 4) with decimals and negatives, its corners and the transpose."""
    data = [[1.5, -2, 3000, 0.25], [-1.125, 4, -5000, 6]]
    names = ("w", "x", "y", "z")
    figure = fig_data_matrix(data, names, row=1, column=1, scatter_columns=(3, 1))
    state = partial(page_state, data=data, column_names=names, scatter_columns=(3, 1))
    for steps in ([[f"{PREFIX}-row", "value", 2], [f"{PREFIX}-column", "value", 4]],
                  [[f"{PREFIX}-column", "value", 4], [f"{PREFIX}-transpose", "active", True]]):
        shown, expected = bokehjs.state_after(figure, steps, state)
        assert_matches(shown, expected, str(steps))
    assert "Entry <b>a₂₄ = 6</b>" in readout_text(data, names, 2, 4)
    assert figure.model(f"{PREFIX}-points").data["x"] == [0.25, 6.0]
    assert figure.model(f"{PREFIX}-scatter").xaxis[0].axis_label == "z"


def test_the_readout_has_room_for_every_text_it_can_show():
    (readout,) = [part for part in fig_data_matrix().parts if isinstance(part, Readout)]
    for row in range(1, 7):
        for column in range(1, 4):
            for transposed in (False, True):
                text = readout_text(HOUSES, NAMES, row, column, transposed)
                for lines, width in zip(readout.lines, (PHONE_COLUMN_PX, NARROW_PX)):
                    assert text_lines(text, width, READOUT_FONT_PX) <= lines


def test_entries_get_smaller_type_or_are_refused_when_a_phone_has_no_room():
    def entry_font(figure):
        (size,) = [r.glyph.text_font_size for r in figure.model(f"{PREFIX}-table").renderers
                   if r.data_source.name == f"{PREFIX}-cells" and hasattr(r.glyph, "text")]
        return size
    assert entry_font(fig_data_matrix()) == "13px"
    seven = make_houses(n=7, seed=7).features  # 7 rows: 34 px cells, room for "2,450" at 11 px
    assert entry_font(fig_data_matrix(seven, NAMES, row=1, column=1)) == "11px"
    small = np.arange(24).reshape(8, 3) % 10  # 8 rows of one digit fit
    assert entry_font(fig_data_matrix(small, NAMES, row=1, column=1)) == "13px"
    too_long = r"data must have entries short enough .* 8 rows or columns a cell is 30 px wide"
    with pytest.raises(ValueError, match=too_long + r", too narrow for '\d,\d{3}'"):
        fig_data_matrix(make_houses(n=8, seed=7).features, NAMES, row=1, column=1)


@pytest.mark.parametrize("kwargs, message", [
    ({"data": np.ones((9, 3))}, "data must have 2 to 8 rows and 2 to 4 columns"),
    ({"data": [[1, 2, np.inf], [1, 2, 3]]}, "data must be finite"),
    ({"data": [1, 2, 3]}, "data must be a 2-D array"),
    ({"column_names": ("a", "b")}, "column_names must be 3 non-empty strings"),
    ({"column_names": "abc"}, "column_names must be 3 non-empty strings"),
    ({"column_names": ("a", "", "c")}, "column_names must be 3 non-empty strings"),
    ({"row": 7}, r"row must be in \[1, 6\] in steps of 1 \(the slider 'row i \(a house\)'\)"),
    ({"row": 1.5}, "row must be .* between two steps"),
    ({"column": 0}, r"column must be in \[1, 3\]"),
    ({"column": True}, "column must be a number"),
    ({"scatter_columns": (1, 1)}, "scatter_columns must be two different"),
    ({"scatter_columns": (0, 3)}, "scatter_columns must be <= 2"),
    ({"scatter_columns": 0}, "scatter_columns must be two different"),
    ({"transposed": "yes"}, "transposed must be True or False"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_data_matrix(**kwargs)
