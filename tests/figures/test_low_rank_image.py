"""The low-rank image: what only it does (the rest: test_every_figure.py)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from mlmath.data import load_gray_image
from mlmath.figures.linalg.low_rank_image import (decode_low_rank, encode_factors,
                                                  encoding_error, fig_low_rank_image,
                                                  page_state, readout_text, to_grey_levels)
from tests.figures.bokehjs import BokehJS, assert_matches

NAME = "low-rank-image"


@pytest.fixture(scope="module")
def picture():
    return load_gray_image("china.jpg", 48)


@pytest.fixture(scope="module")
def figure():
    return fig_low_rank_image()


def best(picture, rank):
    """The best rank-``rank`` approximation, from NumPy's SVD."""
    U, s, Vt = np.linalg.svd(picture, full_matrices=False)
    return (U[:, :rank] * s[:rank]) @ Vt[:rank]


def shown_picture(state):
    """The rebuilt picture of a page state, top row first (as an m × n array)."""
    flat = state[f"{NAME}-reconstruction"]["data"]["image"][0]
    return np.flipud(np.reshape(flat, (48, 72)))


def test_the_16_bit_encoding_costs_well_under_half_a_grey_level(picture):
    # Why the page's pixels are within one grey level of the exact approximation:
    # the encoded factors rebuild every rank-r approximation to within this much,
    # far below the 0.5 that could move a rounded pixel by more than one level.
    assert max(encoding_error(picture, r) for r in range(1, 49)) < 0.05


def test_decoded_pixels_are_the_rounded_best_approximation(picture):
    U, s, Vt = np.linalg.svd(picture, full_matrices=False)
    encoded = encode_factors(U, Vt)
    assert encoded["u_codes"].dtype == np.int16 and np.abs(encoded["u_codes"]).max() == 32767
    for rank in (1, 5, 20):
        exact = np.clip(np.round(best(picture, rank)), 0, 255)
        shipped = to_grey_levels(decode_low_rank(encoded, s, rank))
        assert np.max(np.abs(exact - shipped)) <= 1
    assert_array_equal(to_grey_levels(decode_low_rank(encoded, s, 48)), picture)


def test_to_grey_levels_clips_and_rounds_half_up():
    assert_array_equal(to_grey_levels(np.array([-3.0, 0.5, 1.49, 2.5, 254.5, 300.0])),
                       [0, 1, 1, 3, 255, 255])


def test_the_figure_holds_the_image_and_its_approximation(picture):
    figure = fig_low_rank_image(rank=3)
    original = figure.model(f"{NAME}-original").data["image"][0]
    assert_array_equal(np.flipud(original), picture)  # row 0 of the picture at the top
    state = {f"{NAME}-reconstruction": {"data": dict(figure.model(f"{NAME}-reconstruction").data)}}
    assert np.max(np.abs(shown_picture(state) - np.clip(np.round(best(picture, 3)), 0, 255))) <= 1
    s = np.linalg.svd(picture, compute_uv=False)
    assert figure.model(f"{NAME}-kept").data["k"] == [1, 2, 3]
    assert len(figure.model(f"{NAME}-dropped").data["k"]) == 45
    np.testing.assert_allclose(figure.model(f"{NAME}-kept").data["sigma"], s[:3], rtol=1e-9)
    assert figure.model(f"{NAME}-rank").end == 48


@pytest.mark.parametrize("rank", [1, 48])
def test_the_smallest_and_largest_ranks_in_python_and_in_bokehjs(figure, picture, rank):
    with BokehJS() as runner:
        shown, expected = runner.state_after(figure, [[f"{NAME}-rank", "value", rank]],
                                             page_state)
    assert_matches(shown, expected)
    if rank == 48:  # every layer: the picture itself, with no error and nothing dropped
        assert_array_equal(shown_picture(expected), picture)
        assert expected[f"{NAME}-dropped"]["data"] == {"k": [], "sigma": []}
        assert "relative error ‖A − A<sub>r</sub>‖ / ‖A‖ = 0.00 %" in \
            expected[f"{NAME}-readout"]["text"]
    else:
        assert np.ptp(shown_picture(expected)) > 0  # a picture, not a blank


def test_readout_numbers():
    s = np.array([4.0, 2.0, 1.0, 0.0])
    text = readout_text(s, (4, 6), 2)
    assert "<b>rank r = 2</b> of 4" in text
    assert "energy kept 95.24 %" in text  # (16 + 4) / 21
    assert f"= {100 * np.sqrt(1 / 21):.2f} %" in text
    assert "stores r(m + n + 1) = 22 numbers instead of m·n = 24 (91.7 %)" in text


def test_alt_text_and_twin(figure):
    assert "rank 5 keeps" in figure.alt and "pagoda" in figure.alt
    assert "48 by 72 pixels" in figure.alt
    titles = [ax.get_title() for ax in figure.static.axes]
    assert titles[0] == "A, the image"
    assert [t.split(":")[0] for t in titles[1:4]] == ["rank 1", "rank 5", "rank 20"]


@pytest.mark.parametrize("kwargs, message", [
    ({"rank": 0}, r"rank must be in \[1, 48\] in steps of 1"),
    ({"rank": 49}, r"rank must be in \[1, 48\]"),
    ({"rank": 2.5}, "rank must be .* between two steps"),
    ({"rank": "5"}, "rank must be a number"),
    ({"image": "cat.jpg"}, "name must be one of"),
    ({"height": 4}, "height must be >= 8"),
])
def test_bad_arguments_are_refused_with_the_argument_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_low_rank_image(**kwargs)
