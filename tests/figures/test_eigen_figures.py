"""The linear-transformation figure draws what mlmath.linalg.eigen_2x2 computes."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg
from mlmath.figures import fig_linear_transformation
from mlmath.figures.linalg.eigen import (
    LIMIT, RING_SIZE, linear_transformation_readout, linear_transformation_rows,
)


def model(figure, name):
    found = figure.layout.select_one({"name": name})
    assert found is not None, f"no Bokeh model named {name!r}"
    return found


@pytest.mark.parametrize("matrix", [((1.5, 1), (0.5, 1)), ((2, 1), (1, 2)), ((-1, 0.25), (2, 0))])
def test_ring_and_circle_are_mapped_by_the_matrix(matrix):
    figure = fig_linear_transformation(matrix)
    A = np.array(matrix, dtype=float)
    ring = model(figure, "linear-transformation-ring").data
    assert len(ring["vx"]) == RING_SIZE
    assert_allclose(np.hypot(ring["vx"], ring["vy"]), 1.0)
    assert_allclose(np.array([ring["x1"], ring["y1"]]), A @ np.array([ring["vx"], ring["vy"]]))
    image = model(figure, "linear-transformation-image").data
    assert_allclose(np.array([image["x"], image["y"]]), A @ np.array([image["cx"], image["cy"]]))
    assert (image["cx"][0], image["cy"][0]) == pytest.approx((image["cx"][-1], image["cy"][-1]))


@pytest.mark.parametrize("matrix", [((1.5, 1), (0.5, 1)), ((2, 1), (1, 2)), ((1, 2), (0.5, 1))])
def test_eigenvector_lines_stay_on_their_own_span(matrix):
    A = np.array(matrix, dtype=float)
    rows = linear_transformation_rows(A)
    arrows, lines = rows["arrows"], rows["lines"]
    eigen = linalg.eigen_2x2(A)
    assert len(arrows["vx"]) == len(lines["x0"]) == 2
    for i in range(2):
        v = np.array([arrows["vx"][i], arrows["vy"][i]])
        assert_allclose(A @ v, [arrows["x1"][i], arrows["y1"][i]], atol=1e-14)  # A v = λ v
        assert_allclose(A @ v, eigen.eigenvalues[i] * v, atol=1e-14)
        direction = np.array([lines["x1"][i] - lines["x0"][i], lines["y1"][i] - lines["y0"][i]])
        assert abs(direction[0] * v[1] - direction[1] * v[0]) < 1e-12  # the span of v
        assert np.linalg.norm(direction) > 2 * LIMIT        # ... drawn across the plot
        assert arrows["label"][i] == f"λ{'₁₂'[i]} = {eigen.eigenvalues[i]:.2f}"
    assert rows["note"]["text"] == []


def test_complex_eigenvalues_draw_no_lines_and_say_so():
    figure = fig_linear_transformation(((0, -1), (1, 0)))
    assert model(figure, "linear-transformation-lines").data["x0"] == []
    assert model(figure, "linear-transformation-arrows").data["x1"] == []
    note = model(figure, "linear-transformation-note").data["text"]
    assert note and "Complex eigenvalues" in note[0]
    readout = model(figure, "linear-transformation-readout").text
    assert "Complex eigenvalues" in readout and "0.00 ± 1.00i" in readout
    assert "no real eigenvector" in figure.static.axes[0].get_xlabel()
    assert "complex" in figure.alt and "no" in figure.alt


def test_shear_draws_its_single_line():
    rows = linear_transformation_rows(((1, 1), (0, 1)))
    assert len(rows["lines"]["x0"]) == 1
    assert rows["arrows"]["label"] == ["λ = 1.00 (twice)"]
    assert_allclose([rows["arrows"]["vx"][0], rows["arrows"]["vy"][0]], [1, 0])
    assert "λ = 1.00 twice</b>, but one line" in linear_transformation_readout(((1, 1), (0, 1)))


def test_multiple_of_identity_says_every_vector_is_an_eigenvector():
    rows = linear_transformation_rows(((1.5, 0), (0, 1.5)))
    assert rows["lines"]["x0"] == []
    assert rows["note"]["text"] == ["A = 1.50 I: every vector is an eigenvector"]


def test_readout_numbers_come_from_eigen_2x2():
    text = linear_transformation_readout(((1.5, 1), (0.5, 1)))
    assert "λ₁ = 2.00</b> along (0.89, 0.45)" in text
    assert "λ₂ = 0.50</b> along (0.71, −0.71)" in text
    assert "tr A = 2.50, det A = 1.00" in text


def test_figure_never_draws_nan():
    for a in np.arange(-2, 2.01, 0.5):
        for b in np.arange(-2, 2.01, 1.0):
            rows = linear_transformation_rows(((a, b), (-b, 0.5)))
            for source in rows.values():
                for values in source.values():
                    numbers = [v for v in values if isinstance(v, float)]
                    assert np.all(np.isfinite(numbers))


def test_sliders_start_at_the_matrix_and_alt_text_states_it():
    figure = fig_linear_transformation(((1.5, 1), (0.5, 1)))
    for name, value in zip(("a11", "a12", "a21", "a22"), (1.5, 1, 0.5, 1)):
        slider = model(figure, f"linear-transformation-{name}")
        assert slider.value == value and slider.title
    assert "rows (1.5, 1) and (0.5, 1)" in figure.alt
    assert "eigenvalue 2.00" in figure.alt and "eigenvalue 0.50" in figure.alt


@pytest.mark.parametrize(
    "matrix, message",
    [
        (((3, 0), (0, 1)), r"matrix must have entries in \[-2.0, 2.0\]"),
        (((1, 0, 0), (0, 1, 0)), "matrix must be 2x2"),
        (((1, np.nan), (0, 1)), "matrix must be finite"),
        ((1, 2, 3, 4), "matrix must be a 2-D array"),
    ],
)
def test_bad_arguments(matrix, message):
    with pytest.raises(ValueError, match=message):
        fig_linear_transformation(matrix)
