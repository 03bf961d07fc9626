"""The linear-transformation figure: what only it does (the rest: test_every_figure.py).

It draws what mlmath.linalg computes, checked here against numpy.linalg, and
says in words what cannot be drawn (complex eigenvalues, A = λ I).
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath.figures.linalg.linear_transformation import (LIMIT, RING_SIZE,
                                                         fig_linear_transformation,
                                                         page_state, readout_text, sources)
from tests.figures.bokehjs import BokehJS, assert_matches

ENTRIES = ("a11", "a12", "a21", "a22")


@pytest.mark.parametrize("matrix", [((1.5, 1), (0.5, 1)), ((2, 1), (1, 2)), ((-1, 0.25), (2, 0))])
def test_ring_and_circle_are_mapped_by_the_matrix(matrix):
    figure = fig_linear_transformation(matrix)
    A = np.array(matrix, dtype=float)
    ring = figure.model("linear-transformation-ring").data
    assert len(ring["vx"]) == RING_SIZE
    assert_allclose(np.hypot(ring["vx"], ring["vy"]), 1.0)
    assert_allclose(np.array([ring["x1"], ring["y1"]]), A @ np.array([ring["vx"], ring["vy"]]))
    image = figure.model("linear-transformation-image").data
    assert_allclose(np.array([image["x"], image["y"]]), A @ np.array([image["cx"], image["cy"]]))
    assert (image["cx"][0], image["cy"][0]) == pytest.approx((image["cx"][-1], image["cy"][-1]))


@pytest.mark.parametrize("matrix", [((1.5, 1), (0.5, 1)), ((2, 1), (1, 2)), ((1, 2), (0.5, 1)),
                                    ((-1, 0.25), (2, 0))])
def test_eigenvector_lines_are_numpys_eigenvectors(matrix):
    A = np.array(matrix, dtype=float)
    rows = sources(A)
    arrows, lines = rows["arrows"], rows["lines"]
    values, vectors = np.linalg.eig(A)
    order = np.argsort(values)[::-1]  # the figure lists the largest first
    assert len(arrows["vx"]) == len(lines["x0"]) == 2
    for i, k in enumerate(order):
        v = np.array([arrows["vx"][i], arrows["vy"][i]])
        assert_allclose(np.linalg.norm(v), 1.0)
        assert abs(v @ vectors[:, k]) == pytest.approx(1.0)  # numpy's, up to its sign
        assert_allclose([arrows["x1"][i], arrows["y1"][i]], values[k] * v, atol=1e-12)
        assert_allclose(A @ v, values[k] * v, atol=1e-12)  # A v = λ v: the line is kept
        direction = np.array([lines["x1"][i] - lines["x0"][i], lines["y1"][i] - lines["y0"][i]])
        assert abs(direction[0] * v[1] - direction[1] * v[0]) < 1e-12  # the span of v
        assert np.linalg.norm(direction) > 2 * LIMIT  # ... drawn across the plot
        assert arrows["label"][i] == f"λ{'₁₂'[i]} = {values[k]:.2f}".replace("-", "−")
    assert rows["note"]["text"] == []


def test_readout_numbers_are_numpys():
    A = np.array([[1.5, 1], [0.5, 1]])
    values, vectors = np.linalg.eig(A)
    order = np.argsort(values)[::-1]
    # numpy's unit eigenvectors, signed as the figure's: the larger component (the
    # first, on a tie) positive. Here they are (2, 1)/√5 and (1, −1)/√2.
    v1, v2 = (vectors[:, k] * np.sign(vectors[0, k]) for k in order)
    text = readout_text(A)
    assert f"λ₁ = {values[order[0]]:.2f}</b> along ({v1[0]:.2f}, {v1[1]:.2f})" in text
    assert f"λ₂ = {values[order[1]]:.2f}</b> along ({v2[0]:.2f}, −{-v2[1]:.2f})" in text
    assert f"tr A = {np.trace(A):.2f}, det A = {np.linalg.det(A):.2f}" in text


def test_complex_eigenvalues_draw_no_lines_and_say_so():
    figure = fig_linear_transformation(((0.5, -1), (1.25, 0)))
    alpha, beta = (lambda z: (z.real, abs(z.imag)))(np.linalg.eigvals([[0.5, -1], [1.25, 0]])[0])
    assert figure.model("linear-transformation-lines").data["x0"] == []
    assert figure.model("linear-transformation-arrows").data["x1"] == []
    note = figure.model("linear-transformation-note").data["text"]
    assert note and "Complex eigenvalues" in note[0]
    readout = figure.model("linear-transformation-readout").text
    assert "Complex eigenvalues" in readout and f"{alpha:.2f} ± {beta:.2f}i" in readout
    assert "no real eigenvector" in figure.static.axes[0].get_xlabel()
    assert "complex" in figure.alt and f"{alpha:.2f} plus or minus {beta:.2f} i" in figure.alt


def test_shear_draws_its_single_line():
    rows = sources(((1, 1), (0, 1)))
    assert len(rows["lines"]["x0"]) == 1
    assert rows["arrows"]["label"] == ["λ = 1.00 (twice)"]
    assert_allclose([rows["arrows"]["vx"][0], rows["arrows"]["vy"][0]], [1, 0])
    assert "λ = 1.00 twice</b>, but one line" in readout_text(((1, 1), (0, 1)))


def test_multiple_of_identity_says_every_vector_is_an_eigenvector():
    rows = sources(((1.5, 0), (0, 1.5)))
    assert rows["lines"]["x0"] == []
    assert rows["note"]["text"] == ["A = 1.50 I:\nevery vector is an eigenvector"]
    assert "every vector is an eigenvector" in readout_text(((1.5, 0), (0, 1.5)))


def test_figure_never_draws_nan():
    for a in np.arange(-2, 2.01, 0.5):
        for b in np.arange(-2, 2.01, 1.0):
            for source in sources(((a, b), (-b, 0.5))).values():
                for values in source.values():
                    numbers = [v for v in values if isinstance(v, float)]
                    assert np.all(np.isfinite(numbers))


def test_page_agrees_with_python_in_every_case_of_eigen_2x2():
    matrices = [
        ((0, -1), (1, 0)), ((-2, -2), (2, -2)), ((0.5, -1), (1.25, 0)),  # complex
        ((1, 1), (0, 1)), ((2, -1), (1, 0)), ((-2, 2), (0, -2)),  # repeated, one line
        ((1.5, 0), (0, 1.5)), ((0, 0), (0, 0)), ((-2, 0), (0, -2)),  # A = λ I
        ((1, 2), (0.5, 1)), ((0.25, 0), (0, 0)), ((2, 2), (2, 2)),  # a zero eigenvalue
        ((1.75, 0.25), (-0.5, 0.75)), ((2, 0.25), (0.25, 2)),  # close, distinct
    ]
    figure = fig_linear_transformation()
    with BokehJS() as runner:
        for matrix in matrices:
            entries = [float(x) for row in matrix for x in row]
            steps = [["linear-transformation-a11", "value", 0.25 if entries[0] != 0.25 else 0.5]]
            steps += [[f"linear-transformation-{key}", "value", value]
                      for key, value in zip(ENTRIES, entries)]
            shown, expected = runner.state_after(figure, steps, page_state)
            assert_matches(shown, expected, str(matrix))


def test_sliders_start_at_the_matrix_and_alt_text_states_it():
    figure = fig_linear_transformation(((1.5, 1), (0.5, 1)))
    for name, value in zip(ENTRIES, (1.5, 1, 0.5, 1)):
        assert figure.model(f"linear-transformation-{name}").value == value
    assert "rows (1.5, 1) and (0.5, 1)" in figure.alt
    assert "eigenvalue 2.00" in figure.alt and "eigenvalue 0.50" in figure.alt


@pytest.mark.parametrize("matrix, message", [
    (((3, 0), (0, 1)), r"matrix\[0\]\[0\] must be in \[-2, 2\] in steps of 0.25"),
    (((1, 0.1), (0, 1)), r"matrix\[0\]\[1\] must be .* between two steps"),
    (((1, 0, 0), (0, 1, 0)), "matrix must be 2x2"),
    (((1, np.nan), (0, 1)), "matrix must be finite"),
    ((1, 2, 3, 4), "matrix must be a 2-D array"),
])
def test_bad_arguments_are_refused_with_the_argument_named(matrix, message):
    with pytest.raises(ValueError, match=message):
        fig_linear_transformation(matrix)
