"""The matrix multiplication explorer: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure
from numpy.testing import assert_allclose

from mlmath.figures.kit import Readout, palette
from mlmath.figures.kit.layout import NARROW_PX, PHONE_COLUMN_PX, text_lines
from mlmath.figures.kit.widgets import READOUT_FONT_PX
from mlmath.figures.linalg.matrix_multiplication import (fig_matrix_multiplication, page_state,
                                                         readout_text)
from tests.figures.bokehjs import assert_matches

PREFIX = "matrix-multiplication"
SQUARE = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)
SHEAR, TURN = np.array([[1.0, 2.0], [0.0, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])


def entries_of(cells, matrix):
    """The matrix ``matrix`` ("A", "B" or "C") as the scheme's cells hold it."""
    rows = [(r, c, v) for m, r, c, v in zip(cells["matrix"], cells["row"], cells["column"],
                                           cells["value"]) if m == matrix]
    if not rows:
        return None
    result = np.full((max(r for r, _, _ in rows), max(c for _, c, _ in rows)), np.nan)
    for r, c, v in rows:
        result[r - 1, c - 1] = np.nan if v is None else v
    return result


CONTROLS = [f"{PREFIX}-{key}" for key in ("a-rows", "a-columns", "b-rows", "b-columns",
                                           "cell-row", "cell-column")] + [
    f"{PREFIX}-{letter}-{r}{c}" for letter in "ab" for r in (1, 2, 3) for c in (1, 2, 3)]


def run(runner, figure, steps):
    """The page after ``steps`` in BokehJS, checked against page_state of every
    control's value as BokehJS left it (hidden spinners too, which
    ``BokehJS.state_after`` leaves at their starting values)."""
    read = {name: ["value"] for name in CONTROLS}
    for name, properties in page_state({n: figure.model(n).value for n in CONTROLS}).items():
        read.setdefault(name, []).extend(p for p in properties if p not in read[name])
    models = runner.run(figure, steps, read)
    expected = page_state({name: models[name]["value"] for name in CONTROLS})
    shown = {name: {p: models[name][p] for p in props} for name, props in expected.items()}
    assert_matches(shown, expected, str(steps))
    return shown


@pytest.mark.parametrize("a, b, cell", [
    (SHEAR, TURN, (1, 1)),
    (((1, -2.5, 3), (0.5, 1, -1)), ((1, 0), (2, 1), (-4, 0.5)), (2, 2)),
    (((5, -5), (1, 2), (0, -0.5)), ((1, 2, 3), (-1, 0.5, 4)), (3, 3)),
    (np.arange(9).reshape(3, 3) / 2 - 2, np.eye(3) * -1.5, (2, 3)),
])
def test_explorer_draws_a_b_and_their_product(a, b, cell):
    a, b = np.asarray(a, float), np.asarray(b, float)
    figure = fig_matrix_multiplication(a=a, b=b, cell=cell)
    cells = figure.model(f"{PREFIX}-cells").data
    assert_allclose(entries_of(cells, "A"), a)
    assert_allclose(entries_of(cells, "B"), b)
    assert_allclose(entries_of(cells, "C"), a @ b, rtol=1e-12, atol=1e-12)
    # row i of A, column j of B and the entry c_ij are the ones marked
    i, j = cell
    marked = {(m, r, c) for m, r, c, fill in zip(cells["matrix"], cells["row"],
                                                 cells["column"], cells["fill"])
              if fill != palette.PAPER}
    assert marked == ({("A", i, k) for k in range(1, a.shape[1] + 1)}
                      | {("B", k, j) for k in range(1, b.shape[0] + 1)} | {("C", i, j)})
    # row i of A lines up with row i of C, column j of B with column j of C
    at = {(m, r, c): (x, y) for m, r, c, x, y in zip(cells["matrix"], cells["row"],
                                                     cells["column"], cells["x"], cells["y"])}
    assert at[("A", i, 1)][1] == at[("C", i, j)][1]
    assert at[("B", 1, j)][0] == at[("C", i, j)][0]

    shapes = figure.model(f"{PREFIX}-shapes").data
    assert shapes["label"] == ["unit square", "B", "A", "AB"]
    for index, matrix in ((1, b), (2, a), (3, a @ b)):
        corners = SQUARE @ matrix[:2, :2].T
        assert_allclose(shapes["xs"][index], corners[:, 0], atol=1e-12)
        assert_allclose(shapes["ys"][index], corners[:, 1], atol=1e-12)
    limit = max(figure.model(f"{PREFIX}-frame").data["x"])
    assert limit >= 1.15 * max(np.abs(np.concatenate(shapes["xs"] + shapes["ys"])).max(), 1)

    readout = figure.model(f"{PREFIX}-readout").text
    assert readout == readout_text(a, b, cell)
    assert readout.endswith(f"= <b>{np.round((a @ b)[i - 1, j - 1], 2):g}</b>".replace("-", "−"))
    # the spinners hold A and B, and only those inside the shapes are visible
    for letter, matrix in (("a", a), ("b", b)):
        for r in range(3):
            for c in range(3):
                box = figure.model(f"{PREFIX}-{letter}-{r + 1}{c + 1}")
                inside = r < matrix.shape[0] and c < matrix.shape[1]
                assert box.visible == inside
                assert box.value == (matrix[r, c] if inside else float(r == c))
                assert box.title == f"{letter}{'₀₁₂₃'[r + 1]}{'₀₁₂₃'[c + 1]}"


