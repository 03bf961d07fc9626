"""The palette is readable in both modes, and the page can swap every colour.

WCAG 2 AA: text 4.5:1 against its background; what a reader must see to use a
control (a slider's handle and track borders) 3:1.
"""

import re
import subprocess

import pytest

from mlmath.figures.kit import palette

TEXT = ["INK", "INK_SOFT", "GREY", "BLUE", "VERMILLION", "GREEN", "PURPLE"]
FILLS = ["ROW_FILL", "COLUMN_FILL", "ENTRY_FILL"]
CONTROLS = ["CONTROL_BORDER", "HANDLE_BORDER"]


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour such as ``#0072B2``."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula_gives_the_known_extremes():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", TEXT)
def test_text_colours_have_aa_contrast_on_the_plot_background(name, mode):
    colour = getattr(palette, name)
    pick = (lambda c: str(c)) if mode == "light" else (lambda c: c.dark)
    assert contrast(pick(colour), pick(palette.PAPER)) >= 4.5, f"{name} in {mode} mode"


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("fill", FILLS)
def test_text_in_shaded_cells_keeps_aa_contrast(fill, mode):
    pick = (lambda c: str(c)) if mode == "light" else (lambda c: c.dark)
    assert contrast(pick(palette.INK), pick(getattr(palette, fill))) >= 4.5


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("name", CONTROLS)
def test_control_borders_have_non_text_contrast(name, mode):
    pick = (lambda c: str(c)) if mode == "light" else (lambda c: c.dark)
    for background in (palette.PAPER, palette.TRACK):
        assert contrast(pick(getattr(palette, name)), pick(background)) >= 3.0


def test_dark_mode_is_a_one_to_one_swap():
    table = palette.theme_map()
    # Each light value has one dark value, no dark value is also a light value
    # (or a swap back and forth would not return), and none repeats.
    assert len(set(table.values())) == len(table)
    assert not set(table) & set(table.values())
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in [*table, *table.values()])


def test_css_variables_name_every_colour_in_both_modes():
    for mode in ("light", "dark"):
        declarations = dict(d.split(":") for d in palette.css_variables(mode).split(";"))
        assert set(declarations) == {f"--mlmath-{n}" for n in palette.COLOURS}
        assert declarations["--mlmath-blue"] == (palette.BLUE if mode == "light"
                                                 else palette.BLUE.dark)
    with pytest.raises(ValueError, match="mode must be"):
        palette.css_variables("sepia")


def test_tint_writes_the_same_html_as_kit_js():
    from importlib import resources

    helper = resources.files("mlmath.figures").joinpath("js", "kit.js").read_text("utf-8")
    result = subprocess.run(["node", "-e", helper + "\nconsole.log(tint('A', 'blue'))"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == palette.tint("A", palette.BLUE)
