"""mlmath.linalg.systems against numpy.linalg (solve, matrix_rank, det, inv, cond)
and scipy.linalg (null_space, hilbert)."""

import numpy as np
import pytest
import scipy.linalg
from numpy.testing import assert_allclose

from mlmath import linalg

SIZES = [1, 2, 3, 5, 10, 30]
#: Matrices that need a row exchange: a zero pivot, a tiny one, a permutation.
NEEDS_A_SWAP = [
    np.array([[0.0, 1.0], [1.0, 0.0]]),
    np.array([[0.0, 2.0, 1.0], [3.0, 1.0, 0.0], [1.0, 1.0, 1.0]]),
    np.array([[1e-20, 1.0], [1.0, 1.0]]),
    np.eye(4)[[2, 0, 3, 1]],
]
#: (shape, rank) of matrices built as a product of two thin random factors.
LOW_RANK = [((4, 4), 2), ((6, 6), 5), ((7, 3), 2), ((3, 9), 1), ((20, 12), 7), ((5, 5), 0)]


def low_rank(shape, r, seed):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(shape[0], r)) @ rng.normal(size=(r, shape[1]))


def permutation_matrix(perm):
    return np.eye(len(perm))[perm]


@pytest.mark.parametrize("n", SIZES)
def test_solve_matches_numpy_on_random_systems(n):
    rng = np.random.default_rng(n)
    A, b = rng.normal(size=(n, n)), rng.normal(size=n)
    assert_allclose(linalg.solve(A, b), np.linalg.solve(A, b), rtol=1e-9, atol=1e-12)
    B = rng.normal(size=(n, 3))  # three right-hand sides at once
    assert_allclose(linalg.solve(A, B), np.linalg.solve(A, B), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("A", NEEDS_A_SWAP, ids=["swap", "zero-pivot", "tiny-pivot", "perm"])
def test_systems_that_need_a_row_exchange_are_solved(A):
    b = np.arange(1.0, len(A) + 1)
    assert_allclose(linalg.solve(A, b), np.linalg.solve(A, b), rtol=1e-12, atol=1e-12)
    assert_allclose(linalg.det(A), np.linalg.det(A), rtol=1e-12)
    assert linalg.eliminate(A).swaps >= 1


def test_partial_pivoting_rescues_a_tiny_pivot():
    # Without a swap, 1e-20 would be the pivot and x1 would come out 0 instead of 1.
    x = linalg.solve([[1e-20, 1.0], [1.0, 1.0]], [1.0, 2.0])
    assert_allclose(x, [1.0, 1.0], rtol=1e-12)


@pytest.mark.parametrize("shape", [(1, 1), (3, 3), (4, 6), (6, 4), (8, 8)])
def test_elimination_gives_pa_equals_lu_with_u_in_echelon_form(shape):
    A = np.random.default_rng(sum(shape)).normal(size=shape)
    steps = linalg.eliminate(A)
    P = permutation_matrix(steps.perm)
    assert_allclose(P @ A, steps.L @ steps.U, atol=1e-12)
    assert_allclose(steps.L, np.tril(steps.L), atol=0)
    assert_allclose(np.diag(steps.L), 1.0)
    assert np.all(np.abs(steps.L) <= 1.0)  # partial pivoting: no multiplier exceeds 1
    # Echelon: each row's first nonzero entry is its pivot, strictly right of the last.
    for i, p in enumerate(steps.pivots):
        assert np.all(steps.U[i, :p] == 0) and steps.U[i, p] != 0
        assert np.all(steps.U[i + 1:, p] == 0)
    assert np.all(steps.U[len(steps.pivots):] == 0)
    assert list(steps.pivots) == sorted(set(steps.pivots))


@pytest.mark.parametrize("shape, r", LOW_RANK)
def test_rank_matches_numpy_on_built_low_rank_matrices(shape, r):
    for seed in range(20):
        A = low_rank(shape, r, seed) if r else np.zeros(shape)
        assert linalg.rank(A) == np.linalg.matrix_rank(A) == r


@pytest.mark.parametrize("shape", [(1, 4), (5, 1), (3, 3), (6, 9), (9, 6), (25, 25)])
def test_rank_matches_numpy_on_random_full_rank_matrices(shape):
    A = np.random.default_rng(shape[0] * 31 + shape[1]).normal(size=shape)
    assert linalg.rank(A) == np.linalg.matrix_rank(A) == min(shape)


def test_rank_of_exactly_dependent_columns_and_of_zero():
    assert linalg.rank([[1, 2], [2, 4]]) == 1
    assert linalg.rank([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == np.linalg.matrix_rank(
        [[1, 2, 3], [4, 5, 6], [7, 8, 9]]) == 2
    assert linalg.rank(np.zeros((3, 2))) == 0
    assert linalg.rank([[0, 0, 5]]) == 1


def test_rank_tolerance_decides_what_counts_as_zero():
    A = np.array([[1.0, 0.0], [0.0, 1e-10]])
    # Within sqrt(eps) of dependent: elimination's default calls it rank 1, the SVD's 2.
    assert linalg.rank_tolerance(A) == pytest.approx(2 * np.sqrt(np.finfo(float).eps))
    assert linalg.rank(A) == 1 and np.linalg.matrix_rank(A) == 2
    assert linalg.rank(A, tol=1e-12) == np.linalg.matrix_rank(A, tol=1e-12) == 2
    assert linalg.rank(A, tol=1e-8) == np.linalg.matrix_rank(A, tol=1e-8) == 1
    # solve still solves it: only a pivot at rounding level makes it refuse.
    assert linalg.pivot_tolerance(A) == pytest.approx(2 * np.finfo(float).eps)
    assert_allclose(linalg.solve(A, [1.0, 1e-10]), [1.0, 1.0])


@pytest.mark.parametrize("shape, r", [((100, 80), 60), ((60, 60), 59)])
def test_rank_survives_the_rounding_of_large_eliminations(shape, r):
    for seed in range(5):
        A = low_rank(shape, r, seed)
        assert linalg.rank(A) == np.linalg.matrix_rank(A) == r
        assert linalg.null_space(A).shape[1] == shape[1] - r


@pytest.mark.parametrize("n", SIZES)
def test_det_matches_numpy(n):
    A = np.random.default_rng(100 + n).normal(size=(n, n))
    assert_allclose(linalg.det(A), np.linalg.det(A), rtol=1e-10)


def test_det_signs_rows_swaps_and_products():
    # A permutation's determinant is the sign of the permutation.
    for perm in ([1, 0], [1, 2, 0], [2, 0, 3, 1], [3, 2, 1, 0]):
        P = permutation_matrix(perm)
        assert linalg.det(P) == pytest.approx(np.linalg.det(P))
    rng = np.random.default_rng(5)
    A, B = rng.normal(size=(2, 4, 4))
    assert_allclose(linalg.det(A @ B), linalg.det(A) * linalg.det(B), rtol=1e-10)
    assert linalg.det(np.triu(A)) == pytest.approx(np.prod(np.diag(A)))
    assert linalg.det([[2, 1], [1, 2]]) == pytest.approx(3.0)


def test_det_of_a_singular_matrix_is_zero():
    assert linalg.det([[1, 2], [2, 4]]) == 0.0
    assert linalg.det(np.zeros((3, 3))) == 0.0
    assert abs(linalg.det(low_rank((5, 5), 3, 1))) < 1e-12


@pytest.mark.parametrize("n", SIZES)
def test_inverse_matches_numpy(n):
    A = np.random.default_rng(200 + n).normal(size=(n, n))
    assert_allclose(linalg.inverse(A), np.linalg.inv(A), rtol=1e-8, atol=1e-10)
    assert_allclose(A @ linalg.inverse(A), np.eye(n), atol=1e-9)


def _same_span(N, M):
    """Two bases span the same subspace: their orthogonal projectors agree."""
    def projector(basis):
        if basis.shape[1] == 0:
            return np.zeros((basis.shape[0], basis.shape[0]))
        Q, _ = np.linalg.qr(basis)
        return Q @ Q.T
    assert N.shape == M.shape
    assert_allclose(projector(N), projector(M), atol=1e-8)


@pytest.mark.parametrize("shape, r", LOW_RANK + [((3, 5), 3), ((4, 4), 4)])
def test_null_space_spans_the_same_space_as_scipy(shape, r):
    A = low_rank(shape, r, 7) if r else np.zeros(shape)
    N = linalg.null_space(A)
    assert N.shape == (shape[1], shape[1] - r)  # rank-nullity
    assert_allclose(A @ N, 0.0, atol=1e-9)
    _same_span(N, scipy.linalg.null_space(A))


def test_null_space_of_dependent_columns_by_hand():
    # Column 2 is twice column 1: x = (-2, 1, 0) is in the null space.
    N = linalg.null_space([[1, 2, 0], [3, 6, 1]])
    assert_allclose(N, [[-2.0], [1.0], [0.0]])


@pytest.mark.parametrize("shape, r", [((4, 4), 2), ((3, 5), 2), ((6, 3), 2), ((5, 5), 5)])
def test_solution_set_of_a_consistent_system(shape, r):
    A = low_rank(shape, r, 3)
    b = A @ np.random.default_rng(4).normal(size=shape[1])  # b in the column space
    result = linalg.solution_set(A, b)
    assert result.rank == result.augmented_rank == np.linalg.matrix_rank(A)
    assert_allclose(A @ result.particular, b, atol=1e-9)
    t = np.random.default_rng(5).normal(size=result.null_space.shape[1])
    assert_allclose(A @ (result.particular + result.null_space @ t), b, atol=1e-9)
    _same_span(result.null_space, scipy.linalg.null_space(A))


def test_solution_set_of_an_inconsistent_system():
    A = np.array([[1.0, 2.0], [2.0, 4.0]])
    result = linalg.solution_set(A, [3.0, 5.0])
    assert result.particular is None
    assert (result.rank, result.augmented_rank) == (1, 2)
    assert np.linalg.matrix_rank(np.column_stack([A, [3.0, 5.0]])) == 2
    # NumPy's least squares confirms it: even the best x leaves a residual.
    _, residual, *_ = np.linalg.lstsq(A, [3.0, 5.0])
    assert residual.size == 0 or residual[0] > 0.1
    x, *_ = np.linalg.lstsq(A, [3.0, 5.0])
    assert np.linalg.norm(A @ x - [3.0, 5.0]) > 0.1


def test_solution_set_of_the_zero_matrix():
    every = linalg.solution_set(np.zeros((2, 2)), [0.0, 0.0])
    assert_allclose(every.particular, [0.0, 0.0])
    assert_allclose(every.null_space, np.eye(2))
    assert linalg.solution_set(np.zeros((2, 2)), [1.0, 0.0]).particular is None


def test_condition_number_matches_numpy_and_grows_on_hilbert_matrices():
    rng = np.random.default_rng(9)
    A = rng.normal(size=(6, 6))
    assert_allclose(linalg.condition_number(A), np.linalg.cond(A), rtol=1e-10)
    previous = 1.0
    for n in range(2, 11):
        kappa = linalg.condition_number(scipy.linalg.hilbert(n))
        assert_allclose(kappa, np.linalg.cond(scipy.linalg.hilbert(n)), rtol=1e-6)
        assert kappa > 10 * previous
        previous = kappa
    assert linalg.condition_number(np.zeros((2, 2))) == np.inf


def test_solving_a_hilbert_system_loses_about_log10_kappa_digits():
    n = 10
    H = scipy.linalg.hilbert(n)
    x_true = np.ones(n)
    x = linalg.solve(H, H @ x_true)
    relative_error = np.linalg.norm(x - x_true) / np.linalg.norm(x_true)
    kappa = linalg.condition_number(H)
    assert 1e-16 * kappa / 1e4 < relative_error < 1e-16 * kappa * 1e2


@pytest.mark.parametrize("call, message", [
    (lambda: linalg.solve([[1, 2, 3], [4, 5, 6]], [1, 2]), r"matrix must be square"),
    (lambda: linalg.solve([[1, 2], [2, 4]], [1, 2]), r"matrix is singular \(rank 1 < 2\)"),
    (lambda: linalg.solve(np.zeros((3, 3)), [1, 2, 3]), r"matrix is singular"),
    (lambda: linalg.solve([[1, 0], [0, 1]], [1, 2, 3]), r"b must have 2 rows"),
    (lambda: linalg.solve([[np.nan, 0], [0, 1]], [1, 2]), r"matrix must be finite"),
    (lambda: linalg.solve([[1, 0], [0, 1]], [np.inf, 2]), r"b must be finite"),
    (lambda: linalg.solve([[1, 0], [0]], [1, 2]), r"matrix must be a 2-D array"),
    (lambda: linalg.solve([1, 2], [1, 2]), r"matrix must be a 2-D array"),
    (lambda: linalg.det([[1, 2, 3]]), r"matrix must be square"),
    (lambda: linalg.inverse([[1, 2], [2, 4]]), r"singular matrix has no inverse"),
    (lambda: linalg.inverse([[1, 2]]), r"matrix must be square"),
    (lambda: linalg.rank([[1, 2], [3, 4]], tol=-1), r"tol must be >= 0"),
    (lambda: linalg.rank([[1, np.inf]]), r"matrix must be finite"),
    (lambda: linalg.eliminate("abc"), r"matrix must be"),
    (lambda: linalg.null_space([[np.nan]]), r"matrix must be finite"),
    (lambda: linalg.solution_set([[1, 2], [3, 4]], [1, 2, 3]), r"b must have 2 components"),
    (lambda: linalg.solution_set([[1, 2], [3, 4]], [1, np.nan]), r"b must be finite"),
    (lambda: linalg.condition_number([[1, 2, 3]]), r"matrix must be square"),
])
def test_bad_input_is_refused_with_the_argument_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
