"""mlmath.figures.kit.widgets: a slider spec that cannot describe a broken slider."""

import math

import numpy as np
import pytest

from mlmath.figures.kit import SliderSpec, readout


def test_a_spec_lists_its_values_and_makes_its_slider():
    spec = SliderSpec("A, x₁ component", -4, 4, 0.5)
    assert spec.count == 17
    np.testing.assert_allclose(spec.values(), np.linspace(-4, 4, 17))
    slider = spec.slider(1.5, name="f-a-x")
    assert (slider.start, slider.end, slider.step, slider.value) == (-4, 4, 0.5, 1.5)
    assert slider.title == "A, x₁ component" and slider.sizing_mode == "stretch_width"


@pytest.mark.parametrize("args, message", [
    (("", 0, 1, 0.1), "title must be a non-empty string"),
    (("t", 1, 0, 0.1), "start must be less than end"),
    (("t", 0, 1, 0), "step must be positive"),
    (("t", 0, 1, 0.3), r"step must divide end - start = 1 into whole steps"),
    (("t", 0, math.nan, 0.1), "end must be a finite number"),
    (("t", "0", 1, 0.1), "start must be a real number"),
])
def test_a_broken_spec_is_refused(args, message):
    with pytest.raises(ValueError, match=message):
        SliderSpec(*args)


def test_steps_that_do_divide_are_accepted_despite_rounding():
    assert SliderSpec("t", 0, 0.3, 0.1).count == 4  # 0.3 / 0.1 is 2.9999999999999996
    assert SliderSpec("t", 0, 355, 5).count == 72


@pytest.mark.parametrize("value, message", [
    (4.5, r"angle must be in \[0, 10\] in steps of 0.5 \(the slider 'turn'\), got 4.5|"
          r"between two steps"),
    (10.5, r"angle must be in \[0, 10\]"),
    (-0.5, r"angle must be in \[0, 10\]"),
    (math.nan, r"angle must be in \[0, 10\] .* got nan"),
    (math.inf, "angle must be in"),
    ("3", "angle must be a number"),
    (True, "angle must be a number"),
    (0.25, "between two steps"),
])
def test_values_off_the_slider_are_refused_naming_the_argument(value, message):
    spec = SliderSpec("turn", 0, 10, 0.5)
    if value == 4.5:  # on the grid: accepted
        assert spec.check(value, "angle") == 4.5
        return
    with pytest.raises(ValueError, match=message):
        spec.check(value, "angle")


def test_values_on_the_grid_pass_whatever_their_type():
    spec = SliderSpec("t", -1, 1, 0.1)
    assert spec.check(np.float64(0.3), "x") == pytest.approx(0.3)
    assert spec.check(np.int64(1), "x") == 1.0
    assert spec.check(-1, "x") == -1.0


def test_the_readout_is_named_after_its_figure_and_sized_for_reading():
    div = readout("pca-explorer", "<b>PC1</b>")
    assert div.name == "pca-explorer-readout" and div.text == "<b>PC1</b>"
    assert div.styles["font-size"] == "15px"


def test_a_tap_moves_only_named_sliders():
    from bokeh.models import Slider
    from bokeh.plotting import figure

    from mlmath.figures.kit import TAP_TAG, tap_moves

    plot = figure(name="f-plot")
    x = SliderSpec("x", -1, 1, 0.5).slider(0, name="f-x")
    with pytest.raises(ValueError, match="y must be a named Slider"):
        tap_moves(plot, x, Slider(start=0, end=1, step=0.5, value=0))
    with pytest.raises(ValueError, match="x must be a named Slider"):
        tap_moves(plot, "f-x", x)
    tap_moves(plot, x, SliderSpec("y", -1, 1, 0.5).slider(0, name="f-y"))
    assert plot.tags == [f"{TAP_TAG}:f-x:f-y"]
    # (What a tap does is tested by a finger in tests/browser/test_figure_screens.py.)
