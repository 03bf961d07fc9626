"""The ridge–lasso and low-rank-image figures draw what mlmath.linalg computes."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from mlmath import linalg
from mlmath.data import load_gray_image
from mlmath.figures import fig_low_rank_image, fig_ridge_lasso
from mlmath.figures.linalg.norms import ridge_lasso_readout, ridge_lasso_state
from mlmath.figures.linalg.svd import (
    decode_low_rank, encode_factors, encoding_error, low_rank_image_readout, to_grey_levels,
)


def model(figure, name):
    found = figure.layout.select_one({"name": name})
    assert found is not None, f"no Bokeh model named {name!r}"
    return found


# -- ridge and lasso ----------------------------------------------------------
@pytest.mark.parametrize("z, lam", [((2.0, 0.6), 0.8), ((-1.5, 2.5), 0.3), ((0.4, -0.2), 1.0)])
def test_ridge_lasso_state_is_the_penalised_optimum(z, lam):
    s = ridge_lasso_state(z, lam)
    assert_allclose(s["ridge"], np.array(z) / (1 + lam))
    assert_allclose(s["lasso"], np.sign(z) * np.maximum(np.abs(z) - lam, 0))
    # Each solution lies on its ball, and the circle of equal loss around z touches it there.
    ridge_ball = np.array([s["ridge_ball"]["xs"][0], s["ridge_ball"]["ys"][0]]).T
    assert_allclose(np.linalg.norm(ridge_ball, axis=1), np.linalg.norm(s["ridge"]))
    if any(s["lasso"]):
        lasso_ball = np.array([s["lasso_ball"]["xs"][0], s["lasso_ball"]["ys"][0]]).T
        assert_allclose(np.abs(lasso_ball).sum(axis=1), np.abs(s["lasso"]).sum())
    for key in ("ridge", "lasso"):
        circle = np.array([s[f"{key}_guides"]["xs"][-1], s[f"{key}_guides"]["ys"][-1]]).T
        assert_allclose(np.linalg.norm(circle - z, axis=1), np.linalg.norm(np.subtract(z, s[key])))
        assert_allclose(s[f"{key}_points"]["x"], [z[0], s[key][0]])


def test_the_solution_is_the_closest_point_of_its_ball():
    # Brute force over the drawn outline: nothing on the ball is closer to z.
    z = np.array([2.0, 0.6])
    s = ridge_lasso_state(z, 0.8)
    for key, p in (("ridge", 2), ("lasso", 1)):
        radius = linalg.norm(s[key], p)
        outline = radius * linalg.unit_ball_boundary(p, 4000)
        assert np.min(np.linalg.norm(outline - z, axis=1)) >= linalg.distance(z, s[key]) - 1e-9


def test_lasso_path_turns_where_the_smaller_weight_reaches_zero():
    s = ridge_lasso_state((2.0, -0.5), 0.1)
    path = np.array([s["lasso_guides"]["xs"][0], s["lasso_guides"]["ys"][0]]).T
    assert_allclose(path, [[2.0, -0.5], [1.5, 0.0], [0.0, 0.0]])


def test_ridge_lasso_readout_counts_the_zeros():
    assert "w₂ is exactly 0" in ridge_lasso_readout((2.0, 0.6), 0.8)
    assert "no weight is 0 yet" in ridge_lasso_readout((2.0, 1.0), 0.5)
    assert "both weights are exactly 0" in ridge_lasso_readout((0.5, -0.3), 1.0)
    assert "1 / (1 + λ) = 0.500" in ridge_lasso_readout((1.0, 1.0), 1.0)
    assert "anything to shrink" in ridge_lasso_readout((0.0, 0.0), 1.0)


def test_ridge_lasso_figure_and_the_zero_setting():
    figure = fig_ridge_lasso(z=(0.0, 0.0), penalty=0.0)
    assert model(figure, "ridge-lasso-ridge-ball").data["xs"] == []  # a ball of radius 0
    assert "anything to shrink" in model(figure, "ridge-lasso-readout").text
    figure = fig_ridge_lasso()
    assert model(figure, "ridge-lasso-readout").text == ridge_lasso_readout((2.0, 0.6), 0.8)
    assert model(figure, "ridge-lasso-penalty").value == 0.8
    assert "w₂ is exactly 0" in figure.alt


@pytest.mark.parametrize("kwargs, message", [
    ({"z": (3.5, 0)}, r"z must have components in \[-3.0, 3.0\]"),
    ({"z": (1, 2, 3)}, "z must have 2 components"),
    ({"penalty": -0.1}, "penalty must be >= 0.0"),
    ({"penalty": 4}, "penalty must be <= 3.0"),
    ({"z": (np.nan, 1)}, "z must be finite"),
    ({"z": (1.05, 1)}, "z must have components that are multiples of 0.1"),
    ({"penalty": 0.33}, "penalty must be a multiple of 0.05"),
])
def test_ridge_lasso_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_ridge_lasso(**kwargs)


# -- low-rank image -----------------------------------------------------------
@pytest.fixture(scope="module")
def picture():
    return load_gray_image("china.jpg", 48)


def test_the_16_bit_encoding_costs_well_under_half_a_grey_level(picture):
    # Why the browser test may compare the page's pixels with the exact
    # approximation to within one grey level: the encoded factors rebuild every
    # rank-r approximation to within this much, far below the 0.5 that could
    # change a rounded pixel by more than one level.
    worst = max(encoding_error(picture, r) for r in range(1, 49))
    assert worst < 0.05


def test_decoded_pixels_are_the_rounded_low_rank_approximation(picture):
    U, s, Vt = linalg.svd(picture)
    encoded = encode_factors(U, Vt)
    assert encoded["u_codes"].dtype == np.int16 and np.abs(encoded["u_codes"]).max() == 32767
    for rank in (1, 5, 48):
        exact = to_grey_levels(linalg.low_rank_approximation(picture, rank))
        shipped = to_grey_levels(decode_low_rank(encoded, s, rank))
        assert np.max(np.abs(exact.astype(int) - shipped)) <= 1
    assert_array_equal(to_grey_levels(decode_low_rank(encoded, s, 48)), picture)


def test_to_grey_levels_clips_and_rounds_half_up():
    assert_array_equal(to_grey_levels(np.array([-3.0, 0.5, 1.49, 254.5, 300.0])),
                       [0, 1, 1, 255, 255])


def test_low_rank_figure_holds_the_image_and_its_approximation(picture):
    figure = fig_low_rank_image(rank=3)
    original = model(figure, "low-rank-image-original").data["image"][0]
    assert_array_equal(np.flipud(original), picture)  # row 0 of the picture at the top
    rebuilt = model(figure, "low-rank-image-reconstruction").data["image"][0]
    exact = to_grey_levels(linalg.low_rank_approximation(picture, 3))
    assert np.max(np.abs(np.flipud(rebuilt).astype(int) - exact)) <= 1
    s = np.linalg.svd(picture, compute_uv=False)
    assert list(model(figure, "low-rank-image-kept").data["k"]) == [1, 2, 3]
    assert len(model(figure, "low-rank-image-dropped").data["k"]) == 45
    assert model(figure, "low-rank-image-rank").end == 48
    assert model(figure, "low-rank-image-readout").text == low_rank_image_readout(s, (48, 72), 3)


def test_low_rank_readout_numbers():
    s = np.array([4.0, 2.0, 1.0, 0.0])
    text = low_rank_image_readout(s, (4, 6), 2)
    assert "energy kept 95.24 %" in text  # (16 + 4) / 21
    assert f"= {100 * np.sqrt(1 / 21):.2f} %" in text
    assert "stores r(m + n + 1) = 22 numbers instead of m·n = 24 (91.7 %)" in text


def test_low_rank_alt_text_and_twin():
    figure = fig_low_rank_image(rank=5)
    assert "rank 5 keeps" in figure.alt and "pagoda" in figure.alt
    titles = [ax.get_title() for ax in figure.static.axes]
    assert titles[:4] == ["A, the image", *[t for t in titles[1:4] if t.startswith("rank")]]
    assert any(t.startswith("rank 20:") for t in titles)


@pytest.mark.parametrize("kwargs, message", [
    ({"rank": 0}, "rank must be >= 1"),
    ({"rank": 49}, "rank must be <= 48"),
    ({"rank": 2.5}, "rank must be an integer"),
    ({"image": "cat.jpg"}, "name must be one of"),
    ({"height": 4}, "height must be >= 8"),
])
def test_low_rank_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        fig_low_rank_image(**kwargs)
