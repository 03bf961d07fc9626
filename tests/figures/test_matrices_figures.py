"""The figures of the matrix chapters draw the numbers NumPy computes."""

import numpy as np
import pytest
from matplotlib.figure import Figure
from numpy.testing import assert_allclose

from mlmath.data import make_houses
from mlmath.figures import fig_data_matrix, fig_matrix_multiplication
from mlmath.figures.linalg.matrices import (
    data_matrix_readout, format_number, matrix_multiplication_readout,
)

SQUARE = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)


def model(figure, name):
    found = figure.layout.select_one({"name": name})
    assert found is not None, f"no Bokeh model named {name!r}"
    return found


def entries_of(cells, matrix):
    """The matrix ``matrix`` ("A", "B" or "C") as the scheme's cells hold it."""
    rows = [(r, c, v) for m, r, c, v in zip(cells["matrix"], cells["row"], cells["column"],
                                           cells["value"]) if m == matrix]
    if not rows:
        return None
    result = np.zeros((max(r for r, _, _ in rows), max(c for _, c, _ in rows)))
    for r, c, v in rows:
        result[r - 1, c - 1] = v
    return result


@pytest.mark.parametrize(
    "a, b, cell",
    [
        (((1, 2), (0, 1)), ((0, -1), (1, 0)), (1, 1)),
        (((1, -2.5, 3), (0.5, 1, -1)), ((1, 0), (2, 1), (-4, 0.5)), (2, 2)),
        (((5, -5), (1, 2), (0, -0.5)), ((1, 2, 3), (-1, 0.5, 4)), (3, 3)),
        (np.arange(9).reshape(3, 3) / 2 - 2, np.eye(3) * -1.5, (2, 3)),
    ],
)
def test_explorer_draws_a_b_and_their_product(a, b, cell):
    a, b = np.asarray(a, float), np.asarray(b, float)
    figure = fig_matrix_multiplication(a=a, b=b, cell=cell)
    cells = model(figure, "matrix-multiplication-cells").data
    assert_allclose(entries_of(cells, "A"), a)
    assert_allclose(entries_of(cells, "B"), b)
    assert_allclose(entries_of(cells, "C"), a @ b, rtol=1e-12, atol=1e-12)
    assert cells["text"] == [format_number(v) for v in cells["value"]]
    # row i of A, column j of B and the entry c_ij are the ones marked
    i, j = cell
    marked = {(m, r, c) for m, r, c, fill in zip(cells["matrix"], cells["row"],
                                                 cells["column"], cells["fill"])
              if fill != "#FFFFFF"}
    assert marked == ({("A", i, k) for k in range(1, a.shape[1] + 1)}
                      | {("B", k, j) for k in range(1, b.shape[0] + 1)} | {("C", i, j)})
    # row i of A lines up with row i of C, column j of B with column j of C
    at = {(m, r, c): (x, y) for m, r, c, x, y in zip(cells["matrix"], cells["row"],
                                                     cells["column"], cells["x"], cells["y"])}
    assert at[("A", i, 1)][1] == at[("C", i, j)][1]
    assert at[("B", 1, j)][0] == at[("C", i, j)][0]

    shapes = model(figure, "matrix-multiplication-shapes").data
    assert shapes["label"] == ["unit square", "B", "A", "AB"]
    for index, matrix in ((1, b), (2, a), (3, a @ b)):
        corners = SQUARE @ matrix[:2, :2].T
        assert_allclose(shapes["xs"][index], corners[:, 0], atol=1e-12)
        assert_allclose(shapes["ys"][index], corners[:, 1], atol=1e-12)
    limit = model(figure, "matrix-multiplication-maps-x").end
    assert limit >= 1.15 * max(np.abs(np.concatenate(shapes["xs"] + shapes["ys"])).max(), 1)

    readout = model(figure, "matrix-multiplication-readout").text
    assert readout == matrix_multiplication_readout(a, b, cell)
    assert readout.endswith(f"= <b>{format_number((a @ b)[i - 1, j - 1])}</b>")
    # the spinners hold A and B, and only those inside the shapes are visible
    for letter, matrix in (("a", a), ("b", b)):
        for r in range(3):
            for c in range(3):
                box = model(figure, f"matrix-multiplication-{letter}-{r + 1}{c + 1}")
                inside = r < matrix.shape[0] and c < matrix.shape[1]
                assert box.visible == inside
                assert box.value == (matrix[r, c] if inside else float(r == c))
                assert box.title == f"{letter}{'₀₁₂₃'[r + 1]}{'₀₁₂₃'[c + 1]}"


