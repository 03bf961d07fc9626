"""Figures of Part I draw the numbers mlmath.linalg computes."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg
from mlmath.figures import fig_vector_addition
from mlmath.figures.linalg.vectors import vector_addition_readout


def model(figure, name):
    found = figure.layout.select_one({"name": name})
    assert found is not None, f"no Bokeh model named {name!r}"
    return found


@pytest.mark.parametrize("a, b", [((3, 1), (1, 2)), ((-4, 0.5), (2.5, -3)), ((0, 0), (0, 0))])
def test_vector_addition_draws_a_b_and_their_sum(a, b):
    figure = fig_vector_addition(a=a, b=b)
    total = linalg.vector_add(a, b)
    arrows = model(figure, "vector-addition-arrows").data
    assert_allclose([arrows["x0"], arrows["y0"]], [[0, a[0], 0], [0, a[1], 0]])
    assert_allclose([arrows["x1"], arrows["y1"]], [[a[0], total[0], total[0]],
                                                    [a[1], total[1], total[1]]])
    assert arrows["label"] == ["A", "B", "A + B"]
    assert np.all(np.isfinite(arrows["label_x"])) and np.all(np.isfinite(arrows["label_y"]))
    ghost = model(figure, "vector-addition-parallelogram").data
    assert_allclose([ghost["x1"], ghost["y1"]], [[b[0], total[0]], [b[1], total[1]]])
    for key, value in zip(("a-x", "a-y", "b-x", "b-y"), (*a, *b)):
        assert model(figure, f"vector-addition-{key}").value == value
    assert model(figure, "vector-addition-readout").text == vector_addition_readout(a, b)


def test_readout_numbers_come_from_linalg():
    text = vector_addition_readout((3, 1), (1, 2))
    assert "(4.0, 3.0)" in text and "‖A + B‖ = 5.00" in text
    assert f"‖A‖ + ‖B‖ = {np.hypot(3, 1) + np.hypot(1, 2):.2f}" in text


def test_alt_text_states_the_vectors():
    alt = fig_vector_addition(a=(2, -1), b=(1, 3)).alt
    assert "A = (2, -1)" in alt and "B = (1, 3)" in alt and "A + B = (3, 2)" in alt


def test_labels_sit_off_the_arrows():
    # Each label is LABEL_GAP away from its arrow's midpoint, perpendicular to it.
    arrows = model(fig_vector_addition(a=(3, 0), b=(0, 2)), "vector-addition-arrows").data
    assert_allclose((arrows["label_x"][0], abs(arrows["label_y"][0])), (1.5, 0.6))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"a": (5, 0)}, r"a must have components in \[-4.0, 4.0\]"),
        ({"b": (0, -4.5)}, r"b must have components in \[-4.0, 4.0\]"),
        ({"a": (1, 2, 3)}, "a must have 2 components"),
        ({"b": (np.nan, 1)}, "b must be finite"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_vector_addition(**kwargs)
