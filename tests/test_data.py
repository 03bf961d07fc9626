"""mlmath.data: the generated data sets are seeded, well-formed and as documented."""

import numpy as np
import pytest

from mlmath.data import HOUSE_FEATURES, make_houses


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
