"""The gradient descent simulation: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import numpy as np
import pytest

from mlmath import calculus
from mlmath.figures import fig_descent_simulation
from mlmath.figures.calculus.descent_simulation import (CHOICES, CONTOURS, ETAS, GAP_FLOOR, LEVELS,
                                                        SLIDERS, page_state, readout_text,
                                                        scientific)
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "descent-simulation"
#: How far the page's path may drift from Python's, relative to the size of the numbers.
#: Both sides do the same floating-point operations in the same order, so they agree to
#: the last bit in practice; 1e-9 leaves room for a last-bit difference in a loss
#: (a two-term dot product that BLAS may fuse) without letting a wrong step through.
PATH_RTOL = 1e-9
MAX_STEPS = int(SLIDERS["steps"].end)


def values(surface="elongated bowl", log_eta=-0.75, w1=-2.0, w2=1.0, steps=50.0,
           momentum=0.0):
    return {f"{NAME}-surface": surface, f"{NAME}-log-eta": log_eta, f"{NAME}-w1": w1,
            f"{NAME}-w2": w2, f"{NAME}-steps": steps, f"{NAME}-momentum": momentum}


def steps_for(**kwargs):
    return [[name, "value", value] for name, value in values(**kwargs).items()]


def test_the_path_is_the_packages_gradient_descent():
    state = page_state(values("Rosenbrock", -3.0, -1.2, 1.0, 500.0, 0.5))
    surface = calculus.SURFACES["Rosenbrock"]
    result = calculus.gradient_descent(surface.grad, [-1.2, 1.0], 1e-3, 500, momentum=0.5)
    path = state[f"{NAME}-path"]["data"]
    np.testing.assert_allclose(np.c_[path["x"], path["y"]], result.path, rtol=1e-12)
    gaps = state[f"{NAME}-loss"]["data"]["gap"]
    assert len(gaps) == 501 and min(gaps) >= GAP_FLOOR


def test_on_the_elongated_bowl_the_path_is_the_closed_form():
    # w⁽ᵗ⁾ = (I − ηA)ᵗ w⁽⁰⁾, independently of the package.
    eta = ETAS[round((-0.75 + 4.0) / 0.05)]
    A = np.diag([1.0, 10.0])
    path = page_state(values())[f"{NAME}-path"]["data"]
    for t in (0, 1, 10, 50):
        expected = np.linalg.matrix_power(np.eye(2) - eta * A, t) @ [-2.0, 1.0]
        np.testing.assert_allclose([path["x"][t], path["y"][t]], expected, rtol=1e-10,
                                   atol=1e-14)


def test_the_bound_is_read_out_on_the_quadratics_from_the_hessian():
    # η = 10^-0.7 = 0.1995 < 0.2 = 2/λ_max converges; 10^-0.65 = 0.224 diverges.
    below = readout_text("elongated bowl", -0.7, 2.0, 2.0, 1000, 0.0)
    assert "η·λ<sub>max</sub> = 1.995 &lt; 2</b>, stable" in below and "Diverged" not in below
    above = readout_text("elongated bowl", -0.65, 2.0, 2.0, 1000, 0.0)
    assert "η·λ<sub>max</sub> = 2.239 ≥ 2</b>, unstable" in above
    assert "<b>Diverged at step" in above
    # The factor 1 − ηλ_max: the error along w₂ flips sign and grows by 1.239 a step.
    k = int(above.split("Diverged at step ")[1].split("<")[0])
    assert k == int(np.ceil(np.log(1e8 / 2.0) / np.log(2.239 * 10 / 10 * 1.0 * 10 - 1)))  \
        or abs(k - np.log(1e8 / 2.0) / np.log(abs(1 - ETAS[67] * 10))) < 2
    with_momentum = readout_text("round bowl", 0.35, 1.0, 1.0, 100, 0.5)
    assert "2.239 &lt; 2(1 + β) = 3.00</b>, stable" in with_momentum
    assert "Not a quadratic" in readout_text("Rosenbrock", -3.0, -1.2, 1.0, 100, 0.0)


def test_divergence_is_said_in_words_and_the_drawing_stops():
    state = page_state(values("round bowl", 0.5, 2.5, 2.5, 1000.0, 0.0))
    text = state[f"{NAME}-readout"]["text"]
    k = int(text.split("Diverged at step ")[1].split("<")[0])
    path = state[f"{NAME}-path"]["data"]
    assert len(path["x"]) == k  # steps 0 .. k − 1
    assert "NaN" not in text and "nan" not in text and "Infinity" not in text
    for data in (path, state[f"{NAME}-loss"]["data"]):
        assert all(np.isfinite(v) for column in data.values() for v in column)
    assert f"diverged at step {k}" in fig_descent_simulation("round bowl", 0.5, 2.5, 2.5,
                                                             1000, 0.0).alt


def test_two_minima_the_start_decides_which_minimum():
    right = readout_text("two minima", -1.0, 0.5, 1.0, 200, 0.0)
    left = readout_text("two minima", -1.0, -0.5, 1.0, 200, 0.0)
    assert "local minimum" in right and "global minimum" in left


def test_contours_are_level_sets_of_each_surface():
    for name in CHOICES:
        surface = calculus.SURFACES[name]
        data = CONTOURS[name]
        assert data["xs"]
        for xs, ys in zip(data["xs"], data["ys"]):
            gaps = np.array([surface.f(np.array([x, y])) - surface.lowest
                             for x, y in zip(xs, ys)])
            # Every point of a line lies on the level the line is nearest to, to within what a
            # linear interpolation on the grid allows.
            level = min(LEVELS[name], key=lambda c: abs(np.median(gaps) - c))
            assert np.all(np.abs(gaps - level) < 0.2 * level + 0.01), (name, level)


def test_scientific_rounds_like_javascripts_to_exponential():
    assert scientific(1.25e-5, 1) == "1.3 × 10⁻⁵"  # a tie, away from zero
    assert scientific(-3.0e8) == "−3.00 × 10⁸"
    assert scientific(9.996e-3) == "1.00 × 10⁻²"


SETTINGS = [
    dict(surface="elongated bowl", log_eta=-0.75, w1=-2.0, w2=1.0, steps=float(MAX_STEPS)),
    dict(surface="round bowl", log_eta=0.5, w1=2.5, w2=-2.5, steps=float(MAX_STEPS)),
    dict(surface="Rosenbrock", log_eta=-3.0, w1=-1.2, w2=1.0, steps=float(MAX_STEPS),
         momentum=0.9),
    dict(surface="Rosenbrock", log_eta=-2.0, w1=-2.5, w2=2.5, steps=float(MAX_STEPS)),
    dict(surface="two minima", log_eta=-0.5, w1=0.1, w2=2.0, steps=float(MAX_STEPS),
         momentum=0.95),
    dict(surface="two minima", log_eta=-1.0, w1=-0.5, w2=1.0, steps=10.0),
    dict(surface="elongated bowl", log_eta=-4.0, w1=2.5, w2=2.5, steps=float(MAX_STEPS),
         momentum=0.95),
]


def test_the_page_recomputes_the_path_as_python_does_even_at_the_largest_step_count():
    figure = fig_descent_simulation()
    worst = 0.0
    with BokehJS() as runner:
        for setting in SETTINGS:
            shown, expected = runner.state_after(figure, steps_for(**setting), page_state)
            for source in ("path", "loss"):
                data = expected[f"{NAME}-{source}"]["data"]
                for column, wanted in data.items():
                    got = np.array(shown[f"{NAME}-{source}"]["data"][column], dtype=float)
                    wanted = np.array(wanted, dtype=float)
                    assert got.shape == wanted.shape, (setting, source, column)
                    scale = np.maximum(np.abs(wanted), 1e-300)
                    worst = max(worst, float(np.max(np.abs(got - wanted) / scale)))
                    np.testing.assert_allclose(got, wanted, rtol=PATH_RTOL, atol=1e-30,
                                               err_msg=f"{setting}: {source}.{column}")
            assert shown[f"{NAME}-readout"] == expected[f"{NAME}-readout"], setting
            assert_matches(shown, expected, str(setting))
    print(f"largest relative difference, page against Python: {worst:.1e}")
    assert worst < PATH_RTOL


@pytest.mark.parametrize("kwargs, message", [
    ({"surface": "saddle"}, r"^surface must be one of 'round bowl'"),
    ({"log_eta": 0.6}, r"^log_eta must be in \[-4, 0.5\] in steps of 0.05"),
    ({"log_eta": float("nan")}, r"^log_eta must be"),
    ({"w1": 3.0}, r"^w1 must be in \[-2.5, 2.5\]"),
    ({"w2": 0.05}, r"^w2 must be .* between two steps"),
    ({"steps": 0}, r"^steps must be in \[10, 1000\]"),
    ({"steps": 15}, r"^steps must be .* between two steps"),
    ({"momentum": 1.0}, r"^momentum must be in \[0, 0.95\]"),
])
def test_bad_settings_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_descent_simulation(**kwargs)
