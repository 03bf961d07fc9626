"""mlmath.data.load_gray_image: scikit-learn's sample photographs as small grey matrices."""

import numpy as np
import pytest
from sklearn.datasets import load_sample_image

from mlmath.data import load_gray_image


@pytest.mark.parametrize("name, height, width", [("china.jpg", 48, 72), ("flower.jpg", 64, 96),
                                                 ("china.jpg", 427, 640)])
def test_shape_range_and_whole_grey_levels(name, height, width):
    image = load_gray_image(name, height)
    assert image.shape == (height, width)
    assert image.min() >= 0 and image.max() <= 255
    assert np.array_equal(image, np.round(image))


@pytest.mark.parametrize("name", ["china.jpg", "flower.jpg"])
def test_brightness_is_the_luma_of_the_photograph(name):
    rgb = load_sample_image(name).astype(float)
    luma = rgb @ np.array([0.299, 0.587, 0.114])
    # Full size: the BT.601 luma itself, to rounding.
    assert np.max(np.abs(load_gray_image(name, 427) - luma)) <= 1.0
    # Shrunk by averaging blocks, the mean brightness is kept.
    assert abs(load_gray_image(name, 48).mean() - luma.mean()) < 1.0


def test_top_row_is_the_top_of_the_picture():
    # The China photograph has sky at the top and dark foliage at the bottom.
    image = load_gray_image("china.jpg", 48)
    assert image[:5].mean() > image[-5:].mean() + 50


@pytest.mark.parametrize("kwargs, message", [
    ({"name": "lena.png"}, "name must be one of"),
    ({"height": 7}, "height must be >= 8"),
    ({"height": 500}, "height must be <= 427"),
    ({"height": 48.0}, "height must be an integer"),
])
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        load_gray_image(**kwargs)
