"""mlmath.figures.kit.layout: room reserved for each part, on phones and desktops."""

import pytest
from bokeh.layouts import column
from bokeh.models import Div, Select, Slider, Toggle

from mlmath.figures import kit
from mlmath.figures.kit.layout import (NARROW_PX, PHONE_COLUMN_PX, STYLESHEET, as_parts,
                                       reserved_height, text_lines)


def test_a_long_readout_reserves_the_lines_it_wraps_into():
    words = "the readout of a figure, long enough to wrap " * 4  # 180 characters
    div = kit.readout("t", words)
    line = round(1.4 * 15)
    # About 7.5 px a character: 312 px hold 41, 560 px hold 74.
    assert reserved_height(div, 312) == 5 * line + 10
    assert reserved_height(div, 560) == 3 * line + 10
    assert reserved_height(kit.readout("t", "one<br>two"), 560) == 2 * line + 10


def test_text_lines_counts_breaks_and_wrapping():
    assert text_lines("a<br>b<br/>c", 500, 15) == 3
    assert text_lines("<p>a</p><p>b</p>", 500, 15) == 2
    assert text_lines("x" * 100, 150, 15) == 5  # 20 characters a line
    assert text_lines("", 100, 15) == 1


def test_controls_reserve_the_heights_bokeh_draws():
    slider = Slider(start=0, end=1, step=0.5, value=0, title="s")
    assert reserved_height(slider) == 52
    assert reserved_height(Select(title="menu", options=["a"])) == 62
    assert reserved_height(Select(options=["a"])) == 43
    assert reserved_height(Toggle(label="t")) == 41
    # A column of controls: the sum, with its spacing.
    assert reserved_height(column(slider, Toggle(label="t"), spacing=4)) == 52 + 41 + 4


def test_readout_room_can_be_given_in_lines():
    readout = kit.Readout(kit.readout("t", "short"), lines=(4, 2))
    html = readout.html({readout.div.id: "<div></div>"}, 440)
    assert f"--mlmath-narrow:{round(4 * 21) + 10}px" in html
    assert f"--mlmath-wide:{round(2 * 21) + 10}px" in html


@pytest.mark.parametrize("make, message", [
    (lambda: kit.Controls(), "controls must be one or more"),
    (lambda: kit.Controls(Slider(start=0, end=1, value=0, step=1), columns=5), "columns must be"),
    (lambda: kit.Readout("text"), "div must be a Bokeh Div"),
    (lambda: kit.Readout(Div(), lines=(0, 2)), "lines must be two positive integers"),
    (lambda: kit.Panels(), "plots must hold at least one plot"),
    (lambda: kit.Panels(Div()), "plots must be Bokeh plots"),
])
def test_bad_parts_are_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_bare_readouts_and_plots_become_parts():
    plot = kit.canvas("t-plot", title="t", width=300, height=200)
    parts = as_parts([kit.readout("t", "x"), plot])
    assert [type(p).__name__ for p in parts] == ["Readout", "Panels"]
    assert parts[1].width == 300


def test_panels_share_the_width_in_proportion_and_keep_their_shape():
    left = kit.canvas("t-left", title="l", width=300, height=200)
    right = kit.canvas("t-right", title="r", width=200, height=200)
    panels = kit.Panels(left, right)
    html = panels.html({left.id: "L", right.id: "R"}, panels.width)
    assert panels.width == 300 + 12 + 200
    assert "--mlmath-grow:300;--mlmath-max:300px;--mlmath-ratio:1.5" in html
    assert "--mlmath-grow:200;--mlmath-max:200px;--mlmath-ratio:1" in html


def test_the_stylesheet_stacks_a_narrow_figure():
    assert f"@container mlmath-figure (max-width:{NARROW_PX - 0.02}px)" in STYLESHEET
    assert PHONE_COLUMN_PX < NARROW_PX
    narrow = STYLESHEET.split("@container", 1)[1]
    assert "grid-template-columns:minmax(0,1fr)" in narrow  # one column of controls
    assert "flex-direction:column" in narrow  # panels one above the other