def test_product_in_two_by_two_is_the_composition_of_the_maps():
    a, b = np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])
    shapes = model(fig_matrix_multiplication(a=a, b=b), "matrix-multiplication-shapes").data
    b_image = np.column_stack([shapes["xs"][1], shapes["ys"][1]])
    ab_image = np.column_stack([shapes["xs"][3], shapes["ys"][3]])
    assert_allclose(ab_image, b_image @ a.T)  # AB maps the square as A after B
    assert model(fig_matrix_multiplication(a=a, b=b), "matrix-multiplication-maps").title.text \
        == "Unit square under B, A and AB"


def test_readout_writes_out_the_sum_of_products():
    text = matrix_multiplication_readout([[1, 2], [3, 4]], [[5, -3], [2, 4]], (2, 1))
    assert "C = AB</b> is 2×2, with rows (9, 5), (23, 7)" in text
    assert "c₂₁</b> = row 2 of A times column 1 of B = a₂₁b₁₁ + a₂₂b₂₁" in text
    assert text.endswith("= <b>23</b>")
    negative = matrix_multiplication_readout([[1, 2], [3, 4]], [[5, -3], [2, 4]], (1, 2))
    assert ">(−3)</span>" in negative  # negatives in parentheses, with a true minus


def test_mismatched_shapes_are_explained_not_drawn():
    a, b = np.ones((2, 3)), np.ones((2, 2))
    figure = fig_matrix_multiplication(a=a, b=b)
    readout = model(figure, "matrix-multiplication-readout").text
    assert "No product AB" in readout and "A is 2×3 and B is 2×2" in readout
    assert "3 ≠ 2" in readout
    cells = model(figure, "matrix-multiplication-cells").data
    assert "C" not in cells["matrix"]
    shapes = model(figure, "matrix-multiplication-shapes").data
    assert shapes["xs"][3] == [] and shapes["label"][3] == "AB (not defined)"
    assert "AB undefined" in model(figure, "matrix-multiplication-maps").title.text
    assert "There is no product AB" in figure.alt
    assert "no AB: 3 ≠ 2" in model(figure, "matrix-multiplication-labels").data["text"]


def test_static_twin_and_alt_text_carry_the_numbers():
    figure = fig_matrix_multiplication(a=((1, 2), (0, 1)), b=((0, -1), (1, 0)))
    assert isinstance(figure.static, Figure) and len(figure.static.axes) == 2
    assert figure.static.axes[0].get_title() == "c₁₁ = 1 × 0 + 2 × 1 = 2"
    assert "A (2×2) = [1, 2; 0, 1]" in figure.alt and "C = AB (2×2) = [2, −1; 1, 0]" in figure.alt
    assert "AB: (0, 0), (2, 1), (1, 1), (−1, 0)" in figure.alt
    assert figure.to_png()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "value, text",
    [(2.0, "2"), (-1.0, "−1"), (0.25, "0.25"), (-0.0, "0"), (1e-9, "0"), (-1e-9, "0"),
     (0.125, "0.13"), (-0.125, "−0.13"), (0.375, "0.38"), (12.5, "12.5"), (-73.75, "−73.75"),
     (0.1 + 0.2, "0.3")],
)
def test_format_number_rounds_like_javascript_to_fixed(value, text):
    # JavaScript: (0.125).toFixed(2) is "0.13" (ties away from zero), unlike round().
    assert format_number(value) == text


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"a": np.ones((4, 2))}, r"a must have 2 or 3 rows and 2 or 3 columns .* \(4, 2\)"),
        ({"b": np.ones((2, 1))}, r"b must have 2 or 3 rows"),
        ({"a": [[6, 0], [0, 1]]}, r"a must have entries in \[-5.0, 5.0\]"),
        ({"b": [[0, np.nan], [1, 0]]}, "b must be finite"),
        ({"a": [1, 2]}, "a must be a 2-D array"),
        ({"cell": (3, 1)}, r"cell\[0\] \(the row i of C\) must be <= 2"),
        ({"cell": (1, 0)}, r"cell\[1\] \(the column j of C\) must be >= 1"),
        ({"cell": 1}, r"cell must be a pair \(i, j\)"),
    ],
)
def test_explorer_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_matrix_multiplication(**kwargs)


