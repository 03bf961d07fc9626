"""The gradient-field figure: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import numpy as np
import pytest

from mlmath import calculus
from mlmath.figures import fig_gradient_field
from mlmath.figures.calculus.gradient_field import A, page_state, readout_text
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "gradient-field"


def values(x1, x2, angle):
    return {f"{NAME}-x1": x1, f"{NAME}-x2": x2, f"{NAME}-angle": angle}


def test_the_highlighted_contour_is_the_level_set_through_the_point():
    state = page_state(values(1.0, -0.5, 30.0))
    through = state[f"{NAME}-through"]["data"]
    level = calculus.bowl([1.0, -0.5], A)
    on_it = [calculus.bowl([x, y], A) for x, y in zip(through["x"], through["y"])]
    np.testing.assert_allclose(on_it, level, rtol=1e-12)
    # ... and it passes through the point itself (within the spacing of its points).
    distances = np.hypot(np.array(through["x"]) - 1.0, np.array(through["y"]) + 0.5)
    assert distances.min() < 0.1


def test_the_gradient_arrow_is_perpendicular_to_the_contour():
    # The tangent of the level set at x is perpendicular to A x (scipy-free: solve by hand).
    for x in ([1.0, 1.0], [-2.0, 0.5], [0.25, -2.5]):
        arrows = page_state(values(*x, 0.0))[f"{NAME}-arrows"]["data"]
        direction = np.array([arrows["x1"][0] - x[0], arrows["y1"][0] - x[1]])
        gradient = np.array(A) @ x
        np.testing.assert_allclose(direction, gradient / np.linalg.norm(gradient))
        # A short step along the tangent, the direction turned by 90°, keeps f fixed to 2nd order.
        tangent = np.array([-direction[1], direction[0]])
        t = 1e-4
        change = calculus.bowl(np.array(x) + t * tangent, A) - calculus.bowl(x, A)
        assert abs(change) < 10 * t**2


def test_readout_gives_the_directional_derivative_bounded_by_the_norm():
    text = readout_text(1.0, 1.0, 45.0)
    assert "‖∇f‖ = 5.00" in text and f"= {4.95:.2f}</b>" in text
    # Along the gradient's own direction is not on the 5° grid; 35° is close to 36.87°.
    for angle in range(0, 360, 5):
        u = [np.cos(np.radians(angle)), np.sin(np.radians(angle))]
        slope = calculus.directional_derivative([4.0, 3.0], u)
        assert abs(slope) <= 5.0
        assert f"∇f · u = {slope:.2f}".replace("-", "−") in readout_text(1.0, 1.0, angle) \
            or abs(slope) < 0.005


def test_stationary_point_says_so_in_words_and_draws_no_gradient():
    state = page_state(values(0.0, 0.0, 90.0))
    assert "stationary point" in state[f"{NAME}-readout"]["text"]
    assert "NaN" not in state[f"{NAME}-readout"]["text"]
    assert state[f"{NAME}-arrows"]["data"]["label"] == ["u"]
    assert state[f"{NAME}-through"]["data"] == {"x": [], "y": []}
    assert "bottom of the bowl" in fig_gradient_field(x1=0.0, x2=0.0).alt


@pytest.mark.parametrize("start", [(0.0, 0.0, 0.0), (2.5, 2.5, 355.0), (-2.5, -2.5, 180.0),
                                   (-2.5, 2.5, 90.0), (0.25, 0.0, 5.0)])
def test_edge_settings_in_bokehjs_match_python(start):
    figure = fig_gradient_field(*start)
    with BokehJS() as runner:
        shown, expected = runner.state_after(figure, [], page_state)
    assert_matches(shown, expected)
    for data in (expected[f"{NAME}-arrows"]["data"], expected[f"{NAME}-through"]["data"]):
        for column in data.values():
            assert all(np.isfinite(v) for v in column if isinstance(v, float))


@pytest.mark.parametrize("kwargs, message", [
    ({"x1": 3.0}, r"^x1 must be in \[-2.5, 2.5\] in steps of 0.25"),
    ({"x2": 0.1}, r"^x2 must be .* between two steps"),
    ({"x1": float("nan")}, r"^x1 must be"),
    ({"angle": 360.0}, r"^angle must be in \[0, 355\]"),
    ({"angle": "north"}, r"^angle must be a number"),
])
def test_bad_settings_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_gradient_field(**kwargs)