def test_product_in_two_by_two_is_the_composition_of_the_maps():
    figure = fig_matrix_multiplication(a=SHEAR, b=TURN)
    shapes = figure.model(f"{PREFIX}-shapes").data
    b_image = np.column_stack([shapes["xs"][1], shapes["ys"][1]])
    ab_image = np.column_stack([shapes["xs"][3], shapes["ys"][3]])
    assert_allclose(ab_image, b_image @ SHEAR.T)  # AB maps the square as A after B
    assert figure.model(f"{PREFIX}-maps-title").text == "Unit square under B, A and AB"
    assert figure.model(f"{PREFIX}-corners").data["x"] == [0.0, 1.0, 2.0]  # (1, 0) under B, A, AB


def test_readout_writes_out_the_sum_of_products():
    text = readout_text([[1, 2], [3, 4]], [[5, -3], [2, 4]], (2, 1))
    assert "C = AB</b> is 2×2, with rows (9, 5), (23, 7)" in text
    assert "c₂₁</b> = row 2 of A times column 1 of B = a₂₁b₁₁ + a₂₂b₂₁" in text
    assert text.endswith("= <b>23</b>")
    assert palette.tint("3", palette.BLUE) + " × " + palette.tint("5", palette.VERMILLION) in text
    negative = readout_text([[1, 2], [3, 4]], [[5, -3], [2, 4]], (1, 2))
    assert ">(−3)</span>" in negative  # negatives in parentheses, with a true minus


def test_mismatched_shapes_are_explained_not_drawn():
    figure = fig_matrix_multiplication(a=np.ones((2, 3)), b=np.ones((2, 2)))
    readout = figure.model(f"{PREFIX}-readout").text
    assert "No product AB" in readout and "A is 2×3 and B is 2×2" in readout
    assert "3 ≠ 2" in readout
    assert "C" not in figure.model(f"{PREFIX}-cells").data["matrix"]
    shapes = figure.model(f"{PREFIX}-shapes").data
    assert shapes["xs"][3] == [] and shapes["label"][3] == "AB (not defined)"
    assert figure.model(f"{PREFIX}-maps-title").text == "Unit square under B, A (no AB)"
    assert "There is no product AB" in figure.alt
    assert "no AB: 3 ≠ 2" in figure.model(f"{PREFIX}-labels").data["text"]
    assert figure.static.axes[0].get_title() == "No product: A is 2×3, B is 2×2, and 3 ≠ 2"


def test_static_twin_and_alt_text_carry_the_numbers():
    figure = fig_matrix_multiplication(a=SHEAR, b=TURN)
    assert isinstance(figure.static, Figure) and len(figure.static.axes) == 2
    assert figure.static.axes[0].get_title() == "c₁₁ = 1 × 0 + 2 × 1 = 2"
    assert "A (2×2) = [1, 2; 0, 1]" in figure.alt and "C = AB (2×2) = [2, −1; 1, 0]" in figure.alt
    assert "AB: (0, 0), (2, 1), (1, 1), (−1, 0)" in figure.alt
    assert figure.to_png()[:4] == b"\x89PNG"


