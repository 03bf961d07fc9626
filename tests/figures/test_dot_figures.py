"""The dot-product figure draws what mlmath.linalg computes, and says so in words
where nothing can be drawn."""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg
from mlmath.figures import fig_dot_product
from mlmath.figures.linalg.dot import dot_product_readout, dot_product_state


def model(figure, name):
    found = figure.layout.select_one({"name": name})
    assert found is not None, f"no Bokeh model named {name!r}"
    return found


def polar(length, degrees):
    return np.array([length * np.cos(np.radians(degrees)), length * np.sin(np.radians(degrees))])


@pytest.mark.parametrize("la, da, lb, db", [(3, 20, 2.5, 75), (1, 0, 4, 180), (2, 350, 2, 10),
                                            (4, 45, 1.5, 135), (0.25, 300, 3.75, 95)])
def test_state_matches_independent_geometry(la, da, lb, db):
    s = dot_product_state(la, da, lb, db)
    a, b = polar(la, da), polar(lb, db)
    assert_allclose(s["a"], a, atol=1e-12)
    assert_allclose(s["dot"], np.dot(a, b), atol=1e-12)
    # Geometric form: |a| |b| cos of the angle between the directions.
    assert_allclose(s["dot"], la * lb * np.cos(np.radians(db - da)), atol=1e-12)
    gap = abs((db - da + 180) % 360 - 180)
    assert_allclose(s["theta"], gap, atol=1e-9)
    assert_allclose(s["cos"], np.cos(np.radians(gap)), atol=1e-12)
    p = np.dot(a, b) / np.dot(a, a) * a
    assert_allclose(s["p"], p, atol=1e-12)
    assert abs(np.dot(b - p, a)) < 1e-12  # the dashed guide meets the line at a right angle
    guides = s["guides"]
    assert_allclose([guides["xs"][1], guides["ys"][1]], [[b[0], p[0]], [b[1], p[1]]], atol=1e-12)
    # The arc runs the short way round from A's direction to B's, at a fixed radius.
    arc = np.column_stack([s["arc"]["x"], s["arc"]["y"]])
    assert_allclose(np.linalg.norm(arc, axis=1), 0.7)
    assert_allclose(arc[0] / 0.7, polar(1, da), atol=1e-12)
    assert_allclose(arc[-1] / 0.7, polar(1, db), atol=1e-12)


def test_figure_models_hold_the_state():
    figure = fig_dot_product(length_a=2, angle_a=30, length_b=3, angle_b=120)
    s = dot_product_state(2, 30, 3, 120)
    assert model(figure, "dot-product-arrows").data["label"] == ["A", "B"]
    assert_allclose(model(figure, "dot-product-arrows").data["x1"], s["arrows"]["x1"])
    assert model(figure, "dot-product-projection").data["x1"] == []  # orthogonal: no shadow
    for name, value in (("length-a", 2), ("angle-a", 30), ("length-b", 3), ("angle-b", 120)):
        assert model(figure, f"dot-product-{name}").value == value
    readout = model(figure, "dot-product-readout").text
    assert readout == dot_product_readout(2, 30, 3, 120)
    assert "orthogonal" in readout and "= <b>0.00</b>" in readout


def test_readout_writes_both_forms_of_the_dot_product():
    text = dot_product_readout(3, 0, 2, 60)
    assert "(3.00)(1.00) + (0.00)(1.73) = <b>3.00</b>" in text
    assert "3.00 × 2.00 × 0.500 = <b>3.00</b> (θ = 60°)" in text
    assert "p = (1.00, 0.00), signed length ‖B‖ cos θ = 1.00" in text
    obtuse = dot_product_readout(2, 0, 2, 150)
    assert f"signed length ‖B‖ cos θ = {2 * math.cos(math.radians(150)):.2f}".replace("-", "−") in obtuse


@pytest.mark.parametrize("la, lb, words", [(0, 2, "A is the zero vector"),
                                           (2, 0, "B is the zero vector"),
                                           (0, 0, "both the zero vector")])
def test_zero_vectors_are_explained_not_drawn_as_nan(la, lb, words):
    figure = fig_dot_product(length_a=la, angle_a=10, length_b=lb, angle_b=80)
    readout = model(figure, "dot-product-readout").text
    assert words in readout and "nan" not in readout.lower()
    for name in ("arrows", "projection", "guides", "arc", "arc-label"):
        data = model(figure, f"dot-product-{name}").data
        for column in data.values():
            flat = np.ravel(np.array(column, dtype=object).tolist() if column else [])
            assert all(isinstance(v, str) or np.isfinite(v) for v in flat), name
    assert model(figure, "dot-product-arc").data["x"] == []
    assert "no angle" in figure.alt


def test_alt_text_and_static_twin_state_the_numbers():
    figure = fig_dot_product()
    s = dot_product_state(3, 20, 2.5, 75)
    assert "θ = 55°" in figure.alt and f"A · B = {s['dot']:.2f}" in figure.alt
    title = figure.static.axes[0].get_title()
    assert f"A · B = {s['dot']:.2f}" in title and "θ = 55°" in title


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"length_a": 4.5}, "length_a must be <= 4.0"),
        ({"length_b": -1}, "length_b must be >= 0.0"),
        ({"angle_a": 400}, "angle_a must be <= 355.0"),
        ({"angle_b": 7}, "angle_b must be a multiple of 5"),
        ({"length_a": 0.3}, "length_a must be a multiple of 0.25"),
        ({"length_b": float("nan")}, "length_b must be finite"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_dot_product(**kwargs)
