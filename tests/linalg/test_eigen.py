"""mlmath.linalg.eigen against numpy.linalg.eig / eigh and hand-worked cases."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg

rng = np.random.default_rng(20261126)


def assert_same_line(u, v):
    """Unit vectors u and v span the same line (equal up to sign)."""
    assert_allclose(abs(np.dot(u, v)), 1.0, rtol=1e-10)


# -- 2x2 from the characteristic polynomial ------------------------------------------
RANDOM_2X2 = [rng.normal(size=(2, 2)) * scale for scale in (1e-6, 1, 1e6) for _ in range(30)]


@pytest.mark.parametrize("matrix", RANDOM_2X2)
def test_eigen_2x2_matches_numpy(matrix):
    result = linalg.eigen_2x2(matrix)
    expected = np.linalg.eigvals(matrix)
    assert_allclose(result.trace, np.trace(matrix), rtol=1e-12, atol=1e-15 * abs(matrix).max())
    assert_allclose(result.determinant, np.linalg.det(matrix), rtol=1e-9,
                    atol=1e-14 * abs(matrix).max() ** 2)
    order = lambda values: sorted(values, key=lambda z: (z.real, z.imag))
    assert_allclose(order(np.array(result.eigenvalues, dtype=complex)), order(expected),
                    rtol=1e-10, atol=1e-12 * abs(matrix).max())
    if result.kind == "complex":
        assert np.iscomplexobj(expected) and abs(expected.imag).max() > 0
        assert result.eigenvectors.shape == (2, 0)
        assert result.eigenvalues[0].imag > 0
        assert result.eigenvalues[1] == result.eigenvalues[0].conjugate()
    else:
        assert result.kind == "distinct"
        lam1, lam2 = result.eigenvalues
        assert lam1 > lam2
        _, numpy_vectors = np.linalg.eig(matrix)
        for i, lam in enumerate((lam1, lam2)):
            v = result.eigenvectors[:, i]
            assert_allclose(np.linalg.norm(v), 1.0, rtol=1e-14)
            assert_allclose(matrix @ v, lam * v, atol=1e-12 * abs(matrix).max())
            j = int(np.argmin(abs(expected - lam)))
            assert_same_line(v, np.real(numpy_vectors[:, j]))


@pytest.mark.parametrize(
    "matrix, eigenvalues",
    [
        ([[2, 1], [1, 2]], (3.0, 1.0)),
        ([[4, 1], [2, 3]], (5.0, 2.0)),
        ([[1, 2], [0.5, 1]], (2.0, 0.0)),     # singular: the plane is folded onto a line
        ([[-1, 0], [0, 3]], (3.0, -1.0)),
        ([[0.1, 0.2], [0.3, 0.4]], ((0.5 + np.sqrt(0.33)) / 2, (0.5 - np.sqrt(0.33)) / 2)),
    ],
)
def test_distinct_real_eigenvalues_by_hand(matrix, eigenvalues):
    result = linalg.eigen_2x2(matrix)
    assert result.kind == "distinct" and not result.every_vector
    assert_allclose(result.eigenvalues, eigenvalues, rtol=1e-14, atol=1e-15)
    # tr = λ1 + λ2 and det = λ1 λ2: the polynomial's coefficients from its roots.
    assert_allclose(result.trace, sum(eigenvalues), rtol=1e-14)
    assert_allclose(result.determinant, np.prod(eigenvalues), atol=1e-15)


def test_symmetric_2x2_has_orthogonal_eigenvectors():
    for _ in range(50):
        b = rng.normal(size=(2, 2))
        result = linalg.eigen_2x2(b + b.T)
        assert result.kind == "distinct"
        assert abs(result.eigenvectors[:, 0] @ result.eigenvectors[:, 1]) < 1e-12


def test_shear_has_one_repeated_eigenvalue_and_one_line():
    result = linalg.eigen_2x2([[1, 1], [0, 1]])
    assert result.kind == "repeated" and not result.every_vector
    assert result.eigenvalues == (1.0, 1.0)
    assert result.discriminant == 0.0
    assert result.eigenvectors.shape == (2, 1)
    assert_allclose(result.eigenvectors[:, 0], [1.0, 0.0])


def test_repeated_eigenvalue_with_nonzero_corners():
    # (a - d)^2 + 4bc = 1 - 1 = 0: λ = 1.5 twice, one line, v ∝ (1, 0.5)... checked by A v.
    matrix = np.array([[1.0, 1.0], [-0.25, 2.0]])
    result = linalg.eigen_2x2(matrix)
    assert result.kind == "repeated" and result.eigenvalues == (1.5, 1.5)
    v = result.eigenvectors[:, 0]
    assert_allclose(matrix @ v, 1.5 * v, atol=1e-15)
    assert_same_line(v, np.array([2.0, 1.0]) / np.sqrt(5))


@pytest.mark.parametrize("lam", [2.0, -0.5, 0.0, 1e-200, 3e250])
def test_multiple_of_identity_makes_every_vector_an_eigenvector(lam):
    result = linalg.eigen_2x2(lam * np.eye(2))
    assert result.kind == "repeated" and result.every_vector
    assert result.eigenvalues == (lam, lam)
    assert_allclose(result.eigenvectors, np.eye(2))


@pytest.mark.parametrize(
    "matrix, alpha, beta",
    [
        ([[0, -1], [1, 0]], 0.0, 1.0),                          # a quarter turn
        ([[np.cos(0.3), -np.sin(0.3)], [np.sin(0.3), np.cos(0.3)]], np.cos(0.3), np.sin(0.3)),
        ([[1, -2], [1, 1]], 1.0, np.sqrt(2)),
    ],
)
def test_rotations_have_complex_eigenvalues_and_no_real_eigenvector(matrix, alpha, beta):
    result = linalg.eigen_2x2(matrix)
    assert result.kind == "complex"
    assert result.discriminant < 0
    assert_allclose([result.eigenvalues[0].real, result.eigenvalues[0].imag], [alpha, beta],
                    rtol=1e-14, atol=1e-16)
    assert result.eigenvectors.shape == (2, 0)


def test_eigenvector_sign_convention():
    # The largest component is positive (the first on a tie), like scikit-learn's PCA.
    result = linalg.eigen_2x2([[2, 1], [1, 2]])
    assert_allclose(result.eigenvectors, np.array([[1, 1], [1, -1]]).T / np.sqrt(2))
    # A - 2I = [[-1, -3], [0, 0]]: v1 ∝ (-3, 1), flipped to (3, -1); A - I gives (1, 0).
    result = linalg.eigen_2x2([[1, -3], [0, 2]])
    assert result.eigenvalues == (2.0, 1.0)
    assert_allclose(result.eigenvectors, np.array([[3, -1] / np.sqrt(10), [1, 0]]).T)


def test_huge_and_tiny_entries_do_not_overflow_or_nan():
    for matrix in ([[1e300, 1e300], [1e300, 1e300]], [[1e-300, 1e-300], [0, 2e-300]],
                   [[3e200, -1e200], [2e200, 1e199]]):
        result = linalg.eigen_2x2(matrix)
        values = np.array(result.eigenvalues, dtype=complex)
        assert np.all(np.isfinite(values)), result
        assert np.all(np.isfinite(result.eigenvectors))
        assert_allclose(sorted(values, key=lambda z: (z.real, z.imag)),
                        sorted(np.linalg.eigvals(np.array(matrix)), key=lambda z: (z.real, z.imag)),
                        rtol=1e-10, atol=1e-12 * np.abs(matrix).max())


def test_zero_matrix():
    result = linalg.eigen_2x2(np.zeros((2, 2)))
    assert result.kind == "repeated" and result.every_vector and result.eigenvalues == (0.0, 0.0)


# -- symmetric matrices by Jacobi rotations --------------------------------------------
def random_symmetric(n, rank=None):
    factor = rng.normal(size=(n, rank or n))
    return factor @ factor.T if rank else factor + factor.T


@pytest.mark.parametrize("n", [1, 2, 3, 5, 12, 40])
@pytest.mark.parametrize("rank", [None, 1, 2])
def test_symmetric_eigen_matches_eigh(n, rank):
    matrix = random_symmetric(n, rank if rank and rank < n else None)
    values, vectors = linalg.symmetric_eigen(matrix)
    expected_values, expected_vectors = np.linalg.eigh(matrix)
    scale = abs(expected_values).max()
    assert_allclose(values, expected_values[::-1], atol=1e-13 * scale)
    assert np.all(np.diff(values) <= 0)
    assert_allclose(vectors.T @ vectors, np.eye(n), atol=1e-13)
    assert_allclose(matrix @ vectors, vectors * values, atol=1e-12 * scale)
    # Where the eigenvalue is well separated, numpy's eigenvector spans the same line.
    gaps = np.abs(np.subtract.outer(values, values))
    np.fill_diagonal(gaps, np.inf)
    for i in range(n):
        if gaps[i].min() > 1e-6 * scale:
            assert_same_line(vectors[:, i], expected_vectors[:, n - 1 - i])
        v = vectors[:, i]
        assert v[np.argmax(abs(v))] > 0


def test_symmetric_eigen_on_a_diagonal_and_a_repeated_matrix():
    values, vectors = linalg.symmetric_eigen(np.diag([1.0, 5.0, 3.0]))
    assert_allclose(values, [5.0, 3.0, 1.0])
    assert_allclose(vectors, np.eye(3)[:, [1, 2, 0]])
    values, vectors = linalg.symmetric_eigen(np.full((4, 4), 2.0))  # rank one: 8, 0, 0, 0
    assert_allclose(values, [8.0, 0, 0, 0], atol=1e-14)
    assert_same_line(vectors[:, 0], np.full(4, 0.5))


def test_symmetric_eigen_agrees_with_eigen_2x2():
    for _ in range(20):
        matrix = random_symmetric(2)
        values, vectors = linalg.symmetric_eigen(matrix)
        closed_form = linalg.eigen_2x2(matrix)
        assert_allclose(values, closed_form.eigenvalues, rtol=1e-12, atol=1e-14)
        assert_allclose(vectors, closed_form.eigenvectors, atol=1e-12)


def test_jacobi_rotation_zeroes_its_entry_and_keeps_the_eigenvalues():
    matrix = random_symmetric(4)
    rotated, rotation = linalg.jacobi_rotation(matrix, 1, 3)
    assert rotated[1, 3] == 0.0 and rotated[3, 1] == 0.0
    assert_allclose(rotation.T @ rotation, np.eye(4), atol=1e-15)
    assert_allclose(rotation.T @ matrix @ rotation, rotated, atol=1e-13)
    assert_allclose(np.linalg.eigvalsh(rotated), np.linalg.eigvalsh(matrix), atol=1e-13)
    # The off-diagonal weight drops by exactly twice the zeroed entry squared.
    off = lambda m: np.sum(m**2) - np.sum(np.diag(m) ** 2)
    assert_allclose(off(rotated), off(matrix) - 2 * matrix[1, 3] ** 2, rtol=1e-12)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: linalg.eigen_2x2([[1, 2, 3], [4, 5, 6]]), "matrix must be a square matrix"),
        (lambda: linalg.eigen_2x2(np.eye(3)), "matrix must be 2x2"),
        (lambda: linalg.eigen_2x2([[1, np.nan], [0, 1]]), "matrix must be finite"),
        (lambda: linalg.eigen_2x2([[1, np.inf], [0, 1]]), "matrix must be finite"),
        (lambda: linalg.eigen_2x2([1, 2, 3, 4]), "matrix must be a 2-D array"),
        (lambda: linalg.eigen_2x2([[1, 2], [3]]), "matrix must be a 2-D array of real numbers"),
        (lambda: linalg.eigen_2x2([["a", 1], [2, 3]]), "matrix must be a 2-D array of real"),
        (lambda: linalg.symmetric_eigen([[1, 2], [3, 4]]), "matrix must be symmetric"),
        (lambda: linalg.symmetric_eigen(np.ones((2, 3))), "matrix must be a square matrix"),
        (lambda: linalg.symmetric_eigen([[np.nan]]), "matrix must be finite"),
        (lambda: linalg.symmetric_eigen(np.eye(2), max_sweeps=0), "max_sweeps must be >= 1"),
        (lambda: linalg.jacobi_rotation(np.eye(3), 1, 1), "p and q must differ"),
        (lambda: linalg.jacobi_rotation(np.eye(3), 0, 3), "q must be <= 2"),
        (lambda: linalg.jacobi_rotation([[1.0]], 0, 0), "at least 2x2"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