def test_long_numbers_are_drawn_smaller_to_fit_their_cells():
    cells = fig_matrix_multiplication(a=np.full((3, 3), -4.5), b=np.full((3, 3), 4.5)) \
        .model(f"{PREFIX}-cells").data
    sizes = {t: s for t, s in zip(cells["text"], cells["font_size"])}
    assert sizes == {"−4.5": "14px", "4.5": "14px", "−60.75": "12px"}


def test_shapes_that_do_not_multiply_in_bokehjs(bokehjs):
    shown = run(bokehjs, fig_matrix_multiplication(), [[f"{PREFIX}-a-columns", "value", "3"]])
    assert "No product AB" in shown[f"{PREFIX}-readout"]["text"]
    assert "C" not in shown[f"{PREFIX}-cells"]["data"]["matrix"]
    assert shown[f"{PREFIX}-a-13"]["visible"] and not shown[f"{PREFIX}-a-31"]["visible"]
    # A's new column holds the identity's zeros until the reader types
    assert entries_of(shown[f"{PREFIX}-cells"]["data"], "A").tolist() == [[1, 2, 0], [0, 1, 0]]


def test_growing_both_matrices_multiplies_three_by_three_in_bokehjs(bokehjs):
    steps = [[f"{PREFIX}-{key}", "value", "3"] for key in ("a-rows", "a-columns", "b-rows",
                                                           "b-columns")]
    steps += [[f"{PREFIX}-a-33", "value", -4.5], [f"{PREFIX}-b-31", "value", 5.0]]
    cells = run(bokehjs, fig_matrix_multiplication(), steps)[f"{PREFIX}-cells"]["data"]
    a = np.array([[1, 2, 0], [0, 1, 0], [0, 0, -4.5]])
    b = np.array([[0, -1, 0], [1, 0, 0], [5, 0, 1]])
    assert_allclose(entries_of(cells, "C"), a @ b)


def test_corners_that_do_not_compose_are_named_so():
    """A 2×2 corner of AB is the corners' product only when A's third column meets
    B's third row in zeros; the title and the alt text must not claim more."""
    through_zeros = fig_matrix_multiplication(a=[[1, 2, 0], [0, 1, 3]], b=[[1, 0], [0, 1], [4, 4]])
    assert through_zeros.model(f"{PREFIX}-maps-title").text == "2×2 corners: AB's ≠ A's after B's"
    assert "is not the corner of A applied after the corner of B" in through_zeros.alt
    assert through_zeros.static.axes[1].get_title() == (
        "2×2 corners of B, A, AB: AB's is not A's after B's")
    shapes = through_zeros.model(f"{PREFIX}-shapes").data
    ab_image = np.column_stack([shapes["xs"][3], shapes["ys"][3]])
    b_image = np.column_stack([shapes["xs"][1], shapes["ys"][1]])
    assert not np.allclose(ab_image, b_image @ np.array([[1, 2], [0, 1]]).T)  # as the title says
    composing = fig_matrix_multiplication(a=[[1, 2, 0], [0, 1, 0]], b=[[1, 0], [0, 1], [4, 4]])
    assert composing.model(f"{PREFIX}-maps-title").text == "Unit square under 2×2 corners"
    assert "is not the corner" not in composing.alt
    tall = fig_matrix_multiplication(a=np.ones((3, 2)), b=np.ones((2, 3)))  # two columns of A
    assert tall.model(f"{PREFIX}-maps-title").text == "Unit square under 2×2 corners"


def test_corners_stop_composing_when_the_reader_types_a_third_term_in_bokehjs(bokehjs):
    steps = [[f"{PREFIX}-{key}", "value", "3"] for key in ("a-columns", "b-rows")]
    shown = run(bokehjs, fig_matrix_multiplication(), steps)
    assert shown[f"{PREFIX}-maps-title"]["text"] == "Unit square under 2×2 corners"
    steps += [[f"{PREFIX}-a-13", "value", 1.5], [f"{PREFIX}-b-31", "value", -2.0]]
    shown = run(bokehjs, fig_matrix_multiplication(), steps)
    assert shown[f"{PREFIX}-maps-title"]["text"] == "2×2 corners: AB's ≠ A's after B's"


