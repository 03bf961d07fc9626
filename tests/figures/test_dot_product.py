"""The dot-product figure: what only it does (the rest: test_every_figure.py).

It draws what mlmath.linalg computes, checked here against NumPy and plain
trigonometry, and says in words what cannot be drawn (a zero vector's angle).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath.figures.linalg.dot_product import (ARC_RADIUS, LIMIT, fig_dot_product, geometry,
                                               page_state, readout_text)
from tests.figures.bokehjs import BokehJS, assert_matches

SLIDERS = ("dot-product-length-a", "dot-product-angle-a", "dot-product-length-b",
           "dot-product-angle-b")


def polar(length, degrees):
    return np.array([length * np.cos(np.radians(degrees)), length * np.sin(np.radians(degrees))])


def cross(u, v):
    return u[0] * v[1] - u[1] * v[0]


def in_bokehjs(settings):
    """What the page shows and what page_state expects after moving the sliders of
    the default figure to each ``(length_a, angle_a, length_b, angle_b)``."""
    figure = fig_dot_product()
    with BokehJS() as runner:
        for setting in settings:
            # Move A's length off both its start and its target first, so that
            # the callback runs even when the target is the starting setting.
            steps = [[SLIDERS[0], "value", 1.0 if setting[0] != 1.0 else 2.0]]
            steps += [[name, "value", float(v)] for name, v in zip(SLIDERS, setting)]
            yield setting, runner.state_after(figure, steps, page_state)


@pytest.mark.parametrize("la, da, lb, db", [(3, 20, 2.5, 75), (1, 0, 4, 180), (2, 350, 2, 10),
                                            (4, 45, 1.5, 135), (0.25, 300, 3.75, 95)])
def test_geometry_matches_numpy_and_trigonometry(la, da, lb, db):
    g = geometry(la, da, lb, db)
    a, b = polar(la, da), polar(lb, db)
    assert_allclose(g["a"], a, atol=1e-12)
    assert_allclose(g["dot"], np.dot(a, b), atol=1e-12)
    # The geometric form: ‖A‖ ‖B‖ times the cosine of the gap between the directions.
    assert_allclose(g["dot"], la * lb * np.cos(np.radians(db - da)), atol=1e-12)
    gap = abs((db - da + 180) % 360 - 180)
    assert_allclose(g["theta"], gap, atol=1e-9)
    assert_allclose(g["cos"], np.cos(np.radians(gap)), atol=1e-12)
    p = np.dot(a, b) / np.dot(a, a) * a
    assert_allclose(g["p"], p, atol=1e-12)
    assert abs(np.dot(b - p, a)) < 1e-12  # the dashed guide meets the line at a right angle
    guides = g["sources"]["guides"]
    assert_allclose([guides["xs"][1], guides["ys"][1]], [[b[0], p[0]], [b[1], p[1]]], atol=1e-12)
    line = np.array([guides["xs"][0], guides["ys"][0]])  # the line through A, across the plot
    assert abs(cross(line[:, 1] - line[:, 0], a)) < 1e-12
    assert np.linalg.norm(line[:, 1] - line[:, 0]) > 2 * math.sqrt(2) * LIMIT
    # The arc runs the short way round from A's direction to B's, at a fixed radius.
    arc = np.column_stack([g["sources"]["arc"]["x"], g["sources"]["arc"]["y"]])
    assert_allclose(np.linalg.norm(arc, axis=1), ARC_RADIUS)
    assert_allclose(arc[0] / ARC_RADIUS, polar(1, da), atol=1e-12)
    assert_allclose(arc[-1] / ARC_RADIUS, polar(1, db), atol=1e-12)
    turned = np.degrees(np.arccos(np.clip(arc[0] @ arc[-1] / ARC_RADIUS**2, -1, 1)))
    assert_allclose(turned, gap, atol=1e-6)


def test_projection_label_sits_across_the_line_from_b():
    for db in (75, 300):  # B left of A, then right of A
        g = geometry(3, 20, 2.5, db)
        p = g["sources"]["projection"]
        label = np.array([p["label_x"][0], p["label_y"][0]])
        a, b = polar(3, 20), polar(2.5, db)
        assert np.sign(cross(a, label)) == -np.sign(cross(a, b))


def test_readout_writes_both_forms_of_the_dot_product():
    text = readout_text(3, 0, 2, 60)
    assert "(3.00)(1.00) + (0.00)(1.73) = <b>3.00</b>" in text
    assert "3.00 × 2.00 × 0.500 = <b>3.00</b> (θ = 60°)" in text
    assert "p = (1.00, 0.00), signed length ‖B‖ cos θ = 1.00" in text
    obtuse = readout_text(2, 0, 2, 150)
    assert f"signed length ‖B‖ cos θ = −{-2 * math.cos(math.radians(150)):.2f}" in obtuse


def test_orthogonal_vectors_have_no_projection_and_say_so():
    figure = fig_dot_product(length_a=2, angle_a=30, length_b=3, angle_b=120)
    assert figure.model("dot-product-projection").data["x1"] == []  # no shadow to draw
    readout = figure.model("dot-product-readout").text
    assert "orthogonal" in readout and "= <b>0.00</b>" in readout


@pytest.mark.parametrize("la, lb, words", [(0, 2, "A is the zero vector"),
                                           (2, 0, "B is the zero vector"),
                                           (0, 0, "both the zero vector")])
def test_zero_vectors_are_explained_not_drawn_as_nan(la, lb, words):
    figure = fig_dot_product(length_a=la, angle_a=10, length_b=lb, angle_b=80)
    readout = figure.model("dot-product-readout").text
    assert words in readout and "nan" not in readout.lower()
    for name in ("arrows", "projection", "guides", "arc", "arc-label"):
        for column in figure.model(f"dot-product-{name}").data.values():
            flat = np.ravel(np.array(column, dtype=object).tolist() if column else [])
            assert all(isinstance(v, str) or np.isfinite(v) for v in flat), name
    assert figure.model("dot-product-arc").data["x"] == []
    assert "no angle" in figure.alt


def test_page_agrees_with_python_where_nothing_or_little_can_be_drawn():
    settings = [
        (0, 10, 2, 80), (2, 10, 0, 80), (0, 0, 0, 355),  # zero vectors
        (2, 30, 3, 120), (4, 355, 4, 85),  # orthogonal
        (1.75, 10, 3, 190), (2, 40, 3, 40), (4, 355, 0.25, 175),  # on the line through A
        # θ = 60° with ‖A‖ ‖B‖ = 1/4: the readout's numbers sit on rounding ties, where
        # one bit of Math.cos (55°, 220°, 240°, 295°) would change a digit.
        (0.5, 55, 0.5, 115), (0.25, 220, 1, 280), (0.5, 240, 0.5, 300), (0.25, 295, 1, 355),
    ]
    for setting, (shown, expected) in in_bokehjs(settings):
        assert_matches(shown, expected, str(setting))


def test_alt_text_and_static_twin_state_the_numbers():
    figure = fig_dot_product()
    dot = np.dot(polar(3, 20), polar(2.5, 75))
    assert "θ = 55°" in figure.alt and f"A · B = {dot:.2f}" in figure.alt
    title = figure.static.axes[0].get_title()
    assert f"A · B = {dot:.2f}" in title and "θ = 55°" in title


@pytest.mark.parametrize("kwargs, message", [
    ({"length_a": 4.5}, r"length_a must be in \[0, 4\] in steps of 0.25"),
    ({"length_b": -1}, r"length_b must be in \[0, 4\]"),
    ({"angle_a": 400}, r"angle_a must be in \[0, 355\] in steps of 5"),
    ({"angle_b": 7}, "angle_b must be .* between two steps"),
    ({"length_a": 0.3}, "length_a must be .* between two steps"),
    ({"length_b": float("nan")}, "length_b must be"),
    ({"angle_a": "20"}, "angle_a must be a number"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_dot_product(**kwargs)
