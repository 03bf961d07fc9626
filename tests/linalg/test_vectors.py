"""mlmath.linalg against numpy.linalg and closed forms."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg

rng = np.random.default_rng(20261125)
VECTORS = [rng.normal(size=n) * scale for n in (1, 2, 5, 50) for scale in (1e-3, 1, 1e4)]


def test_vector_add_and_scale_by_hand():
    # Worked by hand, as the Vectors chapter does them.
    assert linalg.vector_add([3, 1], [1, 2]).tolist() == [4.0, 3.0]
    assert linalg.vector_add([1.5, -2, 0], [-1.5, 2, 7]).tolist() == [0.0, 0.0, 7.0]
    assert linalg.scalar_multiply(-2.5, [2, -4, 0.5]).tolist() == [-5.0, 10.0, -1.25]
    assert linalg.scalar_multiply(0, [3, -1]).tolist() == [0.0, 0.0]


@pytest.mark.parametrize("a", VECTORS)
def test_vector_add_and_scale_obey_the_vector_space_axioms(a):
    # Commutative, with 0 as identity and -a as inverse, and scaling
    # distributes over the sum: properties, not numpy's own answer again.
    b = rng.normal(size=a.size)
    zero = np.zeros(a.size)
    assert_allclose(linalg.vector_add(a, b), linalg.vector_add(b, a))
    assert_allclose(linalg.vector_add(a, zero), a)
    assert_allclose(linalg.vector_add(a, linalg.scalar_multiply(-1, a)), zero, atol=1e-12 * abs(a).max())
    assert_allclose(linalg.scalar_multiply(-2.5, linalg.vector_add(a, b)),
                    linalg.vector_add(linalg.scalar_multiply(-2.5, a),
                                      linalg.scalar_multiply(-2.5, b)),
                    rtol=1e-12, atol=1e-12 * abs(a).max())


@pytest.mark.parametrize("x", VECTORS)
@pytest.mark.parametrize("p", [1, 1.5, 2, 3, np.inf])
def test_norm_matches_numpy(x, p):
    assert_allclose(linalg.norm(x, p), np.linalg.norm(x, ord=p), rtol=1e-12)


def test_norm_closed_forms():
    assert linalg.norm([3, 4]) == 5.0
    assert linalg.norm([3, -4], p=1) == 7.0
    assert linalg.norm([3, -4], p=np.inf) == 4.0
    assert linalg.norm([0.0, 0.0, 0.0]) == 0.0


def test_norm_does_not_overflow_where_the_length_is_a_float():
    # Squaring 1e200 overflows; the length 5e200 itself does not.
    assert_allclose(linalg.norm([3e200, 4e200]), 5e200, rtol=1e-15)
    assert_allclose(linalg.norm([3e-200, 4e-200]), 5e-200, rtol=1e-15)


def test_norm_properties_on_random_vectors():
    for _ in range(100):
        a, b = rng.normal(size=(2, 4))
        c = rng.normal()
        assert linalg.norm(linalg.vector_add(a, b)) <= linalg.norm(a) + linalg.norm(b) + 1e-12
        assert_allclose(linalg.norm(linalg.scalar_multiply(c, a)), abs(c) * linalg.norm(a))


def test_distance_and_unit_vector():
    assert_allclose(linalg.distance([1, 1], [4, 5]), 5.0)
    assert_allclose(linalg.distance([1, 1], [4, 5], p=1), 7.0)
    u = linalg.unit_vector([3.0, -4.0, 12.0])
    assert_allclose(u, np.array([3.0, -4.0, 12.0]) / 13.0)
    assert_allclose(np.linalg.norm(u), 1.0)


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda: linalg.vector_add([1, 2], [1, 2, 3]), "a and b"),
        (lambda: linalg.vector_add([[1, 2]], [1, 2]), "a must be a 1-D"),
        (lambda: linalg.vector_add([1, np.nan], [1, 2]), "a must be finite"),
        (lambda: linalg.vector_add([1, 2], [np.inf, 2]), "b must be finite"),
        (lambda: linalg.vector_add([], []), "a must have at least one"),
        (lambda: linalg.vector_add(["x", 1], [1, 2]), "a must be a sequence of real numbers"),
        (lambda: linalg.scalar_multiply(np.nan, [1, 2]), "c must be finite"),
        (lambda: linalg.scalar_multiply("2", [1, 2]), "c must be a real number"),
        (lambda: linalg.norm([1, 2], p=0.5), "p must be a real number >= 1"),
        (lambda: linalg.norm([1, 2], p=np.nan), "p must be a real number >= 1"),
        (lambda: linalg.norm([1, 2], p=True), "p must be a real number >= 1"),
        (lambda: linalg.distance([1, 2], [1]), "a and b"),
        (lambda: linalg.unit_vector([0.0, 0.0]), "x must be a nonzero vector"),
    ],
)
def test_bad_input_names_the_argument(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()
