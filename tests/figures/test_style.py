"""The shared palette is readable: every colour a figure writes text in meets
WCAG 2 AA contrast (4.5:1) on the white plot background."""

import re

import pytest

from mlmath.figures import _style

PALETTE = {name: value for name, value in vars(_style).items()
           if isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value)}


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


@pytest.mark.parametrize("name", sorted(PALETTE))
def test_palette_colour_has_text_contrast_on_white(name):
    assert len(PALETTE) >= 5
    assert contrast(PALETTE[name], "#FFFFFF") >= 4.5, f"{name} = {PALETTE[name]}"
