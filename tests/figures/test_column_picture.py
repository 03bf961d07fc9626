"""The column-picture figure: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mlmath.figures import fig_column_picture
from mlmath.figures.linalg.column_picture import ENTRIES, NAME, page_state, readout_text
from tests.figures.bokehjs import BokehJS, assert_matches


def values_of(matrix, b) -> dict:
    (a11, a12), (a21, a22) = matrix
    numbers = dict(zip(ENTRIES, (a11, a12, a21, a22, b[0], b[1])))
    return {f"{NAME}-{key}": float(value) for key, value in numbers.items()}


def data(state, key):
    return state[f"{NAME}-{key}"]["data"]


#: Settings a reader can reach where elimination branches: a swap, a tie between
#: candidates, a zero first column, dependent columns with b on and off their
#: line, the zero matrix, a negative determinant, and solutions such as -0.375
#: that are ties when rounded to two decimals.
EDGES = {
    "start": ([[2, 1], [1, 2]], [4, 5]),
    "needs-a-swap": ([[0, 1], [2, 1]], [3, 4]),
    "tie-between-candidates": ([[1, 2], [-1, 1]], [3, 0]),
    "negative-det": ([[1, 2], [2, 1]], [3, 3]),
    "rounding-tie": ([[2, 1], [0, 2]], [0, 0.5]),  # x₁ = −0.125
    "dependent-b-on-line": ([[1, 1.5], [2, 3]], [1.5, 3]),
    "dependent-b-off-line": ([[1, 1.5], [2, 3]], [3, 4]),
    "dependent-thirds": ([[1.5, 3], [0.5, 1]], [3, 1]),
    "first-column-zero-on": ([[0, 1], [0, 2]], [1, 2]),
    "first-column-zero-off": ([[0, 1], [0, 2]], [2, 1]),
    "zero-matrix-zero-b": ([[0, 0], [0, 0]], [0, 0]),
    "zero-matrix-b": ([[0, 0], [0, 0]], [1, 0]),
    "second-column-zero": ([[-2, 0], [1, 0]], [4, -2]),
}


def test_the_combination_walks_tip_to_tail_to_b_and_matches_numpy():
    A, b = np.array([[2.0, 1.0], [1.0, 2.0]]), np.array([4.0, 5.0])
    state = page_state(values_of(A, b))
    pieces = data(state, "combination")
    x = np.linalg.solve(A, b)  # (1, 2)
    assert pieces["x1"][0] == pytest.approx(x[0] * A[0, 0])
    assert (pieces["x0"][1], pieces["y0"][1]) == (pieces["x1"][0], pieces["y1"][0])
    assert (pieces["x1"][1], pieces["y1"][1]) == pytest.approx(tuple(b))
    text = state[f"{NAME}-readout"]["text"]
    assert "x₁ = 1.00, x₂ = 2.00" in text and "det A = 3.00" in text and "positive" in text


def test_every_invertible_grid_setting_reaches_b_and_shows_numpys_det():
    rng = np.random.default_rng(11)
    checked = 0
    while checked < 200:
        A = rng.integers(-6, 7, size=(2, 2)) / 2
        b = rng.integers(-8, 9, size=2) / 2
        if abs(np.linalg.det(A)) < 0.1:
            continue
        state = page_state(values_of(A, b))
        pieces, area = data(state, "combination"), data(state, "area")
        assert (pieces["x1"][1], pieces["y1"][1]) == pytest.approx(tuple(b), abs=1e-9)
        det = np.linalg.det(A)
        assert area["text"] == [f"det A = {det:.2f}".replace("-", "−")] or round(det, 2) == 0
        # The signed area: the shoelace formula of the drawn parallelogram.
        xs, ys = np.array(area["xs"][0]), np.array(area["ys"][0])
        shoelace = 0.5 * np.sum(xs * np.roll(ys, -1) - np.roll(xs, -1) * ys)
        assert shoelace == pytest.approx(det)
        assert ("positive" in state[f"{NAME}-readout"]["text"]) == (det > 0)
        checked += 1


def test_dependent_columns_say_in_words_how_many_solutions():
    on = page_state(values_of([[1, 1.5], [2, 3]], [1.5, 3]))
    off = page_state(values_of([[1, 1.5], [2, 3]], [3, 4]))
    assert "infinitely many solutions" in data(on, "note")["text"][0]
    assert "no solution" in data(off, "note")["text"][0]
    assert data(on, "area")["xs"] == [] and data(off, "area")["xs"] == []
    assert len(data(on, "span")["x0"]) == 1
    assert data(off, "combination")["x0"] == []
    # The drawn solution solves the system; the readout's direction is NumPy's null space.
    text = on[f"{NAME}-readout"]["text"]
    assert "x = (1.50, 0.00) + t (−1.50, 1.00)" in text
    assert np.allclose(np.array([[1, 1.5], [2, 3]]) @ [-1.5, 1.0], 0)
    assert "rank A = 1, rank [A | b] = 2" in off[f"{NAME}-readout"]["text"]
    assert np.linalg.matrix_rank(np.array([[1, 1.5, 3], [2, 3, 4]])) == 2


def test_the_zero_matrix_spans_only_the_origin():
    every = page_state(values_of([[0, 0], [0, 0]], [0, 0]))
    none = page_state(values_of([[0, 0], [0, 0]], [1, 0]))
    assert "every x" in data(every, "note")["text"][0]
    assert "no x reaches b" in data(none, "note")["text"][0]
    assert data(every, "span")["x0"] == [] and data(none, "span")["x0"] == []
    assert data(every, "combination")["head"] == [0, 0]  # zero-length arrows: no heads


def test_no_setting_draws_nan():
    values = [-3.0, -1.0, 0.0, 0.5, 2.0]
    for a11, a12, a21, a22 in itertools.product(values, repeat=4):
        for b in ((0.0, 0.0), (1.0, -2.0)):
            state = page_state(values_of([[a11, a12], [a21, a22]], b))
            for name, props in state.items():
                for column in props.get("data", {}).values():
                    flat = np.array([v for item in column for v in (
                        item if isinstance(item, list) else [item])
                        if isinstance(v, (int, float))], dtype=float)
                    assert np.all(np.isfinite(flat)), (name, a11, a12, a21, a22, b)
            assert "nan" not in state[f"{NAME}-readout"]["text"].lower()


@pytest.mark.parametrize("case", list(EDGES))
def test_edge_settings_in_bokehjs_agree_with_python(case, bokehjs):
    matrix, b = EDGES[case]
    figure = fig_column_picture()
    steps = [[name, "value", value] for name, value in values_of(matrix, b).items()]
    shown, expected = bokehjs.state_after(figure, steps, page_state)
    assert_matches(shown, expected, case)


def test_a_figure_started_singular_shows_it():
    figure = fig_column_picture(matrix=[[1, 1.5], [2, 3]], b=[3, 4])
    assert "No solution" in figure.model(f"{NAME}-readout").text
    assert "no solution" in figure.alt


def test_a_rounding_tie_is_written_as_javascript_writes_it():
    text = page_state(values_of([[2, 1], [0, 2]], [0, 0.5]))[f"{NAME}-readout"]["text"]
    assert "x₁ = −0.13, x₂ = 0.25" in text  # −0.125 rounded away from zero, as toFixed does


def test_readout_of_a_negative_determinant_explains_the_sign():
    text = readout_text(np.array([[1.0, 2.0], [2.0, 1.0]]), np.array([3.0, 3.0]))
    assert "det A = −3.00" in text and "negative" in text and "clockwise" in text


@pytest.mark.parametrize("kwargs, message", [
    ({"matrix": [[1, 2, 3], [4, 5, 6], [7, 8, 9]]}, r"matrix must be 2x2"),
    ({"matrix": [[4, 0], [0, 1]]}, r"matrix\[0\]\[0\] must be in \[-3, 3\]"),
    ({"matrix": [[1, 0.3], [0, 1]]}, r"matrix\[0\]\[1\] must be .* between two steps"),
    ({"matrix": [[np.nan, 0], [0, 1]]}, r"matrix must be finite"),
    ({"b": [1, 2, 3]}, r"b must have 2 components"),
    ({"b": [5, 0]}, r"b\[0\] must be in \[-4, 4\]"),
    ({"b": [0, np.inf]}, r"b must be finite"),
])
def test_bad_starting_values_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_column_picture(**kwargs)
