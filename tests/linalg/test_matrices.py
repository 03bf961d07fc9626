"""mlmath.linalg's matrices against NumPy's ``@``, ``.T``, ``eye`` and ``numpy.linalg``."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from mlmath import linalg

rng = np.random.default_rng(20261126)
SHAPES = [(1, 1), (1, 4), (4, 1), (2, 3), (3, 3), (7, 5)]


def random_matrix(rows, columns, scale=1.0):
    return rng.normal(size=(rows, columns)) * scale


@pytest.mark.parametrize("shape", SHAPES)
def test_transpose_matches_numpy(shape):
    a = random_matrix(*shape)
    result = linalg.transpose(a)
    assert result.shape == shape[::-1]
    assert_array_equal(result, a.T)
    assert_array_equal(linalg.transpose(result), a)


@pytest.mark.parametrize("n", [1, 2, 5])
def test_identity_matches_numpy_and_changes_nothing(n):
    assert_array_equal(linalg.identity(n), np.eye(n))
    a = random_matrix(n, 3)
    assert_array_equal(linalg.matrix_multiply(linalg.identity(n), a), a)
    assert_array_equal(linalg.matrix_multiply(a.T, linalg.identity(n)), a.T)


@pytest.mark.parametrize("m, n, p", [(1, 1, 1), (2, 3, 4), (3, 3, 3), (5, 1, 2), (1, 6, 1),
                                     (40, 30, 20)])
@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e4])
def test_matrix_multiply_matches_numpy(m, n, p, scale):
    a, b = random_matrix(m, n, scale), random_matrix(n, p, scale)
    result = linalg.matrix_multiply(a, b)
    assert result.shape == (m, p)
    assert_allclose(result, a @ b, rtol=1e-12, atol=1e-12 * scale**2 * n)


def test_matrix_multiply_is_the_sum_of_products_entry_by_entry():
    a, b = random_matrix(3, 4), random_matrix(4, 2)
    product = linalg.matrix_multiply(a, b)
    for i in range(3):
        for j in range(2):
            terms = linalg.product_terms(a, b, i, j)
            assert_allclose(terms, [a[i, k] * b[k, j] for k in range(4)], rtol=0)
            assert product[i, j] == sum(terms.tolist(), 0.0)  # same order, same bits
            assert_allclose(product[i, j], np.dot(a[i], b[:, j]), rtol=1e-12)


def test_matrix_multiply_accepts_lists_and_integers():
    assert_array_equal(linalg.matrix_multiply([[1, 2], [3, 4]], [[5], [6]]), [[17.0], [39.0]])


def test_product_laws_on_random_matrices():
    for _ in range(20):
        a, b, c = random_matrix(2, 3), random_matrix(3, 4), random_matrix(4, 2)
        mul = linalg.matrix_multiply
        assert_allclose(mul(mul(a, b), c), mul(a, mul(b, c)), rtol=1e-10, atol=1e-12)
        assert_allclose(linalg.transpose(mul(a, b)),
                        mul(linalg.transpose(b), linalg.transpose(a)), rtol=1e-12)


def test_chains_and_powers_match_numpy_linalg():
    chain = [random_matrix(3, 5), random_matrix(5, 2), random_matrix(2, 4), random_matrix(4, 1)]
    product = chain[0]
    for factor in chain[1:]:
        product = linalg.matrix_multiply(product, factor)
    assert_allclose(product, np.linalg.multi_dot(chain), rtol=1e-10, atol=1e-12)
    square = random_matrix(4, 4)
    power = linalg.identity(4)
    for _ in range(5):
        power = linalg.matrix_multiply(power, square)
    assert_allclose(power, np.linalg.matrix_power(square, 5), rtol=1e-10, atol=1e-12)


def test_order_matters():
    rotate = np.array([[0.0, -1.0], [1.0, 0.0]])
    shear = np.array([[1.0, 2.0], [0.0, 1.0]])
    assert not np.allclose(linalg.matrix_multiply(shear, rotate),
                           linalg.matrix_multiply(rotate, shear))


@pytest.mark.parametrize("shape", SHAPES)
def test_matrix_vector_multiply_matches_numpy(shape):
    a = random_matrix(*shape)
    x = rng.normal(size=shape[1])
    result = linalg.matrix_vector_multiply(a, x)
    assert result.shape == (shape[0],)
    assert_allclose(result, a @ x, rtol=1e-12, atol=1e-14)


def test_transform_points_maps_each_row():
    a = random_matrix(3, 2)
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    mapped = linalg.transform_points(a, square)
    assert mapped.shape == (4, 3)
    for point, image in zip(square, mapped):
        assert_allclose(image, a @ point, rtol=1e-12, atol=1e-15)
    # the images of (1, 0) and (0, 1) are the columns of a
    assert_allclose(mapped[1], a[:, 0])
    assert_allclose(mapped[3], a[:, 1])


def test_composition_is_the_product():
    a, b = random_matrix(2, 2), random_matrix(2, 2)
    points = random_matrix(10, 2)
    then = linalg.transform_points(a, linalg.transform_points(b, points))
    assert_allclose(then, linalg.transform_points(linalg.matrix_multiply(a, b), points),
                    rtol=1e-10, atol=1e-12)


def test_dense_layer_matches_numpy_broadcasting():
    x, w, b = random_matrix(6, 3), random_matrix(3, 4), rng.normal(size=4)
    out = linalg.dense_layer(x, w, b)
    assert out.shape == (6, 4)
    assert_allclose(out, x @ w + b, rtol=1e-12, atol=1e-14)


def test_two_layers_without_activation_are_one_layer():
    x = random_matrix(5, 3)
    w1, b1, w2, b2 = random_matrix(3, 4), rng.normal(size=4), random_matrix(4, 2), \
        rng.normal(size=2)
    two = linalg.dense_layer(linalg.dense_layer(x, w1, b1), w2, b2)
    one = linalg.dense_layer(x, w1 @ w2, b1 @ w2 + b2)
    assert_allclose(two, one, rtol=1e-10, atol=1e-12)


def test_as_matrix_returns_float_2d():
    matrix = linalg.as_matrix([[1, 2, 3], [4, 5, 6]], "a")
    assert matrix.dtype == float and matrix.shape == (2, 3)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: linalg.matrix_multiply(np.ones((2, 3)), np.ones((2, 2))),
         r"a has shape \(2, 3\) and b has shape \(2, 2\): the product a b needs as many "
         r"columns in a as rows in b \(3 != 2\)"),
        (lambda: linalg.product_terms(np.ones((2, 3)), np.ones((4, 2)), 0, 0),
         r"a has shape \(2, 3\) and b has shape \(4, 2\)"),
        (lambda: linalg.matrix_multiply([1, 2], [[1], [2]]),
         r"a must be a 2-D array \(a matrix of rows and columns\), got an array of shape \(2,\); "
         r"write a single row as \[\[...\]\]"),
        (lambda: linalg.matrix_multiply(np.ones((2, 2, 2)), np.ones((2, 2))),
         r"a must be a 2-D array .* shape \(2, 2, 2\)$"),
        (lambda: linalg.matrix_multiply([[1, 2]], [[1], [np.nan]]), "b must be finite"),
        (lambda: linalg.matrix_multiply([[1, np.inf]], [[1], [2]]), "a must be finite"),
        (lambda: linalg.matrix_multiply([[1, 2], [3]], [[1], [2]]),
         "a must be a 2-D array of real numbers"),
        (lambda: linalg.matrix_multiply(np.ones((0, 2)), np.ones((2, 2))),
         r"a must have at least one row and one column, got shape \(0, 2\)"),
        (lambda: linalg.transpose([[1, "x"]]), "a must be a 2-D array of real numbers"),
        (lambda: linalg.identity(0), "n must be >= 1"),
        (lambda: linalg.identity(2.0), "n must be an integer"),
        (lambda: linalg.product_terms(np.ones((2, 2)), np.ones((2, 3)), 2, 0),
         "i must be <= 1"),
        (lambda: linalg.product_terms(np.ones((2, 2)), np.ones((2, 3)), 0, -1),
         "j must be >= 0"),
        (lambda: linalg.matrix_vector_multiply(np.ones((2, 3)), [1, 2]),
         r"a has shape \(2, 3\) and x has 2 components: .* \(3 != 2\)"),
        (lambda: linalg.matrix_vector_multiply(np.ones((2, 2)), [1, np.nan]),
         "x must be finite"),
        (lambda: linalg.transform_points(np.ones((2, 3)), np.ones((4, 2))),
         r"points has shape \(4, 2\) and a has shape \(2, 3\): each point needs one "
         r"coordinate per column of a \(2 != 3\)"),
        (lambda: linalg.dense_layer(np.ones((5, 3)), np.ones((2, 4)), np.ones(4)),
         r"x has shape \(5, 3\) and weights has shape \(2, 4\): the product x weights"),
        (lambda: linalg.dense_layer(np.ones((5, 3)), np.ones((3, 4)), np.ones(3)),
         r"bias must have one entry per column of weights \(4\), got 3"),
        (lambda: linalg.dense_layer(np.ones(3), np.ones((3, 4)), np.ones(4)),
         "x must be a 2-D array"),
    ],
)
def test_bad_input_names_the_argument_and_the_rule(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_mismatch_message_names_both_shapes():
    # The shapes in the message are the real ones, whatever they are.
    for _ in range(10):
        m, n, k, p = rng.integers(1, 9, size=4)
        if n == k:
            continue
        with pytest.raises(ValueError) as error:
            linalg.matrix_multiply(np.zeros((m, n)), np.zeros((k, p)))
        assert f"({m}, {n})" in str(error.value) and f"({k}, {p})" in str(error.value)
