"""mlmath.linalg.svd against numpy.linalg, scikit-learn and the Eckart–Young theorem."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.decomposition import TruncatedSVD

from mlmath import linalg

rng = np.random.default_rng(20261127)
SHAPES = [(1, 1), (1, 5), (6, 1), (4, 4), (7, 3), (3, 9), (40, 25)]


@pytest.mark.parametrize("shape", SHAPES)
def test_svd_rebuilds_the_matrix_with_orthonormal_factors(shape):
    A = rng.normal(size=shape)
    U, s, Vt = linalg.svd(A)
    r = min(shape)
    assert U.shape == (shape[0], r) and s.shape == (r,) and Vt.shape == (r, shape[1])
    assert_allclose((U * s) @ Vt, A, atol=1e-12)
    assert_allclose(U.T @ U, np.eye(r), atol=1e-12)
    assert_allclose(Vt @ Vt.T, np.eye(r), atol=1e-12)
    assert_allclose(s, np.linalg.svd(A, compute_uv=False), rtol=1e-12)
    assert np.all(np.diff(s) <= 0)
    # The sign rule: the largest entry of every u_k is positive.
    assert np.all(U[np.argmax(np.abs(U), axis=0), np.arange(r)] > 0)


@pytest.mark.parametrize("shape", SHAPES)
def test_matrix_rank_and_frobenius_norm_match_numpy(shape):
    A = rng.normal(size=shape)
    assert linalg.matrix_rank(A) == np.linalg.matrix_rank(A)
    assert_allclose(linalg.frobenius_norm(A), np.linalg.norm(A, "fro"), rtol=1e-13)
    assert_allclose(linalg.frobenius_norm(A) ** 2,
                    np.sum(np.linalg.svd(A, compute_uv=False) ** 2), rtol=1e-12)


def test_rank_of_built_low_rank_matrices():
    for rank in (1, 2, 5):
        A = rng.normal(size=(30, rank)) @ rng.normal(size=(rank, 20))
        assert linalg.matrix_rank(A) == rank == np.linalg.matrix_rank(A)
    assert linalg.matrix_rank(np.zeros((3, 4))) == 0
    nearly = np.diag([1.0, 1e-9])
    assert linalg.matrix_rank(nearly) == 2 and linalg.matrix_rank(nearly, tol=1e-6) == 1
    assert linalg.frobenius_norm([[3e200, 4e200]]) == pytest.approx(5e200)
    assert linalg.frobenius_norm(np.zeros((2, 2))) == 0.0


@pytest.mark.parametrize("shape, rank", [((40, 25), 1), ((40, 25), 7), ((25, 40), 12), ((9, 9), 8)])
def test_low_rank_approximation_matches_truncated_svd(shape, rank):
    A = rng.normal(size=shape)
    Ar = linalg.low_rank_approximation(A, rank)
    reference = TruncatedSVD(n_components=rank, algorithm="arpack", random_state=0)
    reduced = reference.fit_transform(A)
    assert_allclose(Ar, reduced @ reference.components_, atol=1e-9)
    assert linalg.matrix_rank(Ar) == rank


@pytest.mark.parametrize("rank", [1, 3, 10, 25])
def test_eckart_young_error_and_energy(rank):
    A = rng.normal(size=(40, 25)) @ np.diag(np.geomspace(10, 0.01, 25))
    s = np.linalg.svd(A, compute_uv=False)
    Ar = linalg.low_rank_approximation(A, rank)
    error = np.linalg.norm(A - Ar, "fro") / np.linalg.norm(A, "fro")
    assert_allclose(linalg.low_rank_error(s, rank), error, rtol=1e-9, atol=1e-13)
    kept = np.linalg.norm(Ar, "fro") ** 2 / np.linalg.norm(A, "fro") ** 2
    assert_allclose(linalg.energy_kept(s, rank), kept, rtol=1e-12)
    assert_allclose(linalg.energy_kept(s, rank) + linalg.low_rank_error(s, rank) ** 2, 1.0)
    # Eckart-Young: no other rank-r matrix does better, not even nearby ones.
    for _ in range(20):
        other = linalg.low_rank_approximation(Ar + 0.05 * rng.normal(size=A.shape), rank)
        assert np.linalg.norm(A - other) >= np.linalg.norm(A - Ar) - 1e-12


def test_full_rank_rebuilds_exactly_and_small_errors_keep_their_digits():
    A = rng.normal(size=(6, 4))
    assert_allclose(linalg.low_rank_approximation(A, 4), A, atol=1e-12)
    assert linalg.low_rank_error(np.linalg.svd(A, compute_uv=False), 4) == 0.0
    # sqrt(1 - energy) would round to 0 here; the dropped values give the answer.
    assert_allclose(linalg.low_rank_error([1.0, 1e-10], 1), 1e-10, rtol=1e-12)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: linalg.svd([1, 2, 3]), "matrix must be a 2-D array"),
        (lambda: linalg.svd(np.zeros((0, 3))), "matrix must have at least one row"),
        (lambda: linalg.svd([[1, np.nan]]), "matrix must be finite"),
        (lambda: linalg.svd([["a", "b"]]), "matrix must be a 2-D array of real numbers"),
        (lambda: linalg.matrix_rank([[1, 2]], tol=-1), "tol must be >= 0"),
        (lambda: linalg.low_rank_approximation(np.ones((3, 2)), 0), "rank must be an integer from 1 to 2"),
        (lambda: linalg.low_rank_approximation(np.ones((3, 2)), 3), "rank must be an integer from 1 to 2"),
        (lambda: linalg.low_rank_approximation(np.ones((3, 2)), 1.5), "rank must be an integer"),
        (lambda: linalg.low_rank_approximation(np.ones((3, 2)), True), "rank must be an integer"),
        (lambda: linalg.low_rank_approximation([[np.inf]], 1), "matrix must be finite"),
        (lambda: linalg.energy_kept([3, 2, 1], 4), "rank must be an integer from 1 to 3"),
        (lambda: linalg.energy_kept([1, 2], 1), "sorted from largest"),
        (lambda: linalg.energy_kept([0, 0], 1), "must not all be 0"),
        (lambda: linalg.low_rank_error([2, -1], 1), "finite and >= 0"),
        (lambda: linalg.low_rank_error([2, np.nan], 1), "finite and >= 0"),
        (lambda: linalg.low_rank_error([[2, 1]], 1), "non-empty 1-D"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
