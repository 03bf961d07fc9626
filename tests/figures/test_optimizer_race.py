"""The optimizer race: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mlmath import calculus
from mlmath.figures import fig_optimizer_race
from mlmath.figures.calculus import optimizer_race as race
from mlmath.figures.calculus.optimizer_race import (CONTOURS, LEVELS, MAX_STEPS, SETTINGS,
                                                    SURFACES, TUNED, page_state, readout_text,
                                                    rules, short)
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "optimizer-race"
KEYS = ("sgd", "momentum", "rmsprop", "adam", "newton")
TUNED_SETTING, DEFAULTS = SETTINGS
#: How far the page's numbers may drift from Python's, relative to their size, after the
#: last step of a run of MAX_STEPS steps. Both sides do the same floating-point operations in
#: the same order (every square a product, Newton's system by the same elimination), so they
#: agree to the last bit; 1e-9 would still catch any difference in a rule.
PATH_RTOL = 1e-9


def values(surface="Rosenbrock", setting=TUNED_SETTING, w1=-1.2, w2=1.0, t=200.0):
    return {f"{NAME}-surface": surface, f"{NAME}-setting": setting, f"{NAME}-w1": w1,
            f"{NAME}-w2": w2, f"{NAME}-t": t}


def steps_for(**kwargs):
    return [[name, "value", value] for name, value in values(**kwargs).items()]


def test_each_path_is_the_packages_race_run_up_to_step_t():
    state = page_state(values(t=300.0))
    for key, rule in zip(KEYS, rules("Rosenbrock", TUNED_SETTING)):
        expected = calculus.steps_to_tolerance(rule, "Rosenbrock", (-1.2, 1.0), budget=MAX_STEPS)
        data = state[f"{NAME}-run-{key}"]["data"]
        shown = len(data["x"]) - 1
        assert shown == min(300, len(expected.result.path) - 1)
        np.testing.assert_array_equal(np.c_[data["x"], data["y"]],
                                      expected.result.path[:shown + 1])
        head = state[f"{NAME}-head-{key}"]["data"]
        assert head["step"] == [shown] and head["x"] == [data["x"][-1]]


def test_the_tuned_rates_are_what_the_grid_search_finds():
    grid = calculus.LEARNING_RATE_GRID
    for surface in SURFACES:
        start = calculus.RACE_STARTS[surface]
        found = tuple(grid.index(calculus.tune_learning_rate(rule, surface, start).rule.eta)
                      for rule in calculus.DEFAULT_RULES.values())
        assert found == TUNED[surface], surface
    assert MAX_STEPS == calculus.RACE_BUDGET  # tuned for the race the slider shows


def test_the_defaults_are_pytorchs_and_newton_takes_full_steps():
    chosen = rules("turned bowl", DEFAULTS)
    assert [r.eta for r in chosen] == [1e-3, 1e-3, 1e-2, 1e-3, 1.0]
    assert chosen[1].beta == 0.9 and chosen[2].beta2 == 0.99
    assert (chosen[3].beta1, chosen[3].beta2) == (0.9, 0.999)
    tuned = rules("turned bowl", TUNED_SETTING)
    assert tuned[3] == dataclasses.replace(chosen[3], eta=calculus.LEARNING_RATE_GRID[1])


def test_the_readout_tells_the_race():
    # Rosenbrock, tuned: Newton is in at step 5, momentum at 551 and Adam at 732; SGD and
    # RMSProp are still out after the whole race.
    end = readout_text(t=MAX_STEPS)
    for words in ("in at step 5<", "in at step 551<", "in at step 732<"):
        assert words in end
    assert end.count("in at step") == 3
    middle = readout_text(t=500)
    assert "in at step 551" not in middle and "in at step 5<" in middle
    start = readout_text(t=0)
    assert "in at step" not in start and start.count("—") == 5  # no step taken: no step size


def test_a_diverging_run_is_said_in_words_and_nothing_is_nan():
    # SGD with the double well's tuned η = 0.178 from (2, 2): the first gradient, 24.5 along
    # w₁, throws it out, and each step after is larger.
    state = page_state(values("two minima", TUNED_SETTING, 2.0, 2.0, float(MAX_STEPS)))
    text = state[f"{NAME}-readout"]["text"]
    assert "diverged at step" in text
    k = int(text.split("diverged at step ")[1].split("<")[0])
    assert len(state[f"{NAME}-run-sgd"]["data"]["x"]) == k  # steps 0 .. k − 1
    for word in ("NaN", "nan", "Infinity", "undefined"):
        assert word not in text
    for name, entry in state.items():
        for column in entry.get("data", {}).values():
            assert all(np.isfinite(v) for row in column
                       for v in (row if isinstance(row, list) else [row])), name
    before = page_state(values("two minima", TUNED_SETTING, 2.0, 2.0, float(k - 1)))
    assert "diverged" not in before[f"{NAME}-readout"]["text"]  # the race shows it when it comes
    assert f"diverged at step {k}" in fig_optimizer_race("two minima", TUNED_SETTING, 2.0, 2.0,
                                                          MAX_STEPS).alt


def test_a_singular_hessian_is_said_in_words():
    # No start on the sliders' grid lands Newton on a singular Hessian, so take a run that
    # does: the double well's Hessian diag(12w₁² − 4, 2) is singular at w₁ = 1/√3.
    s = calculus.RACE_SURFACES["two minima"]
    rule = calculus.Newton(s.hessian)
    result = calculus.optimize(rule, s.grad, [1 / np.sqrt(3), 1.0], MAX_STEPS,
                               f=lambda w: s.f(w) - s.lowest)
    assert result.singular_at == 1
    run = calculus.RaceRun(result, None)
    row = race._row("Newton", rule, race._at(run, 10))
    assert "stopped at step 1: H singular" in row
    assert "in at step" not in race._row("Newton", rule, race._at(run, 0))


def test_at_the_minimum_every_run_is_in_at_step_0():
    text = readout_text("Rosenbrock", DEFAULTS, 1.0, 1.0, 50)
    assert text.count("in at step 0<") == 5


def test_short_writes_three_significant_digits():
    assert [short(v) for v in (0.0562341, 1.0, 0.001, 562.3, 0.3162)] == \
        ["0.0562", "1", "0.001", "562", "0.316"]
    assert short(0.000999) == "1.0 × 10⁻³" and short(2.5e4) == "2.5 × 10⁴"


def test_contours_are_level_sets_of_each_surface():
    for name in SURFACES:
        surface = calculus.RACE_SURFACES[name]
        data = CONTOURS[name]
        assert data["xs"]
        for xs, ys in zip(data["xs"], data["ys"]):
            gaps = np.array([surface.f(np.array([x, y])) - surface.lowest
                             for x, y in zip(xs, ys)])
            level = min(LEVELS[name], key=lambda c: abs(np.median(gaps) - c))
            # Within what a linear interpolation on the grid and the rounding allow.
            assert np.all(np.abs(gaps - level) < 0.2 * level + 0.02), (name, level)


SETTINGS_TO_COMPARE = [
    dict(surface="Rosenbrock", setting=TUNED_SETTING, w1=-1.2, w2=1.0, t=float(MAX_STEPS)),
    dict(surface="Rosenbrock", setting=DEFAULTS, w1=2.5, w2=-2.5, t=float(MAX_STEPS)),
    dict(surface="two minima", setting=TUNED_SETTING, w1=2.0, w2=2.0, t=float(MAX_STEPS)),
    dict(surface="two minima", setting=DEFAULTS, w1=0.3, w2=2.0, t=777.0),
    dict(surface="turned bowl", setting=TUNED_SETTING, w1=-2.5, w2=2.5, t=float(MAX_STEPS)),
    dict(surface="narrow bowl", setting=DEFAULTS, w1=2.5, w2=2.5, t=1.0),
    dict(surface="narrow bowl", setting=TUNED_SETTING, w1=0.0, w2=0.0, t=0.0),
]


def test_the_page_recomputes_the_race_as_python_does_even_at_the_largest_step_count():
    figure = fig_optimizer_race()
    worst = 0.0
    with BokehJS() as runner:
        for setting in SETTINGS_TO_COMPARE:
            shown, expected = runner.state_after(figure, steps_for(**setting), page_state)
            for key in KEYS:
                for source in (f"{NAME}-run-{key}", f"{NAME}-head-{key}"):
                    for column, wanted in expected[source]["data"].items():
                        got = np.array(shown[source]["data"][column], dtype=float)
                        wanted = np.array(wanted, dtype=float)
                        assert got.shape == wanted.shape, (setting, source, column)
                        scale = np.maximum(np.abs(wanted), 1e-300)
                        worst = max(worst, float(np.max(np.abs(got - wanted) / scale,
                                                        initial=0.0)))
                        np.testing.assert_allclose(got, wanted, rtol=PATH_RTOL, atol=1e-300,
                                                   err_msg=f"{setting}: {source}.{column}")
            assert shown[f"{NAME}-readout"] == expected[f"{NAME}-readout"], setting
            assert_matches(shown, expected, str(setting))
    print(f"largest relative difference, page against Python: {worst:.1e}")
    assert worst < PATH_RTOL


@pytest.mark.parametrize("kwargs, message", [
    ({"surface": "saddle"}, r"^surface must be one of 'narrow bowl'"),
    ({"setting": "fast"}, r"^setting must be one of 'tuned for this surface'"),
    ({"w1": 3.0}, r"^w1 must be in \[-2.5, 2.5\]"),
    ({"w2": 0.05}, r"^w2 must be .* between two steps"),
    ({"w1": float("nan")}, r"^w1 must be"),
    ({"t": -1}, r"^t must be in \[0, 1000\]"),
    ({"t": 1001}, r"^t must be in \[0, 1000\]"),
    ({"t": 2.5}, r"^t must be .* between two steps"),
])
def test_bad_settings_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_optimizer_race(**kwargs)
