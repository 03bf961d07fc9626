"""The ridge-versus-lasso figure: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.linear_model import Lasso, Ridge

from mlmath.figures.linalg.ridge_lasso import fig_ridge_lasso, page_state, readout_text
from tests.figures.bokehjs import assert_matches

NAME = "ridge-lasso"


def values(z, penalty) -> dict:
    return {f"{NAME}-z-1": z[0], f"{NAME}-z-2": z[1], f"{NAME}-penalty": penalty}


def steps(z, penalty) -> list:
    return [[name, "value", float(value)] for name, value in values(z, penalty).items()]


def solution(state, key):
    return np.array(state[f"{NAME}-{key}-points"]["data"]["x"][1:] +
                    state[f"{NAME}-{key}-points"]["data"]["y"][1:])


def outline(state, key, part, index):
    data = state[f"{NAME}-{key}-{part}"]["data"]
    return np.column_stack([data["xs"][index], data["ys"][index]])


@pytest.fixture(scope="module")
def figure():
    return fig_ridge_lasso()


@pytest.mark.parametrize("z, lam", [((2.0, 0.6), 0.8), ((-1.5, 2.5), 0.3), ((0.4, -0.2), 1.0),
                                    ((-3.0, 3.0), 3.0)])
def test_solutions_are_scikit_learns_ridge_and_lasso(z, lam):
    # With the orthonormal design X = √2 I and y = √2 z, scikit-learn's objectives
    # ‖y − Xw‖² + α‖w‖² and ‖y − Xw‖² / 4 + α‖w‖₁ are the figure's, up to a factor.
    X, y = np.sqrt(2) * np.eye(2), np.sqrt(2) * np.array(z)
    state = page_state(values(z, lam))
    ridge = Ridge(alpha=2 * lam, fit_intercept=False).fit(X, y).coef_
    assert_allclose(solution(state, "ridge"), ridge, atol=1e-12)
    if lam > 0:
        lasso = Lasso(alpha=lam, fit_intercept=False, tol=1e-12, max_iter=10_000).fit(X, y).coef_
        assert_allclose(solution(state, "lasso"), lasso, atol=1e-9)


@pytest.mark.parametrize("z, lam", [((2.0, 0.6), 0.8), ((-1.5, 2.5), 0.3), ((0.4, -0.2), 0.2)])
def test_each_solution_is_where_the_circle_of_equal_loss_touches_its_ball(z, lam):
    state = page_state(values(z, lam))
    for key, p in (("ridge", 2), ("lasso", 1)):
        w = solution(state, key)
        ball = outline(state, key, "ball", 0)
        assert_allclose(np.linalg.norm(ball, ord=p, axis=1), np.linalg.norm(w, ord=p))
        circle = outline(state, key, "guides", -1)
        assert_allclose(np.linalg.norm(circle - z, axis=1), np.linalg.norm(w - z))
        # Brute force: no point of the ball is closer to z than w.
        t = np.linspace(0, 2 * np.pi, 4001)
        directions = np.column_stack([np.cos(t), np.sin(t)])
        rim = np.linalg.norm(w, ord=p) * directions / np.linalg.norm(directions, ord=p, axis=1,
                                                                     keepdims=True)
        assert np.min(np.linalg.norm(rim - z, axis=1)) >= np.linalg.norm(w - z) - 1e-9


def test_the_lasso_path_turns_where_the_smaller_weight_reaches_zero():
    state = page_state(values((2.0, -0.5), 0.1))
    assert_allclose(outline(state, "lasso", "guides", 0), [[2.0, -0.5], [1.5, 0.0], [0.0, 0.0]])
    assert_allclose(outline(state, "ridge", "guides", 0), [[2.0, -0.5], [0.0, 0.0]])


def test_the_readout_counts_the_zeros():
    assert "w₂ is exactly 0" in readout_text((2.0, 0.6), 0.8)
    assert "w₁ is exactly 0" in readout_text((-0.3, 2.0), 0.8)
    assert "no weight is 0 yet" in readout_text((2.0, 1.0), 0.5)
    assert "both weights are exactly 0" in readout_text((0.5, -0.3), 1.0)
    assert "1 / (1 + α) = 0.500" in readout_text((1.0, 1.0), 1.0)
    assert "w = (−1.00, 0.50)" in readout_text((-2.0, 1.0), 1.0)


def test_z_zero_draws_no_ball_and_no_circle_in_python_and_in_bokehjs(bokehjs, figure):
    shown, expected = bokehjs.state_after(figure, steps((0.0, 0.0), 1.5), page_state)
    assert_matches(shown, expected)
    for key in ("ridge", "lasso"):
        assert expected[f"{NAME}-{key}-ball"]["data"] == {"xs": [], "ys": []}
        assert len(expected[f"{NAME}-{key}-guides"]["data"]["xs"]) == 1  # the path only
    assert "anything to shrink" in expected[f"{NAME}-readout"]["text"]


def test_a_weight_as_large_as_the_penalty_is_exactly_zero_in_python_and_in_bokehjs(
        bokehjs, figure):
    # Values as a slider reaches them by adding steps: 58 × 0.05 is 2.9000000000000004,
    # not the 2.9 that z₁ = -3 + 0.1 is.
    z1, lam = -3.0 + 0.1, 58 * 0.05
    assert abs(z1) != lam
    shown, expected = bokehjs.state_after(figure, steps((z1, 3.0), lam), page_state)
    assert_matches(shown, expected)
    assert "w₁ is exactly 0" in expected[f"{NAME}-readout"]["text"]
    assert expected[f"{NAME}-lasso-points"]["data"]["x"][1] == 0.0


def test_no_penalty_leaves_the_optimum_where_it_is(bokehjs, figure):
    shown, expected = bokehjs.state_after(figure, steps((1.2, -0.7), 0.0), page_state)
    assert_matches(shown, expected)
    for key in ("ridge", "lasso"):
        assert_allclose(solution(expected, key), [1.2, -0.7])
        assert len(expected[f"{NAME}-{key}-guides"]["data"]["xs"]) == 1  # no circle: w = z


def test_figure_models_static_twin_and_alt_text(figure):
    assert figure.model(f"{NAME}-readout").text == readout_text((2.0, 0.6), 0.8)
    assert figure.model(f"{NAME}-penalty").value == 0.8
    assert figure.model(f"{NAME}-z-1").title == "z₁, best w₁ without a penalty"
    assert "w₂ is exactly 0" in figure.alt and "z = (2, 0.6)" in figure.alt
    titles = [ax.get_title() for ax in figure.static.axes]
    assert titles == ["Ridge: the L₂ penalty shrinks: w = (1.11, 0.33)",
                      "Lasso: the L₁ penalty zeroes: w = (1.20, 0.00)"]
    still = fig_ridge_lasso(z=(0.0, 0.0), penalty=0.0)
    assert still.model(f"{NAME}-ridge-ball").data["xs"] == []  # a ball of radius 0
    assert "anything to shrink" in still.model(f"{NAME}-readout").text


@pytest.mark.parametrize("kwargs, message", [
    ({"z": (3.5, 0)}, r"z\[0\] must be in \[-3, 3\] in steps of 0.1"),
    ({"z": (1.0, 1.05)}, r"z\[1\] must be .* between two steps"),
    ({"z": (1, 2, 3)}, "z must have 2 components"),
    ({"z": (np.nan, 1)}, "z must"),
    ({"penalty": -0.1}, r"penalty must be in \[0, 3\]"),
    ({"penalty": 4}, r"penalty must be in \[0, 3\]"),
    ({"penalty": 0.33}, "penalty must be .* between two steps"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_ridge_lasso(**kwargs)
