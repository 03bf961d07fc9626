"""Gram–Schmidt, QR, projections and least squares, against numpy.linalg."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from mlmath import linalg

RNG = np.random.default_rng(11)
TALL = RNG.normal(size=(8, 4))
Y = RNG.normal(size=8)
#: Column 3 is column 1 plus twice column 2: rank 3 of 4.
DEPENDENT = np.column_stack([TALL[:, :3], TALL[:, 0] + 2 * TALL[:, 1]])


def _signs_matched(Q, R, Q_ref, R_ref):
    """Q_ref, R_ref with each column of Q_ref (row of R_ref) flipped to match Q's sign:
    QR is unique only up to these signs."""
    signs = np.sign(np.sum(Q * Q_ref, axis=0))
    return Q_ref * signs, R_ref * signs[:, None]


@pytest.mark.parametrize("modified", [True, False])
@pytest.mark.parametrize("shape", [(8, 4), (5, 5), (30, 1), (6, 3)])
def test_qr_matches_numpy_up_to_column_signs(shape, modified):
    A = np.random.default_rng(sum(shape)).normal(size=shape)
    Q, R = linalg.qr(A, modified=modified)
    Q_ref, R_ref = _signs_matched(Q, R, *np.linalg.qr(A, mode="reduced"))
    assert_allclose(Q, Q_ref, atol=1e-12)
    assert_allclose(R, R_ref, atol=1e-12)
    assert np.all(np.diag(R) > 0)
    assert_allclose(np.tril(R, -1), 0)


def test_gram_schmidt_gives_orthonormal_columns_spanning_the_same_space():
    Q = linalg.gram_schmidt(TALL)
    assert_allclose(Q.T @ Q, np.eye(4), atol=1e-14)
    # Each column of A is recovered from the basis: A lies in the span of Q.
    assert_allclose(Q @ (Q.T @ TALL), TALL, atol=1e-13)
    # The first j columns of Q span the first j columns of A (R is triangular).
    for j in range(1, 4):
        Qj = Q[:, :j]
        assert_allclose(Qj @ (Qj.T @ TALL[:, :j]), TALL[:, :j], atol=1e-13)


def test_modified_gram_schmidt_stays_far_more_orthogonal_than_classical():
    # Nearly dependent columns: a Vandermonde matrix (condition number about 4e6).
    V = np.vander(np.linspace(0, 1, 20), 10, increasing=True)
    loss = {m: np.abs(linalg.gram_schmidt(V, modified=m).T
                      @ linalg.gram_schmidt(V, modified=m) - np.eye(10)).max()
            for m in (True, False)}
    assert loss[True] < 1e-8 < 1e-3 < loss[False]


def test_orthogonal_matrix_keeps_lengths_and_angles():
    Q, _ = linalg.qr(RNG.normal(size=(5, 5)))
    a, b = RNG.normal(size=5), RNG.normal(size=5)
    assert_allclose(Q.T @ Q, np.eye(5), atol=1e-14)
    assert_allclose(Q @ Q.T, np.eye(5), atol=1e-14)  # square: the inverse is Qᵀ
    assert np.isclose(np.linalg.norm(Q @ a), np.linalg.norm(a))
    assert np.isclose((Q @ a) @ (Q @ b), a @ b)


@pytest.mark.parametrize("A", [TALL, DEPENDENT], ids=["independent", "dependent"])
def test_projection_matrix_is_idempotent_symmetric_and_leaves_a_perpendicular_remainder(A):
    P = linalg.projection_matrix(A)
    assert_allclose(P @ P, P, atol=1e-13)
    assert_allclose(P.T, P, atol=1e-15)
    remainder = Y - linalg.project(Y, A)
    assert_allclose(A.T @ remainder, 0, atol=1e-12)
    # Its trace is the dimension of the column space, as numpy counts it.
    assert np.isclose(np.trace(P), np.linalg.matrix_rank(A))


def test_projection_agrees_with_the_textbook_formula_and_with_numpy_lstsq():
    by_formula = TALL @ np.linalg.solve(TALL.T @ TALL, TALL.T @ Y)
    by_numpy = TALL @ np.linalg.lstsq(TALL, Y, rcond=None)[0]
    assert_allclose(linalg.project(Y, TALL), by_formula, atol=1e-12)
    assert_allclose(linalg.project(Y, TALL), by_numpy, atol=1e-12)
    # Dependent columns span the space of their first three: the same projection.
    assert_allclose(linalg.project(Y, DEPENDENT), linalg.project(Y, TALL[:, :3]), atol=1e-12)


def test_projection_on_a_single_column_is_the_dot_product_chapters():
    a = np.array([3.0, 1.0])
    b = np.array([1.0, 2.0])
    assert_allclose(linalg.project(b, a[:, None]), linalg.projection(b, onto=a))


@pytest.mark.parametrize("X", [TALL, DEPENDENT, DEPENDENT[:3], np.zeros((4, 2)),
                               np.column_stack([np.ones(4), 2.5 * np.ones(4)]),
                               np.column_stack([TALL[:, 0], TALL[:, 0], TALL[:, 1]])],
                         ids=["independent", "dependent", "wide", "zeros", "equal-x",
                              "repeated"])
def test_lstsq_matches_numpy_including_the_minimum_norm_solution(X):
    y = Y[:len(X)]
    fit = linalg.lstsq(X, y)
    weights, _, rank, _ = np.linalg.lstsq(X, y, rcond=None)
    assert_allclose(fit.weights, weights, atol=1e-12)
    assert fit.rank == rank
    assert_allclose(fit.residual, y - X @ weights, atol=1e-12)
    assert np.isclose(fit.rss, np.sum((y - X @ weights) ** 2))
    assert_allclose(X.T @ fit.residual, 0, atol=1e-12)


def test_normal_equations_agree_on_a_well_conditioned_problem():
    assert_allclose(linalg.lstsq_normal(TALL, Y).weights,
                    np.linalg.lstsq(TALL, Y, rcond=None)[0], atol=1e-12)


def test_normal_equations_lose_about_twice_the_digits_of_qr():
    V = np.vander(np.linspace(0, 1, 20), 10, increasing=True)
    w = np.ones(10)
    y = V @ w
    error = {f.__name__: np.linalg.norm(f(V, y).weights - w) for f in
             (linalg.lstsq, linalg.lstsq_normal)}
    # Nearly dependent is not dependent: all ten columns count.
    assert linalg.lstsq(V, y).rank == 10
    kappa = np.linalg.cond(V)
    eps = np.finfo(float).eps
    assert error["lstsq"] < 100 * kappa * eps < error["lstsq_normal"]


def test_normal_equations_refuse_dependent_columns():
    with pytest.raises(ValueError, match="X must have linearly independent columns"):
        linalg.lstsq_normal(DEPENDENT, Y)


@pytest.mark.parametrize("function", [linalg.qr, linalg.gram_schmidt])
@pytest.mark.parametrize("A, column", [(DEPENDENT, "column 4"), (DEPENDENT[:3], "more columns than rows"),
                                       (np.zeros((3, 2)), "column 1")])
def test_qr_refuses_dependent_columns_naming_the_column(function, A, column):
    with pytest.raises(ValueError, match=f"A must have linearly independent columns.*{column}"):
        function(A)


NAN = np.array([[1.0, np.nan], [0.0, 1.0]])


@pytest.mark.parametrize("call, argument", [
    (lambda: linalg.qr(NAN), "A"),
    (lambda: linalg.gram_schmidt([[1.0, np.inf], [0.0, 1.0]]), "A"),
    (lambda: linalg.qr([1.0, 2.0]), "A"),
    (lambda: linalg.project([1.0, np.nan], np.eye(2)), "b"),
    (lambda: linalg.project([1.0, 2.0], NAN), "A"),
    (lambda: linalg.project([1.0, 2.0, 3.0], np.eye(2)), "b"),
    (lambda: linalg.projection_matrix([[np.nan]]), "A"),
    (lambda: linalg.lstsq(NAN, [1.0, 2.0]), "X"),
    (lambda: linalg.lstsq(np.eye(2), [1.0, np.inf]), "y"),
    (lambda: linalg.lstsq(np.eye(2), [1.0, 2.0, 3.0]), "y"),
    (lambda: linalg.lstsq_normal(np.eye(3), [1.0, 2.0]), "y"),
    (lambda: linalg.lstsq_normal([[1.0, 2.0], [np.nan, 1.0]], [1.0, 2.0]), "X"),
])
def test_bad_input_is_refused_naming_the_argument(call, argument):
    with pytest.raises(ValueError, match=rf"^{argument} must"):
        call()


@pytest.mark.parametrize("seed", range(20))
def test_a_wide_matrix_never_has_more_independent_columns_than_rows(seed):
    # 15 points, 16 Legendre columns: rank at most 15. Gram–Schmidt's leftover of
    # the 16th column is rounding, but not always below the tolerance (seen by the
    # cross-validation chapter's degree-15 fits on 15 points).
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-1, 1, 15))
    X, y = np.polynomial.legendre.legvander(x, 15), rng.normal(size=15)
    fit = linalg.lstsq(X, y)
    assert fit.rank == np.linalg.matrix_rank(X) == 15
    # 15 equations, 16 unknowns: solvable, up to rounding amplified by the conditioning.
    eps = np.finfo(float).eps
    assert np.abs(X @ fit.weights - y).max() <= 100 * np.linalg.cond(X) * eps * np.abs(y).max()
