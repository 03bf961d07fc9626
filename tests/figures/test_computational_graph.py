"""The computational graph: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from scipy.special import expit

from mlmath import calculus
from mlmath.figures import fig_computational_graph
from mlmath.figures.calculus.computational_graph import (SLIDERS, STEPS, STRUCTURE, number,
                                                         page_state, readout_text)
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "computational-graph"
KEYS = ("x1", "x2", "w1", "w2", "b", "y")
DEFAULT = dict(x1=1.5, x2=0.5, w1=0.8, w2=-1.2, b=0.1, y=1.0)


def values(step=STEPS, **kwargs):
    setting = {**DEFAULT, **kwargs}
    return {**{f"{NAME}-{key}": float(setting[key]) for key in KEYS},
            f"{NAME}-step": float(step)}


def steps_for(step=STEPS, **kwargs):
    return [[name, "value", value] for name, value in values(step, **kwargs).items()]


def closed_form(x1, x2, w1, w2, b, y):
    """Loss and gradients of L = (σ(w₁x₁ + w₂x₂ + b) − y)², derived by hand."""
    z = w1 * x1 + w2 * x2 + b
    y_hat = expit(z)
    delta = 2 * (y_hat - y) * y_hat * (1 - y_hat)  # ∂L/∂z
    return {"z": z, "ŷ": y_hat, "L": (y_hat - y) ** 2, "∂w₁": delta * x1, "∂w₂": delta * x2,
            "∂b": delta, "∂x₁": delta * w1, "∂x₂": delta * w2, "∂y": -2 * (y_hat - y)}


def boxes(state):
    data = state[f"{NAME}-nodes"]["data"]
    return {text.split(" = ")[0]: (text.split(" = ")[1], gradient)
            for text, gradient in zip(data["value"], data["gradient"])}


def parse(text: str) -> float:
    """A number as number() writes it, back to a float."""
    text = text.replace("−", "-")
    if "×" not in text:
        return float(text)
    mantissa, power = text.split(" × 10")
    return float(mantissa) * 10.0 ** int(power.replace("⁻", "-").translate(
        str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")))


SETTINGS = [
    DEFAULT,
    dict(x1=-2.0, x2=-2.0, w1=-2.0, w2=-2.0, b=-2.0, y=0.0),
    dict(x1=2.0, x2=2.0, w1=2.0, w2=2.0, b=2.0, y=1.0),   # σ saturated, ŷ ≈ y
    dict(x1=2.0, x2=2.0, w1=2.0, w2=2.0, b=2.0, y=0.0),   # σ saturated, ŷ far from y
    dict(x1=0.0, x2=0.0, w1=0.3, w2=-0.7, b=0.0, y=0.5),  # z = 0, ŷ = y: zero gradient
    dict(x1=-1.3, x2=0.7, w1=1.9, w2=0.4, b=-0.6, y=0.35),
]


@pytest.mark.parametrize("setting", SETTINGS)
def test_the_gradients_shown_are_the_closed_form_to_the_digits_shown(setting):
    shown = boxes(page_state(values(**setting)))
    expected = closed_form(**setting)
    for label in ("z", "ŷ", "L"):
        assert abs(parse(shown[label][0]) - expected[label]) <= 5e-4
    for label in ("w₁", "w₂", "b", "x₁", "x₂", "y"):
        wanted, written = expected["∂" + label], parse(shown[label][1])
        # Three decimals, or two significant digits when that would round to zero.
        assert abs(written - wanted) <= max(5e-4 if abs(wanted) >= 5e-4 else 0.0,
                                            0.05 * abs(wanted)), (label, written, wanted)
    assert shown["L"][1] == "1.000"


def test_the_gradients_pass_the_gradient_check_of_central_differences():
    def loss(p):
        return calculus.neuron_squared_error(p[:2], p[2:4], p[4], p[5]).loss.data

    def gradient(p):
        graph = calculus.neuron_squared_error(p[:2], p[2:4], p[4], p[5])
        graph.loss.backward()
        return np.array([graph.nodes[k].grad for k in ("x₁", "x₂", "w₁", "w₂", "b", "y")])

    for setting in SETTINGS[:2] + SETTINGS[-1:]:
        p = np.array([setting[k] for k in KEYS])
        assert calculus.gradient_check(loss, gradient, p) < calculus.GRADIENT_CHECK_TOLERANCE


def test_the_steps_walk_the_graph_bottom_to_top_and_shade_what_has_arrived():
    assert STEPS == 7
    labels = [STRUCTURE["labels"][k] for k in STRUCTURE["order"]]
    assert labels == ["L", "d", "ŷ", "z", "s", "p₂", "p₁"]
    rows = [STRUCTURE["y"][k] for k in STRUCTURE["order"]]
    assert rows == sorted(rows)  # from the bottom row up
    arrived = [0, 2, 4, 5, 7, 9, 11, 13]  # L's seed and d at step 1, then each step's parents
    for step in range(STEPS + 1):
        state = page_state(values(step))
        data = state[f"{NAME}-nodes"]["data"]
        assert sum(g != "—" for g in data["gradient"]) == arrived[step]
        outlined = [v.split(" = ")[0] for v, c in zip(data["value"], data["line_width"])
                    if c == 3.0]
        assert outlined == ([] if step == 0 else [labels[step - 1]])
        edge_labels = state[f"{NAME}-edge-labels"]["data"]["text"]
        assert len(edge_labels) == (0 if step == 0 else
                                    len(STRUCTURE["parents"][STRUCTURE["order"][step - 1]]))


def test_the_readout_writes_local_derivatives_and_products():
    text = readout_text(step=3)
    assert "<b>Step 3 of 7: ŷ = σ(z).</b> ∂L/∂ŷ = −0.664 is complete." in text
    assert "∂ŷ/∂z = ŷ(1 − ŷ) = 0.222" in text
    assert "∂L/∂z += 0.222 × (−0.664) = −0.147" in text
    assert "∂L/∂y += −1 × (−0.664) = 0.664" in readout_text(step=2)
    last = readout_text()
    assert "∂L/∂w₁ += 1.500 × (−0.147) = −0.221" in last
    assert "<b>Done:</b> ∂L/∂w₁ = −0.221, ∂L/∂w₂ = −0.074, ∂L/∂b = −0.147." in last
    assert "No gradients yet" in readout_text(step=0)


def test_a_saturated_neuron_is_said_in_words_and_tiny_gradients_are_not_zeros():
    state = page_state(values(3, **SETTINGS[3]))
    text = state[f"{NAME}-readout"]["text"]
    assert "σ is nearly flat here" in text
    shown = boxes(page_state(values(STEPS, **SETTINGS[3])))
    for label in ("w₁", "w₂", "b"):
        assert "× 10⁻" in shown[label][1] and parse(shown[label][1]) > 0  # ŷ > y
    for state in (page_state(values(k, **s)) for s in SETTINGS for k in (0, 3, STEPS)):
        for data in (state[f"{NAME}-nodes"]["data"], state[f"{NAME}-readout"]):
            assert not re.search(r"NaN|nan|Infinity|undefined", str(data))


def test_number_rounds_as_the_page_does():
    assert number(0.0) == "0" and number(-0.0) == "0"
    assert number(0.0625) == "0.063" and number(-0.0625) == "−0.063"  # ties away from 0
    assert number(-0.0005) == "−0.001"
    assert number(1.849e-4) == "1.8 × 10⁻⁴" and number(-4.54e-5) == "−4.5 × 10⁻⁵"
    assert number(2.5e-9) == "2.5 × 10⁻⁹"


def test_the_page_recomputes_both_passes_as_the_python_engine_does():
    figure = fig_computational_graph()
    with BokehJS() as runner:
        for n, setting in enumerate(SETTINGS):
            for step in range(STEPS + 1) if n == 0 else (0, 3, STEPS):
                shown, expected = runner.state_after(figure, steps_for(step, **setting),
                                                     page_state)
                assert_matches(shown, expected, f"{setting}, step {step}")
            # The page's gradients, read back as numbers, against the closed form.
            data = shown[f"{NAME}-nodes"]["data"]
            page = {v.split(" = ")[0]: parse(g) for v, g in zip(data["value"], data["gradient"])}
            wanted = closed_form(**setting)
            for label in ("w₁", "w₂", "b", "x₁", "x₂", "y"):
                assert abs(page[label] - wanted["∂" + label]) <= max(
                    5e-4 if abs(wanted["∂" + label]) >= 5e-4 else 0.0,
                    0.05 * abs(wanted["∂" + label])), (setting, label)


def test_the_sigmoid_panel_marks_z_and_the_slope_of_the_sigma_node():
    for setting in SETTINGS:
        state = page_state(values(**setting))
        expected = closed_form(**setting)
        point = state[f"{NAME}-point"]["data"]
        np.testing.assert_allclose(point["x"], [expected["z"]] * 2, rtol=1e-12, atol=1e-15)
        y_hat = expected["ŷ"]
        np.testing.assert_allclose(point["y"], [y_hat, y_hat * (1 - y_hat)], rtol=1e-9,
                                   atol=1e-15)
        tangent = state[f"{NAME}-tangent"]["data"]
        slope = (tangent["y"][1] - tangent["y"][0]) / (tangent["x"][1] - tangent["x"][0])
        np.testing.assert_allclose(slope, y_hat * (1 - y_hat), rtol=1e-9, atol=1e-15)


def test_alt_text_gives_the_forward_values_and_the_gradient():
    alt = fig_computational_graph().alt
    assert "z = 0.700, ŷ = 0.668, L = 0.110" in alt
    assert "∂L/∂w₁ = −0.221, ∂L/∂w₂ = −0.074, ∂L/∂b = −0.147" in alt
    assert "no gradients are shown" in fig_computational_graph(step=0).alt


@pytest.mark.parametrize("kwargs, message", [
    ({"x1": 2.5}, r"^x1 must be in \[-2, 2\] in steps of 0.1 \(the slider 'Input x₁'\)"),
    ({"w2": 0.05}, r"^w2 must be .* between two steps"),
    ({"b": float("nan")}, r"^b must be in \[-2, 2\]"),
    ({"y": 1.5}, r"^y must be in \[0, 1\] in steps of 0.05"),
    ({"y": "one"}, r"^y must be a number"),
    ({"step": 8}, r"^step must be in \[0, 7\] in steps of 1"),
    ({"step": 2.5}, r"^step must be .* between two steps"),
])
def test_bad_settings_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_computational_graph(**kwargs)


def test_every_slider_reaches_the_callback():
    figure = fig_computational_graph()
    names = {f"{NAME}-{key}" for key in SLIDERS}
    linked = {model.name for model in figure.roots if model.name in names}
    assert linked == names
