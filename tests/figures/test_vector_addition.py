"""The vector-addition figure: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import numpy as np
import pytest

from mlmath.figures import fig_vector_addition
from mlmath.figures.linalg.vector_addition import page_state, readout_text
from tests.figures.bokehjs import BokehJS, assert_matches

START = {"vector-addition-a-x": 3.0, "vector-addition-a-y": 1.0,
         "vector-addition-b-x": 1.0, "vector-addition-b-y": 2.0}


def test_arrows_run_tip_to_tail_and_the_sum_closes_the_triangle():
    arrows = page_state(START)["vector-addition-arrows"]["data"]
    # A from the origin, B from A's tip, A + B from the origin to B's tip.
    assert (arrows["x0"], arrows["y0"]) == ([0.0, 3.0, 0.0], [0.0, 1.0, 0.0])
    assert (arrows["x1"], arrows["y1"]) == ([3.0, 4.0, 4.0], [1.0, 3.0, 3.0])


def test_labels_sit_outside_the_triangle_on_both_turns():
    for b in ((1.0, 2.0), (1.0, -2.0)):  # B turning left of A, then right
        values = {**START, "vector-addition-b-x": b[0], "vector-addition-b-y": b[1]}
        arrows = page_state(values)["vector-addition-arrows"]["data"]
        corners = np.array([[0, 0], [3, 1], [3 + b[0], 1 + b[1]]], dtype=float)
        centroid = corners.mean(axis=0)
        for i in range(3):
            tail = np.array([arrows["x0"][i], arrows["y0"][i]])
            tip = np.array([arrows["x1"][i], arrows["y1"][i]])
            label = np.array([arrows["label_x"][i], arrows["label_y"][i]])
            normal = np.array([-(tip - tail)[1], (tip - tail)[0]])
            # The label and the triangle's centroid lie on opposite sides of the arrow.
            assert np.sign(normal @ (label - tail)) == -np.sign(normal @ (centroid - tail))


def test_readout_gives_the_sum_its_length_and_the_triangle_bound():
    text = readout_text((3, 1), (1, 2))
    assert "(4.0, 3.0)" in text and "‖A + B‖ = 5.00" in text
    assert f"‖A‖ + ‖B‖ = {np.hypot(3, 1) + np.hypot(1, 2):.2f}" in text  # 5.40


def test_opposite_vectors_sum_to_zero_in_python_and_in_bokehjs():
    figure = fig_vector_addition(a=(2, -1), b=(-2, 1))
    with BokehJS() as runner:
        shown, expected = runner.state_after(figure, [], page_state)
    assert_matches(shown, expected)
    assert "(0.0, 0.0)" in expected["vector-addition-readout"]["text"]
    assert "‖A + B‖ = 0.00" in expected["vector-addition-readout"]["text"]


@pytest.mark.parametrize("kwargs, message", [
    ({"a": (5, 0)}, r"a\[0\] must be in \[-4, 4\] in steps of 0.5"),
    ({"b": (0, 0.3)}, r"b\[1\] must be .* between two steps"),
    ({"a": (float("nan"), 0)}, r"a must|a\[0\] must"),
    ({"b": (1, 2, 3)}, r"b must"),
])
def test_bad_starting_vectors_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_vector_addition(**kwargs)


def test_alt_text_states_the_vectors_and_their_sum():
    alt = fig_vector_addition(a=(2, -1), b=(1, 3)).alt
    assert "A = (2, -1)" in alt and "B = (1, 3)" in alt and "A + B = (3, 2)" in alt


def test_zero_vectors_draw_finite_labels():
    arrows = page_state({name: 0.0 for name in START})["vector-addition-arrows"]["data"]
    assert np.all(np.isfinite(arrows["label_x"])) and np.all(np.isfinite(arrows["label_y"]))
