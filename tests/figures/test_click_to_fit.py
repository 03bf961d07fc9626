"""Click to fit: what only it does (the rest: test_every_figure.py).

The page's numbers come from its own JavaScript fit; here the page holds
several configurations of points (degenerate ones included) in BokehJS, and
what it shows is compared with ``page_state``, whose fit is ``mlmath.models.fit_line``, itself
compared with scikit-learn. Clicks, drags, taps and the buttons are driven in
Chromium (``tests/browser/test_click_to_fit.py``).
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score

from mlmath import models
from mlmath.figures import fig_click_to_fit
from mlmath.figures.models.click_to_fit import (MAX_POINTS, PRESETS, SQUARE_WIDTH, X_RANGE,
                                                page_state, readout_text)
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "click-to-fit"
#: The page adds up in another order than NumPy: its numbers agree with Python's to this
#: relative tolerance (and the readout's, rounded, exactly).
PAGE_RTOL = 1e-9
CONTROLS = (f"{NAME}-data", f"{NAME}-point", f"{NAME}-show-squares")


def values(data="study", point="", squares=False, points=None):
    found = {f"{NAME}-data": data, f"{NAME}-point": point, f"{NAME}-show-squares": squares}
    if points is not None:
        found[f"{NAME}-points"] = {"x": list(points[0]), "y": list(points[1])}
    return found


rng = np.random.default_rng(2026)
MANY_X = rng.uniform(0, 10, MAX_POINTS)
MANY_Y = np.clip(30 + 6 * MANY_X + rng.normal(0, 12, MAX_POINTS), 0, 100)

#: Points the page is set to, with the chosen point and the squares: the degenerate
#: cases first (none, one, one x, equal scores, on a line), then ordinary ones.
CONFIGURATIONS = [
    ([], [], "", True),
    ([4.0], [62.0], "1", True),
    ([3.0, 3.0, 3.0], [20.0, 50.0, 90.0], "2", True),
    ([1.0, 2.5, 9.0], [0.1, 0.1, 0.1], "3", True),  # 0.1 three times: their mean is not 0.1
    ([1.0, 3.0, 5.0, 8.0], [48.0, 60.0, 72.0, 90.0], "4", False),
    ([0.0, 10.0], [100.0, 0.0], "1", True),  # two points: the line through them
    ([2.0, 2.0, 2.0000001], [10.0, 90.0, 50.0], "3", True),  # x nearly all equal: steep
    ([0.37, 9.81, 5.5, 1.234, 7.77], [99.0, 1.0, 47.3, 80.2, 12.9], "5", True),
    (MANY_X.tolist(), MANY_Y.tolist(), "500", True),
    (MANY_X.tolist(), MANY_Y.tolist(), "", False),
]


def run_configuration(runner, figure, x, y, point, squares):
    """The page holding the points, with a point chosen and the squares set; return what
    it shows and what page_state expects for what its controls and points then hold.

    The points travel in the document (set in Python before it is sent), as if a reader
    had tapped them in; moving the toggle twice and the menu makes the page refit.
    """
    source = figure.model(f"{NAME}-points")
    before = dict(source.data)
    source.data = {"x": list(x), "y": list(y)}
    runner.forget(figure)
    try:
        steps = [[f"{NAME}-show-squares", "active", not squares],
                 [f"{NAME}-point", "value", point],
                 [f"{NAME}-show-squares", "active", squares]]
        expected = page_state(values(point=point, squares=squares, points=(x, y)))
        read = {name: list(props) for name, props in expected.items()}
        for name in CONTROLS:
            read.setdefault(name, []).append("active" if name.endswith("squares") else "value")
        shown = runner.run(figure, steps, read)
    finally:
        source.data = before
        runner.forget(figure)
    held = {name: shown[name]["active" if name.endswith("squares") else "value"]
            for name in CONTROLS}
    held[f"{NAME}-points"] = shown[f"{NAME}-points"]["data"]
    expected = page_state(held)
    return {name: {p: shown[name][p] for p in props} for name, props in expected.items()}, \
        expected


def assert_page_agrees(shown, expected, where):
    """Numbers to PAGE_RTOL (residuals near zero to 1e-9 of the scores), text exactly."""
    for name, properties in expected.items():
        for prop, wanted in properties.items():
            got = shown[name][prop]
            if prop == "data":
                assert set(got) == set(wanted), (where, name)
                for column, values_ in wanted.items():
                    if values_ and not isinstance(values_[0], str):
                        np.testing.assert_allclose(got[column], values_, rtol=PAGE_RTOL,
                                                   atol=1e-9, err_msg=f"{where}: {name}.{column}")
                    else:
                        assert got[column] == values_, (where, name, column)
            else:
                assert_matches(got, wanted, f"{where}: {name}.{prop}")


@pytest.fixture(scope="module")
def figure():
    return fig_click_to_fit()


def test_the_page_refits_every_configuration_as_python_does(figure, bokehjs):
    for x, y, point, squares in CONFIGURATIONS:
        shown, expected = run_configuration(bokehjs, figure, x, y, point, squares)
        where = f"{len(x)} points, chosen {point!r}, squares {squares}"
        assert_page_agrees(shown, expected, where)
        text = shown[f"{NAME}-readout"]["text"].replace("R² undefined", "")
        assert not any(word in text for word in ("NaN", "nan", "Infinity", "null", "undefined"))


def test_each_data_set_in_the_menu_and_the_reset_show_what_python_computes(figure, bokehjs):
    for key in PRESETS:
        steps = [[f"{NAME}-data", "value", key], [f"{NAME}-show-squares", "active", True]]
        shown, expected = bokehjs.state_after(figure, steps, page_state)
        assert_page_agrees(shown, expected, key)
        assert shown[f"{NAME}-points"]["data"] == {"x": PRESETS[key][1], "y": PRESETS[key][2]}


def test_a_chosen_point_the_points_no_longer_reach_is_unchosen(figure, bokehjs):
    steps = [[f"{NAME}-point", "value", "12"], [f"{NAME}-data", "value", "line"]]
    shown = bokehjs.run(figure, steps, {f"{NAME}-point": ["value", "options"],
                                        f"{NAME}-chosen": ["data"]})
    assert shown[f"{NAME}-point"]["value"] == ""
    assert len(shown[f"{NAME}-point"]["options"]) == 5
    assert shown[f"{NAME}-chosen"]["data"] == {"x": [], "y": [], "label": []}


def test_the_fit_is_scikit_learns():
    hours, scores = PRESETS["study"][1:]
    state = page_state(values())
    reference = LinearRegression().fit(np.array(hours)[:, None], scores)
    line = state[f"{NAME}-line"]["data"]
    np.testing.assert_allclose(line["y"], reference.predict(np.array(X_RANGE)[:, None]),
                               rtol=1e-12)
    fitted = state[f"{NAME}-residuals"]["data"]["fitted"]
    np.testing.assert_allclose(fitted, reference.predict(np.array(hours)[:, None]), rtol=1e-12)
    r2 = r2_score(scores, fitted)
    assert f"<b>R² = {r2:.3f}</b>" in state[f"{NAME}-readout"]["text"]
    assert f"{reference.intercept_:.2f} + {reference.coef_[0]:.2f}x" in \
        state[f"{NAME}-readout"]["text"]


def test_the_squares_total_area_is_the_residual_sum_of_squares():
    hours, scores = PRESETS["outlier"][1:]
    state = page_state(values(data="outlier", squares=True))
    box = state[f"{NAME}-squares"]["data"]
    width = np.subtract(box["right"], box["left"])
    height = np.subtract(box["top"], box["bottom"])
    np.testing.assert_allclose(width, SQUARE_WIDTH * height, rtol=1e-12)  # square on screen
    rss = models.fit_line(hours, scores).rss
    assert np.sum(width * height) == pytest.approx(SQUARE_WIDTH * rss, rel=1e-12)
    assert "the squares' total area" in state[f"{NAME}-readout"]["text"]
    # Each grows towards the middle of the plot, so that it stays in view.
    middle = sum(X_RANGE) / 2
    for left, right, x in zip(box["left"], box["right"], hours):
        assert (left == x) if x <= middle else (right == x)


@pytest.mark.parametrize("key, words", [
    ("empty", "<b>No points yet.</b>"),
    ("one-x", "<b>No line</b>: all 4 points have x = 5.0, and every line through (5.0, ȳ)"),
    ("flat", "<b>R² undefined</b>: all scores are equal, so TSS = 0"),
    ("line", "<b>R² = 1</b>: every point lies on the line"),
])
def test_degenerate_data_is_explained_in_words(key, words):
    text = page_state(values(data=key))[f"{NAME}-readout"]["text"]
    assert words in text
    assert "nan" not in text.lower() and "inf" not in text.lower()
    assert "No line yet</b>: one point" in readout_text([4.0], [62.0])


def test_the_chosen_point_is_read_out_with_its_residual():
    hours, scores = PRESETS["study"][1:]
    fit = models.fit_line(hours, scores)
    state = page_state(values(point="3"))
    text = state[f"{NAME}-readout"]["text"]
    residual = f"{fit.residuals[2]:.1f}".replace("-", "−")
    assert f"<b>point 3</b>: ({hours[2]:.1f}, {scores[2]:.1f}), ŷ = {fit.fitted[2]:.1f}, " \
        f"ε̂ = {residual}" in text
    assert state[f"{NAME}-chosen"]["data"] == {"x": [hours[2]], "y": [scores[2]], "label": ["3"]}


def test_the_residual_axis_grows_with_the_largest_residual():
    assert page_state(values())[f"{NAME}-residual-y"] == {"start": -20.0, "end": 20.0}
    state = page_state(values(data="outlier"))
    largest = np.abs(state[f"{NAME}-residuals"]["data"]["residual"]).max()
    assert state[f"{NAME}-residual-y"]["end"] >= 1.2 * largest
    assert state[f"{NAME}-residual-y"]["end"] % 10 == 0


def test_the_twin_and_alt_text_follow_the_data():
    assert "no line" in fig_click_to_fit("one-x").alt
    flat = fig_click_to_fit("flat", squares=True)
    assert "R² is undefined" in flat.alt
    assert "R² is 0.796" in fig_click_to_fit().alt


@pytest.mark.parametrize("kwargs, message", [
    ({"data": "students"}, r"^data must be one of 'study', 'curve', .*got 'students'"),
    ({"squares": "yes"}, r"^squares must be True or False, got 'yes'"),
])
def test_bad_arguments_name_the_argument(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_click_to_fit(**kwargs)
