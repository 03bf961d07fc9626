"""The least-squares figure: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import numpy as np
import pytest

from mlmath.figures import fig_least_squares
from mlmath.figures.linalg.least_squares import HIGH, LOW, START, page_state, readout_text
from tests.figures.bokehjs import assert_matches

NAME = "least-squares"


def values_of(points) -> dict:
    return {f"{NAME}-{axis}-{i + 1}": float(point["xy".index(axis)])
            for i, point in enumerate(points) for axis in "xy"}


def steps_to(points) -> list:
    return [[name, "value", value] for name, value in values_of(points).items()]


def test_the_line_is_numpys_polynomial_fit_of_degree_one():
    points = np.array(START)
    slope, intercept = np.polyfit(points[:, 0], points[:, 1], 1)
    state = page_state(values_of(START))
    line = state[f"{NAME}-line"]["data"]
    assert np.allclose(line["x"], [LOW, HIGH])
    assert np.allclose(line["y"], [intercept + slope * LOW, intercept + slope * HIGH])
    fitted = state[f"{NAME}-points"]["data"]["fitted"]
    assert np.allclose(fitted, intercept + slope * points[:, 0])


def test_readout_shows_the_weights_the_rss_and_a_zero_normal_check():
    points = np.array(START)
    slope, intercept = np.polyfit(points[:, 0], points[:, 1], 1)
    rss = np.sum((points[:, 1] - intercept - slope * points[:, 0]) ** 2)
    text = readout_text(points)
    # ŵ₀ is 1.125 exactly here: shown as JavaScript's toFixed shows it, 1.13.
    assert np.isclose(intercept, 1.125) and np.isclose(slope, 0.75)
    assert "ŵ₀ = 1.13" in text and "ŵ₁ = 0.75" in text
    assert f"‖ε̂‖² = {rss:.2f}" in text
    assert "(0.000, 0.000)" in text


EDGES = {
    "all x equal": [(3.0, 1.0), (3.0, 2.0), (3.0, 4.0), (3.0, 6.0)],
    "all at the origin": [(0.0, 0.0)] * 4,
    "on a line": [(0.0, 6.0), (2.0, 4.0), (4.0, 2.0), (6.0, 0.0)],
    "steep": [(3.0, 0.0), (3.0, 6.0), (3.5, 6.0), (2.5, 0.0)],
    "ties": [(1.0, 1.5), (2.0, 3.5), (4.0, 3.0), (5.0, 5.5)],
}


@pytest.mark.parametrize("points", EDGES.values(), ids=EDGES.keys())
def test_edge_settings_agree_in_bokehjs_and_never_show_nan(points, bokehjs):
    figure = fig_least_squares()
    shown, expected = bokehjs.state_after(figure, steps_to(points), page_state)
    assert_matches(shown, expected, str(points))
    data = expected[f"{NAME}-points"]["data"]
    assert np.all(np.isfinite(data["fitted"]))
    assert "NaN" not in expected[f"{NAME}-readout"]["text"]
    assert "(0.000, 0.000)" in expected[f"{NAME}-readout"]["text"]


def test_all_x_equal_draws_no_line_fits_the_mean_and_says_why():
    points = EDGES["all x equal"]
    state = page_state(values_of(points))
    assert state[f"{NAME}-line"]["data"] == {"x": [], "y": []}
    assert np.allclose(state[f"{NAME}-points"]["data"]["fitted"], np.mean([p[1] for p in points]))
    text = state[f"{NAME}-readout"]["text"]
    assert "All four points have x = 3.0" in text and "no line is singled out" in text
    assert "3.25" in text  # the mean of y, the fitted value of every point
    assert "no unique line" in fig_least_squares(points).static.axes[0].get_title()


def test_points_on_a_line_leave_no_residual():
    text = readout_text(np.array(EDGES["on a line"]))
    assert "ŵ₀ = 6.00" in text and "ŵ₁ = −1.00" in text and "‖ε̂‖² = 0.00" in text


@pytest.mark.parametrize("points, message", [
    ([(1, 1)] * 3, r"points must have shape \(4, 2\)"),
    ([(1, 1, 1)] * 4, r"points must have shape \(4, 2\)"),
    ([(7, 1)] + [(1, 1)] * 3, r"points\[0\]\[0\] must be in \[0, 6\] in steps of 0.5"),
    ([(1, 1)] * 3 + [(1, 0.3)], r"points\[3\]\[1\] must be .* between two steps"),
    ([(np.nan, 1)] + [(1, 1)] * 3, r"points must be finite"),
])
def test_bad_starting_points_are_refused_with_the_argument_named(points, message):
    with pytest.raises(ValueError, match=message):
        fig_least_squares(points)


def test_alt_text_states_the_points_the_line_and_the_rss():
    alt = fig_least_squares().alt
    assert "(1, 1.5), (2, 3.5), (4, 3), (5, 5.5)" in alt
    assert "y = 1.13 plus 0.75 times x" in alt and "2.56" in alt
    assert "perpendicular" in alt
