"""mlmath.data: the generated data sets are seeded, well-formed and as documented."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath.data import HOUSE_FEATURES, make_cloud, make_houses, shape_cloud


def test_houses_shape_and_ranges():
    houses = make_houses(n=500, seed=3)
    assert houses.features.shape == (500, 3)
    assert houses.price.shape == (500,)
    assert houses.feature_names == HOUSE_FEATURES
    area, bedrooms, age = houses.features.T
    assert area.min() >= 700 and area.max() <= 3500
    assert bedrooms.min() >= 1 and np.all(bedrooms == np.round(bedrooms))
    assert age.min() >= 0 and age.max() <= 80


def test_same_seed_same_houses_other_seed_other_houses():
    first, again, other = make_houses(20, seed=1), make_houses(20, seed=1), make_houses(20, seed=2)
    np.testing.assert_array_equal(first.features, again.features)
    np.testing.assert_array_equal(first.price, again.price)
    assert not np.array_equal(first.features, other.features)


def test_price_follows_the_documented_linear_model():
    # Least squares (numpy.linalg.lstsq) on many houses recovers the coefficients
    # of the docstring: 40 + 0.12 sqft + 8 bedrooms - 0.9 age.
    houses = make_houses(n=50_000, seed=0)
    design = np.column_stack([np.ones(50_000), houses.features])
    coefficients, *_ = np.linalg.lstsq(design, houses.price, rcond=None)
    np.testing.assert_allclose(coefficients, [40, 0.12, 8, -0.9], rtol=0.05, atol=0.6)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"n": 0}, "n must be >= 1"),
        ({"n": 2.5}, "n must be an integer"),
        ({"n": 10**6}, "n must be <= 100000"),
        ({"seed": -1}, "seed must be >= 0"),
        ({"seed": "a"}, "seed must be an integer"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_houses(**kwargs)


def test_shape_cloud_has_the_requested_spread_correlation_and_angle():
    base = np.random.default_rng(3).standard_normal((200_000, 2))
    unrotated = shape_cloud(base, (2.0, 0.5), -0.6, 0.0)
    assert_allclose(unrotated.std(axis=0), [2.0, 0.5], rtol=0.01)
    assert_allclose(np.corrcoef(unrotated, rowvar=False)[0, 1], -0.6, atol=0.01)
    rotated = shape_cloud(base, (2.0, 0.5), -0.6, 40.0)
    theta = np.radians(40)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    assert_allclose(rotated, unrotated @ rotation.T, atol=1e-12)
    assert_allclose(make_cloud(50, seed=4), make_cloud(50, seed=4))  # seeded


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"base": np.ones((4, 3))}, "base must have 2 columns"),
        ({"base": np.ones((4, 2)), "spread": (0.0, 1.0)}, "spread must be two numbers > 0"),
        ({"base": np.ones((4, 2)), "correlation": -1.2}, "correlation must be >= -1.0"),
    ],
)
def test_shape_cloud_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        shape_cloud(**kwargs)