# -- the data matrix ------------------------------------------------------------------
HOUSES = make_houses(n=6, seed=7).features
NAMES = ("sq ft", "beds", "age")


@pytest.mark.parametrize("row, column, transposed", [(1, 1, False), (2, 3, False),
                                                     (6, 2, True), (4, 1, True)])
def test_data_matrix_shades_the_row_the_column_and_the_entry(row, column, transposed):
    figure = fig_data_matrix(HOUSES, NAMES, row=row, column=column, transposed=transposed)
    cells = model(figure, "data-matrix-cells").data
    assert len(cells["text"]) == HOUSES.size
    chosen = cells["line_width"].index(3.0)
    assert cells["text"][chosen] == f"{HOUSES[row - 1, column - 1]:,.0f}"
    x, y = cells["x"][chosen], -cells["y"][chosen]
    assert (y, x) == ((column - 0.5, row - 0.5) if transposed else (row - 0.5, column - 0.5))
    # the shaded row holds house `row`'s features, in order
    in_row = [t for t, fill in zip(cells["text"], cells["fill"]) if fill == "#CDE4F2"]
    assert len(in_row) == HOUSES.shape[1] - 1
    points = model(figure, "data-matrix-points").data
    assert_allclose(points["x"], HOUSES[:, 0])
    assert_allclose(points["y"], HOUSES[:, 2])
    assert points["size"].index(max(points["size"])) == row - 1
    readout = model(figure, "data-matrix-readout").text
    assert readout == data_matrix_readout(HOUSES, NAMES, row, column, transposed)
    assert f"house {row}: (" + ", ".join(f"{v:,.0f}" for v in HOUSES[row - 1]) in readout
    assert ("In Aᵀ (3×6)" in readout) == transposed
    assert model(figure, "data-matrix-row").value == row
    assert model(figure, "data-matrix-transpose").active == transposed
    assert model(figure, "data-matrix-transpose").label == \
        ("Back to A" if transposed else "Show the transpose Aᵀ")
    assert "6 houses (rows) by 3 features" in figure.alt


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"data": np.ones((9, 3))}, "data must have 2 to 8 rows and 2 to 4 columns"),
        ({"column_names": ("a", "b")}, "column_names must be 3 non-empty strings"),
        ({"row": 7}, "row must be <= 6"),
        ({"column": 0}, "column must be >= 1"),
        ({"scatter_columns": (1, 1)}, "scatter_columns must be two different"),
        ({"scatter_columns": (0, 3)}, "scatter_columns must be <= 2"),
        ({"data": [[1, 2, np.inf], [1, 2, 3]]}, "data must be finite"),
    ],
)
def test_data_matrix_bad_arguments(kwargs, message):
    arguments = {"data": HOUSES, "column_names": NAMES, **kwargs}
    with pytest.raises(ValueError, match=message):
        fig_data_matrix(**arguments)