def test_a_chosen_entry_outside_the_shape_moves_inside_in_bokehjs(bokehjs):
    figure = fig_matrix_multiplication(a=np.ones((3, 2)), b=np.ones((2, 3)), cell=(3, 3))
    shown = run(bokehjs, figure, [[f"{PREFIX}-a-rows", "value", "2"],
                                  [f"{PREFIX}-b-columns", "value", "2"]])
    assert shown[f"{PREFIX}-cell-row"] == {"options": ["1", "2"], "value": "2"}
    assert shown[f"{PREFIX}-cell-column"] == {"options": ["1", "2"], "value": "2"}
    assert "<b>c₂₂</b>" in shown[f"{PREFIX}-readout"]["text"]


def test_an_emptied_spinner_is_named_in_bokehjs(bokehjs):
    shown = run(bokehjs, fig_matrix_multiplication(), [[f"{PREFIX}-b-21", "value", None]])
    assert shown[f"{PREFIX}-readout"]["text"] == \
        "<b>b₂₁ is empty:</b> type a number from −5 to 5."
    cells = shown[f"{PREFIX}-cells"]["data"]
    assert "?" in cells["text"] and "C" not in cells["matrix"]
    assert shown[f"{PREFIX}-labels"]["data"]["text"][2] == "no AB yet"
    assert shown[f"{PREFIX}-shapes"]["data"]["xs"][1] == []  # B cannot be drawn


def test_a_click_on_an_entry_of_c_picks_it_in_bokehjs(bokehjs):
    figure = fig_matrix_multiplication()
    cells = figure.model(f"{PREFIX}-cells").data
    c21 = next(k for k, key in enumerate(zip(cells["matrix"], cells["row"], cells["column"]))
               if key == ("C", 2, 1))
    a12 = next(k for k, key in enumerate(zip(cells["matrix"], cells["row"], cells["column"]))
               if key == ("A", 1, 2))
    shown = run(bokehjs, figure, [[f"{PREFIX}-selection", "indices", [c21]]])
    assert shown[f"{PREFIX}-cell-row"]["value"] == "2"
    assert shown[f"{PREFIX}-cell-column"]["value"] == "1"
    assert "<b>c₂₁</b>" in shown[f"{PREFIX}-readout"]["text"]
    # a click on A chooses nothing
    shown = run(bokehjs, figure, [[f"{PREFIX}-selection", "indices", [a12]]])
    assert (shown[f"{PREFIX}-cell-row"]["value"], shown[f"{PREFIX}-cell-column"]["value"]) \
        == ("1", "1")


def test_the_readout_has_room_for_its_longest_texts():
    (readout,) = [p for p in fig_matrix_multiplication().parts if isinstance(p, Readout)]
    rng = np.random.default_rng(1)
    for _ in range(50):  # 3×3 matrices of two-decimal numbers, the longest there are
        a, b = (np.round(rng.uniform(-5, 5, (3, 3)), 2) for _ in range(2))
        text = readout_text(a, b, tuple(rng.integers(1, 4, 2)))
        for lines, width in zip(readout.lines, (PHONE_COLUMN_PX, NARROW_PX)):
            assert text_lines(text, width, READOUT_FONT_PX) <= lines


@pytest.mark.parametrize("kwargs, message", [
    ({"a": np.ones((4, 2))}, r"a must have 2 or 3 rows and 2 or 3 columns .* \(4, 2\)"),
    ({"b": np.ones((2, 1))}, r"b must have 2 or 3 rows"),
    ({"a": [[6, 0], [0, 1]]}, r"a must have entries in \[-5.0, 5.0\]"),
    ({"b": [[0, np.nan], [1, 0]]}, "b must be finite"),
    ({"a": [1, 2]}, "a must be a 2-D array"),
    ({"b": [[1, 2], [3]]}, "b must be a 2-D array of real numbers"),
    ({"cell": (3, 1)}, r"cell\[0\] \(the row i of C\) must be <= 2"),
    ({"cell": (1, 0)}, r"cell\[1\] \(the column j of C\) must be >= 1"),
    ({"cell": (1.5, 1)}, r"cell\[0\] \(the row i of C\) must be an integer"),
    ({"cell": 1}, r"cell must be a pair \(i, j\)"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_matrix_multiplication(**kwargs)
